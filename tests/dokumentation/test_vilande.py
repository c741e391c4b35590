"""Quiet participations (deltagande.vilande): ongoing with no session – a talk or presence at a
group meeting – for VILANDE_EFTER_MANADER months, or since their start; ended together as
stopped early, "Kontakten upphörde", on the day they were last there, all or none, once
however often the page is sent; each identified participant logged; another utförare's
participation is not found."""

import datetime
import uuid

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from dokumentation.deltagande.models import Deltagande
from dokumentation.deltagande.services import avsluta_deltagande, registrera_samtal
from dokumentation.deltagande.vilande import avsluta_vilande, grans, vilande
from dokumentation.kontakter.services import Personuppgifter
from dokumentation.logg.models import Atkomstlogg
from dokumentation.tillfallen.intag import RaderBrott
from dokumentation.tillfallen.models import Narvaro, Omgang
from dokumentation.tillfallen.services import registrera_traff
from insatser.services import RegelBrott
from organisation.models import Roll
from tests.dokumentation.conftest import registrera
from tests.factories import AnvandareFactory

IDAG = datetime.date.today()
pytestmark = pytest.mark.django_db


def dagar_sedan(n: int) -> datetime.date:
    return IDAG - datetime.timedelta(days=n)


def samtal(personal, d, datum):
    return registrera_samtal(
        deltagande=d,
        datum=datum,
        langd_minuter=45,
        kanal="pa_plats",
        personal=personal,
        nyckel=uuid.uuid4(),
        idag=IDAG,
    )


@pytest.fixture
def fall(personal, radgivning, full_dokumentation):
    """Participations of the utförare: quiet and not, with and without talks."""
    tyst = registrera(personal, radgivning, datum=dagar_sedan(200)).deltagande
    samtal(personal, tyst, dagar_sedan(150))
    aldrig = registrera(personal, radgivning, datum=dagar_sedan(120)).deltagande
    nylig = registrera(personal, radgivning, datum=dagar_sedan(200)).deltagande
    samtal(personal, nylig, dagar_sedan(10))
    ny = registrera(personal, radgivning, datum=dagar_sedan(10)).deltagande
    avslutad = registrera(personal, radgivning, datum=dagar_sedan(200)).deltagande
    avsluta_deltagande(deltagande=avslutad, slutdatum=dagar_sedan(190), avbrott=False, idag=IDAG)
    vantar = registrera(personal, radgivning, datum=dagar_sedan(200), utfall="vantelista")
    person = Personuppgifter("198503121231", "Annika", "Ek", False)
    identifierad = registrera(
        personal, full_dokumentation, datum=dagar_sedan(300), person=person, svar=["uppfyllt"]
    ).deltagande
    return {
        "tyst": tyst,
        "aldrig": aldrig,
        "nylig": nylig,
        "ny": ny,
        "avslutad": avslutad,
        "vantar": vantar.deltagande,
        "identifierad": identifierad,
    }


def test_the_limit_is_the_setting_in_months_back(settings):
    settings.VILANDE_EFTER_MANADER = 3
    assert grans(datetime.date(2026, 5, 31)) == datetime.date(2026, 2, 28)
    assert grans(datetime.date(2026, 2, 15)) == datetime.date(2025, 11, 15)
    settings.VILANDE_EFTER_MANADER = 6
    assert grans(datetime.date(2026, 2, 15)) == datetime.date(2025, 8, 15)


def test_quiet_are_ongoing_without_a_session_since_the_limit(fall, utforare, settings):
    settings.VILANDE_EFTER_MANADER = 3
    rader = {d.pk: d for d in vilande([utforare.pk], idag=IDAG)}
    assert set(rader) == {fall["tyst"].pk, fall["aldrig"].pk, fall["identifierad"].pk}
    assert rader[fall["tyst"].pk].senast == dagar_sedan(150)
    assert rader[fall["tyst"].pk].antal == 1
    # Without any session: the start.
    assert rader[fall["identifierad"].pk].senast == dagar_sedan(300)
    assert rader[fall["identifierad"].pk].antal == 0
    # Longest quiet first.
    assert next(iter(rader)) == fall["identifierad"].pk
    # A longer setting leaves out the 120 days' one.
    settings.VILANDE_EFTER_MANADER = 6
    assert fall["aldrig"].pk not in {d.pk for d in vilande([utforare.pk], idag=IDAG)}


