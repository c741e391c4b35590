"""The seventh round of attacks on the published statistics: the test attacker solves for the
sums of groups of hidden cells too (tests/uppfoljning/angripare.py), frozen relations are
audited again for such groups, tertials, a participation across a handover, and the exports
against the page."""

import datetime

import pytest

from tests.dokumentation.conftest import registrera
from tests.factories import KatalogFactory
from tests.uppfoljning.angripare import angrip
from tests.uppfoljning.test_korsvisa_angrepp import _insats, _sant
from uppfoljning import publicerat, publicering
from uppfoljning import skyddsgranskning as sg

AR = datetime.date.today().year - 1
K = 5


def _kvinnor_18_44(personal, utforare):
    """Women 18–24: 1, 25–44: 2, 45–64: 9; men 6, 7 and 8 (one insats, one year)."""
    katalog = KatalogFactory()
    x = _insats(katalog, utforare)
    for kon, alder, n in [
        ("kvinna", 20, 1),
        ("kvinna", 30, 2),
        ("kvinna", 50, 9),
        ("man", 20, 6),
        ("man", 30, 7),
        ("man", 50, 8),
    ]:
        for _ in range(n):
            registrera(personal, x, datum=datetime.date(AR, 3, 2), kon=kon, alder=alder)
    publicering.publicera_allt(datetime.date(AR + 1, 2, 1))
    return katalog, x


@pytest.mark.parametrize("gruppregeln", [True, False])
def test_the_attacker_solves_for_the_sum_of_hidden_cells(
    personal, utforare, annan_utforare, monkeypatch, gruppregeln
):
    """Without the audit's group rule (last session's code) the attacker finds "three women
    aged 18–44": the two hidden cells' sum, pinned, though each cell keeps two values. With
    it, nothing."""
    if not gruppregeln:
        monkeypatch.setattr(sg._Grupper, "nya", lambda self: [])
    katalog, x = _kvinnor_18_44(personal, utforare)
    pub = publicerat.Publicerat(katalog)
    sant, ej = _sant(katalog)
    agare = {str(x.pk): f"u{utforare.pk}"}
    fynd = angrip(pub, sant, agare, f"u{annan_utforare.pk}", ej_publicerade=ej)
    if gruppregeln:
        assert fynd == []
    else:
        kvinnor = tuple(
            (f"kontakter.ka.kvinna.{g}", str(x.pk), str(AR)) for g in ("18-24", "25-44")
        )
        assert fynd, "the attacker did not find the group"
        assert all(isinstance(c[0], tuple) for c, _ in fynd)  # groups, no single cell
        assert any(set(kvinnor) <= set(c) for c, _ in fynd), fynd
