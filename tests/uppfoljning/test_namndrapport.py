"""The nämnd's report as a board paper, on a municipality with three years of data: the cover,
the summary, no columns of zeros, "Utveckling" only between shown counts of years an insats
existed, the signed follow-up's assessment, cost from shown counts only, numbers as numbers
in XLSX, the tagged PDF stored and served again, and the open long-format export validated
against its own schema. No hidden count in any format."""

import csv
import datetime
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import jsonschema
import openpyxl
import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from pypdf import PdfReader

from organisation.models import Roll
from tests.conftest import delad, rollanvandare
from tests.dokumentation.conftest import registrera
from tests.factories import (
    AnvandareFactory,
    InsatsFactory,
    KatalogFactory,
    UtforareFactory,
    provkommun,
)
from uppfoljning import export, publicering, services
from uppfoljning.matt import MATTEN
from uppfoljning.models import (
    Arsuppfoljning,
    Folkmangd,
    Namndrapport,
    Publiceringspost,
    Rapportfil,
    Riktlinjeuppfoljning,
)
from uppfoljning.rapport import bygg_rapport

AR = datetime.date.today().year - 1
SCHEMA = Path(__file__).resolve().parents[2] / "docs" / "export" / "publicerat.schema.json"
ANALYS = "Gruppen fylldes varje termin och väntelistan kortades."


@pytest.fixture(scope="module")
def _tre_ar(moduldatabas):
    """Built once per module: publishing three years takes seconds (tests/conftest.py)."""
    utforare = UtforareFactory(namn="Familjecentralen")
    personal, enhetschef = rollanvandare("personal"), rollanvandare("enhetschef")
    katalog = KatalogFactory()
    kommun = katalog.kommunen
    kommun.kod = "1882"
    kommun.save()
    stod = InsatsFactory(
        katalog=katalog,
        utforare=utforare,
        beslutad=True,
        namn="Stödsamtal anhöriga",
        identitetsundantag=True,
        form="individuell",
    )
    ny = InsatsFactory(
        katalog=katalog,
        utforare=utforare,
        beslutad=True,
        namn="Ny rådgivning",
        form="individuell",
        giltig_fran=datetime.date(AR, 1, 1),
    )
    liten = InsatsFactory(
        katalog=katalog,
        utforare=utforare,
        beslutad=True,
        namn="Liten grupp",
        form="individuell",
    )
    for ar, antal in [(AR - 2, 20), (AR - 1, 30), (AR, 40)]:
        for n in range(antal):
            registrera(
                personal,
                stod,
                datum=datetime.date(ar, 1 + n % 12, 10),
                kon="kvinna",
                alder=35,
                minuter=45,
            )
    for n in range(9):
        registrera(personal, ny, datum=datetime.date(AR, 4, 1 + n), kon="kvinna", alder=40)
    registrera(personal, liten, datum=datetime.date(AR - 2, 6, 1), kon="man", alder=70)
    for n in range(7):
        registrera(personal, liten, datum=datetime.date(AR, 6, 1 + n), kon="kvinna", alder=50)
    publicering.publicera_allt()
    for ar, kostnad in [(AR - 1, 96_000), (AR, 150_000)]:
        services.spara_arsuppfoljning(
            uppfoljning=Arsuppfoljning(
                insats=stod,
                ar=ar,
                analys=ANALYS,
                sammanfattning="Fler anhöriga nåddes.",
                slutsats="Insatsen behålls.",
                bedomning="delvis",
                forslag="behall",
                kostnad=kostnad,
            ),
            version=1,
            signera=True,
            anvandare=enhetschef,
        )
    # A draft is not the enhetschef's word: it never reaches the board.
    Arsuppfoljning.objects.create(insats=ny, ar=AR, analys="Utkast som inte ska synas")
    Folkmangd.objects.create(kommun=kommun, ar=AR, invanare=25_000)
    return {"katalog": katalog, "stod": stod, "ny": ny, "liten": liten}


