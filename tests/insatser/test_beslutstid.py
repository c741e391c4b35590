"""Decisions are the catalogue's time axis (issue 18): the catalogue as decided on a day, and
the difference between two decisions, are read from the decisions' dates, not from when the
rows were saved; a correction applies to the decision it corrects."""

import datetime
import json

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from insatser import andringar, historik, services
from insatser.katalogfil import importera_katalog
from insatser.katalogkontroll import OgiltigKatalogfil
from insatser.models import Beslut, Insats, Villkor
from tests.factories import BeslutFactory, InsatsFactory, KatalogFactory
from tests.insatser.test_views import insatsdata, sekreterare_i

D = datetime.date


@pytest.fixture
def katalog(db):
    return KatalogFactory(kommun="Testköping")


def beslut(katalog, datum, galler_fran=None, paragraf=""):
    return BeslutFactory(
        katalog=katalog, datum=datum, galler_fran=galler_fran, paragraf=paragraf or f"SN {datum}"
    )


def alder(min_alder):
    return Villkor(typ=Villkor.Typ.ALDER, min_alder=min_alder)


def andra(insats, *, beslut=None, rattelse="", villkor=None, idag=None, **falt):
    """Change an insats as the secretary does: the same villkor unless others are given."""
    insats = Insats.objects.get(pk=insats.pk)
    for namn, varde in falt.items():
        setattr(insats, namn, varde)
    if villkor is None:
        villkor = [
            Villkor(**{p: getattr(v, p) for p in Villkor.PARAMETRAR}) for v in insats.villkor.all()
        ]
    return andringar.andra_insats(
        insats=insats,
        villkor=villkor,
        anvandare=None,
        beslut=beslut,
        version=insats.version,
        rattelse=rattelse,
        idag=idag,
    )


def namn_pa(katalog, datum):
    return [v.insats.namn for v in historik.katalog_per_datum(katalog, datum)]


def pa(katalog, datum, namn):
    return next(v for v in historik.katalog_per_datum(katalog, datum) if v.insats.namn == namn)


@pytest.fixture
def beslutad_historia(katalog):
    """Everything entered today (December), for decisions taken during the year:
    March (in force from 1 April), a typo corrected, June (in force from 1 July), and
    September, which ends one insats on 30 September and adds another."""
    mars = beslut(katalog, D(2026, 3, 10), D(2026, 4, 1), "SN § 20")
    samtal = services.skapa_insats(
        insats=Insats(
            katalog=katalog,
            namn="Stödsamtal",
            slag=Insats.Slag.STODSAMTAL,
            innehall="Samtal med en socinom.",
            malgrupp="Vuxna",
            dokumentationsregel="14:4",
            max_tillfallen=5,
        ),
        villkor=[alder(18)],
        anvandare=None,
    )
    services.besluta_insatser(insatser=[samtal], beslut=mars, anvandare=None)
    andra(samtal, rattelse="Stavfel i innehållet", innehall="Samtal med en socionom.")
    juni = beslut(katalog, D(2026, 6, 2), D(2026, 7, 1), "SN § 50")
    andra(samtal, beslut=juni, max_tillfallen=8, villkor=[alder(20)])
    september = beslut(katalog, D(2026, 9, 1), paragraf="SN § 70")
    andringar.upphora_insats(
        insats=samtal, beslut=september, anvandare=None, sista_dag=D(2026, 9, 30)
    )
    grupp = services.skapa_insats(
        insats=Insats(
            katalog=katalog,
            namn="Samtalsgrupp",
            slag=Insats.Slag.GRUPPVERKSAMHET,
            innehall="Samtal i grupp.",
            malgrupp="Vuxna",
            dokumentationsregel="14:4",
        ),
        villkor=[],
        anvandare=None,
    )
    services.besluta_insatser(insatser=[grupp], beslut=september, anvandare=None)
    return {"mars": mars, "juni": juni, "september": september, "samtal": samtal}


