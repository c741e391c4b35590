"""Two municipalities in one installation: every page of the nämnd's side, as each role, for its
own municipality and the other's. Another municipality's catalogue, insats, decision,
follow-up or report is not found (404), exactly like one that does not exist, and no list or
export shows the other's names. An external utförare serving both registers in both."""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse

from insatser.models import BeslutadAndring, Insats
from organisation.models import Roll
from tests.conftest import delad, rollanvandare
from tests.dokumentation.conftest import registrera
from tests.factories import (
    AnvandareFactory,
    BeslutFactory,
    InsatsFactory,
    KatalogFactory,
    UtforareFactory,
)
from uppfoljning import publicering

pytestmark = pytest.mark.django_db

AR = datetime.date.today().year - 1  # a published year
DAG = datetime.date(AR, 3, 10)


def kommun(namn: str, utforare, personal) -> dict:
    katalog = KatalogFactory(kommun=namn)
    beslutad = InsatsFactory(
        katalog=katalog,
        utforare=utforare,
        beslutad=True,
        giltig_fran=datetime.date(AR - 1, 1, 1),
        namn=f"Rådgivning i {namn}",
    )
    utkast = InsatsFactory(katalog=katalog, namn=f"Utkast i {namn}")
    beslutad.innehall = "Samtal med en socionom, också på telefon."
    beslutad.save()  # a second version, to compare
    for _ in range(6):
        registrera(personal, beslutad, datum=DAG)
    idag = datetime.date.today()
    nasta_manad = idag + datetime.timedelta(days=30)
    return {
        "katalog": katalog,
        "insats": beslutad,
        "utkast": utkast,
        # A change decided today for next month, waiting for its day.
        "andring": BeslutadAndring.objects.create(
            insats=beslutad,
            beslut=BeslutFactory(katalog=katalog, datum=idag, galler_fran=nasta_manad),
            galler_fran=nasta_manad,
            falt={"max_tillfallen": 9},
            infort=idag,
        ),
        "beslut": BeslutFactory(katalog=katalog),
        "sekreterare": AnvandareFactory.med_roll(
            Roll.NAMNDSEKRETERARE, kommun=katalog.kommunen, username=f"sekr-{katalog.slug}"
        ),
        "verksamhetschef": AnvandareFactory.med_roll(
            Roll.VERKSAMHETSCHEF, kommun=katalog.kommunen, username=f"vc-{katalog.slug}"
        ),
    }


@pytest.fixture(scope="module")
def _tva(moduldatabas):
    """Testköping and Annanstad; Familjecentralen, an external utförare, serves both. Built
    once per module (tests/conftest.py)."""
    utforare = UtforareFactory(namn="Familjecentralen")
    personal = rollanvandare("personal")
    a = kommun("Testköping", utforare, personal)
    b = kommun("Annanstad", utforare, personal)
    publicering.publicera_allt()
    return a, b


@pytest.fixture
def tva(_tva, db):
    return tuple(delad(k) for k in _tva)


# The nämndsekreterare's pages: (url name, what identifies it in a municipality).
SEKRETERARE = [
    ("insatser:lista", lambda k: [k["katalog"].slug]),
    ("insatser:ny", lambda k: [k["katalog"].slug]),
    ("insatser:beslut_lista", lambda k: [k["katalog"].slug]),
    ("insatser:per_datum", lambda k: [k["katalog"].slug]),
    ("insatser:jamfor_beslut", lambda k: [k["katalog"].slug]),
    ("insatser:installningar", lambda k: [k["katalog"].slug]),
    ("insatser:exportera", lambda k: [k["katalog"].slug]),
    ("insatser:insats", lambda k: [k["insats"].pk]),
    ("insatser:andra", lambda k: [k["insats"].pk]),
    ("insatser:upphor", lambda k: [k["insats"].pk]),
    ("insatser:jamfor", lambda k: [k["insats"].pk]),
    ("insatser:insats", lambda k: [k["utkast"].pk]),
    ("insatser:beslut", lambda k: [k["beslut"].pk]),
    ("insatser:aterkalla_andring", lambda k: [k["andring"].pk]),
]
# The verksamhetschef's pages, each for one municipality.
VERKSAMHETSCHEF = [
    ("uppfoljning:arsuppfoljning", lambda k: [k["insats"].pk, AR], {}),
    ("uppfoljning:riktlinje", lambda k: [f"{AR}-H1"], "kommun"),
    ("uppfoljning:rapport", lambda k: [AR], "kommun"),
    ("uppfoljning:rapport_fil", lambda k: [AR, "csv"], "kommun"),
]


