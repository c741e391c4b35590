"""Every page and export of follow-up shows what the publication shows, and nothing of what it
hides: the board report (page, CSV, XLSX, PDF), the yearly follow-up, the guideline pages, the
list of publications and the open export (README, "Röjandeskydd")."""

import csv
import io
import json
import random
import re

import openpyxl
import pytest
from django.core.cache import caches
from django.db import connection
from django.urls import reverse
from pypdf import PdfReader

from tests.uppfoljning.test_namndrapport import Tabeller
from tests.uppfoljning.test_publicering import (  # noqa: F401 (kommun: a fixture)
    AR,
    _publicera_hela_aret,
    kommun,
)
from uppfoljning.models import Publicering, Publiceringspost, Rapportfil

pytestmark = pytest.mark.angrepp


def _csv(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def _utan_engangsvarden(html: str) -> str:
    """A page less what differs per request (the CSP nonce, the CSRF token, when the session
    ends)."""
    html = re.sub(r'nonce="[^"]*"', 'nonce=""', html)
    html = re.sub(r"<time [^>]*>[^<]*</time>", "<time></time>", html)
    html = re.sub(r"<span data-slutar>[^<]*</span>", "", html)  # the warning's clock
    html = re.sub(r'data-(absolut-)?kvar="\d+"', "", html)
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)


def _allt(client, kommun) -> dict[str, object]:
    """Everything a reader can fetch of the publication, as comparable values."""
    for lager in caches.all():
        lager.clear()
    Rapportfil.objects.all().delete()  # the stored PDF: rendered anew
    ut: dict[str, object] = {}
    ut["rapport"] = _utan_engangsvarden(client.get(reverse("uppfoljning:rapport", args=[AR])).text)
    fil = lambda f: client.get(reverse("uppfoljning:rapport_fil", args=[AR, f])).content  # noqa: E731
    ut["csv"] = _csv(fil("csv").decode("utf-8-sig"))
    bok = openpyxl.load_workbook(io.BytesIO(fil("xlsx")))
    ut["xlsx"] = {b: [list(r) for r in bok[b].iter_rows(values_only=True)] for b in bok.sheetnames}
    ut["pdf"] = [s.extract_text() for s in PdfReader(io.BytesIO(fil("pdf"))).pages]
    ut["oppen.csv"] = client.get(reverse("uppfoljning:oppen_export", args=["csv"])).content
    oppen = json.loads(client.get(reverse("uppfoljning:oppen_export", args=["json"])).content)
    ut["oppen.json"] = {**oppen, "skapad": None}  # when it was fetched
    for insats in kommun["insatser"].values():
        ut[f"ars.{insats.pk}"] = _utan_engangsvarden(
            client.get(reverse("uppfoljning:arsuppfoljning", args=[insats.pk, AR])).text
        )
    for halvar in ("H1", "H2"):
        ut[halvar] = _utan_engangsvarden(
            client.get(reverse("uppfoljning:riktlinje", args=[f"{AR}-{halvar}"])).text
        )
    ut["publiceringar"] = _utan_engangsvarden(client.get(reverse("uppfoljning:publiceringar")).text)
    return ut


def _andra_sant(villkor: str) -> int:
    """Change the true value of stored posts behind the database's back (its trigger keeps a
    publication unchanged, so the test turns it off for the statement, in the test's
    transaction)."""
    t = "uppfoljning_publiceringspost"
    with connection.cursor() as c:
        c.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no deferred checks pending on the table
        c.execute(f"ALTER TABLE {t} DISABLE TRIGGER {t}_andras_aldrig")
        try:
            c.execute(f"UPDATE {t} SET sant = sant + 17 WHERE {villkor}")  # noqa: S608
            return c.rowcount
        finally:
            c.execute(f"ALTER TABLE {t} ENABLE TRIGGER {t}_andras_aldrig")
            c.execute("SET CONSTRAINTS ALL DEFERRED")


@pytest.fixture
def publicerat_ar(kommun, client, verksamhetschef):
    _publicera_hela_aret(kommun, random.Random(23))
    client.force_login(verksamhetschef)
    return kommun


def test_no_page_nor_export_tells_anything_of_a_hidden_count(client, publicerat_ar):
    """Non-interference: every hidden and withdrawn count is given another true value, and
    every page, chart (its bars, labels and titles), attribute, aria label and export is
    the same, byte for byte (the PDF: its text). A shown count changed shows (the check has
    teeth)."""
    fore = _allt(client, publicerat_ar)
    assert _andra_sant(f"status <> '{Publiceringspost.Status.VISAS}'") > 20
    efter = _allt(client, publicerat_ar)
    for namn in fore:
        assert fore[namn] == efter[namn], namn
    visad = Publiceringspost.objects.filter(
        status=Publiceringspost.Status.VISAS, insats__isnull=True, matt="kontakter", kolumn=str(AR)
    ).get()
    _andra_sant(f"id = {visad.pk}")
    andrat = _allt(client, publicerat_ar)
    assert [n for n in fore if fore[n] != andrat[n]], "a shown count changed nothing"


