"""Queries per page do not depend on the amount of data.

Every GET page of the app is opened by a user with the right role, once on a small dataset and
once after adding several times more of everything the pages show (contacts, participations,
sessions, rounds, attendance, journal notes, access-log rows, insatser, decisions, versions,
follow-ups and staff). Both requests must run exactly the pinned number of queries, so an N+1
that creeps into a view or a template fails here.

The follow-up pages read fixed periods (a year beside the two before it, or one half-year), so
their counts are pinned for those; they grow neither with the activity nor with the number of
insatser, as the second request also has more insatser.

Left out: the systemadministratör's /system/ (Django's admin, not our views), logging out (POST
only) and POST-only URLs. Each page is opened once before it is counted, on both datasets, so
that what the first visit does (the two-factor device, caches, the statistics of closed periods
computed and kept) does not count. All pages share one dataset,
each a subtest: building the data per page made this file most of the suite's time.
"""

import datetime
import uuid
from collections.abc import Callable
from typing import Any, NamedTuple

import pytest
from django.test import Client
from django.test.utils import override_settings
from django.urls import reverse

from dokumentation.deltagande.models import Deltagande
from dokumentation.deltagande.services import avsluta_deltagande, registrera_samtal
from dokumentation.journal.services import skriv_journalanteckning
from dokumentation.kontakter.services import Personuppgifter
from dokumentation.logg.models import Atkomstlogg, Logggranskning
from dokumentation.tillfallen.models import Omgang, Tillfalle
from dokumentation.tillfallen.services import andra_narvaro, registrera_oppning, registrera_traff
from insatser import andringar
from insatser import services as katalogtjanster
from insatser.models import Insats
from organisation.models import Behorighet, Roll
from tests.conftest import VerifieradKlient
from tests.dokumentation import conftest as utforarfixturer
from tests.dokumentation.conftest import registrera
from tests.factories import (
    AnvandareFactory,
    BeslutFactory,
    InsatsFactory,
    KatalogFactory,
    VillkorFactory,
)
from uppfoljning import publicering
from uppfoljning import services as uppfoljningstjanster
from uppfoljning.models import Arsuppfoljning

IDAG = datetime.date.today()
HALVAR = f"{IDAG.year}-H{1 if IDAG.month <= 6 else 2}"
MER = 4  # the second request sees this many more of everything than the first
FORMER = [Insats.Form.GRUPP, Insats.Form.INDIVIDUELL, Insats.Form.OPPEN_VERKSAMHET]

# The staff tests' catalogue, insatser and round, reused as they are.
katalog = utforarfixturer.katalog
grupp = utforarfixturer.grupp
omgang = utforarfixturer.omgang
radgivning = utforarfixturer.radgivning
full_dokumentation = utforarfixturer.full_dokumentation
ungdom = utforarfixturer.ungdom
oppen = utforarfixturer.oppen


def person(nr: int, *, skyddad: bool = False) -> Personuppgifter:
    return Personuppgifter(f"1980{nr:08d}", "Test", "Person", skyddad)


def ny_omgang(insats, benamning: str) -> Omgang:
    return Omgang.objects.create(
        insats=insats,
        utforare=insats.utforare,
        benamning=benamning,
        startdatum=IDAG,
        antal_traffar=8,
        max_deltagare=100,
    )


def traff(omgang: Omgang, personal) -> Tillfalle:
    return registrera_traff(
        omgang=omgang,
        datum=IDAG,
        langd_minuter=120,
        personal=personal,
        nyckel=uuid.uuid4(),
        idag=IDAG,
    )


def samtal(deltagande: Deltagande, personal) -> None:
    registrera_samtal(
        deltagande=deltagande,
        datum=IDAG,
        langd_minuter=45,
        kanal="telefon",
        personal=personal,
        nyckel=uuid.uuid4(),
        idag=IDAG,
    )


def lasning(anvandare, deltagande: Deltagande) -> None:
    Atkomstlogg.objects.create(
        anvandare=anvandare,
        utforare_id=deltagande.utforare_id,
        handling=Atkomstlogg.Handling.LASA,
        deltagande=deltagande,
        vad="Öppnade deltagandet",
    )


