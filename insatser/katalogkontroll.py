"""Reading a catalogue file and checking it before anything is written: its size, that it is
JSON (with the reason in Swedish when it is not), the JSON Schema of its version, limits on
lengths, numbers and counts, dates, and that it is the user's own municipality's. Every
refusal is an `OgiltigKatalogfil` with one message per path, in Swedish."""

from __future__ import annotations

import datetime
import json
import re
import unicodedata
from collections.abc import Callable
from functools import cache
from typing import Any

from django.db import models
from django.db.backends.base.operations import BaseDatabaseOperations
from django.db.models import QuerySet
from jsonschema import Draft202012Validator, FormatChecker

from grund.tid import idag
from insatser import kalkylark
from insatser.katalogformat import (
    DOKUMENTATIONSFALT,
    INSATSFALT,
    KONTAKTFALT,
    SCHEMA_FIL,
    SCHEMA_FIL_V2,
    formatversion,
)
from insatser.models import Insats, Katalog, Villkor
from insatser.regler import (
    katalogtext_utan_personnummer,
    sol_11_kap_5_beslutsdatum,
)
from organisation.indata import FORSTA_DAG, SISTA_DAG, STYRTECKEN, osynliga_eller_liknande
from organisation.models import Kommun, Utforare, kommunens_namn


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
def _validator(version: int = 1) -> Draft202012Validator:
    fil = SCHEMA_FIL_V2 if version == 2 else SCHEMA_FIL
    schema = json.loads(fil.read_text(encoding="utf-8"))
    return Draft202012Validator(schema, format_checker=FormatChecker())


# ---------------------------------------------------------------- validation


def _svenskt_fel(fel: Any) -> str:
    """A jsonschema ValidationError in Swedish, at the path of the innermost problem."""
    if fel.validator == "oneOf" and not isinstance(fel.instance, dict):
        # A villkor written as a text or a number: the variants all want an object.
        return f"{fel.json_path}: fel datatyp, ska vara objekt (ett villkor med sin typ)."
    if fel.validator == "oneOf" and isinstance(fel.instance, dict) and fel.context:
        # A villkor: report against the variant its "typ" names, not against all of them.
        typ = fel.instance.get("typ")
        varde_lista = fel.validator_value
        for variant_nr, variant in enumerate(fel.validator_value):
            if variant.get("properties", {}).get("typ", {}).get("const") == typ:
                inre = [e for e in fel.context if e.schema_path and e.schema_path[0] == variant_nr]
                if inre:
                    return _svenskt_fel(min(inre, key=lambda e: len(e.path)))
        typer = ", ".join(
            sorted(v.get("properties", {}).get("typ", {}).get("const", "") for v in varde_lista)
        )
        skriv = _forslag_bland(
            typ, [v.get("properties", {}).get("typ", {}).get("const", "") for v in varde_lista]
        )
        return f"{fel.json_path}: okänd villkorstyp {typ!r}{skriv}; tillåtna typer är {typer}."
    v, varde = fel.validator, fel.validator_value
    meddelanden: dict[str, Callable[[], str]] = {
        "required": lambda: f"obligatoriskt fält saknas: {fel.message.split(' ')[0]}",
        "type": lambda: f"fel datatyp, ska vara {_typ_sv(varde)}{_typforslag(fel)}",
        "enum": lambda: "otillåtet värde {!r}{}; tillåtna är {}".format(
            fel.instance,
            _regelforslag(fel.instance) or _forslag_bland(fel.instance, varde),
            ", ".join("null" if x is None else repr(x) for x in varde),
        ),
        "const": lambda: f"ska vara {varde!r}",
        "minLength": lambda: "får inte vara tomt",
        "minimum": lambda: f"ska vara minst {varde}",
        "additionalProperties": lambda: _okanda_falt(fel),
        "format": lambda: (
            f"ogiltigt datum {fel.instance!r}, skriv ÅÅÅÅ-MM-DD"
            + (f" (här {forslag})" if (forslag := kalkylark.datumforslag(fel.instance)) else "")
        ),
        "pattern": lambda: f"ogiltigt organisationsnummer {fel.instance!r}, skriv NNNNNN-NNNN",
        "uniqueItems": lambda: "samma värde står flera gånger",
    }
    text: str = meddelanden.get(str(v), lambda: str(fel.message))()
    if v == "required" and isinstance(fel.instance, dict):
        saknat = fel.message.split("'")[1] if "'" in fel.message else ""
        skrivet = next((k for k in fel.instance if k.casefold() == saknat.casefold()), None)
        if saknat and skrivet:
            text += f" (filen skriver {skrivet!r}; fältnamn skrivs med små bokstäver)"
    return f"{fel.json_path}: {text}."


