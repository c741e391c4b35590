"""Import and export of whole catalogues in the interchange format (docs/katalog/README.md)."""

import copy
import datetime
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from insatser.katalogfil import importera_katalog
from insatser.katalogformat import SCHEMA_FIL, exportera_katalog, som_json
from insatser.katalogkontroll import OgiltigKatalogfil
from insatser.models import Beslut, Insats, Katalog, Villkor

# The example catalogues of format v1 and its schema, kept in the repository (docs/katalog/).
DELAD = Path(__file__).resolve().parents[2] / "docs" / "katalog"
DEMO = Path(__file__).resolve().parents[2] / "insatser" / "demo" / "sjobacka.json"


def delad(namn: str) -> bytes:
    fil = DELAD / namn
    assert fil.exists(), f"{fil} saknas: exempelkatalogerna ligger i docs/katalog/."
    return fil.read_bytes()


def normaliserad(data) -> str:
    return json.dumps(data, sort_keys=True, ensure_ascii=False)


def databasens_innehall() -> list:
    return [
        list(Katalog.objects.values()),
        list(Insats.objects.values()),
        list(Villkor.objects.values()),
        list(Beslut.objects.values()),
        Insats.history.count(),
        Villkor.history.count(),
    ]


def test_the_schema_we_ship_is_the_documented_one():
    assert json.loads(SCHEMA_FIL.read_text()) == json.loads(delad("katalog.schema.json"))


@pytest.mark.django_db
@pytest.mark.parametrize("fil", ["alingsas.json", "sala.json"])
def test_example_catalogues_round_trip(fil):
    innehall = delad(fil)
    resultat = importera_katalog(innehall, anvandare=None)
    assert len(resultat.nya) == len(json.loads(innehall)["insatser"])
    assert normaliserad(exportera_katalog(resultat.katalog, version=1)) == normaliserad(
        json.loads(innehall)
    )


@pytest.mark.django_db
def test_demo_catalogue_round_trips():
    resultat = importera_katalog(DEMO.read_bytes(), anvandare=None)
    assert normaliserad(exportera_katalog(resultat.katalog, version=1)) == normaliserad(
        json.loads(DEMO.read_bytes())
    )


@pytest.mark.django_db
def test_both_catalogues_live_side_by_side():
    importera_katalog(delad("alingsas.json"), anvandare=None)
    importera_katalog(delad("sala.json"), anvandare=None)
    assert set(Katalog.objects.values_list("kommun", flat=True)) == {"Alingsås", "Sala"}
    # Both have a "Familjerådgivning": names are unique per catalogue, not globally.
    assert Insats.objects.filter(namn="Familjerådgivning").count() == 2


@pytest.mark.django_db
def test_reimporting_the_same_file_changes_nothing():
    importera_katalog(delad("sala.json"), anvandare=None)
    fore = databasens_innehall()
    resultat = importera_katalog(delad("sala.json"), anvandare=None)
    assert resultat.oforandrad
    assert databasens_innehall() == fore


@pytest.mark.django_db
def test_decision_in_file_makes_insatser_decided():
    resultat = importera_katalog(delad("sala.json"), anvandare=None)
    beslut = Beslut.objects.get()
    assert (beslut.organ, beslut.datum.isoformat()) == (
        "Social- och arbetsmarknadsnämnden",
        "2026-01-28",
    )
    assert set(resultat.katalog.insatser.values_list("status", flat=True)) == {"beslutad"}


@pytest.mark.django_db
def test_file_without_decision_applies_from_today_under_an_unknown_decision():
    """Issue 18: not refused and not silently drafted: in force from the import date under a
    decision recorded as unknown, flagged until the secretary records the nämnd's."""
    resultat = importera_katalog(delad("alingsas.json"), anvandare=None)
    beslut = Beslut.objects.get()
    assert (beslut.okant, beslut.datum) == (True, datetime.date.today())
    assert resultat.beslut_okant
    insatser = list(resultat.katalog.insatser.all())
    assert {(i.status, i.beslut_id, i.giltig_fran) for i in insatser} == {
        ("beslutad", beslut.pk, datetime.date.today())
    }
    assert all(i.beslut_okant and i.ar_publicerad() for i in insatser)
    # The file itself is unchanged: the catalogue still has no beslutsdatum.
    assert resultat.katalog.beslutsdatum is None
    assert importera_katalog(delad("alingsas.json"), anvandare=None).oforandrad
    assert Beslut.objects.count() == 1


