"""Clicks and keystrokes for the five most common staff tasks, measured in a real browser.

    python bench/klick.py --url http://127.0.0.1:8021 [--skarmbilder DIR]

Against a running demo server (`manage.py demodata`, `KRAV_TVASTEGSVERIFIERING=false
manage.py runserver`) and the same DATABASE_URL, which the script uses only to prepare what
the tasks need (a planned round to enrol into, a round of 10 with a meeting day, a 14:3
participation and a user at its utförare) and to check afterwards that each task saved what
it should. Headless Debian chromium drives the UI.

Each task starts on the staff start page, logged in, and ends when it is saved. It is done
twice, the same steps:
- *tangentbord*: a practised keyboard user. On a freshly loaded page they take the skip link
  (Tab, Enter) when what they want is in the main content; then Tab until the field, link or
  button has focus, and type. A link or button is Enter, a check box Space, a radio group
  the arrow keys (Space for its first choice), a list box the first letters of the choice.
  Every key press counts, Tab and Enter included.
- *mus*: a mouse user who types only text and numbers: one click per link, button, field,
  check box and radio button, two per list box (open, choose), and Ctrl+A (one keystroke) to
  replace a field's content.

The tasks: a walk-in talk (Föräldrarådgivning, first talk held at the contact); an opening's
headcount of 17 visitors (Öppen förskola); group intake of 8 parents into a planned round of
Föräldragrupp ABC (on one page if the round page offers it, else one contact form each); the
attendance of a meeting of 10 (register the meeting, tick all 10); a journal note on a 14:3
participation (the note's 40 characters are typed in both modes).
"""

from __future__ import annotations

import argparse
import datetime
import os
import re
import sys
import uuid
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # the ORM next to Playwright's loop

import django

django.setup()

from django.db.models import Sum
from playwright.sync_api import Locator, Page, sync_playwright

from dokumentation.deltagande.models import Deltagande
from dokumentation.journal.models import Journalanteckning
from dokumentation.kontakter.services import (
    Kontaktuppgifter,
    Personuppgifter,
    Startuppgifter,
    registrera_kontakt,
)
from dokumentation.tillfallen.models import Besoksantal, Narvaro, Omgang, Tillfalle
from insatser.models import Insats
from organisation.models import Anvandare, Behorighet, Roll, Utforare

LOSENORD = "demo-iub-2026"
CHROMIUM = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
ANTECKNING = "Samtal om boendet. Nästa träff om en vecka."  # 40+ tecken, samma i båda lägena
BESOKARE = [  # 17 visitors: (sex column, age band) -> count, in the table's reading order
    ("Kvinna", "0–12 år", 4),
    ("Man", "0–12 år", 4),
    ("Kvinna", "25–44 år", 7),
    ("Man", "25–44 år", 2),
]
FORALDRAR = [(34, 3, "Kvinna"), (29, 4, "Man"), (41, 5, "Kvinna"), (37, 4, "Kvinna"),
             (26, 3, "Man"), (45, 6, "Kvinna"), (31, 3, "Annat"), (38, 7, "Man")]  # fmt: skip