@pytest.fixture
def tre_ar(_tre_ar, db):
    return delad(_tre_ar)


class Tabeller(HTMLParser):
    """The rows of every table on a page, under the insats heading (h3) before it, as the eye
    reads them (a cell's words for a screen reader only, "dolt" beside "×", are left out)."""

    def __init__(self):
        super().__init__()
        self.rader, self.rubrik, self._rad, self._text, self._i = [], "", None, None, None
        self._las_upp = False

    def handle_starttag(self, tag, attrs):
        if tag == "span" and "visuellt-dold" in (dict(attrs).get("class") or ""):
            self._las_upp = True
        elif tag == "tr":
            self._rad = []
        elif tag in ("th", "td") and self._rad is not None:
            self._text = ""
        elif tag == "h3":
            self._i = ""

    def handle_endtag(self, tag):
        if tag == "span":
            self._las_upp = False
        if tag in ("th", "td") and self._rad is not None and self._text is not None:
            self._rad.append(self._text.strip())
            self._text = None
        elif tag == "tr" and self._rad is not None:
            self.rader.append((self.rubrik, self._rad))
            self._rad = None
        elif tag == "h3" and self._i is not None:
            self.rubrik, self._i = self._i.strip(), None

    def handle_data(self, data):
        if self._las_upp:
            return
        if self._text is not None:
            self._text += data
        if self._i is not None:
            self._i += data


def dolda(katalog):
    """(insats name, measure heading, column) of every hidden count of the insatser."""
    return {
        (p.insats.namn, MATTEN[p.matt].rubrik, p.kolumn): p.sant
        for p in Publiceringspost.objects.filter(
            publicering__katalog=katalog,
            status=Publiceringspost.Status.DOLD,
            insats__isnull=False,
            matt__in=list(MATTEN),
        ).select_related("insats")
        if "@" not in p.kolumn
    }


def test_three_years_as_a_board_paper(tre_ar):
    r = bygg_rapport(tre_ar["katalog"], AR)
    assert r.perioder == [str(AR - 2), str(AR - 1), str(AR)]
    delar = {d.insats.namn: d for d in r.insatser}
    # The insats in force from AR did not exist before: no zeros, no development.
    ny = delar["Ny rådgivning"]
    assert ny.fanns == [False, False, True]
    for rad in ny.tabell.rader:
        assert [c.visning for c in rad.celler[:2]] == ["–", "–"], rad
        assert rad.utveckling in ("", "–"), rad
    # The large insats over three years: a development between shown counts.
    stod = {r_.nyckel: r_ for r_ in delar["Stödsamtal anhöriga"].tabell.rader}
    # AR - 2 is hidden: it would give away the one man in the small insats that year.
    assert [c.visning for c in stod["kontakter"].celler] == ["×", "30", "40"]
    assert stod["kontakter"].utveckling == "+10 (+33%)"
    # Never a development from or to a hidden or missing count.
    for del_ in [*r.insatser]:
        for rad in del_.tabell.rader:
            if any(c.varde is None for c in rad.celler[-2:]):
                assert rad.utveckling in ("", "–"), (del_.insats.namn, rad)
    # The signed follow-up is the board's text; the draft is not.
    assert delar["Stödsamtal anhöriga"].uppfoljning.analys == ANALYS
    assert delar["Ny rådgivning"].uppfoljning is None
    # Cost per participant from the shown count only; per inhabitant from the population.
    # Participants of the year include those who began earlier and go on: 90, all shown.
    assert stod["unika"].celler[-1].visning == "90"
    assert stod["kostnad_per_deltagare"].celler[-1].visning == "1 667 kr"  # 150 000 / 90
    assert stod["kostnad_per_tillfalle"].celler[-1].visning == "3 750 kr"
    assert stod["kostnad"].celler[0].visning == "–"  # no signed follow-up for AR - 2
    katalogkostnad = {r_.nyckel: r_ for r_ in r.kostnad.rader}
    assert katalogkostnad["kostnad_per_invanare"].celler[-1].visning == "6 kr"
    # Not every insats has its cost: no cost per participant for the whole catalogue.
    assert katalogkostnad["kostnad_per_deltagare"].celler[-1].visning == "–"
    assert any("Delvis uppnått".lower() in m for m in r.sammanfattning)


