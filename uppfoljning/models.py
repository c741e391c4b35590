"""The enhetschef's yearly follow-up of an insats. Signed, it is frozen: its figures are stored
as they were shown (already protected by disclosure control) and its text never changes."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from insatser.models import Insats


class Bedomning(models.TextChoices):
    UPPNATT = "uppnatt", "Uppnått"
    DELVIS = "delvis", "Delvis uppnått"
    EJ_UPPNATT = "ej_uppnatt", "Ej uppnått"


class Forslag(models.TextChoices):
    BEHALL = "behall", "Behåll insatsen"
    ANDRA_VILLKOR = "andra_villkor", "Ändra villkoren"
    AVSLUTA = "avsluta", "Avsluta insatsen"


class Arsuppfoljning(models.Model):
    class Status(models.TextChoices):
        UTKAST = "utkast", "Påbörjad"
        SIGNERAD = "signerad", "Signerad"

    insats = models.ForeignKey(Insats, on_delete=models.PROTECT, related_name="arsuppfoljningar")
    ar = models.PositiveSmallIntegerField("år")
    analys = models.TextField("analys", blank=True)
    sammanfattning = models.TextField("sammanfattning", blank=True)
    slutsats = models.TextField("slutsats", blank=True)
    bedomning = models.CharField("bedömning", max_length=12, choices=Bedomning, blank=True)
    forslag = models.CharField("förslag till nämnden", max_length=15, choices=Forslag, blank=True)
    forslag_text = models.TextField("förslaget i ord", blank=True)
    kostnad = models.PositiveIntegerField(
        "årets kostnad (kr)",
        null=True,
        blank=True,
        help_text="Frivilligt. Ger kostnad per deltagare och per tillfälle.",
    )
    status = models.CharField("status", max_length=10, choices=Status, default=Status.UTKAST)
    siffror = models.JSONField("siffror som de var vid signering", null=True, blank=True)
    signerad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    signerad = models.DateTimeField("signerad", null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = "årsuppföljning"
        verbose_name_plural = "årsuppföljningar"
        ordering = ["-ar", "insats__namn"]
        constraints = [
            models.UniqueConstraint(fields=["insats", "ar"], name="arsuppfoljning_unik"),
            models.CheckConstraint(
                condition=Q(status="utkast")
                | Q(signerad_av__isnull=False, signerad__isnull=False, siffror__isnull=False),
                name="arsuppfoljning_signerad_ar_fryst",
            ),
        ]

    def __str__(self) -> str:
        return f"Årsuppföljning {self.ar} – {self.insats}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if (
            self.pk
            and Arsuppfoljning.objects.filter(pk=self.pk, status=self.Status.SIGNERAD).exists()
        ):
            raise ValueError("En signerad årsuppföljning ändras aldrig.")
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("uppfoljning:arsuppfoljning", args=[self.insats_id, self.ar])

    @property
    def senast(self) -> datetime.date:
        """Due by the end of March the following year."""
        return datetime.date(self.ar + 1, 3, 31)

    @property
    def i_tid(self) -> bool:
        return bool(self.signerad and self.signerad.date() <= self.senast)
