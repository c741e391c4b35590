"""The doors of tests/test_dorrar.py, tried by a neighbour: staff and the enhetschef of another
utförare IN THE SAME MUNICIPALITY (one catalogue, one verksamhetschef, one nämnd), and a
colleague at the same utförare where something is personal. The answer is the 404 of an id that
does not exist, nothing in the database changes, a list shows none of the neighbour's people,
and the access log gets a row for each person shown, never one of the neighbour's."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from dokumentation.logg.models import Atkomstlogg
from dokumentation.rattelser.models import Post
from organisation.models import Behorighet, Roll
from tests.factories import AnvandareFactory
from tests.test_dorrar import (
    AR,
    ROLLER,
    SAKNAS,
    _utan_sokvag,
    dorrar,
    manipulera_egna_dorrar,
    raderna,
    sida,
    stangda,
)

pytestmark = [pytest.mark.django_db, pytest.mark.angrepp]

UTFORARROLLER = ["personal", "enhetschef"]


@pytest.fixture
def grannar():
    """Two utförare of Testköping, each with its own insatser, staff and records."""
    a = sida("Testköping", "a")
    return a, sida("Testköping", "b", katalog=a["katalog"])


@pytest.mark.parametrize("roll", UTFORARROLLER)
def test_every_door_of_the_neighbouring_utforare_is_not_found(client, grannar, roll):
    a, b = grannar
    client.force_login(a["roller"][roll])
    fore = raderna()
    assert not stangda(client, a, b, dorrar(b))
    assert raderna() == fore  # the access log included: a refused sight is no sight


@pytest.mark.parametrize("roll", UTFORARROLLER)
def test_a_tampered_form_at_ones_own_door_touches_nothing_of_the_neighbour(client, grannar, roll):
    a, b = grannar
    client.force_login(a["roller"][roll])
    fynd, andrat = manipulera_egna_dorrar(client, a, b)
    assert not fynd
    assert andrat == {}


def _namnen(sidan: dict) -> list[str]:
    """What names the side's people and rounds on a page."""
    slug = sidan["omgang"].benamning.split()[-1]
    return [f"Testsson{slug}", f"Prov{slug}", sidan["omgang"].benamning]


@pytest.mark.parametrize("roll", UTFORARROLLER)
def test_the_lists_show_and_log_none_of_the_neighbours_people(client, grannar, roll):
    """The pages without an id – lists, searches, the start page, the register extract with
    the same personnummer – show only the own utförare's people, and log each of them."""
    a, b = grannar
    anvandare = a["roller"][roll]
    client.force_login(anvandare)
    sidor = [
        reverse("start"),
        reverse("dokumentation:deltaganden"),
        reverse("dokumentation:deltaganden") + "?status=alla",
        reverse("dokumentation:deltaganden") + f"?insats={b['samtal'].pk}&status=alla",
        reverse("dokumentation:deltaganden") + f"?insats={b['grupp'].pk}&status=alla",
        reverse("dokumentation:omgangar"),
        reverse("dokumentation:registreringar"),
        reverse("dokumentation:hittills"),
    ]
    if roll == "enhetschef":
        sidor += [reverse("dokumentation:rattelser"), reverse("dokumentation:logg")]
    fynd = []
    for url in sidor:
        svar = client.get(url)
        assert svar.status_code == 200, url
        # A search echoes what was searched for: it finds nothing instead.
        fynd += [(url, namn) for namn in _namnen(b) if namn not in url and namn in svar.text]
        if "q=Testssonb" in url:
            assert "0 träffar" in svar.text
    # The searches, sent as the page sends them (POST).
    for q in ("Testssonb", "198503121231"):
        svar = client.post(reverse("dokumentation:deltaganden"), {"q": q})
        assert svar.status_code == 200, q
        fynd += [(q, namn) for namn in _namnen(b) if namn != q and namn in svar.text]
        if q == "Testssonb":
            assert "0 träffar" in svar.text
    if roll == "enhetschef":
        # The follow-ups to write are the own utförare's insatser only.
        svar = client.get(reverse("uppfoljning:index"))
        assert svar.status_code == 200
        assert a["samtal"].namn in svar.text and b["samtal"].namn not in svar.text
        svar = client.post(
            reverse("dokumentation:registerutdrag"), {"personnummer": "198503121231"}
        )
        assert svar.status_code == 200
        assert "Testssona" in svar.text  # the own person with that number
        fynd += [("registerutdrag", namn) for namn in _namnen(b) if namn in svar.text]
    assert not fynd
    egna = Atkomstlogg.objects.filter(anvandare=anvandare)
    assert not egna.filter(deltagande__utforare=b["utforare"]).exists()
    assert not egna.exclude(utforare=a["utforare"]).exists()
    # The own identified people shown were logged: on the searches and the extract.
    assert egna.filter(deltagande=a["deltagande"]).exists()


def test_the_enhetschef_reviews_no_log_of_the_neighbour(client, grannar):
    """The neighbour's staff read their own people (logged); the enhetschef's log, its filter
    and the monthly review show none of it."""
    a, b = grannar
    client.force_login(b["roller"]["personal"])
    assert (
        client.get(reverse("dokumentation:deltagande", args=[b["deltagande"].pk])).status_code
        == 200
    )
    rad = Atkomstlogg.objects.filter(deltagande=b["deltagande"]).latest("tidpunkt")
    client.force_login(a["roller"]["enhetschef"])
    idag = rad.tidpunkt.date()
    for url in (
        reverse("dokumentation:logg"),
        reverse("dokumentation:logg") + f"?anvandare={b['roller']['personal'].pk}",
        reverse("dokumentation:granskning", args=[idag.year, idag.month]),
    ):
        svar = client.get(url)
        assert svar.status_code == 200, url
        assert "p-b" not in svar.text and b["roller"]["personal"].get_full_name() not in svar.text