def test_a_year_without_data_is_no_column(tre_ar):
    r = bygg_rapport(tre_ar["katalog"], AR - 2)
    assert r.perioder == [str(AR - 2)] and r.utan_data == [str(AR - 4), str(AR - 3)]


def test_cost_per_participant_is_hidden_with_the_count(tre_ar):
    liten = tre_ar["liten"]
    r = bygg_rapport(tre_ar["katalog"], AR - 1)
    del_ = next(d for d in r.insatser if d.insats == liten)
    rader = {x.nyckel: x for x in del_.tabell.rader}
    assert rader["unika"].celler[0].visning == "×"  # one man of 70 in AR - 2
    assert rader["unika"].utveckling == "–"
    stod = next(d for d in r.insatser if d.insats == tre_ar["stod"])
    kostnad = {x.nyckel: x for x in stod.tabell.rader}
    assert kostnad["kostnad"].celler[-1].visning == "96 000 kr"
    assert kostnad["kostnad_per_deltagare"].celler[-1].visning == "1 920 kr"  # / 50 shown


def test_every_format_shows_the_cover_and_hides_what_is_hidden(client, tre_ar, verksamhetschef):
    Namndrapport.objects.create(
        katalog=tre_ar["katalog"],
        ar=AR,
        diarienummer=f"{AR + 1}/14",
        ansvarig="Vera Verksamhetschef",
        ansvarig_titel="Verksamhetschef",
        datum=datetime.date(AR + 1, 3, 2),
    )
    client.force_login(verksamhetschef)
    dolt = dolda(tre_ar["katalog"])
    assert dolt, "the data set has hidden counts"

    html = client.get(reverse("uppfoljning:rapport", args=[AR])).text
    for varde in ("Testköpings kommun", f"{AR + 1}/14", "Vera Verksamhetschef", ANALYS):
        assert varde in html
    assert "Utkast som inte ska synas" not in html
    tabeller = Tabeller()
    tabeller.feed(html)
    rubriker = tabeller.rader[0][1] if tabeller.rader else []
    assert rubriker  # the catalogue's table has a header
    provade = 0
    for (insats, rubrik, kolumn), _ in dolt.items():
        for i, rad in tabeller.rader:
            if i == insats and rad[0] == rubrik and len(rad) >= 4:
                # The columns are the report's years in order, then Utveckling.
                kolumner = [str(AR - 2), str(AR - 1), str(AR)]
                if kolumn in kolumner:
                    assert rad[1 + kolumner.index(kolumn)] == "×", (insats, rubrik, kolumn, rad)
                    provade += 1
    assert provade

    bok = openpyxl.load_workbook(
        io.BytesIO(client.get(reverse("uppfoljning:rapport_fil", args=[AR, "xlsx"])).content)
    )
    assert bok.sheetnames[:3] == ["Försättsblad", "Sammanfattning", "Indikatorer"]
    forsatt = {r[0]: r[1] for r in bok["Försättsblad"].iter_rows(values_only=True)}
    assert forsatt["Diarienummer"] == f"{AR + 1}/14" and forsatt["Kommun"] == "Testköpings kommun"
    blad = [list(r) for r in bok["Indikatorer"].iter_rows(values_only=True)]
    rubrik = blad[0]
    ar_kol = [rubrik.index(str(a)) for a in (AR - 2, AR - 1, AR)]
    for rad in blad[1:]:
        for k in ar_kol:
            v = rad[k]
            assert v is None or isinstance(v, int | float) or v in ("×", "–"), rad
    stod = next(r for r in blad if r[:2] == ["Stödsamtal anhöriga", "Kontakter"])
    assert [stod[k] for k in ar_kol] == ["×", 30, 40]
    assert sum(stod[k] for k in ar_kol[1:]) == 70  # a controller can sum them
    assert stod[rubrik.index("Förändring")] == 10
    provade = 0
    for (insats, matt, kolumn), _ in dolt.items():
        for rad in blad:
            if rad[:2] == [insats, matt] and kolumn in rubrik:
                assert rad[rubrik.index(kolumn)] == "×", (insats, matt, kolumn)
                provade += 1
    assert provade
    assert "×" in {r[0] for r in bok["Förklaringar"].iter_rows(values_only=True)}
    bedomning = [r for r in bok["Bedömningar"].iter_rows(values_only=True)]
    assert ("Stödsamtal anhöriga", "Delvis uppnått") in [(r[0], r[2]) for r in bedomning]

    pdf = client.get(reverse("uppfoljning:rapport_fil", args=[AR, "pdf"]))
    lasare = PdfReader(io.BytesIO(pdf.content))
    text = "".join(s.extract_text() for s in lasare.pages)
    for varde in (f"{AR + 1}/14", "Vera Verksamhetschef", "Delvis uppnått", "Sammanfattning"):
        assert varde in text
    assert "Utkast som inte ska synas" not in text
    katalog = lasare.trailer["/Root"]
    assert katalog["/MarkInfo"]["/Marked"] and "/StructTreeRoot" in katalog
    assert katalog["/Lang"] == "sv"
    assert lasare.metadata.title.startswith("Uppföljning av insatser utan individuell")


