"""Writing a registration in one SQL statement instead of a transaction of ORM saves
(bench/RESULTS.md, fourteenth session): what the statements of the contact
(`dokumentation.kontakter.en_sats`) and of a talk (`dokumentation.deltagande.en_sats`) share.

A single statement is atomic on its own, so nothing is half saved; it fires every trigger and
constraint of its tables as the ORM's INSERTs do, and a refusal raises the same IntegrityError.
The rows are the models' own (their fields and `pre_save`), only written differently.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

from django.db import connection, models, transaction
from django.db.models.expressions import DatabaseDefault

M = TypeVar("M", bound=models.Model)


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


@functools.cache
def _forberedande() -> type:
    """A psycopg cursor that binds on the server and has every statement prepared."""
    from django.db.backends.postgresql.base import (  # type: ignore[attr-defined]
        ServerBindingCursor,
    )

    class Forberedande(ServerBindingCursor):  # type: ignore[misc]
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
    connection.ensure_connection()
    with connection.wrap_database_errors:
        markor = connection._prepare_cursor(  # type: ignore[attr-defined]
            _forberedande()(connection.connection)
        )
    with markor:
        yield markor


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
    attribut = post.__dict__
    for falt, kolumn, plats, enkla, heltal in _falten(type(post), utom, typade):
        # A value of a plain kind in a field of Django's own (a str in a CharField, an int in
        # an IntegerField, None anywhere): what pre_save and get_db_prep_save give back,
        # without the calls (test_en_sats_kolumner): the value as it is, an int as the type
        # of its column as Django's backend gives it.
        varde = attribut.get(falt.attname, _SAKNAS)
        if type(varde) not in enkla:
            varde = _som_django(falt, post)
            if isinstance(varde, DatabaseDefault):
                continue
        elif heltal is not None and varde is not None:
            varde = heltal(varde)
        namn.append(kolumn)
        platser.append(plats)
        varden.append(varde)
    return namn, platser, varden


_SAKNAS = object()


def _som_django(falt: models.Field[Any, Any], post: models.Model) -> Any:
    """The value the ORM inserts for `falt` of `post` (a DatabaseDefault: its column is left
    to the database)."""
    varde = falt.pre_save(post, True)
    if isinstance(varde, DatabaseDefault):
        return varde
    return falt.get_db_prep_save(varde, connection)


# The kinds of value each of Django's fields writes unchanged (pre_save reads the attribute,
# get_db_prep_save gives it back as it is): exactly these classes, not subclasses, which may
# convert. An int is no bool here, nor a bool an int (int(True) is 1).
_SOM_DE_AR: dict[type, frozenset[type]] = {
    models.CharField: frozenset({str}),
    models.TextField: frozenset({str}),
    models.IntegerField: frozenset({int}),
    models.SmallIntegerField: frozenset({int}),
    models.PositiveSmallIntegerField: frozenset({int}),
    models.PositiveIntegerField: frozenset({int}),
    models.BigIntegerField: frozenset({int}),
    models.BooleanField: frozenset({bool}),
    models.DateField: frozenset({datetime.date}),
}


def _enkla(falt: models.Field[Any, Any]) -> tuple[frozenset[type], Any]:
    """The kinds of value `falt` writes as they are (None always, but where pre_save sets a
    value: auto_now, auto_now_add), and for an integer field the type its int is given as
    (`adapt_integerfield_value`: psycopg's Int2, Int4 or Int8), or None."""
    if getattr(falt, "auto_now", False) or getattr(falt, "auto_now_add", False):
        return frozenset(), None
    if type(falt) is models.ForeignKey and type(falt.target_field) in (
        models.AutoField,
        models.BigAutoField,
    ):
        # The key of an auto field is written as its int (AutoFieldMixin.get_db_prep_value).
        return frozenset({int, type(None)}), None
    enkla = _SOM_DE_AR.get(type(falt), frozenset())
    heltal = None
    if int in enkla:
        typer = getattr(connection.ops, "integerfield_type_map", None)
        if typer is None:  # psycopg 2's backend adapts them otherwise: the ORM's way then
            return frozenset(), None
        heltal = typer[falt.get_internal_type()]
    return enkla | {type(None)}, heltal


def som_kolumner(
    poster: Sequence[models.Model], utom: str = ""
) -> tuple[list[str], list[str], list[list[Any]]]:
    """Like `kolumner` for several rows of one model, a column at a time: its name, the
    placeholder of an array of its column's type (for `unnest`) and the values. One statement
    then fits any number of rows, with a parameter per column instead of per value."""
    rader = [kolumner(post, utom, typade=True) for post in poster]
    namn, platser, _ = rader[0]
    if any(r[0] != namn for r in rader):  # a column left to its db_default in some rows only
        raise ValueError("raderna har olika kolumner")
    return (
        namn,
        [f"{plats}[]" for plats in platser],
        [list(v) for v in zip(*(r[2] for r in rader), strict=True)],
    )


@functools.cache
def _falten(
    modell: type[models.Model], utom: str, typade: bool
) -> list[tuple[models.Field[Any, Any], str, str, frozenset[type], Any]]:
    """A model's columns as `kolumner` writes them, worked out once per process."""
    return [
        (
            falt,
            connection.ops.quote_name(falt.column),
            f"%s::{falt.db_type(connection)}" if typade else "%s",
            *_enkla(falt),
        )
        for falt in modell._meta.local_concrete_fields
        if not falt.primary_key and falt.attname != utom
    ]


def las_en(modell: type[M], villkor: str, params: Sequence[Any]) -> M | None:
    """The one row of `modell` that `villkor` (the SQL after WHERE, with placeholders) picks, as
    the ORM's `get` would build it, or None: a prepared statement, the instance made by the
    model's own `from_db` with each column's converters (bench/RESULTS.md, fifteenth session:
    building the query and reading its columns cost more than running it)."""
    sql, namn, omvandlare = _lasning(modell)
    with forberedd() as markor:
        markor.execute(f"{sql} WHERE {villkor} LIMIT 2", params)
        rader = markor.fetchall()
    if len(rader) != 1:
        return None
    rad = list(rader[0])
    for i, funktioner in omvandlare:
        for funktion in funktioner:
            rad[i] = funktion(rad[i], None, connection)
    return modell.from_db(connection.alias, namn, rad)


@functools.cache
def _lasning(
    modell: type[models.Model],
) -> tuple[str, list[str], list[tuple[int, list[Any]]]]:
    falten = modell._meta.concrete_fields
    kolumner = ", ".join(connection.ops.quote_name(f.column) for f in falten)
    omvandlare = [
        (i, funktioner)
        for i, f in enumerate(falten)
        if (
            funktioner := connection.ops.get_db_converters(f.get_col(modell._meta.db_table))
            + f.get_db_converters(connection)  # type: ignore[attr-defined]
        )
    ]
    return (
        f"SELECT {kolumner} FROM {tabell(modell)}",  # noqa: S608 - the model's own names
        [f.attname for f in falten],
        omvandlare,
    )


def tabell(modell: type[models.Model]) -> str:
    return connection.ops.quote_name(modell._meta.db_table)


def sparad(post: models.Model, pk: int) -> None:
    """What `save()` leaves on an instance it inserted."""
    post.pk = pk
    post._state.adding = False
    post._state.db = connection.alias
