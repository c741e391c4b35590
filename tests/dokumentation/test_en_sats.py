"""The common registrations written in one SQL statement (dokumentation/en_sats.py,
bench/RESULTS.md fourteenth session): the same rows as the ORM path, the same rules and
messages, nothing half saved when the database refuses, and a refusal never a 500 – also
outside a transaction, as in production (the other tests run inside one)."""

from __future__ import annotations

import datetime
import uuid

import pytest
from django.db import IntegrityError, connection
from django.forms.models import model_to_dict
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dokumentation.deltagande.models import Deltagande
from dokumentation.deltagande.services import registrera_samtal
from dokumentation.kontakter.models import Kontakt, Villkorssvar
from dokumentation.tillfallen.models import Tillfalle
from insatser.models import Insats
from insatser.services import RegelBrott
from organisation.models import Roll
from tests.dokumentation.conftest import IDAG, registrera
from tests.factories import AnvandareFactory, InsatsFactory, VillkorFactory

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the single statement is PostgreSQL's"
)
SVAR = ["uppfyllt", "uppfyllt"]


@pytest.fixture
def utan_tak(katalog, utforare):
    """14:4 talks with two villkor and no cap on their number."""
    insats = InsatsFactory(
        katalog=katalog,
        utforare=utforare,
        beslutad=True,
        namn="Samtalsstöd",
        form=Insats.Form.INDIVIDUELL,
        max_tillfallen=None,
    )
    VillkorFactory(insats=insats, typ="alder", min_alder=18, kommun=None, ordning=1)
    VillkorFactory(insats=insats, ordning=2)
    return insats


def skrivningar(fangat):
    return [
        q["sql"]
        for q in fangat.captured_queries
        if q["sql"].startswith(("INSERT", "UPDATE", "WITH", "DELETE")) or "FOR UPDATE" in q["sql"]
    ]


def rad(post, *utom):
    return {k: v for k, v in model_to_dict(post).items() if k not in ("id", *utom)}


@pytest.mark.django_db
def test_a_contact_that_starts_taking_part_is_one_statement(personal, utan_tak):
    with CaptureQueriesContext(connection) as fangat:
        kontakt = registrera(personal, utan_tak, svar=SVAR)
    [skrivning] = skrivningar(fangat)
    assert skrivning.startswith("WITH k AS (INSERT INTO")
    d = Deltagande.objects.get(kontakt=kontakt)
    assert kontakt.deltagande.pk == d.pk and d.deltagarkod == kontakt.deltagande.deltagarkod
    assert d.dokumentationsregel == "14:4" and d.maende_start == 3 and d.status == "pagaende"
    assert sorted(Villkorssvar.objects.filter(kontakt=kontakt).values_list("villkor", "svar")) == [
        (v.pk, "uppfyllt") for v in utan_tak.villkor.order_by("pk")
    ]


@pytest.mark.django_db
def test_the_statement_writes_the_rows_the_orm_writes(personal, utan_tak, monkeypatch):
    en = registrera(personal, utan_tak, svar=SVAR, utfall="vantelista")
    monkeypatch.setattr("dokumentation.en_sats.finns", lambda: False)
    with CaptureQueriesContext(connection) as fangat:
        orm = registrera(personal, utan_tak, svar=SVAR, utfall="vantelista")
    assert not any(s.startswith("WITH") for s in skrivningar(fangat))
    assert rad(en, "inlamningsnyckel") == rad(orm, "inlamningsnyckel")
    assert rad(en.deltagande, "kontakt", "deltagarkod", "nyckel") == rad(
        orm.deltagande, "kontakt", "deltagarkod", "nyckel"
    )
    svaren = [
        [rad(s, "kontakt") for s in Villkorssvar.objects.filter(kontakt=k).order_by("villkor")]
        for k in (en, orm)
    ]
    assert svaren[0] == svaren[1] and len(svaren[0]) == 2
    assert abs(Kontakt.objects.get(pk=en.pk).registrerad - orm.registrerad).total_seconds() < 60


@pytest.mark.django_db
def test_a_contact_that_does_not_take_part_writes_no_participation(personal, utan_tak):
    kontakt = registrera(personal, utan_tak, svar=SVAR, utfall="avbojde")
    assert Kontakt.objects.filter(pk=kontakt.pk, utfall="avbojde").exists()
    assert not Deltagande.objects.exists() and Villkorssvar.objects.count() == 2


@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_a_refused_statement_leaves_nothing(personal, utan_tak, monkeypatch):
    """The participation's CHECK refuses the code (lower case): the contact and its answers,
    written earlier in the same statement, are not kept either."""
    monkeypatch.setattr("dokumentation.deltagande.services.ny_deltagarkod", lambda: "abcd-efgh")
    with pytest.raises(IntegrityError):
        registrera(personal, utan_tak, svar=SVAR)
    assert not Kontakt.objects.exists() and not Villkorssvar.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_a_taken_code_is_drawn_again(personal, utan_tak, monkeypatch):
    forsta = registrera(personal, utan_tak, svar=SVAR).deltagande.deltagarkod
    dragna = iter([forsta, "ABCD-EFGH"])
    monkeypatch.setattr("dokumentation.deltagande.services.ny_deltagarkod", lambda: next(dragna))
    assert registrera(personal, utan_tak, svar=SVAR).deltagande.deltagarkod == "ABCD-EFGH"
    assert Kontakt.objects.count() == 2 and Villkorssvar.objects.count() == 4


