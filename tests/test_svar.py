"""What every answer has in common (grund/svar.py): the same cache headers on every 404 and
error page, signed in or not, at the open export or not; Cross-Origin-Resource-Policy on all;
the answer to a POST never cached; and a method no view answers refused before any view runs
(it was answered as a GET, and a form view's read was logged as a change)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from dokumentation.kontakter.services import Personuppgifter
from dokumentation.logg.models import Atkomstlogg
from tests.dokumentation.conftest import full_dokumentation, katalog, registrera  # noqa: F401

pytestmark = pytest.mark.django_db

RUBRIKER = ("Cache-Control", "Cross-Origin-Resource-Policy", "Cross-Origin-Opener-Policy")


def rubriker(svar) -> dict[str, str | None]:
    return {r: svar.headers.get(r) for r in RUBRIKER}


def test_every_not_found_has_the_same_headers(client, personal):
    anonym = Client()
    svar = [
        anonym.get("/finns-inte/"),
        anonym.get("/api/publicerat/finns-inte.csv"),
        anonym.get("/api/publicerat/finns-inte.csv", HTTP_AUTHORIZATION="Bearer fel"),
    ]
    client.force_login(personal)
    svar += [
        client.get("/finns-inte/"),
        client.get(reverse("dokumentation:deltagande", args=[987654])),
        client.get("/api/publicerat/finns-inte.csv"),
    ]
    assert {s.status_code for s in svar} == {404}
    assert {tuple(rubriker(s).items()) for s in svar} == {
        (
            ("Cache-Control", "no-store, private"),
            ("Cross-Origin-Resource-Policy", "same-origin"),
            ("Cross-Origin-Opener-Policy", "same-origin"),
        )
    }


def test_error_pages_are_never_cached(personal):
    anonym = Client(enforce_csrf_checks=True)
    felsvar = [
        anonym.post(reverse("login"), {"username": "personal", "password": "x"}),  # CSRF 403
        anonym.get(reverse("login") + "?" + "&".join(f"f{i}=1" for i in range(2000))),  # 400
        anonym.get(reverse("logout")),  # 405: sign-out is a POST
    ]
    assert [s.status_code for s in felsvar] == [403, 400, 405]
    for s in felsvar:
        assert {"no-store", "private"} <= set(s["Cache-Control"].split(", "))
        assert s["Cross-Origin-Resource-Policy"] == s["Cross-Origin-Opener-Policy"] == "same-origin"


def test_every_answer_has_the_resource_policy_and_a_post_is_never_cached(client, personal):
    assert Client().get(reverse("publik:start"))["Cross-Origin-Resource-Policy"] == "same-origin"
    # A redirect after a POST, signed out (the sign-in) and signed in.
    svar = Client().post(reverse("forlang_sessionen"))
    assert svar.status_code == 302 and "no-store" in svar["Cache-Control"]
    client.force_login(personal)
    svar = client.post(reverse("forlang_sessionen"), {"next": "/start/"})
    assert svar.status_code == 302 and "no-store" in svar["Cache-Control"]
    assert svar["Cross-Origin-Resource-Policy"] == "same-origin"


def test_a_download_of_a_signed_in_user_is_never_cached(client, systemadministrator):
    client.force_login(systemadministrator)
    svar = client.get(reverse("kontogranskning_csv"))
    assert svar.status_code == 200 and svar["Content-Type"].startswith("text/csv")
    assert "no-store" in svar["Cache-Control"] and "private" in svar["Cache-Control"]


@pytest.mark.parametrize("metod", ["put", "patch", "delete", "options", "trace"])
def test_a_method_no_view_answers_is_refused_before_the_view(
    client, personal, full_dokumentation, metod
):
    """PUT on a form view rendered the form with the person's name, and the read was logged as
    a change that never happened."""
    person = Personuppgifter("198503121231", "Anna", "Svensson", False)
    d = registrera(personal, full_dokumentation, svar=["uppfyllt"], person=person).deltagande
    client.force_login(personal)
    fore = Atkomstlogg.objects.count()
    for url in (
        reverse("dokumentation:avsluta", args=[d.pk]),
        reverse("dokumentation:deltagande", args=[d.pk]),
        reverse("dokumentation:deltaganden"),
    ):
        svar = getattr(client, metod)(url)
        assert svar.status_code == 405, url
        assert svar["Allow"] == "GET, HEAD, POST"
        assert b"Svensson" not in svar.content
    assert Atkomstlogg.objects.count() == fore
