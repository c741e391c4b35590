"""Groups of hidden counts: where a total is known and several of its parts are hidden, their
sum is a number the reader knows too, and must not be small (README, "Röjandeskydd")."""

import datetime

from tests.factories import KatalogFactory
from tests.uppfoljning.test_korsvisa_angrepp import _insats, _kontakter
from uppfoljning import publicerat, publicering
from uppfoljning import skyddsgranskning as sg
from uppfoljning.matt import KAT

AR = datetime.date.today().year - 1
K = 5


def _post(nyckel: sg.Nyckel, sant: int, agare: str | None = "u1", **kw) -> sg.Post:
    return sg.Post(nyckel, sant, agare, **kw)


def _rad(celler: dict[str, int], total: int | None = None):
    """One utförare's row of cells and its total, shown (an insats's headline)."""
    poster = {(m, "1", "2025"): _post((m, "1", "2025"), n) for m, n in celler.items()}
    rad = ("rad", "1", "2025")
    poster[rad] = _post(rad, sum(celler.values()) if total is None else total, kostnad=4)
    return poster, [sg.Samband.summa(rad, [(m, "1", "2025") for m in celler])]


def _kand_summa(poster, samband: sg.Samband) -> int | None:
    """What a reader has of the hidden parts' sum: the total less the shown parts."""
    if any(poster[n].status != sg.VISAS for n in samband.plus):
        return None
    dolda = [n for n in samband.minus if poster[n].status != sg.VISAS]
    return sum(poster[n].sant for n in samband.plus) - sum(
        poster[n].sant for n in samband.minus if n not in dolda
    )


def test_three_hidden_cells_with_a_small_sum_hide_one_more():
    """1 + 1 + 2 = 4: each could be 1 to 3, but the row's total less the shown 9 and 8 gives
    the four. The audit hides the smallest other cell of the row (8), not the total."""
    poster, samband = _rad({"a": 1, "b": 1, "c": 2, "d": 9, "e": 8})
    ut = sg.skydda(poster, samband, K)
    assert ut.grupper == 1
    assert ut.sekundara == [("e", "1", "2025")]
    assert poster[("rad", "1", "2025")].status == sg.VISAS
    assert _kand_summa(poster, samband[0]) == 12
    # Only the audit's: the caller's posts hold no group.
    assert all(n[0] != "Σ" for n in poster)


def test_a_group_whose_sum_reaches_the_threshold_hides_nothing_more():
    """2 + 3 = 5: two hidden cells adding up to a number that could be published."""
    poster, samband = _rad({"a": 2, "b": 3, "c": 9})
    ut = sg.skydda(poster, samband, K)
    assert ut.grupper == 0 and ut.sekundara == []
    assert [n[0] for n, p in poster.items() if p.status != sg.VISAS] == ["a", "b"]


def test_a_group_whose_sum_is_zero_protects_no_one():
    """Two empty cells hidden (a breakdown withdrawn whole hides its zeros too): the row's
    total less the shown seven is 0 – no one to protect, nothing more hidden."""
    poster, samband = _rad({"a": 0, "b": 0, "c": 7})
    for m in "ab":
        poster[(m, "1", "2025")].status = sg.DOLD
    ut = sg.skydda(poster, samband, K)
    assert ut.grupper == 0 and ut.sekundara == []
    assert _kand_summa(poster, samband[0]) == 0


def test_a_net_revision_makes_no_group():
    """A revision: two contacts registered late and two voided, both hidden. Their sum is a
    change on net, no count of anyone; each hidden revision keeps its values on its own."""
    kol = "2025-H1@2025-H2"
    poster = {
        (m, "1", kol): _post((m, "1", kol), n, heltal=True)
        for m, n in [("a", 3), ("b", -2), ("c", 7), ("rad", 8)]
    }
    samband = [sg.Samband.summa(("rad", "1", kol), [(m, "1", kol) for m in "abc"])]
    ut = sg.skydda(poster, samband, K)
    assert ut.grupper == 0 and ut.sekundara == []
    assert [n[0] for n, p in poster.items() if p.status != sg.VISAS] == ["a", "b"]