def _okanda_falt(fel: Any) -> str:
    """Keys the format does not have: a key written with capitals gets its right spelling;
    another (an export's own id, a date of its last change) is to be taken away, since the
    register keeps only what the format describes and would lose it unsaid."""
    okanda = sorted(set(fel.instance) - set(fel.schema.get("properties", {})))
    text = "okänt fält: " + ", ".join(repr(k) + _med_sma_bokstaver(k, fel.schema) for k in okanda)
    if any(not _med_sma_bokstaver(k, fel.schema) for k in okanda):
        text += (
            "; formatet har inte "
            + ("de fälten" if len(okanda) > 1 else "det fältet")
            + ", och registret sparar bara det formatet beskriver: ta bort "
            + ("dem" if len(okanda) > 1 else "det")
        )
    return text


def _utan_accenter(text: str) -> str:
    return "".join(
        t for t in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(t)
    )


def _forslag_bland(varde: Any, tillatna: Any) -> str:
    """A value written with capitals or å, ä, ö ("Individuell", "ålder") that is an allowed
    one: how to write it."""
    if not isinstance(varde, str) or not isinstance(tillatna, list):
        return ""
    kand = next(
        (
            t
            for t in tillatna
            if isinstance(t, str) and t != varde and _utan_accenter(t) == _utan_accenter(varde)
        ),
        None,
    )
    return f" (skriv {kand!r})" if kand else ""


_REGLER = {("3",): "14:3", ("4",): "14:4", ("5",): "14:5", ("4", "5"): "14:4+14:5"}


def _regel_ur_lagtext(varde: Any) -> str | None:
    """A documentation rule written as the law is cited ("14 kap. 4 §", "14 kap. 4 och 5 §§"),
    in the format's way of writing it; None otherwise."""
    if not isinstance(varde, str):
        return None
    m = re.fullmatch(
        r"\s*(?:SoL\s*)?14\s*kap\.?\s*([345](?:\s*(?:och|,|-|–|\+)\s*[345])?)\s*§*\s*(?:SoL)?\s*",
        varde,
    )
    return _REGLER.get(tuple(sorted(set(re.findall("[345]", m.group(1)))))) if m else None


def _regelforslag(varde: Any) -> str:
    regel = _regel_ur_lagtext(varde)
    return f" (skriv {regel!r})" if regel else ""


def _typforslag(fel: Any) -> str:
    """A number written as a text ("5") or a documentation written as its rule alone
    ("14:4"): what to write instead."""
    typer = fel.validator_value if isinstance(fel.validator_value, list) else [fel.validator_value]
    varde = fel.instance
    if "integer" in typer and isinstance(varde, str) and varde.strip().isdigit():
        return f" (skriv talet utan citattecken: {int(varde)})"
    if fel.path and fel.path[-1] == "dokumentation" and isinstance(varde, str):
        regel = varde.strip() if varde.strip() in _REGLER.values() else None
        regel = regel or _regel_ur_lagtext(varde)
        if regel:
            return f' (skriv {{"regel": "{regel}"}})'
    return ""


