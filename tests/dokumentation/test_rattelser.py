"""Correcting and voiding what was registered (issue 17): the trail keeps what a record said,
the statistics use the corrected values, a voided record counts nowhere, a published period
gets the difference as a revision; who may, for how long; replays and concurrent corrections."""

from __future__ import annotations

import datetime
import random
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from dokumentation import statistik
from dokumentation.deltagande.models import Deltagande, Person
from dokumentation.deltagande.services import registrera_samtal
from dokumentation.demo import personnummer_for
from dokumentation.kontakter.models import Kontakt
from dokumentation.kontakter.services import Personuppgifter
from dokumentation.logg.models import Atkomstlogg
from dokumentation.rattelser import services
from dokumentation.rattelser.models import Rattelse
from dokumentation.tillfallen.models import Besoksantal, Tillfalle
from dokumentation.tillfallen.services import registrera_oppning
from insatser.services import RegelBrott
from organisation.models import Roll
from tests.dokumentation.conftest import registrera
from tests.factories import AnvandareFactory
from tests.uppfoljning.test_publicering import AR, _fyll, kommun  # noqa: F401 - a fixture
from uppfoljning import publicering
from uppfoljning.models import Publiceringspost

pytestmark = pytest.mark.django_db
IDAG = timezone.localdate()
IGAR = IDAG - datetime.timedelta(days=1)


def samtal(d, personal, datum=IDAG):
    return registrera_samtal(
        deltagande=d,
        datum=datum,
        langd_minuter=45,
        kanal="telefon",
        personal=personal,
        nyckel=uuid.uuid4(),
        idag=IDAG,
    )


def oppning(oppen, personal, antal):
    return registrera_oppning(
        insats=oppen,
        datum=IDAG,
        langd_minuter=120,
        personal=personal,
        antal=antal,
        nyckel=uuid.uuid4(),
        idag=IDAG,
    )


def kontakter_i_ar(insats):
    urval = statistik.Urval(datetime.date(IDAG.year, 1, 1), datetime.date(IDAG.year, 12, 31))
    return statistik.kontakter(urval)[0].get(insats.pk, {}).get("totalt", 0)


def orsak(o="fel_datum", kommentar=""):
    return services.Orsak(o, kommentar)


# --- The services ---------------------------------------------------------------------------


def test_a_correction_changes_the_record_and_keeps_what_it_said(personal, radgivning):
    k = registrera(personal, radgivning)
    rad = services.ratta(
        k, andringar={"datum": IGAR, "kon": "man"}, orsak=orsak(), av=personal, sag=0
    )
    k.refresh_from_db()
    assert (k.datum, k.kon) == (IGAR, "man")
    assert rad.fore == {"datum": IDAG.isoformat(), "kon": "kvinna"}
    assert rad.efter == {"datum": IGAR.isoformat(), "kon": "man"}
    assert [s for s, _, _ in rad.andringar()] == ["Datum", "Kön"]
    assert services.historik(k) == [rad]


def test_nothing_changed_is_not_a_correction(personal, radgivning):
    k = registrera(personal, radgivning)
    with pytest.raises(RegelBrott) as e:
        services.ratta(k, andringar={"datum": k.datum}, orsak=orsak(), av=personal, sag=0)
    assert e.value.overtradelser[0].kod == "inget_andrat"
    assert not Rattelse.objects.exists()


def test_a_correction_follows_the_rules_of_registration(personal, radgivning):
    k = registrera(personal, radgivning)
    imorgon = IDAG + datetime.timedelta(days=1)
    with pytest.raises(RegelBrott) as e:
        services.ratta(k, andringar={"datum": imorgon}, orsak=orsak(), av=personal, sag=0)
    assert e.value.overtradelser[0].falt == "datum"
    d = k.deltagande
    s = samtal(d, personal)
    with pytest.raises(RegelBrott) as e:  # a talk before the participation began
        services.ratta(
            s,
            andringar={"datum": d.startdatum - datetime.timedelta(days=3)},
            orsak=orsak(),
            av=personal,
            sag=0,
        )
    assert e.value.overtradelser[0].kod == "datum_fore_start"


