"""The links and files of every page's frame (base.html), worked out once per process.

`{% url %}` reverses and `{% static %}` looks up the manifest on every render; in the frame
that is a dozen times per page, the same answer each time, and was a tenth of the contact
form's time (bench/RESULTS.md, fifteenth session). These tags keep each answer, and forget
them when a test changes the settings. Like the tags they replace they need no context, so
the error pages rendered without a request keep their links.
"""

from __future__ import annotations

import functools

from django import template
from django.core.signals import setting_changed
from django.templatetags.static import static
from django.urls import reverse

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


def _glom(**_: object) -> None:
    adress.cache_clear()
    fil.cache_clear()


setting_changed.connect(_glom, weak=False)
