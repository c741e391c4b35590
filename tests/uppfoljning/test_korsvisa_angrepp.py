"""The fifth round of attacks on the published statistics: what an attacker knows besides the
publication – the live "hittills i år" page of their own utförare – and an utförare that
changes. Each attack is the test attacker of tests/uppfoljning/angripare.py given that
knowledge too."""

import datetime
import random

import pytest
from django.utils import timezone

from dokumentation import statistik
from dokumentation.demo import personnummer_for
from dokumentation.hittills.views import hittills
from dokumentation.kontakter.services import Personuppgifter
from dokumentation.rattelser.services import Orsak, makulera
from insatser.models import Insats
from organisation.models import Roll
from tests.dokumentation.conftest import registrera
from tests.factories import AnvandareFactory, InsatsFactory, KatalogFactory, UtforareFactory
from tests.uppfoljning.angripare import granser
from uppfoljning import publicerat, publicering
from uppfoljning.models import Publiceringspost

# An attack round on the publication: make test runs it, the fast tier does not.
pytestmark = pytest.mark.angrepp

AR = datetime.date.today().year - 1
K = 5
H1 = f"{AR}-H1"
MARS = datetime.date(AR, 3, 2)


def _person(nr: int) -> Personuppgifter:
    return Personuppgifter(personnummer_for(random.Random(nr), 40, MARS), "Test", "Person", False)


def _insats(katalog, utforare, regel="14:4"):
    extra = {"dokumentation_motivering": "Rådgivande insats."} if regel == "14:4" else {}
    return InsatsFactory(
        katalog=katalog,
        utforare=utforare,
        beslutad=True,
        form=Insats.Form.INDIVIDUELL,
        dokumentationsregel=regel,
        **extra,
    )


def _sant(katalog):
    rader = Publiceringspost.objects.filter(publicering__katalog=katalog)
    nyckel = lambda p: (p.matt, str(p.insats_id) if p.insats_id else "KAT", p.kolumn)  # noqa: E731
    sant = {nyckel(p): p.sant for p in rader}
    ej = frozenset(nyckel(p) for p in rader if p.status == Publiceringspost.Status.OPUBLICERAD)
    return sant, ej


def test_the_live_page_of_ones_own_insatser_with_the_catalogues_participants(
    personal, utforare, personal_annan, annan_utforare
):
    """Utförare A has two insatser with full documentation, the same five people in both and
    five more in each: 10 + 10 participants, 15 people. B's one insats has four, none of them
    A's. The catalogue has 19 people. A's staff read 15 on their own "hittills i år" page on
    30 June (the "Alla" row: a person in two insatser once) – a true count of A's records the
    publication's attacker does not know, as it only knows each insats's count. Then
    19 ≤ 15 + B's participants, so B has at least 4, and, hidden, at most 4."""
    katalog = KatalogFactory()
    a1, a2 = _insats(katalog, utforare, "14:3"), _insats(katalog, utforare, "14:3")
    b = _insats(katalog, annan_utforare)
    for nr in range(15):
        for insats in [a1] * (nr < 10) + [a2] * (nr >= 5):
            registrera(personal, insats, datum=MARS, person=_person(nr), kon="kvinna")
    for _ in range(4):
        registrera(personal_annan, b, datum=MARS, kon="kvinna", alder=30)
    publicering.publicera_allt(datetime.date(AR, 8, 1))

    # What A's staff see on 30 June: their own insatser, and the people across them.
    _, alla = hittills([a1, a2], datetime.date(AR, 6, 30))
    assert alla is not None and alla.antal["unika"] == 15
    pub = publicerat.Publicerat(katalog)
    assert pub.cell("unika", b.pk, H1).dold
    sant, ej = _sant(katalog)
    agare = {str(a1.pk): f"u{utforare.pk}", str(a2.pk): f"u{utforare.pk}"}
    agare[str(b.pk)] = f"u{annan_utforare.pk}"
    a_s = ("unika", f"u{utforare.pk}", H1)
    # The catalogue's people are at most A's people plus B's; and at least A's.
    vet = (
        {a_s: alla.antal["unika"]},
        [
            ({a_s: 1, ("unika", str(b.pk), H1): 1, ("unika", "KAT", H1): -1}, False),
            ({("unika", "KAT", H1): 1, a_s: -1}, False),
        ],
    )
    intervall = granser(pub, sant, agare, f"u{utforare.pk}", K, ej, vet)
    assert ("unika", str(b.pk), H1) in intervall
    fastlasta = {c: g for c, g in intervall.items() if g[0] == g[1]}
    assert fastlasta == {}
    assert statistik.unika_personer_totalt(statistik.Urval(MARS, MARS)) == 19