def _med_sma_bokstaver(nyckel: str, schema: dict[str, Any]) -> str:
    """A key written with capitals ("Namn"): what to write instead."""
    kand = kalkylark.faltnamn_med_fel_bokstaver(nyckel, set(schema.get("properties", {})))
    return f" (skriv {kand!r}, med små bokstäver)" if kand else ""


def _typ_sv(typ: Any) -> str:
    namn = {
        "string": "text",
        "integer": "heltal",
        "boolean": "sant/falskt",
        "array": "lista",
        "object": "objekt",
        "null": "null",
        "number": "tal",
    }
    typer = typ if isinstance(typ, list) else [typ]
    return " eller ".join(str(namn.get(t, t)) for t in typer)


# What json.JSONDecodeError says, in Swedish, for a file edited by hand.
_JSONFEL = {
    "Expecting value": "här väntades ett värde",
    "Expecting property name enclosed in double quotes": (
        "här väntades ett fältnamn inom dubbla citattecken (står det ett kommatecken för mycket "
        "före?)"
    ),
    "Expecting ',' delimiter": "här väntades ett kommatecken",
    "Expecting ':' delimiter": "här väntades ett kolon",
    "Extra data": "filen fortsätter efter katalogens slut",
    "Illegal trailing comma before end of object": "ett kommatecken för mycket före }",
    "Illegal trailing comma before end of array": "ett kommatecken för mycket före ]",
    "Unterminated string starting at": "en text saknar sitt avslutande citattecken",
    "Invalid control character at": (
        "en text innehåller en radbrytning eller ett annat styrtecken (skriv \\n)"
    ),
    "Invalid \\escape": "en text har en ogiltig \\-sekvens",
    "Invalid \\uXXXX escape": "en text har en ogiltig \\u-sekvens",
}
# Files that are something else than JSON, by their first bytes.
_ANDRA_FILTYPER = (
    (b"PK\x03\x04", "ett zip-arkiv (till exempel ett Excel- eller Word-dokument)"),
    (b"\xd0\xcf\x11\xe0", "ett äldre Office-dokument (Excel eller Word)"),
    (b"%PDF", "en PDF"),
    (b"{\\rtf", "ett RTF-dokument"),
)


def _kalkylark_i_zip(rada: bytes) -> str | None:
    """What kind of spreadsheet a zip archive is, by the names of its parts, or None."""
    if b"xl/workbook" in rada:
        return "en Excel-arbetsbok (.xlsx)"
    if b"application/vnd.oasis.opendocument.spreadsheet" in rada[:200]:
        return "ett kalkylark i OpenDocument-format (.ods)"
    return None


def _ser_ut_som_csv(text: str, pos: int) -> str:
    """A spreadsheet saved as text (CSV, often with a byte order mark): JSON fails on its first
    character; say what the file is and what to do instead."""
    forsta = text.removeprefix("\ufeff").lstrip().split("\n", 1)[0]
    if text[:pos].strip("\ufeff \t\r\n") or not forsta or forsta[0] in '{["':
        return ""
    if not any(t in forsta for t in ";,\t"):
        return ""
    return (
        " Filen ser ut att vara ett kalkylark sparat som text (CSV, med kolumner åtskilda av "
        "; eller ,). Registret läser inte kalkylark; spara katalogen i utbytesformatet JSON och "
        "välj den filen."
    )