def test_the_catalogue_reads_as_decided_on_each_day(katalog, beslutad_historia):
    # Nothing was in force before the March decision took effect, though it was entered later.
    assert namn_pa(katalog, D(2026, 3, 31)) == []
    april = pa(katalog, D(2026, 4, 15), "Stödsamtal")
    # The correction applies from the decision it corrects, and is no decision of its own.
    assert april.insats.innehall == "Samtal med en socionom."
    assert april.beslut == beslutad_historia["mars"] and april.ar_rattelse
    assert (april.insats.max_tillfallen, [v.min_alder for v in april.villkor]) == (5, [18])
    assert april.galler_fran == D(2026, 4, 1)
    # The June decision applies from its effective date, not from its decision date.
    assert pa(katalog, D(2026, 6, 30), "Stödsamtal").insats.max_tillfallen == 5
    juli = pa(katalog, D(2026, 7, 1), "Stödsamtal")
    assert (juli.insats.max_tillfallen, [v.min_alder for v in juli.villkor]) == (8, [20])
    assert juli.insats.innehall == "Samtal med en socionom." and not juli.ar_rattelse
    # September ends one insats on the 30th and adds another.
    assert namn_pa(katalog, D(2026, 9, 15)) == ["Stödsamtal", "Samtalsgrupp"]
    assert namn_pa(katalog, D(2026, 10, 1)) == ["Samtalsgrupp"]


def test_the_difference_between_two_decisions(katalog, beslutad_historia):
    versioner = historik.versioner_av(katalog=katalog)

    def per(b):
        return historik.katalog_per_datum(katalog, b.galler_fran, versioner=versioner)

    mars, juni, september = (beslutad_historia[n] for n in ("mars", "juni", "september"))
    [andrad] = historik.jamfor_kataloger(per(mars), per(juni))
    assert (andrad.namn, andrad.vad) == ("Stödsamtal", "andrad")
    rader = {s.falt: str(s.markerad) for s in andrad.skillnader}
    # The corrected typo belongs to the March decision: it is no difference between the two.
    assert set(rader) == {"max_tillfallen", "beslut", "villkor"}
    assert rader["max_tillfallen"] == "<del>5</del> <ins>8</ins>"
    assert rader["villkor"] == "Du ska ha fyllt <del>18</del> <ins>20</ins> år."
    vad = {k.namn: k.vad for k in historik.jamfor_kataloger(per(juni), per(september))}
    assert vad == {"Stödsamtal": "andrad", "Samtalsgrupp": "ny"}


def test_the_versions_of_an_insats_name_their_decision_or_correction(beslutad_historia):
    versioner = historik.versioner(beslutad_historia["samtal"])
    beskrivningar = [v.beskrivning for v in versioner]
    assert beskrivningar[0].startswith("Upphör genom Socialnämnden, 2026-09-01, SN § 70")
    assert beskrivningar[1].startswith("Beslut Socialnämnden, 2026-06-02, SN § 50")
    assert beskrivningar[1].endswith("gäller från 2026-07-01")
    assert beskrivningar[2].startswith("Rättelse av beslut Socialnämnden, 2026-03-10, SN § 20")
    assert beskrivningar[2].endswith("Stavfel i innehållet")
    assert beskrivningar[3].startswith("Beslut Socialnämnden, 2026-03-10")
    assert beskrivningar[-1].startswith("Utkast sparat")


def test_the_live_insats_is_the_version_in_force_today(katalog, beslutad_historia):
    idag = datetime.date.today()
    for version in historik.katalog_per_datum(katalog, idag):
        live = Insats.objects.get(pk=version.insats.pk)
        for falt in historik.JAMFORDA_FALT:
            assert getattr(live, falt) == getattr(version.insats, falt), falt


def test_a_catalogue_entered_later_reads_as_decided_in_march(katalog):
    data = {
        "version": 2,
        "kommun": "Testköping",
        "namnd": "Socialnämnden",
        "beslutsdatum": "2026-03-10",
        "insatser": [
            {
                "namn": "Öppet hus",
                "slag": "oppen_motesplats",
                "innehall": "Fika och samtal.",
                "malgrupp": "Alla",
                "dokumentation": {"regel": "14:4"},
            }
        ],
    }
    importera_katalog(json.dumps(data), anvandare=None)  # entered today, in December
    assert namn_pa(katalog, D(2026, 3, 9)) == []
    assert namn_pa(katalog, D(2026, 4, 1)) == ["Öppet hus"]
    # The same decision imported again with a typo fixed corrects it, from its date.
    data["insatser"][0]["innehall"] = "Fika och samtal, varje tisdag."
    assert importera_katalog(json.dumps(data), anvandare=None).andrade == ["Öppet hus"]
    april = pa(katalog, D(2026, 4, 1), "Öppet hus")
    assert april.ar_rattelse and april.insats.innehall == "Fika och samtal, varje tisdag."
    # A file with an older decision than the one in force changes nothing.
    data["beslutsdatum"] = "2026-02-01"
    data["insatser"][0]["innehall"] = "Något annat."
    with pytest.raises(OgiltigKatalogfil) as fel:
        importera_katalog(json.dumps(data), anvandare=None)
    assert "före beslutet som insatsen gäller enligt (från 2026-03-10)" in str(fel.value)
    assert Insats.objects.get(namn="Öppet hus").innehall == "Fika och samtal, varje tisdag."