def andra_insats(insats, anvandare, beslut=None) -> None:
    """One more version of an insats, as the sekreterare saves it."""
    insats.refresh_from_db()
    insats.innehall = f"{insats.innehall} Reviderad."
    andringar.andra_insats(
        insats=insats,
        villkor=list(insats.villkor.all()),
        anvandare=anvandare,
        beslut=beslut,
        version=insats.version,
    )


def lagg_till(d: dict[str, Any], antal: int) -> None:
    """`antal` more of everything the pages show, on the pages' own records and beside them."""
    for _ in range(antal):
        d["n"] = n = d["n"] + 1
        kollega = AnvandareFactory.med_roll(Roll.UTFORARPERSONAL, d["utforare"])
        barn = {"svar": ["uppfyllt", "uppfyllt"], "barnets_alder": 5}
        # Contacts and participations in every insats, some that led nowhere.
        i_gruppen = registrera(kollega, d["grupp"], omgang=d["omgang"], **barn).deltagande
        registrera(kollega, d["grupp"], omgang=d["planerad"], **barn)
        registrera(kollega, d["grupp"], omgang=d["planerad"], utfall="vantelista", **barn)
        registrera(kollega, d["grupp"], utfall="avbojde", **barn)
        radgivning = registrera(kollega, d["radgivning"], minuter=45).deltagande
        registrera(kollega, d["radgivning"], utfall="avbojde")
        registrera(
            kollega,
            d["grupp"],
            utfall="hanvisad_ansoka",
            svar=["ej_uppfyllt", "uppfyllt"],
            barnets_alder=14,
        )
        identifierad = registrera(
            kollega, d["full_dokumentation"], person=person(n), svar=["uppfyllt"]
        ).deltagande
        skyddad = registrera(
            kollega,
            d["full_dokumentation"],
            person=person(1000 + n, skyddad=True),
            svar=["uppfyllt"],
        ).deltagande
        lasning(d["personal"], skyddad)
        registrera(kollega, d["ungdom"], alder=16, svar=["uppfyllt", "uppfyllt"], unga_vill=True)
        avsluta_deltagande(
            deltagande=registrera(kollega, d["radgivning"]).deltagande,
            slutdatum=IDAG,
            avbrott=False,
            idag=IDAG,
            maende_slut=4,
        )
        # Quiet participations (no session for months): one with a talk long ago, one
        # identified without any.
        sedan = IDAG - datetime.timedelta(days=200)
        registrera(kollega, d["radgivning"], datum=sedan, minuter=45)
        registrera(
            kollega,
            d["full_dokumentation"],
            person=person(2000 + n),
            svar=["uppfyllt"],
            datum=sedan,
        )
        # Sessions, journal notes and reads on the pages' own participations and the new ones.
        for deltagande in (d["radgivningsdeltagare"], radgivning, d["identifierad"], identifierad):
            samtal(deltagande, kollega)
        for deltagande in (d["identifierad"], identifierad):
            skriv_journalanteckning(
                deltagande=deltagande, text=f"Anteckning {n}.", anvandare=kollega
            )
            lasning(kollega, deltagande)
            lasning(d["personal"], deltagande)
        # Meetings and attendance in the page's round, and a round of its own.
        ny_traff = traff(d["omgang"], kollega)
        narvarande = list(d["omgang"].deltaganden.values_list("pk", flat=True))
        andra_narvaro(traff=ny_traff, lagg_till=narvarande, ta_bort=[])
        andra_narvaro(traff=d["traff"], lagg_till=[i_gruppen.pk], ta_bort=[])
        egen = ny_omgang(d["grupp"], f"Omgång {n}")
        deltagare = registrera(kollega, d["grupp"], omgang=egen, **barn).deltagande
        andra_narvaro(traff=traff(egen, kollega), lagg_till=[deltagare.pk], ta_bort=[])
        ny_omgang(d["grupp"], f"Planerad {n}")
        registrera_oppning(
            insats=d["oppen"],
            datum=IDAG,
            langd_minuter=180,
            personal=kollega,
            antal={("kvinna", "25-44"): 3, ("man", "65-"): 2},
            nyckel=uuid.uuid4(),
            idag=IDAG,
        )
        Logggranskning.objects.create(
            granskare=d["enhetschef"], utforare=d["utforare"], manad=IDAG.replace(day=1), flaggade=n
        )
        # The catalogue: decisions, insatser decided under the page's decision, drafts and
        # new versions of the pages' insatser.
        beslut = BeslutFactory(katalog=d["katalog"], datum=IDAG)
        ny = InsatsFactory(
            katalog=d["katalog"],
            utforare=d["utforare"],
            namn=f"Ny insats {n}",
            form=FORMER[n % len(FORMER)],
        )
        VillkorFactory(insats=ny)
        katalogtjanster.besluta_insatser(insatser=[ny], beslut=d["beslut"], anvandare=None)
        InsatsFactory(katalog=d["katalog"], namn=f"Utkast {n}")
        andra_insats(d["beslutad"], d["sekreterare"], beslut)
        andra_insats(d["utkast"], d["sekreterare"])
        # Follow-ups of the new insats and of earlier years of the pages' insatser.
        Arsuppfoljning.objects.create(insats=ny, ar=IDAG.year, analys="Påbörjad.")
        for insats in (d["radgivning"], d["grupp"], d["full_dokumentation"]):
            Arsuppfoljning.objects.create(insats=insats, ar=IDAG.year - n)