def test_the_trail_never_names_anyone(personal, radgivning):
    k = registrera(personal, radgivning)
    for text in ["Det var Anna Andersson", "pnr 19121212-1212"]:
        with pytest.raises(RegelBrott) as e:
            services.ratta(
                k, andringar={"kon": "man"}, orsak=orsak("annat", text), av=personal, sag=0
            )
        assert e.value.overtradelser[0].falt == "kommentar"
    assert not Rattelse.objects.exists()


def test_statistics_use_the_corrected_values(personal, radgivning):
    k = registrera(personal, radgivning, datum=datetime.date(IDAG.year, 1, 2))
    assert kontakter_i_ar(radgivning) == 1
    services.ratta(
        k,
        andringar={"datum": datetime.date(IDAG.year - 1, 12, 30)},
        orsak=orsak(),
        av=personal,
        sag=0,
    )
    assert kontakter_i_ar(radgivning) == 0


def test_a_voided_contact_counts_nowhere_and_its_participation_goes_with_it(personal, radgivning):
    k = registrera(personal, radgivning)
    d = k.deltagande
    s1, s2 = samtal(d, personal), samtal(d, personal)
    assert kontakter_i_ar(radgivning) == 1
    assert services.foljer_med(k) == [d, s1, s2]
    rad = services.makulera(k, orsak=orsak("misstag"), av=personal)
    assert kontakter_i_ar(radgivning) == 0
    assert not Kontakt.objects.filter(pk=k.pk).exists()
    assert not Deltagande.objects.filter(pk=d.pk).exists()
    assert not Tillfalle.objects.filter(pk__in=[s1.pk, s2.pk]).exists()
    assert (rad.post, rad.objekt_id, rad.typ) == ("kontakt", k.pk, "makulering")
    assert rad.fore["utfall"] == "deltar"
    spar = set(Rattelse.objects.values_list("post", "objekt_id"))
    assert spar == {
        ("kontakt", k.pk),
        ("deltagande", d.pk),
        ("tillfalle", s1.pk),
        ("tillfalle", s2.pk),
    }


def test_an_identified_participation_is_never_voided(personal, full_dokumentation):
    person = Personuppgifter(
        personnummer=personnummer_for(random.Random(1), 45, IDAG),
        fornamn="Anna",
        efternamn="Svensson",
        skyddad_identitet=False,
    )
    k = registrera(personal, full_dokumentation, person=person, svar=["uppfyllt"])
    with pytest.raises(RegelBrott) as e:
        services.makulera(k.deltagande, orsak=orsak("misstag"), av=personal)
    assert e.value.overtradelser[0].kod == "identifierad_makuleras_inte"
    assert Deltagande.objects.filter(pk=k.deltagande.pk).exists()
    assert Person.objects.exists()
    # …but its age is corrected, against its personnummer.
    with pytest.raises(RegelBrott) as e:
        services.ratta(k.deltagande, andringar={"alder": 12}, orsak=orsak(), av=personal, sag=0)
    assert e.value.overtradelser[0].falt == "alder"


def test_an_openings_headcount_is_corrected(personal, oppen):
    o = oppning(oppen, personal, {("kvinna", "25-44"): 7})
    rad = services.ratta(
        o,
        andringar={},
        antal={"kvinna/25-44": 5, "man/25-44": 2},
        orsak=orsak("fel_uppgift"),
        av=personal,
        sag=0,
    )
    assert dict(Besoksantal.objects.values_list("kon", "antal")) == {"kvinna": 5, "man": 2}
    assert rad.fore == {"besok": {"kvinna/25-44": 7}}
    assert "Kvinna" in rad.andringar()[0][1]


