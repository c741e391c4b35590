"""A page often opened, kept around its per-request values (bench/RESULTS.md, fifteenth session).

The frame of every page (base.html: the header with the menu and the user's name, when the
sign-in ends, the footer) cost about a tenth of the contact form's request to render, though
it is the same for every page a user opens but for a few values: the CSRF token, when the
sign-in ends, the page's own address (where "Fortsätt vara inloggad" goes back to) and the
page's own content. Here a page is rendered once per template and user (the menu follows the
roles, the header names the user) with a random marker for each such value, by the same
template and context processors as always, and each request puts its own values in: escaped
as the template would escape them, or as HTML already made safe (a kept blank form).

The messages a page shows (base.html's block `meddelanden`) are rendered per request. A
user whose roles or name have changed gets a page of their own: they are part of the key.
"""

from __future__ import annotations

import functools
import re
import secrets
from collections.abc import Callable, Mapping
from typing import Any

from django.contrib.messages import get_messages
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.template import engines
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from organisation.behorighet import roller
from organisation.context_processors import sessionen
from organisation.templatetags.sidan import meddelanden

# The frame's own per-request values.
_RAMENS = (
    "meddelanden",
    "csrf",
    "adress",
    "kvar",
    "absolut_kvar",
    "varning",
    "slutar_iso",
    "klockan",
)
_MARKOR = {namn: secrets.token_hex(16) for namn in _RAMENS}


_MONSTER = re.compile("|".join(_MARKOR.values()))


def markor(namn: str) -> str:
    """The marker of a page's own value `namn` (made when the process starts)."""
    global _MONSTER
    if namn not in _MARKOR:
        _MARKOR[namn] = secrets.token_hex(16)
        _MONSTER = re.compile("|".join(_MARKOR.values()))
    return _MARKOR[namn]


@functools.cache
def _med_markor(mall: str) -> Any:
    """`mall` with the marker of the messages in place of its block."""
    return engines["django"].from_string(
        f'{{% extends "{mall}" %}}{{% block meddelanden %}}{_MARKOR["meddelanden"]}{{% endblock %}}'
    )


class _Adressen:
    """`request` in the kept render: `request.get_full_path` is the marker of the address."""

    def get_full_path(self) -> str:
        return _MARKOR["adress"]


def _nyckel(request: HttpRequest) -> tuple[Any, ...]:
    anvandare = request.user
    return (
        anvandare.pk,
        tuple(sorted(roller(anvandare))),
        anvandare.get_full_name(),  # type: ignore[union-attr]
        anvandare.get_username(),
    )


_kept_sidor: dict[tuple[str, tuple[Any, ...]], str] = {}
_HOGST = 1024


def sida(
    request: HttpRequest,
    mall: str,
    sidans: Callable[[Callable[[str], SafeString]], Mapping[str, Any]],
    *,
    text: Mapping[str, str] = {},
    html: Mapping[str, SafeString] = {},
) -> HttpResponse | None:
    """`mall` rendered for `request` as `render` would, from the kept page. `sidans` gives
    the page's own context with a marker (from its argument) in place of each value that
    differs per request; `text` gives those values as text (escaped here), `html` as safe
    HTML. None when nobody is signed in: the page is then rendered as usual."""
    ramen = sessionen(request).get("sessionen")
    if ramen is None:
        return None
    nyckel = (mall, _nyckel(request))
    kept = _kept_sidor.get(nyckel)
    if kept is None:
        kontext = {
            **sidans(lambda namn: mark_safe(markor(namn))),  # noqa: S308 - a random marker
            "csrf_token": _MARKOR["csrf"],
            "request": _Adressen(),
            "sessionen": {**ramen, **{n: _MARKOR[n] for n in _RAMENS[3:]}},
        }
        kept = _med_markor(mall).render(kontext, request)
        if len(_kept_sidor) >= _HOGST:
            _kept_sidor.clear()
        _kept_sidor[nyckel] = kept
    varden = {
        _MARKOR["meddelanden"]: meddelanden(get_messages(request)),
        _MARKOR["csrf"]: get_token(request),
        _MARKOR["adress"]: escape(request.get_full_path()),
        **{_MARKOR[n]: escape(str(ramen[n])) for n in _RAMENS[3:]},
        **{markor(n): escape(v) for n, v in text.items()},
        **{markor(n): str(v) for n, v in html.items()},
    }
    # One pass, so that nothing put in is read again as a marker.
    return HttpResponse(_MONSTER.sub(lambda m: varden[m[0]], kept))
