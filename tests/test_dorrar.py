"""Every door, tried by someone of the other side: each URL with an id or a slug, as every
role of another utförare and another municipality, by GET and by POST with tampered hidden
fields and another user's one-time form key. The answer is the same 404 as for an id that
does not exist (or 405 for a method the view does not take, or the sign-in), never a 403 or
a 500, and nothing in the database changes."""

from __future__ import annotations

import datetime
import re
import uuid

import pytest
from django.apps import apps
from django.db.models import Q
from django.urls import reverse

from dokumentation.deltagande.models import Deltagande, Person
from dokumentation.journal.models import Journalanteckning
from dokumentation.kontakter.models import Kontakt
from dokumentation.kontakter.services import Personuppgifter
from dokumentation.logg.models import Atkomstlogg
from dokumentation.orosanmalan.models import Orosanmalan
from dokumentation.rattelser.models import Post, Rattelse
from dokumentation.tillfallen.models import Narvaro, Omgang, Tillfalle
from insatser.models import Beslut, BeslutadAndring, Insats
from organisation.models import Roll
from tests.dokumentation.conftest import registrera, traff_i_dag
from tests.factories import (
    AnvandareFactory,
    BeslutFactory,
    InsatsFactory,
    KatalogFactory,
    UtforareFactory,
)
from uppfoljning.exportnycklar import aterkalla_nyckel, skapa_nyckel
from uppfoljning.models import Arsuppfoljning, Exportnyckel

# An attack, as the disclosure attacker's: in make test, not in the fast tier (make snabbtest).
pytestmark = [pytest.mark.django_db, pytest.mark.angrepp]

IDAG = datetime.date.today()
AR = IDAG.year - 1
SAKNAS = 987654  # an id nothing has


def sida(namn: str, slug: str, katalog=None) -> dict:
    """A municipality with its own utförare, staff, catalogue and records; with `katalog`,
    another utförare of that municipality, with its own insatser and records."""
    if katalog is not None:
        namn = f"{namn} {slug}"
    utforare = UtforareFactory(namn=f"Familjecentralen {namn}")
    katalog = katalog or KatalogFactory(kommun=namn)
    kommun = katalog.kommunen
    personal = AnvandareFactory.med_roll(Roll.UTFORARPERSONAL, utforare, username=f"p-{slug}")
    chef = AnvandareFactory.med_roll(Roll.ENHETSCHEF, utforare, username=f"ec-{slug}")

    def insats(benamning, **falt):
        return InsatsFactory(
            katalog=katalog,
            utforare=utforare,
            beslutad=True,
            giltig_fran=datetime.date(AR - 1, 1, 1),
            namn=f"{benamning} {namn}",
            **falt,
        )

    def ny_omgang(benamning, startdatum):
        return Omgang.objects.create(
            insats=grupp,
            utforare=utforare,
            benamning=f"{benamning} {slug}",
            startdatum=startdatum,
            antal_traffar=4,
            min_deltagare=1,
            max_deltagare=5,
        )

    identifierad = {"dokumentationsregel": "14:3", "dokumentation_motivering": None}
    samtal = insats("Stödsamtal", **identifierad)
    grupp = insats("Grupp", form=Insats.Form.GRUPP, **identifierad)
    oppen = insats("Mötesplats", form=Insats.Form.OPPEN_VERKSAMHET)
    omgang = ny_omgang("Höst", IDAG)
    planerad = ny_omgang("Vår", IDAG + datetime.timedelta(days=60))
    person = Personuppgifter("198503121231", "Annika", f"Testsson{slug}", False)
    kontakt = registrera(personal, samtal, svar=[], person=person)
    i_gruppen = registrera(
        personal,
        grupp,
        person=Personuppgifter("196408233234", "Bertil", f"Prov{slug}", False),
        omgang=omgang,
    )
    traff = traff_i_dag(omgang, personal)
    idag = IDAG
    nasta = idag + datetime.timedelta(days=30)
    andring = BeslutadAndring.objects.create(
        insats=samtal,
        beslut=BeslutFactory(katalog=katalog, datum=idag, galler_fran=nasta),
        galler_fran=nasta,
        falt={"max_tillfallen": 9},
        infort=idag,
    )
    nyckel, hemlig = skapa_nyckel(kommun=kommun, konsument=f"Power BI {slug}", skapad_av=None)
    return {
        "utforare": utforare,
        "katalog": katalog,
        "kommun": kommun,
        "samtal": samtal,
        "grupp": grupp,
        "oppen": oppen,
        "utkast": InsatsFactory(katalog=katalog, namn=f"Utkast {namn}"),
        "omgang": omgang,
        "planerad": planerad,
        "kontakt": kontakt,
        "deltagande": kontakt.deltagande,
        "i_gruppen": i_gruppen.deltagande,
        "traff": traff,
        "andring": andring,
        "beslut": BeslutFactory(katalog=katalog),
        "exportnyckel": nyckel,
        "hemlig": hemlig,
        "roller": {
            "personal": personal,
            "enhetschef": chef,
            "verksamhetschef": AnvandareFactory.med_roll(
                Roll.VERKSAMHETSCHEF, kommun=kommun, username=f"vc-{slug}"
            ),
            "sekreterare": AnvandareFactory.med_roll(
                Roll.NAMNDSEKRETERARE, kommun=kommun, username=f"ns-{slug}"
            ),
        },
    }


