"""A contact, its villkor answers and its participation written in one SQL statement.

The common registration (no person, no round, no first talk) writes three tables. Through the
ORM that is BEGIN, three INSERTs and COMMIT: five round trips to the database. Here it is one
statement with data-modifying CTEs (bench/RESULTS.md, fourteenth session). A single statement
is atomic on its own, so nothing is half saved, and it runs every trigger and constraint of
the three tables as the ORM's INSERTs do (the participation's documentation rule, the
identity guard, the checks, the foreign keys, the unique one-time key and deltagarkod). A
refusal raises the same IntegrityError as the ORM's, so `en_gang` and `ny_kod_vid_krock` answer
it as before. The rows are built by the same code as the ORM path (the models' fields and
their `pre_save`), only written together.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from django.db import connection, models, transaction
from django.db.models.expressions import DatabaseDefault

from dokumentation.deltagande.models import Deltagande
from dokumentation.kontakter.models import Kontakt, Villkorssvar


def finns() -> bool:
    """PostgreSQL only; the local demo (SQLite) writes through the ORM."""
    return connection.vendor == "postgresql"


@contextmanager
def som_en_sats() -> Iterator[None]:
    """Outside a transaction the statement is its own transaction (no BEGIN, no COMMIT).
    Inside a caller's transaction (a command, the tests) a savepoint keeps a refused write from
    aborting the caller's, as `transaction.atomic` does for the ORM path."""
    if connection.in_atomic_block:
        with transaction.atomic():
            yield
    else:
        yield


def _kolumner(post: models.Model, utom: str = "") -> tuple[list[str], list[object]]:
    """The columns and values the ORM would insert for `post` (each field's pre_save and
    conversion), leaving out the primary key, `utom` and columns left to their db_default."""
    kolumner: list[str] = []
    varden: list[object] = []
    for falt in post._meta.local_concrete_fields:
        if falt.primary_key or falt.attname == utom:
            continue
        varde = falt.pre_save(post, True)
        if isinstance(varde, DatabaseDefault):
            continue
        kolumner.append(connection.ops.quote_name(falt.column))
        varden.append(falt.get_db_prep_save(varde, connection))
    return kolumner, varden


def _infoga(namn: str, modell: type[models.Model], kolumner: list[str], rader: list[str]) -> str:
    """One data-modifying CTE: table and column names from the models, values as parameters
    (`rader` are only placeholders and the contact's id)."""
    tabell = connection.ops.quote_name(modell._meta.db_table)
    return f"{namn} AS (INSERT INTO {tabell} ({', '.join(kolumner)}) VALUES {', '.join(rader)} RETURNING id)"  # noqa: S608, E501


def _rad(varden: list[object], *, kontakten: bool) -> str:
    platser = ["(SELECT id FROM k)"] if kontakten else []
    return f"({', '.join(platser + ['%s'] * len(varden))})"


def skriv(kontakt: Kontakt, svar: Sequence[Villkorssvar], deltagande: Deltagande | None) -> None:
    """Insert the contact, its answers and its participation (if any) in one statement, and
    give the unsaved instances their ids as `save()` would."""
    kolumner, params = _kolumner(kontakt)
    delar = [_infoga("k", Kontakt, kolumner, [_rad(params, kontakten=False)])]
    rader = []
    for s in svar:
        kolumner, varden = _kolumner(s, utom="kontakt_id")
        rader.append(_rad(varden, kontakten=True))
        params += varden
    if rader:
        delar.append(_infoga("s", Villkorssvar, ["kontakt_id", *kolumner], rader))
    d_id = "NULL::bigint"
    if deltagande is not None:
        kolumner, varden = _kolumner(deltagande, utom="kontakt_id")
        delar.append(
            _infoga("d", Deltagande, ["kontakt_id", *kolumner], [_rad(varden, kontakten=True)])
        )
        params += varden
        d_id = "(SELECT id FROM d)"
    with connection.cursor() as cursor:
        cursor.execute(f"WITH {', '.join(delar)} SELECT id, {d_id} FROM k", params)  # noqa: S608
        kontakt_id, deltagande_id = cursor.fetchone()
    _sparad(kontakt, kontakt_id)
    for s in svar:
        s.kontakt_id = kontakt_id
    if deltagande is not None:
        deltagande.kontakt_id = kontakt_id
        _sparad(deltagande, deltagande_id)


def _sparad(post: models.Model, pk: int) -> None:
    post.pk = pk
    post._state.adding = False
    post._state.db = connection.alias
