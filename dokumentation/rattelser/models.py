"""The trail of corrections and voidings: every change staff make to a record after it was
registered, with who, when, why and the values before and after. The trail is de-identified
like the records it follows (codes and numbers, never a person), and the database lets the
application only add to it."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q

from dokumentation.val import Aldersgrupp, Kanal, Kon, bara_val
from insatser.models import Insats
from organisation.models import Utforare

#: The trail's fields in words, and the code lists their values come from.
FALT = {
    "datum": ("Datum", None),
    "startdatum": ("Startdatum", None),
    "kanal": ("Kanal", Kanal),
    "aldersgrupp": ("Åldersgrupp", Aldersgrupp),
    "kon": ("Kön", Kon),
    "alder": ("Ålder (år)", None),
    "langd_minuter": ("Längd (minuter)", None),
    "besok": ("Besök", None),
    "narvaro": ("Närvarande", None),
}


def i_ord(falt: str, varde: Any) -> str:
    """A value of the trail as the forms show it."""
    if varde is None or varde == "":
        return "–"
    if falt == "besok":
        delar = []
        for nyckel, antal in varde.items():
            kon, _, grupp = nyckel.partition("/")
            delar.append(f"{i_ord('kon', kon)} {i_ord('aldersgrupp', grupp).lower()}: {antal}")
        return "; ".join(delar) or "inga"
    if falt == "narvaro":
        return f"{len(varde)} deltagare"
    val = FALT.get(falt, ("", None))[1]
    if val is not None and varde in val.values:
        return str(val(varde).label)
    return str(varde)


class Rattelsetyp(models.TextChoices):
    RATTELSE = "rattelse", "Rättelse"
    MAKULERING = "makulering", "Makulering"


class Post(models.TextChoices):
    """The kinds of record that can be corrected or voided."""

    KONTAKT = "kontakt", "Kontakt"
    DELTAGANDE = "deltagande", "Deltagande"
    TILLFALLE = "tillfalle", "Tillfälle"


class Rattelseorsak(models.TextChoices):
    FEL_DATUM = "fel_datum", "Fel datum"
    FEL_UPPGIFT = "fel_uppgift", "Fel uppgift (kön, ålder, kanal, längd eller antal)"
    FEL_INSATS = "fel_insats", "Registrerad på fel insats"
    DUBBEL = "dubbel", "Registrerad två gånger"
    MISSTAG = "misstag", "Registrerad av misstag"
    ANNAT = "annat", "Annat"


class Rattelse(models.Model):
    """One correction (the record changed) or voiding (the record removed from the register and
    from every count; what it said is kept here). Never changed, never removed by the
    application (migration 0021)."""

    Typ = Rattelsetyp
    Post = Post
    Orsak = Rattelseorsak

    tidpunkt = models.DateTimeField(auto_now_add=True)
    av = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    typ = models.CharField("typ", max_length=10, choices=Rattelsetyp)
    post = models.CharField("post", max_length=10, choices=Post)
    objekt_id = models.BigIntegerField("postens nummer")
    insats = models.ForeignKey(Insats, on_delete=models.PROTECT, related_name="+")
    utforare = models.ForeignKey(Utforare, on_delete=models.PROTECT, related_name="+")
    orsak = models.CharField("orsak", max_length=12, choices=Rattelseorsak)
    kommentar = models.CharField("kommentar", max_length=200, blank=True)
    # The record's values before and after, as codes and numbers (makulering: after is empty).
    fore = models.JSONField("före", default=dict)
    efter = models.JSONField("efter", default=dict)
    # The correction form's one-time key: the same form sent twice corrects once.
    inlamningsnyckel = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        verbose_name = "rättelse"
        verbose_name_plural = "rättelser"
        ordering = ["tidpunkt", "id"]
        indexes = [
            models.Index(fields=["post", "objekt_id"], name="rattelse_post"),
            models.Index(fields=["utforare", "tidpunkt"], name="rattelse_utforare"),
        ]
        constraints = [
            bara_val("rattelse", "typ", Rattelsetyp),
            bara_val("rattelse", "post", Post),
            bara_val("rattelse", "orsak", Rattelseorsak),
            # A voided record keeps its values before; a correction changes something.
            models.CheckConstraint(
                condition=Q(typ="makulering", efter={}) | (Q(typ="rattelse") & ~Q(efter={})),
                name="rattelse_efter",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_typ_display()} av {self.get_post_display().lower()} {self.objekt_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ValueError("En rättelse ändras aldrig; gör en ny.")
        super().save(*args, **kwargs)

    def andringar(self) -> list[tuple[str, str, str]]:
        """A correction's changes in words: (field, before, after)."""
        return [
            (FALT.get(f, (f, None))[0], i_ord(f, v), i_ord(f, self.efter.get(f)))
            for f, v in self.fore.items()
        ]