def _byt(insats, utforare, dag):
    """The insats handed to `utforare` on `dag`, as the catalogue's history records it."""
    historik = Insats.history.filter(id=insats.pk)
    historik.update(history_date=timezone.make_aware(datetime.datetime(AR - 1, 12, 1)))
    insats.refresh_from_db()
    insats.utforare = utforare
    insats.save()
    senast = historik.order_by("-history_id").first()
    nar = timezone.make_aware(datetime.datetime.combine(dag, datetime.time(12)))
    historik.filter(history_id=senast.history_id).update(history_date=nar)


def _kontakter(vem, insats, datum, antal):
    for _ in range(antal):
        registrera(vem, insats, datum=datum, kon="kvinna", alder=30)


def test_an_insats_handed_to_another_utforare_mid_half_year(
    personal, utforare, personal_annan, annan_utforare
):
    """Insats X is A's until 15 June, with six contacts in March; then B carries it out. B's
    own insats Y has two contacts. When H1 is published X counts as B's, so the audit's
    attacker who is not B does not know X – but A registered X's six. With the catalogue's
    eight shown and X's six hidden to protect Y, A has Y = 8 − 6 = 2. And B, whose "hittills
    i år" shows X since 1 January, has A's six."""
    katalog = KatalogFactory()
    x, y = _insats(katalog, utforare), _insats(katalog, annan_utforare)
    _kontakter(personal, x, MARS, 6)
    _kontakter(personal_annan, y, MARS, 2)
    _byt(x, annan_utforare, datetime.date(AR, 6, 15))
    publicering.publicera_allt(datetime.date(AR, 8, 1))
    pub = publicerat.Publicerat(katalog)
    assert pub.cell("kontakter", y.pk, H1).dold
    sant, ej = _sant(katalog)
    # A knows what A registered: X's counts in H1.
    agare = {str(x.pk): f"u{utforare.pk}", str(y.pk): f"u{annan_utforare.pk}"}
    intervall = granser(pub, sant, agare, f"u{utforare.pk}", K, ej)
    assert ("kontakter", str(y.pk), H1) in intervall
    fastlasta = {c: g for c, g in intervall.items() if g[0] == g[1]}
    assert fastlasta == {}


def test_the_year_less_its_second_half_is_the_first_as_counted_now(personal, utforare):
    """H1 has two contacts (hidden, 1 to 4) and one is registered late into it (hidden,
    1 to 4); H2 has seven. The year, ten, and H2 are shown: neither hidden count is pinned,
    but the year less H2 is H1 as it is counted now – three contacts, a small count of one
    insats and one half-year, for anyone who subtracts."""
    katalog = KatalogFactory()
    a = _insats(katalog, utforare)
    _kontakter(personal, a, MARS, 2)
    publicering.publicera_allt(datetime.date(AR, 8, 1))
    _kontakter(personal, a, datetime.date(AR, 9, 2), 7)
    _kontakter(personal, a, datetime.date(AR, 4, 2), 1)  # late, into H1
    publicering.publicera_allt(datetime.date(AR + 1, 2, 1))
    pub = publicerat.Publicerat(katalog)
    sant, ej = _sant(katalog)
    h1_nu = tuple(c for c in sant if c[:2] == ("kontakter", str(a.pk)) and c[2].startswith(H1))
    assert len(h1_nu) == 2  # H1 and its revision
    assert sum(sant[c] for c in h1_nu) == 3
    intervall = granser(pub, sant, {str(a.pk): f"u{utforare.pk}"}, "ingen", K, ej, summor=(h1_nu,))
    lagst, hogst = intervall[h1_nu]
    assert lagst < hogst, f"H1 som det räknas nu: {lagst}"


