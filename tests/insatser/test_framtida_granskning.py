"""Decisions for a later day, as a reviewer attacked them: an utförare removed before the day,
a correction that would let the decided change break the catalogue's rules, a name taken by a
waiting rename, a personnummer in the catalogue's own texts, a withdrawal after the day, a
decision that changes nothing, and the same file imported twice."""

import datetime
import json

import pytest
from django.urls import reverse

from insatser import andringar, historik, services
from insatser.katalogfil import importera_katalog
from insatser.models import BeslutadAndring, Insats, Katalog, Villkor
from insatser.views import insats as insatsvyer
from tests.factories import BeslutFactory, KatalogFactory, UtforareFactory
from tests.insatser import test_beslutstid
from tests.insatser.test_framtida_beslut import arets_fil, filpost
from tests.insatser.test_views import sekreterare_i

D = datetime.date
IDAG = datetime.date.today()
SENARE = IDAG + datetime.timedelta(days=31)
PNR = "19121212-1212"  # Skatteverket's test personnummer (valid checksum)


def ny_insats(katalog, namn="Stödsamtal", slag=Insats.Slag.STODSAMTAL, villkor=None, **falt):
    tidigt = BeslutFactory(katalog=katalog, datum=D(2026, 3, 10), paragraf=f"SN § 2{namn[:1]}")
    insats = services.skapa_insats(
        insats=Insats(
            katalog=katalog,
            namn=namn,
            slag=slag,
            innehall="Samtal.",
            malgrupp="Vuxna",
            dokumentationsregel="14:4",
            **falt,
        ),
        villkor=villkor or [Villkor(typ=Villkor.Typ.ALDER, min_alder=18)],
        anvandare=None,
    )
    services.besluta_insatser(insatser=[insats], beslut=tidigt, anvandare=None)
    return Insats.objects.get(pk=insats.pk)


def andra(insats, **andringar):
    return test_beslutstid.andra(insats, idag=IDAG, **andringar)


@pytest.fixture
def katalog(db):
    return KatalogFactory(kommun="Testköping")


@pytest.fixture
def senare(katalog):
    return BeslutFactory(
        katalog=katalog,
        datum=IDAG - datetime.timedelta(days=1),
        galler_fran=SENARE,
        paragraf="SN § 90",
    )


@pytest.fixture(autouse=True)
def ny_dag(monkeypatch):
    monkeypatch.setattr(services, "_verkstallt_till", None)


def koder(fel):
    return [o.kod for o in fel.value.overtradelser]


def test_an_utforare_removed_before_the_day_stops_nothing_but_the_change(
    client, katalog, senare, monkeypatch
):
    insats = ny_insats(katalog, utforare=UtforareFactory(namn="Gamla enheten"))
    ny = UtforareFactory(namn="Nya enheten")
    andra(insats, beslut=senare, utforare=ny)
    ny.delete()  # nothing refers to it in the database: the administrator may
    client.force_login(sekreterare_i("Testköping"))
    assert client.get(reverse("insatser:insats", args=[insats.pk])).status_code == 200
    # The day comes: the change cannot be put in force, every page still answers, and the
    # insats page says why.
    monkeypatch.setattr(services, "idag_lokalt", lambda: SENARE)
    monkeypatch.setattr(insatsvyer, "idag_lokalt", lambda: SENARE)
    assert services.verkstall_beslut(SENARE) == 0
    assert BeslutadAndring.objects.vantande().count() == 1
    assert client.get(reverse("publik:katalog", args=[katalog.slug])).status_code == 200
    sida = client.get(reverse("insatser:insats", args=[insats.pk]))
    assert "kunde inte föras in i registret" in sida.text
    assert "Utföraren som beslutet anger finns inte längre i registret." in sida.text


