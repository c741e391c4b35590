"""Ending a round's participants together (tillfallen.avslut): the ticked ended as planned with
their answers at the end, all of them or none, once however often the page is sent, each
identified participant logged; another utförare's round is not found."""

import datetime
import uuid

import pytest
from django.urls import reverse

from dokumentation.deltagande.models import Deltagande
from dokumentation.kontakter.services import Personuppgifter
from dokumentation.logg.models import Atkomstlogg
from dokumentation.tillfallen.avslut import Slutrad, avsluta_omgangens_deltagare
from dokumentation.tillfallen.intag import RaderBrott
from dokumentation.tillfallen.models import Omgang
from insatser.services import RegelBrott
from organisation.models import Roll
from tests.dokumentation.conftest import identifierad_omgang as ny_identifierad_omgang
from tests.dokumentation.conftest import registrera, traff_i_dag
from tests.factories import AnvandareFactory

IDAG = datetime.date.today()
pytestmark = pytest.mark.django_db


@pytest.fixture
def identifierad_omgang(katalog, utforare, personal):
    """A 14:3 group round under way, with three identified participants."""
    o = ny_identifierad_omgang(katalog, utforare)
    insats = o.insats
    for pnr, fornamn in (("198503121231", "Annika"), ("196408233234", "Bertil")):
        registrera(personal, insats, person=Personuppgifter(pnr, fornamn, "Ek", False), omgang=o)
    registrera(
        personal, insats, person=Personuppgifter("199001012385", "Cecilia", "Ek", False), omgang=o
    )
    traff_i_dag(o, personal)
    o.refresh_from_db()
    return o


def _deltagare(o):
    return {d.person.fornamn: d for d in o.deltaganden.select_related("person")}


def url(o):
    return reverse("dokumentation:avsluta_deltagare", args=[o.pk])


def sidans_data(client, o, **andringar):
    """What the page sends as it is shown, with `andringar` on top."""
    form = client.get(url(o)).context["sida"]
    data = {"nyckel": str(form.initial["nyckel"]), "slutdatum": IDAG.isoformat()}
    for d in o.deltaganden.filter(status="pagaende"):
        data[f"d{d.pk}-avsluta"] = "on"
    data.update(andringar)
    return {k: v for k, v in data.items() if v is not None}


def test_the_ticked_end_together_with_their_answers_and_each_is_logged(
    client, personal, identifierad_omgang
):
    o = identifierad_omgang
    p = _deltagare(o)
    client.force_login(personal)
    sidan = client.get(o.get_absolute_url())
    assert url(o) in sidan.text
    visad = client.get(url(o))
    assert visad.status_code == 200
    # Seeing the page is seeing three identified people.
    assert Atkomstlogg.objects.filter(vad__startswith="Såg på sidan Avsluta").count() == 3
    data = sidans_data(
        client,
        o,
        **{
            f"d{p['Annika'].pk}-maende_slut": "4",
            f"d{p['Annika'].pk}-boende_slut": "eget",
            # Cecilia dropped out: unticked, ended on her own page.
            f"d{p['Cecilia'].pk}-avsluta": None,
        },
    )
    svar = client.post(url(o), data, follow=True)
    assert "2 deltaganden är avslutade enligt plan." in svar.text
    for d in p.values():
        d.refresh_from_db()
    assert (p["Annika"].status, p["Annika"].slutdatum, p["Annika"].maende_slut) == (
        "avslutad",
        IDAG,
        4,
    )
    assert p["Annika"].boende_slut == "eget"
    assert p["Bertil"].status == "avslutad"
    assert p["Cecilia"].status == "pagaende"
    andrade = Atkomstlogg.objects.filter(handling=Atkomstlogg.Handling.ANDRA)
    assert sorted(andrade.values_list("deltagande_id", flat=True)) == sorted(
        [p["Annika"].pk, p["Bertil"].pk]
    )
    # The same page sent again ends nobody more and says so.
    svar = client.post(url(o), data, follow=True)
    assert "Redan sparad" in svar.text
    assert andrade.count() == 2
    p["Cecilia"].refresh_from_db()
    assert p["Cecilia"].status == "pagaende"
    # The one left is on the page, alone, and is ended on her own.
    kvar = client.get(url(o))
    assert [r.deltagande for r in kvar.context["rader"]] == [p["Cecilia"]]


def test_the_round_is_ended_too_when_everyone_is(client, personal, identifierad_omgang):
    """At the last meeting: everyone ended and the round closed in one step. Asked with
    someone left unticked, nothing is saved and the box says why."""
    o = identifierad_omgang
    p = _deltagare(o)
    client.force_login(personal)
    data = sidans_data(client, o, avsluta_omgangen="on")
    svar = client.post(url(o), {**data, f"d{p['Cecilia'].pk}-avsluta": ""})
    assert svar.status_code == 200
    assert (
        "Omgången kan inte avslutas: 1 deltagare skulle fortfarande pågå."
        in (svar.context["sida"].errors["avsluta_omgangen"][0])
    )
    assert not Deltagande.objects.filter(status="avslutad").exists()
    o.refresh_from_db()
    assert o.status == Omgang.Status.PAGAR
    svar = client.post(url(o), data, follow=True)
    assert f"3 deltaganden är avslutade enligt plan. Omgången {o.benamning} är avslutad." in (
        svar.text
    )
    o.refresh_from_db()
    assert o.status == Omgang.Status.AVSLUTAD
    assert set(o.deltaganden.values_list("status", flat=True)) == {"avslutad"}
    # Sent again: the round is no longer under way, its page is gone; nothing changes.
    assert client.post(url(o), data).status_code == 404


