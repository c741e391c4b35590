"""The tenth round of attacks on the published statistics: relations that an utförare's known
practice makes exact. Where every person takes part once and everyone on the waiting list
gets a place, the year's participants are those still taking part at its start, those who
started at once and those who got a place after waiting – the waiting list at the start,
plus those put on it, less those still on it at the end. That ties the hidden "took part"
and "waiting list" counts to the shown participants, and through the contacts' outcomes pins
a third hidden outcome."""

import datetime
import uuid

import pytest

from dokumentation.deltagande.services import (
    avsluta_deltagande,
    registrera_samtal,
    starta_fran_vantelistan,
)
from tests.dokumentation.conftest import registrera
from tests.factories import KatalogFactory
from tests.uppfoljning.angripare import granser
from tests.uppfoljning.test_korsvisa_angrepp import _insats, _sant
from uppfoljning import publicerat, publicering

# An attack round on the publication: make test runs it, the fast tier does not.
pytestmark = pytest.mark.angrepp


@pytest.fixture(autouse=True)
def _praxis(settings):
    """The audit reasons with the practice (off by default: it hides more, a decision)."""
    settings.PUBLICERING_PRAXIS_VANTELISTA = True


AR = datetime.date.today().year - 1
K = 5


def _kontakter(vem, insats, dag, antal, utfall):
    return [
        registrera(vem, insats, datum=dag, kon="kvinna", alder=40, utfall=utfall)
        for _ in range(antal)
    ]


def praxis(pub: publicerat.Publicerat, ej: frozenset, enhet: str, ar: int) -> tuple[dict, bool]:
    """The attacker's row (in the form of `angripare.sambanden`) for "one participation per
    person, everyone on the waiting list gets a place": the year's participants and those
    waiting at its end are those taking part or waiting at its start (last year's
    participants less those who ended, last year's waiting list) plus the year's contacts
    who took part or were put on the waiting list. A year not published is one with none; a
    withdrawn count ("–", in `ej`) is in the row as an unknown."""
    ar_, fore = str(ar), str(ar - 1)
    rad: dict = {}
    for tecken, celler in (
        (1, [("unika", ar_), ("vantelista_nu", ar_), ("avslutade", fore), ("avbrutna", fore)]),
        (-1, [("deltar", ar_), ("vantelista", ar_), ("vantelista_nu", fore), ("unika", fore)]),
    ):
        for matt, kolumn in celler:
            if (matt, enhet, kolumn) in pub.poster or (matt, enhet, kolumn) in ej:
                rad[(matt, enhet, kolumn)] = tecken
    return rad, True


@pytest.fixture
def vantande(personal, utforare, personal_annan, annan_utforare):
    """W (A's) starts in March: three take part at once, two are put on the waiting list and
    two decline; both waiting get a place in April. Y (B's) has plenty of contacts."""
    katalog = KatalogFactory()
    w, y = _insats(katalog, utforare), _insats(katalog, annan_utforare)
    mars = datetime.date(AR, 3, 2)
    _kontakter(personal, w, mars, 3, "deltar")
    vantar = _kontakter(personal, w, mars, 2, "vantelista")
    _kontakter(personal, w, mars, 2, "avbojde")
    _kontakter(personal_annan, y, mars, 40, "deltar")
    _kontakter(personal_annan, y, datetime.date(AR, 9, 2), 40, "deltar")
    for k in vantar:
        starta_fran_vantelistan(
            deltagande=k.deltagande, datum=datetime.date(AR, 4, 1), idag=datetime.date.today()
        )
    publicering.publicera_allt(datetime.date(AR + 1, 2, 1))
    return katalog, w, y


def test_the_waiting_list_practice_does_not_pin_a_hidden_outcome(vantande):
    """W's year: seven contacts, three took part, two waited and two declined – each small,
    hidden. Were the five participants shown with the seven contacts and nobody waiting at
    the year's end, the practice says three plus two took part, so two declined: the outcome
    pinned by a relation the contacts' sum alone does not give. The audit ties the counts by
    the practice where it holds (`Bygge.samband`), so something more is hidden."""
    katalog, w, _ = vantande
    pub = publicerat.Publicerat(katalog)
    sant, ej = _sant(katalog)
    ar, enhet = str(AR), str(w.pk)
    assert [sant[(m, enhet, ar)] for m in ("deltar", "vantelista", "avbojde")] == [3, 2, 2]
    assert sant[("unika", enhet, ar)] == 5 and sant[("vantelista_nu", enhet, ar)] == 0
    agare = {e: ("B" if e != enhet else "A") for _, e, _ in sant if e != "KAT"}
    rader = [praxis(pub, ej, enhet, AR)]
    funna = granser(pub, sant, agare, "B", K, ej, vet=({}, rader), grupper=True)
    fastlasta = {c: g for c, g in funna.items() if g[0] == g[1]}
    assert not fastlasta, f"praxis läser av {fastlasta}"


