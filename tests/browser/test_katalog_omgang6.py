"""The sixth round of held-out catalogues in a real browser: a workbook, a CSV and a file
written by hand, each refused on the secretary's page with what to do (and the page passes
axe)."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from insatser.models import Katalog
from organisation.models import Roll
from tests.browser.conftest import kontrollera_tillganglighet

pytestmark = pytest.mark.browser

OMGANG = Path(__file__).resolve().parents[1] / "insatser" / "katalogfiler" / "omgang6"


@pytest.mark.parametrize(
    ("fil", "vantat"),
    [
        ("ange.xlsx", "filen är en Excel-arbetsbok (.xlsx), inte en katalog i JSON"),
        ("ange.csv", "ser ut att vara ett kalkylark sparat som text (CSV"),
        ("harnosand-for-hand.json", "otillåtet värde '14 kap. 4 §' (skriv '14:4')"),
    ],
)
def test_secretary_is_told_what_a_file_as_sent_needs(sida, demokatalog, logga_in, fil, vantat):
    logga_in(Roll.NAMNDSEKRETERARE)
    sida.goto("/katalog/importera/")
    sida.get_by_label("Katalogfil (JSON)").set_input_files(OMGANG / fil)
    sida.get_by_role("button", name="Importera").click()
    expect(sida.get_by_text(re.compile(re.escape(vantat)))).to_be_visible()
    expect(sida.get_by_text("har inte importerats")).to_be_visible()
    kontrollera_tillganglighet(sida, f"sekreterare-import-{Path(fil).stem}")
    assert not Katalog.objects.filter(kommun__in=["Ånge", "Härnösand"]).exists()
