"""The year so far for the utförare's own staff (dokumentation/hittills): counted straight from
the records, only their own insatser, the same number of queries however much is registered."""

from __future__ import annotations

import datetime
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from dokumentation.deltagande.services import avsluta_deltagande, registrera_samtal
from dokumentation.hittills.views import KOLUMNER, TABELLER
from tests.dokumentation.conftest import registrera

pytestmark = pytest.mark.django_db
URL = reverse("dokumentation:hittills")
IDAG = timezone.localdate()


def samtal(personal, deltagande, datum=IDAG):
    registrera_samtal(
        deltagande=deltagande,
        datum=datum,
        langd_minuter=45,
        kanal="pa_plats",
        personal=personal,
        nyckel=uuid.uuid4(),
        idag=IDAG,
    )


def rad(svar, namn):
    return next(r for r in svar.context["rader"] if r.insats.namn == namn).antal


def test_the_year_so_far_counts_this_years_records_of_the_staffs_own_insatser(
    client, personal, radgivning, grupp, annan_insats, personal_annan
):
    a = registrera(personal, radgivning, datum=IDAG)
    b = registrera(personal, radgivning, datum=IDAG)
    registrera(
        personal, grupp, datum=IDAG, svar=["ej_uppfyllt", "uppfyllt"], utfall="hanvisad_ansoka"
    )
    samtal(personal, a.deltagande)
    samtal(personal, b.deltagande)
    avsluta_deltagande(
        deltagande=b.deltagande, slutdatum=IDAG, avbrott=True, idag=IDAG, avbrottsorsak="flyttade"
    )
    # Last year counts nowhere here; another utförare's insats is not shown.
    forra = datetime.date(IDAG.year - 1, 6, 1)
    registrera(personal, radgivning, datum=forra)
    registrera(personal_annan, annan_insats, datum=IDAG)
    client.force_login(personal)
    svar = client.get(URL)
    assert svar.status_code == 200
    antal = rad(svar, radgivning.namn)
    # The one from last year is still ongoing: a participant this year, not a contact.
    assert antal == antal | {
        "kontakter": 2,
        "deltar": 2,
        "samtal": 2,
        "avbrutna": 1,
        "avslutade": 0,
        "unika": 3,
    }
    assert rad(svar, grupp.namn)["hanvisade"] == 1
    assert svar.context["summa"].antal["kontakter"] == 3
    assert annan_insats.namn not in svar.text


def test_a_participation_from_last_year_still_ongoing_counts_as_a_participant(
    client, personal, radgivning
):
    registrera(personal, radgivning, datum=datetime.date(IDAG.year - 1, 11, 1))
    client.force_login(personal)
    assert rad(client.get(URL), radgivning.namn)["unika"] == 1


@pytest.mark.parametrize("roll", ["personal", "enhetschef"])
def test_the_utforares_staff_may_see_it(client, request, roll, radgivning):
    client.force_login(request.getfixturevalue(roll))
    assert client.get(URL).status_code == 200


@pytest.mark.parametrize("roll", ["verksamhetschef", "sekreterare", "systemadministrator"])
def test_other_roles_are_answered_not_found(client, request, roll):
    client.force_login(request.getfixturevalue(roll))
    assert client.get(URL).status_code == 404


def test_another_utforares_staff_see_only_their_own(client, personal_annan, radgivning, personal):
    registrera(personal, radgivning, datum=IDAG)
    client.force_login(personal_annan)
    svar = client.get(URL)
    assert svar.status_code == 200
    assert radgivning.namn not in svar.text


def test_the_queries_do_not_grow_with_the_records(
    client, personal, radgivning, grupp, oppen, django_assert_max_num_queries
):
    client.force_login(personal)
    client.get(URL)
    with django_assert_max_num_queries(30) as fore:
        client.get(URL)
    for _ in range(5):
        k = registrera(personal, radgivning, datum=IDAG)
        samtal(personal, k.deltagande)
    with django_assert_max_num_queries(len(fore.captured_queries)):
        client.get(URL)


def test_a_half_year_is_chosen_up_to_today():
    from dokumentation.hittills.views import period

    host = datetime.date(2026, 12, 1)
    assert period(None, host) == ("ar", datetime.date(2026, 1, 1), host)
    assert period("h1", host) == ("h1", datetime.date(2026, 1, 1), datetime.date(2026, 6, 30))
    assert period("h2", host) == ("h2", datetime.date(2026, 7, 1), host)
    var = datetime.date(2026, 3, 9)
    # A half-year not begun, or a made-up key, is the year so far.
    assert period("h2", var) == ("ar", datetime.date(2026, 1, 1), var)
    assert period("x'", var) == ("ar", datetime.date(2026, 1, 1), var)


