"""What spreadsheets and word processors do to a catalogue file, and what the import does about
it (docs/katalog/README.md, "Filer ur kalkylprogram").

Accepted, because a reader of the catalogue cannot see the difference: spaces of any kind
(non-breaking, tabs, several) in and around the name of an insats or an utförare, which is one
space between words (the name is the insats's identity between imports), and an empty or blank
text ("" – an empty cell) where the format wants a number, a date, a choice or sant/falskt,
which is read as not stated (null). Other texts are kept as the board wrote them, spaces and
all (they come back unchanged in the export), and so is the municipality's name, which the
import compares with the catalogues it has. Refused, with the fix named: typographic
quotes around keys or texts, a comma after the last item, dates written otherwise than
ÅÅÅÅ-MM-DD (the message gives the date in that form where it can be read), keys written with
capitals, and names that differ only in the kind of dash (”0-17 år” and ”0–17 år”).
"""

from __future__ import annotations

import copy
import datetime
import re
from typing import Any

from grund.tid import MANADSNAMN
from organisation.indata import STYRTECKEN

# Fields whose text names something (the municipality, an insats, an utförare): every run of
# whitespace, non-breaking or not, is one space.
_NAMN_I_INSATSEN = ("namn",)
# Fields that are not texts: an empty cell is "not stated".
_TOMT_AR_NULL_HUVUD = ("beslutsdatum", "galler_fran")
_TOMT_AR_NULL_INSATS = (
    "max_tillfallen",
    "form",
    "utan_vardnadshavares_samtycke_fran_15",
    "slag",
    "max_varaktighet_manader",
    "gruppstorlek_min",
    "gruppstorlek_max",
    "uppfoljningsmetod",
)
_TOMT_AR_NULL_VILLKOR = ("min", "max", "under_alder", "antal")


def _namn(varde: Any) -> Any:
    # A name of only spaces stays as it is, for the import to say it names nothing.
    return " ".join(varde.split()) if isinstance(varde, str) and varde.strip() else varde


def _tomt_ar_null(objekt: dict[str, Any], nycklar: tuple[str, ...]) -> None:
    for nyckel in nycklar:
        if isinstance(objekt.get(nyckel), str) and not objekt[nyckel].strip():
            objekt[nyckel] = None


def stadad(data: Any) -> Any:
    """The file as the secretary meant it: see the module's docstring. Anything not shaped like
    a catalogue is returned as it is, for the schema to name."""
    if not isinstance(data, dict):
        return data
    data = copy.deepcopy(data)
    _tomt_ar_null(data, _TOMT_AR_NULL_HUVUD)
    insatser = data.get("insatser")
    for insats in insatser if isinstance(insatser, list) else []:
        if not isinstance(insats, dict):
            continue
        for nyckel in _NAMN_I_INSATSEN:
            if nyckel in insats:
                insats[nyckel] = _namn(insats[nyckel])
        utforare = insats.get("utforare")
        if isinstance(utforare, str):
            insats["utforare"] = _namn(utforare)
        elif isinstance(utforare, dict) and "namn" in utforare:
            utforare["namn"] = _namn(utforare["namn"])
        _tomt_ar_null(insats, _TOMT_AR_NULL_INSATS)
        villkoren = insats.get("villkor")
        for villkor in villkoren if isinstance(villkoren, list) else []:
            if isinstance(villkor, dict):
                _tomt_ar_null(villkor, _TOMT_AR_NULL_VILLKOR)
                if isinstance(villkor.get("avser"), str) and not villkor["avser"].strip():
                    del villkor["avser"]
    return data


# ---------------------------------------------------------------- messages

_TYPOGRAFISKA = "“”„‟″«»‘’‚‛′"


def json_fel_tips(text: str, pos: int) -> str | None:
    """What a spreadsheet or word processor did where JSON could not be read at `pos`, and how
    to fix it; None when it was something else."""
    tecken = text[pos : pos + 1]
    if tecken and tecken in _TYPOGRAFISKA:
        return (
            f"här står ett typografiskt citattecken ({tecken}); JSON kräver raka dubbla "
            'citattecken ("). Byt ut ” “ ‘ ’ runt fältnamn och texter mot " (ordbehandlare och '
            "kalkylprogram byter ofta ut dem)"
        )
    if tecken == "\t":
        return "en text innehåller ett tabbtecken; skriv ett mellanslag eller \\t i stället"
    fore = text[:pos].rstrip()
    if tecken.isalnum() and text[pos - 1 : pos] == '"' and not fore.endswith('\\"'):
        # "Stödsamtal enligt "Trappan" för barn": the quote before Trappan ended the text.
        return (
            'det står text direkt efter ett citattecken ("), som då avslutar texten för tidigt: '
            'skriv \\" för ett citattecken inne i en text (eller ” ”)'
        )
    if tecken in ("}", "]") and fore.endswith(","):
        rad = fore.count("\n") + 1
        kolumn = len(fore) - (fore.rfind("\n") + 1)
        return (
            f"det står ett kommatecken för mycket före {tecken}: ta bort kommatecknet efter "
            f"det sista {'fältet' if tecken == '}' else 'värdet'} (rad {rad}, kolumn {kolumn})"
        )
    return None


_MANADER = {namn: nr for nr, namn in enumerate(MANADSNAMN, start=1)}


def datumforslag(varde: Any) -> str | None:
    """A date written another way than ÅÅÅÅ-MM-DD, in that form, where it can be read without
    guessing: "2025-7-1", "2025/07/01", "1 juli 2025". None otherwise ("1/7 2025" could be
    either day or month first)."""
    if not isinstance(varde, str):
        return None
    text = " ".join(varde.split()).lower()
    if m := re.fullmatch(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})", text):
        ar, manad, dag = (int(x) for x in m.groups())
    elif m := re.fullmatch(r"(\d{1,2})(?::e|:a)? ([a-zåäö]+)\.? (\d{4})", text):
        if m.group(2) not in _MANADER:
            return None
        dag, manad, ar = int(m.group(1)), _MANADER[m.group(2)], int(m.group(3))
    else:
        return None
    try:
        return datetime.date(ar, manad, dag).isoformat()
    except ValueError:
        return None


def faltnamn_med_fel_bokstaver(okand: str, kanda: set[str]) -> str | None:
    """The known key an unknown one is, written with capitals ("Namn" for "namn")."""
    return next((k for k in sorted(kanda) if k.casefold() == okand.casefold()), None)


def var_i_filen(fel: list[str], data: Any) -> list[str]:
    """For each problem, which insats it is in, as a reader finds it (its number counted from
    1 and its name), or "" when it is about the catalogue as a whole."""
    insatser = data.get("insatser") if isinstance(data, dict) else None
    ut = []
    for f in fel:
        m = re.match(r"\$\.insatser\[(\d+)\]", f)
        if not m or not isinstance(insatser, list) or int(m.group(1)) >= len(insatser):
            ut.append("")
            continue
        nr = int(m.group(1))
        post = insatser[nr] if isinstance(insatser[nr], dict) else {}
        namn = next(
            (v for k, v in post.items() if k.casefold() == "namn" and isinstance(v, str)), ""
        )
        # Shown on the page and written to the terminal: a lone surrogate cannot be encoded
        # (a 500, a traceback), and NUL or a direction control is refused, not repeated.
        namn = namn.encode("utf-8", "replace").decode("utf-8").replace("\x00", "")
        namn = " ".join(STYRTECKEN.sub("", namn).split())
        ut.append(f"insats {nr + 1} i filen, ”{namn}”" if namn else f"insats {nr + 1} i filen")
    return ut
