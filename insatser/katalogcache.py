"""The catalogue as registration reads it, kept in each application process (issue 6).

Every contact registered reads its insats with the katalog, the utförare and the villkor: the
form is built from them and the rules check against them. They change a few times a year, when
the nämnd decides, yet reading them cost two queries on every request. Here they are kept per
insats, with the token of Katalogversion they were read under. The database replaces that token
in the same transaction as any change to an insats, a villkor, a katalog or an utförare
(triggers, migration 0004), whoever writes. Each request reads the token, one row, and what was
kept under another token is read again. A change is therefore seen by the next request after
its commit, exactly as when reading the rows.

The token is random, never a counter, so that a transaction that changed the catalogue and was
rolled back cannot leave behind something kept under a token that comes back. Without the
triggers (SQLite, the local demo) nothing is kept.
"""

from __future__ import annotations

import copy
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Prefetch

from insatser.models import Insats, Villkor
from insatser.services import verkstall_om_dags
from organisation.behorighet import las_med_anvandaren, last_med_anvandaren


@dataclass
class _Lager:
    """What was read under one token. A request keeps hold of the one it began with, so that
    in a threaded server nothing read under an older token lands among the newer."""

    token: uuid.UUID | None = None
    insatser: dict[int, Insats] = field(default_factory=dict)


_lager = _Lager()

# The token an insats returned by `insats` was read under, on the copy itself (see `version`).
_ATTRIBUT = "_iub_katalogversion"


def _las(pk: int) -> Insats | None:
    return (
        Insats.objects.select_related("katalog", "utforare", "beslut")
        .prefetch_related(Prefetch("villkor", queryset=Villkor.objects.order_by("ordning", "id")))
        .filter(pk=pk)
        .first()
    )


VERSIONSRADEN = "SELECT token FROM insatser_katalogversion WHERE id = 1"


def _las_token() -> uuid.UUID | None:
    # One row by its key, on every registration: written in SQL, it costs half of what the
    # ORM's query building does (bench/RESULTS.md).
    with connection.cursor() as markor:
        markor.execute(VERSIONSRADEN)
        rad = markor.fetchone()
    return rad[0] if rad else None


_MED_ANVANDAREN = "katalogtoken"


def las_token_med_anvandaren() -> None:
    """The token is read with the signed-in user, in the query every request makes anyway
    (organisation.behorighet): a staff page that opens an insats needs no query of its own
    for it. At start, from the app's ready()."""
    las_med_anvandaren(_MED_ANVANDAREN, VERSIONSRADEN)


def token_med(anvandare: object) -> Callable[[], uuid.UUID | None]:
    """`las_token` for `insats`: the token read with this request's user, or a query of its
    own where the user was not read that way."""
    last, token = last_med_anvandaren(anvandare, _MED_ANVANDAREN)
    if not last:
        return _las_token
    if isinstance(token, str):  # SQLite gives the text; nothing is kept there anyway
        token = uuid.UUID(token)
    return lambda: token


def insats(pk: int, *, las_token: Callable[[], uuid.UUID | None] = _las_token) -> Insats | None:
    """The insats with its katalog, utförare and villkor (`insats.villkor.all()` reads no
    more), as the database has them now; None if there is no such insats. The caller decides
    who may see it. Each call gets its own copy, so that nothing set on it reaches the next.
    `las_token` gives the token when the caller read it already (`token_med`)."""
    global _lager
    # A decision that took effect today is the live row before anything is read (at most
    # one query, the first time this process reads the catalogue on a day); if this request
    # put one in force, a token the caller read before is no longer the database's.
    if verkstall_om_dags():
        las_token = _las_token
    if connection.vendor != "postgresql":
        return _las(pk)
    # The token first, then the rows: a change committed in between only makes the next
    # request read them again.
    token = las_token()
    if token is None:  # the row is recreated by the next change of the catalogue
        return _las(pk)
    lager = _lager
    if lager.token != token:
        lager = _lager = _Lager(token)
    kept = lager.insatser.get(pk)
    if kept is None:
        kept = _las(pk)
        if kept is None:
            return None
        lager.insatser[pk] = kept
    kopia = copy.copy(kept)
    setattr(kopia, _ATTRIBUT, token)
    return kopia


def version(insats: Insats) -> uuid.UUID | None:
    """The catalogue token `insats` was read under by `insats()`: what is kept of it elsewhere
    (the blank contact form, dokumentation.kontakter.blankett) is current while the database's
    token is this one. None when it was not read that way (SQLite, or another query)."""
    token: uuid.UUID | None = getattr(insats, _ATTRIBUT, None)
    return token