def test_a_correction_made_meanwhile_is_not_overwritten(personal, enhetschef, radgivning):
    k = registrera(personal, radgivning)
    services.ratta(k, andringar={"kon": "man"}, orsak=orsak(), av=enhetschef, sag=0)
    with pytest.raises(RegelBrott) as e:  # the form still showed the record as it was
        services.ratta(k, andringar={"kanal": "telefon"}, orsak=orsak(), av=personal, sag=0)
    assert e.value.overtradelser[0].kod == "rattad_under_tiden"
    k.refresh_from_db()
    assert (k.kon, k.kanal) == ("man", "pa_plats")


def test_the_same_correction_sent_twice_corrects_once(personal, radgivning):
    k = registrera(personal, radgivning)
    nyckel = uuid.uuid4()
    forsta = services.ratta(
        k, andringar={"kon": "man"}, orsak=orsak(), av=personal, sag=0, nyckel=nyckel
    )
    andra = services.ratta(
        k, andringar={"kon": "man"}, orsak=orsak(), av=personal, sag=0, nyckel=nyckel
    )
    assert andra.pk == forsta.pk and getattr(andra, "redan_sparad", False)
    assert Rattelse.objects.count() == 1


def test_who_may_correct(settings, personal, enhetschef, radgivning, utforare):
    k = registrera(personal, radgivning)
    kollega = AnvandareFactory.med_roll(Roll.UTFORARPERSONAL, utforare)
    assert services.far_ratta(personal, k)
    assert services.far_ratta(enhetschef, k)
    assert not services.far_ratta(kollega, k)  # someone else's registration
    Kontakt.objects.filter(pk=k.pk).update(
        registrerad=timezone.now() - datetime.timedelta(days=settings.RATTELSE_DAGAR + 1)
    )
    k.refresh_from_db()
    assert not services.far_ratta(personal, k)  # past the window
    assert services.far_ratta(enhetschef, k)


# --- The pages ------------------------------------------------------------------------------


def _falt(k):
    return {
        "datum": k.datum.isoformat(),
        "kanal": k.kanal,
        "aldersgrupp": k.aldersgrupp,
        "kon": k.kon,
        "sag": "0",
        "nyckel": str(uuid.uuid4()),
    }


def test_staff_correct_a_contact_on_the_page(client, personal, radgivning):
    k = registrera(personal, radgivning)
    client.force_login(personal)
    lista = client.get(reverse("dokumentation:registreringar"))
    url = reverse("dokumentation:ratta", args=["kontakt", k.pk])
    assert url in lista.content.decode()
    assert client.get(url).status_code == 200
    data = _falt(k) | {"kon": "man", "orsak": "fel_uppgift"}
    svar = client.post(url, data, follow=True)
    assert "Rättelsen är sparad" in svar.content.decode()
    assert "<del>Kvinna</del>" in svar.content.decode()
    assert client.post(url, data, follow=True).content.decode().count("Redan sparad") == 1
    assert Rattelse.objects.count() == 1


def test_a_corrections_key_sent_from_another_records_form_is_refused(client, personal, radgivning):
    """Not "Redan sparad" for a record nothing was saved on: the key is the first form's."""
    forsta, andra = registrera(personal, radgivning), registrera(personal, radgivning)
    client.force_login(personal)
    data = _falt(forsta) | {"kon": "man", "orsak": "fel_uppgift"}
    svar = client.post(reverse("dokumentation:ratta", args=["kontakt", forsta.pk]), data)
    assert svar.status_code == 302
    svar = client.post(reverse("dokumentation:ratta", args=["kontakt", andra.pk]), data)
    assert svar.status_code == 200
    assert "Formuläret har redan använts" in svar.text and "Redan sparad" not in svar.text
    assert Rattelse.objects.count() == 1
    andra.refresh_from_db()
    assert andra.kon == "kvinna"
    # Voiding: the first form's key does not say another record "Redan makulerad".
    data = {"nyckel": str(uuid.uuid4()), "orsak": "dubbel"}
    url = reverse("dokumentation:makulera", args=["kontakt", forsta.pk])
    assert client.post(url, data).status_code == 302
    svar = client.post(reverse("dokumentation:makulera", args=["kontakt", andra.pk]), data)
    assert "Redan makulerad" not in svar.text
    assert Kontakt.objects.filter(pk=andra.pk).exists()


