"""The verksamhetschef's keys for the open export in a real browser: create one (shown once),
a BI tool reads with it, revoke it. axe-core on every page."""

import urllib.error
import urllib.request

import pytest
from playwright.sync_api import expect

from organisation.models import Roll
from tests.browser.conftest import kontrollera_tillganglighet

pytestmark = pytest.mark.browser


def las(url: str, nyckel: str) -> int:
    # The test's own live server, over http.
    fraga = urllib.request.Request(url, headers={"Authorization": f"Bearer {nyckel}"})  # noqa: S310
    try:
        with urllib.request.urlopen(fraga) as svar:  # noqa: S310
            return int(svar.status)
    except urllib.error.HTTPError as e:
        return e.code


def test_verksamhetschef_creates_and_revokes_a_key(sida, demokatalog, logga_in, live_server):
    logga_in(Roll.VERKSAMHETSCHEF)
    sida.goto("/uppfoljning/")
    sida.get_by_role("link", name="Nycklar för öppen export till BI-verktyg").click()
    expect(sida.get_by_role("heading", name="Nycklar för öppen export", level=1)).to_be_visible()
    kontrollera_tillganglighet(sida, "exportnycklar-tom")
    sida.get_by_role("button", name="Skapa nyckel").click()
    expect(sida.get_by_role("alert")).to_contain_text("Mottagare")
    kontrollera_tillganglighet(sida, "exportnycklar-fel")
    sida.get_by_label("Mottagare").fill("Power BI")
    sida.get_by_role("button", name="Skapa nyckel").click()
    nyckel = sida.get_by_role("textbox", name="Nyckel", exact=True).input_value()
    assert len(nyckel) >= 43
    expect(sida.get_by_text("Den visas bara den här gången")).to_be_visible()
    kontrollera_tillganglighet(sida, "exportnycklar-ny")
    adress = f"{live_server.url}/api/publicerat/{demokatalog.kommunen.slug}.json"
    assert las(adress, nyckel) == 200
    sida.get_by_role("button", name="Återkalla nyckeln för Power BI").click()
    expect(sida.get_by_role("status")).to_contain_text("återkallad")
    expect(sida.get_by_role("cell", name="Återkallad", exact=False)).to_be_visible()
    kontrollera_tillganglighet(sida, "exportnycklar-aterkallad")
    assert las(adress, nyckel) == 404
