"""The database's side of the guard, written from monster.py and namnord.py (the one source):
the PL/pgSQL function iub_fritext_skal(text), which gives a reason code or NULL, the trigger
function iub_vakta_fritext() that refuses a row with such a text, and the name table's contents.

A migration installs them; when a pattern (monster.py and its modules) or the name list
changes, a new migration calls installera() again (tests/identitetsskydd/test_databasen.py
fails until it does).
"""

from __future__ import annotations

import re._constants as sre  # the parsed form of a pattern, for _kraver_siffra
import re._parser
from typing import Any

from identitetsskydd.granskning import TID_ELLER_DATUM, TJANSTENUMMER
from identitetsskydd.monster import MONSTER
from identitetsskydd.monster_siffror import TALORD_ETT, TALORD_SAMMANSATTA, TALORD_TVA
from identitetsskydd.namnord import (
    namnlista,
)
from identitetsskydd.sql_namn import namnskal, webbskal
from identitetsskydd.tecken import (
    BORT,
    FRAN,
    NOLLA_SOM_O,
    ORGANISATIONSMONSTER,
    TILL,
    Monster,
)


def _lit(s: str) -> str:
    return "'" + s.replace("'", "''") + "'"


def _efterkontroll(m: Monster) -> str:
    if m.efterkontroll == "personnummer":
        return "iub_personnummer_i(m[1])"
    if m.efterkontroll == "personnummer_hela":
        return "iub_personnummerkod(m[1])"
    if m.efterkontroll == "personnummer_delat":  # the group of four is the last four
        forsta = "(regexp_match(m[1], '^[^0-9]*([0-9]+)'))[1]"
        sista = "(regexp_match(m[1], '([0-9]+)[^0-9]*$'))[1]"
        return (
            f"iub_personnummerkod(CASE WHEN length({forsta}) = 4 THEN {sista} || {forsta}"
            f" ELSE {forsta} || {sista} END)"
        )
    if m.efterkontroll == "personnummer_nolla":
        return "iub_personnummerkod('0' || m[1])"
    if m.efterkontroll == "telefon_talord":  # monster_siffror.antal_siffror_i_ord
        antal = (
            "length(regexp_replace(regexp_replace(regexp_replace(m[1],"
            f" {_lit(TALORD_SAMMANSATTA + '|' + TALORD_TVA)}, 'xx', 'gi'),"
            f" {_lit(TALORD_ETT)}, 'x', 'gi'), '[^0-9x]', '', 'g'))"
        )
        return (
            f"CASE WHEN m[1] ~* {_lit(TALORD_TVA + '|' + TALORD_ETT)} AND {antal} BETWEEN 8"
            " AND 10 THEN 'telefon' END"
        )
    if m.efterkontroll == "telefon_ord":
        return (
            "CASE WHEN length(regexp_replace(m[1], '[^0-9]', '', 'g')) BETWEEN 8 AND 10"
            " AND length((regexp_match(m[1], '[0-9]+'))[1]) >= 3 THEN 'telefon' END"
        )
    if m.efterkontroll == "telefon":
        return (
            f"CASE WHEN m[1] ~ {_lit(TID_ELLER_DATUM + '|' + TJANSTENUMMER)}"
            " THEN NULL ELSE 'telefon' END"
        )
    return _lit(m.kod)


def _sammanslagna() -> list[Monster]:
    """The patterns as the database runs them. One without an efterkontroll only has to say
    whether it matches anywhere, so those of one reason and case rule are joined into one
    alternation: PostgreSQL keeps 32 compiled regular expressions per session, and a function
    that uses more compiles some again on every call (twenty times slower; three groups more
    made a passing text take 0.1 s instead of 3 ms). A rare reason joins another's group
    (Monster.databasgrupp)."""
    ut = [m for m in MONSTER if m.efterkontroll]
    grupper: dict[tuple[str, bool], list[str]] = {}
    for m in MONSTER:
        if not m.efterkontroll:
            grupp = m.databasgrupp or m.kod
            grupper.setdefault((grupp, m.skiftlagesokansligt), []).append(m.regex)
    return ut + [
        Monster(kod, "|".join(f"(?:{r})" for r in regexer), skiftlagesokansligt=ss)
        for (kod, ss), regexer in grupper.items()
    ]