def test_a_sub_row_is_named_with_its_row_in_the_spreadsheets(client, tre_ar, verksamhetschef):
    """The page indents "– började delta" under "Kontakter"; a spreadsheet row stands on its
    own, so the XLSX and the CSV name it "Kontakter – började delta", and none of the report's
    own labels shows the apostrophe that escapes a possible formula."""
    client.force_login(verksamhetschef)
    fil = client.get(reverse("uppfoljning:rapport_fil", args=[AR, "xlsx"])).content
    bok = openpyxl.load_workbook(io.BytesIO(fil))
    i_xlsx = [r[1] for r in bok["Indikatorer"].iter_rows(min_row=2, values_only=True)]
    text = client.get(reverse("uppfoljning:rapport_fil", args=[AR, "csv"])).content
    i_csv = [r[1] for r in csv.reader(io.StringIO(text.decode("utf-8-sig")), delimiter=";") if r]
    for etiketter in (i_xlsx, i_csv):
        assert "Kontakter – började delta" in etiketter
        assert "– började delta" not in etiketter
        assert not [e for e in etiketter if str(e).startswith("'")], etiketter


def test_the_pdf_is_stored_and_served_again(client, tre_ar, verksamhetschef, monkeypatch):
    client.force_login(verksamhetschef)
    url = reverse("uppfoljning:rapport_fil", args=[AR, "pdf"])
    forsta = client.get(url).content
    assert Rapportfil.objects.count() == 1

    def ingen_rendering(*args, **kwargs):
        raise AssertionError("rendered again")

    monkeypatch.setattr("weasyprint.HTML", ingen_rendering)
    assert client.get(url).content == forsta
    # A new cover is a new paper: rendered again, and the old one is dropped.
    monkeypatch.undo()
    Namndrapport.objects.create(katalog=tre_ar["katalog"], ar=AR, diarienummer="2099/1")
    assert client.get(url).content != forsta
    assert Rapportfil.objects.count() == 1