def test_presence_at_a_group_meeting_counts_as_a_session(personal, grupp, utforare):
    o = Omgang.objects.create(
        insats=grupp,
        utforare=utforare,
        benamning="Vår",
        startdatum=dagar_sedan(200),
        antal_traffar=4,
        max_deltagare=3,
    )
    svar = {"svar": ["uppfyllt", "uppfyllt"], "barnets_alder": 5, "datum": dagar_sedan(200)}
    kvar = registrera(personal, grupp, omgang=o, **svar).deltagande
    borta = registrera(personal, grupp, omgang=o, **svar).deltagande
    gammal = registrera_traff(
        omgang=o,
        datum=dagar_sedan(180),
        langd_minuter=90,
        personal=personal,
        nyckel=uuid.uuid4(),
        idag=IDAG,
    )
    ny = registrera_traff(
        omgang=o,
        datum=dagar_sedan(5),
        langd_minuter=90,
        personal=personal,
        nyckel=uuid.uuid4(),
        idag=IDAG,
    )
    Narvaro.objects.create(tillfalle=gammal, deltagande=kvar)
    Narvaro.objects.create(tillfalle=gammal, deltagande=borta)
    Narvaro.objects.create(tillfalle=ny, deltagande=kvar)
    rader = {d.pk: d for d in vilande([utforare.pk], idag=IDAG)}
    assert set(rader) == {borta.pk}
    assert rader[borta.pk].senast == dagar_sedan(180)
    assert rader[borta.pk].antal == 1


def test_another_utforare_is_not_listed(fall, annan_utforare):
    assert not vilande([annan_utforare.pk], idag=IDAG).exists()


def test_the_ticked_end_as_stopped_early_on_the_last_day_they_were_here(fall, utforare, personal):
    avslut = avsluta_vilande(
        utforare_ids=[utforare.pk],
        deltagande_ids=[fall["tyst"].pk, fall["identifierad"].pk],
        anvandare=personal,
        nyckel=uuid.uuid4(),
        idag=IDAG,
    )
    assert len(avslut.avslutade) == 2
    assert avslut.kvitto() == "2 deltaganden är avslutade som avbrutna: kontakten upphörde."
    tyst = Deltagande.objects.get(pk=fall["tyst"].pk)
    assert tyst.status == Deltagande.Status.AVBRUTEN
    assert tyst.avbrottsorsak == "kontakt_upphorde"
    assert tyst.slutdatum == dagar_sedan(150)
    assert Deltagande.objects.get(pk=fall["identifierad"].pk).slutdatum == dagar_sedan(300)
    # The one left unticked is still ongoing, and still quiet.
    assert Deltagande.objects.get(pk=fall["aldrig"].pk).status == Deltagande.Status.PAGAENDE
    assert [d.pk for d in vilande([utforare.pk], idag=IDAG)] == [fall["aldrig"].pk]


@pytest.mark.parametrize("vem", ["nylig", "ny", "avslutad", "vantar"])
def test_one_not_quiet_ends_nobody(fall, utforare, personal, vem):
    with pytest.raises(RaderBrott) as e:
        avsluta_vilande(
            utforare_ids=[utforare.pk],
            deltagande_ids=[fall["tyst"].pk, fall[vem].pk],
            anvandare=personal,
            nyckel=uuid.uuid4(),
            idag=IDAG,
        )
    assert [o.kod for o in e.value.per_rad[fall[vem].pk]] == ["inte_vilande"]
    assert fall["tyst"].pk not in e.value.per_rad
    assert Deltagande.objects.get(pk=fall["tyst"].pk).status == Deltagande.Status.PAGAENDE


def test_another_utforares_participation_is_refused_even_if_quiet(
    fall, utforare, annan_utforare, personal
):
    with pytest.raises(RaderBrott) as e:
        avsluta_vilande(
            utforare_ids=[annan_utforare.pk],
            deltagande_ids=[fall["tyst"].pk],
            anvandare=personal,
            nyckel=uuid.uuid4(),
            idag=IDAG,
        )
    assert [o.kod for o in e.value.overtradelser] == ["inte_vilande"]
    assert Deltagande.objects.get(pk=fall["tyst"].pk).status == Deltagande.Status.PAGAENDE


def test_none_ticked_is_refused(utforare, personal):
    with pytest.raises(RegelBrott) as e:
        avsluta_vilande(
            utforare_ids=[utforare.pk],
            deltagande_ids=[],
            anvandare=personal,
            nyckel=uuid.uuid4(),
            idag=IDAG,
        )
    assert [o.kod for o in e.value.overtradelser] == ["ingen_vald"]


