"""Text that a spreadsheet opening a CSV or XLSX file would run as a formula."""

from __future__ import annotations

import re
from typing import Any

_TAL = re.compile(r"[+-]?[0-9][0-9 ,.]*%?")


def kalkylsaker(c: Any) -> Any:
    """A text starting with = + - @, a tab or a carriage return (as a name "=HYPERLINK(…)"
    could) gets a leading apostrophe; numbers such as "+12" or "-3 %" stay as they are, and
    so does everything that is not text."""
    if isinstance(c, str) and c[:1] in ("=", "+", "-", "@", "\t", "\r") and not _TAL.fullmatch(c):
        return f"'{c}"
    return c
