"""Reading a catalogue file and checking it before anything is written: its size, that it is
JSON (with the reason in Swedish when it is not, insatser.katalogfel), a key only once in an
object, the number of insatser and villkor, and the JSON Schema of its version. The values
the schema lets through are checked in insatser.katalogvarden. Every refusal is an
`OgiltigKatalogfil` with one message per path, in Swedish."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker

from insatser import kalkylark
from insatser.katalogfel import inte_json, svenskt_fel
from insatser.katalogformat import (
    SCHEMA_FIL,
    SCHEMA_FIL_V2,
    VERSIONER,
    formatversion,
)
from insatser.katalogvarden import HOGST_ANTAL_VILLKOR


class OgiltigKatalogfil(Exception):
    """The file was refused whole. Each problem starts with its JSON path; `var` says for each
    which insats it is in, by number and name ("" for the catalogue as a whole)."""

    def __init__(self, fel: list[str], data: Any = None) -> None:
        super().__init__("\n".join(fel))
        self.fel = fel
        self.var = kalkylark.var_i_filen(fel, data)

    @property
    def rader(self) -> list[str]:
        """Each problem with the insats it is in, for the command's output."""
        return [
            f"{f} Gäller {var}." if var else f for f, var in zip(self.fel, self.var, strict=True)
        ]


@cache
def _okand_version(varde: object) -> str:
    """Why `version` is not one the register reads: a number written as a text ("1") gets
    the number to write."""
    if isinstance(varde, str) and varde.strip() in {str(v) for v in VERSIONER}:
        return (
            f"$.version: {varde!r} är en text; skriv talet utan citattecken: {varde.strip()} "
            "(eller utelämna nyckeln för version 1)."
        )
    return "$.version: okänd formatversion; skriv 2, eller utelämna nyckeln för version 1."


def _validator(version: int = 1) -> Draft202012Validator:
    fil = SCHEMA_FIL_V2 if version == 2 else SCHEMA_FIL
    schema = json.loads(fil.read_text(encoding="utf-8"))
    return Draft202012Validator(schema, format_checker=FormatChecker())


def _dubbla_nycklar(data: Any, dubbla: list[tuple[dict[str, Any], list[str]]]) -> list[str]:
    """Keys that stood twice in one object: JSON keeps the last without a word, so a file
    that says two things in one place is refused, at the object's path."""
    if not dubbla:
        return []
    vilka = {id(objekt): nycklar for objekt, nycklar in dubbla}
    fel: list[str] = []
    stack: list[tuple[str, Any]] = [("$", data)]
    while stack:
        stig, varde = stack.pop()
        if isinstance(varde, dict):
            for nyckel in vilka.get(id(varde), []):
                fel.append(
                    f"{stig}: fältet {nyckel!r} står flera gånger i samma objekt; "
                    "skriv det en gång."
                )
            stack += [(f"{stig}.{k}", v) for k, v in reversed(varde.items())]
        elif isinstance(varde, list):
            stack += [(f"{stig}[{nr}]", v) for nr, v in reversed(list(enumerate(varde)))]
    return fel


#: The largest catalogue file read, whichever way it comes (the upload, the command): a whole
#: municipality's catalogue is tens of kB.
KATALOGFIL_HOGST = 2 * 1024 * 1024


def for_stor_katalogfil(storlek: int) -> str | None:
    """What to say about a file of `storlek` bytes over KATALOGFIL_HOGST, or None."""
    if storlek <= KATALOGFIL_HOGST:
        return None
    return (
        f"Filen är för stor ({storlek // 1024} kB). En katalogfil får vara högst "
        f"{KATALOGFIL_HOGST // 1024 // 1024} MB."
    )