def test_a_colleague_corrects_or_voids_nothing_of_anothers(client, grannar):
    """Staff correct and void only what they registered themselves (the enhetschef anything
    of the utförare): a colleague's records answer the missing id's 404 and stay as they are."""
    a, b = grannar
    kollega = AnvandareFactory.med_roll(Roll.UTFORARPERSONAL, a["utforare"], username="p2-a")
    client.force_login(kollega)
    dorrarna = [
        ("dokumentation:ratta", [Post.KONTAKT, a["kontakt"].pk]),
        ("dokumentation:ratta", [Post.DELTAGANDE, a["deltagande"].pk]),
        ("dokumentation:ratta", [Post.TILLFALLE, a["traff"].pk]),
        ("dokumentation:makulera", [Post.KONTAKT, a["kontakt"].pk]),
        ("dokumentation:makulera", [Post.TILLFALLE, a["traff"].pk]),
        ("dokumentation:historik", [Post.KONTAKT, a["kontakt"].pk]),
    ]
    fore = raderna()
    assert not stangda(client, b, a, dorrarna)
    assert raderna() == fore
    # The one who registered them may (the doors are real).
    client.force_login(a["roller"]["personal"])
    assert (
        client.get(reverse("dokumentation:ratta", args=[Post.KONTAKT, a["kontakt"].pk])).status_code
        == 200
    )


@pytest.mark.parametrize("roll", [None, *ROLLER])
def test_the_public_catalogue_names_no_draft_and_no_other_municipalitys_insats(client, roll):
    """The residents' pages take a municipality and an insats: a draft, an insats of another
    municipality under this one's address, or an unknown municipality answer the 404 of an
    insats that does not exist – signed in or not – and nobody is logged."""
    a, b = sida("Testköping", "a"), sida("Annanstad", "b")
    if roll:
        client.force_login(a["roller"][roll])
    slug = a["katalog"].slug

    def publik(slug, pk):
        return _utan_sokvag(client.get(reverse("publik:insats", args=[slug, pk])).text)

    saknas = publik(slug, SAKNAS)
    assert client.get(reverse("publik:insats", args=[slug, a["samtal"].pk])).status_code == 200
    fore = raderna()
    fynd = [
        (s, pk)
        for s, pk in (
            (slug, a["utkast"].pk),
            (slug, b["samtal"].pk),
            (slug, b["utkast"].pk),
            (b["katalog"].slug, a["samtal"].pk),
            ("finns-inte", a["samtal"].pk),
        )
        if client.get(reverse("publik:insats", args=[s, pk])).status_code != 404
        or publik(s, pk) != saknas
    ]
    for namn in ("publik:katalog", "publik:utskrift"):
        svar = client.get(reverse(namn, args=["finns-inte"]))
        if svar.status_code != 404 or _utan_sokvag(svar.text) != saknas:
            fynd.append(namn)
    assert not fynd
    assert raderna() == fore


def test_staff_at_one_utforare_and_enhetschef_at_the_other_is_each_only_there(client, grannar):
    """A user may hold roles at several utförare: staff at a, enhetschef at b. The enhetschef's
    doors (the access log, its review, the register extract, correcting anyone's records, the
    follow-up) open at b only; at a the user is staff, and a colleague's records stay shut."""
    a, b = grannar
    anvandare = AnvandareFactory.med_roll(Roll.UTFORARPERSONAL, a["utforare"], username="ab")
    Behorighet.objects.create(anvandare=anvandare, roll=Roll.ENHETSCHEF, utforare=b["utforare"])
    for sidan in (a, b):  # each side's staff read their own person: a row in each log
        client.force_login(sidan["roller"]["personal"])
        url = reverse("dokumentation:deltagande", args=[sidan["deltagande"].pk])
        assert client.get(url).status_code == 200
    client.force_login(anvandare)
    fore = raderna()
    assert not stangda(
        client,
        b,
        a,
        [
            ("dokumentation:ratta", [Post.KONTAKT, a["kontakt"].pk]),
            ("dokumentation:ratta", [Post.TILLFALLE, a["traff"].pk]),
            ("dokumentation:makulera", [Post.TILLFALLE, a["traff"].pk]),
            ("dokumentation:historik", [Post.KONTAKT, a["kontakt"].pk]),
            ("uppfoljning:arsuppfoljning", [a["samtal"].pk, AR]),
        ],
    )
    assert raderna() == fore
    for namn, args in (
        ("dokumentation:ratta", [Post.KONTAKT, b["kontakt"].pk]),
        ("uppfoljning:arsuppfoljning", [b["samtal"].pk, AR]),
    ):
        assert client.get(reverse(namn, args=args)).status_code == 200, namn
    idag = timezone.localdate()
    for url in (
        reverse("dokumentation:logg"),
        reverse("dokumentation:granskning", args=[idag.year, idag.month]),
    ):
        svar = client.get(url)
        assert svar.status_code == 200, url
        assert "p-a" not in svar.text, url
        if a["roller"]["personal"].get_full_name():
            assert a["roller"]["personal"].get_full_name() not in svar.text, url
    logg = client.get(reverse("dokumentation:logg")).text
    assert "p-b" in logg or b["roller"]["personal"].get_full_name() in logg
    svar = client.post(reverse("dokumentation:registerutdrag"), {"personnummer": "198503121231"})
    assert "Testssonb" in svar.text and "Testssona" not in svar.text