def test_a_change_under_an_older_decision_is_refused(katalog, beslutad_historia):
    grupp = Insats.objects.get(namn="Samtalsgrupp")
    with pytest.raises(services.RegelBrott) as fel:
        andra(grupp, beslut=beslutad_historia["juni"], innehall="Äldre beslut.")
    assert [o.kod for o in fel.value.overtradelser] == ["beslut_fore_gallande"]
    assert Insats.objects.get(pk=grupp.pk).innehall == "Samtal i grupp."


def test_a_draft_and_an_unknown_decision_cannot_be_corrected(katalog):
    utkast = InsatsFactory(katalog=katalog)
    with pytest.raises(services.RegelBrott) as fel:
        andra(utkast, rattelse="Stavfel", innehall="X")
    assert [o.kod for o in fel.value.overtradelser] == ["rattelse_utan_beslut"]
    okant = Beslut.objects.create(
        katalog=katalog, organ="Okänt beslut", datum=D(2026, 11, 1), okant=True
    )
    importerad = InsatsFactory(katalog=katalog, beslutad=True, beslut=okant)
    with pytest.raises(services.RegelBrott) as fel:
        andra(importerad, rattelse="Stavfel", innehall="X")
    assert [o.kod for o in fel.value.overtradelser] == ["rattelse_utan_beslut"]


def test_the_database_guards_the_time_axis(katalog):
    # A decision never takes effect before it is made.
    with pytest.raises(IntegrityError), transaction.atomic():
        Beslut.objects.create(
            katalog=katalog, organ="SN", datum=D(2026, 3, 10), galler_fran=D(2026, 3, 9)
        )
    # A correction corrects a recorded decision.
    with pytest.raises(IntegrityError), transaction.atomic():
        Insats.objects.create(
            katalog=katalog, namn="X", dokumentationsregel="14:4", rattelse="Stavfel"
        )
    # Without a stated effective date, a decision takes effect on its date.
    assert beslut(katalog, D(2026, 3, 10)).galler_fran == D(2026, 3, 10)