def las_katalogfil(innehall: bytes | str) -> tuple[Any, list[str], set[int] | None]:
    """Parse a file and check it against the schema.

    Returns the data, the schema problems (each starting with its JSON path), and the indexes
    of the insatser that passed the schema, so that the legal rules can be checked on those
    too (None when the file as a whole is malformed). Raises OgiltigKatalogfil if it is not
    JSON at all or larger than KATALOGFIL_HOGST. UTF-8 with or without a byte order mark
    (JSON's own rule also reads UTF-16 and UTF-32 with one); a key twice in one object is
    refused.
    """
    storlek = len(
        innehall.encode("utf-8", "surrogatepass") if isinstance(innehall, str) else innehall
    )
    if for_stor := for_stor_katalogfil(storlek):
        raise OgiltigKatalogfil([f"$: {for_stor}"])
    dubbla: list[tuple[dict[str, Any], list[str]]] = []

    def objekt(par: list[tuple[str, Any]]) -> dict[str, Any]:
        d = dict(par)
        if len(d) < len(par):
            nycklar = [k for k, _ in par]
            dubbla.append((d, sorted({k for k in nycklar if nycklar.count(k) > 1})))
        return d

    try:
        text = innehall.removeprefix("\ufeff") if isinstance(innehall, str) else innehall
        data = json.loads(text, object_pairs_hook=objekt)
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise OgiltigKatalogfil([inte_json(innehall, e)]) from e
    except RecursionError as e:
        raise OgiltigKatalogfil(["$: filen är nästlad för djupt för att vara en katalog."]) from e
    except ValueError as e:  # an integer of thousands of digits
        raise OgiltigKatalogfil(["$: filen innehåller ett tal med för många siffror."]) from e
    if fel := _dubbla_nycklar(data, dubbla):
        return data, fel, None
    data = kalkylark.stadad(data)
    version = formatversion(data)
    if version is None:
        return data, [_okand_version(data["version"])], None
    if version == 1 and isinstance(data, dict) and "version" in data:
        # Version 1 has no such key; a file that states it anyway is read as version 1.
        data = {k: v for k, v in data.items() if k != "version"}
    if fel := _for_manga_villkor(data):
        return data, fel, None
    schemafel = sorted(_validator(version).iter_errors(data), key=lambda e: list(map(str, e.path)))
    # A catalogue whose shape or municipality is wrong is named as it is; a wrong date or
    # text at the top does not keep the insatser from being checked too.
    if any(
        not e.path or e.path[0] == "kommun" or (e.path[0] == "insatser" and len(e.path) < 2)
        for e in schemafel
    ):
        return data, [svenskt_fel(e) for e in schemafel], None
    trasiga = {e.path[1] for e in schemafel if e.path[0] == "insatser"}
    hela = {nr for nr in range(len(data["insatser"])) if nr not in trasiga}
    return data, [svenskt_fel(e) for e in schemafel], hela


# More villkor than any catalogue has: the schema's check takes a fraction of a millisecond for
# each, so a file of tens of thousands would hold a worker for many seconds.
HOGST_VILLKOR_I_FILEN = 10_000
# Likewise insatser (the largest catalogue we know has 64): 150,000 empty ones fit in 600 kB
# and took 15 s to check, with 300,000 messages (17 MB) for the page.
HOGST_INSATSER_I_FILEN = 1_000


def _for_manga_villkor(data: Any) -> list[str]:
    """Counted before the schema: a file with more insatser or villkor than any catalogue has,
    or an insats with more villkor than the register holds, is refused whole at once."""
    insatser = data.get("insatser") if isinstance(data, dict) else None
    if not isinstance(insatser, list):
        return []
    if len(insatser) > HOGST_INSATSER_I_FILEN:
        return [
            f"$.insatser: för många insatser i filen ({len(insatser)}, högst "
            f"{HOGST_INSATSER_I_FILEN})."
        ]
    fel: list[str] = []
    antal = 0
    for nr, post in enumerate(insatser):
        villkor = post.get("villkor") if isinstance(post, dict) else None
        if isinstance(villkor, list):
            antal += len(villkor)
            if len(villkor) > HOGST_ANTAL_VILLKOR:
                fel.append(
                    f"$.insatser[{nr}].villkor: för många villkor ({len(villkor)}, högst "
                    f"{HOGST_ANTAL_VILLKOR})."
                )
    if not fel and antal > HOGST_VILLKOR_I_FILEN:
        fel.append(
            f"$.insatser: för många villkor i filen ({antal}, högst {HOGST_VILLKOR_I_FILEN})."
        )
    return fel