def test_one_wrong_row_saves_nobody_and_every_message_shows_at_once(
    client, personal, grupp, omgang
):
    """A 14:5 round: a name in a participant's free text is refused at the row; a day before
    someone's start at theirs; nothing is ended."""
    ett, tva = (
        registrera(
            personal,
            grupp,
            svar=["uppfyllt", "uppfyllt"],
            barnets_alder=5,
            omgang=omgang,
            datum=IDAG - datetime.timedelta(days=dagar),
        ).deltagande
        for dagar in (10, 0)
    )
    traff_i_dag(omgang, personal)
    client.force_login(personal)
    data = sidans_data(
        client,
        omgang,
        slutdatum=(IDAG - datetime.timedelta(days=5)).isoformat(),
        **{
            f"d{ett.pk}-problem": "annat",
            f"d{ett.pk}-problem_text": "Ring 070-123 45 67",
        },
    )
    svar = client.post(url(omgang), data)
    assert svar.status_code == 200
    rader = {r.deltagande.pk: r for r in svar.context["rader"]}
    assert rader[ett.pk].has_error("problem_text")
    assert rader[tva.pk].non_field_errors()  # the end before the start, for this one only
    assert "Något behöver rättas" in svar.text
    assert Deltagande.objects.filter(status="avslutad").count() == 0


def test_the_service_refuses_all_when_one_is_refused(personal, grupp, omgang):
    a, b = (
        registrera(
            personal, grupp, svar=["uppfyllt", "uppfyllt"], barnets_alder=5, omgang=omgang
        ).deltagande
        for _ in range(2)
    )
    with pytest.raises(RaderBrott) as fel:
        avsluta_omgangens_deltagare(
            omgang=omgang,
            rader=[Slutrad(a.pk), Slutrad(b.pk, problem_text="Anna Svensson, Storgatan 5")],
            slutdatum=IDAG,
            anvandare=personal,
            nyckel=uuid.uuid4(),
            idag=IDAG,
        )
    assert list(fel.value.per_rad) == [b.pk]
    assert not Deltagande.objects.filter(status="avslutad").exists()
    with pytest.raises(RegelBrott) as fel:
        avsluta_omgangens_deltagare(
            omgang=omgang,
            rader=[],
            slutdatum=IDAG,
            anvandare=personal,
            nyckel=uuid.uuid4(),
            idag=IDAG,
        )
    assert fel.value.overtradelser[0].kod == "ingen_vald"


def test_another_rounds_participant_is_not_ended_from_this_page(
    personal, grupp, omgang, identifierad_omgang
):
    fran_annan = identifierad_omgang.deltaganden.first()
    with pytest.raises(RaderBrott):
        avsluta_omgangens_deltagare(
            omgang=omgang,
            rader=[Slutrad(fran_annan.pk)],
            slutdatum=IDAG,
            anvandare=personal,
            nyckel=uuid.uuid4(),
            idag=IDAG,
        )
    fran_annan.refresh_from_db()
    assert fran_annan.status == "pagaende"


def test_a_colleagues_copy_of_the_page_is_not_answered_as_saved(
    client, personal, utforare, identifierad_omgang
):
    o = identifierad_omgang
    client.force_login(personal)
    data = sidans_data(client, o)
    client.post(url(o), data)
    kollega = AnvandareFactory.med_roll(Roll.UTFORARPERSONAL, utforare, username="kollega")
    client.force_login(kollega)
    svar = client.post(url(o), data)
    assert svar.status_code == 200  # no rows left on the page to end: nothing to answer with
    assert "Redan sparad" not in svar.text


def test_the_enhetschef_may(client, enhetschef, identifierad_omgang):
    client.force_login(enhetschef)
    assert client.get(url(identifierad_omgang)).status_code == 200


@pytest.mark.parametrize(
    "roll", ["personal_annan", "sekreterare", "verksamhetschef", "systemadministrator"]
)
def test_others_get_404_and_nothing_changes(client, alla_roller, roll, identifierad_omgang):
    o = identifierad_omgang
    client.force_login(alla_roller["personal"])
    data = sidans_data(client, o)
    client.force_login(alla_roller[roll])
    assert client.get(url(o)).status_code == 404
    assert client.post(url(o), data).status_code == 404
    assert not o.deltaganden.exclude(status="pagaende").exists()


def test_a_round_not_under_way_and_a_missing_one_are_not_found(client, personal, grupp):
    planerad = Omgang.objects.create(
        insats=grupp,
        utforare=grupp.utforare,
        benamning="Vår",
        startdatum=IDAG,
        antal_traffar=4,
        max_deltagare=8,
    )
    client.force_login(personal)
    assert client.get(url(planerad)).status_code == 404
    assert client.get(reverse("dokumentation:avsluta_deltagare", args=[999999])).status_code == 404
