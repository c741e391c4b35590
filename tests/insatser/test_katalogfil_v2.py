"""Version 2 of the interchange format (issue 18): everything the guidelines state, the
utförare as a structured reference, and version 1 still importing unchanged."""

import copy
import datetime
import json

import pytest
from django.urls import reverse

from dokumentation.regler import UPPFYLLT
from insatser.katalogfil import importera_katalog
from insatser.katalogformat import SCHEMA_FIL_V2, exportera_katalog, som_json
from insatser.katalogkontroll import OgiltigKatalogfil
from insatser.models import Beslut, Insats, Katalog, Villkor
from organisation.models import Roll, Utforare
from tests.factories import AnvandareFactory, UtforareFactory
from tests.insatser.test_katalogfil import databasens_innehall, delad, normaliserad
from tests.insatser.test_views import sekreterare_i

V2_FILER = ["alingsas.v2.json", "sala.v2.json"]


def test_the_v2_schema_we_ship_is_the_documented_one():
    assert json.loads(SCHEMA_FIL_V2.read_text()) == json.loads(delad("katalog.v2.schema.json"))


@pytest.mark.django_db
@pytest.mark.parametrize("fil", V2_FILER)
def test_example_v2_catalogues_import_classified_and_round_trip_key_by_key(fil):
    innehall = delad(fil)
    data = json.loads(innehall)
    resultat = importera_katalog(innehall, anvandare=None)
    assert len(resultat.nya) == len(data["insatser"])
    # Every insats carries its kind: nothing proposed, nothing flagged.
    assert not Insats.objects.filter(slag="").exists()
    assert not any("slags insats" in v for v in resultat.varningar)
    assert normaliserad(exportera_katalog(resultat.katalog)) == normaliserad(data)
    # And again: the same file changes nothing.
    fore = databasens_innehall()
    assert importera_katalog(innehall, anvandare=None).oforandrad
    assert databasens_innehall() == fore


@pytest.mark.django_db
@pytest.mark.parametrize("fil", V2_FILER)
def test_the_utforare_are_linked_and_created_where_missing(fil):
    data = json.loads(delad(fil))
    befintlig = next(i["utforare"] for i in data["insatser"] if i["utforare"])
    UtforareFactory(namn=befintlig["namn"], regi=befintlig["regi"])
    resultat = importera_katalog(delad(fil), anvandare=None)
    namngivna = {i["namn"]: i["utforare"] for i in data["insatser"] if i["utforare"]}
    assert namngivna
    for namn, ref in namngivna.items():
        insats = Insats.objects.select_related("utforare").get(namn=namn, katalog=resultat.katalog)
        assert insats.utforare is not None, namn
        assert (insats.utforare.regi, insats.utforare_text) == (ref["regi"], ref["namn"])
    assert befintlig["namn"] not in resultat.nya_utforare
    assert Utforare.objects.filter(namn=befintlig["namn"]).count() == 1


def uppfyllda(insats):
    return [UPPFYLLT] * insats.villkor.count()


@pytest.mark.django_db
def test_registration_works_right_after_import():
    from tests.dokumentation.conftest import registrera

    importera_katalog(delad("sala.v2.json"), anvandare=None)
    insats = Insats.objects.get(namn="KAST-mottagningen")
    assert insats.utforare.regi == "annan_kommun"
    assert insats.ar_publicerad()
    personal = AnvandareFactory.med_roll(Roll.UTFORARPERSONAL, insats.utforare)
    kontakt = registrera(personal, insats, alder=40, kon="man", svar=uppfyllda(insats))
    assert kontakt.insats == insats

    # Alingsås has no beslutsdatum: in force under the unknown decision, and registrable too.
    importera_katalog(delad("alingsas.v2.json"), anvandare=None)
    mini_maria = Insats.objects.get(namn="Beroendestöd vid Mini Maria")
    assert mini_maria.beslut_okant
    personal = AnvandareFactory.med_roll(Roll.UTFORARPERSONAL, mini_maria.utforare)
    kontakt = registrera(
        personal, mini_maria, alder=17, kon="kvinna", unga_vill=True, svar=uppfyllda(mini_maria)
    )
    assert kontakt.insats == mini_maria


