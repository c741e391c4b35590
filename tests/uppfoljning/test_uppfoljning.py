"""Follow-up on a dataset with known answers, including a unique person in a small insats:
the figures, the disclosure control of every table and export, freezing on signature, and
the role matrix."""

import csv
import datetime
import io
import random
import uuid

import openpyxl
import pytest
from django.urls import reverse
from pypdf import PdfReader

from dokumentation.deltagande.services import (
    avsluta_deltagande,
    registrera_samtal,
    starta_fran_vantelistan,
)
from dokumentation.demo import personnummer_for
from dokumentation.kontakter.services import Personuppgifter
from dokumentation.tillfallen.models import Omgang
from dokumentation.tillfallen.services import andra_narvaro, registrera_oppning, registrera_traff
from insatser.models import Insats
from organisation.models import Roll
from tests.conftest import delad, rollanvandare
from tests.dokumentation.conftest import forbi_trigger, registrera
from tests.factories import (
    ARSUPPFOLJNING_IFYLLD,
    AnvandareFactory,
    InsatsFactory,
    KatalogFactory,
    UtforareFactory,
    VillkorFactory,
)
from uppfoljning import publicerat, publicering
from uppfoljning.models import Arsuppfoljning, Publicering, Publiceringspost
from uppfoljning.rapport import bygg_rapport, som_rader

AR = datetime.date.today().year - 1
DAG = datetime.date(AR, 5, 10)


def pnr_45_ar(nr: int) -> str:
    """A valid personnummer of someone 45 on DAG (each nr a different person)."""
    return personnummer_for(random.Random(nr), 45, DAG)


@pytest.fixture(scope="module")
def _dataset(moduldatabas):
    """Built once per module: registering and publishing takes seconds (tests/conftest.py)."""
    utforare = UtforareFactory(namn="Familjecentralen")
    annan_utforare = UtforareFactory(namn="Beroendemottagningen")
    personal = rollanvandare("personal")
    katalog = KatalogFactory()
    abc = InsatsFactory(
        katalog=katalog,
        utforare=utforare,
        beslutad=True,
        namn="ABC",
        identitetsundantag=True,
        form=Insats.Form.GRUPP,
    )
    radgivning = InsatsFactory(
        katalog=katalog,
        utforare=utforare,
        beslutad=True,
        namn="Stödsamtal våld",
        form=Insats.Form.INDIVIDUELL,
    )
    identifierad = InsatsFactory(
        katalog=katalog,
        utforare=utforare,
        beslutad=True,
        namn="Boendestöd",
        dokumentationsregel="14:3",
        form=Insats.Form.INDIVIDUELL,
    )
    VillkorFactory(insats=identifierad, typ="alder", min_alder=18, kommun=None)
    oppen = InsatsFactory(
        katalog=katalog,
        utforare=utforare,
        beslutad=True,
        namn="Träffpunkt",
        identitetsundantag=True,
        form=Insats.Form.OPPEN_VERKSAMHET,
    )
    InsatsFactory(katalog=katalog, utforare=annan_utforare, beslutad=True, namn="Annans")
    omgang = Omgang.objects.create(
        insats=abc,
        utforare=utforare,
        benamning="Vår",
        startdatum=DAG,
        antal_traffar=4,
        max_deltagare=12,
    )
    deltagare = []
    for n in range(10):
        kon = "kvinna" if n < 7 else "man"
        deltagare.append(
            registrera(personal, abc, datum=DAG, kon=kon, alder=35, omgang=omgang).deltagande
        )
    for _ in range(2):
        registrera(personal, abc, datum=DAG, kon="kvinna", alder=30, utfall="avbojde")
    traffar = [
        registrera_traff(
            omgang=omgang,
            datum=DAG,
            langd_minuter=150,
            personal=personal,
            nyckel=uuid.uuid4(),
            idag=DAG,
        )
        for _ in range(2)
    ]
    andra_narvaro(traff=traffar[0], lagg_till=[d.pk for d in deltagare], ta_bort=[])
    andra_narvaro(traff=traffar[1], lagg_till=[d.pk for d in deltagare[:8]], ta_bort=[])
    # The unique person: one man aged 70 in support talks about violence.
    ensam = registrera(personal, radgivning, datum=DAG, kon="man", alder=70).deltagande
    for _ in range(2):
        registrera_samtal(
            deltagande=ensam,
            datum=DAG,
            langd_minuter=45,
            kanal="telefon",
            personal=personal,
            nyckel=uuid.uuid4(),
            idag=DAG,
        )
    # Six identified people, one of whom takes part twice: six unique participants.
    pnr = [pnr_45_ar(n) for n in (1, 2, 3, 1, 4, 5, 6)]
    for p in pnr:
        registrera(
            personal,
            identifierad,
            datum=DAG,
            svar=["uppfyllt"],
            kon="kvinna",
            alder=45,
            person=Personuppgifter(p, "Test", "Person", False),
        )
    registrera_oppning(
        insats=oppen,
        datum=DAG,
        langd_minuter=180,
        personal=personal,
        antal={("kvinna", "65-"): 25, ("man", "65-"): 15},
        nyckel=uuid.uuid4(),
        idag=DAG,
    )
    publicering.publicera_allt()
    return {
        "abc": abc,
        "radgivning": radgivning,
        "identifierad": identifierad,
        "oppen": oppen,
        "katalog": katalog,
    }


