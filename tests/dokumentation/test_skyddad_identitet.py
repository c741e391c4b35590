"""Skyddad identitet: one rule (dokumentation.logg.atkomst.far_oppna) on every path that can
change or end a participation – a round's "Avsluta deltagare" (page and service), the quiet
participations' service, the corrections (page and service) and the search. Only the one who
registered the participation and the enhetschef of its utförare may; anyone else at the
utförare is told nothing more than "Skyddad identitet" and changes nothing."""

import datetime
import uuid

import pytest
from django.urls import reverse

from dokumentation.deltagande.models import Deltagande
from dokumentation.deltagande.services import registrera_samtal
from dokumentation.deltagande.vilande import avsluta_vilande
from dokumentation.kontakter.services import Personuppgifter
from dokumentation.logg.atkomst import far_oppna
from dokumentation.logg.models import Atkomstlogg
from dokumentation.rattelser import services as rattelser
from dokumentation.rattelser.models import Post
from dokumentation.tillfallen.avslut import Slutrad, avsluta_omgangens_deltagare
from dokumentation.tillfallen.intag import RaderBrott
from insatser.services import RegelBrott
from organisation.admin import systemadmin
from organisation.models import Roll
from tests.dokumentation.conftest import identifierad_omgang, registrera, traff_i_dag
from tests.factories import AnvandareFactory

IDAG = datetime.date.today()
pytestmark = pytest.mark.django_db


@pytest.fixture
def kollega(utforare):
    return AnvandareFactory.med_roll(Roll.UTFORARPERSONAL, utforare, username="kollega")


@pytest.fixture
def rund(katalog, utforare, personal):
    """A 14:3 round under way: Annika (not protected) and Bertil (protected), both
    registered by `personal`."""
    o = identifierad_omgang(katalog, utforare)
    for pnr, namn, skyddad in (("198503121231", "Annika", False), ("196408233234", "Bertil", True)):
        registrera(personal, o.insats, person=Personuppgifter(pnr, namn, "Ek", skyddad), omgang=o)
    traff_i_dag(o, personal)
    o.refresh_from_db()
    return o


def _vem(o):
    return {d.person.fornamn: d for d in o.deltaganden.select_related("person", "kontakt")}


def _sidans_data(client, o):
    sida = client.get(reverse("dokumentation:avsluta_deltagare", args=[o.pk])).context["sida"]
    return {"nyckel": str(sida.initial["nyckel"]), "slutdatum": IDAG.isoformat()}


def test_the_rule_is_who_registered_it_and_the_enhetschef(rund, personal, enhetschef, kollega):
    p = _vem(rund)
    assert far_oppna(kollega, p["Annika"])
    assert not far_oppna(kollega, p["Bertil"])
    assert far_oppna(personal, p["Bertil"]) and far_oppna(enhetschef, p["Bertil"])


def test_a_colleague_does_not_end_a_protected_identity_in_a_round(client, rund, kollega):
    p = _vem(rund)
    url = reverse("dokumentation:avsluta_deltagare", args=[rund.pk])
    client.force_login(kollega)
    sidan = client.get(url)
    assert [r.deltagande.pk for r in sidan.context["rader"]] == [p["Annika"].pk]
    assert f"d{p['Bertil'].pk}-avsluta" not in sidan.text
    assert "1 deltagare med skyddad identitet" in sidan.text
    # A row sent for Bertil anyway is no row of the page: Annika ends, Bertil goes on.
    data = {
        **_sidans_data(client, rund),
        f"d{p['Annika'].pk}-avsluta": "on",
        f"d{p['Bertil'].pk}-avsluta": "on",
    }
    assert client.post(url, data).status_code == 302
    assert Deltagande.objects.get(pk=p["Annika"].pk).status == "avslutad"
    assert Deltagande.objects.get(pk=p["Bertil"].pk).status == "pagaende"


@pytest.mark.parametrize("vem", ["personal", "enhetschef"])
def test_who_may_open_it_ends_it_in_the_round(client, rund, request, vem):
    p = _vem(rund)
    url = reverse("dokumentation:avsluta_deltagare", args=[rund.pk])
    client.force_login(request.getfixturevalue(vem))
    assert {r.deltagande.pk for r in client.get(url).context["rader"]} == {
        p["Annika"].pk,
        p["Bertil"].pk,
    }
    data = {**_sidans_data(client, rund), f"d{p['Bertil'].pk}-avsluta": "on"}
    assert client.post(url, data).status_code == 302
    assert Deltagande.objects.get(pk=p["Bertil"].pk).status == "avslutad"