def _nu(sant, insats, period):
    """A sub-period and its revisions: the period as counted now."""
    return tuple(
        c for c in sant if c[:2] == ("kontakter", str(insats.pk)) and c[2].split("@")[0] == period
    )


def test_five_of_nine_voided_after_the_half_year_was_published(personal, utforare):
    """H1 has nine contacts, shown; five are voided after H1 was published (a batch
    registered under the wrong insats) and H2 has six. The revision −5 is no small count,
    but 9 − 5 is H1 as counted now: four."""
    katalog = KatalogFactory()
    a = _insats(katalog, utforare)
    kontakter = [registrera(personal, a, datum=MARS, kon="kvinna", alder=30) for _ in range(9)]
    publicering.publicera_allt(datetime.date(AR, 8, 1))
    for kontakt in kontakter[:5]:
        makulera(kontakt, orsak=Orsak("misstag"), av=personal)
    _kontakter(personal, a, datetime.date(AR, 9, 2), 6)
    publicering.publicera_allt(datetime.date(AR + 1, 2, 1))
    pub = publicerat.Publicerat(katalog)
    sant, ej = _sant(katalog)
    h1_nu = _nu(sant, a, H1)
    assert sum(sant[c] for c in h1_nu) == 4
    intervall = granser(pub, sant, {str(a.pk): f"u{utforare.pk}"}, "ingen", K, ej, summor=(h1_nu,))
    lagst, hogst = intervall[h1_nu]
    assert lagst < hogst, f"H1 som det räknas nu: {lagst}"


def test_last_years_second_half_with_five_voided_in_the_new_year(personal, utforare):
    """The same across the year's end: last year's H2 had nine, shown, and the year was
    published; five are voided in January. This year's H1 publishes the revision of last
    year's H2: −5."""
    katalog = KatalogFactory()
    a = _insats(katalog, utforare)
    h2 = f"{AR}-H2"
    _kontakter(personal, a, MARS, 7)
    kontakter = [
        registrera(personal, a, datum=datetime.date(AR, 9, 2), kon="kvinna", alder=30)
        for _ in range(9)
    ]
    publicering.publicera_allt(datetime.date(AR + 1, 2, 1))
    for kontakt in kontakter[:5]:
        makulera(kontakt, orsak=Orsak("misstag"), av=personal)
    _kontakter(personal, a, datetime.date(AR + 1, 3, 2), 8)
    publicering.publicera_allt(datetime.date(AR + 1, 8, 1))
    pub = publicerat.Publicerat(katalog)
    sant, ej = _sant(katalog)
    h2_nu = _nu(sant, a, h2)
    assert sum(sant[c] for c in h2_nu) == 4
    intervall = granser(pub, sant, {str(a.pk): f"u{utforare.pk}"}, "ingen", K, ej, summor=(h2_nu,))
    lagst, hogst = intervall[h2_nu]
    assert lagst < hogst, f"förra årets H2 som det räknas nu: {lagst}"


def test_an_insats_handed_over_after_its_half_year_was_published(
    personal, utforare, personal_annan, annan_utforare
):
    """A has X (six contacts in H1) and Z (two); B has Y (nine). H1 is published: Z's two are
    hidden and so, to protect them from B, X's six. In August B takes X over and sees X's
    year on "hittills i år": the six are B's to know now, and with them Z's two. The frozen
    H1 cannot change; the year must still be published."""
    katalog = KatalogFactory()
    x, z = _insats(katalog, utforare), _insats(katalog, utforare)
    y = _insats(katalog, annan_utforare)
    _kontakter(personal, x, MARS, 6)
    _kontakter(personal, z, MARS, 2)
    _kontakter(personal_annan, y, MARS, 9)
    publicering.publicera_allt(datetime.date(AR, 8, 1))
    pub = publicerat.Publicerat(katalog)
    assert pub.cell("kontakter", z.pk, H1).dold and pub.cell("kontakter", x.pk, H1).dold
    _byt(x, annan_utforare, datetime.date(AR, 8, 15))
    _kontakter(personal_annan, x, datetime.date(AR, 9, 2), 6)
    gjorda = publicering.publicera_allt(datetime.date(AR + 1, 2, 1))
    assert [p.perioder for p in gjorda] == [[f"{AR}-H2", str(AR)]]
    # Neither can pin a small count: B knows Y and, of X, what its "hittills i år" shows (its
    # own six in H2 and the year); A knows Z, X's H1 and its own records of X.
    vet = _ingen_lases(katalog, x, {utforare: [z], annan_utforare: [y]}, [utforare])
    # What each knows of X is its own records: B's six, A's six, in the year and each half.
    assert vet[annan_utforare][("kontakter", str(AR))] == 6
    assert vet[annan_utforare][("kontakter", H1)] == 0
    assert vet[utforare][("kontakter", str(AR))] == 6
    assert vet[utforare][("kontakter", f"{AR}-H2")] == 0


