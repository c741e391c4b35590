"""The second factors, as django-otp devices, stored so that a copy of the database gives
nobody a way in:

- `Autentiseringsapp`: a TOTP app whose secret is encrypted at rest (Fernet, keys from
  TOTP_NYCKLAR; the first encrypts, all decrypt, so keys can be rotated). Verifying, drift and
  throttling are django-otp's own TOTPDevice code, borrowed method by method: only where the
  secret lives differs.
- `Reservkoder`: ten recovery codes of 80 random bits each, stored as SHA-256 hashes (the
  codes are too long to guess, so a fast hash suffices), each valid once.
"""

from __future__ import annotations

import hashlib
import secrets
from functools import cache
from typing import Any

from cryptography.fernet import Fernet, MultiFernet
from django.conf import settings
from django.db import models
from django_otp.models import Device, ThrottlingMixin, TimestampMixin
from django_otp.plugins.otp_totp.models import TOTPDevice

ALFABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i to misread


@cache
def _chiffer(nycklar: tuple[str, ...]) -> MultiFernet:
    return MultiFernet([Fernet(n.encode()) for n in nycklar])


def chiffer() -> MultiFernet:
    return _chiffer(tuple(settings.TOTP_NYCKLAR))


class Autentiseringsapp(TimestampMixin, ThrottlingMixin, Device):
    krypterad_nyckel = models.TextField()
    step = models.PositiveSmallIntegerField(default=30)
    t0 = models.BigIntegerField(default=0)
    digits = models.PositiveSmallIntegerField(default=6)
    tolerance = models.PositiveSmallIntegerField(default=1)
    drift = models.SmallIntegerField(default=0)
    last_t = models.BigIntegerField(default=-1)

    class Meta(Device.Meta):
        verbose_name = "autentiseringsapp"
        verbose_name_plural = "autentiseringsappar"

    @classmethod
    def ny(cls, anvandare: Any, namn: str = "Autentiseringsapp") -> Autentiseringsapp:
        return cls(
            user=anvandare,
            name=namn,
            confirmed=False,
            krypterad_nyckel=chiffer().encrypt(secrets.token_bytes(20)).decode(),
        )

    @property
    def bin_key(self) -> bytes:
        return chiffer().decrypt(self.krypterad_nyckel.encode())

    # django-otp's own TOTP logic (verification with tolerance and drift, throttling, the
    # otpauth:// URL for the QR code); it reads the secret through bin_key.
    verify_token = TOTPDevice.verify_token
    get_throttle_factor = TOTPDevice.get_throttle_factor
    config_url = TOTPDevice.config_url
    _read_str_from_settings = TOTPDevice._read_str_from_settings


def _hash(kod: str) -> str:
    ren = "".join(kod.lower().split()).replace("-", "")
    return hashlib.sha256(ren.encode()).hexdigest()


class Reservkoder(ThrottlingMixin, TimestampMixin, Device):
    class Meta(Device.Meta):
        verbose_name = "reservkoder"
        verbose_name_plural = "reservkoder"

    def skapa_koder(self, antal: int = 10) -> list[str]:
        """New codes, shown once; only their hashes are kept."""
        koder = [
            "-".join("".join(secrets.choice(ALFABET) for _ in range(4)) for _ in range(4))
            for _ in range(antal)
        ]
        self.koder.all().delete()
        Reservkod.objects.bulk_create(Reservkod(enhet=self, kodhash=_hash(k)) for k in koder)
        return koder

    def verify_token(self, token: str) -> bool:
        tillatet, _ = self.verify_is_allowed()
        if not tillatet:
            return False
        # One conditional DELETE uses the code: of two sign-ins with the same code at the same
        # moment only the one whose DELETE removed the row passes, whether or not the caller
        # locked the device first (django-otp's match_token does; a direct call need not).
        anvand, _ = Reservkod.objects.filter(enhet=self, kodhash=_hash(str(token))).delete()
        if not anvand:
            self.throttle_increment(commit=True)
            return False
        self.throttle_reset(commit=False)
        self.set_last_used_timestamp(commit=False)
        self.save()
        return True

    def get_throttle_factor(self) -> int:
        return int(getattr(settings, "OTP_STATIC_THROTTLE_FACTOR", 1))


class Reservkod(models.Model):
    enhet = models.ForeignKey(Reservkoder, on_delete=models.CASCADE, related_name="koder")
    kodhash = models.CharField(max_length=64, db_index=True)

    class Meta:
        verbose_name = "reservkod"
        verbose_name_plural = "reservkoder"

    def __str__(self) -> str:
        return "Reservkod"
