"""The figures 14 kap. 5 § and the staff's everyday work add to a publication: reasons for
stopping early and problems that arose, sessions over a cap with their reasons, reports of
worry about a child, new deltagarkoder. Year measures only: published per insats and for the
whole catalogue, small ones hidden under the same audit as every count, breakdowns that sum
to their totals, the same value in every format of the board report and in the open export,
and never a revision for a period published before they existed."""

import csv
import datetime
import io
import json
import uuid

import openpyxl
import pytest
from django.urls import reverse
from pypdf import PdfReader

from dokumentation.deltagande.services import (
    avsluta_deltagande,
    ge_ny_deltagarkod,
    registrera_samtal,
)
from dokumentation.orosanmalan.services import registrera_orosanmalan
from insatser.models import Insats
from tests.dokumentation.conftest import registrera
from tests.factories import InsatsFactory, KatalogFactory
from tests.uppfoljning.angripare import angrip
from tests.uppfoljning.test_namndrapport import Tabeller
from uppfoljning import bygge as byggmodul
from uppfoljning import matt as mattmodul
from uppfoljning import publicerat, publicering
from uppfoljning.models import Publiceringspost

AR = datetime.date.today().year - 1
NYA = [
    "problem",
    "over_taket",
    "orosanmalningar",
    "nya_deltagarkoder",
    *(m.nyckel for m in mattmodul.AVBROTT),
    *(m.nyckel for m in mattmodul.PROBLEM),
    *(m.nyckel for m in mattmodul.OVER_TAKET),
]
DELNINGAR = {"avbrutna": "avbrutna.orsak.", "problem": "problem.kod.", "over_taket": "over_taket."}


def avbrutna(personal, insats, datum, orsaker):
    """A participation per (reason, problem), ended early on `datum`."""
    for orsak, problem in orsaker:
        kontakt = registrera(personal, insats, datum=datum, kon="kvinna", alder=40)
        avsluta_deltagande(
            deltagande=kontakt.deltagande,
            slutdatum=datum,
            avbrott=True,
            avbrottsorsak=orsak,
            problem=problem,
            idag=datetime.date.today(),
        )


def over_taket(personal, insats, datum, skal):
    """A participant with a new code continuing to the cap, then a talk beyond it."""
    for s in skal:
        d = ge_ny_deltagarkod(
            anvandare=personal,
            insats=insats,
            datum=datum,
            kanal="telefon",
            alder=30,
            kon="man",
            tidigare_tillfallen=3,
            informerad=True,
            nyckel=uuid.uuid4(),
            idag=datum,
        )
        registrera_samtal(
            deltagande=d,
            datum=datum,
            langd_minuter=45,
            kanal="telefon",
            personal=personal,
            nyckel=uuid.uuid4(),
            idag=datum,
            over_taket=s,
        )


def oro(personal, insats, datum, antal):
    for _ in range(antal):
        registrera_orosanmalan(
            anvandare=personal, insats=insats, datum=datum, nyckel=uuid.uuid4(), idag=datum
        )


@pytest.fixture
def katalog(personal, personal_annan, utforare, annan_utforare):
    katalog = KatalogFactory()
    a = InsatsFactory(
        katalog=katalog, utforare=utforare, beslutad=True, form="individuell", namn="Samtal A"
    )
    b = InsatsFactory(
        katalog=katalog,
        utforare=annan_utforare,
        beslutad=True,
        form="individuell",
        namn="Samtal B",
    )
    Insats.objects.filter(pk__in=[a.pk, b.pk]).update(max_tillfallen=3)
    a.refresh_from_db()
    b.refresh_from_db()
    return {"katalog": katalog, "a": a, "b": b, "personal": personal, "annan": personal_annan}


def fyll(k, ar, manad):
    """Large counts and small ones of every new measure in both insatser."""
    dag = datetime.date(ar, manad, 10)
    avbrutna(
        k["personal"],
        k["a"],
        dag,
        [("flyttade", "uteblev")] * 6 + [("passade_ej", "konflikt")] * 2 + [("annat", "")] * 5,
    )
    avbrutna(k["annan"], k["b"], dag, [("flyttade", "uteblev")] * 7 + [("annat", "maende")])
    over_taket(k["personal"], k["a"], dag, ["avslutande"] * 5 + ["akut"])
    over_taket(k["annan"], k["b"], dag, ["ansokan_pagar"] * 2)
    oro(k["personal"], k["a"], dag, 7)
    oro(k["annan"], k["b"], dag, 2)


def poster(katalog):
    return {
        (p.matt, str(p.insats_id) if p.insats_id else "KAT", p.kolumn): p
        for p in Publiceringspost.objects.filter(publicering__katalog=katalog)
    }


