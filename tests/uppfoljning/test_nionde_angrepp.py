"""The ninth round of attacks on the published statistics: the figures that are not counts.
A mean is published without the number of people it rests on, but that number is often
bounded by published counts (those who waited for a place are at most those on the waiting
list at the year's start plus those put on it during the year), and a mean in tenths fits
few numbers of people below ten. And an attacker who knows every record but one."""

import datetime

import pytest

from dokumentation.deltagande.services import starta_fran_vantelistan
from tests.dokumentation.conftest import registrera
from tests.factories import KatalogFactory
from tests.uppfoljning.angripare import granser
from tests.uppfoljning.test_korsvisa_angrepp import _insats, _sant
from uppfoljning import publicerat, publicering

# An attack round on the publication: make test runs it, the fast tier does not.
pytestmark = pytest.mark.angrepp

AR = datetime.date.today().year - 1
FORE = AR - 1
K = 5


def _kontakter(vem, insats, dag, antal, utfall):
    return [
        registrera(vem, insats, datum=dag, kon="kvinna", alder=40, utfall=utfall)
        for _ in range(antal)
    ]


@pytest.fixture
def vantande(personal, utforare, personal_annan, annan_utforare):
    """W (A's) puts six on the waiting list in December the year before; in March three take
    part at once and four more wait. All ten waiting get a place in the spring. Y (B's) has
    plenty of contacts both years."""
    katalog = KatalogFactory()
    w, y = _insats(katalog, utforare), _insats(katalog, annan_utforare)
    _kontakter(personal_annan, y, datetime.date(FORE, 3, 2), 30, "deltar")
    vantar = _kontakter(personal, w, datetime.date(FORE, 12, 1), 6, "vantelista")
    _kontakter(personal_annan, y, datetime.date(FORE, 10, 2), 30, "deltar")
    publicering.publicera_allt(datetime.date(AR, 2, 1))
    mars = datetime.date(AR, 3, 2)
    _kontakter(personal, w, mars, 3, "deltar")
    vantar += _kontakter(personal, w, mars, 4, "vantelista")
    _kontakter(personal_annan, y, mars, 40, "deltar")
    _kontakter(personal_annan, y, datetime.date(AR, 9, 2), 40, "deltar")
    # Waiting days adding up to 895: a mean of 89,5 over ten.
    for i, k in enumerate(vantar):
        start = datetime.date(AR, 4, 1) + datetime.timedelta(days=i + 4 * (i == 0))
        starta_fran_vantelistan(deltagande=k.deltagande, datum=start, idag=datetime.date.today())
    publicering.publicera_allt(datetime.date(AR + 1, 2, 1))
    return katalog, w, y


def _passar(medel: int, n: int) -> bool:
    """Whether a mean of whole days (one at least), shown in tenths, can rest on n people."""
    return any(round(s / n * 10) == medel for s in range(n, (medel // 10 + 2) * n))


def test_the_waiting_time_does_not_pin_a_hidden_count_of_the_waiting_list(vantande):
    """W's year: seven contacts (shown), three took part at once and four were put on the
    waiting list – both hidden, so each is 3 or 4. Six were waiting at the year's start and
    none at its end (shown). Where everyone on W's waiting list gets a place (its practice,
    known to its staff and to anyone who asks), the waiting-time mean rests on 6 + the
    hidden count of people: 9 or 10. A mean of 89,5 days fits ten people and not nine, so
    four were put on the waiting list. A mean is shown only where the counts of the waiting
    list it rests on are (`publicering.medel_efter_skyddet`), and a mean in tenths only on
    ten people or more, which fits every number of people (`publicering.medel_visas`)."""
    katalog, w, _ = vantande
    pub = publicerat.Publicerat(katalog)
    sant, ej = _sant(katalog)
    ar, fore = str(AR), str(FORE)
    vantelista = ("vantelista", str(w.pk), ar)
    assert pub.poster[vantelista] is None and pub.poster[("kontakter", str(w.pk), ar)] == 7
    medel = pub.cell("medel.vantetid", w.pk, ar)
    if medel.varde is None:
        assert medel.dold
        return
    agare = {e: ("B" if e != str(w.pk) else "A") for _, e, _ in sant if e != "KAT"}
    lagst, hogst = granser(pub, sant, agare, "B", K, ej)[vantelista]
    vid_start = pub.cell("vantelista_nu", w.pk, fore).varde
    vid_slut = pub.cell("vantelista_nu", w.pk, ar).varde
    mojliga = [v for v in range(lagst, hogst + 1) if _passar(medel.varde, vid_start + v - vid_slut)]
    assert len(mojliga) != 1, f"väntetiden {medel.visning} ger {mojliga} på väntelistan"
