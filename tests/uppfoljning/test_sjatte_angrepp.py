"""The sixth round of attacks on the published statistics: groups of hidden cells, means
across a handover, and an utförare's part of an insats it handed over. Each attack reads only
what is published and what the attacking utförare knows of its own records."""

import datetime
import itertools

import pytest
from django.urls import reverse

from dokumentation.deltagande.services import avsluta_deltagande
from tests.dokumentation.conftest import registrera
from tests.factories import KatalogFactory
from tests.uppfoljning.test_korsvisa_angrepp import _byt, _insats
from uppfoljning import publicerat, publicering
from uppfoljning import skyddsgranskning as sg
from uppfoljning.models import Arsuppfoljning

# An attack round on the publication: make test runs it, the fast tier does not.
pytestmark = pytest.mark.angrepp

AR = datetime.date.today().year - 1
K = 5


def _avslutade(vem, insats, datum, betyg):
    """One ended participation per (wellbeing at start, at end), from `datum` a day apart."""
    for i, (start, slut) in enumerate(betyg):
        dag = datum + datetime.timedelta(days=i)
        d = registrera(vem, insats, datum=dag, kon="kvinna", alder=30).deltagande
        d.maende_start = start
        d.save(update_fields=["maende_start"])
        avsluta_deltagande(
            deltagande=d,
            slutdatum=dag + datetime.timedelta(days=10),
            avbrott=False,
            maende_slut=slut,
            idag=datetime.date.today(),
        )


def _andras(tiondelar: int, egen_summa: int, egna: int, hogst: int) -> set[tuple[int, int]]:
    """What an utförare with `egna` ratings adding up to `egen_summa` can say of the others'
    part of a shown wellbeing mean (tenths): every (people, sum) that fits the rounding, with
    at least K people in all (else no mean) and at most `hogst` (the ended participations)."""
    ut = set()
    for n in range(max(K, egna), hogst + 1):
        for s in range(n, 5 * n + 1):
            if round(10 * s / n) == tiondelar and n - egna <= 5 * n and s - egen_summa >= 0:
                ut.add((n - egna, s - egen_summa))
    return ut


@pytest.fixture
def overlamnad(personal, utforare, personal_annan, annan_utforare):
    """X is A's until 1 August: five participations ended, each rated 3 at start and end. B
    takes X over and ends one in the autumn, rated 5 at start and 1 at end. Published: H1 in
    August, H2 and the year in February."""
    katalog = KatalogFactory()
    x = _insats(katalog, utforare)
    _avslutade(personal, x, datetime.date(AR, 3, 2), [(3, 3)] * 5)
    publicering.publicera_allt(datetime.date(AR, 8, 1))
    _byt(x, annan_utforare, datetime.date(AR, 8, 1))
    _avslutade(personal_annan, x, datetime.date(AR, 9, 2), [(5, 1)])
    gjorda = publicering.publicera_allt(datetime.date(AR + 1, 2, 1))
    assert [p.perioder for p in gjorda] == [[f"{AR}-H2", str(AR)]]
    return katalog, x


def test_a_mean_across_a_handover_does_not_rate_the_new_utforares_one_person(overlamnad):
    """The year's mean rests on six people, but A knows five of them (its own records: 15 at
    start, 15 at end) and the ended participations are published (6 + 0). A mean of 3,3 fits
    only six people adding up to 20: B's one person rated 5 at start (and 2,7: 1 at end).
    Each utförare's part of the mean must pass the rule of means on its own."""
    katalog, x = overlamnad
    pub = publicerat.Publicerat(katalog, kolumner=[str(AR)])
    hogst = sum(pub.cell(m, x.pk, str(AR)).varde or 0 for m in ("avslutade", "avbrutna"))
    for namn in ("maende_start", "maende_slut"):
        medel = pub.cell(f"medel.{namn}", x.pk, str(AR))
        if medel.varde is None:
            continue
        andras = _andras(medel.varde, 15, 5, max(hogst, 6))
        assert not any(0 < n < K for n, _ in andras) or len(andras) > 1, (namn, andras)
    assert pub.cell("medel.maende_start", x.pk, str(AR)).dold


def test_the_rule_of_means_holds_for_every_part(overlamnad):
    """Before the fix the brute force above found {(1, 5)} at start and {(1, 1)} at end."""
    assert _andras(33, 15, 5, 6) == {(1, 5)}
    assert _andras(27, 15, 5, 6) == {(1, 1)}


def test_the_new_utforares_part_of_a_year_count_is_not_pinned(overlamnad):
    """B's part of X is X's count less A's part, which A knows (its own records): ended as
    planned, 6 − 5 = 1 before the fix. Each part is audited as a count that must not be
    pinned (sg.Post.mal)."""
    katalog, x = overlamnad
    pub = publicerat.Publicerat(katalog, kolumner=[str(AR)])
    avslutade = pub.cell("avslutade", x.pk, str(AR))
    egna = 5  # A's ended participations of X: its own records
    # B's part is the year less A's: pinned where the year is shown.
    assert avslutade.varde is None or not 0 < avslutade.varde - egna < K