def test_the_way_back_from_the_report_leads_somewhere_for_each_reader(
    client, tre_ar, sekreterare, verksamhetschef
):
    """The secretary cannot open the follow-up: the report's way back is the start page for
    them (it led to a 'not found'), the follow-up for the verksamhetschef."""
    for anvandare, dit in ((sekreterare, "start"), (verksamhetschef, "uppfoljning:index")):
        client.force_login(anvandare)
        sidan = client.get(reverse("uppfoljning:rapport", args=[AR])).text
        tillbaka = re.search(r'<p class="brodsmula"><a href="([^"]+)"', sidan)
        assert tillbaka and tillbaka.group(1).split("?")[0] == reverse(dit)
        assert client.get(tillbaka.group(1)).status_code == 200


def test_the_secretary_fills_in_the_cover(client, tre_ar, sekreterare):
    client.force_login(sekreterare)
    url = reverse("uppfoljning:rapport", args=[AR])
    data = {
        "version": 1,
        "namnd": "Socialnämnden",
        "diarienummer": f"{AR + 1}/14",
        "datum": f"{AR + 1}-03-02",
        "ansvarig": "Sara Sekreterare",
        "ansvarig_titel": "Nämndsekreterare",
        "sammanfattning": "Insatserna når fler än året innan.",
        f"folkmangd_{AR}": "25100",
        f"folkmangd_{AR - 1}": "",
    }
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302  # sent twice: still one cover
    # A form opened before someone else saved is refused, and nothing is saved.
    svar = client.post(url, {**data, "diarienummer": "gammal"})
    assert svar.status_code == 200 and "sparats av någon annan" in svar.text
    u = Namndrapport.objects.get()
    assert u.diarienummer == f"{AR + 1}/14" and u.version == 2
    assert Folkmangd.objects.get(ar=AR).invanare == 25_100
    sida = client.get(url).text
    assert "Sara Sekreterare" in sida and "Insatserna når fler än året innan." in sida
    # A personnummer in the summary is refused next to the field, and nothing is saved.
    svar = client.post(url, {**data, "version": 2, "sammanfattning": "Se 19121212-1212"})
    assert svar.status_code == 200 and Namndrapport.objects.get().version == 2
    svar = client.post(url, {**data, "version": 2, "diarienummer": '2027/1"; }'})
    assert svar.status_code == 200 and Namndrapport.objects.get().version == 2
    svar = client.post(url, {**data, "version": 2, f"folkmangd_{AR}": "-4"})
    assert svar.status_code == 200 and "folkmangd" in svar.text


def test_open_export_follows_its_schema_and_hides_what_is_hidden(client, tre_ar, sekreterare):
    client.force_login(sekreterare)
    svar = client.get(reverse("uppfoljning:oppen_export", args=["json"]))
    data = json.loads(svar.content)
    jsonschema.validate(data, json.loads(SCHEMA.read_text()))
    assert data["kommunkod"] == "1882"
    poster = data["poster"]
    sant = {
        (p.matt, p.insats_id, p.kolumn): (p.sant, p.status)
        for p in Publiceringspost.objects.filter(publicering__katalog=tre_ar["katalog"])
    }
    assert len(poster) == len(sant)
    for p in poster:
        if p["status"] != "visas":
            assert p["varde"] is None, p
    stod = [
        p
        for p in poster
        if p["insats"] == "Stödsamtal anhöriga"
        and p["matt"] == "kontakter"
        and p["kon"] is None
        and p["aldersgrupp"] is None
        and len(p["period"]) == 4
    ]
    assert {p["period"]: p["varde"] for p in stod} == {
        str(AR - 2): None,
        str(AR - 1): 30,
        str(AR): 40,
    }
    assert any(p["kon"] == "kvinna" and p["aldersgrupp"] for p in poster)
    ut = client.get(reverse("uppfoljning:oppen_export", args=["csv"]))
    rader = list(csv.DictReader(io.StringIO(ut.content.decode())))
    assert list(rader[0]) == export.FALT and len(rader) == len(poster)
    for rad in rader:
        if rad["status"] == "dold":
            assert rad["varde"] == ""