def _inte_json(innehall: bytes | str, e: ValueError) -> str:
    """Why a file could not be read as JSON, in Swedish, and where."""
    rada = innehall.encode("utf-8", "surrogatepass") if isinstance(innehall, str) else innehall
    if rada.startswith(b"PK\x03\x04") and (kalkylark_ := _kalkylark_i_zip(rada)):
        return (
            f"$: filen är {kalkylark_}, inte en katalog i JSON. Registret läser inte kalkylark "
            "(sammanfogade rubrikceller, dolda blad och datum som serienummer kan läsas på flera "
            "sätt, och katalogen är nämndens beslut). Spara katalogen i utbytesformatet JSON och "
            "välj den filen."
        )
    for borjan, vad in _ANDRA_FILTYPER:
        if rada.startswith(borjan):
            return f"$: filen är {vad}, inte en katalog i JSON. Välj katalogfilen (.json)."
    if not rada.strip().removeprefix(b"\xef\xbb\xbf").strip():
        return "$: filen är tom."
    if isinstance(e, UnicodeDecodeError):
        rad = rada[: e.start].count(b"\n") + 1
        return (
            f"$: filen är inte kodad som UTF-8 (tecknet 0x{rada[e.start]:02X} på rad {rad} går "
            "inte att läsa). Spara filen med teckenkodningen UTF-8 och försök igen."
        )
    if isinstance(e, json.JSONDecodeError):
        vad = _JSONFEL.get(e.msg, "")
        if tips := kalkylark.json_fel_tips(e.doc, e.pos):
            # What the parser expected, then what stands there instead and how to fix it.
            vad = f"{vad.split(' (')[0]}: {tips}" if tips.startswith("det står") else tips
        return (
            f"$: filen är inte giltig JSON (rad {e.lineno}, kolumn {e.colno})"
            + (f": {vad}." if vad else ".")
            + _ser_ut_som_csv(e.doc, e.pos)
        )
    return "$: filen är inte giltig JSON."


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
        raise OgiltigKatalogfil([_inte_json(innehall, e)]) from e
    except RecursionError as e:
        raise OgiltigKatalogfil(["$: filen är nästlad för djupt för att vara en katalog."]) from e
    except ValueError as e:  # an integer of thousands of digits
        raise OgiltigKatalogfil(["$: filen innehåller ett tal med för många siffror."]) from e
    if fel := _dubbla_nycklar(data, dubbla):
        return data, fel, None
    data = kalkylark.stadad(data)
    version = formatversion(data)
    if version is None:
        return (
            data,
            ["$.version: okänd formatversion; skriv 2, eller utelämna nyckeln för version 1."],
            None,
        )
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
        return data, [_svenskt_fel(e) for e in schemafel], None
    trasiga = {e.path[1] for e in schemafel if e.path[0] == "insatser"}
    hela = {nr for nr in range(len(data["insatser"])) if nr not in trasiga}
    return data, [_svenskt_fel(e) for e in schemafel], hela


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
            if len(villkor) > _HOGST_ANTAL_VILLKOR:
                fel.append(
                    f"$.insatser[{nr}].villkor: för många villkor ({len(villkor)}, högst "
                    f"{_HOGST_ANTAL_VILLKOR})."
                )
    if not fel and antal > HOGST_VILLKOR_I_FILEN:
        fel.append(
            f"$.insatser: för många villkor i filen ({antal}, högst {HOGST_VILLKOR_I_FILEN})."
        )
    return fel


SURROGAT = re.compile("[\ud800-\udfff]")


