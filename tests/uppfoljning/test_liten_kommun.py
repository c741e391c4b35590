"""Adversarial municipalities: one insats with one or two participants a half-year, alone
or beside another utförare's larger insats; the year published in half-years with a late
registration. The attacker of tests/uppfoljning/angripare.py bounds every small hidden count
(interval disclosure), and every derived figure of the board report (cost per participant,
per session, the share informed, the means) is hidden where its count is."""

import datetime

import pytest

from dokumentation.deltagande.services import avsluta_deltagande
from dokumentation.rattelser.services import Orsak, makulera
from insatser.models import Insats
from tests.dokumentation.conftest import registrera
from tests.factories import InsatsFactory, KatalogFactory
from tests.uppfoljning.angripare import granser
from uppfoljning import publicerat, publicering, services
from uppfoljning.models import Arsuppfoljning, Publiceringspost
from uppfoljning.rapport import bygg_rapport, som_rader

# An attack round on the publication: make test runs it, the fast tier does not.
pytestmark = pytest.mark.angrepp

AR = datetime.date.today().year - 1
K = 5


def _kontakter(personal, insats, datum, antal, *, avsluta=True):
    for _ in range(antal):
        kontakt = registrera(personal, insats, datum=datum, kon="kvinna", alder=30)
        if avsluta:
            avsluta_deltagande(
                deltagande=kontakt.deltagande,
                slutdatum=datum + datetime.timedelta(days=7),
                avbrott=False,
                maende_slut=4,
                idag=datetime.date.today(),
            )


def _ar(katalog, per_insats):
    """H1, published; H2 and a late registration into H1; the year published."""
    for (vem, insats), (h1, _) in per_insats.items():
        _kontakter(vem, insats, datetime.date(AR, 3, 2), h1)
    assert [p.perioder for p in publicering.publicera_allt(datetime.date(AR, 8, 1))] == [
        [f"{AR}-H1"]
    ]
    for (vem, insats), (_, h2) in per_insats.items():
        _kontakter(vem, insats, datetime.date(AR, 9, 2), h2)
    vem, insats = next(iter(per_insats))
    _kontakter(vem, insats, datetime.date(AR, 4, 2), 1, avsluta=False)  # late, into H1
    assert [p.perioder for p in publicering.publicera_allt(datetime.date(AR + 1, 2, 1))] == [
        [f"{AR}-H2", str(AR)]
    ]


def _attack(katalog, agare, kand):
    rader = Publiceringspost.objects.filter(publicering__katalog=katalog)
    nyckel = lambda p: (p.matt, str(p.insats_id) if p.insats_id else "KAT", p.kolumn)  # noqa: E731
    sant = {nyckel(p): p.sant for p in rader}
    ej = frozenset(nyckel(p) for p in rader if p.status == Publiceringspost.Status.OPUBLICERAD)
    return granser(publicerat.Publicerat(katalog), sant, agare, kand, K, ej)


@pytest.fixture
def katalog(db):
    return KatalogFactory()


def _insats(katalog, utforare):
    return InsatsFactory(
        katalog=katalog, utforare=utforare, beslutad=True, form=Insats.Form.INDIVIDUELL
    )


def test_one_insats_with_two_participants(katalog, personal, utforare, enhetschef):
    """Everything of the catalogue is the insats: each small count keeps at least two values
    for someone who knows nothing of the records, and its cost per participant is hidden."""
    a = _insats(katalog, utforare)
    _ar(katalog, {(personal, a): (2, 1)})
    intervall = _attack(katalog, {str(a.pk): f"u{utforare.pk}"}, "ingen")
    assert intervall, "nothing small was hidden"
    fastlasta = {c: g for c, g in intervall.items() if g[0] == g[1]}
    assert fastlasta == {}
    u = Arsuppfoljning(
        insats=a,
        ar=AR,
        analys="a",
        sammanfattning="s",
        slutsats="t",
        bedomning="uppnatt",
        forslag="behall",
        kostnad=120_000,
    )
    services.spara_arsuppfoljning(uppfoljning=u, version=1, signera=True, anvandare=enhetschef)
    rader = som_rader(bygg_rapport(katalog, AR))
    per_deltagare = [r for r in rader if r[1] == "Kostnad – per deltagare"]
    assert per_deltagare and all(r[-2] == "×" for r in per_deltagare), per_deltagare
    kostnad = [r for r in rader if r[1].startswith("Kostnad per deltagare")]
    assert kostnad and all(r[-2] in ("×", "–") for r in kostnad), kostnad