def test_the_same_key_sent_again_ends_nobody_more(fall, utforare, personal):
    nyckel = uuid.uuid4()
    forsta = avsluta_vilande(
        utforare_ids=[utforare.pk],
        deltagande_ids=[fall["tyst"].pk, fall["tyst"].pk],
        anvandare=personal,
        nyckel=nyckel,
        idag=IDAG,
    )
    assert len(forsta.avslutade) == 1
    andra = avsluta_vilande(
        utforare_ids=[utforare.pk],
        deltagande_ids=[fall["tyst"].pk],
        anvandare=personal,
        nyckel=nyckel,
        idag=IDAG,
    )
    assert andra.redan_sparad
    assert [d.pk for d in andra.avslutade] == [fall["tyst"].pk]
    # A colleague's copy of the same key is not theirs: refused, nothing more ended.
    kollega = AnvandareFactory.med_roll(Roll.UTFORARPERSONAL, utforare)
    with pytest.raises(RaderBrott):
        avsluta_vilande(
            utforare_ids=[utforare.pk],
            deltagande_ids=[fall["tyst"].pk],
            anvandare=kollega,
            nyckel=nyckel,
            idag=IDAG,
        )


def test_the_database_refuses_an_end_before_the_start(fall):
    """The end date is the last session or the start: never before it, which the database
    guards too."""
    d = fall["aldrig"]
    with pytest.raises(IntegrityError), transaction.atomic():
        Deltagande.objects.filter(pk=d.pk).update(
            status="avbruten", slutdatum=d.startdatum - datetime.timedelta(days=1)
        )


def url():
    return reverse("dokumentation:vilande")


def sidans_data(client, **andringar):
    """What the page sends as it is shown (every row ticked), with `andringar` on top."""
    svar = client.get(url())
    data = {
        "nyckel": str(svar.context["sida"].initial["nyckel"]),
        "avsluta": [str(d.pk) for d in svar.context["rader"] if d.ikryssad],
    }
    data.update(andringar)
    return data


def test_the_list_tells_of_the_quiet_and_the_page_ends_the_ticked(client, fall, personal):
    client.force_login(personal)
    lista = client.get(reverse("dokumentation:deltaganden"))
    assert "3 pågående deltaganden har inte haft något tillfälle" in lista.text
    assert url() in lista.text
    sidan = client.get(url())
    assert sidan.status_code == 200
    assert [d.pk for d in sidan.context["rader"]] == [
        fall["identifierad"].pk,
        fall["tyst"].pk,
        fall["aldrig"].pk,
    ]
    assert all(d.ikryssad for d in sidan.context["rader"])
    # Seeing the page is seeing one identified person.
    sett = Atkomstlogg.objects.filter(vad="Såg i listan över vilande deltaganden")
    assert list(sett.values_list("deltagande", "handling")) == [
        (fall["identifierad"].pk, Atkomstlogg.Handling.LASA)
    ]
    data = sidans_data(client, avsluta=[str(fall["identifierad"].pk), str(fall["tyst"].pk)])
    svar = client.post(url(), data, follow=True)
    assert svar.redirect_chain == [(url(), 302)]
    assert "2 deltaganden är avslutade som avbrutna: kontakten upphörde." in svar.text
    assert set(
        Deltagande.objects.filter(status="avbruten", avbrottsorsak="kontakt_upphorde").values_list(
            "pk", flat=True
        )
    ) == {fall["identifierad"].pk, fall["tyst"].pk}
    andrat = Atkomstlogg.objects.filter(vad="Avslutade deltagandet: kontakten upphörde")
    assert list(andrat.values_list("deltagande", "handling")) == [
        (fall["identifierad"].pk, Atkomstlogg.Handling.ANDRA)
    ]
    # Sent again: nothing more, and it says so.
    igen = client.post(url(), data, follow=True)
    assert "Redan sparad" in igen.text
    assert andrat.count() == 1
    assert Deltagande.objects.get(pk=fall["aldrig"].pk).status == "pagaende"
    # One left: the list says so.
    assert (
        "1 pågående deltagande har inte haft"
        in client.get(reverse("dokumentation:deltaganden")).text
    )


def test_the_enhetschef_ends_them_too(client, fall, enhetschef):
    client.force_login(enhetschef)
    svar = client.post(url(), sidans_data(client))
    assert svar.status_code == 302
    assert not vilande([fall["tyst"].utforare_id], idag=IDAG).exists()


def test_none_ticked_says_so_and_ends_nobody(client, fall, personal):
    client.force_login(personal)
    svar = client.post(url(), sidans_data(client, avsluta=[]))
    assert svar.status_code == 200
    assert "Kryssa i minst en deltagare att avsluta." in svar.text
    assert Deltagande.objects.filter(status="avbruten").count() == 0


