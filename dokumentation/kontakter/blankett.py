"""The blank contact form's HTML, kept in each application process (issue 20).

Opening the contact form is the most frequent page of registration, and rendering its forty
or so fields cost about as much as the rest of the request. A blank form depends only on the
insats as the catalogue has it (its villkor, documentation rule, form and katalog) and on
today's date, so its HTML is kept per insats under the catalogue token the insats was read
under (insatser.katalogcache: the database replaces the token in the same transaction as any
change to an insats, a villkor, a katalog or an utförare) and the day. A change to the
catalogue is therefore seen by the next request after its commit, as before.

Two things differ per request and are never kept: the CSRF token and the one-time key
(`en_gang`). The kept HTML holds a random marker for each, made when the process starts, and
every request puts in its own. Nothing of the user is in the kept part (the header with the
user's name and menu is rendered per request, by the page around it), and who may open the
insats is checked before (hamta_insats).

Not kept: a form that is filled in (a post, or work given back after a sign-in ended), an
insats given in groups (its form lists the rounds with free places, which change without the
catalogue), and anything read without a token (SQLite, the local demo).
"""

from __future__ import annotations

import datetime
import secrets
import uuid
from dataclasses import dataclass, field

from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from dokumentation.kontakter.forms import KontaktForm
from grund.tid import idag
from insatser import katalogcache
from insatser.models import Insats
from organisation.behorighet import InloggadRequest

MALL = "dokumentation/_kontakt_ny.html"

# Stand-ins for the per-request values in the kept HTML: random, so no catalogue text can
# contain them by chance.
_NYCKEL = str(uuid.uuid4())
_CSRF = secrets.token_hex(32)


@dataclass
class _Lager:
    """What was kept under one catalogue token on one day. A request keeps hold of the one it
    began with, so that in a threaded server nothing kept under an older token lands among
    the newer (as in insatser.katalogcache)."""

    token: uuid.UUID | None = None
    dag: datetime.date | None = None
    html: dict[int, str] = field(default_factory=dict)


_lager = _Lager()


def _rendera(insats: Insats) -> str:
    form = KontaktForm(None, insats=insats)
    form.initial["nyckel"] = _NYCKEL
    return render_to_string(MALL, {"insats": insats, "form": form, "csrf_token": _CSRF})


def tom(request: InloggadRequest, insats: Insats) -> SafeString | None:
    """The blank contact form for `insats` (read by hamta_insats, so the user may open it),
    with this request's CSRF token and a new one-time key; None when it is not kept (see the
    module docstring), and the view renders the form itself."""
    global _lager
    token = katalogcache.version(insats)
    if token is None or insats.form in Insats.GRUPPFORMER:
        return None
    dag = idag()
    lager = _lager
    if lager.token != token or lager.dag != dag:
        lager = _lager = _Lager(token, dag)
    html = lager.html.get(insats.pk)
    if html is None:
        html = lager.html[insats.pk] = _rendera(insats)
    return mark_safe(  # noqa: S308 - rendered by the template engine, escaped there
        html.replace(_CSRF, get_token(request)).replace(_NYCKEL, str(uuid.uuid4()))
    )