def test_the_round_service_refuses_a_colleague(rund, kollega):
    """Whatever calls it (a page, a command), the service asks the same rule."""
    p = _vem(rund)
    with pytest.raises(RaderBrott) as e:
        avsluta_omgangens_deltagare(
            omgang=rund,
            rader=[Slutrad(p["Annika"].pk), Slutrad(p["Bertil"].pk)],
            slutdatum=IDAG,
            anvandare=kollega,
            nyckel=uuid.uuid4(),
            idag=IDAG,
        )
    assert [o.kod for o in e.value.per_rad[p["Bertil"].pk]] == ["skyddad_identitet"]
    assert p["Annika"].pk not in e.value.per_rad
    assert not Deltagande.objects.filter(status="avslutad").exists()


def test_the_quiet_service_refuses_a_colleague(rund, kollega, utforare):
    p = _vem(rund)
    # Nobody has been here for months: both are quiet.
    Deltagande.objects.filter(omgang=rund).update(startdatum=IDAG - datetime.timedelta(days=400))
    rund.traffar.update(datum=IDAG - datetime.timedelta(days=390))
    with pytest.raises(RaderBrott) as e:
        avsluta_vilande(
            utforare_ids=[utforare.pk],
            deltagande_ids=[p["Bertil"].pk],
            anvandare=kollega,
            nyckel=uuid.uuid4(),
            idag=IDAG,
        )
    assert [o.kod for o in e.value.per_rad[p["Bertil"].pk]] == ["skyddad_identitet"]
    assert Deltagande.objects.get(pk=p["Bertil"].pk).status == "pagaende"


@pytest.fixture
def skyddat_samtal(full_dokumentation, personal, kollega):
    """A protected participation with a talk a colleague registered (before the identity
    was protected, or as the registrar's stand-in)."""
    d = registrera(
        personal,
        full_dokumentation,
        person=Personuppgifter("196408233234", "Bertil", "Sko", True),
        svar=["uppfyllt"],
    ).deltagande
    return registrera_samtal(
        deltagande=d,
        datum=IDAG,
        langd_minuter=45,
        kanal="telefon",
        personal=kollega,
        nyckel=uuid.uuid4(),
        idag=IDAG,
    )


def test_a_colleague_does_not_correct_a_protected_participants_talk(
    client, skyddat_samtal, kollega, personal, enhetschef
):
    assert not rattelser.far_ratta(kollega, skyddat_samtal)
    assert rattelser.far_ratta(enhetschef, skyddat_samtal)
    client.force_login(kollega)
    for namn in ("ratta", "makulera", "historik"):
        url = reverse(f"dokumentation:{namn}", args=[Post.TILLFALLE, skyddat_samtal.pk])
        assert client.get(url).status_code == 404, namn
    with pytest.raises(RegelBrott) as e:
        rattelser.ratta(
            skyddat_samtal,
            andringar={"langd_minuter": 30},
            orsak=rattelser.Orsak("fel_uppgift"),
            av=kollega,
            sag=0,
        )
    assert "skyddad_identitet" in [o.kod for o in e.value.overtradelser]
    with pytest.raises(RegelBrott) as e:
        rattelser.makulera(skyddat_samtal, orsak=rattelser.Orsak("misstag"), av=kollega)
    assert "skyddad_identitet" in [o.kod for o in e.value.overtradelser]


def test_participant_data_are_not_in_the_admin():
    """The admin is no path around the rule: no participant data are registered there."""
    registrerade = {m._meta.label for m in systemadmin._registry}
    assert not registrerade & {
        "dokumentation.Deltagande",
        "dokumentation.Person",
        "dokumentation.Kontakt",
        "dokumentation.Tillfalle",
        "dokumentation.Narvaro",
    }


# --- What is a sight -----------------------------------------------------------------------


def _loggade(d):
    return Atkomstlogg.objects.filter(deltagande=d).count()