@pytest.mark.django_db
@pytest.mark.parametrize("fil", ["alingsas.json", "sala.json"])
def test_v1_file_through_a_v2_export_gives_the_same_data(fil):
    importera_katalog(delad(fil), anvandare=None)
    v2 = exportera_katalog(Katalog.objects.get())
    assert v2["version"] == 2
    fore = databasens_innehall()
    assert importera_katalog(som_json(v2), anvandare=None).oforandrad
    assert databasens_innehall() == fore
    assert normaliserad(exportera_katalog(Katalog.objects.get(), version=1)) == normaliserad(
        json.loads(delad(fil))
    )


@pytest.mark.django_db
def test_a_v1_file_that_says_version_1_is_read_as_version_1():
    """Version 1 has no version key; a file that states `"version": 1` anyway is that file."""
    sagt = {"version": 1, **json.loads(delad("sala.json"))}
    importera_katalog(json.dumps(sagt), anvandare=None)
    fore = databasens_innehall()
    assert importera_katalog(delad("sala.json"), anvandare=None).oforandrad
    assert databasens_innehall() == fore


def minsta_v2(**insats):
    return {
        "version": 2,
        "kommun": "Minsta",
        "beslutsdatum": "2026-01-01",
        "insatser": [{"namn": "Öppet hus", "dokumentation": {"regel": "14:4"}, **insats}],
    }


@pytest.mark.django_db
def test_protected_housing_carries_its_own_villkor_type_in_v2():
    data = minsta_v2(
        slag="skyddat_boende",
        innehall="Boende",
        malgrupp="Vuxna",
        villkor=[{"typ": "alder", "min": 21}, {"typ": "utan_medfoljande_barn"}],
    )
    resultat = importera_katalog(json.dumps(data), anvandare=None)
    assert [v.typ for v in Villkor.objects.all()] == ["alder", "utan_medfoljande_barn"]
    assert exportera_katalog(resultat.katalog)["insatser"][0]["villkor"][1] == {
        "typ": "utan_medfoljande_barn"
    }
    assert exportera_katalog(resultat.katalog, version=1)["insatser"][0]["villkor"][1] == {
        "typ": "ovrigt",
        "text": "Utan medföljande barn",
    }


@pytest.mark.django_db
def test_every_v2_field_round_trips():
    data = minsta_v2(
        slag="gruppverksamhet",
        kanaler=["telefon", "pa_plats"],
        max_varaktighet_manader=6,
        gruppstorlek_min=4,
        gruppstorlek_max=10,
        plats="Familjecentralen, Storgatan 1",
        tider="Tisdagar 18–20",
        avgift="Kostnadsfritt",
        sprak=["svenska", "arabiska"],
        delar=["Träff 1: Att vara förälder", "Träff 2: Gränser"],
        kontakt={
            "telefon": "010-123 45 67",
            "epost": "familj@example.se",
            "adress": "Storgatan 1",
            "webbplats": "https://example.se",
            "text": "Drop-in tisdagar",
        },
        utforare={
            "namn": "Studieförbundet Exempel",
            "regi": "forening",
            "organisationsnummer": "802000-1234",
        },
        uppfoljningsmetod="fore_efter_enkat",
        uppfoljning="Enkät före första och efter sista träffen.",
    )
    data["utan_vardnadshavares_samtycke_fran_15"] = True
    resultat = importera_katalog(json.dumps(data), anvandare=None)
    assert resultat.nya_utforare == ["Studieförbundet Exempel"]
    utforare = Utforare.objects.get(organisationsnummer="802000-1234")
    assert utforare.regi == "forening"
    assert resultat.katalog.utan_samtycke_fran_15
    ut = exportera_katalog(resultat.katalog)
    for nyckel, varde in data["insatser"][0].items():
        if nyckel == "dokumentation":
            continue  # its left-out keys come back as null
        assert ut["insatser"][0][nyckel] == varde, nyckel
    assert importera_katalog(som_json(ut), anvandare=None).oforandrad