def hamta(client, namn, args, parametrar=None):
    return client.get(reverse(namn, args=args), parametrar or {})


@pytest.mark.parametrize(("namn", "args"), SEKRETERARE, ids=[n for n, _ in SEKRETERARE])
def test_a_secretary_reaches_their_own_catalogue_only(client, tva, namn, args):
    a, b = tva
    client.force_login(a["sekreterare"])
    assert hamta(client, namn, args(a)).status_code == 200
    assert hamta(client, namn, args(b)).status_code == 404
    for roll in ("verksamhetschef",):
        client.force_login(a[roll])
        assert hamta(client, namn, args(a)).status_code == 404


@pytest.mark.parametrize(
    ("namn", "args", "param"), VERKSAMHETSCHEF, ids=[n for n, _, _ in VERKSAMHETSCHEF]
)
def test_a_verksamhetschef_reaches_their_own_follow_up_only(client, tva, namn, args, param):
    a, b = tva
    client.force_login(a["verksamhetschef"])
    egen = {param: a["katalog"].slug} if param else {}
    annan = {param: b["katalog"].slug} if param else {}
    assert hamta(client, namn, args(a), egen).status_code == 200
    svar = hamta(client, namn, args(b), annan)
    assert svar.status_code == 404
    if param:
        # Without naming one, the report is of the user's own municipality.
        text = hamta(client, namn, args(a)).content.decode()
        assert "Annanstad" not in text and b["insats"].namn not in text


def test_the_report_is_the_secretarys_own_municipalitys(client, tva):
    a, b = tva
    client.force_login(b["sekreterare"])
    assert hamta(client, "uppfoljning:rapport", [AR], {"kommun": "annanstad"}).status_code == 200
    assert hamta(client, "uppfoljning:rapport", [AR], {"kommun": "testkoping"}).status_code == 404
    text = hamta(client, "uppfoljning:rapport", [AR]).text
    assert b["insats"].namn in text and a["insats"].namn not in text


@pytest.mark.parametrize("roll", ["sekreterare", "verksamhetschef"])
def test_lists_name_only_the_own_municipality(client, tva, roll):
    a, b = tva
    client.force_login(a[roll])
    sidor = ["start", "insatser:index", "uppfoljning:index", "uppfoljning:publiceringar"]
    for namn in sidor:
        svar = client.get(reverse(namn), follow=True)
        text = svar.content.decode()
        if svar.status_code == 200:
            assert "Annanstad" not in text, namn
            assert b["insats"].namn not in text and b["utkast"].namn not in text, namn


def test_a_secretary_cannot_delete_another_municipalitys_draft(client, tva):
    a, b = tva
    client.force_login(a["sekreterare"])
    svar = client.post(reverse("insatser:ta_bort", args=[b["utkast"].pk]))
    assert svar.status_code == 404
    assert Insats.objects.filter(pk=b["utkast"].pk).exists()


def test_an_external_utforare_serves_both_municipalities(client, tva, utforare):
    a, b = tva
    enhetschef = AnvandareFactory.med_roll(Roll.ENHETSCHEF, utforare, username="ec")
    client.force_login(enhetschef)
    for k in (a, b):
        svar = hamta(client, "uppfoljning:arsuppfoljning", [k["insats"].pk, AR])
        assert svar.status_code == 200
    # Each contact is the municipality's whose insats it is.
    assert {i.katalog.kommun for i in Insats.objects.filter(kontakter__isnull=False)} == {
        "Testköping",
        "Annanstad",
    }
    annan_chef = AnvandareFactory.med_roll(
        Roll.ENHETSCHEF, UtforareFactory(namn="Annan utförare"), username="ec2"
    )
    client.force_login(annan_chef)
    assert hamta(client, "uppfoljning:arsuppfoljning", [a["insats"].pk, AR]).status_code == 404


def test_every_municipality_has_its_accessibility_statement(client, tva):
    a, b = tva
    for k in (a, b):
        svar = client.get(reverse("publik:tillganglighet", args=[k["katalog"].slug]))
        assert svar.status_code == 200
        assert f"{k['katalog']} står bakom" in svar.text
        assert re.search(r"digg\.se", svar.text)
