"""Importing a catalogue again (docs/katalog/README.md, "Samma fil igen" and "En insats som har
upphört"): an insats is recognised by its name as the import reads it, the same file writes no
history, a changed one a row per change, and an ended insats in a newly decided catalogue is
decided again from the decision's day without rewriting the period it was in force."""

import copy
import datetime
import json
from pathlib import Path

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from insatser.historik import insats_per_datum
from insatser.katalogfil import importera_katalog
from insatser.katalogkontroll import OgiltigKatalogfil
from insatser.models import Insats, Villkor
from tests.factories import UtforareFactory
from tests.insatser.test_katalogfil import databasens_innehall
from tests.insatser.test_katalogfiler import sekreterare_i

ROT = Path(__file__).resolve().parents[2]
KATALOGFILER = Path(__file__).resolve().parent / "katalogfiler"
EGNA = [
    *sorted(p for p in (ROT / "docs" / "katalog").glob("*.json") if "schema" not in p.name),
    *sorted(KATALOGFILER.glob("*.json")),
    *sorted((KATALOGFILER / "version2").glob("*.json")),
    KATALOGFILER / "kalkylark" / "5-rattad.json",
]


def sala() -> dict:
    return json.loads((ROT / "docs" / "katalog" / "sala.json").read_text(encoding="utf-8"))


def importera(data: dict, anvandare=None):
    return importera_katalog(json.dumps(data, ensure_ascii=False).encode(), anvandare=anvandare)


def historikens_rader() -> dict[str, int]:
    """Rows of every history the register keeps, and of its decisions."""
    return {
        m._meta.label: m._default_manager.count()
        for m in apps.get_models()
        if m.__name__.startswith("Historical") or m.__name__ in ("Beslut", "BeslutadAndring")
    }


# ---------------------------------------------------------------- 1. the name as read


@pytest.mark.django_db
@pytest.mark.parametrize("mellanslag", ["\u00a0", "  ", "\t", " \u202f"])
def test_an_insats_saved_with_other_spaces_is_the_same_insats(mellanslag):
    """Names saved before the import normalised them (a non-breaking space from a spreadsheet,
    two spaces) are the insats the normalised file names: the same file is no change, and no
    insats is made twice or ended."""
    importera(sala())
    for insats in Insats.objects.filter(namn__contains=" "):
        Insats.objects.filter(pk=insats.pk).update(namn=insats.namn.replace(" ", mellanslag))
    fore = databasens_innehall()
    resultat = importera(sala())
    assert resultat.oforandrad, (resultat.nya, resultat.upphorda)
    assert databasens_innehall() == fore


@pytest.mark.django_db
def test_an_unnormalised_name_matches_also_without_a_decision():
    """A file without beslutsdatum cannot change a decided insats: a name that differs only in
    spaces is no change, so it is not refused as one."""
    data = json.loads((KATALOGFILER / "kiruna.json").read_text(encoding="utf-8"))
    importera(data)
    insats = Insats.objects.filter(namn__contains=" ").first()
    Insats.objects.filter(pk=insats.pk).update(namn=insats.namn.replace(" ", "\u00a0"))
    assert importera(data).oforandrad
    assert Insats.objects.filter(katalog__kommun=data["kommun"]).count() == len(data["insatser"])


@pytest.mark.django_db
def test_a_file_with_non_breaking_spaces_is_idempotent():
    data = sala()
    data["insatser"][0]["namn"] = "ABC\u00a03-12\u00a0år "
    importera(data)
    fore = databasens_innehall()
    assert importera(data).oforandrad
    assert databasens_innehall() == fore
    assert Insats.objects.filter(namn="ABC 3-12 år").count() == 1


@pytest.mark.django_db
def test_a_name_corrected_in_case_or_dash_is_a_change_of_the_same_insats():
    importera(sala())
    abc = Insats.objects.get(namn="ABC 3-12 år")
    data = sala()
    data["beslutsdatum"] = "2026-06-10"
    data["insatser"][0]["namn"] = "abc 3–12 år"
    resultat = importera(data)
    assert (resultat.andrade, resultat.nya, resultat.upphorda) == (["abc 3–12 år"], [], [])
    abc.refresh_from_db()
    assert abc.namn == "abc 3–12 år" and abc.status == "beslutad"


