"""The links and files of every page's frame (base.html), worked out once per process.

`{% url %}` reverses and `{% static %}` looks up the manifest on every render; in the frame
that is a dozen times per page, the same answer each time, and was a tenth of the contact
form's time (bench/RESULTS.md, fifteenth session). These tags keep each answer, and forget
them when a test changes the settings. Like the tags they replace they need no context, so
the error pages rendered without a request keep their links.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import Any

from django import template
from django.contrib.messages import constants
from django.core.signals import setting_changed
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

register = template.Library()


@register.simple_tag
@functools.cache
def adress(namn: str) -> str:
    """`{% url namn %}` for a page without arguments."""
    return reverse(namn)


@register.simple_tag
@functools.cache
def fil(sokvag: str) -> str:
    """`{% static sokvag %}`."""
    return static(sokvag)


@register.simple_tag
def meddelanden(meddelanden: Iterable[Any]) -> SafeString:
    """The page's messages (django.contrib.messages): a status each, an error an alert. Also
    the kept page's (organisation.ram), which puts them in without a template."""
    rader = format_html_join(
        "",
        '<p class="meddelande {}" role="{}">{}</p>',
        ((m.tags, "alert" if m.level >= constants.ERROR else "status", m) for m in meddelanden),
    )
    return format_html('<div class="meddelanden">{}</div>', rader) if rader else SafeString("")


def _glom(**_: object) -> None:
    adress.cache_clear()
    fil.cache_clear()


setting_changed.connect(_glom, weak=False)
