"""The header's "Inloggad till kl. HH:MM" in a browser whose clock is in another zone (a
remote desktop set to UTC, say): the script that keeps it current writes the register's time
(TIME_ZONE, Europe/Stockholm), the same clock the server printed. axe on the page."""

import datetime

import pytest
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import expect

from organisation.models import Roll
from tests.browser.conftest import kontrollera_tillganglighet
from tests.factories import UtforareFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def sida(webblasare, live_server):
    # Neither UTC nor Stockholm: a clock from the browser's zone cannot pass by chance.
    context = webblasare.new_context(
        base_url=live_server.url, locale="sv-SE", timezone_id="America/Sao_Paulo"
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def test_the_session_end_is_the_registers_clock_not_the_browsers(sida, logga_in):
    logga_in(Roll.UTFORARPERSONAL, UtforareFactory())
    fore = timezone.localtime()
    sida.reload()
    efter = timezone.localtime()
    slut = datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE)
    mojliga = {f"{t + slut:%H:%M}" for t in (fore, efter)}
    assert sida.evaluate("Intl.DateTimeFormat().resolvedOptions().timeZone") == "America/Sao_Paulo"
    sida.wait_for_load_state("load")  # the deferred script has run and rewritten the clock
    klockan = sida.locator("#sessionen-slutar")
    expect(klockan).to_be_visible()
    assert klockan.inner_text() in mojliga
    kontrollera_tillganglighet(sida, "sessionen-klocka")


def test_the_time_elements_datetime_is_iso_8601_in_the_registers_zone(sida, logga_in):
    # The text is the register's clock; the attribute must be the same instant with the same
    # offset (it was the browser script's UTC "…Z"), not the browser's zone either.
    logga_in(Roll.UTFORARPERSONAL, UtforareFactory())
    sida.reload()
    sida.wait_for_load_state("load")
    klockan = sida.locator("#sessionen-slutar")
    attribut = klockan.get_attribute("datetime")
    tid = datetime.datetime.fromisoformat(attribut)
    lokal = timezone.localtime(tid)
    assert tid.utcoffset() == lokal.utcoffset(), attribut
    assert f"{tid:%H:%M}" == klockan.inner_text(), attribut
    assert str(settings.TIME_ZONE) == "Europe/Stockholm"