class Anvandning:
    """One way of using the UI, counting what it costs."""

    def __init__(self, page: Page, tangentbord: bool) -> None:
        self.page = page
        self.tangentbord = tangentbord
        self.klick = 0
        self.tangenter = 0

    # The keyboard user's way to an element.
    def _har_fokus(self, el: Locator) -> bool:
        return bool(el.evaluate("e => e === document.activeElement"))

    def _tryck(self, tangent: str) -> None:
        self.page.keyboard.press(tangent)
        self.tangenter += 1

    def fokusera(self, el: Locator) -> None:
        el = el.first
        el.wait_for(state="attached")
        if self._har_fokus(el):
            return
        ny_sida = bool(self.page.evaluate("document.activeElement === document.body"))
        i_main = bool(el.evaluate("e => !!e.closest('main')"))
        if ny_sida and i_main and self.page.locator("a.hoppa").count():
            self._tryck("Tab")
            self._tryck("Enter")
            if self._har_fokus(el):  # the skip link led straight to it
                return
        for _ in range(400):
            self._tryck("Tab")
            if self._har_fokus(el):
                return
        raise RuntimeError(f"Nådde aldrig {el} med Tab")

    # What both users do.
    def oppna(self, el: Locator) -> None:
        """Follow a link or press a button."""
        if self.tangentbord:
            self.fokusera(el)  # the skip link is a navigation within the page
        with self.page.expect_navigation():
            if self.tangentbord:
                self._tryck("Enter")
            else:
                el.first.click()
                self.klick += 1

    def fyll(self, el: Locator, text: str) -> None:
        el = el.first
        if self.tangentbord:
            self.fokusera(el)  # Tab selects what the field holds
        else:
            el.click()
            self.klick += 1
            if el.input_value():
                self._tryck("Control+A")
        for tecken in text:
            self.page.keyboard.type(tecken)
            self.tangenter += 1
        if el.input_value() != text:
            raise RuntimeError(f"{el} fick {el.input_value()!r}, inte {text!r}")

    def kryssa(self, el: Locator) -> None:
        el = el.first
        if self.tangentbord:
            self.fokusera(el)
            self._tryck("Space")
        else:
            el.click()
            self.klick += 1
        if not el.is_checked():
            raise RuntimeError(f"{el} blev inte ikryssad")

    def radio(self, grupp: Locator, etikett: str) -> None:
        mal = grupp.get_by_label(etikett, exact=True)
        if not self.tangentbord:
            mal.click()
            self.klick += 1
            return
        namn = mal.get_attribute("name")
        ny_sida = bool(self.page.evaluate("document.activeElement === document.body"))
        if ny_sida and self.page.locator("a.hoppa").count():
            self._tryck("Tab")
            self._tryck("Enter")
        for _ in range(400):
            if self.page.evaluate("document.activeElement.name") == namn:
                break
            self._tryck("Tab")
        if self._har_fokus(mal) and not mal.is_checked():
            self._tryck("Space")
        while not mal.is_checked():
            self._tryck("ArrowDown")

    def valj(self, el: Locator, etikett: str) -> None:
        el = el.first
        if not self.tangentbord:
            el.select_option(label=etikett)
            self.klick += 2
            return
        self.fokusera(el)
        valt = "el => el.options[el.selectedIndex] ? el.options[el.selectedIndex].text : ''"
        texter: list[str] = el.evaluate("el => Array.from(el.options, o => o.text)")
        mal = texter.index(etikett)
        nu = int(el.evaluate("el => el.selectedIndex"))
        # The cheaper of the arrow keys and typing the start of the choice (the browser
        # picks the first choice that starts with what was typed).
        prefix = next(
            k
            for k in range(1, len(etikett) + 1)
            if next(t for t in texter if t.lower().startswith(etikett[:k].lower())) == etikett
        )
        if abs(mal - nu) <= prefix:
            for _ in range(abs(mal - nu)):
                self._tryck("ArrowDown" if mal > nu else "ArrowUp")
        else:
            for tecken in etikett[:prefix]:
                self.page.keyboard.type(tecken)
                self.tangenter += 1
        if el.evaluate(valt) != etikett:
            raise RuntimeError(f"Kunde inte välja {etikett!r} i {el} med tangenterna")


# The tasks. Each starts on /start/ and ends when saved.
def samtal(a: Anvandning) -> None:
    p = a.page
    a.oppna(p.get_by_role("link", name="Någon vänder sig till oss – ny kontakt"))
    a.oppna(p.get_by_role("link", name="Föräldrarådgivning", exact=True))
    a.fyll(p.locator("#id_alder"), "34")
    a.fyll(p.locator("#id_barnets_alder"), "4")
    a.radio(p.locator("#id_kon"), "Kvinna")
    a.radio(p.locator("#id_villkor_1"), "Uppfyllt")
    a.radio(p.locator("#id_villkor_2"), "Uppfyllt")
    a.kryssa(p.get_by_label("Jag har informerat om rätten att ansöka"))
    a.radio(p.locator("#id_utfall"), "Börjar delta")
    a.fyll(p.locator("#id_samtal_minuter"), "45")
    a.oppna(p.get_by_role("button", name="Spara kontakten"))
    p.get_by_role("heading", name="Kontakten är sparad").wait_for()


def oppning(a: Anvandning) -> None:
    p = a.page
    a.oppna(p.get_by_role("link", name="Räkna besökare i öppen verksamhet"))
    val = p.get_by_role("link", name="Öppen förskola på familjecentralen")
    if val.count():  # the choice of insats, where there is one to make
        a.oppna(val)
    a.sida_borjar = (a.klick, a.tangenter)  # type: ignore[attr-defined]
    for kon, grupp, antal in BESOKARE:
        a.fyll(p.get_by_label(f"{kon}, {grupp}", exact=True), str(antal))
    a.oppna(p.get_by_role("button", name="Spara öppningen"))
    p.get_by_text("registrerad med 17 besök").wait_for()


