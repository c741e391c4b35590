"""A date in a page's main heading is never broken at its hyphens on a narrow screen: it stands
in `<span class="datum">` (white-space: nowrap), on every page whose h1 can hold a date."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.template import Context, Template
from django.urls import reverse

from organisation.templatetags.datum import hela_datum
from tests.factories import InsatsFactory, KatalogFactory

MALLAR = "templates"


def test_every_date_and_period_in_a_text_is_kept_whole_and_the_rest_escaped():
    text = "Kontakt 2026-03-14, <b>Stöd</b> – 2025-H1 och 2026-T3"
    assert hela_datum(text) == (
        'Kontakt <span class="datum">2026-03-14</span>, &lt;b&gt;Stöd&lt;/b&gt; – '
        '<span class="datum">2025-H1</span> och <span class="datum">2026-T3</span>'
    )
    # A number that only looks like part of a date, and a diarienummer, are left alone.
    assert hela_datum("SN 2026-0123-45 och 12026-01-01") == "SN 2026-0123-45 och 12026-01-01"
    assert hela_datum(None) == "None"


def test_the_filter_in_a_template_escapes_once():
    mall = Template("{% load datum %}<h1>{{ t|hela_datum }}</h1>")
    html = mall.render(Context({"t": "Ändra & 2026-01-01"}))
    assert html == '<h1>Ändra &amp; <span class="datum">2026-01-01</span></h1>'


def test_every_heading_that_shows_a_date_keeps_it_whole():
    """No h1 in the templates prints a date or a text that holds one without the span."""
    rot = Path(__file__).resolve().parents[1] / MALLAR
    for fil in rot.rglob("*.html"):
        for rubrik in re.findall(r"<h1[^>]*>.*?</h1>", fil.read_text(encoding="utf-8"), re.S):
            for uttryck in re.findall(r"\{\{(.*?)\}\}", rubrik):
                if "date:" in uttryck and '"Y-m-d"' in uttryck:
                    assert f'<span class="datum">{{{{{uttryck}}}}}</span>' in rubrik, fil
                namn = uttryck.strip().split("|")[0]
                if namn in {"beslut", "vad", "o.benamning", "period"}:
                    assert "hela_datum" in uttryck, (fil, uttryck)


@pytest.mark.django_db
def test_the_decision_and_the_catalogue_per_date_headings(client, sekreterare):
    katalog = KatalogFactory(kommun="Testköping")
    insats = InsatsFactory(katalog=katalog, beslutad=True)
    client.force_login(sekreterare)
    svar = client.get(reverse("insatser:beslut", args=[insats.beslut.pk]))
    rubrik = re.search(r"<h1>.*?</h1>", svar.text, re.S)
    assert rubrik and '<span class="datum">2026-01-15</span>' in rubrik[0], rubrik
    svar = client.get(reverse("insatser:per_datum", args=[katalog.slug]) + "?datum=2026-02-01")
    rubrik = re.search(r"<h1>.*?</h1>", svar.text, re.S)
    assert rubrik and '<span class="datum">2026-02-01</span>' in rubrik[0], rubrik