def test_the_new_measures_are_published_per_year_summed_and_protected(katalog):
    fyll(katalog, AR, 3)
    fyll(katalog, AR, 9)
    publicering.publicera_allt(datetime.date(AR + 1, 2, 1))
    alla = poster(katalog["katalog"])
    a, b = str(katalog["a"].pk), str(katalog["b"].pk)
    # Year measures only: nothing of them in a half-year or as a revision.
    assert not [n for n in alla if n[0] in NYA and n[2] != str(AR)]
    for enhet in (a, b, "KAT"):
        for matt in NYA:
            assert (matt, enhet, str(AR)) in alla, (matt, enhet)
        # Each breakdown sums to its total, and the catalogue to its insatser.
        for total, prefix in DELNINGAR.items():
            delar = [
                p.sant
                for n, p in alla.items()
                if n[1:] == (enhet, str(AR)) and n[0].startswith(prefix) and n[0] != total
            ]
            assert sum(delar) == alla[(total, enhet, str(AR))].sant, (total, enhet)
    for matt in NYA:
        assert alla[(matt, "KAT", str(AR))].sant == sum(
            alla[(matt, e, str(AR))].sant for e in (a, b)
        )
    sant = {n: p.sant for n, p in alla.items()}
    assert sant[("avbrutna.orsak.flyttade", a, str(AR))] == 12
    assert sant[("problem.kod.konflikt", a, str(AR))] == 4
    assert sant[("over_taket.skal.akut", a, str(AR))] == 2
    assert sant[("orosanmalningar", a, str(AR))] == 14
    assert sant[("nya_deltagarkoder", a, str(AR))] == 12
    assert sant[("problem", b, str(AR))] == 16  # 14 uteblev, 2 mående
    pub = publicerat.Publicerat(katalog["katalog"])
    # Large counts are shown; small ones (1 to 4) are hidden.
    assert pub.cell("avbrutna.orsak.flyttade", a, str(AR)).varde == 12
    assert pub.cell("orosanmalningar", a, str(AR)).varde == 14
    for liten in [
        ("avbrutna.orsak.passade_ej", a),
        ("problem.kod.maende", b),
        ("over_taket.skal.akut", a),
        ("orosanmalningar", b),
        ("over_taket.skal.ansokan_pagar", b),
    ]:
        assert 0 < sant[(liten[0], liten[1], str(AR))] < 5
        assert pub.cell(*liten, str(AR)).dold, liten
    # The acceptance attack, knowing every true count of either utförare, pins none of them.
    agare = {a: f"u{katalog['a'].utforare_id}", b: f"u{katalog['b'].utforare_id}"}
    ej = frozenset(n for n, p in alla.items() if p.status == Publiceringspost.Status.OPUBLICERAD)
    for kand in set(agare.values()):
        assert angrip(pub, sant, agare, kand, ej_publicerade=ej) == []


def test_the_samband_tie_each_breakdown_to_its_total():
    bygge = byggmodul.Bygge(5, "halvar")
    bygge.agare["1"] = "u1"
    varden = {m.nyckel: 0 for m in mattmodul.MATT}
    bygge.kolumn("1", str(AR), varden)
    samband = {(s.plus, s.minus, s.lika) for s in bygge.samband()}
    kolumn = str(AR)
    for total, delar in [
        ("avbrutna", mattmodul.AVBROTT),
        ("problem", mattmodul.PROBLEM),
        ("over_taket", mattmodul.OVER_TAKET),
    ]:
        plus = ((total, "1", kolumn),)
        minus = tuple((m.nyckel, "1", kolumn) for m in delar)
        assert (plus, minus, True) in samband
    avslut = (("avslutade", "1", kolumn), ("avbrutna", "1", kolumn))
    assert (avslut, (("problem", "1", kolumn),), False) in samband
    unika = (("unika", "1", kolumn),)
    assert (unika, (("nya_deltagarkoder", "1", kolumn),), False) in samband