def gruppintag(a: Anvandning, omgang: Omgang) -> None:
    p = a.page
    a.oppna(p.get_by_role("link", name="Gruppomgångar och närvaro"))
    a.oppna(p.get_by_role("link", name=omgang.benamning))
    pa_en_sida = p.get_by_role("link", name="Skriv in deltagare")
    if pa_en_sida.count():
        a.oppna(pa_en_sida)
        for nr, (alder, barnets, kon) in enumerate(FORALDRAR, start=1):
            rad = p.locator(f"#rad-{nr}")
            a.fyll(rad.get_by_label(re.compile("^Ålder")), str(alder))
            a.fyll(rad.get_by_label(re.compile("^Barnets ålder")), str(barnets))
            a.valj(rad.get_by_label(re.compile("^Kön")), kon)
            for v in rad.locator("select.villkorssvar").all():
                a.valj(v, "Uppfyllt")
        a.kryssa(p.get_by_label("Jag har informerat var och en"))
        a.oppna(p.get_by_role("button", name="Skriv in deltagarna"))
        p.get_by_text("8 deltagare").first.wait_for()
        return
    # One contact form per parent, from the round page and then from each receipt.
    a.oppna(p.get_by_role("link", name="en ny kontakt"))
    for nr, (alder, barnets, kon) in enumerate(FORALDRAR):
        if nr:
            a.oppna(p.get_by_role("link", name="Registrera en ny kontakt"))
            a.oppna(p.get_by_role("link", name="Föräldragrupp ABC", exact=True))
        a.fyll(p.locator("#id_alder"), str(alder))
        a.fyll(p.locator("#id_barnets_alder"), str(barnets))
        a.radio(p.locator("#id_kon"), kon)
        a.radio(p.locator("#id_villkor_1"), "Uppfyllt")
        a.radio(p.locator("#id_villkor_2"), "Uppfyllt")
        a.kryssa(p.get_by_label("Jag har informerat om rätten att ansöka"))
        a.radio(p.locator("#id_utfall"), "Börjar delta")
        a.valj(p.locator("#id_omgang"), str(omgang))
        a.oppna(p.get_by_role("button", name="Spara kontakten"))
        p.get_by_role("heading", name="Kontakten är sparad").wait_for()


def narvaro(a: Anvandning, omgang: Omgang) -> None:
    p = a.page
    a.oppna(p.get_by_role("link", name="Gruppomgångar och närvaro"))
    a.oppna(p.get_by_role("link", name=omgang.benamning))
    a.oppna(p.get_by_role("button", name="Registrera träffen och pricka av närvaro"))
    for ruta in p.locator("input[name=narvarande]").all():
        a.kryssa(ruta)
    a.oppna(p.get_by_role("button", name="Spara närvaron"))
    p.get_by_text("Närvaron är sparad").wait_for()


def journal(a: Anvandning, deltagande: Deltagande) -> None:
    p = a.page
    a.oppna(p.get_by_role("link", name=str(deltagande.person)).first)
    a.fyll(p.get_by_label("Ny anteckning"), ANTECKNING)
    a.oppna(p.get_by_role("button", name="Signera anteckningen"))
    p.get_by_text(ANTECKNING).first.wait_for()


# What the tasks need, prepared through the services.
def forbered(lage: str) -> dict[str, object]:
    abc = Insats.objects.publicerade().filter(utforare__namn="Familjecentralen Sjöbacka")
    abc = abc.get(namn="Föräldragrupp ABC")
    fc = abc.utforare
    personal = Anvandare.objects.get(username="personal")
    stamp = f"{lage} {uuid.uuid4().hex[:4]}"
    idag = datetime.date.today()
    intag = Omgang.objects.create(
        insats=abc, utforare=fc, benamning=f"Klick intag {stamp}", startdatum=idag,
        antal_traffar=4, min_deltagare=4, max_deltagare=12,
    )  # fmt: skip
    tio = Omgang.objects.create(
        insats=abc, utforare=fc, benamning=f"Klick närvaro {stamp}", startdatum=idag,
        antal_traffar=4, min_deltagare=4, max_deltagare=12,
    )  # fmt: skip
    for alder, barnets, kon in [*FORALDRAR, (33, 9, "Kvinna"), (40, 8, "Man")]:
        registrera_kontakt(
            anvandare=personal,
            insats=abc,
            uppgifter=Kontaktuppgifter(
                datum=idag,
                kanal="pa_plats",
                alder=alder,
                barnets_alder=barnets,
                kon=kon.lower(),
                svar=["uppfyllt", "uppfyllt"],
                informerad=True,
                utfall="deltar",
                samtycke="",
                unga_vill=False,
            ),
            start=Startuppgifter(),
            person=None,
            omgang=tio,
            forsta_samtal_minuter=None,
            nyckel=uuid.uuid4(),
        )
    tio.status = Omgang.Status.PAGAR
    tio.save(update_fields=["status"])
    # A 14:3 participation at Vuxenenheten, and a staff member there.
    boende = Insats.objects.publicerade().get(katalog=abc.katalog, namn="Boendecoachning")
    vuxen, skapad = Anvandare.objects.get_or_create(
        username="klick_vuxen", defaults={"first_name": "Klick", "last_name": "Vuxen"}
    )
    if skapad:
        vuxen.set_password(LOSENORD)
        vuxen.save()
        Behorighet.objects.create(
            anvandare=vuxen, roll=Roll.UTFORARPERSONAL, utforare=Utforare.objects.get(
                pk=boende.utforare_id)
        )  # fmt: skip
    kontakt = registrera_kontakt(
        anvandare=vuxen,
        insats=boende,
        uppgifter=Kontaktuppgifter(
            datum=idag,
            kanal="pa_plats",
            alder=47,
            barnets_alder=None,
            kon="man",
            svar=["uppfyllt"] * boende.villkor.count(),
            informerad=True,
            utfall="deltar",
            samtycke="",
            unga_vill=False,
        ),
        start=Startuppgifter(),
        person=Personuppgifter(_personnummer(), "Klick", f"Mätning {stamp}", False),
        omgang=None,
        forsta_samtal_minuter=None,
        nyckel=uuid.uuid4(),
    )
    return {"intag": intag, "tio": tio, "deltagande": kontakt.deltagande}