@pytest.fixture
def avbrutna(personal, utforare, personal_annan, annan_utforare):
    """W (A's) starts six in March the year before, two of them stop early in November and
    four go on into the year, when five more take part. Y (B's) has plenty both years."""
    katalog = KatalogFactory()
    w, y = _insats(katalog, utforare), _insats(katalog, annan_utforare)
    fore = datetime.date(AR - 1, 3, 2)
    forsta = _kontakter(personal, w, fore, 6, "deltar")
    for dag in (
        fore,
        datetime.date(AR - 1, 10, 2),
        datetime.date(AR, 3, 2),
        datetime.date(AR, 9, 2),
    ):
        _kontakter(personal_annan, y, dag, 30, "deltar")
    for k in forsta[:2]:
        avsluta_deltagande(
            deltagande=k.deltagande,
            slutdatum=datetime.date(AR - 1, 11, 2),
            avbrott=True,
            avbrottsorsak="flyttade",
            idag=datetime.date.today(),
        )
    publicering.publicera_allt(datetime.date(AR, 2, 1))
    _kontakter(personal, w, datetime.date(AR, 3, 2), 5, "deltar")
    publicering.publicera_allt(datetime.date(AR + 1, 2, 1))
    return katalog, w, y


def test_last_years_early_ends_are_not_this_years_participants_less_its_new(avbrutna):
    """Ended = started − still taking part at the year's end: under the practice, the year's
    nine participants less the five who took part in it are the four who went on from last
    year, so last year's six less four ended – and with none ended as planned (shown), a
    hidden two stopped early. The practice's relation spans the two years
    (`praxis.vantelistans_samband`), so the new year must not give the old one away."""
    katalog, w, _ = avbrutna
    pub = publicerat.Publicerat(katalog)
    sant, ej = _sant(katalog)
    enhet = str(w.pk)
    assert sant[("avbrutna", enhet, str(AR - 1))] == 2
    assert pub.poster[("avbrutna", enhet, str(AR - 1))] is None
    assert sant[("unika", enhet, str(AR))] == 9
    agare = {e: ("B" if e != enhet else "A") for _, e, _ in sant if e != "KAT"}
    rader = [praxis(pub, ej, enhet, AR - 1), praxis(pub, ej, enhet, AR)]
    funna = granser(pub, sant, agare, "B", K, ej, vet=({}, rader), grupper=True)
    fastlasta = {c: g for c, g in funna.items() if g[0] == g[1]}
    assert not fastlasta, f"praxis läser av {fastlasta}"


@pytest.mark.xfail(
    strict=True, reason="Att besluta: en fast kurs gör tillfällena till ett antal gånger deltagarna"
)
def test_a_fixed_course_does_not_tell_the_participants_from_the_sessions(
    personal, utforare, personal_annan, annan_utforare
):
    """Sessions per participant: where every participant has exactly two talks (a known
    course), the shown six talks are three participants, hidden as small. The audit ties no
    count of sessions to people (a ratio, not a sum: `Samband` has no coefficients), so this
    is left as a decision – closing it would hide the sessions wherever the participants are
    small."""
    katalog = KatalogFactory()
    w, y = _insats(katalog, utforare), _insats(katalog, annan_utforare)
    for dag in (datetime.date(AR, 3, 2), datetime.date(AR, 9, 2)):
        _kontakter(personal_annan, y, dag, 30, "deltar")
    for _ in range(3):
        k = registrera(
            personal, w, datum=datetime.date(AR, 3, 2), kon="kvinna", alder=40, minuter=45
        )
        registrera_samtal(
            deltagande=k.deltagande,
            datum=datetime.date(AR, 3, 9),
            langd_minuter=45,
            kanal="telefon",
            personal=personal,
            nyckel=uuid.uuid4(),
            idag=datetime.date.today(),
        )
    publicering.publicera_allt(datetime.date(AR + 1, 2, 1))
    pub = publicerat.Publicerat(katalog)
    sant, ej = _sant(katalog)
    ar, enhet = str(AR), str(w.pk)
    assert sant[("unika", enhet, ar)] == 3 and pub.poster[("unika", enhet, ar)] is None
    agare = {e: ("B" if e != enhet else "A") for _, e, _ in sant if e != "KAT"}
    kurs = ({("samtal", enhet, ar): 1, ("unika", enhet, ar): -2}, True)
    funna = granser(pub, sant, agare, "B", K, ej, vet=({}, [kurs]))
    assert funna[("unika", enhet, ar)] != (3, 3)