@pytest.fixture
def dataset(_dataset, db):
    return delad(_dataset)


def rader(tabell):
    return {r.nyckel: [c.visning for c in r.celler] for r in tabell.rader}


def tabell(dataset, enhet="KAT"):
    pub = publicerat.Publicerat(dataset["katalog"])
    return rader(publicerat.indikatortabell(pub, enhet, [str(AR)], medel=True))


def test_known_answers_for_the_whole_catalogue(dataset):
    r = tabell(dataset)
    assert r["kontakter"] == ["20"]  # 12 + 1 + 7
    assert r["avbojde"] == ["×"]  # 2 declined: small
    assert r["informerade"] == ["100 %"]
    assert r["unika"] == ["17"]  # 10 codes + 1 code + 6 persons (one of them twice)
    assert r["narvaro"] == ["18"] and r["besok"] == ["40"]


def test_the_unique_man_is_protected_everywhere(dataset):
    liten = tabell(dataset, dataset["radgivning"].pk)
    assert liten["kontakter"] == ["×"] and liten["unika"] == ["×"]


def test_every_export_is_protected(dataset):
    rapport = bygg_rapport(dataset["katalog"], AR)
    for rad in som_rader(rapport)[1:]:
        for varde in rad[2:-1]:
            assert not (str(varde).isdigit() and 0 < int(varde) < 5), rad


def test_yearly_follow_up_is_frozen_when_signed(client, enhetschef, dataset, personal):
    client.force_login(enhetschef)
    url = reverse("uppfoljning:arsuppfoljning", args=[dataset["abc"].pk, AR])
    sida = client.get(url)
    assert sida.status_code == 200 and "Kontakter" in sida.text
    text = ARSUPPFOLJNING_IFYLLD
    svar = client.post(url, {**text, "analys": "", "signera": "1"})
    assert "Fyll i innan du signerar." in svar.text
    assert client.post(url, {**text, "signera": "1"}).status_code == 302
    u = Arsuppfoljning.objects.get()
    assert u.status == "signerad" and u.signerad_av == enhetschef
    fryst = u.siffror
    # Data changes afterwards; the signed follow-up does not.
    for _ in range(6):
        registrera(personal, dataset["abc"], datum=DAG, utfall="avbojde")
    u.refresh_from_db()
    assert u.siffror == fryst
    assert "12" in client.get(url).text
    assert client.post(url, {**text, "analys": "Ändrat"}).status_code == 404
    with pytest.raises(ValueError, match="ändras aldrig"):
        u.analys = "Ändrat i efterhand"
        u.save()


def test_signing_shows_every_problem_at_once(client, enhetschef, dataset):
    """A negative cost, a text that names someone and the fields signing needs: told together
    on the first try, each next to its field in plain Swedish; nothing saved."""
    client.force_login(enhetschef)
    url = reverse("uppfoljning:arsuppfoljning", args=[dataset["abc"].pk, AR])
    svar = client.post(
        url,
        {
            **ARSUPPFOLJNING_IFYLLD,
            "analys": "",
            "slutsats": "Ring 070-123 45 67",
            "bedomning": "",
            "kostnad": "-5",
            "signera": "1",
        },
    )
    form = svar.context["form"]
    assert form.errors["kostnad"] == ["Kostnaden kan inte vara negativ."]
    assert form.errors["analys"] == ["Fyll i innan du signerar."]
    assert form.errors["bedomning"] == ["Fyll i innan du signerar."]
    assert "telefonnummer" in form.errors["slutsats"][0]
    assert "Kontrollera att detta värde" not in svar.text
    assert not Arsuppfoljning.objects.exists()
    # Only saved, not signed: the fields signing needs are not asked for.
    svar = client.post(url, {**ARSUPPFOLJNING_IFYLLD, "analys": "", "kostnad": "-5"})
    assert set(svar.context["form"].errors) == {"kostnad"}