@pytest.mark.django_db
class TestAtkomst:
    def adresser(self):
        return [
            reverse("uppfoljning:rapport", args=[AR]),
            reverse("uppfoljning:rapport_fil", args=[AR, "xlsx"]),
            reverse("uppfoljning:oppen_export", args=["json"]),
            reverse("uppfoljning:oppen_export", args=["csv"]),
        ]

    @pytest.mark.parametrize(
        ("roll", "far"),
        [
            ("verksamhetschef", True),
            ("sekreterare", True),
            ("enhetschef", False),
            ("personal", False),
            ("systemadministrator", False),
        ],
    )
    def test_roles(self, client, alla_roller, tre_ar, roll, far):
        client.force_login(alla_roller[roll])
        for url in self.adresser():
            assert client.get(url).status_code == (200 if far else 404), (roll, url)
        svar = client.post(self.adresser()[0], {"version": 1, "diarienummer": "1/1"})
        assert svar.status_code == (302 if far else 404)

    def test_another_municipality(self, client, tre_ar):
        KatalogFactory(kommun="Annanstad")
        for roll in (Roll.VERKSAMHETSCHEF, Roll.NAMNDSEKRETERARE):
            client.force_login(AnvandareFactory.med_roll(roll, kommun=provkommun("Annanstad")))
            slug = tre_ar["katalog"].slug
            for url in self.adresser():
                assert client.get(f"{url}?kommun={slug}").status_code == 404, url
            # Their own municipality has nothing published: no report, an empty export.
            assert client.get(self.adresser()[0]).status_code == 404
            egen = client.get(self.adresser()[2])
            assert egen.status_code == 200 and json.loads(egen.content)["poster"] == []
            svar = client.post(self.adresser()[0], {"version": 1, "diarienummer": "1/1"})
            assert svar.status_code == 404
        assert not Namndrapport.objects.exists()

    def test_anonymous(self, client, tre_ar):
        for url in self.adresser():
            assert client.get(url)["Location"].startswith(reverse("login"))


def test_the_verksamhetschef_sees_overdue_follow_ups(client, tre_ar, verksamhetschef, enhetschef):
    client.force_login(verksamhetschef)
    sida = client.get(reverse("uppfoljning:index"))
    forsenade = {(i.namn, ar): u for i, ar, u in sida.context["forsenade"]}
    # Signed for AR - 1 and AR; AR - 2 was never followed up.
    assert ("Stödsamtal anhöriga", AR - 2) in forsenade
    assert ("Stödsamtal anhöriga", AR) not in forsenade
    assert forsenade[("Ny rådgivning", AR)].status == "utkast"
    assert "Försenade årsuppföljningar" in sida.text
    # The enhetschef has their own reminder on the start page, not the overview.
    client.force_login(enhetschef)
    assert client.get(reverse("uppfoljning:index")).context["forsenade"] == []
    # Nothing of another municipality.
    KatalogFactory(kommun="Annanstad")
    client.force_login(
        AnvandareFactory.med_roll(Roll.VERKSAMHETSCHEF, kommun=provkommun("Annanstad"))
    )
    assert client.get(reverse("uppfoljning:index")).context["forsenade"] == []