@pytest.mark.parametrize("vem", ["personal", "kollega", "enhetschef"])
def test_a_list_that_shows_only_skyddad_identitet_logs_no_sight(client, rund, request, vem):
    """A protected identity listed as "Skyddad identitet" shows nobody: no row in the access
    log (which would hide the real sights in noise); the unprotected beside it is logged."""
    p = _vem(rund)
    traff = rund.traffar.get()
    client.force_login(request.getfixturevalue(vem))
    for url in (
        reverse("start"),
        reverse("dokumentation:deltaganden"),
        reverse("dokumentation:vilande"),
        reverse("dokumentation:omgang", args=[rund.pk]),
        reverse("dokumentation:avsluta_deltagare", args=[rund.pk]),
        reverse("dokumentation:traff", args=[traff.pk]),
    ):
        fore = (_loggade(p["Annika"]), _loggade(p["Bertil"]))
        svar = client.get(url)
        assert svar.status_code == 200, url
        assert "Bertil" not in svar.text and "196408" not in svar.text, url
        efter = (_loggade(p["Annika"]), _loggade(p["Bertil"]))
        assert efter[1] == fore[1], url
        assert efter[0] == fore[0] + ("Annika" in svar.text), url


def test_opening_or_finding_a_protected_identity_is_a_sight(client, rund, personal):
    """Its own page shows its content (talks, journal), and a search hit ties the searched
    personnummer to the record: both are logged, as is a change."""
    bertil = _vem(rund)["Bertil"]
    client.force_login(personal)
    assert client.get(reverse("dokumentation:deltagande", args=[bertil.pk])).status_code == 200
    assert _loggade(bertil) == 1
    svar = client.post(reverse("dokumentation:deltaganden"), {"q": "196408233234"})
    assert [d.pk for d in svar.context["deltaganden"]] == [bertil.pk]
    assert _loggade(bertil) == 2
    url = reverse("dokumentation:avsluta_deltagare", args=[rund.pk])
    data = {**_sidans_data(client, rund), f"d{bertil.pk}-avsluta": "on"}
    assert client.post(url, data).status_code == 302
    assert Atkomstlogg.objects.filter(deltagande=bertil, handling="andra").count() == 1


def test_the_round_page_offers_a_colleague_nothing_for_a_protected_participant(
    client, katalog, utforare, personal, kollega
):
    """A colleague sees "Skyddad identitet" in the round's list, but neither a link to the
    participation nor "Börjar nu" on the waiting list: both would answer 404 (far_oppna)."""
    o = identifierad_omgang(katalog, utforare)
    for pnr, namn, skyddad in (("198503121231", "Annika", False), ("196408233234", "Bertil", True)):
        person = Personuppgifter(pnr, namn, "Ek", skyddad)
        registrera(personal, o.insats, person=person, omgang=o, utfall="vantelista")
    p = _vem(o)
    url = reverse("dokumentation:omgang", args=[o.pk])
    starta = {n: reverse("dokumentation:starta", args=[p[n].pk]) for n in p}
    oppna = {n: p[n].get_absolute_url() for n in p}
    client.force_login(kollega)
    sidan = client.get(url).text
    assert "Skyddad identitet" in sidan
    assert starta["Annika"] in sidan and f'href="{oppna["Annika"]}"' in sidan
    assert starta["Bertil"] not in sidan and f'href="{oppna["Bertil"]}"' not in sidan
    assert client.post(starta["Bertil"]).status_code == 404
    client.force_login(personal)
    sidan = client.get(url).text
    assert starta["Bertil"] in sidan and f'href="{oppna["Bertil"]}"' in sidan


def test_lists_link_a_colleague_only_to_what_they_may_open(client, rund, personal, kollega):
    """The participations list and the start page name a protected participant "Skyddad
    identitet" to a colleague without a link (its page answers them 404); its registrar gets
    the link."""
    p = _vem(rund)
    lankar = {n: f'href="{p[n].get_absolute_url()}"' for n in p}
    client.force_login(kollega)
    for url in (reverse("dokumentation:deltaganden"), reverse("start")):
        sidan = client.get(url).text
        assert "Skyddad identitet" in sidan and lankar["Bertil"] not in sidan, url
    assert lankar["Annika"] in client.get(reverse("dokumentation:deltaganden")).text
    assert client.get(p["Bertil"].get_absolute_url()).status_code == 404
    client.force_login(personal)
    assert lankar["Bertil"] in client.get(reverse("dokumentation:deltaganden")).text
