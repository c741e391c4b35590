"""Every parameter that says where to go next (`next` at the sign-in, the two-factor step,
"Fortsätt vara inloggad", the system administration's sign-in) stays on this host, whatever
form the other address takes (scheme-relative, backslashes, another scheme)."""

from urllib.parse import urljoin, urlsplit

import pytest
from django.test import Client
from django.urls import reverse

from tests.conftest import VerifieradKlient

pytestmark = pytest.mark.django_db

ELAKA = [
    "//elak.example/",
    "https://elak.example/",
    "/\\elak.example/",
    "\\\\elak.example",
    "\\/elak.example",
    "http:elak.example",
    "https:/elak.example",
    "javascript:alert(1)",
    " //elak.example",
    "\t//elak.example",
    "//elak.example@testserver/",
    "/%09/elak.example",
]


def _hemma(svar) -> bool:
    """Where a browser would go: a backslash is a slash to it, a tab or newline is dropped."""
    adress = svar["Location"].replace("\\", "/")
    adress = "".join(c for c in adress if c not in "\t\r\n").strip()
    mal = urlsplit(urljoin("http://testserver/", adress))
    return mal.scheme in ("http", "https") and mal.netloc == "testserver"


@pytest.mark.parametrize("nasta", ELAKA)
def test_the_sign_in(nasta, personal):
    svar = Client().post(
        reverse("login") + "?next=" + nasta,
        {"username": "personal", "password": "losenord-for-test", "next": nasta},
    )
    assert svar.status_code == 302 and _hemma(svar), svar["Location"]


@pytest.mark.parametrize("nasta", ELAKA)
def test_the_two_factor_step_and_staying_signed_in(nasta, personal):
    klient = VerifieradKlient()
    klient.force_login(personal)
    for svar in (
        klient.get(reverse("tvasteg"), {"next": nasta}),
        klient.post(reverse("forlang_sessionen"), {"next": nasta}),
    ):
        assert svar.status_code == 302 and _hemma(svar), svar["Location"]


@pytest.mark.parametrize("nasta", ELAKA)
def test_the_administrations_sign_in(nasta):
    svar = Client().get("/system/login/", {"next": nasta})
    assert svar.status_code == 302 and _hemma(svar)
    # It is the sign-in page that would follow `next`, and that checks it (above).
    assert urlsplit(svar["Location"]).path == reverse("login")