def _tabell(celler: dict[str, int], rad: str) -> tuple[dict[sg.Nyckel, sg.Post], list]:
    """A row of cells (one utförare's) and its total: the total shown, the cells per the
    rule."""
    poster = {
        (m, "1", "2025"): sg.Post((m, "1", "2025"), n, "u1", kostnad=0)
        for m, n in [*celler.items(), (rad, sum(celler.values()))]
    }
    poster[(rad, "1", "2025")].kostnad = 4
    return poster, [sg.Samband.summa((rad, "1", "2025"), [(m, "1", "2025") for m in celler])]


@pytest.mark.parametrize(
    "celler",
    [
        {"a": 1, "b": 1, "c": 9},  # two small cells adding up to two: each is 1
        {"a": 1, "b": 1, "c": 1, "d": 9},
        {"a": 2, "b": 2, "c": 9},
        {"a": 1, "b": 4, "c": 9},  # 1 + 4 = 5: 1..4 each, sum five fits (1, 4), (2, 3), ...
    ],
)
def test_a_group_of_hidden_cells_with_a_small_sum_is_not_pinned(celler):
    """Two or more small hidden cells whose sum the shown total gives: the audit treats the
    group as one – whatever the sum, no cell of it keeps only one value (the sum of two ones
    is two, and the rule's 1..k−1 pins both)."""
    poster, samband = _tabell(celler, "rad")
    sg.skydda(poster, samband, K)
    dolda = [m for m in celler if poster[(m, "1", "2025")].status != sg.VISAS]
    kanda = sum(n for m, n in celler.items() if m not in dolda)
    summa = sum(celler.values()) - kanda
    for m in dolda:
        p = poster[(m, "1", "2025")]
        lo, hi = p.doman(K)
        # Every value the others can take within their domains, summing to what is known.
        varden = set()
        andra = [poster[(o, "1", "2025")].doman(K) for o in dolda if o != m]
        for v in range(int(lo), int(min(hi, summa)) + 1):
            rest = summa - v
            for kombination in itertools.product(
                *[range(int(a), int(min(b, rest)) + 1) for a, b in andra]
            ):
                if sum(kombination) == rest:
                    varden.add(v)
                    break
        assert len(varden) != 1, (m, varden, {n: poster[(n, "1", "2025")].status for n in celler})


def test_a_hidden_count_reads_as_hidden_on_the_yearly_follow_up(
    client, enhetschef, personal, utforare
):
    """Two participants: their count is hidden, and so is the cost per participant – said as
    "dolt", not as the "–" of nothing published. A screen reader hears the words, not
    "multiplication sign" or "dash"."""
    katalog = KatalogFactory()
    x = _insats(katalog, utforare)
    _avslutade(personal, x, datetime.date(AR, 3, 2), [(3, 3)] * 2)
    publicering.publicera_allt()
    Arsuppfoljning.objects.create(insats=x, ar=AR, kostnad=100_000)
    client.force_login(enhetschef)
    sida = client.get(reverse("uppfoljning:arsuppfoljning", args=[x.pk, AR])).text
    assert publicerat.Publicerat(katalog).cell("unika", x.pk, str(AR)).dold
    assert "Kostnad per deltagare: dolt (×), eftersom antalet är dolt" in sida
    dolt = '<span aria-hidden="true">×</span><span class="visuellt-dold">dolt</span>'
    inget = '<span aria-hidden="true">–</span><span class="visuellt-dold">inte publicerat</span>'
    assert dolt in sida and inget in sida
    assert '<td class="tal">×</td>' not in sida and '<td class="tal">–</td>' not in sida


def kvinnor_18_44(personal, utforare):
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


def test_two_hidden_cells_of_one_sex_do_not_add_up_to_a_small_group(personal, utforare):
    """Women 18–24: 1, 25–44: 2, 45–64: 9; men 6, 7 and 8 (one insats, one year). The two
    small cells are hidden, and the men's beside them shown: each woman's cell is 1 or 2. But
    the women's total less the shown cell is the two together: three women aged 18–44."""
    katalog, x = kvinnor_18_44(personal, utforare)
    pub = publicerat.Publicerat(katalog)
    tabell = publicerat.kon_och_alder(pub, "kontakter", x.pk, str(AR))
    for kolumn, total in enumerate(tabell.summarad[:-1]):
        celler = [rad[kolumn] for rad in tabell.rader]
        dolda = [c for c in celler if c.dold]
        if total.varde is None or len(dolda) < 2:
            continue
        summa = total.varde - sum(c.varde or 0 for c in celler)
        assert not 0 < summa < K, (kolumn, summa, [c.visning for c in celler])