def test_an_utforares_hidden_insatser_in_the_catalogue_summary():
    """The catalogue's contacts (a headline, shown) are its insatser's: u1's two hidden ones
    (2 and 1) beside u2's shown nine are three contacts of u1's for anyone who subtracts. The
    one shown insats of u1's is hidden with them, and u2's nine stays shown."""
    poster = {
        ("kontakter", i, "2025"): _post(("kontakter", i, "2025"), n, agare)
        for i, n, agare in [("1", 2, "u1"), ("2", 1, "u1"), ("3", 7, "u1"), ("4", 9, "u2")]
    }
    kat = ("kontakter", KAT, "2025")
    poster[kat] = _post(kat, 19, None, kostnad=3)
    samband = [sg.Samband.summa(kat, [n for n in poster if n != kat])]
    ut = sg.skydda(poster, samband, K)
    assert ut.grupper == 1
    assert poster[kat].status == sg.VISAS and poster[("kontakter", "4", "2025")].status == sg.VISAS
    assert _kand_summa(poster, samband[0]) == 10


def test_an_attacker_who_knows_the_other_utforare_sees_the_group_of_one():
    """u1's hidden 2 and 2, and u2's 7 hidden as well: the sum of the three is eleven, but
    u2 knows its seven, and the catalogue less the shown 9 is u1's four. Against u2, who knows
    u3's nine too, hiding the nine would not help: the catalogue's headline is hidden."""
    poster = {
        ("kontakter", i, "2025"): _post(("kontakter", i, "2025"), n, agare)
        for i, n, agare in [("1", 2, "u1"), ("2", 2, "u1"), ("3", 7, "u2"), ("4", 9, "u3")]
    }
    poster[("kontakter", "3", "2025")].status = sg.DOLD  # hidden for another reason
    kat = ("kontakter", KAT, "2025")
    poster[kat] = _post(kat, 20, None, kostnad=3)
    samband = [sg.Samband.summa(kat, [n for n in poster if n != kat])]
    ut = sg.skydda(poster, samband, K)
    assert ut.grupper == 1
    assert poster[kat].status == sg.DOLD


def test_hidden_parts_of_a_year_across_its_periods():
    """The year is its tertials: T1 was published (9) and T2 too (1, hidden), T3's two are
    hidden, and the year's twelve gives T2 and T3 as three. T1 and T2 are frozen, so the year
    is hidden."""
    poster = {
        n: _post(n, s, **kw)
        for n, s, kw in [
            (("kontakter", "1", "2025"), 12, {"kostnad": 2}),
            (("kontakter", "1", "2025-T1"), 9, {"fryst": True}),
            (("kontakter", "1", "2025-T2"), 1, {"fryst": True, "status": sg.DOLD, "primar": True}),
            (("kontakter", "1", "2025-T3"), 2, {}),
        ]
    }
    ar, *delar = poster
    samband = [sg.Samband.summa(ar, delar)]
    ut = sg.skydda(poster, samband, K)
    assert ut.grupper == 1
    assert poster[ar].status == sg.DOLD
    assert _kand_summa(poster, samband[0]) is None


def test_the_catalogue_summary_does_not_add_up_hidden_insatser(personal, utforare):
    """Published: three insatser of one utförare with 2, 1 and 9 contacts in March. Neither
    the year nor a half-year lets the catalogue's contacts less the shown insatser be 1–4."""
    katalog = KatalogFactory()
    x, y, z = (_insats(katalog, utforare) for _ in range(3))
    for insats, antal in [(x, 2), (y, 1), (z, 9)]:
        _kontakter(personal, insats, datetime.date(AR, 3, 2), antal)
    publicering.publicera_allt(datetime.date(AR + 1, 2, 1))
    for kolumn in (f"{AR}-H1", f"{AR}-H2", str(AR)):
        pub = publicerat.Publicerat(katalog, kolumner=[kolumn])
        total = pub.cell("kontakter", KAT, kolumn)
        celler = [pub.cell("kontakter", i.pk, kolumn) for i in (x, y, z)]
        if total.varde is None or sum(c.dold for c in celler) < 2:
            continue
        summa = total.varde - sum(c.varde or 0 for c in celler)
        assert not 0 < summa < K, (kolumn, summa, [c.visning for c in celler])
    ar = publicerat.Publicerat(katalog, kolumner=[str(AR)])
    assert ar.cell("kontakter", y.pk, str(AR)).dold