@pytest.mark.django_db
class TestSkarmarna:
    @pytest.fixture
    def sekreterare(self, katalog):
        return sekreterare_i("Testköping")

    def test_secretary_corrects_a_typo(self, client, sekreterare, katalog):
        insats = InsatsFactory(katalog=katalog, beslutad=True, namn="Stödsamtal för unga")
        client.force_login(sekreterare)
        url = reverse("insatser:andra", args=[insats.pk])
        # A correction needs its reason, next to the field; nothing is saved.
        svar = client.post(url, insatsdata(version=insats.version, andring="rattelse"))
        assert svar.status_code == 200
        assert svar.context["beslut_form"].errors["rattelse"]
        assert Insats.objects.get(pk=insats.pk).innehall == "Samtal med en socionom."
        svar = client.post(
            url,
            insatsdata(version=insats.version, andring="rattelse", rattelse="Stavfel i texten"),
        )
        assert svar.status_code == 302
        insats.refresh_from_db()
        assert (insats.innehall, insats.rattelse) == ("Samtal.", "Stavfel i texten")
        assert insats.history.first().beslut_id == insats.beslut_id
        sida = client.get(insats.get_absolute_url())
        assert "Rättelse av beslut" in sida.text and "Stavfel i texten" in sida.text

    def test_a_new_decision_without_a_decision_is_refused_at_the_field(
        self, client, sekreterare, katalog
    ):
        insats = InsatsFactory(katalog=katalog, beslutad=True)
        client.force_login(sekreterare)
        svar = client.post(
            reverse("insatser:andra", args=[insats.pk]),
            insatsdata(version=insats.version, andring="beslut"),
        )
        assert svar.status_code == 200
        assert svar.context["beslut_form"].errors["beslut"]

    def test_a_decision_with_its_effective_date(self, client, sekreterare, katalog):
        client.force_login(sekreterare)
        url = reverse("insatser:beslut_lista", args=[katalog.slug])
        data = {"organ": "Socialnämnden", "datum": "2026-03-10", "paragraf": "SN § 20"}
        svar = client.post(url, {**data, "galler_fran": "2026-03-01"})
        assert svar.status_code == 200 and svar.context["form"].errors["galler_fran"]
        # The decision is never dated ahead of the meeting (issue 18: it may take effect on
        # a later day, tests/insatser/test_framtida_beslut.py).
        framtid = (datetime.date.today() + datetime.timedelta(days=30)).isoformat()
        svar = client.post(url, {**data, "datum": framtid})
        assert svar.status_code == 200 and svar.context["form"].errors["datum"]
        assert not Beslut.objects.exists()
        assert client.post(url, {**data, "galler_fran": "2026-04-01"}).status_code == 302
        assert client.post(url, data).status_code == 302
        assert sorted(Beslut.objects.values_list("galler_fran", flat=True)) == [
            D(2026, 3, 10),
            D(2026, 4, 1),
        ]

    def test_the_pages_show_the_decisions_axis(
        self, client, sekreterare, katalog, beslutad_historia
    ):
        client.force_login(sekreterare)
        url = reverse("insatser:per_datum", args=[katalog.slug])
        svar = client.get(url, {"datum": "2026-04-15"})
        assert [r.insats.namn for r in svar.context["insatser"]] == ["Stödsamtal"]
        assert "Rättat: Stavfel i innehållet" in svar.text
        url = reverse("insatser:jamfor_beslut", args=[katalog.slug])
        mars, juni = beslutad_historia["mars"], beslutad_historia["juni"]
        svar = client.get(url, {"fran": juni.pk, "till": mars.pk})  # either order
        assert (svar.context["fore"], svar.context["till"]) == (mars, juni)
        assert "<del>5</del> <ins>8</ins>" in svar.text
        # Unknown values fall back to the two latest decisions, never an error page.
        svar = client.get(url, {"fran": "x", "till": "99999"})
        assert svar.status_code == 200 and svar.context["till"] == beslutad_historia["september"]
        svar = client.get(reverse("insatser:jamfor", args=[beslutad_historia["samtal"].pk]))
        assert svar.status_code == 200 and "Rättelse av beslut" in svar.text

    def test_comparing_needs_two_decisions(self, client, sekreterare, katalog):
        client.force_login(sekreterare)
        svar = client.get(reverse("insatser:jamfor_beslut", args=[katalog.slug]))
        assert svar.status_code == 200 and "minst två" in svar.text


def test_an_insats_cannot_end_under_an_older_decision(katalog, beslutad_historia):
    grupp = Insats.objects.get(namn="Samtalsgrupp")
    with pytest.raises(services.RegelBrott) as fel:
        andringar.upphora_insats(
            insats=grupp,
            beslut=beslutad_historia["mars"],
            anvandare=None,
            sista_dag=D(2026, 12, 31),
        )
    assert [o.kod for o in fel.value.overtradelser] == ["beslut_fore_gallande"]
    assert Insats.objects.get(pk=grupp.pk).status == "beslutad"


def test_the_rule_of_the_decisions_time():
    """sol_11_kap_5_beslutets_tid on plain values."""
    from insatser.regler import sol_11_kap_5_beslutets_tid

    def koder(**varden):
        grund = dict(
            rattelse=False,
            galler_fran=D(2026, 6, 1),
            i_kraft_sedan=D(2026, 4, 1),
            forsta_beslut=False,
            okant=False,
        )
        return [o.kod for o in sol_11_kap_5_beslutets_tid(**(grund | varden))]

    assert koder() == []
    assert koder(galler_fran=D(2026, 4, 1)) == []  # the same day: decided in order
    assert koder(galler_fran=D(2026, 3, 31)) == ["beslut_fore_gallande"]
    assert koder(galler_fran=D(2026, 3, 31), rattelse=True) == []
    # A decision for a later day is decided in order (it waits for its day, issue 18) …
    assert koder(galler_fran=D(2027, 1, 1)) == []
    # … and while one waits, no other decision changes the insats; a correction may.
    assert koder(vantande_fran=D(2027, 1, 1)) == ["andring_vantar"]
    assert koder(vantande_fran=D(2027, 1, 1), rattelse=True) == []
    # A draft decided to start later is no change ahead of its day.
    assert koder(galler_fran=D(2027, 1, 1), forsta_beslut=True, i_kraft_sedan=None) == []
    assert koder(rattelse=True, forsta_beslut=True) == ["rattelse_utan_beslut"]
    assert koder(rattelse=True, okant=True) == ["rattelse_utan_beslut"]