@pytest.fixture
def tva():
    return sida("Testköping", "a"), sida("Annanstad", "b")


def dorrar(b: dict) -> list[tuple[str, list]]:
    """Every URL that names something of the other side (b), with its arguments."""
    d, o, t = b["deltagande"], b["omgang"], b["traff"]
    return [
        ("dokumentation:kontakt_ny", [b["samtal"].pk]),
        ("dokumentation:kontakt_klar", [b["kontakt"].pk]),
        ("dokumentation:ny_kod", [b["samtal"].pk]),
        ("dokumentation:deltagande", [d.pk]),
        ("dokumentation:samtal_ny", [d.pk]),
        ("dokumentation:hanvisa", [d.pk]),
        ("dokumentation:starta", [b["i_gruppen"].pk]),
        ("dokumentation:avsluta", [d.pk]),
        ("dokumentation:journal_ny", [d.pk]),
        ("dokumentation:omgang", [o.pk]),
        ("dokumentation:skriv_in", [o.pk]),
        ("dokumentation:stall_in", [b["planerad"].pk]),
        ("dokumentation:avsluta_omgang", [o.pk]),
        ("dokumentation:avsluta_deltagare", [o.pk]),
        ("dokumentation:traff", [t.pk]),
        ("dokumentation:oppning_ny", [b["oppen"].pk]),
        ("dokumentation:ratta", [Post.KONTAKT, b["kontakt"].pk]),
        ("dokumentation:ratta", [Post.DELTAGANDE, d.pk]),
        ("dokumentation:ratta", [Post.TILLFALLE, t.pk]),
        ("dokumentation:makulera", [Post.KONTAKT, b["kontakt"].pk]),
        ("dokumentation:makulera", [Post.TILLFALLE, t.pk]),
        ("dokumentation:historik", [Post.KONTAKT, b["kontakt"].pk]),
        ("dokumentation:historik", [Post.DELTAGANDE, d.pk]),
        ("dokumentation:oro", [b["samtal"].pk]),
        ("insatser:insats", [b["samtal"].pk]),
        ("insatser:insats", [b["utkast"].pk]),
        ("insatser:andra", [b["samtal"].pk]),
        ("insatser:upphor", [b["samtal"].pk]),
        ("insatser:ta_bort", [b["utkast"].pk]),
        ("insatser:jamfor", [b["samtal"].pk]),
        ("insatser:aterkalla_andring", [b["andring"].pk]),
        ("insatser:beslut", [b["beslut"].pk]),
        ("insatser:for_in_beslut", [b["beslut"].pk]),
        ("insatser:lista", [b["katalog"].slug]),
        ("insatser:ny", [b["katalog"].slug]),
        ("insatser:beslut_lista", [b["katalog"].slug]),
        ("insatser:per_datum", [b["katalog"].slug]),
        ("insatser:jamfor_beslut", [b["katalog"].slug]),
        ("insatser:installningar", [b["katalog"].slug]),
        ("insatser:exportera", [b["katalog"].slug]),
        ("uppfoljning:arsuppfoljning", [b["samtal"].pk, AR]),
        ("uppfoljning:aterkalla_exportnyckel", [b["exportnyckel"].pk]),
    ]


