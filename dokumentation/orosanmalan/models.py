"""Worry about a child: staff who become worried about a child must report it to the social
services (anmälningsplikt). In an insats without identity the register shows the
municipality's procedure and records only that a report was made – insats, utförare, date –
with no place for who the child or the participant is, and no free text."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from insatser.models import Insats
from organisation.models import Utforare


class Orosanmalan(models.Model):
    """A de-identified "orosanmälan gjord": counted per insats and period, nothing more."""

    insats = models.ForeignKey(Insats, on_delete=models.PROTECT, related_name="orosanmalningar")
    utforare = models.ForeignKey(Utforare, on_delete=models.PROTECT, related_name="+")
    datum = models.DateField("datum för anmälan")
    registrerad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    registrerad = models.DateTimeField(auto_now_add=True)
    # The form's one-time key: the same form sent twice records one report.
    inlamningsnyckel = models.UUIDField(unique=True)

    class Meta:
        verbose_name = "orosanmälan"
        verbose_name_plural = "orosanmälningar"
        ordering = ["-datum", "-id"]
        indexes = [models.Index(fields=["insats", "datum"], name="orosanmalan_insats_datum")]

    def __str__(self) -> str:
        return f"Orosanmälan {self.datum:%Y-%m-%d}"