@pytest.fixture
def data(
    utforare,
    personal,
    enhetschef,
    sekreterare,
    katalog,
    grupp,
    omgang,
    radgivning,
    full_dokumentation,
    ungdom,
    oppen,
):
    # Two catalogues, and a secretary of both: the index pages list them.
    annan = KatalogFactory(kommun="Annanstad")
    Behorighet.objects.create(
        anvandare=sekreterare, roll=Roll.NAMNDSEKRETERARE, kommun=annan.kommunen
    )
    Omgang.objects.filter(pk=omgang.pk).update(max_deltagare=100)
    omgang.refresh_from_db()
    # The data grow past the 4 meetings a round of ABC may have (11 kap. 5 §, which the
    # database guards): a cap high enough that growth is what is measured, and the cap's own
    # queries still run.
    Insats.objects.filter(pk=grupp.pk).update(max_tillfallen=100)
    grupp.refresh_from_db()
    barn = {"svar": ["uppfyllt", "uppfyllt"], "barnets_alder": 5}
    gruppdeltagare = registrera(personal, grupp, omgang=omgang, **barn).deltagande
    utkast = InsatsFactory(katalog=katalog, namn="Nytt utkast")
    VillkorFactory(insats=utkast)
    d = {
        "utforare": utforare,
        "personal": personal,
        "enhetschef": enhetschef,
        "sekreterare": sekreterare,
        "katalog": katalog,
        "grupp": grupp,
        "omgang": omgang,
        "planerad": ny_omgang(grupp, "Höst"),
        "radgivning": radgivning,
        "full_dokumentation": full_dokumentation,
        "ungdom": ungdom,
        "oppen": oppen,
        "gruppdeltagare": gruppdeltagare,
        "radgivningsdeltagare": registrera(personal, radgivning).deltagande,
        "identifierad": registrera(
            personal, full_dokumentation, person=person(0), svar=["uppfyllt"]
        ).deltagande,
        "traff": traff(omgang, personal),
        "beslutad": grupp,
        "beslut": grupp.beslut,
        "utkast": utkast,
        "n": 0,  # how many times more of everything has been added
    }
    andra_narvaro(traff=d["traff"], lagg_till=[gruppdeltagare.pk], ta_bort=[])
    lagg_till(d, 1)
    # This year published, as it will be once it has ended: the follow-up pages read the
    # stored publication.
    publicering.publicera_allt(datetime.date(IDAG.year + 1, 2, 1))
    # A follow-up begun, one signed, and one not yet begun (full_dokumentation).
    Arsuppfoljning.objects.create(insats=radgivning, ar=IDAG.year, analys="Påbörjad.")
    signerad = Arsuppfoljning(
        insats=grupp,
        ar=IDAG.year,
        analys="Analys.",
        sammanfattning="Sammanfattning.",
        slutsats="Slutsats.",
        bedomning="uppnatt",
        forslag="behall",
    )
    uppfoljningstjanster.spara_arsuppfoljning(
        uppfoljning=signerad, version=1, signera=True, anvandare=enhetschef
    )
    return d