def _siffra(tecken: int) -> bool:
    return 48 <= tecken <= 57


def _kraver_siffra(regex: str) -> bool:
    """Whether every match of the pattern holds an ASCII digit, read from its parsed form:
    a sequence needs one if any part does, an alternation if every branch does, a repeat if
    it repeats at least once. Lookarounds and anything not understood count as not needing
    one, so a yes is always true."""

    def delar(sekvens: Any) -> bool:
        return any(del_(op, av) for op, av in sekvens)

    def del_(op: Any, av: Any) -> bool:
        if op is sre.LITERAL:
            return _siffra(av)
        if op is sre.IN:
            return all(
                (o is sre.LITERAL and _siffra(a))
                or (o is sre.RANGE and _siffra(a[0]) and _siffra(a[1]))
                or (o is sre.CATEGORY and a is sre.CATEGORY_DIGIT)
                for o, a in av
            )
        if op is sre.BRANCH:
            return all(delar(gren) for gren in av[1])
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            return av[0] >= 1 and delar(av[2])
        if op is sre.SUBPATTERN:
            return delar(av[3])
        if op is sre.ATOMIC_GROUP:
            return delar(av)
        return False

    return delar(re._parser.parse(regex))


def _slinga(m: Monster) -> str:
    if not m.efterkontroll:
        op = "~*" if m.skiftlagesokansligt else "~"
        return f"  IF n {op} {_lit(m.regex)} THEN RETURN {_lit(m.kod)}; END IF;"
    flaggor = "gi" if m.skiftlagesokansligt else "g"
    return f"""  FOR m IN SELECT regexp_matches(n, {_lit(m.regex)}, {_lit(flaggor)}) LOOP
    k := {_efterkontroll(m)};
    IF k IS NOT NULL THEN RETURN k; END IF;
  END LOOP;"""