def test_a_wrong_date_is_corrected_on_the_contact_and_then_on_the_participation(
    client, personal, radgivning
):
    """A contact entered with today's date the day after: the participation it began started
    the same day. Its start cannot go before the contact, and the message says where to go;
    correcting the contact leads on to the participation's start."""
    k = registrera(personal, radgivning)
    d = k.deltagande
    client.force_login(personal)
    till_deltagandet = reverse("dokumentation:ratta", args=["deltagande", d.pk])
    start = {"alder": str(d.alder), "kon": d.kon, "sag": "0", "orsak": "fel_datum"}
    svar = client.post(
        till_deltagandet, start | {"startdatum": IGAR.isoformat(), "nyckel": str(uuid.uuid4())}
    )
    assert svar.status_code == 200 and not Rattelse.objects.exists()
    assert "Datumet ligger före kontakten" in svar.content.decode()
    assert "Rätta kontaktens datum först." in svar.content.decode()

    url = reverse("dokumentation:ratta", args=["kontakt", k.pk])
    svar = client.post(url, _falt(k) | {"datum": IGAR.isoformat(), "orsak": "fel_datum"})
    assert svar.status_code == 302 and svar.url == till_deltagandet
    text = client.get(till_deltagandet).content.decode()
    assert f"har kvar startdatum {IDAG:%Y-%m-%d}" in text

    client.post(
        till_deltagandet, start | {"startdatum": IGAR.isoformat(), "nyckel": str(uuid.uuid4())}
    )
    d.refresh_from_db()
    assert d.startdatum == IGAR
    # A correction of the contact that leaves its date goes to its history, as before.
    andring = {"kon": "man", "orsak": "fel_uppgift", "sag": services.senaste("kontakt", k.pk)}
    svar = client.post(url, _falt(Kontakt.objects.get()) | andring)
    assert svar.url == reverse("dokumentation:historik", args=["kontakt", k.pk])


def test_moving_a_contact_after_its_participation_s_start_says_what_to_do(personal, radgivning):
    k = registrera(personal, radgivning, datum=IGAR)
    with pytest.raises(RegelBrott) as e:
        services.ratta(k, andringar={"datum": IDAG}, orsak=orsak("fel_datum"), av=personal, sag=0)
    assert e.value.overtradelser[0].kod == "datum_efter"
    assert "Rätta deltagandets start först." in e.value.overtradelser[0].meddelande


def test_a_correction_and_a_voiding_each_offer_their_own_reasons(client, personal, radgivning):
    """'Registered twice' is a reason to void, not to change a date; 'wrong date' is a reason
    to correct, not to void: each page offers only its own, and the history stays true."""
    k = registrera(personal, radgivning)
    client.force_login(personal)
    ratta = reverse("dokumentation:ratta", args=["kontakt", k.pk])
    makulera = reverse("dokumentation:makulera", args=["kontakt", k.pk])
    sidan = client.get(ratta).content.decode()
    assert "Fel datum" in sidan and "Registrerad två gånger" not in sidan
    sidan = client.get(makulera).content.decode()
    assert "Registrerad två gånger" in sidan and "Fel datum" not in sidan
    svar = client.post(ratta, _falt(k) | {"kon": "man", "orsak": "dubbel"})
    assert (
        svar.status_code == 200
        and "finns inte bland tillgängliga alternativ" in svar.content.decode()
    )
    svar = client.post(makulera, {"orsak": "fel_datum", "nyckel": str(uuid.uuid4())})
    assert svar.status_code == 200
    assert not Rattelse.objects.exists() and Kontakt.objects.filter(pk=k.pk).exists()


