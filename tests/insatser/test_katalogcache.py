"""The catalogue kept for registration (insatser/katalogcache.py): whatever changes an insats,
its villkor, its katalog or its utförare, by the services or behind their back with SQL, the
next read sees it; what has not changed costs one query."""

from __future__ import annotations

import datetime
import itertools

import pytest
from django.db import connection, transaction
from django.http import Http404
from django.test.utils import CaptureQueriesContext

from dokumentation.logg.atkomst import hamta_insats
from insatser import katalogcache
from insatser.models import Insats, Katalog, Katalogversion, Villkor
from organisation.models import Utforare
from tests.factories import InsatsFactory, VillkorFactory

pytestmark = [
    pytest.mark.django_db,
    # The token is replaced by PostgreSQL triggers; on SQLite (the local demo only) nothing is
    # kept and every read goes to the rows.
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the triggers exist on PostgreSQL only"
    ),
]


@pytest.fixture
def insats(utforare):
    insats = InsatsFactory(utforare=utforare, beslutad=True, namn="Stödsamtal")
    VillkorFactory(insats=insats, ordning=1, kommun="Testköping")
    return insats


def las(pk: int) -> Insats:
    kept = katalogcache.insats(pk)
    assert kept is not None
    return kept


def antal_fragor(pk: int) -> int:
    with CaptureQueriesContext(connection) as fragor:
        las(pk)
    return len(fragor)


def test_what_has_not_changed_costs_one_query(insats):
    las(insats.pk)
    assert antal_fragor(insats.pk) == 1
    kept = las(insats.pk)
    with CaptureQueriesContext(connection) as fragor:
        assert [v.kommun for v in kept.villkor.all()] == ["Testköping"]
        assert kept.katalog.kommun and kept.utforare.namn
    assert len(fragor) == 0


@pytest.mark.parametrize(
    "andring",
    [
        "UPDATE insatser_villkor SET kommun = 'Annanstad'",
        "UPDATE insatser_insats SET namn = 'Nytt namn'",
        "UPDATE insatser_katalog SET informationstext = 'Ny text'",
        "UPDATE organisation_utforare SET namn = 'Ny utförare'",
        # Registration reads the decision's effective date (issue 18).
        "UPDATE insatser_beslut SET galler_fran = '2026-02-01'",
        "DELETE FROM insatser_villkor",
    ],
)
def test_a_change_by_sql_behind_the_apps_back_is_seen_at_once(insats, andring):
    las(insats.pk)
    with connection.cursor() as markor:
        markor.execute(andring)
    kept = las(insats.pk)
    assert antal_fragor(insats.pk) == 1  # read again once, then kept
    farsk = Insats.objects.select_related("katalog", "utforare").get(pk=insats.pk)
    assert kept.namn == farsk.namn
    assert kept.katalog.informationstext == farsk.katalog.informationstext
    assert kept.utforare.namn == farsk.utforare.namn
    assert kept.beslut.galler_fran == farsk.beslut.galler_fran
    assert [v.kommun for v in kept.villkor.all()] == list(
        Villkor.objects.filter(insats=insats).values_list("kommun", flat=True)
    )


def test_a_change_by_the_orm_is_seen(insats):
    las(insats.pk)
    Villkor.objects.filter(insats=insats).update(kommun="Annanstad")
    assert [v.kommun for v in las(insats.pk).villkor.all()] == ["Annanstad"]
    Insats.objects.filter(pk=insats.pk).update(status=Insats.Status.UPPHORD)
    assert las(insats.pk).status == Insats.Status.UPPHORD


def test_a_change_rolled_back_leaves_nothing_behind(insats):
    las(insats.pk)
    fore = Katalogversion.objects.get().token

    class Angrat(Exception):
        pass

    with pytest.raises(Angrat), transaction.atomic():
        Villkor.objects.filter(insats=insats).update(kommun="Annanstad")
        assert [v.kommun for v in las(insats.pk).villkor.all()] == ["Annanstad"]
        raise Angrat
    assert Katalogversion.objects.get().token == fore
    assert [v.kommun for v in las(insats.pk).villkor.all()] == ["Testköping"]


def test_without_the_token_row_every_read_goes_to_the_rows(insats):
    Katalogversion.objects.all().delete()
    las(insats.pk)
    assert antal_fragor(insats.pk) == 3  # the token, the insats, its villkor
    Utforare.objects.filter(pk=insats.utforare_id).update(telefon="08-123")
    assert Katalogversion.objects.exists()  # the next change brings it back
    assert las(insats.pk).utforare.telefon == "08-123"


def test_each_read_is_its_own_copy(insats):
    forsta = las(insats.pk)
    forsta.namn = "Ändrat i en begäran"
    assert las(insats.pk).namn == "Stödsamtal"


def test_no_such_insats(db):
    assert katalogcache.insats(10**9) is None


def test_registration_reads_only_insatser_in_force_at_the_users_utforare(
    insats, personal, personal_annan
):
    assert hamta_insats(personal, insats.pk).pk == insats.pk
    with pytest.raises(Http404):
        hamta_insats(personal_annan, insats.pk)
    Insats.objects.filter(pk=insats.pk).update(status=Insats.Status.UPPHORD)
    with pytest.raises(Http404):
        hamta_insats(personal, insats.pk)


def test_in_force_is_the_same_for_one_insats_as_for_the_queryset(utforare):
    """Insats.ar_publicerad and InsatsQuerySet.publicerade say the same of every insats."""
    dag = datetime.date(2026, 6, 15)
    datum = [None, dag - datetime.timedelta(days=1), dag, dag + datetime.timedelta(days=1)]
    katalog = Katalog.objects.create(kommun="Jämförköping", namnd="Socialnämnden")
    for nr, (beslutad, fran, till) in enumerate(itertools.product([True, False], datum, datum)):
        if fran and till and till < fran:
            continue  # the database refuses it (CHECK insats_slutar_inte_fore_start)
        InsatsFactory(
            katalog=katalog, beslutad=beslutad, giltig_fran=fran, giltig_till=till, namn=f"I{nr}"
        )
    alla = Insats.objects.filter(katalog=katalog)
    publicerade = set(alla.publicerade(dag).values_list("pk", flat=True))
    assert {i.pk for i in alla if i.ar_publicerad(dag)} == publicerade
    assert 0 < len(publicerade) < alla.count()


def test_a_participation_read_with_the_token_sees_a_change_at_once(rf, insats, personal):
    """A page reads the token with the signed-in user, in the query that loads the user on
    every request (katalogcache.token_med): no query of its own, and a change behind the
    app's back is seen by the next request, as with the token read alone."""
    from dokumentation.logg.atkomst import hamta_deltagande
    from organisation.behorighet import med_behorigheter
    from tests.dokumentation.conftest import registrera

    d = registrera(personal, insats, svar=["uppfyllt"])

    def sida() -> tuple[str, int]:
        request = rf.get("/")
        request.user = med_behorigheter(personal.pk)  # as the session's user is loaded
        with CaptureQueriesContext(connection) as fragor:
            namn = hamta_deltagande(request, d.deltagande.pk, vad="Såg").insats.namn
        assert "insatser_katalogversion" not in " ".join(f["sql"] for f in fragor)
        return namn, len(fragor)

    assert sida()[0] == "Stödsamtal"
    assert sida() == ("Stödsamtal", 1)  # the participation; the insats is the one kept
    with connection.cursor() as markor:
        markor.execute("UPDATE insatser_insats SET namn = 'Nytt namn'")
    assert sida()[0] == "Nytt namn"
