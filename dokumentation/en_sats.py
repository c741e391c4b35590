"""Writing a registration in one SQL statement instead of a transaction of ORM saves
(bench/RESULTS.md, fourteenth session): what the statements of the contact
(`dokumentation.kontakter.en_sats`) and of a talk (`dokumentation.deltagande.en_sats`) share.

A single statement is atomic on its own, so nothing is half saved; it fires every trigger and
constraint of its tables as the ORM's INSERTs do, and a refusal raises the same IntegrityError.
The rows are the models' own (their fields and `pre_save`), only written differently.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import connection, models, transaction
from django.db.models.expressions import DatabaseDefault


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


def _forberedande() -> type:
    """A psycopg cursor that binds on the server and has every statement prepared."""
    from django.db.backends.postgresql.base import ServerBindingCursor

    class Forberedande(ServerBindingCursor):  # type: ignore[misc, valid-type]
        def execute(self, query: Any, params: Any = None, **kwargs: Any) -> Any:
            return super().execute(query, params, **{**kwargs, "prepare": True})

    return Forberedande


@contextmanager
def forberedd() -> Iterator[Any]:
    """A cursor for the registrations' own statements, which PostgreSQL parses and plans once
    per connection and then runs by name. Django's cursors bind parameters in the client, so
    every statement is sent as new text (bench/RESULTS.md, fifteenth session). The cursor is
    Django's wrapper around it: the same error translation (a refusal is the IntegrityError
    `en_gang` answers) and the same query log and test counts as `connection.cursor()`."""
    global _FORBEREDANDE
    if _FORBEREDANDE is None:
        _FORBEREDANDE = _forberedande()
    connection.ensure_connection()
    with connection.wrap_database_errors:
        markor = connection._prepare_cursor(_FORBEREDANDE(connection.connection))
    with markor:
        yield markor


_FORBEREDANDE: type | None = None


def kolumner(
    post: models.Model, utom: str = "", *, typade: bool = False
) -> tuple[list[str], list[str], list[Any]]:
    """The columns, placeholders and values the ORM would insert for `post` (each field's
    pre_save and conversion), leaving out the primary key, `utom` and columns left to their
    db_default. `typade` casts each placeholder to its column's type, for an INSERT … SELECT
    (where PostgreSQL does not take a bare NULL or text literal as the column's type)."""
    namn: list[str] = []
    platser: list[str] = []
    varden: list[Any] = []
    for falt in post._meta.local_concrete_fields:
        if falt.primary_key or falt.attname == utom:
            continue
        varde = falt.pre_save(post, True)
        if isinstance(varde, DatabaseDefault):
            continue
        namn.append(connection.ops.quote_name(falt.column))
        platser.append(f"%s::{falt.db_type(connection)}" if typade else "%s")
        varden.append(falt.get_db_prep_save(varde, connection))
    return namn, platser, varden


def tabell(modell: type[models.Model]) -> str:
    return connection.ops.quote_name(modell._meta.db_table)


def sparad(post: models.Model, pk: int) -> None:
    """What `save()` leaves on an instance it inserted."""
    post.pk = pk
    post._state.adding = False
    post._state.db = connection.alias
