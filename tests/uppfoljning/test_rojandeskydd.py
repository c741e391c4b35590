"""Disclosure control (uppfoljning.rojandeskydd), attacked by arithmetic."""

import random

import pytest

from tests.uppfoljning.angripare import avslojade_celler
from uppfoljning.perioder import Period
from uppfoljning.rojandeskydd import (
    skydda_medel,
    skydda_tabell,
    skydda_tal,
    skydda_uppdelning,
)


def synligt(tabell):
    return [[c.varde for c in rad] for rad in tabell.celler]


@pytest.mark.parametrize(
    ("n", "visning"), [(0, "0"), (1, "<5"), (4, "<5"), (5, "5"), (1234, "1234"), (None, "–")]
)
def test_primary_suppression(n, visning, settings):
    settings.ROJANDESKYDD_TROSKEL = 5
    assert skydda_tal(n).visning == visning


def test_threshold_from_settings(settings):
    settings.ROJANDESKYDD_TROSKEL = 3
    assert skydda_tal(3).visning == "3" and skydda_tal(2).visning == "<3"


def test_the_unique_man_cannot_be_recomputed():
    """In a small municipality: 1 man aged 65+ in support talks identifies him."""
    tabell = skydda_tabell([[12, 1], [9, 0], [6, 7]], k=5)
    assert tabell.celler[0][1].visning == "<5"
    assert avslojade_celler(synligt(tabell)) == []


def test_secondary_suppression_marks_cells():
    tabell = skydda_tabell([[20, 3, 10]], k=5)
    visat = [c.visning for c in tabell.rader[0]]
    assert visat.count("<5") == 1 and visat.count("×") == 1
    assert visat[-1] == "33"  # the total stays when an inner cell can carry the secret


def test_breakdown_with_a_single_small_part():
    total, delar = skydda_uppdelning([17, 0, 3, 0, 0], k=5)
    assert total.visning == "20"
    assert [d.visning for d in delar].count("<5") == 1
    assert avslojade_celler(synligt(skydda_tabell([[17, 0, 3, 0, 0]], k=5))) == []


@pytest.mark.parametrize("seed", range(400))
def test_attacker_recovers_nothing_from_random_tables(seed):
    slump = random.Random(seed)
    rader, kolumner = slump.randint(1, 6), slump.randint(1, 5)
    matris = [
        [slump.choice([0, 0, 1, 2, 3, 4, 5, 6, 9, 14, 30]) for _ in range(kolumner)]
        for _ in range(rader)
    ]
    tabell = skydda_tabell(matris, k=5)
    assert avslojade_celler(synligt(tabell)) == [], matris
    # Nothing from 1 to 4 is ever shown.
    assert all(
        c.varde is None or c.varde == 0 or c.varde >= 5 for rad in tabell.celler for c in rad
    )


def test_average_needs_k_answers():
    assert skydda_medel(3.25, 4, k=5).visning == "<5 svar"
    assert skydda_medel(3.25, 5, k=5).visning == "3,2"


class TestPerioder:
    @pytest.mark.parametrize(
        ("text", "start", "slut"),
        [
            ("2026", "2026-01-01", "2026-12-31"),
            ("2026-H1", "2026-01-01", "2026-06-30"),
            ("2026-H2", "2026-07-01", "2026-12-31"),
            ("2026-T1", "2026-01-01", "2026-04-30"),
            ("2026-T3", "2026-09-01", "2026-12-31"),
        ],
    )
    def test_fixed_periods(self, text, start, slut):
        p = Period.tolka(text)
        assert (p.start.isoformat(), p.slut.isoformat(), p.kod) == (start, slut, text)

    @pytest.mark.parametrize(
        "text",
        ["2026-H3", "2026-T4", "2026-03", "2026-01-01..2026-02-01", "", "abc", "1999", "2026-Q1"],
    )
    def test_nothing_else_is_a_period(self, text):
        assert Period.tolka(text) is None