def _csv(client, url):
    text = client.get(url).content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def test_every_format_of_the_report_and_the_export_show_the_same_new_figures(
    client, katalog, verksamhetschef
):
    fyll(katalog, AR, 3)
    publicering.publicera_allt(datetime.date(AR + 1, 2, 1))
    pub = publicerat.Publicerat(katalog["katalog"])
    client.force_login(verksamhetschef)
    a = katalog["a"]
    rubrik = {m.rubrik: m.nyckel for m in mattmodul.MATT}
    # The rows the insats's table shows: every new measure that is not zero.
    vantade = {
        m.rubrik: pub.cell(m.nyckel, a.pk, str(AR)).visning
        for m in mattmodul.MATT
        if m.nyckel in NYA
        and (pub.cell(m.nyckel, a.pk, str(AR)).varde != 0 or m.nyckel == "problem")
    }
    for namn in (
        "Avbrutna – orsak: Flyttade",
        "Problem som uppstått",
        "Tillfällen över taket (med skäl)",
        "Orosanmälningar",
        "Nya deltagarkoder",
    ):
        assert namn in vantade
    assert "×" in vantade.values()  # a small one, hidden

    html = client.get(reverse("uppfoljning:rapport", args=[AR])).text
    tabeller = Tabeller()
    tabeller.feed(html)
    sidan = {rad[0]: rad[1] for i, rad in tabeller.rader if i == a.namn and rad[0] in rubrik}
    assert {r: sidan[r] for r in vantade} == vantade

    rader = _csv(client, reverse("uppfoljning:rapport_fil", args=[AR, "csv"]))
    kol = rader[0].index(str(AR))
    csv_ = {r[1]: r[kol] for r in rader[1:] if r[0] == a.namn}
    assert {r: csv_[r] for r in vantade} == vantade

    bok = openpyxl.load_workbook(
        io.BytesIO(client.get(reverse("uppfoljning:rapport_fil", args=[AR, "xlsx"])).content)
    )
    blad = [list(r) for r in bok["Indikatorer"].iter_rows(values_only=True)]
    kol = blad[0].index(str(AR))
    xlsx = {r[1]: r[kol] for r in blad[1:] if r[0] == a.namn}
    assert {r: str(xlsx[r]) for r in vantade} == vantade
    assert isinstance(xlsx["Orosanmälningar"], int)  # a number a controller can sum

    pdf = client.get(reverse("uppfoljning:rapport_fil", args=[AR, "pdf"]))
    text = "".join(s.extract_text() for s in PdfReader(io.BytesIO(pdf.content)).pages)
    text = " ".join(text.split())
    for r in ("Avbrutna – orsak: Flyttade", "Problem som uppstått", "Orosanmälningar"):
        assert r in text

    data = json.loads(client.get(reverse("uppfoljning:oppen_export", args=["json"])).content)
    exporten = {
        (p["matt"], p["kategori"]): p["varde"]
        for p in data["poster"]
        if p["insats_id"] == a.pk and p["period"] == str(AR) and not p["efterregistrerat_i"]
    }
    for m in mattmodul.MATT:
        if m.nyckel not in NYA:
            continue
        matt, _, kategori = m.nyckel.partition(".")
        nyckel = (matt, kategori.split(".")[1] if kategori else None)
        assert exporten[nyckel] == pub.cell(m.nyckel, a.pk, str(AR)).varde, m.nyckel


def test_a_year_published_before_the_measures_existed_gets_no_revisions_for_them(
    client, katalog, verksamhetschef, monkeypatch
):
    """The year before was published by a version without the measures; late registrations
    into it are revisions of its sub-period measures only, and the report shows "–" for it,
    with no "Utveckling" from a missing value."""
    fore = AR - 1
    nya = set(NYA)
    # The measures as the older version had them, wherever the code reads them.
    for modul in (mattmodul, byggmodul, publicering):
        monkeypatch.setattr(
            modul, "MATT", [m for m in mattmodul.MATT if m.nyckel not in nya], raising=False
        )
        monkeypatch.setattr(
            modul,
            "MATTEN",
            {k: m for k, m in mattmodul.MATTEN.items() if k not in nya},
            raising=False,
        )
        monkeypatch.setattr(
            modul,
            "DELNINGAR",
            [d for d in mattmodul.DELNINGAR if d[0] not in DELNINGAR],
            raising=False,
        )
    fyll(katalog, fore, 3)
    publicering.publicera_allt(datetime.date(fore + 1, 2, 1))
    assert not [n for n in poster(katalog["katalog"]) if n[0] in nya]
    monkeypatch.undo()
    # Registered late into the year before, then this year's.
    fyll(katalog, fore, 10)
    fyll(katalog, AR, 3)
    publicering.publicera_allt(datetime.date(AR + 1, 2, 1))
    alla = poster(katalog["katalog"])
    assert any("@" in n[2] and n[2].startswith(str(fore)) for n in alla)  # revisions made
    assert not [n for n in alla if n[0] in nya and n[2] != str(AR)]
    a = katalog["a"]
    assert alla[("avbrutna.orsak.flyttade", str(a.pk), str(AR))].sant == 6
    client.force_login(verksamhetschef)
    html = client.get(reverse("uppfoljning:rapport", args=[AR])).text
    tabeller = Tabeller()
    tabeller.feed(html)
    rad = next(r for i, r in tabeller.rader if i == a.namn and r[0] == "Orosanmälningar")
    assert rad[1:] == ["–", "7", "–"]  # the year before, this year, Utveckling
