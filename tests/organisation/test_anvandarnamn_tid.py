"""A wrong sign-in costs the same work whether the username exists, is disabled, has no
password (signs in through the identity provider only) or does not exist: the time of the
answer tells nobody which names are accounts. Counted as hash computations, which is where
the time goes (hundreds of milliseconds each with the real hasher), not as wall time."""

import pytest
from django.contrib.auth.hashers import MD5PasswordHasher
from django.test import Client
from django.urls import reverse

from organisation.models import Anvandare
from tests.factories import AnvandareFactory

pytestmark = pytest.mark.django_db


class RaknandeHasher(MD5PasswordHasher):
    algorithm = "raknande_md5"
    antal = 0

    def encode(self, password, salt):
        RaknandeHasher.antal += 1
        return super().encode(password, salt)


def _arbete(anvandarnamn: str) -> tuple[int, list[str]]:
    RaknandeHasher.antal = 0
    svar = Client().post(reverse("login"), {"username": anvandarnamn, "password": "fel-losenord"})
    assert svar.status_code == 200
    return RaknandeHasher.antal, list(svar.context["form"].non_field_errors())


def test_a_wrong_sign_in_costs_the_same_for_every_kind_of_name(settings):
    settings.PASSWORD_HASHERS = ["tests.organisation.test_anvandarnamn_tid.RaknandeHasher"]
    AnvandareFactory(username="finns")
    AnvandareFactory(username="avstangd", is_active=False)
    via_leverantoren = AnvandareFactory(username="sso:abc-123")
    via_leverantoren.set_unusable_password()
    via_leverantoren.save()
    assert Anvandare.objects.filter(username="finns").exists()
    arbete = {n: _arbete(n) for n in ("finns", "avstangd", "sso:abc-123", "finns-inte")}
    # The same work and the same message for each.
    assert len({(n, tuple(m)) for n, m in arbete.values()}) == 1, arbete
    assert arbete["finns-inte"][0] >= 1