def _personnummer() -> str:
    from random import Random

    from dokumentation.demo import personnummer_for

    return personnummer_for(Random(), 47, datetime.date.today())


def logga_in(page: Page, anvandare: str) -> None:
    page.goto("/logga-in/")
    page.get_by_label("Användarnamn").fill(anvandare)
    page.get_by_label("Lösenord").fill(LOSENORD)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url("**/start/")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:8021")
    parser.add_argument("--skarmbilder", type=Path, help="katalog för en bild per uppgift")
    args = parser.parse_args()
    rader = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM)
        for lage in ("tangentbord", "mus"):
            data = forbered(lage)
            intag, tio, deltagande = data["intag"], data["tio"], data["deltagande"]
            if not (isinstance(intag, Omgang) and isinstance(tio, Omgang)):
                raise TypeError
            if not isinstance(deltagande, Deltagande):
                raise TypeError
            uppgifter: list[tuple[str, str, Callable[[Anvandning], None], Callable[[], bool]]] = [
                ("Samtal vid besök", "personal", samtal, lambda: True),
                (
                    "Öppning, 17 besökare",
                    "personal",
                    oppning,
                    lambda: (
                        Besoksantal.objects.filter(
                            tillfalle=Tillfalle.objects.filter(typ="oppning").latest("pk")
                        ).aggregate(s=Sum("antal"))["s"]
                        == 17
                    ),
                ),
                (
                    "Gruppintag, 8 deltagare",
                    "personal",
                    lambda a, intag=intag: gruppintag(a, intag),
                    lambda intag=intag: intag.deltaganden.count() == 8,
                ),
                (
                    "Närvaro, träff med 10",
                    "personal",
                    lambda a, tio=tio: narvaro(a, tio),
                    lambda tio=tio: Narvaro.objects.filter(tillfalle__omgang=tio).count() == 10,
                ),
                (
                    "Journalanteckning 14:3",
                    "klick_vuxen",
                    lambda a, deltagande=deltagande: journal(a, deltagande),
                    lambda deltagande=deltagande: (
                        Journalanteckning.objects.filter(deltagande=deltagande).count() == 1
                    ),
                ),
            ]
            for namn, anvandare, uppgift, sparat in uppgifter:
                context = browser.new_context(base_url=args.url, locale="sv-SE")
                page = context.new_page()
                page.set_default_timeout(15_000)
                logga_in(page, anvandare)
                a = Anvandning(page, tangentbord=lage == "tangentbord")
                uppgift(a)
                if not sparat():
                    raise RuntimeError(f"{namn} ({lage}) sparade inte det den skulle")
                if args.skarmbilder:
                    args.skarmbilder.mkdir(parents=True, exist_ok=True)
                    page.screenshot(path=args.skarmbilder / f"{lage}-{len(rader)}.png")
                sidan = ""
                if hasattr(a, "sida_borjar"):
                    k0, t0 = a.sida_borjar
                    sidan = f" (på räknesidan {a.klick - k0} klick, {a.tangenter - t0} tangenter)"
                rader.append((namn, lage, a.klick, a.tangenter, sidan))
                context.close()
        browser.close()
    print("| Uppgift | Sätt | Klick | Tangenttryck |")
    print("|---|---|---:|---:|")
    for namn, lage, klick, tangenter, sidan in sorted(rader, key=lambda r: r[0]):
        print(f"| {namn} | {lage}{sidan} | {klick} | {tangenter} |")


if __name__ == "__main__":
    main()
