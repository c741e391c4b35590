"""Revocable keys for the open export: a BI tool, Kolada or a national collection reads one
municipality's published figures with `Authorization: Bearer <nyckel>` and never signs in
(docs/export.md). The key is shown once; only its SHA-256 is stored. The verksamhetschef of
the municipality lists, creates and revokes keys on a page; the operator can do the same with
`manage.py skapa_exporttoken` and `aterkalla_exporttoken`."""

from __future__ import annotations

import datetime
import hashlib
import logging
import secrets

from django.db import IntegrityError, transaction
from django.utils import timezone

from organisation.models import Anvandare, Kommun, Sakerhetshandelse
from uppfoljning.models import Exportnyckel

#: Creating and revoking a key are security events: who, which municipality, which consumer
#: (never the key).
sakerhetslogg = logging.getLogger("iub.sakerhet")

#: Last use is written at most once a minute, so that a tool polling often costs no writes.
SENAST_ANVAND_UPPLOSNING = datetime.timedelta(minutes=1)


class FinnsRedan(Exception):
    """The municipality already has a valid key for this consumer."""


def _hash(nyckel: str) -> str:
    return hashlib.sha256(nyckel.encode()).hexdigest()


@transaction.atomic
def skapa_nyckel(
    *, kommun: Kommun, konsument: str, skapad_av: Anvandare | None
) -> tuple[Exportnyckel, str]:
    """A new key: the record, and the key itself, which is never stored and never shown
    again. One valid key per municipality and consumer (the database refuses a second)."""
    konsument = konsument.strip()
    nyckel = secrets.token_urlsafe(32)
    try:
        with transaction.atomic():
            post = Exportnyckel.objects.create(
                kommun=kommun,
                konsument=konsument,
                hash=_hash(nyckel),
                borjan=nyckel[:6],
                skapad_av=skapad_av,
            )
    except IntegrityError as e:
        raise FinnsRedan(konsument) from e
    _handelse(Sakerhetshandelse.Typ.EXPORTNYCKEL_SKAPAD, post, skapad_av)
    return post, nyckel


def _handelse(typ: str, post: Exportnyckel, av: Anvandare | None) -> None:
    """A security event, in the table the information-security officer reviews and in the
    log: who, which municipality, which consumer, the key's first characters – never the
    key."""
    vem = av.get_username() if av else "drift (manage.py)"
    beskrivning = f"{post.kommun.namn}, mottagare {post.konsument!r}, nyckel {post.borjan}…"
    Sakerhetshandelse.objects.create(
        typ=typ, utford_av=av, beskrivning=f"{beskrivning} av {vem}"[:300]
    )
    sakerhetslogg.warning("%s: %s av %s", Sakerhetshandelse.Typ(typ).label, beskrivning, vem)


def aterkalla_nyckel(post: Exportnyckel, *, av: Anvandare | None = None) -> bool:
    """Revoke the key; True if it was valid until now (a second revocation changes nothing).
    The record stays, revoked: the application may not delete it (databasroller)."""
    aterkallad = bool(
        Exportnyckel.objects.filter(pk=post.pk, aterkallad__isnull=True).update(
            aterkallad=timezone.now()
        )
    )
    if aterkallad:
        _handelse(Sakerhetshandelse.Typ.EXPORTNYCKEL_ATERKALLAD, post, av)
    return aterkallad


def nyckel_fran_header(varde: str | None) -> str | None:
    """The key of an `Authorization: Bearer <nyckel>` header, or None if it is not one."""
    typ, _, nyckel = (varde or "").partition(" ")
    nyckel = nyckel.strip()
    if typ.lower() != "bearer" or not nyckel or len(nyckel) > 200 or " " in nyckel:
        return None
    return nyckel


def giltig_nyckel(nyckel: str | None, kommun_slug: str) -> Exportnyckel | None:
    """The valid key of that municipality, or None (wrong, revoked, another municipality's).
    Marks it used, at most once a minute."""
    if not nyckel:
        return None
    post = (
        Exportnyckel.objects.giltiga()
        .select_related("kommun")
        .filter(hash=_hash(nyckel), kommun__slug=kommun_slug)
        .first()
    )
    if post is None:
        return None
    nu = timezone.now()
    if post.senast_anvand is None or nu - post.senast_anvand >= SENAST_ANVAND_UPPLOSNING:
        Exportnyckel.objects.filter(pk=post.pk).update(senast_anvand=nu)
        post.senast_anvand = nu
    return post
