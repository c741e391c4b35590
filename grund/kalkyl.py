"""Text that a spreadsheet opening a CSV or XLSX file would run as a formula: the one place
every export escapes it (uppfoljning's reports and open export, the account review)."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

_TAL = re.compile(r"[+-]?[0-9][0-9 ,.]*%?")
_FORMELSTART = frozenset("=+-@\t\r\n")
# Look-alikes that NFKC leaves alone but a spreadsheet or its import may read as a sign:
# the minus sign, the heavy plus and minus, the dashes.
_LIKNAR = str.maketrans(
    {"\u2212": "-", "\u2796": "-", "\u2795": "+", "\u2010": "-", "\u2011": "-", "\u2013": "-"}
)


def _borjan(text: str) -> str:
    """The text as a spreadsheet may come to see it: NFKC (full-width "＝" is "="), the
    look-alikes above, and without the spaces and invisible format characters it may drop
    before the first character."""
    normal = unicodedata.normalize("NFKC", text).translate(_LIKNAR)
    i = 0
    while i < len(normal) and (normal[i] == " " or unicodedata.category(normal[i]) in ("Zs", "Cf")):
        i += 1
    return normal[i:]


def kalkylsaker(c: Any) -> Any:
    """A text starting with = + - @, a tab, a carriage return or a line feed (as a name
    "=HYPERLINK(…)" could) gets a leading apostrophe, also when it starts so only after
    Unicode normalisation ("＝", "＋", "﹣", "−") or after spaces and invisible characters;
    numbers such as "+12" or "-3 %" stay as they are, and so do a lone sign (the reports' "–"
    for a figure not published is no formula) and everything that is not text."""
    if not isinstance(c, str):
        return c
    borjan = _borjan(c)
    if borjan[:1] in _FORMELSTART and len(borjan.rstrip()) > 1 and not _TAL.fullmatch(borjan):
        return f"'{c}"
    return c
