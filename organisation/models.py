"""Users, utförare and roles (DESIGN.md §4). The bottom layer: imports no other project app."""

from __future__ import annotations

import datetime
import re
import uuid
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify

#: A Swedish organisationsnummer as written: ten digits with a hyphen before the last four.
ORGANISATIONSNUMMER = r"^[0-9]{6}-[0-9]{4}$"


# The few municipalities whose name before "kommun" is not the place name with a genitive s
# where it ends in a consonant (Kalmar kommun, Orust kommun, Falu kommun).
_KOMMUNNAMN_SOM_AVVIKER = {"kalmar": "Kalmar", "orust": "Orust", "falun": "Falu"}


def kommunens_namn(namn: str) -> str:
    """A municipality's name as pages and reports write it. A name that says what kind of body
    it is stands as written ("Göteborgs Stad", "Region Gotland", "Falu kommun"). A bare place
    name gets "kommun" after it, in the genitive as Swedish writes it: a name that ends in a
    consonant takes an s ("Östersunds kommun", "Lilla Edets kommun"), one that ends in a vowel
    or an s does not ("Sala kommun", "Alingsås kommun"); the few exceptions are listed."""
    if re.search(r"(?<!\w)(?:kommun|stad|region)(?!\w)", namn, re.IGNORECASE):
        return namn
    plats = namn.strip()
    if not plats:
        return "kommunen"
    if plats.lower() in _KOMMUNNAMN_SOM_AVVIKER:
        plats = _KOMMUNNAMN_SOM_AVVIKER[plats.lower()]
    elif plats[-1].isalpha() and plats[-1].lower() not in "aeiouyåäösxz":
        plats += "s"
    return f"{plats} kommun"


def ledig_slug(modell: type[models.Model], bas: str) -> str:
    """A free address for a new row: two municipalities whose names differ only in accents
    (Håbo and Habo) are two municipalities, so the second gets "habo-2"."""
    slug, nr = bas, 1
    while modell._default_manager.filter(slug=slug).exists():
        nr += 1
        slug = f"{bas[: 100 - len(str(nr)) - 1]}-{nr}"
    return slug


class Kommun(models.Model):
    """A municipality in the installation. Its catalogue (insatser.Katalog), its records and its
    reports belong to it; the roles of the nämnd's side (verksamhetschef, nämndsekreterare)
    are held in one municipality and see only its own."""

    namn = models.CharField("namn", max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    kod = models.CharField(
        "kommunkod",
        max_length=4,
        unique=True,
        null=True,
        blank=True,
        help_text="SCB:s fyrsiffriga kommunkod, t.ex. 1882 för Askersund.",
    )
    tillganglighet_kontakt = models.CharField(
        "kontakt för tillgänglighetsbrister",
        max_length=200,
        blank=True,
        help_text="E-post eller telefon dit den som inte kan ta del av katalogen kan vända sig.",
    )
    tillganglighetsredogorelse = models.TextField(
        "tillgänglighetsredogörelse, egen text",
        blank=True,
        help_text="Kända brister och när de åtgärdas, om det finns några (lag 2018:1937).",
    )

    class Meta:
        verbose_name = "kommun"
        verbose_name_plural = "kommuner"
        ordering = ["namn"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kod__isnull=True) | Q(kod__regex=r"^[0-9]{4}$"), name="kommun_kod"
            )
        ]

    def __str__(self) -> str:
        return kommunens_namn(self.namn)

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self.slug:
            self.slug = ledig_slug(Kommun, slugify(self.namn) or "kommun")
        super().save(*args, **kwargs)


class Utforare(models.Model):
    """The unit or provider that carries out insatser."""

    class Regi(models.TextChoices):
        EGEN = "egen_regi", "Egen regi"
        EXTERN = "extern", "Extern utförare"
        SAMVERKAN = "samverkan", "Samverkan"
        ANNAN_KOMMUN = "annan_kommun", "Annan kommun"
        FORENING = "forening", "Förening eller idéburen organisation"

    namn = models.CharField("namn", max_length=200, unique=True)
    regi = models.CharField("regiform", max_length=20, choices=Regi, default=Regi.EGEN)
    organisationsnummer = models.CharField(
        "organisationsnummer",
        max_length=11,
        unique=True,
        null=True,
        blank=True,
        validators=[
            RegexValidator(
                ORGANISATIONSNUMMER, "Skriv organisationsnumret som NNNNNN-NNNN.", "orgnr"
            )
        ],
        help_text="Tio siffror, NNNNNN-NNNN. Tomt för en enhet i kommunens egen regi.",
    )
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
        constraints = [
            models.CheckConstraint(
                condition=Q(organisationsnummer__isnull=True)
                | Q(organisationsnummer__regex=ORGANISATIONSNUMMER),
                name="utforare_organisationsnummer",
            )
        ]

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