def test_a_correction_is_no_way_round_the_decided_change(katalog, senare):
    """Skyddat boende from a later day for adults from 21 without children; a correction of
    today's version to "from 18" would make it one for young people too (11 kap. 5 §)."""
    vuxna = [
        Villkor(typ=Villkor.Typ.ALDER, min_alder=21),
        Villkor(typ=Villkor.Typ.UTAN_MEDFOLJANDE_BARN),
    ]
    insats = ny_insats(katalog, villkor=vuxna)
    andra(insats, beslut=senare, slag=Insats.Slag.SKYDDAT_BOENDE)
    with pytest.raises(services.RegelBrott) as fel:
        andra(
            insats,
            rattelse="Skrivfel i åldern",
            villkor=[Villkor(typ=Villkor.Typ.ALDER, min_alder=18)],
        )
    assert fel.value.overtradelser[0].meddelande.startswith(
        "Rättelsen går inte ihop med ändringen som väntar"
    )
    # And should the register come to hold it anyway, the day refuses to put it in force.
    Villkor.objects.filter(insats=insats).delete()
    Villkor.objects.create(insats=insats, typ=Villkor.Typ.ALDER, min_alder=18)
    assert services.verkstall_beslut(SENARE) == 0
    assert Insats.objects.get(pk=insats.pk).slag == Insats.Slag.STODSAMTAL


def test_a_name_a_waiting_change_gives_is_taken(katalog, senare):
    insats = ny_insats(katalog, namn="Stödsamtal")
    andra(insats, beslut=senare, namn="Samtalsstöd")
    with pytest.raises(services.RegelBrott) as fel:
        services.skapa_insats(
            insats=Insats(
                katalog=katalog,
                namn="Samtalsstöd",
                slag=Insats.Slag.STODSAMTAL,
                innehall="x",
                malgrupp="y",
                dokumentationsregel="14:4",
            ),
            villkor=[],
            anvandare=None,
        )
    assert koder(fel) == ["namn_finns"]
    assert services.verkstall_beslut(SENARE) == 1
    assert [v.insats.namn for v in historik.katalog_per_datum(katalog, SENARE)] == ["Samtalsstöd"]


@pytest.mark.parametrize("med_beslut", [False, True])
def test_no_personnummer_in_the_catalogues_own_texts(client, katalog, senare, med_beslut):
    client.force_login(sekreterare_i("Testköping"))
    data = {
        "namnd": "Socialnämnden",
        "informationstext": f"Ring Kalle {PNR}",
        "allmanna_villkor": "Frivilligt.",
    }
    if med_beslut:
        data["beslut"] = senare.pk
    svar = client.post(reverse("insatser:installningar", args=[katalog.slug]), data)
    assert svar.status_code == 200
    assert "informationstext" in svar.context["form"].errors
    assert "personnummer" in svar.context["form"].errors["informationstext"][0]
    assert PNR not in (Katalog.objects.get(pk=katalog.pk).informationstext or "")
    assert not BeslutadAndring.objects.exists()


def test_a_change_whose_day_has_come_is_not_withdrawn(client, katalog, senare):
    insats = ny_insats(katalog)
    andra(insats, beslut=senare, max_tillfallen=8)
    andring = BeslutadAndring.objects.get()
    with pytest.raises(services.RegelBrott) as fel:
        andringar.aterkalla_andring(andring=andring, orsak="Sent", anvandare=None, idag=SENARE)
    assert koder(fel) == ["andring_galler"]
    andring.refresh_from_db()
    assert andring.ar_vantande


def test_a_decision_that_changes_nothing_is_refused(client, katalog, senare):
    insats = ny_insats(katalog)
    with pytest.raises(services.RegelBrott) as fel:
        andra(insats, beslut=senare)
    assert koder(fel) == ["andrar_ingenting"]
    client.force_login(sekreterare_i("Testköping"))
    k = Katalog.objects.get(pk=katalog.pk)
    svar = client.post(
        reverse("insatser:installningar", args=[katalog.slug]),
        {"namnd": k.namnd or "", "allmanna_villkor": "", "beslut": senare.pk},
    )
    assert svar.status_code == 200 and "beslut" in svar.context["form"].errors
    assert not BeslutadAndring.objects.exists()


def test_the_same_file_for_a_later_day_imported_twice(katalog):
    data = arets_fil()
    importera_katalog(json.dumps(data), anvandare=None)
    data |= {"beslutsdatum": IDAG.isoformat(), "galler_fran": SENARE.isoformat()}
    data["insatser"] = [filpost("Öppet hus", "Fika och samtal.")]
    importera_katalog(json.dumps(data), anvandare=None)
    vantar = sorted(BeslutadAndring.objects.values_list("pk", flat=True))
    assert len(vantar) == 3  # the changed insats, the ended one, the header
    importera_katalog(json.dumps(data), anvandare=None)  # again: already waiting, no error
    assert sorted(BeslutadAndring.objects.values_list("pk", flat=True)) == vantar