Argument = Callable[[dict[str, Any]], list[Any]]


def inga(d: dict[str, Any]) -> list[Any]:
    return []


def _namngiven(namn: str, argument: Argument) -> Argument:
    argument.__name__ = namn  # shown in the test's id
    return argument


def pk(namn: str) -> Argument:
    return _namngiven(namn, lambda d: [d[namn].pk])


def slug(d: dict[str, Any]) -> list[Any]:
    return [d["katalog"].slug]


def publik(namn: str) -> Argument:
    return _namngiven(namn, lambda d: [d["katalog"].slug, d[namn].pk])


def manad(d: dict[str, Any]) -> list[Any]:
    return [IDAG.year, IDAG.month]


def uppfoljning(namn: str) -> Argument:
    return _namngiven(namn, lambda d: [d[namn].pk, IDAG.year])


def kontakt(d: dict[str, Any]) -> list[Any]:
    return [d["gruppdeltagare"].kontakt_id]


def halvar(d: dict[str, Any]) -> list[Any]:
    return [HALVAR]


def ar(d: dict[str, Any]) -> list[Any]:
    return [IDAG.year]


def rapportfil(format: str) -> Argument:
    return _namngiven(format, lambda d: [IDAG.year, format])


class Sida(NamedTuple):
    """A page: its URL name and arguments, who opens it, and the queries it may run."""

    namn: str
    args: Argument
    roll: str | None  # a role fixture; None is a visitor who is not logged in
    fragor: int
    parametrar: dict[str, str] | None = None
    verifierad: bool = True  # False: logged in with the password only
    installningar: dict[str, Any] | None = None


UTAN_MINNE = {
    "CACHES": {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "rapporter": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
    }
}