def manipulerat(a: dict, b: dict) -> dict:
    """A form with every hidden field pointing at the other side, and the other side's key."""
    return {
        "nyckel": str(b["kontakt"].inlamningsnyckel),
        "insats": b["samtal"].pk,
        "utforare": b["utforare"].pk,
        "omgang": b["omgang"].pk,
        "flytta_till": b["planerad"].pk,
        "deltagande": b["deltagande"].pk,
        "narvarande": [b["i_gruppen"].pk],
        "var_narvarande": [b["i_gruppen"].pk],
        "avsluta": [b["deltagande"].pk, b["i_gruppen"].pk],
        "next": "https://angripare.example/",
        "kommun": b["kommun"].pk,
        "katalog": b["katalog"].pk,
        "beslut": b["beslut"].pk,
        "datum": IDAG.isoformat(),
        "kanal": "telefon",
        "text": "Försök",
        "slutdatum": IDAG.isoformat(),
        "signera": "1",
        "bekrafta": "1",
        f"k{b['kommun'].pk}-kommun": b["kommun"].pk,
        f"k{b['kommun'].pk}-konsument": "Angripare",
    }


def raderna() -> dict[str, int]:
    """The number of rows of every table but the sessions (the sign-in writes those)."""
    return {
        m._meta.label: m._base_manager.count()
        for m in apps.get_models()
        if m._meta.managed and m._meta.label not in ("sessions.Session",)
    }


def _utan_sokvag(text: str) -> str:
    """The page without what differs on every answer: the CSRF token, the path the sign-out
    returns to, the session's end to the microsecond and the seconds left of it, and the
    minute it ends (in the header and in the timeout dialog: a long loop crosses a minute)."""
    return re.sub(
        r'(value|datetime|data-absolut-kvar)="[^"]*"|\d\d:\d\d</time>'
        r"|(?<=<span data-slutar>)\d\d:\d\d",
        "",
        text,
    )


ROLLER = ["personal", "enhetschef", "verksamhetschef", "sekreterare"]


@pytest.mark.parametrize("roll", ROLLER)
def test_every_door_of_the_other_side_is_not_found(client, tva, roll):
    a, b = tva
    client.force_login(a["roller"][roll])
    fore = raderna()
    assert not stangda(client, a, b, dorrar(b))
    assert raderna() == fore


def stangda(client, a: dict, b: dict, dorrarna) -> list:
    """Every door by GET and by a tampered POST: what does not answer the missing id's 404."""
    saknas = _utan_sokvag(client.get(reverse("dokumentation:deltagande", args=[SAKNAS])).text)
    fynd = []
    for namn, args in dorrarna:
        url = reverse(namn, args=args)
        for metod in ("get", "post"):
            svar = getattr(client, metod)(url, manipulerat(a, b) if metod == "post" else {})
            if svar.status_code == 405:
                continue
            if svar.status_code != 404:
                fynd.append((metod, namn, args, svar.status_code))
            elif _utan_sokvag(svar.text) != saknas:
                fynd.append((metod, namn, args, "annan 404-sida"))
    return fynd


def test_an_administrator_sees_no_door_of_staff_or_the_namnd(client, tva):
    a, b = tva
    admin = AnvandareFactory.med_roll(Roll.SYSTEMADMINISTRATOR, username="admin")
    client.force_login(admin)
    fore = raderna()
    for sidan in (a, b):
        for namn, args in dorrar(sidan):
            url = reverse(namn, args=args)
            assert client.get(url).status_code in (404, 405), url
            assert client.post(url, manipulerat(a, b)).status_code in (404, 405), url
    assert raderna() == fore


def test_the_open_export_answers_one_404_without_a_valid_key_of_the_municipality(client, tva):
    a, b = tva
    url = reverse("api_publicerat", args=[a["kommun"].slug, "csv"])
    assert client.get(url, HTTP_AUTHORIZATION=f"Bearer {a['hemlig']}").status_code == 200
    saknas = client.get(reverse("api_publicerat", args=["finns-inte", "csv"]))
    assert saknas.status_code == 404
    for rubrik in (
        {},
        {"HTTP_AUTHORIZATION": f"Bearer {b['hemlig']}"},
        {"HTTP_AUTHORIZATION": "Bearer x"},
    ):
        svar = client.get(url, **rubrik)
        assert svar.status_code == 404 and svar.content == saknas.content
    # Signed in as the municipality's own verksamhetschef is no key either, and not-found
    # looks the same as signed out: the same page, not the signed-in menu and name.
    utan = {
        "url": url,
        "format": reverse("api_publicerat", args=[a["kommun"].slug, "xml"]),
        "utan kommun": "/api/publicerat/",
        "annat": "/api/finns-inte/",
    }
    utloggad = {namn: client.get(adress) for namn, adress in utan.items()}
    client.force_login(a["roller"]["verksamhetschef"])
    inloggad = client.get(reverse("api_publicerat", args=["finns-inte", "csv"]))
    assert _utan_sokvag(client.get(url).text) == _utan_sokvag(inloggad.text)
    assert inloggad.content == saknas.content
    for namn, adress in utan.items():
        svar = client.get(adress, HTTP_AUTHORIZATION=f"Bearer {b['hemlig']}")
        assert svar.status_code == 404 and svar.content == utloggad[namn].content, namn
        assert svar.content == saknas.content, namn
    client.logout()
    # A revoked key is no key.
    aterkalla_nyckel(a["exportnyckel"])
    svar = client.get(url, HTTP_AUTHORIZATION=f"Bearer {a['hemlig']}")
    assert svar.status_code == 404 and svar.content == saknas.content