@pytest.mark.django_db
def test_missing_sarskilda_skal_warns_and_flags():
    resultat = importera_katalog(delad("sala.json"), anvandare=None)
    skal = [v for v in resultat.varningar if "14 kap. 5 §" in v]
    assert len(skal) == 1
    assert "Hela barn – samtalsserie" in skal[0]
    flaggade = [i.namn for i in Insats.objects.all() if i.saknar_sarskilda_skal]
    assert flaggade == ["Hela barn – samtalsserie"]


@pytest.mark.django_db
def test_the_missing_sarskilda_skal_warning_is_given_by_the_import_that_brings_it():
    importera_katalog(delad("sala.json"), anvandare=None)
    igen = importera_katalog(delad("sala.json"), anvandare=None)
    assert not [v for v in igen.varningar if "14 kap. 5 §" in v]
    # Still marked in the catalogue until the reasons are added.
    assert Insats.objects.get(namn="Hela barn – samtalsserie").saknar_sarskilda_skal
    # A file that takes away reasons the catalogue had brings the lack in: warned again.
    data = json.loads(delad("sala.json"))
    med_skal = next(i for i in data["insatser"] if i["namn"] == "Medling")
    assert med_skal["dokumentation"]["regel"] == "14:5" and med_skal["dokumentation"]["motivering"]
    med_skal["dokumentation"]["motivering"] = None
    senare = importera_katalog(json.dumps(data), anvandare=None)
    assert [v for v in senare.varningar if "14 kap. 5 §" in v] == [
        f"{med_skal['namn']}: beslutet om undantag enligt 14 kap. 5 § saknar motivering "
        "(särskilda skäl). Insatsen är markerad tills motiveringen har lagts till."
    ]


@pytest.mark.django_db
def test_revised_file_updates_and_records_history():
    original = json.loads(delad("sala.json"))
    importera_katalog(json.dumps(original), anvandare=None)
    reviderad = copy.deepcopy(original)
    reviderad["beslutsdatum"] = "2026-06-10"
    reviderad["insatser"][0]["villkor"][0]["max"] = 13
    reviderad["insatser"][1]["innehall"] = "Ny beskrivning."
    borttagen = reviderad["insatser"].pop()
    reviderad["insatser"].append({**copy.deepcopy(original["insatser"][2]), "namn": "Ny insats"})

    resultat = importera_katalog(json.dumps(reviderad), anvandare=None)

    assert resultat.andrade == ["ABC 3-12 år", "Komet 3-11 år"]
    assert resultat.nya == ["Ny insats"]
    assert resultat.upphorda == [borttagen["namn"]]
    abc = Insats.objects.get(namn="ABC 3-12 år")
    assert abc.beslut.datum.isoformat() == "2026-06-10"
    assert abc.history.count() == 2
    assert abc.villkor.get(typ="alder").max_alder == 13
    assert Insats.objects.get(namn=borttagen["namn"]).status == "upphord"
    assert normaliserad(exportera_katalog(resultat.katalog, version=1)) == normaliserad(reviderad)


@pytest.mark.django_db
def test_decided_insats_is_not_changed_by_a_file_without_decision():
    original = json.loads(delad("sala.json"))
    importera_katalog(json.dumps(original), anvandare=None)
    fore = databasens_innehall()
    original["beslutsdatum"] = None
    original["insatser"][0]["innehall"] = "Ändrat utan beslut"
    with pytest.raises(OgiltigKatalogfil) as fel:
        importera_katalog(json.dumps(original), anvandare=None)
    assert fel.value.fel[0].startswith("$.insatser[0]: ")
    assert "nämndbeslut" in fel.value.fel[0]
    assert databasens_innehall() == fore


