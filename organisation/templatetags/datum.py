"""A date in a heading stays whole: a long heading wraps between words, and the browser may
also break after a hyphen, which turned "2026-03-14" into "2026-" and "03-14" on a phone."""

from __future__ import annotations

import re

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

# A date as the registry writes it (ÅÅÅÅ-MM-DD), and a period such as 2026-H1 or 2026-T3.
DATUM = re.compile(r"(?<![\w-])\d{4}-(?:\d{2}-\d{2}|[HT]\d)(?![\w-])")


@register.filter(needs_autoescape=True)
def hela_datum(text: object, autoescape: bool = True) -> SafeString:
    """The text, escaped, with every date in it in `<span class="datum">` (no wrapping)."""
    skyddad = conditional_escape(str(text)) if autoescape else str(text)
    return mark_safe(DATUM.sub(lambda m: f'<span class="datum">{m[0]}</span>', skyddad))  # noqa: S308 - escaped above; a date is digits and hyphens
