"""An account switched off in the system administration: its sessions end for good (switched
on again, no old session comes back to life), and both are security events, as a role given
or taken is."""

import pytest
from django.urls import reverse

from organisation.models import Anvandare, Sakerhetshandelse
from tests.conftest import VerifieradKlient

pytestmark = pytest.mark.django_db


def _formularet(svar):
    """What the admin's change page would send back unchanged: its form and inlines."""
    data = {}

    def lagg_till(form):
        for falt in form:
            if falt.field.disabled:
                continue
            varde = falt.value()
            if varde is None or varde is False:
                continue
            data[falt.html_name] = "on" if varde is True else varde

    lagg_till(svar.context["adminform"].form)
    for inline in svar.context["inline_admin_formsets"]:
        lagg_till(inline.formset.management_form)
        for form in inline.formset.forms:
            lagg_till(form)
    return data


def _satt_aktiv(client, anvandare, aktiv):
    url = reverse("systemadmin:organisation_anvandare_change", args=[anvandare.pk])
    data = _formularet(client.get(url))
    data.pop("is_active", None)
    if aktiv:
        data["is_active"] = "on"
    svar = client.post(url, data)
    assert svar.status_code == 302, svar.context["adminform"].form.errors
    anvandare.refresh_from_db()
    assert anvandare.is_active is aktiv


def test_switched_off_the_sessions_end_and_stay_ended(
    client, systemadministrator, personal, caplog
):
    pa_jobbet = VerifieradKlient()
    pa_jobbet.force_login(personal)
    assert pa_jobbet.get(reverse("start")).status_code == 200
    client.force_login(systemadministrator)
    with caplog.at_level("WARNING", logger="iub.sakerhet"):
        _satt_aktiv(client, personal, False)
    assert pa_jobbet.get(reverse("start")).status_code == 302
    # The stolen laptop's browser keeps asking meanwhile; switched on again, its old session
    # is no sign-in: the user signs in anew, with both steps.
    _satt_aktiv(client, personal, True)
    assert pa_jobbet.get(reverse("start")).status_code == 302
    handelser = list(
        Sakerhetshandelse.objects.filter(anvandare=personal)
        .order_by("tid")
        .values_list("typ", "utford_av", "beskrivning")
    )
    assert handelser == [
        ("behorighet_andrad", systemadministrator.pk, "Kontot stängdes av"),
        ("behorighet_andrad", systemadministrator.pk, "Kontot aktiverades"),
    ]
    assert "Kontot stängdes av av admin för personal" in caplog.text


def test_an_unchanged_save_is_no_event(client, systemadministrator, personal):
    client.force_login(systemadministrator)
    _satt_aktiv(client, personal, True)
    assert not Sakerhetshandelse.objects.exists()
    assert Anvandare.objects.get(pk=personal.pk).is_active