#: The roles that are held at one utförare (which may serve several municipalities).
ROLLER_PER_UTFORARE = (Roll.ENHETSCHEF, Roll.UTFORARPERSONAL)
#: The roles that are held in one municipality and see only its catalogue and reports. The
#: systemadministratör holds for the whole installation (accounts, not records).
ROLLER_PER_KOMMUN = (Roll.VERKSAMHETSCHEF, Roll.NAMNDSEKRETERARE)


class BehorighetQuerySet(models.QuerySet["Behorighet"]):
    def aktiva(self) -> BehorighetQuerySet:
        return self.filter(anvandare__is_active=True)


class Behorighet(models.Model):
    """One role held by one user: at one utförare (staff, enhetschef), in one municipality
    (verksamhetschef, nämndsekreterare), or for the installation (systemadministratör)."""

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
    kommun = models.ForeignKey(
        Kommun,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="behorigheter",
        verbose_name="kommun",
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
                fields=["anvandare", "roll", "kommun"], name="behorighet_unik_i_kommun"
            ),
            models.UniqueConstraint(
                fields=["anvandare", "roll"],
                condition=Q(utforare__isnull=True, kommun__isnull=True),
                name="behorighet_unik_utan_utforare",
            ),
            # Staff and unit managers always belong to an utförare, the nämnd's side to a
            # municipality, the systemadministratör to neither.
            models.CheckConstraint(
                condition=(
                    Q(roll__in=list(ROLLER_PER_UTFORARE), utforare__isnull=False)
                    | (~Q(roll__in=list(ROLLER_PER_UTFORARE)) & Q(utforare__isnull=True))
                ),
                name="behorighet_utforare_efter_roll",
            ),
            models.CheckConstraint(
                condition=(
                    Q(roll__in=list(ROLLER_PER_KOMMUN), kommun__isnull=False)
                    | (~Q(roll__in=list(ROLLER_PER_KOMMUN)) & Q(kommun__isnull=True))
                ),
                name="behorighet_kommun_efter_roll",
            ),
        ]

    def __str__(self) -> str:
        if self.utforare_id:
            return f"{self.get_roll_display()} vid {self.utforare}"
        if self.kommun_id:
            return f"{self.get_roll_display()} i {self.kommun}"
        return self.get_roll_display()


class Sakerhetshandelse(models.Model):
    """What the information-security officer reviews: a second factor reset, a password
    changed, a register extract made, a key to the open export created or revoked, roles
    given or taken in the system administration. Never changed (the database refuses)."""

    class Typ(models.TextChoices):
        TVASTEG_ATERSTALLT = "tvasteg_aterstallt", "Tvåstegsverifieringen återställd"
        LOSENORD_BYTT = "losenord_bytt", "Lösenordet bytt"
        REGISTERUTDRAG = "registerutdrag", "Registerutdrag"
        EXPORTNYCKEL_SKAPAD = "exportnyckel_skapad", "Exportnyckel skapad"
        EXPORTNYCKEL_ATERKALLAD = "exportnyckel_aterkallad", "Exportnyckel återkallad"
        BEHORIGHET_ANDRAD = "behorighet_andrad", "Behörigheter ändrade"
        SESSIONER_AVSLUTADE = "sessioner_avslutade", "Inloggningar avslutade"

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


class SparatArbeteQuerySet(models.QuerySet["SparatArbete"]):
    def utgangna(self) -> SparatArbeteQuerySet:
        return self.filter(skapad__lte=timezone.now() - giltighet())


class SparatArbete(models.Model):
    """One form's values, posted when the sign-in had ended. The values are a Fernet token:
    a copy of the database shows nothing of them without SECRET_KEY."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    anvandare = models.ForeignKey(Anvandare, on_delete=models.CASCADE, related_name="+")
    # Where the form was posted, and the page that shows it (the same, or the participation's
    # page for the forms on it).
    sokvag = models.CharField(max_length=500)
    visas_pa = models.CharField(max_length=500)
    krypterat = models.BinaryField()
    skapad = models.DateTimeField(default=timezone.now, db_index=True)

    objects = SparatArbeteQuerySet.as_manager()

    class Meta:
        verbose_name = "sparat formulär"
        verbose_name_plural = "sparade formulär"

    def __str__(self) -> str:
        return f"Sparat formulär {self.skapad:%Y-%m-%d %H:%M}"


def giltighet() -> datetime.timedelta:
    return datetime.timedelta(minutes=settings.SPARAT_ARBETE_MINUTER)


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
    "SparatArbete",
    "Utforare",
]
