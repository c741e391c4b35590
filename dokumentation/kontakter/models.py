"""A contact: someone turned to the utförare about an insats (11 kap. 6 § information, outcome,
sex and age band), the answers to the villkor the nämnd set, and the free texts the identity
guard refused (counted for internal control, their text never kept)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from dokumentation.val import (
    Aldersgrupp,
    Efterregistrering,
    Kanal,
    Kon,
    Samtycke,
    Svar,
    Utfall,
    bara_val,
)
from insatser.models import Insats, Villkor
from organisation.models import Utforare


class Kontakt(models.Model):
    """Someone turning to the utförare. Always de-identified, whatever the outcome, so that
    nobody who asked disappears from the statistics."""

    insats = models.ForeignKey(Insats, on_delete=models.PROTECT, related_name="kontakter")
    utforare = models.ForeignKey(Utforare, on_delete=models.PROTECT, related_name="kontakter")
    datum = models.DateField("datum")
    kanal = models.CharField("kanal", max_length=10, choices=Kanal)
    aldersgrupp = models.CharField("åldersgrupp", max_length=6, choices=Aldersgrupp)
    kon = models.CharField("kön", max_length=10, choices=Kon)
    utfall = models.CharField("utfall", max_length=20, choices=Utfall)
    informerad_11_6 = models.BooleanField("informerad om rätten att ansöka (11 kap. 6 §)")
    samtycke = models.CharField(
        "vårdnadshavares samtycke", max_length=10, choices=Samtycke, blank=True
    )
    registrerad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    registrerad = models.DateTimeField(auto_now_add=True)
    # Why a contact dated more than a year back was registered (dokumentation.regler
    # datum_langt_tillbaka); empty otherwise.
    efterregistrering = models.CharField(
        "skäl till efterregistrering",
        max_length=12,
        choices=Efterregistrering,
        blank=True,
        db_default="",  # also for rows written past the ORM (bench/generera.py, imports)
    )
    # A double-submitted form carries the same key and creates one contact.
    inlamningsnyckel = models.UUIDField(unique=True)

    class Meta:
        verbose_name = "kontakt"
        verbose_name_plural = "kontakter"
        ordering = ["-datum", "-id"]
        # The follow-up reads a period, for one insats or for all (bench/RESULTS.md).
        indexes = [
            models.Index(fields=["datum"], name="kontakt_datum"),
            # Covering: one insats's contacts of a period are counted from the index alone.
            models.Index(
                fields=["insats", "datum"],
                include=["id", "kon", "aldersgrupp", "utfall", "informerad_11_6"],
                name="kontakt_insats_datum",
            ),
        ]
        constraints = [
            # 11 kap. 6 §: nothing is saved before the person has been told of the right to apply.
            models.CheckConstraint(condition=Q(informerad_11_6=True), name="kontakt_informerad"),
            bara_val("kontakt", "kanal", Kanal),
            bara_val("kontakt", "aldersgrupp", Aldersgrupp),
            bara_val("kontakt", "kon", Kon),
            bara_val("kontakt", "utfall", Utfall),
            bara_val("kontakt", "samtycke", Samtycke, tom=True),
            bara_val("kontakt", "efterregistrering", Efterregistrering, tom=True),
        ]

    def __str__(self) -> str:
        return f"Kontakt {self.datum} – {self.insats}"


class Villkorssvar(models.Model):
    """One villkor's answer at a contact, as codes only."""

    kontakt = models.ForeignKey(Kontakt, on_delete=models.CASCADE, related_name="svar")
    villkor_typ = models.CharField(max_length=30)
    # Which villkor of the catalogue was answered; its text is never copied into a record
    # (older rows kept a copy in villkor_text).
    villkor = models.ForeignKey(
        "insatser.Villkor", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    villkor_text = models.CharField(max_length=300, blank=True, default="")
    svar = models.CharField(max_length=12, choices=Svar)

    class Meta:
        verbose_name = "villkorssvar"
        verbose_name_plural = "villkorssvar"
        indexes = [
            # The follow-up counts only the villkor not met: a small index of those alone.
            models.Index(
                fields=["kontakt"],
                include=["villkor_typ", "id"],
                condition=Q(svar=Svar.EJ_UPPFYLLT),
                name="villkorssvar_ej_uppfyllda",
            ),
        ]
        constraints = [
            bara_val("villkorssvar", "svar", Svar),
            bara_val("villkorssvar", "villkor_typ", Villkor.Typ),
        ]

    def __str__(self) -> str:
        vad = self.villkor.klartext() if self.villkor else self.villkor_text or self.villkor_typ
        return f"{vad}: {self.get_svar_display()}"


class Avvisning(models.Model):
    """A free text refused because it could reveal who someone is (14 kap. 4–5 §§). Only
    that it happened is kept, for the internal control; never what the text said."""

    tidpunkt = models.DateTimeField(auto_now_add=True)
    insats = models.ForeignKey(Insats, on_delete=models.PROTECT, related_name="+")
    kod = models.CharField(max_length=30)

    class Meta:
        verbose_name = "avvisad fritext"
        verbose_name_plural = "avvisade fritexter"
        constraints = [
            models.CheckConstraint(
                condition=Q(kod__regex=r"^fritext_[a-z_]+$"), name="avvisning_bara_koder"
            )
        ]

    def __str__(self) -> str:
        return f"{self.tidpunkt:%Y-%m-%d} {self.kod}"