def test_the_guideline_follow_up_is_written_and_signed(client, tre_ar, verksamhetschef):
    client.force_login(verksamhetschef)
    url = reverse("uppfoljning:riktlinje", args=[f"{AR}-H2"])
    text = {
        "version": 1,
        "anvandning": "Stödsamtalen används mest.",
        "rattigheter": "Alla informeras.",
        "dokumentation": "Inga avvikelser.",
        "risker": "Väntetiden.",
        "forslag": "",
    }
    svar = client.post(url, {**text, "signera": "1"})
    assert "Fyll i innan du signerar" in svar.text
    assert not Riktlinjeuppfoljning.objects.filter(status="signerad").exists()
    svar = client.post(url, {**text, "anvandning": "Ring 070-123 45 67"})
    assert svar.status_code == 200 and not Riktlinjeuppfoljning.objects.exists()
    assert client.post(url, text).status_code == 302
    assert client.post(url, {**text, "forslag": "Inga.", "signera": "1"}).status_code == 302
    u = Riktlinjeuppfoljning.objects.get()
    assert u.status == "signerad" and u.signerad_av == verksamhetschef
    sida = client.get(url)
    assert "Stödsamtalen används mest." in sida.text and "Signera och lås" not in sida.text
    assert client.post(url, {**text, "version": 3}).status_code == 404
    with pytest.raises(ValueError, match="ändras aldrig"):
        u.risker = "Ändrat"
        u.save()
    # The database refuses too, whoever writes.
    with pytest.raises(IntegrityError), transaction.atomic():
        Riktlinjeuppfoljning.objects.filter(pk=u.pk).update(risker="Ändrat")