SIDOR = [
    # Public and login
    Sida("publik:start", inga, None, 1),
    Sida("publik:katalog", slug, None, 4),
    Sida("publik:katalog", slug, None, 4, {"q": "a", "alder": "30"}),
    Sida("publik:insats", publik("grupp"), None, 3),
    Sida("publik:utskrift", slug, None, 4),  # +1: decided changes waiting (issue 18)
    Sida("halsa", inga, None, 1),
    Sida("login", inga, None, 0),
    # Setting up: the app's unconfirmed device, and whether the second factor was reset.
    Sida("tvasteg", inga, "personal", 9, verifierad=False),
    # Start page, for each role
    # +1 on the pages that show identified people: one row per person to the access log,
    # written in one statement.
    Sida("start", inga, "personal", 15),
    Sida("start", inga, "enhetschef", 16),
    # +1: every published period, for the reports to the nämnd (uppfoljning.atkomst).
    Sida("start", inga, "verksamhetschef", 8),
    Sida("start", inga, "sekreterare", 8),
    Sida("start", inga, "systemadministrator", 7),
    # The catalogue (nämndsekreterare)
    Sida("insatser:index", inga, "sekreterare", 7),
    Sida("insatser:importera", inga, "sekreterare", 6),
    Sida("insatser:lista", slug, "sekreterare", 10),
    Sida("insatser:lista", slug, "sekreterare", 10, {"status": "utkast"}),
    Sida("insatser:ny", slug, "sekreterare", 8),
    Sida("insatser:beslut_lista", slug, "sekreterare", 8),
    # +1 where the catalogue is read on the decisions' time axis: the decided changes that
    # wait for a later day (insatser.historik, issue 18).
    Sida("insatser:per_datum", slug, "sekreterare", 10),
    Sida("insatser:jamfor_beslut", slug, "sekreterare", 11),
    # +2: the decisions to choose from, and a change of the settings waiting for its day.
    Sida("insatser:installningar", slug, "sekreterare", 10),
    Sida("insatser:exportera", slug, "sekreterare", 9),
    Sida("insatser:insats", pk("beslutad"), "sekreterare", 10),
    Sida("insatser:insats", pk("utkast"), "sekreterare", 11),
    Sida("insatser:andra", pk("beslutad"), "sekreterare", 10),
    Sida("insatser:andra", pk("utkast"), "sekreterare", 10),
    Sida("insatser:upphor", pk("beslutad"), "sekreterare", 8),
    Sida("insatser:jamfor", pk("beslutad"), "sekreterare", 10),
    Sida("insatser:beslut", pk("beslut"), "sekreterare", 10),
    # The utförare's staff
    Sida("dokumentation:kontakt_valj", inga, "personal", 7),
    # The insats and its villkor come from the kept catalogue (insatser.katalogcache), under
    # the token read with the user.
    Sida("dokumentation:kontakt_ny", pk("grupp"), "personal", 8),
    Sida("dokumentation:kontakt_ny", pk("radgivning"), "personal", 6),
    Sida("dokumentation:kontakt_ny", pk("full_dokumentation"), "personal", 6),
    Sida("dokumentation:kontakt_ny", pk("ungdom"), "personal", 6),
    Sida("dokumentation:kontakt_klar", kontakt, "personal", 8),
    # +1: the count of quiet participations (deltagande.vilande), one query.
    Sida("dokumentation:deltaganden", inga, "personal", 12),
    Sida("dokumentation:deltaganden", inga, "personal", 12, {"status": "alla"}),
    # The quiet ones with their last session and count, in one query; their sight logged.
    Sida("dokumentation:vilande", inga, "personal", 8),
    # A participation's insats comes from the kept catalogue (its token read in the same
    # query as the participation, no join); its round and its person are read where there
    # is one.
    Sida("dokumentation:deltagande", pk("gruppdeltagare"), "personal", 12),
    Sida("dokumentation:deltagande", pk("radgivningsdeltagare"), "personal", 11),
    Sida("dokumentation:deltagande", pk("identifierad"), "personal", 13),
    Sida("dokumentation:avsluta", pk("identifierad"), "personal", 9),
    Sida("dokumentation:omgangar", inga, "personal", 9),
    Sida("dokumentation:omgang", pk("omgang"), "personal", 10),
    Sida("dokumentation:omgang", pk("planerad"), "personal", 12),
    Sida("dokumentation:traff", pk("traff"), "personal", 10),
    Sida("dokumentation:avsluta_deltagare", pk("omgang"), "personal", 8),
    Sida("dokumentation:oppning_valj", inga, "personal", 7),
    Sida("dokumentation:oppning_ny", pk("oppen"), "personal", 6),
    # The year so far: one query per measure for all the utförare's insatser (sessions over
    # a cap are two: talks and attendance).
    Sida("dokumentation:hittills", inga, "personal", 20),
    Sida("dokumentation:logg", inga, "enhetschef", 9),
    Sida("dokumentation:granskning", manad, "enhetschef", 10),
    # Follow-up reads the stored publications (uppfoljning/publicerat.py): every count of the
    # catalogue in one query and the publications in one more, whatever the volume; more data
    # after a publication changes nothing on these pages.
    Sida("uppfoljning:index", inga, "enhetschef", 8, {"ar": str(IDAG.year)}),
    Sida("uppfoljning:index", inga, "verksamhetschef", 11, {"ar": str(IDAG.year)}),
    # (The signed one, grupp, shows its frozen figures; who signed it is one query more.)
    Sida("uppfoljning:arsuppfoljning", uppfoljning("radgivning"), "enhetschef", 10),
    Sida("uppfoljning:arsuppfoljning", uppfoljning("grupp"), "enhetschef", 11),
    Sida("uppfoljning:arsuppfoljning", uppfoljning("full_dokumentation"), "enhetschef", 10),
    Sida("uppfoljning:arsuppfoljning", uppfoljning("radgivning"), "verksamhetschef", 10),
    Sida("uppfoljning:riktlinje", halvar, "verksamhetschef", 12),
    # The board report as sent again from the process's memory (uppfoljning/rapportcache.py)…
    Sida("uppfoljning:rapport", ar, "verksamhetschef", 10),
    Sida("uppfoljning:rapport", ar, "sekreterare", 10),
    Sida("uppfoljning:rapport_fil", rapportfil("csv"), "sekreterare", 8),
    Sida("uppfoljning:rapport_fil", rapportfil("xlsx"), "sekreterare", 8),
    Sida("uppfoljning:rapport_fil", rapportfil("pdf"), "sekreterare", 8),
    # …and as built, when nothing is kept (one query of them the signed guideline follow-ups;
    # two the access-log reviews of the internal control per risk, statistik.loggkontroll,
    # and one the names of the utförare with a month not reviewed, which the row lists).
    Sida("uppfoljning:rapport", ar, "verksamhetschef", 21, installningar=UTAN_MINNE),
    Sida("uppfoljning:rapport_fil", rapportfil("csv"), "sekreterare", 19, installningar=UTAN_MINNE),
    Sida(
        "uppfoljning:rapport_fil", rapportfil("xlsx"), "sekreterare", 19, installningar=UTAN_MINNE
    ),
    Sida("uppfoljning:rapport_fil", rapportfil("pdf"), "sekreterare", 20, installningar=UTAN_MINNE),
]