def test_reports_open_and_read(client, verksamhetschef, dataset):
    client.force_login(verksamhetschef)
    html = client.get(reverse("uppfoljning:rapport", args=[AR]))
    assert html.status_code == 200 and "<svg" in html.text
    pdf = client.get(reverse("uppfoljning:rapport_fil", args=[AR, "pdf"]))
    text = "".join(s.extract_text() for s in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Uppföljning av insatser utan individuell" in text and f"behovsprövning {AR}" in text
    assert "Intern kontroll" in text and "Stödsamtal våld" in text
    xlsx = client.get(reverse("uppfoljning:rapport_fil", args=[AR, "xlsx"]))
    blad = openpyxl.load_workbook(io.BytesIO(xlsx.content))["Indikatorer"]
    varden = [[c.value for c in rad] for rad in blad.iter_rows()]
    assert varden[0][:2] == ["Del", "Indikator"]
    assert ["Stödsamtal våld", "Kontakter"] in [r[:2] for r in varden]
    stod = next(r for r in varden if r[:2] == ["Stödsamtal våld", "Kontakter"])
    assert stod[varden[0].index(str(AR))] == "×"
    ut = client.get(reverse("uppfoljning:rapport_fil", args=[AR, "csv"]))
    rader_ = list(csv.reader(io.StringIO(ut.content.decode("utf-8-sig")), delimiter=";"))
    # The indicators as in the XLSX's sheet, then the internal control per risk under its
    # own header (the XLSX has it as a sheet of its own).
    risker = [r for r in rader_ if r[0] == "Intern kontroll per risk"]
    assert rader_[0][0] == "Del" and len(rader_) == len(varden) + 1 + len(risker)
    assert rader_[len(varden)][:3] == ["Del", "Kontrollområde", "Risk"] and len(risker) >= 5
    assert client.get(reverse("uppfoljning:rapport_fil", args=[AR, "doc"])).status_code == 404


def test_guideline_follow_up_by_half_year(client, verksamhetschef, dataset):
    client.force_login(verksamhetschef)
    svar = client.get(reverse("uppfoljning:riktlinje", args=[f"{AR}-H1"]))
    assert svar.status_code == 200
    assert svar.context["totalt"]["kontakter"].visning == "20"
    for felaktig in [f"{AR}-H3", f"{AR}-05", f"{AR}"]:
        assert client.get(reverse("uppfoljning:riktlinje", args=[felaktig])).status_code == 404


def test_reminder_on_the_start_page(client, enhetschef, dataset):
    client.force_login(enhetschef)
    sida = client.get(reverse("start")).text
    assert "Årsuppföljningar att göra" in sida and f"ABC {AR}" in sida


@pytest.mark.django_db
class TestRollmatris:
    def sidor(self, dataset):
        return {
            "index": reverse("uppfoljning:index"),
            "egen": reverse("uppfoljning:arsuppfoljning", args=[dataset["abc"].pk, AR]),
            "riktlinje": reverse("uppfoljning:riktlinje", args=[f"{AR}-H1"]),
            "rapport": reverse("uppfoljning:rapport", args=[AR]),
            "xlsx": reverse("uppfoljning:rapport_fil", args=[AR, "xlsx"]),
        }

    @pytest.mark.parametrize(
        ("roll", "far"),
        [
            ("enhetschef", {"index", "egen"}),
            ("verksamhetschef", {"index", "egen", "riktlinje", "rapport", "xlsx"}),
            ("sekreterare", {"rapport", "xlsx"}),
            ("personal", set()),
            ("systemadministrator", set()),
        ],
    )
    def test_roles(self, client, alla_roller, dataset, roll, far):
        client.force_login(alla_roller[roll])
        for namn, url in self.sidor(dataset).items():
            assert client.get(url).status_code == (200 if namn in far else 404), (roll, namn)

    def test_unit_manager_at_another_utforare(self, client, annan_utforare, dataset):
        client.force_login(AnvandareFactory.med_roll(Roll.ENHETSCHEF, annan_utforare))
        assert client.get(self.sidor(dataset)["egen"]).status_code == 404
        index = client.get(self.sidor(dataset)["index"]).text
        assert "Annans" in index and "ABC" not in index

    def test_verksamhetschef_reads_but_does_not_write(self, client, verksamhetschef, dataset):
        client.force_login(verksamhetschef)
        url = self.sidor(dataset)["egen"]
        assert client.post(url, {"analys": "x", "version": 1}).status_code == 404
        assert not Arsuppfoljning.objects.exists()

    def test_anonymous(self, client, dataset):
        for url in self.sidor(dataset).values():
            assert client.get(url)["Location"].startswith(reverse("login"))


def test_waiting_time_social_situation_and_refused_texts(client, personal, dataset):
    omgang = Omgang.objects.get()
    Omgang.objects.filter(pk=omgang.pk).update(max_deltagare=20)
    vantande = [
        registrera(
            personal, dataset["abc"], datum=DAG, omgang=omgang, utfall="vantelista"
        ).deltagande
        for _ in range(5)
    ]
    for d in vantande:
        starta_fran_vantelistan(
            deltagande=d, datum=DAG + datetime.timedelta(days=10), idag=datetime.date.today()
        )
    slut = DAG + datetime.timedelta(days=40)
    for d in vantande:
        d.refresh_from_db()
        d.boende_start = "tillfalligt"
        d.save()
        avsluta_deltagande(
            deltagande=d,
            slutdatum=slut,
            avbrott=False,
            idag=datetime.date.today(),
            boende_slut="eget",
        )
    client.force_login(personal)
    pagaende = dataset["abc"].deltaganden.filter(status="pagaende").first()
    client.post(
        reverse("dokumentation:avsluta", args=[pagaende.pk]),
        {
            "slutdatum": slut,
            "avbrott": "ja",
            "avbrottsorsak": "annat",
            "avbrott_text": "ring 070-123 45 67",
        },
    )
    # Published afresh for this test: the fixture's publication is frozen.
    Arsuppfoljning.objects.all().delete()
    with (
        forbi_trigger("uppfoljning_publiceringspost", "uppfoljning_publiceringspost_andras_aldrig"),
        forbi_trigger("uppfoljning_publicering", "uppfoljning_publicering_andras_aldrig"),
    ):
        Publiceringspost.objects.all().delete()
        Publicering.objects.all().delete()
    publicering.publicera_allt()
    pub = publicerat.Publicerat(dataset["katalog"])
    assert pub.cell("medel.vantetid", dataset["abc"].pk, str(AR)).visning == "10,0"
    boende = dict(publicerat.social(pub, dataset["abc"].pk, str(AR)))["Boende"]
    assert [
        (n, a.visning, b.visning) for n, a, b in boende if n in ("Eget boende", "Tillfälligt")
    ] == [("Eget boende", "0", "5"), ("Tillfälligt", "5", "0")]


def test_a_yearly_follow_up_written_past_the_timeout_comes_back(client, enhetschef, dataset):
    """An hour of analysis, posted after the sign-in ended: kept, and shown filled in after
    signing in again – not saved behind the enhetschef's back."""
    from django.contrib.sessions.models import Session

    url = reverse("uppfoljning:arsuppfoljning", args=[dataset["abc"].pk, AR])
    client.force_login(enhetschef)
    assert client.get(reverse("start")).status_code == 200
    Session.objects.all().delete()  # the idle timeout
    analys = "Gruppen fylldes tidigt; kvällstiderna passade de flesta."
    svar = client.post(url, {**ARSUPPFOLJNING_IFYLLD, "analys": analys})
    assert svar.status_code == 302 and svar["Location"].startswith(reverse("login"))
    assert not Arsuppfoljning.objects.exists()
    client.force_login(enhetschef)
    sida = client.get(url)
    assert "ifyllt igen" in sida.text and analys in sida.text
    assert not Arsuppfoljning.objects.exists()


def test_unmet_villkor_are_named_as_staff_know_them():
    """The yearly follow-up lists unmet villkor by their Swedish name, not their code."""

    class Pub:
        poster = {
            ("villkor_ej.typ.folkbokford", "7", "2025"),
            ("villkor_ej.typ.alder", "7", "2025"),
            ("villkor_ej.typ.borttagen_typ", "7", "2025"),
        }

        def cell(self, nyckel, enhet, kolumn):
            return nyckel

    namn = [n for n, _ in publicerat.villkor(Pub(), 7, "2025")]
    assert namn == ["Ålder", "borttagen_typ", "Folkbokförd i kommunen"]