def _ar(kod: str) -> tuple[datetime.date, datetime.date]:
    """A column's first and last day."""
    if len(kod) == 4:
        return datetime.date(int(kod), 1, 1), datetime.date(int(kod), 12, 31)
    ar, halvar = int(kod[:4]), kod[-1]
    if halvar == "1":
        return datetime.date(ar, 1, 1), datetime.date(ar, 6, 30)
    return datetime.date(ar, 7, 1), datetime.date(ar, 12, 31)


def _vad_de_ser(vem, x, sant) -> tuple[dict, list]:
    """What `vem` knows of insats X, which changed utförare, from its "hittills i år" page:
    the counts of its own records in each published period as counted today – X's count of
    the period (its frozen count plus its revisions) is at least that."""
    extra: dict = {}
    rader: list = []
    kolumner = {c[2].split("@")[0] for c in sant if c[1] == str(x.pk)}
    for kolumn in sorted(kolumner):
        start, slut = _ar(kolumn)
        rad, _ = hittills([x], slut, fran=start, utforare=[vem.pk])
        for matt, n in rad[0].antal.items():
            celler = [
                c
                for c in sant
                if c[:2] == (matt, str(x.pk)) and c[2].split("@")[0] == kolumn and "+" not in c[2]
            ]
            if not celler or (matt == "unika" and len(celler) > 1):
                continue
            nyckel = (matt, f"{x.pk}:{vem.pk}", kolumn)
            extra[nyckel] = n
            rader.append(({**dict.fromkeys(celler, 1), nyckel: -1}, False))
    return extra, rader


def _ingen_lases(katalog, x, egna: dict, hela_h1: list) -> dict:
    """No utförare that held X pins a small count of another's: each knows its own insatser
    (`egna`), what its "hittills i år" shows of X, and – for those in `hela_h1`, which held X
    all of the first half-year – X's first half-year as published."""
    pub = publicerat.Publicerat(katalog)
    sant, ej = _sant(katalog)
    ut = {}
    for vem in egna:
        agare = {str(i.pk): f"u{i.utforare_id}" for ins in egna.values() for i in ins}
        agare[str(x.pk)] = "ingen"
        extra, rader = _vad_de_ser(vem, x, sant)
        if vem in hela_h1:
            for c in [c for c in sant if c[1:] == (str(x.pk), H1)]:
                extra[(c[0], "h1", H1)] = sant[c]
                rader.append(({c: 1, (c[0], "h1", H1): -1}, True))
        intervall = granser(pub, sant, agare, f"u{vem.pk}", K, ej, (extra, rader))
        fastlasta = {c: g for c, g in intervall.items() if g[0] == g[1]}
        assert fastlasta == {}, (vem.namn, fastlasta)
        ut[vem] = {(c[0], c[2]): n for c, n in extra.items() if c[1] != "h1"}
    return ut


def _byt_flera(insats, byten) -> None:
    """The insats handed over on each (utförare, day), as the catalogue's history records it."""
    historik = Insats.history.filter(id=insats.pk)
    historik.update(history_date=timezone.make_aware(datetime.datetime(AR - 1, 12, 1)))
    for utforare, dag in byten:
        insats.refresh_from_db()
        insats.utforare = utforare
        insats.save()
        senast = historik.order_by("-history_id").first()
        nar = timezone.make_aware(datetime.datetime.combine(dag, datetime.time(12)))
        historik.filter(history_id=senast.history_id).update(history_date=nar)


