"""Why a catalogue file was refused, in Swedish: a JSON Schema error at the path of the
innermost problem with what to write instead, and a file that is not JSON at all (another
file type, a spreadsheet, CSV) with what it looks like."""

from __future__ import annotations

import calendar
import json
import re
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

from grund.tid import MANADSNAMN
from insatser import kalkylark


def svenskt_fel(fel: Any) -> str:
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
                    return svenskt_fel(min(inre, key=lambda e: len(e.path)))
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
            _datum_som_inte_finns(fel.instance)
            or f"ogiltigt datum {fel.instance!r}, skriv ÅÅÅÅ-MM-DD"
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


def _datum_som_inte_finns(varde: Any) -> str | None:
    """A date written ÅÅÅÅ-MM-DD that is not in the calendar ("2025-12-32", "2026-02-29"):
    the form is right, so say what is wrong with the day or the month instead."""
    if not isinstance(varde, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", varde):
        return None
    ar, manad, dag = (int(x) for x in varde.split("-"))
    if not 1 <= manad <= 12:
        return f"datumet {varde!r} finns inte: månaden ska vara 01–12 (ÅÅÅÅ-MM-DD)"
    dagar = calendar.monthrange(ar, manad)[1]
    if not 1 <= dag <= dagar:
        return f"datumet {varde!r} finns inte: {MANADSNAMN[manad - 1]} {ar} har {dagar} dagar"
    return None


def _insatsens_falt(fil: str) -> frozenset[str]:
    schema = json.loads(Path(__file__).with_name(fil).read_text(encoding="utf-8"))
    return frozenset(schema["$defs"]["insats"]["properties"])


_V1_INSATS = _insatsens_falt("katalog.schema.json")
_V2_INSATS = _insatsens_falt("katalog.v2.schema.json")


def _bara_i_v2(nycklar: list[str]) -> list[str]:
    return [k for k in nycklar if k in _V2_INSATS - _V1_INSATS]


def _okanda_falt(fel: Any) -> str:
    """Keys the format does not have: a key written with capitals gets its right spelling;
    another (an export's own id, a date of its last change) is to be taken away, since the
    register keeps only what the format describes and would lose it unsaid."""
    okanda = sorted(set(fel.instance) - set(fel.schema.get("properties", {})))
    text = "okänt fält: " + ", ".join(repr(k) + _med_sma_bokstaver(k, fel.schema) for k in okanda)
    if fel.schema.get("properties", {}).keys() == _V1_INSATS and (v2 := _bara_i_v2(okanda)):
        # "slag", "kanaler" … in a version 1 file: the insats's fields of version 2.
        return (
            text
            + f"; {', '.join(map(repr, v2))} finns i version 2 av formatet: skriv "
            + '"version": 2 först i filen'
            + (", och ta bort de andra" if len(v2) < len(okanda) else "")
        )
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


def inte_json(innehall: bytes | str, e: ValueError) -> str:
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
