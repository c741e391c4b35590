"""The header's "Inloggad till kl. HH:MM" is the clock on the office wall (TIME_ZONE,
Europe/Stockholm), not UTC: the server's clock is fixed in UTC and the page must say local."""

import datetime
from unittest import mock

import pytest
from django.urls import reverse

# 10:00 UTC on a summer day: 12:00 in Stockholm (CEST, UTC+2); the sign-in ends 30 minutes
# later. A winter day checks the other offset (CET, UTC+1).
SOMMAR = datetime.datetime(2026, 7, 1, 10, 0, tzinfo=datetime.UTC)
VINTER = datetime.datetime(2026, 1, 15, 10, 0, tzinfo=datetime.UTC)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("nu", "klockan", "iso"),
    [
        (SOMMAR, "12:30", "2026-07-01T12:30:00+02:00"),
        (VINTER, "11:30", "2026-01-15T11:30:00+01:00"),
    ],
)
def test_the_session_end_in_the_header_is_local_time(client, personal, settings, nu, klockan, iso):
    settings.SESSION_COOKIE_AGE = 30 * 60
    client.force_login(personal)
    with mock.patch("django.utils.timezone.now", return_value=nu):
        sida = client.get(reverse("start"))
        json = client.post(reverse("forlang_sessionen"), HTTP_ACCEPT="application/json").json()
    assert sida.status_code == 200
    assert (
        f'Inloggad till kl. <time id="sessionen-slutar" datetime="{iso}">{klockan}</time>'
        in sida.text
    )
    # The script's update after "Fortsätt vara inloggad" says the same clock.
    assert json["slutar"] == klockan
