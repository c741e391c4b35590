"""The nämnd's decisions a catalogue and its insatser rest on, and the day a version applies
from."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from insatser.models.katalog import Katalog


class BeslutQuerySet(models.QuerySet["Beslut"]):
    def okanda(self) -> BeslutQuerySet:
        """Unknown decisions that insatser still stand under: flagged for the secretary."""
        return self.filter(okant=True, insatser__status="beslutad").distinct()


class Beslut(models.Model):
    """A recorded board decision (11 kap. 5 §: only the nämnd decides what is IUB). `okant`:
    a catalogue imported without beslutsdatum, whose insatser apply from the import date
    until the secretary records the nämnd's decision here."""

    katalog = models.ForeignKey(Katalog, on_delete=models.PROTECT, related_name="beslut")
    organ = models.CharField("beslutande organ", max_length=200)
    datum = models.DateField("beslutsdatum")
    galler_fran = models.DateField(
        "gäller från",
        help_text="Dagen då beslutet börjar gälla. Tomt: samma dag som beslutet.",
    )
    paragraf = models.CharField(
        "paragraf", max_length=60, blank=True, help_text="Till exempel ”SAN § 82”."
    )
    diarienummer = models.CharField("diarienummer", max_length=60, blank=True)
    rubrik = models.CharField("ärende", max_length=300, blank=True)
    okant = models.BooleanField(
        "beslutet är okänt",
        default=False,
        help_text="Katalogen importerades utan beslutsdatum: insatserna gäller från importen, "
        "och beslutet är markerat tills sekreteraren har fört in nämndens beslut.",
    )
    registrerat = models.DateTimeField("registrerat", auto_now_add=True)
    registrerat_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = BeslutQuerySet.as_manager()

    class Meta:
        verbose_name = "nämndbeslut"
        verbose_name_plural = "nämndbeslut"
        ordering = ["-datum", "-id"]
        constraints = [
            # A decision takes effect on its date or later, never before it is made.
            models.CheckConstraint(
                condition=Q(galler_fran__gte=models.F("datum")),
                name="beslut_galler_inte_fore_beslutet",
            ),
        ]

    def __str__(self) -> str:
        if self.okant:
            return f"Okänt beslut (importerat {self.datum.isoformat()})"
        delar = [self.organ, self.datum.isoformat(), self.paragraf, self.diarienummer]
        return ", ".join(d for d in delar if d)

    def save(self, *args: object, **kwargs: object) -> None:
        if self.galler_fran is None:
            self.galler_fran = self.datum
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def get_absolute_url(self) -> str:
        return reverse("insatser:beslut", args=[self.pk])


def galler_fran(giltig_fran: datetime.date | None, beslut: Beslut | None) -> datetime.date | None:
    """The day a decided version of an insats takes effect: its decision's effective date, or
    the insats's own start when later. None without a decision (a draft)."""
    if beslut is None:
        return None
    return max(d for d in (giltig_fran, beslut.galler_fran) if d is not None)
