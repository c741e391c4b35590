"""The seventeenth round of held-out catalogues (tests/insatser/katalogfiler/omgang17/, see the
README there): three municipalities of different sizes, as they would write their files, and
the mistakes made while writing them. Each right file imports exactly, through the function,
the command and the secretary's upload, and exports back to the same; each wrong one is
refused whole, through all three, with a Swedish message that names the line or the field."""

import json
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from insatser.katalogfil import importera_katalog
from insatser.katalogformat import exportera_katalog, som_json
from insatser.katalogkontroll import OgiltigKatalogfil
from insatser.models import Insats, Katalog
from tests.insatser.test_katalogfil import databasens_innehall
from tests.insatser.test_katalogfiler import (
    med_nycklarna_utskrivna,
    normaliserad,
    sekreterare_i,
)

OMGANG = Path(__file__).resolve().parent / "katalogfiler" / "omgang17"
GILTIGA = {"hedemora.json": 5, "pajala.json": 3, "norrtalje.json": 45}
KOMMUNER = {"hedemora": "Hedemora", "pajala": "Pajala", "norrtalje": "Norrtälje"}

# file: [(JSON path, words of the message)], every problem, in order.
TRASIGA: dict[str, list[tuple[str, str]]] = {
    "hedemora-citattecken.json": [
        (
            "$",
            "(rad 19, kolumn 36): här väntades ett kommatecken: det står text direkt efter "
            'ett citattecken ("), som då avslutar texten för tidigt: skriv \\"',
        ),
    ],
    "hedemora-radbrytning.json": [
        ("$", "(rad 18, kolumn 88): en text innehåller en radbrytning"),
    ],
    "hedemora-tabb.json": [("$", "(rad 59, kolumn 63): en text innehåller ett tabbtecken")],
    "hedemora-tva-malgrupper.json": [
        (
            "$.insatser[5].namn",
            "finns redan som $.insatser[0]; namnet måste vara unikt. En "
            "insats för flera målgrupper står en gång, med alla dess målgrupper i ”malgrupp”",
        ),
    ],
    "hedemora-villkor.json": [
        ("$.insatser[1].max_tillfallen", "ska vara minst 1"),
        ("$.insatser[4].villkor[1]", "okänt fält: 'avser'"),
    ],
    "hedemora-aldrar.json": [
        ("$.insatser[1].villkor[0]", "Lägsta ålder kan inte vara högre än högsta ålder"),
        ("$.insatser[4].villkor[4]", "Samma villkor står två gånger"),
    ],
    "norrtalje-datum.json": [
        ("$.beslutsdatum", "datumet '2025-12-32' finns inte: december 2025 har 31 dagar"),
        ("$.galler_fran", "ogiltigt datum '31/12/2025', skriv ÅÅÅÅ-MM-DD"),
    ],
    "pajala-slag-i-version-1.json": [
        ("$.insatser[0]", "'slag' finns i version 2 av formatet: skriv \"version\": 2 först"),
    ],
    "pajala-tva-kataloger.json": [
        ("$", "(rad 2, kolumn 1): filen fortsätter efter katalogens slut"),
    ],
    "pajala-version-3.json": [("$.version", "okänd formatversion; skriv 2")],
    "pajala-version-text.json": [
        ("$.version", "'1' är en text; skriv talet utan citattecken: 1"),
    ],
}


def innehall(namn: str) -> bytes:
    return (
        (OMGANG / namn).read_bytes()
        if namn in GILTIGA
        else (OMGANG / "trasiga" / namn).read_bytes()
    )


def data(namn: str) -> dict:
    return json.loads(innehall(namn).decode("utf-8-sig"))


def stammer(fel: list[str], namn: str) -> None:
    assert [f.split(": ")[0] for f in fel] == [stig for stig, _ in TRASIGA[namn]], fel
    for f, (_, ord_) in zip(fel, TRASIGA[namn], strict=True):
        assert ord_ in f, f


def test_every_broken_file_has_its_expectation():
    assert sorted(TRASIGA) == sorted(p.name for p in (OMGANG / "trasiga").glob("*.json"))
    assert sorted(GILTIGA) == sorted(p.name for p in OMGANG.glob("*.json"))


def test_the_files_are_written_as_the_readme_says():
    hedemora, pajala = innehall("hedemora.json"), innehall("pajala.json")
    assert hedemora.startswith(b"\xef\xbb\xbf") and b"\r\n" in hedemora
    assert b"\n\t" in pajala and b"\r" not in pajala
    katalog = data("norrtalje.json")
    assert (katalog["beslutsdatum"], katalog["galler_fran"]) == ("2026-11-30", "2026-12-31")
    pajala_ = data("pajala.json")
    assert all(set(i) == {"namn", "dokumentation"} for i in pajala_["insatser"])


