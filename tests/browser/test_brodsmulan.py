"""A round's page on a phone (360 × 740): the breadcrumb "Gruppomgångar" stands clear of the
header, not against it. axe on the page."""

import pytest

from organisation.models import Roll
from tests.browser.conftest import kontrollera_tillganglighet

pytestmark = pytest.mark.browser


def test_the_breadcrumb_keeps_its_distance_from_the_header(sida, familjecentralen, logga_in):
    sida.set_viewport_size({"width": 360, "height": 740})
    logga_in(Roll.UTFORARPERSONAL, familjecentralen)
    sida.goto("/utforare/omgangar/")
    sida.get_by_role("link", name="Vårens grupp").click()
    smula = sida.locator(".brodsmula")
    assert smula.inner_text() == "Gruppomgångar"
    sidhuvud = sida.locator(".sidhuvud").bounding_box()
    avstand = smula.bounding_box()["y"] - (sidhuvud["y"] + sidhuvud["height"])
    assert avstand >= 8, f"brödsmulan står {avstand} px från sidhuvudet"
    kontrollera_tillganglighet(sida, "telefon-omgang-brodsmula")