def test_the_manager_sees_how_many_ended_early_this_half_year_and_why(
    client, enhetschef, personal, radgivning, grupp
):
    """ "How many did we reach this half-year, and how many dropped out – why?" """
    for orsak in ["flyttade", "flyttade", "passade_ej"]:
        k = registrera(personal, radgivning, datum=IDAG)
        avsluta_deltagande(
            deltagande=k.deltagande, slutdatum=IDAG, avbrott=True, idag=IDAG, avbrottsorsak=orsak
        )
    registrera(personal, grupp, datum=IDAG, svar=["uppfyllt", "uppfyllt"], utfall="avbojde")
    halvar = "h1" if IDAG.month <= 6 else "h2"
    client.force_login(enhetschef)
    svar = client.get(URL, {"period": halvar})
    assert svar.status_code == 200 and svar.context["vald"] == halvar
    assert rad(svar, radgivning.namn)["avbrutna"] == 3
    assert svar.context["orsaker"] == [
        ("passade_ej", "Insatsen passade inte"),
        ("flyttade", "Flyttade"),
    ]
    ((forsta, antal),) = svar.context["avbrutna"]
    assert forsta.insats == radgivning and antal == [1, 2]
    assert "Varför deltaganden avbröts i förtid" in svar.text and "Flyttade" in svar.text
    assert svar.context["summa"].antal["kontakter"] == 4
    if halvar == "h2":
        # The first half-year is over: nothing of this was in it.
        forra = client.get(URL, {"period": "h1"})
        assert forra.context["summa"].antal["kontakter"] == 0
        assert "Inga deltaganden avbröts i förtid under perioden." in forra.text


def test_an_insats_handed_over_mid_year_shows_each_utforare_its_own_records(
    client, personal, radgivning, personal_annan, annan_utforare
):
    """A contract moves to another provider: what the old utförare registered in the insats
    stays its own – on its page while it has records there this year – and the new one's page
    counts only what the new one registers, never the previous provider's records."""
    # Records belong to the utförare that made them, whatever the day: the handover is the
    # same day here, so the test holds on every day of the year (1 January too).
    for _ in range(3):
        registrera(personal, radgivning, datum=IDAG)
    radgivning.utforare = annan_utforare
    radgivning.save()
    ny = registrera(personal_annan, radgivning, datum=IDAG)
    samtal(personal_annan, ny.deltagande)

    client.force_login(personal_annan)
    antal = rad(client.get(URL), radgivning.namn)
    assert antal == antal | {"kontakter": 1, "deltar": 1, "unika": 1, "samtal": 1}
    client.force_login(personal)
    svar = client.get(URL)
    antal = rad(svar, radgivning.namn)
    assert antal == antal | {"kontakter": 3, "deltar": 3, "unika": 3}
    assert antal.get("samtal", 0) == 0
    assert svar.context["summa"].antal["kontakter"] == 3


def test_an_insats_once_carried_out_is_not_shown_without_records(
    client, personal, radgivning, annan_utforare
):
    radgivning.utforare = annan_utforare
    radgivning.save()
    client.force_login(personal)
    assert radgivning.namn not in client.get(URL).text


def test_the_three_tables_show_every_count_once():
    """The 15 counts did not fit a wide screen side by side: they are read in three tables."""
    nycklar = [k for _, delar in TABELLER for k in delar]
    assert len(TABELLER) == 3
    assert sorted(nycklar) == sorted(k for k, _ in KOLUMNER)
    assert len(set(nycklar)) == len(nycklar)


def test_each_table_has_the_rows_counts_under_its_own_columns(client, personal, radgivning):
    registrera(personal, radgivning, datum=IDAG)
    client.force_login(personal)
    svar = client.get(URL)
    tabeller = svar.context["tabeller"]
    assert [t["rubrik"] for t in tabeller] == [r for r, _ in TABELLER]
    forsta = tabeller[0]
    assert forsta["kolumner"][0] == "Kontakter"
    rad, celler = next(x for x in forsta["rader"] if x[0].insats == radgivning)
    assert celler[0] == 1 == rad.antal["kontakter"]
    assert "Kontakter och deltagare per insats" in svar.text
