"""Import and export of a whole catalogue in the interchange format (DESIGN.md §6).

Two versions: a file with `"version": 2` is version 2 (katalog.v2.schema.json), one without
the key version 1 (katalog.schema.json), which keeps importing unchanged. The file is checked
against its JSON Schema (with the jsonschema library), then against the catalogue's legal
rules; an invalid file is refused whole, every problem named by its JSON path, and nothing is
written. Export after import gives the same JSON (after sorting keys), in either version.
"""

from __future__ import annotations

import copy
import datetime
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from django.db import models, transaction
from django.db.backends.base.operations import BaseDatabaseOperations
from django.db.models import QuerySet
from jsonschema import Draft202012Validator, FormatChecker

from grund.tid import idag
from insatser import kalkylark, services
from insatser.katalogformat import (
    DOKUMENTATIONSFALT,
    HUVUDFALT,
    HUVUDFALT_V2,
    INSATSFALT,
    KONTAKTFALT,
    SCHEMA_FIL,
    SCHEMA_FIL_V2,
    Post,
    exportera_insats,
    formatversion,
    insats_fran_fil,
)
from insatser.models import Beslut, Insats, Katalog, Villkor, galler_fran
from insatser.regler import (
    SLAG_ALDRIG_IUB,
    SLAG_BOENDE_FOR_VUXNA,
    Overtradelse,
    foreslaget_slag_och_ord,
    katalogtext_utan_personnummer,
    sol_11_kap_5_beslut_kravs_for_andring,
    sol_11_kap_5_beslutsdatum,
    sol_14_kap_5_sarskilda_skal,
)
from organisation.indata import FORSTA_DAG, SISTA_DAG, STYRTECKEN, osynliga_eller_liknande
from organisation.models import Anvandare, Kommun, Utforare, kommunens_namn

# A file without beslutsdatum: the decision recorded as unknown (see _tillampa).
OKANT_ORGAN = "Okänt beslut"
_OKANT_ORSAK = "Import av katalogfil utan beslutsdatum (okänt beslut)"
# A file that changes an insats under the decision it already stands under corrects it.
_RATTAD = "Rättad genom import av katalogfil med samma beslut"


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


