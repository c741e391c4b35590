"""Error pages in Swedish that say what happened and where to go (issue 17), never Django's
English defaults: not found (also what another utförare's record answers), forbidden, a broken
request, a server error and an expired form (CSRF)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import BadRequest, PermissionDenied
from django.test import Client, RequestFactory
from django.views import defaults

from config.views import csrf_fel


def svenska(svar, rubrik):
    text = svar.content.decode() if hasattr(svar, "content") else svar
    assert '<html lang="sv">' in text
    assert f"<h1>{rubrik}</h1>" in text
    assert "Not Found" not in text and "Forbidden" not in text and "Server Error" not in text
    return text


@pytest.mark.django_db
def test_not_found_is_swedish_with_the_way_back(client, personal):
    svar = client.get("/finns-inte/")
    assert svar.status_code == 404
    text = svenska(svar, "Sidan finns inte")
    assert "Logga in" in text
    client.force_login(personal)
    svar = client.get("/utforare/deltaganden/999999/")
    assert svar.status_code == 404
    assert "Till din startsida" in svenska(svar, "Sidan finns inte")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("vy", "undantag", "kod", "rubrik"),
    [
        (defaults.permission_denied, PermissionDenied(), 403, "Åtkomst nekad"),
        (defaults.bad_request, BadRequest(), 400, "Begäran kunde inte tas emot"),
    ],
)
def test_forbidden_and_bad_request_are_swedish(vy, undantag, kod, rubrik):
    begaran = RequestFactory().get("/")
    begaran.user = __import__(
        "django.contrib.auth.models", fromlist=["AnonymousUser"]
    ).AnonymousUser()
    svar = vy(begaran, undantag)
    assert svar.status_code == kod
    svenska(svar, rubrik)


def test_a_server_error_is_swedish_and_needs_no_database():
    svar = defaults.server_error(RequestFactory().get("/"))
    assert svar.status_code == 500
    text = svenska(svar, "Något gick fel hos oss")
    assert "inte sparat" in text


@pytest.mark.django_db
def test_an_expired_form_is_explained(personal):
    klient = Client(enforce_csrf_checks=True)
    svar = klient.post("/logga-in/", {"username": "personal", "password": "x"})
    assert svar.status_code == 403
    text = svenska(svar, "Formuläret kunde inte skickas")
    assert "inget är sparat" in text
    begaran = RequestFactory().get("/")
    begaran.user = AnonymousUser()
    assert csrf_fel(begaran).status_code == 403