def ogiltig(andring):
    data = json.loads(delad("sala.json"))
    andring(data)
    return json.dumps(data)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("andring", "vantade_fel"),
    [
        (lambda d: d.pop("kommun"), ["$: obligatoriskt fält saknas: 'kommun'."]),
        (lambda d: d["insatser"][2].update(namn=""), ["$.insatser[2].namn: får inte vara tomt."]),
        (
            lambda d: d["insatser"][0]["dokumentation"].update(regel="14:9"),
            [
                "$.insatser[0].dokumentation.regel: otillåtet värde '14:9'; "
                "tillåtna är '14:3', '14:4', '14:5', '14:4+14:5'."
            ],
        ),
        (
            lambda d: d["insatser"][0]["villkor"][0].update(min="tre"),
            ["$.insatser[0].villkor[0].min: fel datatyp, ska vara heltal eller null."],
        ),
        (
            lambda d: d["insatser"][0]["villkor"].append({"typ": "horoskop"}),
            [
                "$.insatser[0].villkor[2]: okänd villkorstyp 'horoskop'; tillåtna typer är alder, "
                "folkbokford, gemensam_begaran, inskriven_skola, intyg, ovrigt, "
                "vardnadshavares_samtycke."
            ],
        ),
        (
            lambda d: d.update(beslutsdatum="28 januari"),
            ["$.beslutsdatum: ogiltigt datum '28 januari', skriv ÅÅÅÅ-MM-DD."],
        ),
        (
            lambda d: d["insatser"][3].update(farg="blå"),
            [
                "$.insatser[3]: okänt fält: 'farg'; formatet har inte det fältet, och registret "
                "sparar bara det formatet beskriver: ta bort det."
            ],
        ),
        (
            lambda d: d["insatser"][1].update(max_tillfallen=0),
            ["$.insatser[1].max_tillfallen: ska vara minst 1."],
        ),
    ],
)
def test_invalid_file_is_refused_whole_with_json_paths(andring, vantade_fel):
    importera_katalog(delad("alingsas.json"), anvandare=None)
    fore = databasens_innehall()
    with pytest.raises(OgiltigKatalogfil) as fel:
        importera_katalog(ogiltig(andring), anvandare=None)
    assert fel.value.fel == vantade_fel
    assert databasens_innehall() == fore


@pytest.mark.django_db
def test_every_problem_is_named():
    def flera_fel(d):
        d["insatser"][0].pop("namn")
        d["insatser"][5]["form"] = "cirkus"
        d["insatser"][7]["villkor"][0]["min"] = -1

    with pytest.raises(OgiltigKatalogfil) as fel:
        importera_katalog(ogiltig(flera_fel), anvandare=None)
    assert [f.split(":")[0] for f in fel.value.fel] == [
        "$.insatser[0]",
        "$.insatser[5].form",
        "$.insatser[7].villkor[0].min",
    ]
    assert not Insats.objects.exists()


@pytest.mark.django_db
def test_not_json_at_all():
    with pytest.raises(OgiltigKatalogfil) as fel:
        importera_katalog(b"{inte json", anvandare=None)
    assert fel.value.fel[0].startswith("$: filen är inte giltig JSON (rad 1")
    with pytest.raises(OgiltigKatalogfil):
        importera_katalog(b"\xff\xfe", anvandare=None)


@pytest.mark.django_db
@pytest.mark.parametrize("namn", ["Kontaktperson för unga", "Ekonomiskt bistånd"])
def test_excluded_insats_cannot_be_imported(namn):
    fil = ogiltig(lambda d: d["insatser"][4].update(namn=namn))
    with pytest.raises(OgiltigKatalogfil) as fel:
        importera_katalog(fil, anvandare=None)
    assert fel.value.fel[0].startswith("$.insatser[4].namn: ")
    assert "11 kap. 5 §" in fel.value.fel[0]
    assert not Insats.objects.exists()


def skyddat_boende(*villkor):
    return {
        "kommun": "Boendestad",
        "beslutsdatum": "2026-03-01",
        "insatser": [
            {
                "namn": "Skyddat boende",
                "innehall": "Tillfälligt boende med skydd.",
                "malgrupp": "Vuxna utsatta för våld.",
                "dokumentation": {"regel": "14:3"},
                "villkor": list(villkor),
            }
        ],
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    "villkor",
    [
        [],
        [{"typ": "alder", "min": 21}],
        [{"typ": "ovrigt", "text": "Utan medföljande barn"}],
        [{"typ": "alder", "min": 18}, {"typ": "ovrigt", "text": "Utan medföljande barn"}],
    ],
    ids=["utan-villkor", "bara-alder", "bara-utan-barn", "fran-18"],
)
def test_protected_housing_is_imported_only_for_adults_from_21_without_children(villkor):
    with pytest.raises(OgiltigKatalogfil) as fel:
        importera_katalog(json.dumps(skyddat_boende(*villkor)), anvandare=None)
    assert "från 21 år utan medföljande barn" in fel.value.fel[0]
    assert not Insats.objects.exists()


