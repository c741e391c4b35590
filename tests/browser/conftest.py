"""Playwright against Debian's chromium (its own browser download does not work on our
machines), with an axe-core check of WCAG 2.1 A/AA on every page a journey visits."""

import base64
import datetime
import os
import shutil
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django_otp.oath import totp
from playwright.sync_api import sync_playwright

from dokumentation.tillfallen.models import Omgang
from insatser.katalogfil import importera_katalog
from insatser.models import Insats
from organisation.models import ROLLER_PER_KOMMUN, Kommun, Roll, Utforare
from tests.factories import AnvandareFactory, UtforareFactory

DEMO = Path(__file__).resolve().parents[2] / "insatser" / "demo" / "sjobacka.json"
SKARMBILDER = Path(
    os.environ.get("SKARMBILDER", Path(__file__).resolve().parents[2] / "test-artefakter")
)
CHROMIUM_FLAGGOR = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


@pytest.fixture(scope="session")
def webblasare():
    # Playwright's sync API runs an event loop in this thread; Django's ORM calls from the
    # test body are still synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    assert chromium, "Webbläsartesterna behöver Debians chromium: apt-get install chromium"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGGOR)
        yield browser
        browser.close()


@pytest.fixture
def sida(webblasare, live_server):
    context = webblasare.new_context(base_url=live_server.url, locale="sv-SE")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


_axe = Axe()


def kontrollera_tillganglighet(page, namn: str) -> None:
    """No axe-core violations of WCAG 2.1 A/AA; a screenshot for people to look at."""
    SKARMBILDER.mkdir(exist_ok=True)
    page.screenshot(path=SKARMBILDER / f"{namn}.png", full_page=True)
    resultat = _axe.run(page, options=WCAG)
    assert resultat.violations_count == 0, f"{namn} ({page.url}):\n{resultat.generate_report()}"


@pytest.fixture
def demokatalog(transactional_db):
    for namn in [
        "Familjecentralen Sjöbacka",
        "Träffpunkt Hamnen",
        "Beroendemottagningen",
        "Vuxenenheten",
    ]:
        UtforareFactory(namn=namn)
    return importera_katalog(DEMO.read_bytes(), anvandare=None).katalog


@pytest.fixture
def logga_in(sida):
    def inloggning(roll: Roll, utforare=None, username="testare", kommun=None):
        if roll in ROLLER_PER_KOMMUN and kommun is None:
            # The nämnd's side of the municipality there is (the demo's), else the tests' own.
            kommun = Kommun.objects.order_by("pk").first()
        AnvandareFactory.med_roll(roll, utforare, kommun=kommun, username=username)
        sida.goto("/logga-in/")
        sida.get_by_label("Användarnamn").fill(username)
        sida.get_by_label("Lösenord").fill("losenord-for-test")
        sida.get_by_role("button", name="Logga in").click()
        if "/tvasteg/" in sida.url:
            # Roles that read identified data set up two-factor authentication first, as a
            # person would with an authenticator app.
            hemlighet = base64.b32decode(sida.locator("#hemlighet").inner_text())
            sida.get_by_label("Kod").fill(f"{totp(hemlighet):06d}")
            sida.get_by_role("button", name="Aktivera").click()
            sida.get_by_role("link", name="Fortsätt").click()
        sida.wait_for_url("**/start/")

    return inloggning


@pytest.fixture
def familjecentralen(demokatalog):
    """The demo's family centre, with a parenting group's round starting today."""
    utforare = Utforare.objects.get(namn="Familjecentralen Sjöbacka")
    Omgang.objects.create(
        insats=Insats.objects.get(namn="Föräldragrupp ABC"),
        utforare=utforare,
        benamning="Vårens grupp",
        startdatum=datetime.date.today(),
        antal_traffar=4,
        min_deltagare=2,
        max_deltagare=10,
    )
    return utforare


def oppna_radgivning(sida) -> None:
    """From the start page to the contact form of the demo's parental advice."""
    sida.get_by_role("link", name="Någon vänder sig till oss – ny kontakt").click()
    sida.get_by_role("link", name="Föräldrarådgivning").click()


def fyll_i_radgivning(sida, alder: str = "41", kon: str = "Man") -> None:
    """A parent who meets both villkor, informed, starting to take part (not yet saved)."""
    sida.get_by_label("Ålder (år):", exact=True).fill(alder)
    sida.get_by_label("Barnets ålder (år)").fill("6")
    sida.get_by_label(kon, exact=True).check()
    for nr in (1, 2):
        sida.locator(f"#id_villkor_{nr}").get_by_label("Uppfyllt", exact=True).check()
    sida.get_by_label("Jag har informerat om rätten att ansöka").check()
    sida.get_by_label("Börjar delta").check()
