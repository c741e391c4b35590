"""Every sight of a person is logged: each page any role can open, crawled, writes one
access-log row per identified person it shows (and none for a page that shows nobody)."""

import datetime

import pytest
from django.urls import reverse

from dokumentation.kontakter.services import Personuppgifter
from dokumentation.logg.models import Atkomstlogg
from dokumentation.tillfallen.models import Omgang
from insatser.models import Insats
from tests.dokumentation.conftest import registrera, traff_i_dag
from tests.factories import InsatsFactory

IDAG = datetime.date.today()
NAMN = [("Annika", "Testsson", "198503121231"), ("Bertil", "Provström", "196408233234")]


@pytest.fixture
def data(personal, utforare, katalog, full_dokumentation, grupp, omgang):
    """Identified people in talks and in a 14:3 group round with a meeting today, beside an
    anonymous round."""
    grupp_14_3 = InsatsFactory(
        katalog=katalog,
        utforare=utforare,
        beslutad=True,
        namn="Samtalsgrupp 14:3",
        dokumentationsregel="14:3",
        dokumentation_motivering=None,
        form=Insats.Form.GRUPP,
    )
    runda = Omgang.objects.create(
        insats=grupp_14_3,
        utforare=utforare,
        benamning="Höst",
        startdatum=IDAG,
        antal_traffar=4,
        min_deltagare=1,
        max_deltagare=5,
    )
    deltaganden = []
    for fornamn, efternamn, pnr in NAMN:
        person = Personuppgifter(pnr, fornamn, efternamn, False)
        deltaganden.append(
            registrera(personal, full_dokumentation, svar=["uppfyllt"], person=person).deltagande
        )
        registrera(personal, grupp_14_3, person=person, omgang=runda)
    registrera(personal, grupp, svar=["uppfyllt", "uppfyllt"], barnets_alder=5, omgang=omgang)
    traff = traff_i_dag(runda, personal)
    return {"deltaganden": deltaganden, "runda": runda, "omgang": omgang, "traff": traff}


def sidor(data):
    d = data["deltaganden"][0]
    urls = [
        reverse("start"),
        reverse("dokumentation:deltaganden"),
        *[
            reverse("dokumentation:deltaganden") + f"?status={s}"
            for s in ("pagaende", "vantar", "avslutad", "avbruten", "alla")
        ],
        reverse("dokumentation:deltagande", args=[d.pk]),
        reverse("dokumentation:kontakt_klar", args=[d.kontakt_id]),
        reverse("dokumentation:avsluta", args=[d.pk]),
        reverse("dokumentation:samtal_ny", args=[d.pk]),
        reverse("dokumentation:omgangar"),
        reverse("dokumentation:omgang", args=[data["runda"].pk]),
        reverse("dokumentation:omgang", args=[data["omgang"].pk]),
        reverse("dokumentation:kontakt_valj"),
        reverse("dokumentation:oppning_valj"),
        reverse("dokumentation:logg"),
        reverse("dokumentation:granskning", args=[IDAG.year, IDAG.month]),
        reverse("uppfoljning:index"),
        reverse("uppfoljning:rapport", args=[IDAG.year]),
        reverse("systemadmin:index"),
        reverse("systemadmin:organisation_anvandare_changelist"),
    ]
    urls.append(reverse("dokumentation:traff", args=[data["traff"].pk]))
    return urls


@pytest.mark.django_db
@pytest.mark.parametrize(
    "roll",
    [
        "personal",
        "enhetschef",
        "personal_annan",
        "verksamhetschef",
        "sekreterare",
        "systemadministrator",
    ],
)
def test_each_page_logs_each_person_it_shows(client, alla_roller, data, roll):
    client.force_login(alla_roller[roll])
    med_personer = []
    for url in sidor(data):
        fore = set(Atkomstlogg.objects.values_list("pk", flat=True))
        svar = client.get(url)
        if svar.status_code != 200:
            continue
        text = svar.content.decode()
        visade = {(f, e) for f, e, pnr in NAMN if f"{f} {e}" in text or pnr[2:8] in text}
        nya = Atkomstlogg.objects.exclude(pk__in=fore).select_related("deltagande__person")
        loggade = {(r.deltagande.person.fornamn, r.deltagande.person.efternamn) for r in nya}
        assert loggade == visade, (roll, url)
        assert all(r.anvandare_id == alla_roller[roll].pk for r in nya)
        if visade:
            med_personer.append(url)
    # Staff see people on the start page, the lists, a participation, the round and the
    # meeting; the others see nobody.
    assert len(med_personer) >= (7 if roll in ("personal", "enhetschef") else 0), med_personer
    assert roll in ("personal", "enhetschef") or not med_personer


@pytest.mark.django_db
def test_a_refused_identified_record_is_a_security_event(client, personal_annan, data, caplog):
    d = data["deltaganden"][0]
    client.force_login(personal_annan)
    with caplog.at_level("WARNING", logger="iub.sakerhet"):
        assert client.get(reverse("dokumentation:deltagande", args=[d.pk])).status_code == 404
        assert client.get(reverse("dokumentation:deltagande", args=[d.pk + 999])).status_code == 404
    assert caplog.text.count("Nekad åtkomst till identifierat deltagande") == 1
    assert f"deltagande {d.pk} (utanför användarens utförare) för personal2" in caplog.text


@pytest.mark.django_db
@pytest.mark.parametrize("roll", ["personal", "personal_annan"])
def test_a_head_shows_nobody_and_logs_nothing(client, alla_roller, data, roll):
    """HEAD answers as GET would, but without a body or its length: nobody is seen, so no
    read is logged; the GET after it is."""
    client.force_login(alla_roller[roll])
    for url in sidor(data):
        fore = Atkomstlogg.objects.count()
        huvud = client.head(url)
        assert huvud.content == b"" and not huvud.has_header("Content-Length"), url
        assert Atkomstlogg.objects.count() == fore, url
        assert client.get(url).status_code == huvud.status_code, url
    assert roll != "personal" or Atkomstlogg.objects.exists()


@pytest.mark.django_db
def test_a_refused_head_is_a_security_event_too(client, personal_annan, data, caplog):
    d = data["deltaganden"][0]
    client.force_login(personal_annan)
    with caplog.at_level("WARNING", logger="iub.sakerhet"):
        assert client.head(reverse("dokumentation:deltagande", args=[d.pk])).status_code == 404
    assert caplog.text.count("Nekad åtkomst till identifierat deltagande") == 1