@pytest.mark.django_db
def test_an_utforare_saved_with_other_spaces_is_the_same_utforare():
    """The utförare's name is normalised as the insats's: one saved with a non-breaking space
    is the one the file names, in version 2 (no second utförare made) and version 1."""
    fil = (KATALOGFILER / "version2" / "lulea.json").read_bytes()
    hertson = UtforareFactory(namn="Familjecentralen\u00a0Hertsön", regi="egen_regi")
    resultat = importera_katalog(fil, anvandare=None)
    assert "Familjecentralen Hertsön" not in resultat.nya_utforare
    assert Insats.objects.get(namn="Föräldraskapsstöd ABC 3–12 år").utforare == hertson
    data = sala()
    data["insatser"][0]["utforare"] = "Familjecentralen Hertsön"
    assert importera(data).nya
    assert Insats.objects.get(namn="ABC 3-12 år").utforare == hertson


# ---------------------------------------------------------------- 2. history rows


@pytest.mark.django_db
@pytest.mark.parametrize("fil", EGNA, ids=lambda p: p.name)
def test_the_same_file_again_writes_no_history(fil):
    importera_katalog(fil.read_bytes(), anvandare=None)
    fore = historikens_rader()
    assert importera_katalog(fil.read_bytes(), anvandare=None).oforandrad
    assert historikens_rader() == fore


@pytest.mark.django_db
@pytest.mark.parametrize("galler_fran", [None, "2099-01-01"], ids=["i-dag", "senare-dag"])
def test_a_revised_file_again_writes_no_history(galler_fran):
    """A revision that changes the header, an insats's villkor and ends an insats, now or from
    a later day (waiting changes): the same file a second time writes nothing anywhere."""
    importera(sala())
    data = sala()
    data |= {"beslutsdatum": "2026-11-20", "galler_fran": galler_fran, "diarienummer": "X 1"}
    data["insatser"][0]["villkor"].pop()
    data["insatser"].pop()
    importera(data)
    fore = historikens_rader()
    assert importera(data).oforandrad
    assert historikens_rader() == fore


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("andring", "rader"),
    [
        # (what the revised file does to the villkor of "ABC 3-12 år", villkor history rows)
        (lambda v: v.pop(0), 1),
        (lambda v: v.pop(), 1),
        (lambda v: v[0].update(max=13), 1),
        (lambda v: v.append({"typ": "intyg", "vad": "Inbjudan"}), 1),
        (lambda v: v.insert(0, {"typ": "intyg", "vad": "Inbjudan"}), 3),
        (lambda v: v.reverse(), 3),
    ],
)
def test_a_changed_insats_writes_one_row_per_change(andring, rader):
    importera(sala())
    data = sala()
    data["beslutsdatum"] = "2026-06-10"
    villkor = data["insatser"][0]["villkor"]
    assert len(villkor) == 2
    andring(villkor)
    abc = Insats.objects.get(namn="ABC 3-12 år")
    fore = historikens_rader()
    assert importera(data).andrade == ["ABC 3-12 år"]
    efter = historikens_rader()
    assert efter["insatser.HistoricalInsats"] - fore["insatser.HistoricalInsats"] == 1
    assert efter["insatser.HistoricalVillkor"] - fore["insatser.HistoricalVillkor"] <= rader
    # The villkor read back as the file has them, in its order.
    assert [v.typ for v in Villkor.objects.filter(insats=abc)] == [v["typ"] for v in villkor]
    assert importera(data).oforandrad
    assert historikens_rader() == efter


# ---------------------------------------------------------------- 3. an ended insats again


def _avsluta_sista() -> tuple[dict, dict]:
    """Sala as decided 2026-01-28, then a decision of 2026-06-01 without its last insats."""
    importera(sala())
    utan = sala()
    utan["beslutsdatum"] = "2026-06-01"
    borta = utan["insatser"].pop()
    assert importera(utan).upphorda == [borta["namn"]]
    return utan, borta


