"""The sixth round of held-out catalogues (tests/insatser/katalogfiler/omgang6/, see the
README there): files as municipalities really send them. Each broken one is refused whole,
through the function and the secretary's page, with a Swedish message that names the insats
and the fix; each corrected one imports."""

import json
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from insatser.katalogfil import importera_katalog
from insatser.katalogkontroll import OgiltigKatalogfil
from insatser.models import Insats, Villkor
from insatser.regler import malgrupp_utan_identitet
from insatser.services import insatsens_regelbrott
from tests.factories import InsatsFactory
from tests.insatser.test_katalogfil import databasens_innehall
from tests.insatser.test_katalogfiler import sekreterare_i

OMGANG = Path(__file__).resolve().parent / "katalogfiler" / "omgang6"

# file: the municipality, and (path, words of the message, the insats it names) for each problem.
TRASIGA = {
    "ange.xlsx": (
        "Ånge",
        [("$", "filen är en Excel-arbetsbok (.xlsx), inte en katalog i JSON", "")],
    ),
    "ange.csv": (
        "Ånge",
        [("$", "ser ut att vara ett kalkylark sparat som text (CSV", "")],
    ),
    "harnosand-for-hand.json": (
        "Härnösand",
        [
            ("$.insatser[0].dokumentation.regel", "'14 kap. 4 §' (skriv '14:4')", "insats 1"),
            ("$.insatser[0].form", "'Individuell' (skriv 'individuell')", "insats 1"),
            ("$.insatser[0].max_tillfallen", "skriv talet utan citattecken: 5", "insats 1"),
            ("$.insatser[1].dokumentation", 'skriv {"regel": "14:5"}', "insats 2"),
            ("$.insatser[1].villkor[0]", "'ålder' (skriv 'alder')", "insats 2"),
        ],
    ),
    "kramfors-extra.json": (
        "Kramfors",
        [
            ("$", "okänt fält: 'exporterad_av'; formatet har inte det fältet", ""),
            ("$.insatser[0]", "'id', 'senast_andrad'; formatet har inte de fälten", "insats 1"),
            ("$.insatser[1]", "okänt fält: 'id'", "insats 2"),
        ],
    ),
    "kramfors-steg2.json": (
        "Kramfors",
        [
            ("$.insatser[0].villkor[2]", "Samma villkor står två gånger", "insats 1"),
            ("$.insatser[1].malgrupp", "Målgruppen verkar innehålla en adress", "insats 2"),
        ],
    ),
}
RATTADE = {"harnosand-rattad.json": "Härnösand", "kramfors-rattad.json": "Kramfors"}


@pytest.mark.django_db
@pytest.mark.parametrize("namn", TRASIGA)
def test_a_file_as_sent_is_refused_whole_naming_the_insats_and_the_fix(namn, client):
    kommun, vantade = TRASIGA[namn]
    innehall = (OMGANG / namn).read_bytes()
    fore = databasens_innehall()
    with pytest.raises(OgiltigKatalogfil) as fel:
        importera_katalog(innehall, anvandare=None)
    assert len(fel.value.fel) == len(vantade), fel.value.rader
    for rad, var, (stig, ord_, insats) in zip(fel.value.fel, fel.value.var, vantade, strict=True):
        assert rad.startswith(f"{stig}: ") and ord_ in rad, rad
        assert var.startswith(insats), var
    assert databasens_innehall() == fore
    # The secretary's page: the same messages, no 500, nothing saved.
    client.force_login(sekreterare_i(kommun))
    fil = SimpleUploadedFile(namn, innehall, "application/octet-stream")
    svar = client.post(reverse("insatser:importera"), {"fil": fil})
    assert svar.status_code == 200
    assert "har inte importerats" in svar.text
    for _, ord_, _ in vantade:
        assert ord_.replace("'", "&#x27;").replace('"', "&quot;") in svar.text
    assert databasens_innehall() == fore


@pytest.mark.django_db
@pytest.mark.parametrize("namn", RATTADE)
def test_the_corrected_file_imports(namn, client):
    client.force_login(sekreterare_i(RATTADE[namn]))
    fil = SimpleUploadedFile(namn, (OMGANG / namn).read_bytes(), "application/json")
    svar = client.post(reverse("insatser:importera"), {"fil": fil})
    assert svar.status_code == 200 and "katalogen är importerad" in svar.text
    data = json.loads((OMGANG / namn).read_text(encoding="utf-8"))
    assert sorted(Insats.objects.values_list("namn", flat=True)) == sorted(
        i["namn"] for i in data["insatser"]
    )


def test_an_identifying_target_group_is_named_and_a_description_is_not():
    assert malgrupp_utan_identitet("Barnen till Anna Lindqvist på Storgatan 12")
    assert malgrupp_utan_identitet("Eleverna i klass 7B på Nyadalsskolan")
    for text in (
        "Barn 7–12 år som har förlorat en förälder.",
        "Föräldrar till barn 3–12 år.",
        "Vuxna anhöriga till personer med ett beroende.",
        None,
    ):
        assert malgrupp_utan_identitet(text) == []


@pytest.mark.django_db
def test_the_same_villkor_twice_is_refused_in_the_register_too():
    """The rule is the register's, not the file's: the secretary's form gets it as well."""
    insats = InsatsFactory.build(malgrupp="Alla")
    villkor = [
        Villkor(typ="intyg", text="Läkarintyg"),
        Villkor(typ="folkbokford", kommun="Kramfors"),
        Villkor(typ="intyg", text="Läkarintyg"),
    ]
    brott = [o for o in insatsens_regelbrott(insats, villkor, ska_vara_beslutad=False)]
    assert [(o.kod, o.nr) for o in brott] == [("villkor_dubbelt", 3)]


@pytest.mark.django_db
def test_the_municipality_written_as_pages_write_it_is_told_how_the_register_has_it(client):
    """A guideline's "Härnösands kommun" for the register's Härnösand: the page said the file
    was for Härnösands kommun and the secretary was secretary for Härnösands kommun."""
    data = json.loads((OMGANG / "harnosand-rattad.json").read_text(encoding="utf-8"))
    data["kommun"] = "Härnösands kommun"
    client.force_login(sekreterare_i("Härnösand"))
    fil = SimpleUploadedFile("h.json", json.dumps(data).encode(), "application/json")
    svar = client.post(reverse("insatser:importera"), {"fil": fil})
    assert "som registret har det, ”Härnösand” (filen skriver ”Härnösands kommun”)" in svar.text
    # The command (no secretary): once Härnösand has a catalogue, the same name is refused too.
    importera_katalog((OMGANG / "harnosand-rattad.json").read_bytes(), anvandare=None)
    fore = databasens_innehall()
    with pytest.raises(OgiltigKatalogfil) as fel:
        importera_katalog(json.dumps(data), anvandare=None)
    assert fel.value.fel == [
        "$.kommun: skriv kommunens namn som registret har det, ”Härnösand” (filen skriver "
        "”Härnösands kommun”)."
    ]
    assert databasens_innehall() == fore