def funktioner() -> str:
    fran, till = FRAN + BORT, TILL  # translate() removes what has no counterpart
    # A pattern that needs a digit runs only on a text with one (after iub_normalisera every
    # digit is ASCII), found without a regular expression: most texts staff write have none,
    # and they then run fewer expressions than PostgreSQL keeps compiled (see _sammanslagna).
    monster = _sammanslagna()
    med_siffror = [m for m in monster if _kraver_siffra(m.regex)]
    slingor = "\n".join(
        ["  IF translate(n, '0123456789', '') <> n THEN"]
        + ["  " + rad for m in med_siffror for rad in _slinga(m).split("\n")]
        + ["  END IF;"]
        + [_slinga(m) for m in monster if m not in med_siffror]
    )
    return f"""
CREATE OR REPLACE FUNCTION iub_normalisera(t text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT regexp_replace(regexp_replace(
    translate(normalize(t, NFKC), {_lit(fran)}, {_lit(till)}),
    {_lit(NOLLA_SOM_O)}, '0', 'g'), {_lit(ORGANISATIONSMONSTER)}, 'organisation', 'g')
$$;

CREATE OR REPLACE FUNCTION iub_personnummerkod(t text) RETURNS text
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
  s text := regexp_replace(t, '[^0-9]', '', 'g');
  tio text; summa int := 0; v int; ar int; manad int; dag int; kod text := 'personnummer';
BEGIN
  IF length(s) NOT IN (10, 12) THEN RETURN NULL; END IF;
  ar := CASE WHEN length(s) = 12 THEN substr(s, 1, 4)::int ELSE 2000 END;
  IF ar < 1800 OR ar > 2100 THEN RETURN NULL; END IF;
  tio := right(s, 10);
  FOR i IN 1..10 LOOP
    v := substr(tio, i, 1)::int * CASE WHEN i % 2 = 1 THEN 2 ELSE 1 END;
    summa := summa + CASE WHEN v > 9 THEN v - 9 ELSE v END;
  END LOOP;
  IF summa % 10 <> 0 THEN RETURN NULL; END IF;
  manad := substr(tio, 3, 2)::int;
  dag := substr(tio, 5, 2)::int;
  IF dag > 60 THEN dag := dag - 60; kod := 'samordningsnummer'; END IF;
  IF manad < 1 OR manad > 12 OR dag < 1
     OR dag > extract(day FROM make_date(ar, manad, 1) + interval '1 month - 1 day') THEN
    RETURN NULL;
  END IF;
  RETURN kod;
END $$;

{namnskal()}
{webbskal()}
CREATE OR REPLACE FUNCTION iub_personnummer_i(lopa text) RETURNS text
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE g text[] := array_remove(regexp_split_to_array(lopa, '[^0-9]+'), ''); s text; k text;
  tusental boolean;
BEGIN
  FOR i IN 1..coalesce(array_length(g, 1), 0) LOOP
    s := '';
    tusental := false;  -- a group of three is thousands, as granskning.personnummer_i_lopa
    FOR j IN i..array_length(g, 1) LOOP
      s := s || g[j];
      tusental := tusental OR length(g[j]) = 3;
      IF length(s) IN (10, 12) AND NOT tusental THEN
        k := iub_personnummerkod(s);
        IF k IS NOT NULL THEN RETURN k; END IF;
      END IF;
      EXIT WHEN length(s) >= 12;
    END LOOP;
  END LOOP;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION iub_fritext_skal(t text) RETURNS text
LANGUAGE plpgsql STABLE AS $$
DECLARE n text; m text[]; k text;
BEGIN
  IF t IS NULL OR t = '' THEN RETURN NULL; END IF;
  n := iub_normalisera(t);
{slingor}
  IF iub_namnskal(n) THEN
    RETURN 'namn';
  END IF;
  IF strpos(n, '.') > 0 AND iub_webbskal(n) THEN
    RETURN 'konto';
  END IF;
  RETURN NULL;
END $$;

-- 14 kap. 4–5 §§ SoL: refuses a row whose listed text columns may reveal who someone is.
-- The columns are the trigger's arguments; on UPDATE an unchanged text is not read again.
CREATE OR REPLACE FUNCTION iub_vakta_fritext() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE ny jsonb := to_jsonb(NEW); gammal jsonb; kod text;
BEGIN
  IF TG_OP = 'UPDATE' THEN gammal := to_jsonb(OLD); END IF;
  FOR i IN 0..TG_NARGS - 1 LOOP
    IF TG_OP = 'UPDATE' AND (gammal ->> TG_ARGV[i]) IS NOT DISTINCT FROM (ny ->> TG_ARGV[i]) THEN
      CONTINUE;
    END IF;
    kod := iub_fritext_skal(ny ->> TG_ARGV[i]);
    IF kod IS NOT NULL THEN
      RAISE EXCEPTION 'Texten i %.% kan röja identitet (%): 14 kap. 4–5 §§ SoL',
        TG_TABLE_NAME, TG_ARGV[i], kod USING ERRCODE = 'check_violation';
    END IF;
  END LOOP;
  RETURN NEW;
END $$;
"""


def installera(schema_editor: Any) -> None:
    """Installs (or replaces) the functions and fills the name table. PostgreSQL only."""
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(funktioner(), params=None)
    ladda_namn(schema_editor.connection)


def ladda_namn(connection: Any) -> None:
    lista = namnlista()
    with connection.cursor() as c:
        c.execute("DELETE FROM identitetsskydd_namn")
        c.executemany(
            "INSERT INTO identitetsskydd_namn (namn, fornamn, efternamn, tvetydig)"
            " VALUES (%s, %s, %s, %s)",
            [
                (n, n in lista.fornamn, n in lista.efternamn, n in lista.tvetydiga)
                for n in sorted(lista.fornamn | lista.efternamn)
            ],
        )


def trigger(tabell: str, kolumner: list[str], *, villkor: str | None = None) -> str:
    """The guard on a table's free-text columns; villkor (on NEW) limits it to the rows that
    must not reveal identity."""
    namn = f"{tabell}_fritext_utan_identitet"
    when = f"WHEN ({villkor})" if villkor else ""
    argument = ", ".join(_lit(k) for k in kolumner)
    return f"""
DROP TRIGGER IF EXISTS {namn} ON {tabell};
CREATE TRIGGER {namn} BEFORE INSERT OR UPDATE OF {", ".join(kolumner)} ON {tabell}
FOR EACH ROW {when} EXECUTE FUNCTION iub_vakta_fritext({argument});
"""
