"""The headers that keep a page out of another site's frame and switch off what the register
never uses are on every answer: pages, the files (PDF, XLSX, CSV, JSON), the error pages, the
refusals and redirects that a middleware gives before any view runs, and the lockout."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from organisation import konto
from organisation.models import Roll
from tests.conftest import VerifieradKlient
from tests.factories import AnvandareFactory, KatalogFactory
from tests.organisation.test_sakerhet import logga_in
from uppfoljning import views as uppfoljningsvyer

pytestmark = pytest.mark.django_db


def _skyddad(svar, vad: str) -> None:
    assert svar.get("X-Frame-Options") == "DENY", vad
    assert "frame-ancestors 'none'" in svar.get("Content-Security-Policy", ""), vad
    assert "camera=()" in svar.get("Permissions-Policy", ""), vad
    assert svar.get("X-Content-Type-Options") == "nosniff", vad


def test_pages_errors_and_refusals(overifierad_klient, personal, settings):
    anonym = Client()
    strikt = Client(enforce_csrf_checks=True)
    svar = {
        "publik sida": anonym.get(reverse("publik:start")),
        "404": anonym.get("/finns-inte/"),
        "405 före vyn": anonym.put(reverse("start")),
        "405 i vyn": anonym.get(reverse("logout")),
        "403 CSRF": strikt.post(reverse("login"), {"username": "x", "password": "y"}),
        "400": anonym.get(reverse("login") + "?" + "&".join(f"f{i}=1" for i in range(2000))),
    }
    logga_in(overifierad_klient, "personal")
    svar["302 till tvåsteg"] = overifierad_klient.get(reverse("start"))
    for _ in range(settings.INLOGGNING_SPARR_PER_KONTO):
        spärr = logga_in(Client(), "personal", "fel")
    svar["429 spärr"] = spärr
    assert [s.status_code for s in svar.values()] == [200, 404, 405, 405, 403, 400, 302, 429]
    for vad, s in svar.items():
        _skyddad(s, vad)


def test_a_server_error(monkeypatch, personal):
    def trasig(*args, **kwargs):
        raise RuntimeError("trasig")

    monkeypatch.setattr(konto, "render", trasig)
    klient = VerifieradKlient(raise_request_exception=False)
    klient.force_login(personal)
    svar = klient.get(reverse("inloggningar"))
    assert svar.status_code == 500
    _skyddad(svar, "500")


def test_the_files(client, monkeypatch, systemadministrator, verksamhetschef):
    KatalogFactory()  # the verksamhetschef's, for the report
    # A municipality's name is free text; the file names are made of its slug only.
    katalog = KatalogFactory(kommun='Ö"rby;\r\nX-Elak: 1 filename=elak.html')
    client.force_login(systemadministrator)
    filer = {"kontogranskning.csv": client.get(reverse("kontogranskning_csv"))}
    client.force_login(AnvandareFactory.med_roll(Roll.NAMNDSEKRETERARE, kommun=katalog.kommunen))
    filer["katalog.json"] = client.get(reverse("insatser:exportera", args=[katalog.slug]))
    # The report's files as they are served, whatever is in them.
    monkeypatch.setattr(uppfoljningsvyer.rapportcache, "hamta", lambda nyckel, fil: b"fil")
    client.force_login(verksamhetschef)
    for format in ("pdf", "xlsx", "csv"):
        filer[f"rapport.{format}"] = client.get(
            reverse("uppfoljning:rapport_fil", args=[2025, format])
        )
    for vad, s in filer.items():
        assert s.status_code == 200, vad
        assert re.fullmatch(
            r'attachment; filename="[A-Za-z0-9][A-Za-z0-9._-]*"', s["Content-Disposition"]
        ), (vad, s["Content-Disposition"])
        assert "X-Elak" not in s, vad
        _skyddad(s, vad)
