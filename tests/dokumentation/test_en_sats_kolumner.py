"""`kolumner` writes what the ORM would insert: its shortcut for plain values (a str in a
CharField, an int in an IntegerField, None) gives, for every field of the models written in
one statement and every kind of value, exactly what pre_save and get_db_prep_save give, and
of the same type (psycopg adapts by type)."""

from __future__ import annotations

import datetime
import decimal
import uuid

import pytest
from django.db import connection

from dokumentation.deltagande.models import Deltagande
from dokumentation.en_sats import _som_django, kolumner
from dokumentation.kontakter.models import Kontakt, Villkorssvar
from dokumentation.tillfallen.models import Tillfalle
from dokumentation.val import Kanal

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the single statements are PostgreSQL's"
)

VARDEN = [
    None,
    "",
    "text",
    "5",
    0,
    5,
    True,
    False,
    1.5,
    decimal.Decimal("2"),
    datetime.date(2026, 3, 12),
    datetime.datetime(2026, 3, 12, 9, 30, tzinfo=datetime.UTC),
    uuid.UUID(int=7),
    Kanal.PA_PLATS,
]


def _utfall(funktion):  # type: ignore[no-untyped-def]
    try:
        varde = funktion()
    except Exception as e:  # the same refusal, whatever it is
        return ("fel", type(e))
    return (type(varde), varde)


# A date in a DateTimeField is the ORM's own case (both ways go through it), with its warning.
@pytest.mark.filterwarnings("ignore:DateTimeField .* received a naive datetime")
@pytest.mark.parametrize("modell", [Kontakt, Villkorssvar, Deltagande, Tillfalle])
@pytest.mark.parametrize("typade", [False, True])
def test_every_field_and_kind_of_value_is_written_as_the_orm_would(modell, typade):
    falten = [
        f
        for f in modell._meta.local_concrete_fields
        if not f.primary_key and not getattr(f, "auto_now_add", False)
    ]
    for falt in falten:
        for varde in VARDEN:
            post = modell()
            post.__dict__[falt.attname] = varde
            namn = connection.ops.quote_name(falt.column)
            genvag = _utfall(lambda post=post: kolumner(post, typade=typade))
            if genvag[0] != "fel":
                kol, _, skrivna = genvag[1]
                genvag = (type(skrivna[kol.index(namn)]), skrivna[kol.index(namn)])
            assert genvag == _utfall(lambda post=post, falt=falt: _som_django(falt, post)), (
                falt.name,
                varde,
            )
