"""How the database runs the guard's patterns (identitetsskydd/sql.py): the patterns that need
a digit are skipped on a text without one, so that must be true of every one of them."""

import re

import pytest

from identitetsskydd.monster import MONSTER
from identitetsskydd.sql import _kraver_siffra, _sammanslagna


@pytest.mark.parametrize(
    ("regex", "svar"),
    [
        ("[0-9]+", True),
        ("x[0-9]{2}", True),
        ("(?:1|2)x", True),
        ("a|1", False),  # one branch without a digit
        ("x[0-9]{0,2}", False),  # may repeat none
        ("(?<![0-9])x(?![0-9])", False),  # lookarounds consume nothing
        ("[0-9a-z]", False),  # a class with more than digits
        (r"\d", True),
    ],
)
def test_a_pattern_needs_a_digit_only_when_every_match_holds_one(regex, svar):
    assert _kraver_siffra(regex) is svar


def test_what_needs_a_digit_never_matches_a_text_without_one(identifierande, vanliga):
    """Every corpus text with its digits taken out: no pattern said to need a digit matches,
    so skipping them on such a text changes nothing."""
    siffror = [m for m in [*MONSTER, *_sammanslagna()] if _kraver_siffra(m.regex)]
    assert len(siffror) >= 8  # the personnummer and telephone patterns at least
    texter = [re.sub("[0-9]", "", t) for _, t in identifierande + vanliga]
    for m in siffror:
        monster = re.compile(m.regex, re.IGNORECASE if m.skiftlagesokansligt else 0)
        assert not [t for t in texter if monster.search(t)], m.kod