@pytest.mark.django_db
def test_an_ended_insats_in_a_newly_decided_catalogue_is_decided_again():
    utan, borta = _avsluta_sista()
    insats = Insats.objects.get(namn=borta["namn"])
    assert (insats.status, insats.giltig_till) == ("upphord", datetime.date(2026, 6, 1))
    gamla_rader = list(insats.history.order_by("history_id").values())
    igen = copy.deepcopy(utan)
    igen["beslutsdatum"] = "2026-09-01"
    igen["insatser"].append({**borta, "innehall": "Beslutad igen med ny beskrivning."})

    resultat = importera(igen)

    assert resultat.beslutade_igen == [borta["namn"]]
    assert (resultat.nya, resultat.upphorda) == ([], [])
    insats.refresh_from_db()
    assert insats.status == "beslutad"
    assert (insats.giltig_fran, insats.giltig_till) == (datetime.date(2026, 9, 1), None)
    assert insats.beslut.datum == datetime.date(2026, 9, 1)
    assert insats.innehall == "Beslutad igen med ny beskrivning."
    # The old period is history as it was: its rows untouched, one row for the new decision.
    rader = list(insats.history.order_by("history_id").values())
    assert rader[: len(gamla_rader)] == gamla_rader and len(rader) == len(gamla_rader) + 1
    assert insats_per_datum(insats.pk, datetime.date(2026, 3, 1)).insats.innehall == (
        borta.get("innehall")
    )
    assert insats_per_datum(insats.pk, datetime.date(2026, 7, 1)) is None
    assert insats_per_datum(insats.pk, datetime.date(2026, 9, 2)).insats.innehall == (
        "Beslutad igen med ny beskrivning."
    )
    assert not insats.ar_publicerad(datetime.date(2026, 7, 1))
    assert insats.ar_publicerad(datetime.date(2026, 9, 2))
    # The same file again is no change.
    fore = historikens_rader()
    assert importera(igen).oforandrad
    assert historikens_rader() == fore


@pytest.mark.django_db
def test_an_ended_insats_decided_again_from_a_later_day():
    utan, borta = _avsluta_sista()
    igen = {**copy.deepcopy(utan), "beslutsdatum": "2026-10-20", "galler_fran": "2099-01-01"}
    igen["insatser"].append(borta)
    assert importera(igen).beslutade_igen == [borta["namn"]]
    insats = Insats.objects.get(namn=borta["namn"])
    assert insats.giltig_fran == datetime.date(2099, 1, 1)
    assert not insats.ar_publicerad(datetime.date(2098, 12, 31))
    assert insats.ar_publicerad(datetime.date(2099, 1, 1))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("huvud", "vantat"),
    [
        ({"beslutsdatum": None}, "filen saknar beslutsdatum"),
        ({"beslutsdatum": "2026-01-28"}, "filens beslut gäller från 2026-01-28"),
        ({"beslutsdatum": "2026-06-01"}, "filens beslut gäller från 2026-06-01"),
        ({"beslutsdatum": "2026-05-01", "galler_fran": "2026-06-01"}, "gäller från 2026-06-01"),
    ],
)
def test_an_ended_insats_comes_back_only_by_a_decision_after_it_ended(huvud, vantat, client):
    utan, borta = _avsluta_sista()
    igen = {**copy.deepcopy(utan), **huvud}
    igen["insatser"].append(borta)
    fore = databasens_innehall()
    with pytest.raises(OgiltigKatalogfil) as fel:
        importera(igen)
    namn = len(igen["insatser"]) - 1
    ratt = [f for f in fel.value.fel if f.startswith(f"$.insatser[{namn}].namn: ")]
    assert ratt and vantat in ratt[0] and "har upphört" in ratt[0], fel.value.fel
    assert databasens_innehall() == fore
    # The secretary's page says the same, naming the insats, and saves nothing.
    client.force_login(sekreterare_i("Sala"))
    fil = SimpleUploadedFile("sala.json", json.dumps(igen).encode(), "application/json")
    svar = client.post(reverse("insatser:importera"), {"fil": fil})
    assert svar.status_code == 200 and vantat in svar.text and borta["namn"] in svar.text
    assert databasens_innehall() == fore


@pytest.mark.django_db
def test_the_secretary_sees_which_insatser_apply_again(client):
    utan, borta = _avsluta_sista()
    igen = {**copy.deepcopy(utan), "beslutsdatum": "2026-09-01"}
    igen["insatser"].append(borta)
    client.force_login(sekreterare_i("Sala"))
    fil = SimpleUploadedFile("sala.json", json.dumps(igen).encode(), "application/json")
    svar = client.post(reverse("insatser:importera"), {"fil": fil})
    assert svar.status_code == 200
    assert "Insatser som gäller igen (1)" in svar.text and borta["namn"] in svar.text