@pytest.mark.django_db
def test_protected_housing_for_adults_without_children_imports_and_round_trips():
    data = skyddat_boende(
        {"typ": "alder", "min": 21}, {"typ": "ovrigt", "text": "Utan medföljande barn"}
    )
    resultat = importera_katalog(json.dumps(data), anvandare=None)
    insats = Insats.objects.get()
    assert (insats.slag, insats.status) == ("skyddat_boende", "beslutad")
    assert [v.typ for v in insats.villkor.all()] == ["alder", "utan_medfoljande_barn"]
    ut = exportera_katalog(resultat.katalog, version=1)
    assert ut["insatser"][0]["villkor"][1] == {"typ": "ovrigt", "text": "Utan medföljande barn"}
    assert importera_katalog(som_json(ut), anvandare=None).oforandrad


@pytest.mark.django_db
def test_the_import_proposes_a_kind_and_flags_what_it_cannot_classify():
    resultat = importera_katalog(delad("sala.json"), anvandare=None)
    assert Insats.objects.get(namn="Familjerådgivning").slag == "radgivning"
    assert Insats.objects.get(namn="Anhörigstöd – grupp").slag == "anhorigstod"
    oklara = set(Insats.objects.filter(slag="").values_list("namn", flat=True))
    assert "Medling" in oklara
    for namn in oklara:
        assert any(v.startswith(f"{namn}: ange vilket slags insats") for v in resultat.varningar)
    # The secretary's classification stands when the same file is imported again.
    Insats.objects.filter(namn="Medling").update(slag="stodsamtal")
    importera_katalog(delad("sala.json"), anvandare=None)
    assert Insats.objects.get(namn="Medling").slag == "stodsamtal"


@pytest.mark.django_db
def test_the_secretarys_kind_stands_when_a_file_without_kinds_changes_the_insats():
    """Version 1 states no kind: a file that changes an insats (here a correction under the
    same decision) sets what it states and leaves the secretary's classification."""
    importera_katalog(delad("sala.json"), anvandare=None)
    Insats.objects.filter(namn="Medling").update(slag="stodsamtal")
    data = json.loads(delad("sala.json"))
    medling = next(i for i in data["insatser"] if i["namn"] == "Medling")
    medling["innehall"] = "Samtal med en medlare, rättat."
    resultat = importera_katalog(json.dumps(data), anvandare=None)
    assert resultat.andrade == ["Medling"]
    insats = Insats.objects.get(namn="Medling")
    assert (insats.innehall, insats.slag) == ("Samtal med en medlare, rättat.", "stodsamtal")


@pytest.mark.django_db
def test_the_kind_warning_is_given_once_by_the_import_that_brings_the_insats():
    forsta = importera_katalog(delad("sala.json"), anvandare=None)
    assert any(v.startswith("Medling: ange vilket slags insats") for v in forsta.varningar)
    igen = importera_katalog(delad("sala.json"), anvandare=None)
    assert igen.oforandrad
    assert not any("ange vilket slags insats" in v for v in igen.varningar)
    # Still marked in the catalogue until the secretary gives it a kind.
    assert Insats.objects.get(namn="Medling").slag == ""
    # A new insats without a kind in a later file is warned about.
    data = json.loads(delad("sala.json"))
    medling = next(i for i in data["insatser"] if i["namn"] == "Medling")
    data["insatser"].append({**medling, "namn": "Medling för grannar"})
    senare = importera_katalog(json.dumps(data), anvandare=None)
    assert [v for v in senare.varningar if "ange vilket slags insats" in v] == [
        "Medling för grannar: ange vilket slags insats det är. Filen säger det inte och namnet "
        "räcker inte för ett förslag; insatsen är markerad tills den har ett slag."
    ]


@pytest.mark.django_db
def test_contradicting_villkor_cannot_be_imported():
    fil = ogiltig(lambda d: d["insatser"][0]["villkor"][0].update(min=14, max=12))
    with pytest.raises(OgiltigKatalogfil) as fel:
        importera_katalog(fil, anvandare=None)
    assert fel.value.fel == [
        "$.insatser[0].villkor[0]: Lägsta ålder kan inte vara högre än högsta ålder."
    ]