def den_andras(b: dict) -> dict[str, list]:
    """Every row of the other side (b), as it stands: what a tampered form must leave alone,
    and the access log of b's people, which a sight of them would grow."""
    u, k = b["utforare"], b["katalog"]
    ratt = Q(utforare=u) | Q(insats__utforare=u)
    urval = {
        "kontakt": Kontakt.objects.filter(ratt),
        "deltagande": Deltagande.objects.filter(ratt),
        "person": Person.objects.filter(utforare=u),
        "tillfalle": Tillfalle.objects.filter(ratt),
        "omgang": Omgang.objects.filter(ratt),
        "narvaro": Narvaro.objects.filter(Q(deltagande__utforare=u) | Q(tillfalle__utforare=u)),
        "journal": Journalanteckning.objects.filter(deltagande__utforare=u),
        "oro": Orosanmalan.objects.filter(ratt),
        "rattelse": Rattelse.objects.filter(ratt),
        "logg": Atkomstlogg.objects.filter(Q(utforare=u) | Q(deltagande__utforare=u)),
        "insats": Insats.objects.filter(katalog=k),
        "beslut": Beslut.objects.filter(katalog=k),
        "andring": BeslutadAndring.objects.filter(Q(insats__katalog=k) | Q(katalog=k)),
        "exportnyckel": Exportnyckel.objects.filter(kommun=b["kommun"]),
        "arsuppfoljning": Arsuppfoljning.objects.filter(insats__katalog=k),
    }
    return {namn: sorted(map(repr, qs.values())) for namn, qs in urval.items()}


def egna_dorrar(a: dict) -> list[tuple[str, list]]:
    """The own side's doors, and its pages without an id that take a form."""
    return dorrar(a) + [
        (namn, [])
        for namn in (
            "dokumentation:kontakt_valj",
            "dokumentation:deltaganden",
            "dokumentation:vilande",
            "dokumentation:omgangar",
            "dokumentation:registreringar",
            "dokumentation:rattelser",
            "dokumentation:registerutdrag",
            "dokumentation:logg",
            "uppfoljning:exportnycklar",
            "uppfoljning:index",
            "insatser:importera",
        )
    ]


@pytest.mark.parametrize("roll", ROLLER)
def test_a_tampered_form_at_ones_own_door_touches_nothing_of_the_other_side(client, tva, roll):
    """Own URLs, hidden fields (insats, utförare, round, participation, municipality, the
    export key's municipality) pointing at the other side and the other side's form key."""
    a, b = tva
    client.force_login(a["roller"][roll])
    fynd, andrat = manipulera_egna_dorrar(client, a, b)
    assert not fynd
    assert andrat == {}


def manipulera_egna_dorrar(client, a: dict, b: dict) -> tuple[list, dict]:
    """Tampered forms at every door of a's (b's hidden fields, with b's and with a fresh
    form key): what answered 403, 500 or went off-site, and which of b's rows changed."""
    fore = den_andras(b)
    fynd = []
    for namn, args in egna_dorrar(a):
        url = reverse(namn, args=args)
        for data in (manipulerat(a, b), {**manipulerat(a, b), "nyckel": str(uuid.uuid4())}):
            svar = client.post(url, data)
            if svar.status_code in (403, 500) or (
                svar.status_code == 302 and "angripare" in svar["Location"]
            ):
                fynd.append((namn, args, svar.status_code))
    efter = den_andras(b)
    return fynd, {n: efter[n] for n in fore if efter[n] != fore[n]}
