"""Two protected participants in one round are told apart without telling who they are:
"Skyddad identitet 1/2" and "2/2", by the order they joined the round, the same on every page
of the round and for every member of staff, kept when another ends or joins. The label says
nothing of the person: no name, personnummer, age, record id or registrar."""

import datetime
import re

import pytest
from django.urls import reverse

from dokumentation.deltagande.models import Deltagande
from dokumentation.kontakter.services import Personuppgifter
from dokumentation.logg.models import Atkomstlogg
from organisation.models import Roll
from tests.dokumentation.conftest import identifierad_omgang, registrera, traff_i_dag
from tests.factories import AnvandareFactory

pytestmark = pytest.mark.django_db

PERSONER = (
    ("198503121231", "Annika", "Ek", False),
    ("196408233234", "Bertil", "Lind", True),
    ("197203054569", "Cecilia", "Holm", True),
)


@pytest.fixture
def kollega(utforare):
    return AnvandareFactory.med_roll(Roll.UTFORARPERSONAL, utforare, username="kollega")


@pytest.fixture
def rund(katalog, utforare, personal):
    """Annika, then Bertil and Cecilia (both protected), in that order; and a protected
    participant of another round, who counts in neither."""
    annan = identifierad_omgang(katalog, utforare, namn="Annan grupp")
    registrera(
        personal,
        annan.insats,
        person=Personuppgifter("197906117895", "Doris", "Berg", True),
        omgang=annan,
    )
    o = identifierad_omgang(katalog, utforare)
    for pnr, fornamn, efternamn, skyddad in PERSONER:
        registrera(
            personal, o.insats, person=Personuppgifter(pnr, fornamn, efternamn, skyddad), omgang=o
        )
    traff_i_dag(o, personal)
    return o


def _vem(o):
    return {d.person.fornamn: d for d in o.deltaganden.select_related("person")}


def _narvarolistan(client, o):
    return client.get(reverse("dokumentation:traff", args=[o.traffar.get().pk])).text


def _etikett(sidan, d):
    """The label of the attendance list's tick for the participation."""
    traff = re.search(rf'<label for="n{d.pk}">([^<]*)</label>', sidan)
    assert traff, d
    return traff.group(1).strip()


def _inget_om_de_skyddade(sidan, o):
    for pnr, fornamn, efternamn, skyddad in (*PERSONER, ("197906117895", "Doris", "Berg", True)):
        if skyddad:
            for uppgift in (pnr, pnr[2:8], fornamn, efternamn):
                assert uppgift not in sidan, uppgift


@pytest.mark.parametrize("vem", ["kollega", "personal", "enhetschef"])
def test_the_attendance_list_tells_two_protected_participants_apart(client, rund, request, vem):
    p = _vem(rund)
    client.force_login(request.getfixturevalue(vem))
    fore = Atkomstlogg.objects.filter(deltagande__in=[p["Bertil"], p["Cecilia"]]).count()
    sidan = _narvarolistan(client, rund)
    assert _etikett(sidan, p["Bertil"]) == "Skyddad identitet 1/2"
    assert _etikett(sidan, p["Cecilia"]) == "Skyddad identitet 2/2"
    assert _etikett(sidan, p["Annika"]) == "Annika Ek"
    _inget_om_de_skyddade(sidan, rund)
    # Still no sight of anybody: the label shows nobody.
    efter = Atkomstlogg.objects.filter(deltagande__in=[p["Bertil"], p["Cecilia"]]).count()
    assert efter == fore


def test_every_page_of_the_round_gives_the_same_label(client, rund, enhetschef):
    client.force_login(enhetschef)
    for url in (
        reverse("dokumentation:omgang", args=[rund.pk]),
        reverse("dokumentation:avsluta_deltagare", args=[rund.pk]),
    ):
        sidan = client.get(url).text
        assert "Skyddad identitet 1/2" in sidan and "Skyddad identitet 2/2" in sidan, url
        assert "Skyddad identitet</" not in sidan, url  # no unnumbered one left
        _inget_om_de_skyddade(sidan, rund)


def test_the_label_stays_when_another_ends_or_joins(client, rund, personal, kollega):
    p = _vem(rund)
    Deltagande.objects.filter(pk=p["Bertil"].pk).update(
        status=Deltagande.Status.AVSLUTAD, slutdatum=datetime.date.today()
    )
    client.force_login(kollega)
    sidan = _narvarolistan(client, rund)
    assert f'for="n{p["Bertil"].pk}"' not in sidan  # ended: no longer on the list
    assert _etikett(sidan, p["Cecilia"]) == "Skyddad identitet 2/2"
    registrera(
        personal,
        rund.insats,
        person=Personuppgifter("198802143217", "Erik", "Sjö", True),
        omgang=rund,
    )
    erik = _vem(rund)["Erik"]
    sidan = client.get(reverse("dokumentation:omgang", args=[rund.pk])).text
    assert "Skyddad identitet 2/3" in sidan and "Skyddad identitet 3/3" in sidan
    assert "Erik" not in sidan and "Sjö" not in sidan
    assert erik.pk > p["Cecilia"].pk


def test_one_protected_participant_is_numbered_too(client, katalog, utforare, personal):
    """ "1/1": staff reading the list know there is exactly one, as before."""
    o = identifierad_omgang(katalog, utforare)
    registrera(personal, o.insats, person=Personuppgifter(*PERSONER[1]), omgang=o)
    traff_i_dag(o, personal)
    client.force_login(personal)
    assert "Skyddad identitet 1/1" in _narvarolistan(client, o)


def test_the_order_of_the_list_says_nothing_of_their_names(client, rund, enhetschef):
    """Sorted by name, a protected participant's place among the others would tell where
    their surname falls in the alphabet (Cecilia Holm before Bertil Lind): they are sorted by
    their label instead, as staff read it."""
    client.force_login(enhetschef)
    for url, monster in (
        (
            reverse("dokumentation:traff", args=[rund.traffar.get().pk]),
            r'<label for="n\d+">([^<]*)</label>',
        ),
        (
            reverse("dokumentation:avsluta_deltagare", args=[rund.pk]),
            r'<th scope="row"><a href="[^"]*">([^<]*)</a>',
        ),
    ):
        sidan = client.get(url).text
        assert [t.strip() for t in re.findall(monster, sidan)] == [
            "Annika Ek",
            "Skyddad identitet 1/2",
            "Skyddad identitet 2/2",
        ], url