def test_a_bad_correction_is_shown_next_to_the_field(client, personal, radgivning):
    k = registrera(personal, radgivning)
    client.force_login(personal)
    url = reverse("dokumentation:ratta", args=["kontakt", k.pk])
    svar = client.post(url, _falt(k) | {"datum": "2999-01-01", "orsak": ""})
    assert svar.status_code == 200
    text = svar.content.decode()
    assert "framtiden" in text and "Orsak" in text
    svar = client.post(url, _falt(k) | {"kon": "man", "orsak": "annat"})
    assert "Säg kort vad som var fel" in svar.content.decode()
    assert not Rattelse.objects.exists()


def test_staff_void_a_talk_on_the_page_and_a_replay_says_so(client, personal, radgivning):
    k = registrera(personal, radgivning)
    s = samtal(k.deltagande, personal)
    client.force_login(personal)
    url = reverse("dokumentation:makulera", args=["tillfalle", s.pk])
    assert "Makulera" in client.get(url).content.decode()
    data = {"orsak": "dubbel", "nyckel": str(uuid.uuid4())}
    svar = client.post(url, data, follow=True)
    assert "Makulerad" in svar.content.decode()
    assert not Tillfalle.objects.filter(pk=s.pk).exists()
    assert "Redan makulerad" in client.post(url, data, follow=True).content.decode()
    assert Rattelse.objects.count() == 1


def test_a_14_3_participation_corrected_on_the_page_is_logged(client, personal, full_dokumentation):
    person = Personuppgifter(
        personnummer=personnummer_for(random.Random(1), 45, IDAG),
        fornamn="Anna",
        efternamn="Svensson",
        skyddad_identitet=False,
    )
    k = registrera(personal, full_dokumentation, person=person, svar=["uppfyllt"])
    d = k.deltagande
    client.force_login(personal)
    url = reverse("dokumentation:ratta", args=["deltagande", d.pk])
    sidan = client.get(url).content.decode()
    assert "Svensson" not in sidan
    assert Atkomstlogg.objects.filter(deltagande=d, vad="Öppnade rättelse").exists()
    data = {
        "startdatum": d.startdatum.isoformat(),
        "alder": str(d.alder),
        "kon": "man",
        "sag": "0",
        "nyckel": str(uuid.uuid4()),
        "orsak": "fel_uppgift",
    }
    client.post(url, data)
    assert Atkomstlogg.objects.filter(deltagande=d, handling="andra").exists()
    makulera = client.get(reverse("dokumentation:makulera", args=["deltagande", d.pk]))
    assert "makuleras inte" in makulera.content.decode()


@pytest.mark.parametrize("vy", ["ratta", "makulera", "historik"])
def test_only_who_may_correct_sees_the_pages(
    vy,
    client,
    settings,
    personal,
    enhetschef,
    personal_annan,
    verksamhetschef,
    radgivning,
    utforare,
):
    k = registrera(personal, radgivning)
    url = reverse(f"dokumentation:{vy}", args=["kontakt", k.pk])
    kollega = AnvandareFactory.med_roll(Roll.UTFORARPERSONAL, utforare)
    for vem, status in [
        (personal, 200),
        (enhetschef, 200),
        (kollega, 404),  # the same role, someone else's registration
        (personal_annan, 404),  # the same role at another utförare
        (verksamhetschef, 404),  # the wrong role
    ]:
        client.force_login(vem)
        assert client.get(url).status_code == status, vem
    client.force_login(personal)
    assert client.get(reverse(f"dokumentation:{vy}", args=["kontakt", 10**9])).status_code == 404
    assert client.get(reverse(f"dokumentation:{vy}", args=["okand", k.pk])).status_code == 404


def test_the_enhetschef_reads_every_correction_and_a_voided_records_history(
    client, personal, enhetschef, personal_annan, radgivning
):
    k = registrera(personal, radgivning)
    services.makulera(k, orsak=orsak("misstag"), av=personal)
    url = reverse("dokumentation:rattelser")
    client.force_login(enhetschef)
    assert "Makulering" in client.get(url).content.decode()
    historik = reverse("dokumentation:historik", args=["kontakt", k.pk])
    assert "togs bort ur registret" in client.get(historik).content.decode()
    for vem in (personal, personal_annan):
        client.force_login(vem)
        assert client.get(url).status_code == 404
        assert client.get(historik).status_code == 404


