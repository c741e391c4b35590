"""Attacks on the derived figures of a publication: the means (waiting time, self-rated
wellbeing) are computed from the records, not from shown counts, so they get their own
audit. A mean times the number of people behind it is a sum; on a bounded scale a sum close
to the scale's end says how many people were not at the end – a small count."""

import datetime
import itertools
import math

import pytest

from dokumentation.deltagande.services import avsluta_deltagande
from insatser.models import Insats
from tests.dokumentation.conftest import registrera
from tests.factories import InsatsFactory, KatalogFactory
from uppfoljning import publicerat, publicering

# An attack round on the publication: make test runs it, the fast tier does not.
pytestmark = pytest.mark.angrepp

AR = datetime.date.today().year - 1
K = 5


def utanfor_anden(varde: int, golv: int, tak: int | None, min_n: int, max_n: int) -> set[int]:
    """Everything an attacker can say of how many people were above the scale's floor (or,
    with the scale turned, below its ceiling), from a shown mean (in tenths) and the bounds on
    the number of people behind it: for each possible n and each sum S that rounds to the
    mean, the least and greatest number of people that sum needs above the floor."""
    ut: set[int] = set()
    for n in range(max(min_n, 1), max_n + 1):
        for s in range(golv * n, math.ceil((varde + 1) / 10 * n) + 1):
            if round(s / n * 10) != varde or (tak is not None and s > tak * n):
                continue
            over = s - golv * n
            # Each person above the floor adds at least one step and at most tak − golv.
            fast = math.ceil(over / (tak - golv)) if tak is not None else min(over, 1)
            ut |= set(range(fast, min(over, n) + 1))
    return ut


def test_the_attack_itself_on_numbers():
    """n = 5 people, mean 1.2 on 1–5: the sum is 6, so exactly one person rated above 1."""
    assert utanfor_anden(12, 1, 5, 5, 5) == {1}
    # n from 5 to 20 and mean 1.2: anything from 1 to 5 people above the floor.
    assert utanfor_anden(12, 1, 5, 5, 20) == {1, 2, 3, 4, 5}
    # Everyone at the floor: nobody above it (like a shown zero).
    assert utanfor_anden(10, 1, 5, 5, 9) == {0}


def test_a_mean_never_pins_a_small_count_for_any_n_and_sum():
    """The rule of publicering.medel_visas, checked by brute force: for every n from k to 15
    and every sum of ratings 1–5 it lets through, no count of people at a rating is pinned to
    1..k−1 by an attacker who knows both n and the exact sum."""
    for n in range(K, 16):
        per_summa: dict[int, list[tuple[int, ...]]] = {}
        for c in itertools.product(range(n + 1), repeat=4):
            if sum(c) <= n:
                fordelning = (n - sum(c), *c)
                s = sum((i + 1) * x for i, x in enumerate(fordelning))
                per_summa.setdefault(s, []).append(fordelning)
        for s, fordelningar in per_summa.items():
            if not publicering.medel_visas(s, n, 1, 5, K):
                continue
            for r in range(5):
                varden = {f[r] for f in fordelningar}
                assert not (len(varden) == 1 and 0 < min(varden) < K), (n, s, r, varden)


def test_the_rule_for_waiting_time_has_a_floor_and_no_ceiling():
    assert not publicering.medel_visas(6, 5, 1, None, K)  # one waited two days, four one day
    assert publicering.medel_visas(5, 5, 1, None, K)  # all waited one day
    assert publicering.medel_visas(50, 5, 1, None, K)
    assert not publicering.medel_visas(10**6, 4, 1, None, K)  # fewer than k people


@pytest.fixture
def en_insats(personal, utforare):
    """The adversarial municipality: one insats, one utförare."""
    katalog = KatalogFactory()
    insats = InsatsFactory(
        katalog=katalog, utforare=utforare, beslutad=True, form=Insats.Form.INDIVIDUELL
    )
    return katalog, insats


def _avslutade(personal, insats, maende_start: list[int]) -> None:
    """Participations in AR ended as planned, one per rating at start (all rate 4 at end)."""
    for i, start in enumerate(maende_start):
        datum = datetime.date(AR, 3, 1 + i)
        kontakt = registrera(personal, insats, datum=datum, kon="kvinna", alder=40)
        d = kontakt.deltagande
        d.maende_start = start
        d.save(update_fields=["maende_start"])
        avsluta_deltagande(
            deltagande=d,
            slutdatum=datum + datetime.timedelta(days=20),
            avbrott=False,
            maende_slut=4,
            idag=datetime.date.today(),
        )


def test_a_mean_close_to_the_floor_does_not_tell_that_one_person_differs(personal, en_insats):
    """Five participations, all ended as planned (avslutade 5, avbrutna 0, both shown). A
    shown mean rests on at least 5 people who ended, so n = 5; a mean of 1.2 is a sum of 6:
    exactly one of the five rated their wellbeing at start above 1 – a count of 1."""
    katalog, insats = en_insats
    _avslutade(personal, insats, [1, 1, 1, 1, 2])
    publicering.publicera_allt()
    pub = publicerat.Publicerat(katalog, kolumner=[str(AR)])
    avslutade = pub.cell("avslutade", insats.pk, str(AR))
    avbrutna = pub.cell("avbrutna", insats.pk, str(AR))
    assert (avslutade.visning, avbrutna.visning) == ("5", "0")
    medel = pub.cell("medel.maende_start", insats.pk, str(AR))
    if medel.varde is not None:
        n_hogst = avslutade.varde + avbrutna.varde
        over = utanfor_anden(medel.varde, 1, 5, K, n_hogst)
        assert not (len(over) == 1 and 0 < min(over) < K), (
            f"medelvärdet {medel.visning} med högst {n_hogst} personer ger {over} över golvet"
        )
    else:
        assert medel.dold
    # The mean at end (everyone 4) is far from both ends of the scale: shown.
    assert pub.cell("medel.maende_slut", insats.pk, str(AR)).visning == "4,0"


def test_a_mean_of_one_kind_is_shown(personal, en_insats):
    """All five at the floor is like a shown zero: nobody differs, the mean is shown."""
    katalog, insats = en_insats
    _avslutade(personal, insats, [1, 1, 1, 1, 1])
    publicering.publicera_allt()
    pub = publicerat.Publicerat(katalog, kolumner=[str(AR)])
    assert pub.cell("medel.maende_start", insats.pk, str(AR)).visning == "1,0"