def test_a_talk_registered_meanwhile_ends_nobody(client, fall, personal):
    client.force_login(personal)
    data = sidans_data(client)
    samtal(personal, fall["tyst"], IDAG)
    svar = client.post(url(), data)
    assert svar.status_code == 200
    assert "Har fått ett tillfälle registrerat" in svar.text
    assert Deltagande.objects.filter(status="avbruten").count() == 0
    # The page as it now stands, ticked as sent.
    assert fall["tyst"].pk not in [d.pk for d in svar.context["rader"]]
    assert all(d.ikryssad for d in svar.context["rader"])


@pytest.mark.parametrize("varde", ["x", "1e9", "²", "-1", ""])
def test_a_tampered_id_is_not_found(client, fall, personal, varde):
    client.force_login(personal)
    svar = client.post(url(), sidans_data(client, avsluta=[str(fall["tyst"].pk), varde]))
    assert svar.status_code == 404
    assert Deltagande.objects.filter(status="avbruten").count() == 0


def test_another_utforares_participation_is_not_found(
    client, fall, personal_annan, annan_insats, personal
):
    annans = registrera(personal_annan, annan_insats, datum=dagar_sedan(200)).deltagande
    client.force_login(personal)
    data = sidans_data(client, avsluta=[str(fall["tyst"].pk), str(annans.pk)])
    assert client.post(url(), data).status_code == 404
    assert Deltagande.objects.filter(status="avbruten").count() == 0
    # The other utförare's staff see none of this utförare's, and end none of them.
    client.force_login(personal_annan)
    svar = client.get(url())
    assert [d.pk for d in svar.context["rader"]] == [annans.pk]
    assert client.post(url(), {**data, "avsluta": [str(fall["tyst"].pk)]}).status_code == 404
    assert Deltagande.objects.filter(status="avbruten").count() == 0


@pytest.mark.parametrize("roll", ["verksamhetschef", "sekreterare", "systemadministrator"])
def test_the_wrong_role_does_not_find_the_page(client, fall, request, roll):
    client.force_login(request.getfixturevalue(roll))
    assert client.get(url()).status_code == 404
    svar = client.post(url(), {"nyckel": str(uuid.uuid4()), "avsluta": [str(fall["tyst"].pk)]})
    assert svar.status_code == 404
    assert Deltagande.objects.filter(status="avbruten").count() == 0


def test_the_new_code_page_points_to_the_quiet_list(client, personal, radgivning):
    client.force_login(personal)
    svar = client.get(reverse("dokumentation:ny_kod", args=[radgivning.pk]))
    assert url() in svar.text


def test_a_protected_identity_is_ended_only_by_who_may_open_it(
    client, fall, personal, enhetschef, utforare, full_dokumentation
):
    """Skyddad identitet: listed as such to the utförare's staff, but ended (and opened)
    only by the one who registered it and the enhetschef; a tampered id is not found."""
    skyddad = registrera(
        personal,
        full_dokumentation,
        datum=dagar_sedan(300),
        person=Personuppgifter("196408233234", "Bertil", "Sko", True),
        svar=["uppfyllt"],
    ).deltagande
    kollega = AnvandareFactory.med_roll(Roll.UTFORARPERSONAL, utforare, username="kollega")
    client.force_login(kollega)
    sidan = client.get(url())
    rad = next(d for d in sidan.context["rader"] if d.pk == skyddad.pk)
    assert not rad.ikryssad and not rad.far_avslutas
    assert f'value="{skyddad.pk}"' not in sidan.text
    assert "Bertil" not in sidan.text
    assert client.get(reverse("dokumentation:deltagande", args=[skyddad.pk])).status_code == 404
    data = sidans_data(client)
    assert str(skyddad.pk) not in data["avsluta"]
    svar = client.post(url(), {**data, "avsluta": [*data["avsluta"], str(skyddad.pk)]})
    assert svar.status_code == 404
    assert Deltagande.objects.filter(status="avbruten").count() == 0
    assert client.post(url(), data).status_code == 302  # the rest, without it
    assert Deltagande.objects.get(pk=skyddad.pk).status == "pagaende"
    for far in (personal, enhetschef):
        client.force_login(far)
        rader = client.get(url()).context["rader"]
        assert [(d.pk, d.ikryssad) for d in rader] == [(skyddad.pk, True)]
    assert client.post(url(), sidans_data(client)).status_code == 302
    assert Deltagande.objects.get(pk=skyddad.pk).status == "avbruten"
