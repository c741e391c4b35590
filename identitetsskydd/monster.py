"""The one source of what counts as an identifier in a text that must not reveal who someone
is (14 kap. 4–5 §§ SoL). Both guards are generated from these patterns: the Python guard in
granskning.py runs these patterns first and then more (phonenumbers, names in context), and
sql.py writes the same patterns into the PostgreSQL function the triggers call. So everything
the database refuses, Python has refused first, and staff get a message instead of an error.

The patterns are written in the part of regular-expression syntax that Python's re and
PostgreSQL's advanced regular expressions read alike: explicit character classes instead of
\\w, \\b or [[:alpha:]] (whose meaning depends on the database's locale), lookbehind and
lookahead, no backreferences. Texts are normalised the same way on both sides first.
"""

from __future__ import annotations

from identitetsskydd import monster_kontakt as kontakt
from identitetsskydd import monster_personer as personer
from identitetsskydd import monster_platser as platser
from identitetsskydd import monster_siffror as siffror
from identitetsskydd.tecken import Monster

# Every pattern, by what it finds in monster_siffror (numbers and case identifiers),
# monster_kontakt (e-mail, accounts), monster_platser (addresses, schools) and
# monster_personer (names with particles, roles, combinations). The order is the order the
# database runs them in (sql._sammanslagna joins a reason's patterns in this order): a
# change of order changes the database's function and needs a migration.
MONSTER: tuple[Monster, ...] = (
    *siffror.PERSONNUMMER_OCH_TELEFON,
    *kontakt.EPOST_OCH_KONTON,
    *siffror.REGNUMMER_OCH_MAL,
    *platser.SKOLOR,
    *personer.PARTIKELNAMN_OCH_ROLL,
    *platser.ADRESSER,
    *siffror.BAKLANGES_MOBIL,
    *kontakt.ANVANDARNAMN,
    *siffror.ARENDEN,
    *personer.AGARE_OCH_ENDA,
    *siffror.FODELSEDATUM_OCH_BANKKONTO,
    *platser.KVARTER,
    *siffror.BAKLANGES,
    *personer.ENSAM_I_ORTEN,
    *kontakt.KONTO_I_ORD_OCH_WEBBSIDA,
)