@pytest.mark.django_db
@pytest.mark.parametrize("namn", GILTIGA)
def test_a_right_file_imports_exactly_and_exports_the_same(namn):
    resultat = importera_katalog(innehall(namn), anvandare=None)
    vantat = med_nycklarna_utskrivna(data(namn))
    assert len(resultat.nya) == GILTIGA[namn]
    assert sorted(resultat.nya) == sorted(i["namn"] for i in vantat["insatser"])
    assert normaliserad(exportera_katalog(resultat.katalog, version=1)) == normaliserad(vantat)
    # Once more is no change; version 2 of it, imported, is no change either.
    assert importera_katalog(innehall(namn), anvandare=None).oforandrad
    v2 = exportera_katalog(resultat.katalog, version=2)
    assert importera_katalog(som_json(v2), anvandare=None).oforandrad


@pytest.mark.django_db
def test_the_texts_keep_their_quotes_line_breaks_and_tabs():
    importera_katalog(innehall("hedemora.json"), anvandare=None)
    valdet = Insats.objects.get(namn__startswith="Stödsamtal för barn, unga och vuxna")
    assert len(valdet.namn) > 120
    assert valdet.metod == 'Stödsamtal enligt "Trappan" för barn; krisstöd för vuxna'
    assert "Kvinnofridsmottagningen.\nSamtalen" in valdet.innehall
    assert valdet.dokumentationsregel == "14:4+14:5" and valdet.unga_utan_samtycke
    abc = Insats.objects.get(namn="Föräldragrupp ABC (Alla Barn i Centrum) 3–12 år")
    assert abc.innehall == "Fyra träffar à 2,5 timmar och en återträff.\tFika ingår."
    assert Insats.objects.get(namn__startswith="Öppen mötesplats").innehall.count("\r\n") == 1
    katalog = Katalog.objects.get()
    assert (
        "\n" in katalog.allmanna_villkor[1] and "”Vuxenmottagningen”" in katalog.allmanna_villkor[1]
    )


@pytest.mark.django_db
def test_a_cafe_is_a_meeting_place_and_every_insats_of_a_large_file_has_a_kind():
    resultat = importera_katalog(innehall("norrtalje.json"), anvandare=None)
    assert resultat.varningar == []
    assert Insats.objects.get(namn="Språkcafé i Vätö (6)").slag == "oppen_motesplats"
    assert not Insats.objects.filter(slag="").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("namn", GILTIGA)
def test_a_right_file_through_the_command_and_the_upload(client, tmp_path, capsys, namn):
    call_command("importera_katalog", str(OMGANG / namn))
    assert "katalogen är importerad" in capsys.readouterr().out
    ut = tmp_path / "ut.json"
    call_command("exportera_katalog", "--version", "1", "--output", str(ut))
    vantat = normaliserad(med_nycklarna_utskrivna(data(namn)))
    assert normaliserad(json.loads(ut.read_text(encoding="utf-8"))) == vantat
    # The secretary's upload of the same file: no change, and the public catalogue shows it
    # unless it is in force from a later day (Norrtälje, from 31 December).
    client.force_login(sekreterare_i(data(namn)["kommun"]))
    fil = SimpleUploadedFile(namn, innehall(namn), "application/json")
    svar = client.post(reverse("insatser:importera"), {"fil": fil})
    assert svar.status_code == 200, svar.text
    slug = Katalog.objects.get().slug
    publik = client.get(reverse("publik:katalog", args=[slug])).text
    synliga = [i.namn for i in Insats.objects.all() if i.namn.replace('"', "&quot;") in publik]
    assert len(synliga) == (0 if namn == "norrtalje.json" else GILTIGA[namn])


@pytest.mark.django_db
@pytest.mark.parametrize("namn", sorted(TRASIGA))
def test_a_wrong_file_is_refused_whole_naming_where(client, capsys, namn):
    importera_katalog(innehall("pajala.json"), anvandare=None)
    fore = databasens_innehall()
    with pytest.raises(OgiltigKatalogfil) as fel:
        importera_katalog(innehall(namn), anvandare=None)
    stammer(fel.value.fel, namn)
    assert databasens_innehall() == fore
    with pytest.raises(CommandError, match="Inget har ändrats"):
        call_command("importera_katalog", str(OMGANG / "trasiga" / namn))
    stammer(capsys.readouterr().err.splitlines(), namn)
    client.force_login(sekreterare_i(KOMMUNER[namn.split("-")[0]]))
    fil = SimpleUploadedFile(namn, innehall(namn), "application/octet-stream")
    svar = client.post(reverse("insatser:importera"), {"fil": fil})
    assert svar.status_code == 200
    stammer(svar.context["fel"], namn)
    assert "Ingenting i katalogen har ändrats" in svar.text
    assert databasens_innehall() == fore


@pytest.mark.django_db
def test_a_file_without_insatser_is_a_catalogue_without_insatser_and_removes_none():
    """An empty list is a valid file (a new municipality's header first); for a catalogue with
    decided insatser it is refused, since they end only by a decision."""
    tom = json.dumps({"kommun": "Pajala", "insatser": []}).encode()
    assert importera_katalog(tom, anvandare=None).nya == []
    importera_katalog(innehall("pajala.json"), anvandare=None)
    fore = databasens_innehall()
    with pytest.raises(OgiltigKatalogfil) as fel:
        importera_katalog(tom, anvandare=None)
    assert all("saknas i filen" in f for f in fel.value.fel) and len(fel.value.fel) == 3
    assert databasens_innehall() == fore