def for_langt_eller_nul(varde: Any, stig: str) -> list[str]:
    """What the schema allows but the register cannot store: NUL characters anywhere, a
    personnummer or samordningsnummer in any text, and texts longer than their field."""
    fel: list[str] = []
    if isinstance(varde, str) and "\x00" in varde:
        fel.append(f"{stig}: texten innehåller ett otillåtet tecken (NUL).")
    elif isinstance(varde, str) and SURROGAT.search(varde):
        fel.append(f"{stig}: texten innehåller ett ogiltigt tecken (ett ensamt surrogattecken).")
    elif isinstance(varde, str) and STYRTECKEN.search(varde):
        fel.append(f"{stig}: texten innehåller osynliga tecken som vänder textens riktning.")
    elif isinstance(varde, str) and (osynligt := osynliga_eller_liknande(varde)):
        fel.append(f"{stig}: {osynligt[0].lower()}{osynligt[1:]}")
    elif isinstance(varde, str):
        fel += [f"{stig}: {o.meddelande}" for o in katalogtext_utan_personnummer(varde)]
    elif isinstance(varde, list):
        for nr, del_ in enumerate(varde):
            fel += for_langt_eller_nul(del_, f"{stig}[{nr}]")
    elif isinstance(varde, dict):
        for nyckel, del_ in varde.items():
            if SURROGAT.search(nyckel) or "\x00" in nyckel:
                fel.append(f"{stig}: en nyckel innehåller ett ogiltigt tecken.")
                continue
            if stig.endswith(".utforare") and nyckel == "organisationsnummer":
                continue  # checked by the schema; a company's number is not a personnummer
            fel += for_langt_eller_nul(del_, f"{stig}.{nyckel}")
            grans = _MAXLANGD.get(_faltnamn(stig, nyckel))
            if isinstance(del_, str) and grans and len(del_) > grans:
                fel.append(
                    f"{stig}.{nyckel}: texten är för lång ({len(del_)} tecken, högst {grans})."
                )
            hogst = _HOGSTA.get(_faltnamn(stig, nyckel))
            if _tal(del_) and hogst is not None and del_ > hogst:
                fel.append(f"{stig}.{nyckel}: talet är för stort (högst {hogst}).")
    return fel


def _faltnamn(stig: str, nyckel: str) -> str:
    if stig == "$":
        return f"katalog.{nyckel}"
    if stig.endswith("]") and ".villkor[" in stig:
        return f"villkor.{nyckel}"
    if stig.endswith(".dokumentation"):
        return f"insats.{DOKUMENTATIONSFALT.get(nyckel, nyckel)}"
    if stig.endswith(".kontakt"):
        return f"insats.{KONTAKTFALT.get(nyckel, nyckel)}"
    if stig.endswith(".utforare"):
        return f"utforare.{nyckel}"
    return f"insats.{INSATSFALT.get(nyckel, nyckel)}"


def _tal(varde: Any) -> bool:
    return isinstance(varde, int | float) and not isinstance(varde, bool)


# The largest number each integer field holds (JSON Schema's integers have no bound, and 5.0
# is one): a file with more is refused at its path instead of failing in the database.
_HOGSTA: dict[str, int] = {
    f"{namn}.{f.name}": hogst
    for namn, modell in (("katalog", Katalog), ("insats", Insats), ("villkor", Villkor))
    for f in modell._meta.fields
    if (hogst := BaseDatabaseOperations.integer_field_ranges.get(f.get_internal_type(), (0,))[-1])
}
# Villkor are numbered in their insats (Villkor.ordning).
_HOGST_ANTAL_VILLKOR: int = BaseDatabaseOperations.integer_field_ranges[
    Villkor._meta.get_field("ordning").get_internal_type()
][1]

_MAXLANGD: dict[str, int] = {
    f"{namn}.{f.name}": f.max_length
    for namn, modell in (
        ("katalog", Katalog),
        ("insats", Insats),
        ("villkor", Villkor),
        ("utforare", Utforare),
    )
    for f in modell._meta.fields
    if isinstance(f, models.CharField) and f.max_length and f.name != "slug"
}


# ---------------------------------------------------------------- mapping


