"""The thirteenth set's rules in PostgreSQL (identitetsskydd/0013): ordinary texts that name
famous people, works, brands, feasts and places pass both guards, the two refuse exactly the
same texts of every corpus, never stricter for any mix of the new rules' words, and stay
linear on long runs of what they take."""

import pytest
from django.db import connection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from identitetsskydd.granskning import granska
from tests.identitetsskydd.test_databasen import ATTACK, skal, vaxer_linjart

VANLIGA_13 = [
    "Ungdomarna pratade om Taylor Swift hela kvällen",
    "Harry Styles",
    "Björn Borg och Stadium",
    "Mr Bean",
    "Max kom sent med maten",
    "Tết och Nowruz firades",
    "Spotify Wrapped var ett samtalsämne",
    "Familjen Kotte är en bok som vi läste",
    "Vi lyssnade på Taylor Swifts nya album",
    "Evert Taube sjöngs på midsommar",
    "Diwali och Hanukka uppmärksammades i december",
    "Kung Carl Gustaf och drottning Silvia besökte kommunen",
    "Vi åkte buss via Sofia",
    "madicken är en bok",
]
IDENTIFIERANDE_13 = [
    "Taylor i gruppen har slutat komma",
    "Harry som går i 4B var ledsen hela kvällen",
    "Max kom inte idag, mamman ringde",
    "Astrid Lindgren Svensson har hög frånvaro",
    "Familjen Kotte ringde, de vill ha stöd",
    "Zlatan sa att han inte vill gå hem",
    "Ahmed firade Nowruz med sin familj men var ledsen",
    "pratade med max om skolan",
]

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the triggers exist on PostgreSQL only"
)


@pytest.mark.django_db
def test_the_database_reads_the_thirteenth_sets_rules_as_python_does():
    databasen = skal(VANLIGA_13 + IDENTIFIERANDE_13)
    assert [t for t in VANLIGA_13 if databasen[t] is not None] == []
    assert [t for t in IDENTIFIERANDE_13 if databasen[t] is None] == []
    assert not any(granska(t) for t in VANLIGA_13)
    assert all(granska(t) for t in IDENTIFIERANDE_13)


# That both guards refuse the same texts of every corpus is checked with the database's
# own measure, in one pass over the corpora (test_databasen.py).


ORD_13 = ["Taylor", "Swift", "Swifts", "Harry", "Styles", "Mr", "Bean", "Max", "kom", "med"]
ORD_13 += ["maten", "Tết", "och", "Nowruz", "firades", "Spotify", "Wrapped", "Familjen", "Kotte"]
ORD_13 += ["är", "en", "bok", "tv", "serie", "drottning", "Silvia", "Kung", "Carl", "Gustaf", "i"]
ORD_13 += ["från", "Sofia", "Astrid", "Lindgren", "Svensson", "sjöngs", "ringde", "mamma", "x"]


@pytest.mark.django_db
@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.sampled_from(ORD_13), min_size=1, max_size=8), st.sampled_from([" ", ""]))
def test_never_stricter_than_python_for_any_mix_of_the_thirteenth_sets_words(ord_, mellan):
    text = mellan.join(ord_)
    if skal([text])[text] is not None:
        assert granska(text), text


LANGA_RADER_13 = ["Taylor Swift ", "Ab och ", "Ab firades ", "Ab Ab är en bok ", "Spotify "]
LANGA_RADER_13 += ["Ab Wrapped ", "kung Ab ", "från Sofia ", "Max kom med maten ", "Ab sjöngs "]


@ATTACK
@pytest.mark.django_db
def test_the_thirteenth_sets_rules_are_linear_on_both_sides():
    vaxer_linjart(LANGA_RADER_13)