def test_every_export_shows_the_pages_numbers(client, publicerat_ar):
    """The board report's CSV and XLSX hold the page's table, cell for cell: a shown number
    as the same number (a number in the XLSX), a hidden one as "×", a withdrawn one "–"."""
    ut = _allt(client, publicerat_ar)
    rader = ut["csv"]
    rubrik = rader[0]
    kolumner = rubrik[2:-1]
    blad = ut["xlsx"]["Indikatorer"]
    assert [str(c) for c in blad[0][: len(rubrik)]] == rubrik
    xlsx = {(str(r[0]), str(r[1])): r[2 : 2 + len(kolumner)] for r in blad[1:]}
    tabeller = Tabeller()
    tabeller.feed(ut["rapport"])
    sida = {(i, rad[0]): rad[1 : 1 + len(kolumner)] for i, rad in tabeller.rader if rad}
    jamforda = {"xlsx": 0, "sida": 0}
    for rad in rader[1:]:
        if len(rad) < len(rubrik) or rad[0] == "Del":
            continue
        celler = rad[2 : 2 + len(kolumner)]
        if (rad[0], rad[1]) in xlsx and all(re.fullmatch(r"-?\d+|[×–]", c) for c in celler):
            assert [str(v) for v in xlsx[(rad[0], rad[1])]] == celler, rad
            jamforda["xlsx"] += 1
        if (rad[0], rad[1]) in sida:
            assert sida[(rad[0], rad[1])] == celler, rad
            jamforda["sida"] += 1
    assert jamforda["xlsx"] > 40 and jamforda["sida"] > 40, jamforda


#: A cell of a table as the eye reads it: a number (maybe with a unit), "×" or "–".
CELL = r"(?:-?\d[\d  ]*(?:,\d+)?(?: %| p\.e\.| kr)?|×|–)"


def _rad(etikett: str, celler: list[str]) -> str:
    return " ".join([etikett, *celler])


def test_the_pdf_shows_the_pages_numbers_and_no_other(client, publicerat_ar):
    """The PDF's text, table row by table row, is the page's: every row of the page whose
    label fits on one line is a line of the PDF with the same cells in the same order (a
    shown number the same, a hidden one "×", a withdrawn one "–"), and every line of the PDF
    that reads as such a row is one of the page's. No number is in the PDF that is nowhere on
    the page (a hidden count would be one)."""
    ut = _allt(client, publicerat_ar)
    tabeller = Tabeller()
    tabeller.feed(ut["rapport"])
    sidans = [
        _rad(rad[0], rad[1:])
        for _, rad in tabeller.rader
        if len(rad) > 1 and all(re.fullmatch(CELL, c) for c in rad[1:])
    ]
    etiketter = {rad[0] for _, rad in tabeller.rader if rad}
    rader = [r.strip() for sida in ut["pdf"] for r in sida.splitlines()]
    # The page's rows in the PDF's order: each found after the one before.
    i, hittade = 0, 0
    for rad in sidans:
        try:
            i = rader.index(rad, i) + 1
            hittade += 1
        except ValueError:
            continue
    assert hittade > 0.9 * len(sidans) and hittade > 100, (hittade, len(sidans))
    # Every line of the PDF that reads as a row with a page's label is one of the page's.
    for r in rader:
        for etikett in etiketter:
            rest = r.removeprefix(etikett + " ")
            if rest != r and re.fullmatch(rf"{CELL}(?: {CELL})*", rest):
                assert r in sidans, r
    # Numbers: the PDF's are the page's (its text, the charts' labels included), less the
    # page numbers ("Sida 2 av 8") and dates.
    sidtext = re.sub(r"<[^>]+>", " ", ut["rapport"])
    pa_sidan = set(re.findall(r"\d+", sidtext))
    pdf = "\n".join(ut["pdf"])
    pdf = re.sub(r"Sida \d+ av \d+|\d{4}-\d{2}-\d{2}", "", pdf)
    assert set(re.findall(r"\d+", pdf)) <= pa_sidan


def test_the_list_of_publications_tells_nothing_of_what_is_withdrawn(client, publicerat_ar):
    """The list of publications counts, per publication, the small counts shown as "×" and
    those hidden to protect them: together every "×" of the publication, which anyone can
    count on its pages. A small count withdrawn ("–") is in neither: counted among the small
    ones, the list less the "×" would say how many "–" are small (a lone "–" then is one)."""
    svar = client.get(reverse("uppfoljning:publiceringar"))
    tabeller = Tabeller()
    tabeller.feed(svar.text)
    rader = {rad[0]: rad[2:] for _, rad in tabeller.rader if rad and rad[0][:1].isdigit()}
    dolda = Publiceringspost.objects.filter(status=Publiceringspost.Status.DOLD).exclude(
        matt__startswith="medel."
    )
    tillbaka = Publiceringspost.objects.filter(status=Publiceringspost.Status.OPUBLICERAD)
    assert tillbaka.filter(sant__gt=0).exists(), "nothing withdrawn: no test"
    for p in Publicering.objects.all():
        sma = dolda.filter(publicering=p, primar=True).count()
        andra = dolda.filter(publicering=p, primar=False).count()
        assert rader[", ".join(p.perioder)] == [str(sma), str(andra)], p.perioder