def tolka_datum(varde: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(varde) if varde else None


def utan_bokstaver(data: dict[str, Any], hela: set[int]) -> list[str]:
    """The municipality and each insats are known by their names (the catalogue's address,
    the insats's identity between imports): a name of only spaces or punctuation names
    nothing, though the schema's minLength lets it through."""
    stigar = [("$.kommun", data.get("kommun"))] + [
        (f"$.insatser[{nr}].namn", data["insatser"][nr].get("namn")) for nr in sorted(hela)
    ]
    return [
        f"{stig}: namnet måste innehålla bokstäver eller siffror."
        for stig, namn in stigar
        if isinstance(namn, str) and not any(t.isalnum() for t in namn)
    ]


def datumen(data: dict[str, Any]) -> list[str]:
    """The file's dates, as the register takes dates anywhere (2000–2100), and its
    beslutsdatum a decision already made (sol_11_kap_5_beslutsdatum, 11 kap. 5 §); what the
    decision decides for a later day is its galler_fran."""
    fel: list[str] = []
    for nyckel in ("beslutsdatum", "galler_fran"):
        try:
            dag = datetime.date.fromisoformat(data.get(nyckel) or "")
        except (TypeError, ValueError):
            continue  # left out, or the schema's date format names it
        if not FORSTA_DAG <= dag <= SISTA_DAG:
            fel.append(
                f"$.{nyckel}: ange ett datum mellan {FORSTA_DAG.isoformat()} och "
                f"{SISTA_DAG.isoformat()}."
            )
        elif nyckel == "beslutsdatum":
            fel += [
                f"$.beslutsdatum: {o.meddelande} Nämnden har inte beslutat katalogen ännu "
                f"({dag.isoformat()}); importera filen när beslutet är fattat. Gäller beslutet "
                "från en senare dag än beslutsdatum skrivs den dagen i galler_fran."
                for o in sol_11_kap_5_beslutsdatum(datum=dag, idag=idag())
            ]
    return fel


def egen_kommun(data: dict[str, Any], kommuner: QuerySet[Kommun] | None) -> list[str]:
    """A nämndsekreterare imports only their own municipality's catalogue."""
    if kommuner is None or kommuner.filter(namn=data.get("kommun")).exists():
        return []
    kommun = str(data.get("kommun"))
    for egen in kommuner:
        # "Härnösands kommun" for Härnösand, or the name with other spaces or case: the
        # secretary's own municipality, written otherwise than the register has it.
        if kommunens_namn(" ".join(kommun.split())).casefold() == str(egen).casefold():
            return [
                f"$.kommun: skriv kommunens namn som registret har det, ”{egen.namn}” (filen "
                f"skriver ”{kommun}”)."
            ]
    egna = ", ".join(str(k) for k in kommuner) or "ingen kommun"
    return [
        f"$.kommun: filen är katalogen för {kommunens_namn(str(data.get('kommun')))}, men du är "
        f"nämndsekreterare för {egna}. Be en nämndsekreterare där att importera den."
    ]


def kommunen_finns_redan(data: dict[str, Any]) -> list[str]:
    """Another catalogue whose municipality differs only in case, spaces or punctuation is
    the same municipality misspelt: say so instead of starting a second catalogue. Names that
    differ in a letter (Håbo and Habo) are two municipalities, each with its own address."""
    kommun = data.get("kommun")
    if not isinstance(kommun, str):
        return []

    def jamforbart(namn: str) -> str:
        return "".join(t for t in namn.casefold() if t.isalnum())

    kataloger = list(Katalog.objects.exclude(kommun=kommun).only("kommun"))
    annan = next((k for k in kataloger if jamforbart(k.kommun) == jamforbart(kommun)), None)
    if annan is None:
        # "Härnösands kommun" for the catalogue of Härnösand: the name as pages write it.
        annan = next(
            (
                k
                for k in kataloger
                if jamforbart(kommunens_namn(k.kommun)) == jamforbart(kommunens_namn(kommun))
            ),
            None,
        )
        if annan is not None:
            return [
                f"$.kommun: skriv kommunens namn som registret har det, ”{annan.kommun}” (filen "
                f"skriver ”{kommun}”)."
            ]
    if annan is None:
        return []
    return [
        f"$.kommun: ”{kommun}” skiljer sig bara i stora och små bokstäver, mellanslag eller "
        f"skiljetecken från katalogen för ”{annan.kommun}”. Skriv kommunens namn som där."
    ]