@pytest.mark.django_db
def test_utforare_are_found_by_organisationsnummer_and_a_contradiction_is_refused():
    befintlig = UtforareFactory(namn="Bolaget AB", regi="extern", organisationsnummer="556000-0001")
    ref = {"namn": "Bolaget", "regi": "extern", "organisationsnummer": "556000-0001"}
    importera_katalog(json.dumps(minsta_v2(utforare=ref)), anvandare=None)
    insats = Insats.objects.get()
    assert (insats.utforare, insats.utforare_text) == (befintlig, "Bolaget")

    fel_nummer = {"namn": "Bolaget AB", "regi": "extern", "organisationsnummer": "556000-0002"}
    data = minsta_v2(utforare=fel_nummer)
    data["insatser"][0]["namn"] = "Annat"
    fore = databasens_innehall()
    with pytest.raises(OgiltigKatalogfil) as fel:
        importera_katalog(json.dumps(data), anvandare=None)
    assert fel.value.fel[0].startswith("$.insatser[0].utforare.organisationsnummer: ")
    assert databasens_innehall() == fore


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("andring", "vantat"),
    [
        (
            lambda d: d["insatser"][0].update(
                utforare={"namn": "X", "regi": "extern", "organisationsnummer": "5560000001"}
            ),
            "$.insatser[0].utforare.organisationsnummer: ogiltigt organisationsnummer "
            "'5560000001', skriv NNNNNN-NNNN.",
        ),
        (
            lambda d: d["insatser"][0].update(uppfoljningsmetod="magkänsla"),
            "$.insatser[0].uppfoljningsmetod: otillåtet värde 'magkänsla'; tillåtna är "
            "'besoksstatistik', 'fore_efter_enkat', 'individuell_uppfoljning', 'annan', null.",
        ),
        (
            lambda d: d["insatser"][0].update(kanaler=["telefon", "telefon"]),
            "$.insatser[0].kanaler: samma värde står flera gånger.",
        ),
        (
            lambda d: d["insatser"][0].update(gruppstorlek_min=12, gruppstorlek_max=6),
            "$.insatser[0].gruppstorlek_max: Högsta antal kan inte vara lägre än minsta antal.",
        ),
        (
            lambda d: d.update(version=3),
            "$.version: okänd formatversion; skriv 2, eller utelämna nyckeln för version 1.",
        ),
        (
            lambda d: d["insatser"][0].update(slag="familjehem"),
            None,  # refused by 11 kap. 5 §, as in version 1
        ),
    ],
)
def test_invalid_v2_files_are_refused_with_a_path(andring, vantat):
    data = minsta_v2()
    andring(data)
    with pytest.raises(OgiltigKatalogfil) as fel:
        importera_katalog(json.dumps(data), anvandare=None)
    if vantat:
        assert vantat in fel.value.fel
    assert not Insats.objects.exists()


@pytest.mark.django_db
def test_v2_without_a_kind_gets_a_proposal_and_a_warning():
    data = minsta_v2()
    data["insatser"].append({"namn": "Familjerådgivning", "dokumentation": {"regel": "14:4"}})
    resultat = importera_katalog(json.dumps(data), anvandare=None)
    assert Insats.objects.get(namn="Familjerådgivning").slag == "radgivning"
    assert any(v.startswith("Öppet hus: ange vilket slags insats") for v in resultat.varningar)