def _id(sida: Sida) -> str:
    delar = [sida.namn, sida.roll or "anonym"]
    if sida.installningar is UTAN_MINNE:
        delar.append("byggd")
    if sida.args.__name__ not in ("inga", "slug", "manad", "ar", "halvar"):
        delar.append(sida.args.__name__)
    if sida.parametrar:
        delar.append("&".join(f"{k}={v}" for k, v in sida.parametrar.items()))
    return "-".join(delar)


@pytest.mark.django_db
def test_queries_per_page_do_not_grow_with_data(request, data, subtests, django_assert_num_queries):
    klienter: dict[tuple[str | None, bool], Client] = {}

    def klient(sida: Sida) -> Client:
        """One client per role, signed in once, as a user moves between pages."""
        nyckel = (sida.roll, sida.verifierad)
        if nyckel not in klienter:
            klienter[nyckel] = VerifieradKlient() if sida.verifierad else Client()
            if sida.roll:
                klienter[nyckel].force_login(request.getfixturevalue(sida.roll))
        return klienter[nyckel]

    def hamta(sida: Sida) -> None:
        with override_settings(**(sida.installningar or {})):
            svar = klient(sida).get(reverse(sida.namn, args=sida.args(data)), sida.parametrar)
        assert svar.status_code == 200

    for sida in SIDOR:
        # Everyone signed in first, so the two-factor step sees the device of a user who has
        # one, as on any day but the first.
        klient(sida)
    for sida in SIDOR:
        with subtests.test(_id(sida)):
            hamta(sida)  # what the first visit does once (the device, caches) is not counted
            with django_assert_num_queries(sida.fragor):
                hamta(sida)
    lagg_till(data, MER)
    for sida in SIDOR:
        # The first visit after the catalogue's rounds changed reads them again for the
        # cache (insatser/katalogcache.py); not counted.
        hamta(sida)
        with subtests.test(f"{_id(sida)} with more data"), django_assert_num_queries(sida.fragor):
            hamta(sida)


@pytest.mark.django_db
def test_the_pages_fetched_together_still_name_what_they_did(client, data, personal, sekreterare):
    """The decisions on the catalogue per date and the insats in a round's name, now fetched
    with their rows, are shown as before."""
    client.force_login(sekreterare)
    svar = client.get(reverse("insatser:per_datum", args=[data["katalog"].slug]))
    for rad in svar.context["insatser"]:
        if rad.insats.beslut_id:
            assert f"Beslut: {rad.insats.beslut}" in svar.text
    client.force_login(personal)
    svar = client.get(reverse("dokumentation:kontakt_ny", args=[data["grupp"].pk]))
    assert "Föräldragrupp ABC – Höst" in svar.text
    svar = client.get(reverse("dokumentation:omgang", args=[data["planerad"].pk]))
    assert "Föräldragrupp ABC – Planerad 1" in svar.text
