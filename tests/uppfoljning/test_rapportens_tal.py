"""Every number the board report writes in words – the summary's sentences and the internal
control per risk – on the page and in the PDF: each is a shown figure, follows from shown
figures only (a share, a change), or is no statistic (a year, a paragraph, the insatser and
their signed follow-ups, the months of the log review). The sentences are built from the same
cells as the tables, but nothing else reads their text."""

import io
import re
from decimal import Decimal
from itertools import permutations

from django.urls import reverse
from pypdf import PdfReader

from dokumentation import statistik
from tests.uppfoljning.test_namndrapport import AR, _tre_ar, tre_ar  # noqa: F401
from uppfoljning.models import Bedomning
from uppfoljning.publicerat import Publicerat
from uppfoljning.rapport import bygg_rapport

TAL = re.compile(r"[+−-]?\d+(?:[ \u00a0\u202f]\d{3})*(?:,\d+)?")
# 11 kap. 1, 5 och 6 §§, 14 kap. 3 § and 4–5 §§, 21 kap. 2 §, 31 mars.
LAGRUM = {1, 2, 3, 4, 5, 6, 11, 14, 21, 31}


def _tal(text: str) -> list[Decimal]:
    ut = []
    for t in TAL.findall(text):
        t = re.sub(r"[ \u00a0\u202f]", "", t).replace("−", "-").replace(",", ".")
        ut.append(abs(Decimal(t)))
    return ut


def _tillatna(r, katalog) -> set[Decimal]:
    """The shown figures of the report's years, what follows from two of them (a difference,
    a share, a change in per cent), and the numbers that are no statistic."""
    pub = Publicerat(katalog, kolumner=r.perioder)
    visade: dict[str, list[int]] = {}
    for (matt, _, kolumn), v in pub.poster.items():
        if v is not None and "@" not in kolumn:
            visade.setdefault(kolumn, []).append(v)
            visade.setdefault(matt, []).append(v)
    ut: set[Decimal] = set()
    for varden in visade.values():
        ut |= {Decimal(abs(v)) for v in varden}
        for a, b in permutations(set(varden), 2):
            ut.add(Decimal(abs(a - b)))
            if b:
                ut |= {Decimal(round(100 * a / b)), Decimal(round(100 * abs(a - b) / b))}
            if a + b:
                ut.add(Decimal(round(100 * a / (a + b))))
    aktuella = [d for d in r.insatser if d.fanns[-1]]
    signerade = [d.uppfoljning for d in aktuella if d.uppfoljning]
    ut |= {Decimal(len(aktuella)), Decimal(len(signerade))}
    ut |= {Decimal(sum(1 for s in signerade if s.i_tid))}
    ut |= {Decimal(sum(1 for s in signerade if s.bedomning == b)) for b in Bedomning.values}
    utforare = sorted({d.insats.utforare_id for d in r.insatser if d.insats.utforare_id})
    ut |= {Decimal(n) for n in statistik.loggkontroll(utforare, r.ar)}
    ut |= {Decimal(int(p)) for p in r.perioder} | {Decimal(r.ar + 1)} | set(map(Decimal, LAGRUM))
    return ut


def _avsnitt(text: str, fran: str, till: str) -> str:
    start = text.index(fran)
    return text[start : text.index(till, start + len(fran))]


def test_every_number_in_the_summary_and_the_risk_rows_is_shown_or_follows(
    client, tre_ar, verksamhetschef
):
    katalog = tre_ar["katalog"]
    r = bygg_rapport(katalog, AR)
    tillatna = _tillatna(r, katalog)
    texter = {"sammanfattning": " ".join(r.sammanfattning)}
    texter["risker"] = " ".join(" ".join(x.som_rad()) for x in r.risker)
    client.force_login(verksamhetschef)
    html = client.get(reverse("uppfoljning:rapport", args=[AR])).text
    texter["sidans sammanfattning"] = _avsnitt(html, 'id="sammanfattning"', "</ul>")
    texter["sidans risker"] = _avsnitt(html, 'class="tabell risker"', "</table>")
    pdf = client.get(reverse("uppfoljning:rapport_fil", args=[AR, "pdf"]))
    sidor = "\n".join(s.extract_text() for s in PdfReader(io.BytesIO(pdf.content)).pages)
    # The page's footer ("Sida 2 av 6") is no figure of the report.
    sidor = re.sub(r"Sida \d+ av \d+", "", sidor)
    texter["pdf:ns sammanfattning"] = _avsnitt(sidor, "Sammanfattning\n", "Alla tal kommer")
    texter["pdf:ns risker"] = _avsnitt(
        sidor, "Kontrollområde Risk Kontrollaktivitet", "Uppföljning av riktlinjen"
    )
    for namn, text in texter.items():
        # Markup's own numbers (ids, classes) are no text: strip tags first.
        text = re.sub(r"<[^>]*>", " ", text)
        tal = _tal(text)
        assert tal, namn
        okanda = [t for t in tal if t not in tillatna]
        assert not okanda, f"{namn}: {okanda} i {text!r}"
