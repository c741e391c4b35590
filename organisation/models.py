"""Users, utförare and roles (DESIGN.md §4). The bottom layer: imports no other project app."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q


class Utforare(models.Model):
    """The unit or provider that carries out insatser."""

    class Regi(models.TextChoices):
        EGEN = "egen_regi", "Egen regi"
        EXTERN = "extern", "Extern utförare"
        SAMVERKAN = "samverkan", "Samverkan"

    namn = models.CharField("namn", max_length=200, unique=True)
    regi = models.CharField("regiform", max_length=20, choices=Regi, default=Regi.EGEN)
    telefon = models.CharField("telefon", max_length=40, blank=True)
    epost = models.EmailField("e-post", blank=True)
    besoksadress = models.CharField("besöksadress", max_length=200, blank=True)
    kontakt_info = models.TextField(
        "så når man utföraren", blank=True, help_text="Visas i den publika katalogen."
    )

    class Meta:
        verbose_name = "utförare"
        verbose_name_plural = "utförare"
        ordering = ["namn"]

    def __str__(self) -> str:
        return self.namn


class Anvandare(AbstractUser):
    """A person who logs in. What they may do comes from their Behorighet rows, not from here."""

    class Meta:
        verbose_name = "användare"
        verbose_name_plural = "användare"

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class Roll(models.TextChoices):
    UTFORARPERSONAL = "utforarpersonal", "Utförarpersonal"
    ENHETSCHEF = "enhetschef", "Enhetschef"
    VERKSAMHETSCHEF = "verksamhetschef", "Verksamhetschef"
    NAMNDSEKRETERARE = "namndsekreterare", "Nämndsekreterare"
    SYSTEMADMINISTRATOR = "systemadministrator", "Systemadministratör"


#: The roles that are held at one utförare; the others hold for the whole municipality.
ROLLER_PER_UTFORARE = (Roll.ENHETSCHEF, Roll.UTFORARPERSONAL)


class BehorighetQuerySet(models.QuerySet["Behorighet"]):
    def aktiva(self) -> BehorighetQuerySet:
        return self.filter(anvandare__is_active=True)


class Behorighet(models.Model):
    """One role held by one user, at one utförare where the role is per utförare."""

    anvandare = models.ForeignKey(
        Anvandare, on_delete=models.CASCADE, related_name="behorigheter", verbose_name="användare"
    )
    roll = models.CharField("roll", max_length=30, choices=Roll)
    utforare = models.ForeignKey(
        Utforare,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="behorigheter",
        verbose_name="utförare",
    )

    objects = BehorighetQuerySet.as_manager()

    class Meta:
        verbose_name = "behörighet"
        verbose_name_plural = "behörigheter"
        constraints = [
            models.UniqueConstraint(
                fields=["anvandare", "roll", "utforare"], name="behorighet_unik"
            ),
            models.UniqueConstraint(
                fields=["anvandare", "roll"],
                condition=Q(utforare__isnull=True),
                name="behorighet_unik_utan_utforare",
            ),
            # Staff and unit managers always belong to an utförare; the other roles never do.
            models.CheckConstraint(
                condition=(
                    Q(roll__in=list(ROLLER_PER_UTFORARE), utforare__isnull=False)
                    | (~Q(roll__in=list(ROLLER_PER_UTFORARE)) & Q(utforare__isnull=True))
                ),
                name="behorighet_utforare_efter_roll",
            ),
        ]

    def __str__(self) -> str:
        if self.utforare_id:
            return f"{self.get_roll_display()} vid {self.utforare}"
        return self.get_roll_display()


class Sakerhetshandelse(models.Model):
    """What the information-security officer reviews: a second factor reset, a password
    changed, a register extract made. Never changed (the database refuses)."""

    class Typ(models.TextChoices):
        TVASTEG_ATERSTALLT = "tvasteg_aterstallt", "Tvåstegsverifieringen återställd"
        LOSENORD_BYTT = "losenord_bytt", "Lösenordet bytt"
        REGISTERUTDRAG = "registerutdrag", "Registerutdrag"

    tid = models.DateTimeField("tid", auto_now_add=True)
    typ = models.CharField("typ", max_length=30, choices=Typ)
    anvandare = models.ForeignKey(
        Anvandare,
        on_delete=models.PROTECT,
        null=True,
        related_name="sakerhetshandelser",
        verbose_name="gäller",
    )
    utford_av = models.ForeignKey(
        Anvandare,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name="utförd av",
    )
    beskrivning = models.CharField("beskrivning", max_length=300, blank=True)

    class Meta:
        verbose_name = "säkerhetshändelse"
        verbose_name_plural = "säkerhetshändelser"
        ordering = ["-tid"]

    def __str__(self) -> str:
        return f"{self.get_typ_display()} {self.tid:%Y-%m-%d %H:%M}"


# The second factors (django-otp devices), in their own module.
from organisation.enheter import Autentiseringsapp, Reservkod, Reservkoder  # noqa: E402

__all__ = [
    "Anvandare",
    "Autentiseringsapp",
    "Behorighet",
    "Reservkod",
    "Reservkoder",
    "Roll",
    "Sakerhetshandelse",
    "Utforare",
]