@dataclass
class Importresultat:
    katalog: Katalog
    nya: list[str] = field(default_factory=list)
    andrade: list[str] = field(default_factory=list)
    upphorda: list[str] = field(default_factory=list)
    borttagna: list[str] = field(default_factory=list)
    nya_utforare: list[str] = field(default_factory=list)
    okant_beslut: Beslut | None = None
    varningar: list[str] = field(default_factory=list)

    @property
    def beslut_okant(self) -> bool:
        """Whether insatser of this import came in force under an unknown decision."""
        return self.okant_beslut is not None

    @property
    def oforandrad(self) -> bool:
        return not (self.nya or self.andrade or self.upphorda or self.borttagna)


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
        return f"{fel.json_path}: okänd villkorstyp {typ!r}; tillåtna typer är {typer}."
    v, varde = fel.validator, fel.validator_value
    meddelanden: dict[str, Callable[[], str]] = {
        "required": lambda: f"obligatoriskt fält saknas: {fel.message.split(' ')[0]}",
        "type": lambda: f"fel datatyp, ska vara {_typ_sv(varde)}",
        "enum": lambda: "otillåtet värde {!r}; tillåtna är {}".format(
            fel.instance, ", ".join("null" if x is None else repr(x) for x in varde)
        ),
        "const": lambda: f"ska vara {varde!r}",
        "minLength": lambda: "får inte vara tomt",
        "minimum": lambda: f"ska vara minst {varde}",
        "additionalProperties": lambda: (
            "okänt fält: "
            + ", ".join(
                repr(k) + _med_sma_bokstaver(k, fel.schema)
                for k in sorted(set(fel.instance) - set(fel.schema.get("properties", {})))
            )
        ),
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


def _inte_json(innehall: bytes | str, e: ValueError) -> str:
    """Why a file could not be read as JSON, in Swedish, and where."""
    rada = innehall.encode("utf-8", "surrogatepass") if isinstance(innehall, str) else innehall
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
        return f"$: filen är inte giltig JSON (rad {e.lineno}, kolumn {e.colno})" + (
            f": {vad}." if vad else "."
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


_SURROGAT = re.compile("[\ud800-\udfff]")


def _for_langt_eller_nul(varde: Any, stig: str) -> list[str]:
    """What the schema allows but the register cannot store: NUL characters anywhere, a
    personnummer or samordningsnummer in any text, and texts longer than their field."""
    fel: list[str] = []
    if isinstance(varde, str) and "\x00" in varde:
        fel.append(f"{stig}: texten innehåller ett otillåtet tecken (NUL).")
    elif isinstance(varde, str) and _SURROGAT.search(varde):
        fel.append(f"{stig}: texten innehåller ett ogiltigt tecken (ett ensamt surrogattecken).")
    elif isinstance(varde, str) and STYRTECKEN.search(varde):
        fel.append(f"{stig}: texten innehåller osynliga tecken som vänder textens riktning.")
    elif isinstance(varde, str) and (osynligt := osynliga_eller_liknande(varde)):
        fel.append(f"{stig}: {osynligt[0].lower()}{osynligt[1:]}")
    elif isinstance(varde, str):
        fel += [f"{stig}: {o.meddelande}" for o in katalogtext_utan_personnummer(varde)]
    elif isinstance(varde, list):
        for nr, del_ in enumerate(varde):
            fel += _for_langt_eller_nul(del_, f"{stig}[{nr}]")
    elif isinstance(varde, dict):
        for nyckel, del_ in varde.items():
            if _SURROGAT.search(nyckel) or "\x00" in nyckel:
                fel.append(f"{stig}: en nyckel innehåller ett ogiltigt tecken.")
                continue
            if stig.endswith(".utforare") and nyckel == "organisationsnummer":
                continue  # checked by the schema; a company's number is not a personnummer
            fel += _for_langt_eller_nul(del_, f"{stig}.{nyckel}")
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


def _datum(varde: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(varde) if varde else None


def _utan_bokstaver(data: dict[str, Any], hela: set[int]) -> list[str]:
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


def _datumen(data: dict[str, Any]) -> list[str]:
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


def _egen_kommun(data: dict[str, Any], kommuner: QuerySet[Kommun] | None) -> list[str]:
    """A nämndsekreterare imports only their own municipality's catalogue."""
    if kommuner is None or kommuner.filter(namn=data.get("kommun")).exists():
        return []
    egna = ", ".join(str(k) for k in kommuner) or "ingen kommun"
    return [
        f"$.kommun: filen är katalogen för {kommunens_namn(str(data.get('kommun')))}, men du är "
        f"nämndsekreterare för {egna}. Be en nämndsekreterare där att importera den."
    ]


def _kommunen_finns_redan(data: dict[str, Any]) -> list[str]:
    """Another catalogue whose municipality differs only in case, spaces or punctuation is
    the same municipality misspelt: say so instead of starting a second catalogue. Names that
    differ in a letter (Håbo and Habo) are two municipalities, each with its own address."""
    kommun = data.get("kommun")
    if not isinstance(kommun, str):
        return []

    def jamforbart(namn: str) -> str:
        return "".join(t for t in namn.casefold() if t.isalnum())

    annan = next(
        (
            k
            for k in Katalog.objects.exclude(kommun=kommun).only("kommun")
            if jamforbart(k.kommun) == jamforbart(kommun)
        ),
        None,
    )
    if annan is None:
        return []
    return [
        f"$.kommun: ”{kommun}” skiljer sig bara i stora och små bokstäver, mellanslag eller "
        f"skiljetecken från katalogen för ”{annan.kommun}”. Skriv kommunens namn som där."
    ]


# ---------------------------------------------------------------- import

# Hyphen, non-breaking hyphen, figure dash, en dash, em dash and minus: one dash to a reader.
_STRECK = re.compile("[\u2010\u2011\u2012\u2013\u2014\u2212-]")


def importera_katalog(
    innehall: bytes | str,
    *,
    anvandare: Anvandare | None,
    kommuner: QuerySet[Kommun] | None = None,
) -> Importresultat:
    """Import a whole catalogue file, or refuse it whole (OgiltigKatalogfil). `kommuner`: the
    municipalities the file may be for (a nämndsekreterare's own); None for the command line,
    run by whoever runs the installation."""
    data, fel, hela = las_katalogfil(innehall)
    if hela is None:
        raise OgiltigKatalogfil(fel, data)
    version = formatversion(data) or 1
    # A path the schema already refused needs no second message about the same value.
    schemastigar = {f.split(":")[0] for f in fel}
    fel += [
        f
        for f in _for_langt_eller_nul(data, "$") + _utan_bokstaver(data, hela) + _datumen(data)
        if f.split(":")[0] not in schemastigar
    ] or (_kommunen_finns_redan(data) or _egen_kommun(data, kommuner))
    poster = {nr: insats_fran_fil(data["insatser"][nr], version) for nr in sorted(hela)}
    fel += _upphorda_kommer_tillbaka(data, poster)
    namn_sedda: dict[str, int] = {}
    for nr, post in poster.items():
        falt, villkor = post.falt, post.villkor
        stig = f"$.insatser[{nr}]"
        # Names that differ only in case, spaces or the kind of dash (a spreadsheet's "0-17"
        # beside a typed "0–17") look the same to a resident.
        likadant = _STRECK.sub("-", " ".join(falt["namn"].casefold().split()))
        if likadant in namn_sedda:
            forsta = namn_sedda[likadant]
            andra = poster[forsta].falt["namn"]
            skiljer = (
                "bara stora och små bokstäver eller mellanslag skiljer"
                if " ".join(andra.casefold().split()) == " ".join(falt["namn"].casefold().split())
                else "bara sorten av streck, - eller –, skiljer"
            )
            fel.append(
                f"{stig}.namn: insatsen {falt['namn']!r} finns redan som $.insatser[{forsta}]"
                + ("" if andra == falt["namn"] else f" ({andra!r}, {skiljer})")
                + "; namnet måste vara unikt."
            )
        namn_sedda.setdefault(likadant, nr)
        if (falt.get("gruppstorlek_min") or 0) > (falt.get("gruppstorlek_max") or 10**9):
            fel.append(
                f"{stig}.gruppstorlek_min: minsta gruppstorleken kan inte vara större än "
                "den största."
            )
        insats = Insats(**falt)
        for o in services.insatsens_regelbrott(insats, villkor, ska_vara_beslutad=False):
            if o.kod == "katalog_personnummer":
                continue  # already named with its JSON path above
            falt_stig = f"{stig}.namn" if o.nr is None else f"{stig}.villkor[{o.nr - 1}]"
            if o.falt == "verksamhetssystem":
                falt_stig = f"{stig}.dokumentation.verksamhetssystem"
            fel.append(f"{falt_stig}: {o.meddelande}{_slag_ur_orden(o, post)}")
    if fel:
        raise OgiltigKatalogfil(fel, data)
    return _tillampa(data, version, list(poster.values()), anvandare)


def _kan_fragas(text: Any) -> bool:
    return isinstance(text, str) and "\x00" not in text and not _SURROGAT.search(text)


def _upphorda_kommer_tillbaka(data: dict[str, Any], poster: dict[int, Post]) -> list[str]:
    """An insats that has ended keeps its name in the catalogue (its history and the
    participants registered under it point to it): a file naming it again is refused here,
    not at the database's unique name."""
    kommun = data.get("kommun")
    # A text the database cannot take (NUL, a lone surrogate) is refused already; asking for it
    # would fail in the driver.
    namn = {post.falt["namn"]: nr for nr, post in poster.items() if _kan_fragas(post.falt["namn"])}
    if not isinstance(kommun, str) or not _kan_fragas(kommun) or not namn:
        return []
    upphorda = Insats.objects.filter(
        katalog__kommun=kommun, status=Insats.Status.UPPHORD, namn__in=namn
    ).order_by("namn")
    return [
        f"$.insatser[{namn[i.namn]}].namn: insatsen ”{i.namn}” har upphört i katalogen"
        + (f" (den gällde till och med {i.giltig_till.isoformat()})" if i.giltig_till else "")
        + ", och en insats som har upphört kommer inte tillbaka genom en fil. Har nämnden "
        "beslutat en ny insats, ge den ett annat namn."
        for i in upphorda
    ]


def _slag_ur_orden(o: Overtradelse, post: Post) -> str:
    """A kind refused under 11 kap. 5 § that the file did not state (version 1 has no place
    for it) was proposed from the insats's words: say which words, in which field, and how to
    state another kind in version 2."""
    if o.falt != "slag" or post.slag_angivet:
        return ""
    var, forslag = next(
        (
            (var, forslag)
            for falt, var in (("namn", "namnet"), ("metod", "metoden"), ("innehall", "innehållet"))
            if (forslag := foreslaget_slag_och_ord(post.falt[falt]))
        ),
        ("", None),
    )
    if forslag is None:
        return ""
    slag = str(Insats.Slag(forslag[0]).label)
    ord_ = "orden" if " " in forslag[1] else "ordet"
    undantagna = SLAG_ALDRIG_IUB.keys() | SLAG_BOENDE_FOR_VUXNA.keys()
    lagliga = ", ".join(f'"{s}"' for s in Insats.Slag.values if s not in undantagna)
    return (
        f" Filen anger inte vilket slags insats det är, och {ord_} ”{forslag[1]}” i {var} "
        f"tyder på {slag[0].lower()}{slag[1:]}. Är insatsen något annat, ange dess slag i en "
        'fil i version 2: "version": 2 överst i filen och till exempel "slag": '
        f'"gruppverksamhet" i insatsen (andra slag: {lagliga}).'
    )


def _knyt_utforare(
    ref: dict[str, Any], stig: str, resultat: Importresultat, fel: list[str]
) -> Utforare | None:
    """The utförare a version 2 reference names: by organisationsnummer where the file gives
    one, else by the exact name; created when it does not exist and the file states its regi.
    An utförare already in the register is never changed by a catalogue file: it may serve
    other municipalities, whose secretaries the file does not speak for, so a differing regi
    or organisationsnummer is only reported (the systemadministratör changes it); a number
    that contradicts the register's for the same name is refused."""
    namn, regi, orgnr = ref["namn"], ref["regi"], ref["organisationsnummer"]
    utforare = None
    if orgnr:
        utforare = Utforare.objects.filter(organisationsnummer=orgnr).first()
    if utforare is None:
        utforare = Utforare.objects.filter(namn=namn).first()
        if utforare and orgnr and utforare.organisationsnummer not in (None, orgnr):
            fel.append(
                f"{stig}.organisationsnummer: utföraren ”{namn}” finns i registret med "
                f"organisationsnumret {utforare.organisationsnummer}, inte {orgnr}."
            )
            return None
    if utforare is None:
        if not regi:
            resultat.varningar.append(
                f"{stig}: utföraren ”{namn}” finns inte i registret och filen anger inte "
                "regiformen; insatsen är inte knuten till någon utförare."
            )
            return None
        utforare = Utforare.objects.create(namn=namn, regi=regi, organisationsnummer=orgnr)
        resultat.nya_utforare.append(namn)
        return utforare
    skillnader = [
        vad
        for vad, i_filen, i_registret in (
            ("regiform", regi, utforare.regi),
            ("organisationsnummer", orgnr, utforare.organisationsnummer),
        )
        if i_filen and i_filen != i_registret
    ]
    if skillnader:
        resultat.varningar.append(
            f"{stig}: filen anger en annan {' och '.join(skillnader)} för utföraren "
            f"”{utforare.namn}” än registret. Utföraren är inte ändrad; be "
            "systemadministratören ändra den om filen har rätt."
        )
    return utforare


@transaction.atomic
def _tillampa(
    data: dict[str, Any],
    version: int,
    poster: list[Post],
    anvandare: Anvandare | None,
) -> Importresultat:
    """Write the checked file. Raising OgiltigKatalogfil here rolls every write back."""
    katalog, _ = Katalog.objects.select_for_update().get_or_create(kommun=data["kommun"])
    huvud = {n: data.get(n) for n in HUVUDFALT}
    huvud["allmanna_villkor"] = huvud["allmanna_villkor"] or []
    huvud["beslutsdatum"] = _datum(huvud["beslutsdatum"])
    huvud["galler_fran"] = _datum(huvud["galler_fran"])
    if version == 2:
        huvud |= {modell: bool(data.get(n)) for n, modell in HUVUDFALT_V2.items()}
    # The header as the file states it; `katalog` stays the register's row.
    filens = copy.copy(katalog)
    for n, v in huvud.items():
        setattr(filens, n, v)

    beslut = None
    if filens.beslutsdatum:
        beslut, _ = Beslut.objects.get_or_create(
            katalog=katalog,
            organ=filens.namnd or "Nämnden",
            datum=filens.beslutsdatum,
            diarienummer=filens.diarienummer or "",
            okant=False,
            defaults={
                "rubrik": "Riktlinje för insatser utan individuell behovsprövning",
                "registrerat_av": anvandare,
                # The guideline's "gäller från" is its decision's effective date.
                "galler_fran": max(d for d in (filens.galler_fran, filens.beslutsdatum) if d),
            },
        )
    if any(getattr(katalog, n) != v for n, v in huvud.items()):
        vantar = katalog.beslutade_andringar.vantande().first()
        if (
            vantar is not None
            and beslut is not None
            and vantar.beslut_id == beslut.pk
            and vantar.falt == services.katalogens_beslutade_falt(katalog, filens)
        ):
            pass  # the same file again: its header already waits for its day
        elif beslut is not None and beslut.galler_fran > idag() and katalog.beslutsdatum:
            # Decided for a later day: the header waits with the insatser's changes
            # (a BeslutadAndring of the catalogue, put in force by verkstall_beslut). A
            # catalogue with no decided header yet (a new municipality) takes it at once.
            try:
                services.andra_katalog(katalog=filens, beslut=beslut, anvandare=anvandare)
            except services.RegelBrott as e:
                raise OgiltigKatalogfil([f"$: {o.meddelande}" for o in e.overtradelser]) from e
        else:
            for n, v in huvud.items():
                setattr(katalog, n, v)
            services.satt_historik(katalog, anvandare, "Import av katalogfil")
            katalog.save()
    okant: Beslut | None = None

    def okant_beslut() -> Beslut:
        """A file without beslutsdatum: its insatser apply from today under a decision
        recorded as unknown, flagged until the secretary records the nämnd's decision."""
        nonlocal okant
        if okant is None:
            okant, _ = Beslut.objects.get_or_create(
                katalog=katalog,
                okant=True,
                datum=idag(),
                defaults={
                    "organ": OKANT_ORGAN,
                    "rubrik": "Katalogfil importerad utan beslutsdatum",
                    "registrerat_av": anvandare,
                },
            )
            resultat.okant_beslut = okant
        return okant

    resultat = Importresultat(katalog=katalog)
    fel: list[str] = []
    befintliga = {i.namn: i for i in katalog.insatser.gallande().select_for_update()}
    orsak = f"Import av katalogfil ({beslut})" if beslut else "Import av katalogfil"

    for ordning, post in enumerate(poster, start=1):
        falt, villkor = post.falt, post.villkor
        stig = f"$.insatser[{ordning - 1}]"
        insats = befintliga.pop(falt["namn"], None)
        namn = falt["namn"]
        if sol_14_kap_5_sarskilda_skal(
            dokumentationsregel=falt["dokumentationsregel"],
            motivering=falt["dokumentation_motivering"],
        ) and (
            # Once, as for the kind below: by the import that brings the missing reasons in (a
            # new insats, or a file that takes away the reasons the catalogue had).
            insats is None
            or not sol_14_kap_5_sarskilda_skal(
                dokumentationsregel=insats.dokumentationsregel,
                motivering=insats.dokumentation_motivering,
            )
        ):
            resultat.varningar.append(
                f"{namn}: beslutet om undantag enligt 14 kap. 5 § saknar motivering (särskilda "
                "skäl). Insatsen är markerad tills motiveringen har lagts till."
            )
        if not falt["slag"] and insats is None:
            # Once: an insats already in the catalogue without a kind is marked there since the
            # import that brought it, and the same file again would only repeat this.
            resultat.varningar.append(
                f"{namn}: ange vilket slags insats det är. Filen säger det inte och namnet räcker "
                "inte för ett förslag; insatsen är markerad tills den har ett slag."
            )
        utforare = None
        if post.utforare is not None:
            utforare = _knyt_utforare(post.utforare, f"{stig}.utforare", resultat, fel)
        elif version == 1 and falt["utforare_text"]:
            utforare = Utforare.objects.filter(namn=falt["utforare_text"]).first()
        elif insats is not None:
            # Version 2 without a reference: not stated, so the secretary's link stands.
            utforare = insats.utforare
        if insats is None:
            insats = Insats(katalog=katalog, ordning=ordning, **falt)
            insats.utforare = utforare
            insats.status, insats.beslut = Insats.Status.BESLUTAD, beslut or okant_beslut()
            insats.giltig_fran = filens.galler_fran or beslut.datum if beslut else idag()
            services.satt_historik(insats, anvandare, orsak if beslut else _OKANT_ORSAK)
            insats.save()
            services.ersatt_villkor(insats, villkor, anvandare, orsak if beslut else _OKANT_ORSAK)
            resultat.nya.append(namn)
            continue
        if insats.ordning != ordning:
            Insats.objects.filter(pk=insats.pk).update(ordning=ordning)
        ny = Insats(**falt)
        if version == 2:
            ny.utforare = utforare
            if not post.slag_angivet:
                ny.slag = insats.slag or ny.slag
        oforandrad = exportera_insats(insats, version=version) == exportera_insats(
            ny, villkor, version=version
        )
        blir_beslutad = insats.status == Insats.Status.UTKAST
        if oforandrad and not blir_beslutad:
            continue
        kravs = sol_11_kap_5_beslut_kravs_for_andring(
            status=insats.status, har_beslut=beslut is not None
        )
        fel += [f"{stig}: ”{namn}”: {o.meddelande} Filen saknar beslutsdatum." for o in kravs]
        if kravs:
            continue
        # A decision that takes effect on a later day changes a decided insats from that day
        # (services.spara_beslutad_andring); the same decision again corrects it now.
        dag = galler_fran(insats.giltig_fran, beslut)
        i_forvag = (
            beslut is not None
            and dag is not None
            and insats.status != Insats.Status.UTKAST
            and insats.beslut_id != beslut.pk
            and dag > idag()
        )
        fore = copy.copy(insats)
        last = services.regeln_last(insats, ny, i_forvag=i_forvag)
        fel += [f"{stig}.dokumentation: {o.meddelande}" for o in last]
        if last:
            continue
        for n, v in falt.items():
            if n == "slag" and insats.slag and not post.slag_angivet:
                continue  # the secretary's classification; the file does not state one
            setattr(insats, n, v)
        if version == 2 or insats.utforare is None:
            insats.utforare = utforare
        if insats.status == Insats.Status.UTKAST:
            insats.status, insats.beslut = Insats.Status.BESLUTAD, beslut or okant_beslut()
            insats.giltig_fran = insats.giltig_fran or (
                filens.galler_fran or beslut.datum if beslut else idag()
            )
        elif beslut:
            vantar = insats.beslutade_andringar.vantande().first()
            if (
                i_forvag
                and vantar is not None
                and vantar.beslut_id == beslut.pk
                and (vantar.falt, vantar.villkor) == services.beslutade_falt(fore, insats, villkor)
            ):
                continue  # the same file again: its change already waits for its day
            # The same decision again is a correction of what it says (from its date); an
            # older one than the version in force decides nothing over it.
            tid = services.beslutets_tid(insats, beslut)
            fel += [f"{stig}: ”{namn}”: {o.meddelande}" for o in tid]
            if tid:
                continue
            if i_forvag and dag is not None:
                services.spara_beslutad_andring(
                    fore=fore,
                    efter=insats,
                    villkor=villkor,
                    beslut=beslut,
                    dag=dag,
                    anvandare=anvandare,
                    idag=idag(),
                )
                resultat.andrade.append(insats.namn)
                continue
            insats.rattelse = _RATTAD if insats.beslut_id == beslut.pk else ""
            insats.beslut = beslut
            insats.giltig_fran = insats.giltig_fran or filens.galler_fran or beslut.datum
        insats.version += 1
        services.satt_historik(insats, anvandare, orsak if beslut else _OKANT_ORSAK)
        insats.save()
        # After the insats: a version's villkor are those saved before its next version.
        services.ersatt_villkor(insats, villkor, anvandare, orsak if beslut else _OKANT_ORSAK)
        resultat.andrade.append(insats.namn)

    for insats in befintliga.values():
        if insats.status == Insats.Status.UTKAST and not services.har_varit_beslutad(insats):
            services.ta_bort_utkast(insats=insats, anvandare=anvandare)
            resultat.borttagna.append(insats.namn)
        elif beslut is None:
            fel.append(
                f"$.insatser: ”{insats.namn}” är beslutad men saknas i filen; den kan "
                "bara upphöra genom ett nämndbeslut, och filen saknar beslutsdatum."
            )
        elif (
            (vantar := insats.beslutade_andringar.vantande().first()) is not None
            and vantar.beslut_id == beslut.pk
            and vantar.falt.get("status") == Insats.Status.UPPHORD
        ):
            continue  # the same file again: its end already waits for its day
        elif tid := services.beslutets_tid(insats, beslut):
            fel += [f"$.insatser: ”{insats.namn}”: {o.meddelande}" for o in tid]
        else:
            # In force up to the day before the decision takes effect (its date at the
            # earliest, as before decisions had an effective date of their own).
            sista_dag = max(beslut.datum, beslut.galler_fran - datetime.timedelta(days=1))
            services.upphora_insats(
                insats=insats, beslut=beslut, anvandare=anvandare, sista_dag=sista_dag
            )
            resultat.upphorda.append(insats.namn)
    if fel:
        raise OgiltigKatalogfil(fel)
    return resultat