def test_an_insats_handed_over_before_anything_was_published(
    personal, utforare, personal_annan, annan_utforare
):
    """X is A's until 20 February (three contacts), B's from then (seven in March, five in
    September); A's Z has two, B's Y nine. H1 and the year publish, and neither A nor B pins
    a small count: A's three are known to A only, B's seven to B only."""
    katalog = KatalogFactory()
    x, z = _insats(katalog, utforare), _insats(katalog, utforare)
    y = _insats(katalog, annan_utforare)
    _kontakter(personal, x, datetime.date(AR, 2, 2), 3)
    _kontakter(personal, z, MARS, 2)
    _byt(x, annan_utforare, datetime.date(AR, 2, 20))
    _kontakter(personal_annan, x, MARS, 7)
    _kontakter(personal_annan, y, MARS, 9)
    assert [p.perioder for p in publicering.publicera_allt(datetime.date(AR, 8, 1))] == [[H1]]
    _kontakter(personal_annan, x, datetime.date(AR, 9, 2), 5)
    gjorda = publicering.publicera_allt(datetime.date(AR + 1, 2, 1))
    assert [p.perioder for p in gjorda] == [[f"{AR}-H2", str(AR)]]
    pub = publicerat.Publicerat(katalog)
    assert pub.cell("kontakter", z.pk, H1).dold
    _ingen_lases(katalog, x, {utforare: [z], annan_utforare: [y]}, [])


def test_an_insats_handed_over_twice_in_one_year(
    personal, utforare, personal_annan, annan_utforare
):
    """X goes from A to B on 1 April and on to C on 15 September, each registering in it;
    every utförare has a small insats of its own. Both publications of the year are made and
    none of the three pins another's small count."""
    tredje = UtforareFactory(namn="Ungdomsmottagningen")
    personal_c = AnvandareFactory.med_roll(Roll.UTFORARPERSONAL, tredje, username="personal3")
    katalog = KatalogFactory()
    x, z = _insats(katalog, utforare), _insats(katalog, utforare)
    y, w = _insats(katalog, annan_utforare), _insats(katalog, tredje)
    _kontakter(personal, x, datetime.date(AR, 2, 2), 6)
    _kontakter(personal, z, MARS, 2)
    _kontakter(personal_annan, y, MARS, 3)
    _kontakter(personal_c, w, MARS, 8)
    _byt_flera(x, [(annan_utforare, datetime.date(AR, 4, 1)), (tredje, datetime.date(AR, 9, 15))])
    _kontakter(personal_annan, x, datetime.date(AR, 5, 2), 4)
    assert [p.perioder for p in publicering.publicera_allt(datetime.date(AR, 8, 1))] == [[H1]]
    _kontakter(personal_c, x, datetime.date(AR, 10, 2), 7)
    _kontakter(personal_c, w, datetime.date(AR, 10, 2), 1)
    gjorda = publicering.publicera_allt(datetime.date(AR + 1, 2, 1))
    assert [p.perioder for p in gjorda] == [[f"{AR}-H2", str(AR)]]
    _ingen_lases(katalog, x, {utforare: [z], annan_utforare: [y], tredje: [w]}, [])


def test_an_insats_handed_back_to_its_first_utforare(
    personal, utforare, personal_annan, annan_utforare
):
    """X is A's, B's from 1 August (after H1 was published), and A's again from 1 November:
    A's records of X are in both ends of the year, B's in between."""
    katalog = KatalogFactory()
    x, z = _insats(katalog, utforare), _insats(katalog, utforare)
    y = _insats(katalog, annan_utforare)
    _kontakter(personal, x, MARS, 6)
    _kontakter(personal, z, MARS, 2)
    _kontakter(personal_annan, y, MARS, 9)
    assert [p.perioder for p in publicering.publicera_allt(datetime.date(AR, 8, 1))] == [[H1]]
    _byt_flera(x, [(annan_utforare, datetime.date(AR, 8, 1)), (utforare, datetime.date(AR, 11, 1))])
    _kontakter(personal_annan, x, datetime.date(AR, 9, 2), 3)
    _kontakter(personal, x, datetime.date(AR, 11, 20), 6)
    gjorda = publicering.publicera_allt(datetime.date(AR + 1, 2, 1))
    assert [p.perioder for p in gjorda] == [[f"{AR}-H2", str(AR)]]
    _ingen_lases(katalog, x, {utforare: [z], annan_utforare: [y]}, [utforare])