def kontaktdata(nyckel):
    return {
        "nyckel": str(nyckel),
        "datum": IDAG.isoformat(),
        "kanal": "pa_plats",
        "alder": "34",
        "kon": "kvinna",
        "villkor_1": "uppfyllt",
        "villkor_2": "uppfyllt",
        "informerad": "on",
        "utfall": "deltar",
    }


@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_the_form_sent_again_says_so(client, personal, utforare, utan_tak):
    """The unique key refuses the second statement: "Redan sparad" for the sender, the field
    message for a colleague, one contact, never a 500."""
    url = reverse("dokumentation:kontakt_ny", args=[utan_tak.pk])
    data = kontaktdata(uuid.uuid4())
    client.force_login(personal)
    assert client.post(url, data).status_code == 302
    assert "Redan sparad" in client.post(url, data, follow=True).text
    kollega = AnvandareFactory.med_roll(Roll.UTFORARPERSONAL, utforare, username="k2")
    client.force_login(kollega)
    svar = client.post(url, data)
    assert svar.status_code == 200 and "Formuläret har redan använts" in svar.text
    assert Kontakt.objects.count() == 1 and Deltagande.objects.count() == 1
    assert Villkorssvar.objects.count() == 2


@pytest.fixture
def deltagande(personal, utan_tak):
    return registrera(
        personal, utan_tak, svar=SVAR, datum=IDAG - datetime.timedelta(days=10)
    ).deltagande


def samtal(deltagande, personal, **andringar):
    return registrera_samtal(
        **{
            "deltagande": deltagande,
            "datum": IDAG,
            "langd_minuter": 45,
            "kanal": "telefon",
            "personal": personal,
            "nyckel": uuid.uuid4(),
            "idag": IDAG,
        }
        | andringar
    )


@pytest.mark.django_db
def test_a_talk_without_a_cap_is_one_statement_with_the_lock(personal, deltagande):
    d = Deltagande.objects.get(pk=deltagande.pk)
    with CaptureQueriesContext(connection) as fangat:
        t = samtal(d, personal)
    [skrivning] = skrivningar(fangat)
    assert skrivning.startswith("WITH l AS (SELECT") and "FOR UPDATE" in skrivning
    sparat = Tillfalle.objects.get(pk=t.pk)
    assert (sparat.deltagande_id, sparat.langd_minuter, sparat.kanal) == (d.pk, 45, "telefon")
    assert (sparat.typ, sparat.personal_id, sparat.over_taket) == ("individuellt", personal.pk, "")


@pytest.mark.django_db
def test_a_talk_for_a_participation_changed_since_it_was_read_gets_the_rules_message(
    personal, deltagande
):
    """The participation was read with an earlier start; the statement finds it changed and
    writes nothing, and the ORM path, reading under its lock, refuses at the date."""
    inaktuell = Deltagande.objects.get(pk=deltagande.pk)
    Deltagande.objects.filter(pk=deltagande.pk).update(startdatum=IDAG)
    with pytest.raises(RegelBrott) as fel:
        samtal(inaktuell, personal, datum=IDAG - datetime.timedelta(days=5))
    assert [o.falt for o in fel.value.overtradelser] == ["datum"]
    assert not Tillfalle.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_a_talk_sent_again_saves_once(client, personal, deltagande):
    url = reverse("dokumentation:samtal_ny", args=[deltagande.pk])
    data = {"nyckel": str(uuid.uuid4()), "datum": IDAG, "kanal": "telefon", "langd_minuter": 30}
    client.force_login(personal)
    assert client.post(url, data).status_code == 302
    assert "Redan sparad" in client.post(url, data, follow=True).text
    assert Tillfalle.objects.count() == 1
    # A participation that no longer goes on takes no talk: its page (which then has no talk
    # form), nothing written.
    Deltagande.objects.filter(pk=deltagande.pk).update(status="vantar")
    svar = client.post(url, {**data, "nyckel": str(uuid.uuid4())})
    assert svar.status_code == 200 and "På väntelista" in svar.text
    assert Tillfalle.objects.count() == 1


def test_a_participation_read_in_sql_is_the_one_the_orm_reads(
    rf, personal, personal_annan, deltagande
):
    """A talk's participation, read as one prepared statement (en_sats.las_en), is the ORM's
    instance field by field, saved as the ORM's would be; another utförare's staff get none."""
    from dokumentation.en_sats import las_en
    from dokumentation.logg.atkomst import hamta_deltagande
    from organisation.behorighet import med_behorigheter

    orm = Deltagande.objects.get(pk=deltagande.pk)  # dates, NULLs, a smallint, a code …
    request = rf.post("/")
    request.user = med_behorigheter(personal.pk)
    las = hamta_deltagande(request, deltagande.pk, vad="Såg", med_kontakt=False)
    assert [getattr(las, f.attname) for f in Deltagande._meta.concrete_fields] == [
        getattr(orm, f.attname) for f in Deltagande._meta.concrete_fields
    ]
    assert (las._state.adding, las._state.db) == (False, "default")
    assert las_en(Deltagande, "id = %s", [-1]) is None
    request.user = med_behorigheter(personal_annan.pk)  # staff at another utförare
    with pytest.raises(Http404):
        hamta_deltagande(request, deltagande.pk, vad="Såg", med_kontakt=False)