@pytest.mark.django_db
def test_duplicate_names_are_refused():
    fil = ogiltig(lambda d: d["insatser"][3].update(namn=d["insatser"][1]["namn"]))
    with pytest.raises(OgiltigKatalogfil) as fel:
        importera_katalog(fil, anvandare=None)
    assert fel.value.fel[0].startswith("$.insatser[3].namn: ")


@pytest.mark.django_db
def test_minimal_valid_catalogue_round_trips():
    """Any catalogue valid against the schema must work, not only the two real ones."""
    data = {
        "kommun": "Minsta",
        "insatser": [
            {
                "namn": "Öppet hus",
                "dokumentation": {"regel": "14:5", "motivering": "Skäl"},
                "villkor": [
                    {"typ": "alder", "min": 65},
                    {"typ": "intyg", "vad": "Intyg"},
                    {"typ": "inskriven_skola"},
                ],
            },
        ],
    }
    resultat = importera_katalog(json.dumps(data), anvandare=None)
    ut = exportera_katalog(resultat.katalog, version=1)
    # Keys left out of the file come back as null; the content is the same.
    assert ut["insatser"][0]["villkor"] == [
        {"typ": "alder", "min": 65, "max": None},
        {"typ": "intyg", "vad": "Intyg"},
        {"typ": "inskriven_skola", "kommun": None, "skolform": None},
    ]
    assert importera_katalog(som_json(ut), anvandare=None).oforandrad


@pytest.mark.django_db
def test_commands_import_and_export(tmp_path, capsys):
    fil = tmp_path / "sala.json"
    fil.write_bytes(delad("sala.json"))
    call_command("importera_katalog", str(fil))
    assert "katalogen är importerad" in capsys.readouterr().out
    call_command("exportera_katalog", "--version", "1")
    assert normaliserad(json.loads(capsys.readouterr().out)) == normaliserad(
        json.loads(delad("sala.json"))
    )
    # Version 2 unless asked for 1.
    ut = tmp_path / "ut.json"
    call_command("exportera_katalog", "--output", str(ut))
    assert json.loads(ut.read_text()) == exportera_katalog(Katalog.objects.get(), version=2)
    assert json.loads(ut.read_text())["version"] == 2


@pytest.mark.django_db
def test_import_command_fails_with_paths_and_nonzero_exit(tmp_path, capsys):
    fil = tmp_path / "fel.json"
    fil.write_text(ogiltig(lambda d: d["insatser"][2].pop("dokumentation")))
    with pytest.raises(CommandError, match="importerades inte: 1 fel"):
        call_command("importera_katalog", str(fil))
    assert "$.insatser[2]: obligatoriskt fält saknas: 'dokumentation'." in capsys.readouterr().err
    with pytest.raises(CommandError, match="Kan inte läsa"):
        call_command("importera_katalog", str(tmp_path / "finns-inte.json"))


@pytest.mark.django_db
def test_export_command_asks_which_catalogue():
    with pytest.raises(CommandError, match="ingen katalog"):
        call_command("exportera_katalog")
    importera_katalog(delad("sala.json"), anvandare=None)
    importera_katalog(delad("alingsas.json"), anvandare=None)
    with pytest.raises(CommandError, match="ange --kommun"):
        call_command("exportera_katalog")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("andring", "vantat"),
    [
        (
            lambda d: d["insatser"][1].update(namn="x" * 201),
            "$.insatser[1].namn: texten är för lång (201 tecken, högst 200).",
        ),
        (
            lambda d: d.update(kommun="K" * 101),
            "$.kommun: texten är för lång (101 tecken, högst 100).",
        ),
        (
            lambda d: d["insatser"][0]["villkor"][1].update(kommun="S" * 101),
            "$.insatser[0].villkor[1].kommun: texten är för lång (101 tecken, högst 100).",
        ),
        (
            lambda d: d["insatser"][2].update(innehall="a\x00b"),
            "$.insatser[2].innehall: texten innehåller ett otillåtet tecken (NUL).",
        ),
    ],
)
def test_what_the_register_cannot_store_is_refused_with_a_path(andring, vantat):
    with pytest.raises(OgiltigKatalogfil) as fel:
        importera_katalog(ogiltig(andring), anvandare=None)
    assert vantat in fel.value.fel
    assert not Insats.objects.exists()
