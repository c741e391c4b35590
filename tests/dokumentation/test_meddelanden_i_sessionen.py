"""What the register says after a save stays on the server: a message naming an identified
person ("Annika Ek har börjat delta.") is kept in the server-side session, never in a cookie
the browser stores (Django's default keeps messages in a signed cookie, readable by anyone
with the browser's profile)."""

from __future__ import annotations

import base64

import pytest
from django.urls import reverse

from dokumentation.kontakter.services import Personuppgifter
from tests.dokumentation.conftest import identifierad_omgang, registrera

pytestmark = pytest.mark.django_db


def _lasbar(varde: str) -> str:
    """A cookie's value as anyone can read it: a signed value's payload, base64 decoded."""
    data = varde.split(":")[0].lstrip(".")
    try:
        return base64.urlsafe_b64decode(data + "=" * (-len(data) % 4)).decode(errors="replace")
    except ValueError:
        return varde


def test_a_message_naming_a_person_is_in_no_cookie(client, katalog, utforare, personal):
    omgang = identifierad_omgang(katalog, utforare)
    kontakt = registrera(
        personal,
        omgang.insats,
        person=Personuppgifter("198503121231", "Annika", "Ek", False),
        omgang=omgang,
        utfall="vantelista",
    )
    client.force_login(personal)
    svar = client.post(reverse("dokumentation:starta", args=[kontakt.deltagande.pk]))
    assert svar.status_code == 302
    for kaka in svar.cookies.values():
        assert "Annika" not in _lasbar(kaka.value), kaka.key
    assert "messages" not in svar.cookies
    assert "Annika Ek har börjat delta." in client.get(svar["Location"]).text