def test_the_signed_guideline_follow_up_reaches_the_board_report(
    client, tre_ar, verksamhetschef, sekreterare
):
    """The report says it is the follow-up of the guideline too: the verksamhetschef's signed
    text per half-year, with the proposal to the nämnd, is in the page, the PDF and the XLSX
    the secretary downloads (a draft is not), and a new signature shows at once."""
    rapport = reverse("uppfoljning:rapport", args=[AR])
    client.force_login(sekreterare)
    forut = client.get(rapport)
    assert f"Ingen uppföljning av riktlinjen för {AR} är signerad." in forut.text
    client.force_login(verksamhetschef)
    url = reverse("uppfoljning:riktlinje", args=[f"{AR}-H2"])
    text = {
        "version": 1,
        "anvandning": "Stödsamtalen används mest.",
        "rattigheter": "Alla informeras.",
        "dokumentation": "Inga avvikelser.",
        "risker": "Väntetiden.",
        "forslag": "Ta bort åldersgränsen för anhörigstödet.",
    }
    assert client.post(url, text).status_code == 302
    client.force_login(sekreterare)
    assert "Ta bort åldersgränsen" not in client.get(rapport).text  # a draft is not shown
    client.force_login(verksamhetschef)
    assert client.post(url, {**text, "signera": "1"}).status_code == 302
    client.force_login(sekreterare)
    sida = client.get(rapport).text
    assert f"{AR}, halvår 2" in sida and "Ta bort åldersgränsen för anhörigstödet." in sida
    assert "Förslag till nämnden om revidering av riktlinjen" in sida
    assert "Ingen uppföljning av riktlinjen" not in sida
    pdf = client.get(reverse("uppfoljning:rapport_fil", args=[AR, "pdf"]))
    pdftext = "".join(s.extract_text() for s in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Uppföljning av riktlinjen" in pdftext and "Ta bort åldersgränsen" in pdftext
    xlsx = client.get(reverse("uppfoljning:rapport_fil", args=[AR, "xlsx"]))
    blad = openpyxl.load_workbook(io.BytesIO(xlsx.content))["Riktlinjen"]
    rader_ = [[c.value for c in rad] for rad in blad.iter_rows(values_only=False)]
    assert [f"{AR}, halvår 2", "Förslag till nämnden om revidering av riktlinjen"] in [
        r[:2] for r in rader_
    ]
    assert "Ta bort åldersgränsen för anhörigstödet." in [r[2] for r in rader_]


def test_the_guideline_follow_up_written_past_the_timeout_comes_back_to_its_page(
    client, tre_ar, verksamhetschef
):
    """Kept with its municipality (`?kommun=`): shown filled in on that page only, after
    signing in again, and not saved behind the verksamhetschef's back."""
    from django.contrib.sessions.models import Session

    from organisation.models import SparatArbete

    url = reverse("uppfoljning:riktlinje", args=[f"{AR}-H2"])
    sida = f"{url}?kommun={tre_ar['katalog'].slug}"
    client.force_login(verksamhetschef)
    assert client.get(reverse("start")).status_code == 200
    Session.objects.all().delete()  # the idle timeout
    risker = "Väntetiden till ABC växer under våren."
    svar = client.post(sida, {"version": 1, "risker": risker})
    assert svar.status_code == 302 and svar["Location"].startswith(reverse("login"))
    client.force_login(verksamhetschef)
    assert "ifyllt igen" not in client.get(url).text  # not this page: kept for its own
    assert SparatArbete.objects.exists()
    igen = client.get(sida)
    assert "ifyllt igen" in igen.text and risker in igen.text
    assert not SparatArbete.objects.exists() and not Riktlinjeuppfoljning.objects.exists()


def test_the_guideline_follow_up_of_another_municipality(client, tre_ar, enhetschef):
    KatalogFactory(kommun="Annanstad")
    url = reverse("uppfoljning:riktlinje", args=[f"{AR}-H2"])
    client.force_login(
        AnvandareFactory.med_roll(Roll.VERKSAMHETSCHEF, kommun=provkommun("Annanstad"))
    )
    assert client.post(f"{url}?kommun={tre_ar['katalog'].slug}", {"version": 1}).status_code == 404
    client.force_login(enhetschef)
    assert client.post(url, {"version": 1, "anvandning": "x"}).status_code == 404
    assert not Riktlinjeuppfoljning.objects.exists()


def test_the_pdf_fetches_nothing_from_a_network_or_a_file(monkeypatch, tmp_path):
    """No text in a report can make WeasyPrint read a local file or reach an internal
    address (SSRF): only data: URLs are read, and nothing is opened."""
    from urllib.request import OpenerDirector

    from uppfoljning.views import pdf_av

    hemlig = tmp_path / "hemlig.css"
    hemlig.write_text("body { color: red }")
    oppnade = []
    original = OpenerDirector.open

    def oppna(self, adress, *args, **kwargs):
        oppnade.append(getattr(adress, "full_url", adress))
        return original(self, adress, *args, **kwargs)

    monkeypatch.setattr(OpenerDirector, "open", oppna)
    html = (
        '<html lang="sv"><head><title>T</title>'
        f'<link rel="stylesheet" href="file://{hemlig}">'
        '<link rel="stylesheet" href="http://127.0.0.1:9/intern.css"></head>'
        '<body><p>Text</p><img alt="" src="http://169.254.169.254/latest/meta-data/"></body></html>'
    )
    assert pdf_av(html, base_url="https://iub.kommun.se/").startswith(b"%PDF")
    assert [a for a in oppnade if not str(a).startswith("data:")] == []


def test_no_text_of_the_cover_is_a_formula_in_a_spreadsheet(client, tre_ar, verksamhetschef):
    """The cover and the summary are typed by the nämndsekreterare: in the XLSX a text such as
    '=HYPERLINK(…)' stays text, as everywhere else in the report (the CSV has neither)."""
    elak = '=HYPERLINK("https://elak.example","Klicka")'
    Namndrapport.objects.create(
        katalog=tre_ar["katalog"],
        ar=AR,
        namnd="+SUM(A1:A9)",
        diarienummer="@cmd",
        ansvarig=elak,
        ansvarig_titel="-2+3",
        sammanfattning=elak,
    )
    client.force_login(verksamhetschef)
    bok = openpyxl.load_workbook(
        io.BytesIO(client.get(reverse("uppfoljning:rapport_fil", args=[AR, "xlsx"])).content)
    )
    celler = [c for blad in bok for rad in blad.iter_rows() for c in rad if c.value is not None]
    assert not [c.coordinate for c in celler if c.data_type == "f"]
    texter = {c.value for c in celler}
    assert {f"'{elak}", "'+SUM(A1:A9)", "'@cmd"} <= texter
