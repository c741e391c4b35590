"""A contact, its villkor answers and its participation written in one SQL statement.

The common registration (no person, no round, no first talk) writes three tables. Through the
ORM that is BEGIN, three INSERTs and COMMIT: five round trips to the database. Here it is one
statement with data-modifying CTEs (bench/RESULTS.md, fourteenth session), with every trigger
and constraint of the three tables in force (the participation's documentation rule, the
identity guard, the checks, the foreign keys, the unique one-time key and deltagarkod). A
refusal raises the same IntegrityError as the ORM's, so `en_gang` and `ny_kod_vid_krock`
answer it as before (`dokumentation.en_sats`).
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import models

from dokumentation.deltagande.models import Deltagande
from dokumentation.en_sats import forberedd, kolumner, som_kolumner, sparad, tabell
from dokumentation.kontakter.models import Kontakt, Villkorssvar


def _infoga(namn: str, modell: type[models.Model], kol: list[str], rader: list[str]) -> str:
    """One data-modifying CTE: table and column names from the models, values as parameters
    (`rader` hold only placeholders and the contact's id)."""
    return (
        f"{namn} AS (INSERT INTO {tabell(modell)} ({', '.join(kol)}) "  # noqa: S608
        f"VALUES {', '.join(rader)} RETURNING id)"
    )


KONTAKTEN = "(SELECT id FROM k)"  # the new contact's id, in the statements after its own


def _rad(platser: list[str], *, kontakten: bool) -> str:
    return "(" + ", ".join(([KONTAKTEN] if kontakten else []) + platser) + ")"


def skriv(kontakt: Kontakt, svar: Sequence[Villkorssvar], deltagande: Deltagande | None) -> None:
    """Insert the contact, its answers and its participation (if any) in one statement, and
    give the unsaved instances their ids as `save()` would."""
    kol, platser, params = kolumner(kontakt)
    delar = [_infoga("k", Kontakt, kol, [_rad(platser, kontakten=False)])]
    if svar:
        # The answers as one row of arrays: the same statement for any number of villkor, and
        # with the contact and its participation under the fifty parameters whose parsing
        # psycopg keeps (bench/RESULTS.md, fifteenth session).
        kol, platser, kolumnvarden = som_kolumner(svar, utom="kontakt_id")
        delar.append(
            f"s AS (INSERT INTO {tabell(Villkorssvar)} (kontakt_id, {', '.join(kol)}) "  # noqa: S608
            f"SELECT {KONTAKTEN}, * FROM unnest({', '.join(platser)}) RETURNING id)"
        )
        params += kolumnvarden
    d_id = "NULL::bigint"
    if deltagande is not None:
        kol, platser, varden = kolumner(deltagande, utom="kontakt_id")
        delar.append(
            _infoga("d", Deltagande, ["kontakt_id", *kol], [_rad(platser, kontakten=True)])
        )
        params += varden
        d_id = "(SELECT id FROM d)"
    with forberedd() as cursor:
        cursor.execute(f"WITH {', '.join(delar)} SELECT id, {d_id} FROM k", params)  # noqa: S608
        kontakt_id, deltagande_id = cursor.fetchone()
    sparad(kontakt, kontakt_id)
    for s in svar:
        s.kontakt_id = kontakt_id
    if deltagande is not None:
        deltagande.kontakt_id = kontakt_id
        sparad(deltagande, deltagande_id)
