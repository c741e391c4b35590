"""A published cell as a screen reader should read it: the symbols "×" and "–" say "dolt" and
"inte publicerat" in words (WCAG 1.1.1, 1.3.1), as the explanation beside every table does;
the symbol is what the eye sees."""

from __future__ import annotations

from django import template
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString

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