def test_a_tiny_insats_beside_another_utforares(
    katalog, personal, utforare, personal_annan, annan_utforare
):
    """Insats A has two participants, one the next half-year and one registered late; B,
    another utförare's, has twelve and six. Whoever knows every record of B can take B from
    the catalogue's totals: A's small counts must still keep two values each."""
    a, b = _insats(katalog, utforare), _insats(katalog, annan_utforare)
    _ar(katalog, {(personal, a): (2, 1), (personal_annan, b): (12, 6)})
    agare = {str(a.pk): f"u{utforare.pk}", str(b.pk): f"u{annan_utforare.pk}"}
    intervall = _attack(katalog, agare, f"u{annan_utforare.pk}")
    assert any(c[1] == str(a.pk) for c in intervall), intervall
    fastlasta = {c: g for c, g in intervall.items() if g[0] == g[1]}
    assert fastlasta == {}


def test_a_participation_voided_after_its_half_year_was_published(katalog, personal, utforare):
    """Five participants in H1, shown; one voided after H1 was published and nothing in H2:
    the year has four participants, fewer than the frozen half-year. The year is published
    all the same, the four hidden, and the voiding shown as a revision (hidden: −1)."""
    a = _insats(katalog, utforare)
    kontakter = [
        registrera(personal, a, datum=datetime.date(AR, 3, 2), kon="kvinna", alder=30)
        for _ in range(5)
    ]
    publicering.publicera_allt(datetime.date(AR, 8, 1))
    pub = publicerat.Publicerat(katalog)
    assert pub.cell("unika", a.pk, f"{AR}-H1").visning == "5"
    makulera(kontakter[0], orsak=Orsak("misstag"), av=personal)
    gjorda = publicering.publicera_allt(datetime.date(AR + 1, 2, 1))
    assert [p.perioder for p in gjorda] == [[f"{AR}-H2", str(AR)]]
    pub = publicerat.Publicerat(katalog)
    assert pub.cell("unika", a.pk, str(AR)).dold
    assert pub.cell("kontakter", a.pk, f"{AR}-H1@{AR}-H2").dold


def test_a_threshold_raised_mid_year_keeps_the_first_half_years_counts(
    katalog, personal, utforare, settings
):
    """H1 published under a threshold of 3: two contacts, hidden (1 or 2). The threshold is
    raised to 5; H2 has four contacts, hidden (1 to 4), the year six. Shown, the year pins H2
    at 6 − H1 ≥ 4, so 4, and H1 at 2, for anyone who reads each publication by its own rule
    (a publication stores its threshold and the export and the pages say it)."""
    a = _insats(katalog, utforare)
    settings.ROJANDESKYDD_TROSKEL = 3
    _kontakter(personal, a, datetime.date(AR, 3, 2), 2, avsluta=False)
    publicering.publicera_allt(datetime.date(AR, 8, 1))
    settings.ROJANDESKYDD_TROSKEL = 5
    _kontakter(personal, a, datetime.date(AR, 9, 2), 4, avsluta=False)
    publicering.publicera_allt(datetime.date(AR + 1, 2, 1))
    pub = publicerat.Publicerat(katalog)
    h1, h2, ar = (pub.cell("kontakter", a.pk, k) for k in (f"{AR}-H1", f"{AR}-H2", str(AR)))
    assert h1.dold and h2.varde is None
    if ar.varde is not None:
        # Hidden, H2 is 1 to 4; withdrawn ("–"), any number from 0.
        mojliga_h2 = {ar.varde - x for x in range(1, 3)} & set(range(1 if h2.dold else 0, 5))
        assert len(mojliga_h2) >= 2, f"året {ar.varde} ger H2 = {mojliga_h2}"
