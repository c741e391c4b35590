"""The eleventh set's rules in PostgreSQL (identitetsskydd/0011): the database reads what
Python reads, with the same words passing, and stays linear on long runs of what they take."""

import pytest
from django.db import connection

from identitetsskydd.granskning import granska
from tests.identitetsskydd.test_databasen import ATTACK, skal, vaxer_linjart

# The eleventh set's ordinary texts that its rules must let pass (also in test_granskning).
VANLIGA_11 = [
    "Vi använder t.ex. MI, m.m. och o.s.v.",
    "Andelen ökade med 5 p.e. från i fjol",
    "p.g.a. sjukdom ställdes gruppen in, s.k. avbokning",
    "Kvinnan sa att hon ville fortsätta",
    "Skolan berättade om sin nya rutin",
    "Sedan sa hon att hon var nöjd",
    "Kvinnan, 34, har tre barn",
    "Stockholm kunde inte ta emot fler",
    "Killgruppen Orion träffas på tisdagar",
    "Filmkväll: Encanto och Frost",
    "Högläsning: Emil o Ida",
    "Barnen gillade Bamse, Pippi och Alfons bäst",
    "Kurt Wallander-filmen visades",
    "Utflykt till Astrid Lindgrens Värld",
    "Most of them were young and said it was good",
    "Budgetrådgivningen nås på 0224-74 70 00",
    "”Andrum” hade nio träffar i år",
    "Gruppen kallas ”Andrum”",
]

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the triggers exist on PostgreSQL only"
)


@pytest.mark.django_db
def test_the_database_reads_the_eleventh_sets_rules_as_python_does():
    """Initials, a surname's ending, a foreign name in -an, nicknames in quotes, "Mr." with
    its dot, an age in brackets, a web address's name without its marks; and the rules Python
    had alone: names in capitals, letters Swedish does not write, a name split at a scan's line
    break, a group named by its member, a nickname in quotes after "kallas"."""
    identifierande = {
        "Pratade med M.S. om hyran": "namn",
        "Mr. Haddad came with his son": "namn",
        "Sofia Rydfors hörde av sig": "namn",
        "Kowalczuk ringde om räkningen": "namn",
        "Ishaan sa att han inte kommer": "namn",
        "Besökare: Nurhan, 41, två barn": "namn",
        "The boy, Aiden, cried": "namn",
        "”Tjabo” kom in och ville ha mat": "namn",
        "”Tjabo” var här igen, han sov i soffan": "namn",
        "kallas ”Krille”, sover i trapphus": "namn",
        "Dilshad (12) kom med sin mamma": "namn",
        "systern saga kom också": "namn",
        "bloggen www.larsastrom.se": "konto",
        "ANNA KOM INTE IDAG": "namn",
        "Vi vet att FATIMA behöver stöd": "namn",
        "ELIN OCH HENNES MAMMA KOM": "namn",
        "Māra kom med sin syster": "namn",
        "François lämnade gruppen": "namn",
        "Samtal med An-\nnika om budgeten": "namn",
        "Killgruppen med Ebba fortsätter": "namn",
        "Han kallas ”Lillen” av alla": "namn",
        "Inga-Britt, mormor till pojken, ringde": "namn",
        "hennes man är präst i Heby församling": "arbetsplats",
        "skuldsaneringsärende 11-204518 hos Kronofogden": "arende",
        "Handelsbanken konto 6152-123 456 789": "arende",  # its database group
        "DOB 3/11/1990": "arende",
        "går 6b på Ekbackens skola": "skola",
        "ring nollsjuttitvå 345 67 89": "telefon",
    }
    vanliga = [*VANLIGA_11, "IVO har granskat verksamheten"]
    databasen = skal(vanliga + list(identifierande))
    assert {t: databasen[t] for t in identifierande} == identifierande
    assert all(databasen[t] is None for t in vanliga), databasen
    assert all(granska(t) for t in identifierande)
    assert not any(granska(t) for t in vanliga)


# What the eleventh set's rules read: initials, surnames by their ending, names in -an with a
# verb of saying, quoted nicknames, titles with a dot, ages in brackets, capitals, letters
# Swedish does not write, a bank's name before "konto", number words as said, web addresses.
LANGA_RADER_11 = ["a.", "A.B.", "a. b. ", "Dickfors ringde ", "Ab Abfors ", "Aban sa att hon "]
LANGA_RADER_11 += ["”Ab” kom ", "Mr. Ab ", "Ab (1) ", "ABC KOM ", "ABC OCH ABC VAR ", "Āb "]
LANGA_RADER_11 += ["abbank konto 1", "sjuttitre ", "www.abab.se ", "Ab- ab ", "kallas ”Ab” "]


@ATTACK
@pytest.mark.django_db
def test_the_eleventh_sets_rules_are_linear_on_both_sides():
    vaxer_linjart(LANGA_RADER_11)