@pytest.mark.django_db
def test_the_secretary_records_the_unknown_decision_and_the_flag_goes(client):
    importera_katalog(delad("alingsas.v2.json"), anvandare=None)
    okant = Beslut.objects.get(okant=True)
    client.force_login(sekreterare_i("Alingsås"))
    lista = client.get(reverse("insatser:lista", args=["alingsas"]))
    assert "Beslut saknas – för in nämndens beslut" in lista.text
    insats = Insats.objects.get(namn="Föräldraträffar ABC")
    sida = client.get(insats.get_absolute_url())
    assert "Beslut saknas – för in nämndens beslut" in sida.text
    assert "10–14" in sida.text

    url = reverse("insatser:for_in_beslut", args=[okant.pk])
    svar = client.post(
        url, {"organ": "Socialnämnden", "datum": "2025-06-18", "paragraf": "SN § 60"}
    )
    assert svar.status_code == 302
    okant.refresh_from_db()
    assert (okant.okant, okant.datum, okant.paragraf) == (
        False,
        datetime.date(2025, 6, 18),
        "SN § 60",
    )
    insats.refresh_from_db()
    # Applied from the import until now; now in force as decided (issue 18: decisions are
    # the time axis), the change recorded as a correction, not as a decision of its own.
    assert insats.giltig_fran == datetime.date(2025, 6, 18)
    assert insats.rattelse and insats.beslut == okant
    # The catalogue's header, imported without a decision, now carries it.
    katalog = insats.katalog
    katalog.refresh_from_db()
    assert (katalog.beslutsdatum, katalog.namnd) == (datetime.date(2025, 6, 18), "Socialnämnden")
    assert not insats.beslut_okant
    assert "Beslut saknas" not in client.get(reverse("insatser:lista", args=["alingsas"])).text
    # Once recorded, the form is gone.
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_another_municipalitys_secretary_cannot_record_the_decision(client):
    importera_katalog(delad("alingsas.v2.json"), anvandare=None)
    okant = Beslut.objects.get(okant=True)
    client.force_login(sekreterare_i("Sala"))
    url = reverse("insatser:for_in_beslut", args=[okant.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"organ": "X", "datum": "2025-01-01"}).status_code == 404
    assert Beslut.objects.get(pk=okant.pk).okant


@pytest.mark.django_db
def test_public_page_shows_what_residents_need():
    importera_katalog(delad("sala.v2.json"), anvandare=None)
    insats = Insats.objects.get(namn="Öppen ingång – råd och stöd (Föräldrar)")
    from django.test import Client

    sida = Client().get(reverse("publik:insats", args=["sala", insats.pk]))
    assert sida.status_code == 200
    assert "0224-74 70 00" in sida.text
    assert "Telefon, digitalt, på plats" in sida.text


@pytest.mark.django_db
def test_a_v1_reimport_leaves_the_v2_fields_alone():
    importera_katalog(delad("sala.v2.json"), anvandare=None)
    v1 = json.loads(delad("sala.json"))
    v1["beslutsdatum"] = "2026-02-01"
    v1 = copy.deepcopy(v1)
    v1["insatser"][0]["innehall"] = "Ny text."
    importera_katalog(json.dumps(v1), anvandare=None)
    abc = Insats.objects.get(namn="ABC 3-12 år")
    assert abc.innehall == "Ny text."
    assert (abc.slag, abc.uppfoljningsmetod, abc.tider) == (
        "foraldraskapsstod",
        "fore_efter_enkat",
        "En gång i veckan, två och en halv timme per träff.",
    )
    assert abc.utforare is not None


@pytest.mark.django_db
def test_an_unknown_decision_is_no_ground_for_changes_or_new_decisions():
    from insatser.forms import AndringsbeslutForm, BeslutaForm, UpphorForm

    resultat = importera_katalog(delad("alingsas.v2.json"), anvandare=None)
    okant = Beslut.objects.get(okant=True)
    katalog = resultat.katalog
    assert okant not in AndringsbeslutForm(katalog=katalog, kravs=True).fields["beslut"].queryset
    assert okant not in UpphorForm(katalog=katalog).fields["beslut"].queryset
    assert not BeslutaForm(beslut=okant).fields["insatser"].queryset.exists()


@pytest.mark.django_db
def test_a_catalogue_file_never_changes_an_utforare_another_municipality_may_share():
    befintlig = UtforareFactory(namn="Delad utförare", regi="egen_regi")
    ref = {"namn": "Delad utförare", "regi": "extern", "organisationsnummer": "556000-0009"}
    resultat = importera_katalog(json.dumps(minsta_v2(utforare=ref)), anvandare=None)
    befintlig.refresh_from_db()
    assert (befintlig.regi, befintlig.organisationsnummer) == ("egen_regi", None)
    assert Insats.objects.get().utforare == befintlig
    assert any("Utföraren är inte ändrad" in v for v in resultat.varningar)
