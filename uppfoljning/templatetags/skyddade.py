"""A published cell as a screen reader should read it: the symbols "×" and "–" say "dolt" and
"inte publicerat" in words (WCAG 1.1.1, 1.3.1), as the explanation beside every table does;
the symbol is what the eye sees."""

from __future__ import annotations

from django import template
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString

from uppfoljning.publicerat import PROCENTENHETER, utveckling_sparad
from uppfoljning.rojandeskydd import DOLT

register = template.Library()


@register.filter
def tal(cell: object, saknas: str = "inte publicerat") -> SafeString:
    """A `Cell` or the text a signed follow-up kept of one; `saknas`: what "–" means here
    (in the column of change: that there is no comparison)."""
    visning = str(getattr(cell, "visning", cell))
    ord_ = {DOLT: "dolt", "–": saknas}.get(visning)
    if ord_ is None:
        return SafeString(escape(visning))
    return format_html(
        '<span aria-hidden="true">{}</span><span class="visuellt-dold">{}</span>', visning, ord_
    )


@register.filter
def utveckling(rad: object) -> SafeString:
    """A row's change column (a `Rad` or the dict a signed follow-up kept of one): "–" says
    that there is no comparison; a share's change in percentage points and a mean's plain
    difference say their unit in words to a screen reader, which reads "p.e." as letters."""
    if isinstance(rad, dict):
        text, nyckel = utveckling_sparad(rad), str(rad.get("nyckel", ""))
    else:
        text, nyckel = str(getattr(rad, "utveckling", "")), str(getattr(rad, "nyckel", ""))
    if text.endswith(f" {PROCENTENHETER}"):
        ord_ = text.removesuffix(PROCENTENHETER) + "procentenheter"
        return format_html(
            '<span aria-hidden="true">{}</span><span class="visuellt-dold">{}</span>', text, ord_
        )
    if nyckel.startswith("medel.") and text not in ("", "–"):
        return format_html('{}<span class="visuellt-dold"> i medelvärde</span>', text)
    return tal(text, "ingen jämförelse")