# --- A published period ---------------------------------------------------------------------


def test_a_voiding_in_a_published_period_is_a_revision_in_the_next(kommun):
    """The frozen half-year never changes; the next publication carries the difference, and
    the year is its half-years as published plus the revisions: the truth."""
    slump = random.Random(7)
    _fyll(kommun, slump, 1)
    publicering.publicera_allt(datetime.date(AR, 8, 1))
    a1 = kommun["insatser"]["a1"]
    fore = Publiceringspost.objects.get(matt="kontakter", insats=a1, kolumn=f"{AR}-H1").sant
    k = Kontakt.objects.filter(insats=a1).first()
    services.makulera(k, orsak=orsak("dubbel"), av=kommun["vem"]["a1"])
    publicering.publicera_allt(datetime.date(AR + 1, 2, 1))
    h1 = Publiceringspost.objects.get(matt="kontakter", insats=a1, kolumn=f"{AR}-H1")
    rev = Publiceringspost.objects.get(matt="kontakter", insats=a1, kolumn=f"{AR}-H1@{AR}-H2")
    ar = Publiceringspost.objects.get(matt="kontakter", insats=a1, kolumn=str(AR))
    assert h1.sant == fore
    assert rev.sant == -1 and rev.status != "visas"  # small: protected like any other cell
    assert ar.sant == Kontakt.objects.filter(insats=a1, datum__year=AR).count() == fore - 1


def test_a_tick_taken_away_asks_why_and_keeps_the_list(client, personal, omgang):
    d1 = registrera(
        personal, omgang.insats, omgang=omgang, svar=["uppfyllt", "uppfyllt"], barnets_alder=5
    ).deltagande
    d2 = registrera(
        personal, omgang.insats, omgang=omgang, svar=["uppfyllt", "uppfyllt"], barnets_alder=5
    ).deltagande
    traff = Tillfalle.objects.create(
        insats=omgang.insats, utforare=omgang.utforare, typ="grupptraff", datum=IDAG,
        omgang=omgang, personal=personal, inlamningsnyckel=uuid.uuid4(),
    )  # fmt: skip
    url = reverse("dokumentation:traff", args=[traff.pk])
    client.force_login(personal)
    client.post(url, {"narvarande": [d1.pk, d2.pk]})
    assert traff.narvaro.count() == 2
    bort = {"narvarande": [d1.pk], "var_narvarande": [d1.pk, d2.pk]}
    svar = client.post(url, bort | {"rattelse-nyckel": str(uuid.uuid4())})
    assert "Välj en orsak." in svar.text
    assert traff.narvaro.count() == 2  # nothing of the page saved without a reason
    svar = client.post(
        url, bort | {"rattelse-nyckel": str(uuid.uuid4()), "rattelse-orsak": "misstag"}
    )
    assert svar.status_code == 302
    assert list(traff.narvaro.values_list("deltagande_id", flat=True)) == [d1.pk]
    rad = Rattelse.objects.get()
    assert rad.fore == {"narvaro": sorted([d1.pk, d2.pk])} and rad.efter == {"narvaro": [d1.pk]}
    assert rad.andringar() == [("Närvarande", "2 deltagare", "1 deltagare")]
    # Someone else, past nothing but not the one who registered it: not theirs to take away.
    kollega = AnvandareFactory.med_roll(Roll.UTFORARPERSONAL, omgang.utforare)
    client.force_login(kollega)
    svar = client.post(
        url,
        {
            "var_narvarande": [d1.pk],
            "rattelse-nyckel": str(uuid.uuid4()),
            "rattelse-orsak": "misstag",
        },
    )
    assert "enhetschefen" in svar.text
    assert traff.narvaro.count() == 1
