"""The insatskatalog: what the nämnd has decided to offer without individual needs assessment.

Imports no other project app except organisation (users and utförare).
"""

from __future__ import annotations

import copy
import datetime

from django.apps import apps
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.text import slugify
from simple_history.models import HistoricalRecords

from insatser.regler import (
    SLAG_ALDRIG_IUB,
    sol_14_kap_4_5_utan_identitet,
    sol_21_kap_2_utan_samtycke_fran_15,
)
from organisation.models import Kommun, Utforare, kommunens_namn, ledig_slug


class Katalog(models.Model):
    """One municipality's catalogue: the header of the interchange format. `kommun` is the
    municipality's name as the file carries it; `kommunen` the municipality it belongs to
    (found or created by that name when the catalogue is first saved), whose roles see it."""

    kommun = models.CharField("kommun", max_length=100, unique=True)
    kommunen = models.OneToOneField(
        Kommun,
        on_delete=models.PROTECT,
        related_name="katalog",
        verbose_name="tillhör kommunen",
    )
    slug = models.SlugField(max_length=100, unique=True)
    namnd = models.CharField("nämnd", max_length=200, null=True, blank=True)
    beslutsdatum = models.DateField("riktlinjens beslutsdatum", null=True, blank=True)
    diarienummer = models.CharField("diarienummer", max_length=60, null=True, blank=True)
    galler_fran = models.DateField("gäller från", null=True, blank=True)
    allmanna_villkor = models.JSONField("allmänna villkor", default=list, blank=True)
    kalla = models.CharField("källa", max_length=300, null=True, blank=True)
    utan_samtycke_fran_15 = models.BooleanField(
        "unga från 15 år utan vårdnadshavares samtycke (21 kap. 2 §)",
        default=False,
        help_text="Nämndens beslut för hela katalogen: insatserna får ges till den som fyllt 15 "
        "utan vårdnadshavarnas samtycke, om den unga själv vill. En insats kan undantas.",
    )
    informationstext = models.TextField(
        "information om rätten att ansöka (11 kap. 6 §)",
        blank=True,
        help_text="Texten som utföraren ger alla som vänder sig till dem, och som visas publikt.",
    )
    orosanmalan_rutin = models.TextField(
        "så gör utföraren en orosanmälan om ett barn",
        blank=True,
        help_text="Kommunens rutin för anmälan till socialnämnden vid oro för ett barn: vart "
        "personalen vänder sig, telefon och tider. Visas för utförarens personal.",
    )
    # The decision the catalogue-wide settings (21 kap. 2 §, the header) stand under, and the
    # day that version took effect: registration on an earlier day reads the history
    # (insatser.historik.katalog_pa). None: as imported or saved without a decision.
    uppgifter_beslut = models.ForeignKey(
        "Beslut",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="nämndbeslut för katalogens uppgifter",
    )
    uppgifter_galler_fran = models.DateField("uppgifterna gäller från", null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "katalog"
        verbose_name_plural = "kataloger"
        ordering = ["kommun"]

    def __str__(self) -> str:
        return kommunens_namn(self.kommun)

    def save(self, *args: object, **kwargs: object) -> None:
        if not self.slug:
            self.slug = ledig_slug(Katalog, slugify(self.kommun) or "kommun")
        if self.kommunen_id is None:
            self.kommunen, _ = Kommun.objects.get_or_create(
                namn=self.kommun, defaults={"slug": ledig_slug(Kommun, self.slug)}
            )
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def get_absolute_url(self) -> str:
        return reverse("publik:katalog", args=[self.slug])


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


class Dokumentationsregel(models.TextChoices):
    """14 kap. 3–5 §§: chosen per insats by the nämnd, never by the provider."""

    FULL = "14:3", "14 kap. 3 § – full dokumentation"
    RADGIVNING = "14:4", "14 kap. 4 § – rådgivning, inga personliga förhållanden"
    IDENTITETSUNDANTAG = "14:5", "14 kap. 5 § – inget som kan röja identitet"
    BADA_UNDANTAGEN = "14:4+14:5", "14 kap. 4 och 5 §§ – den strängare gäller"


class InsatsQuerySet(models.QuerySet["Insats"]):
    def gallande(self) -> InsatsQuerySet:
        """Not retired: the catalogue as the nämnd currently keeps it (drafts included)."""
        return self.exclude(status=Insats.Status.UPPHORD)

    def under_okant_beslut(self) -> InsatsQuerySet:
        """In force under an unknown decision (see Beslut.okant)."""
        return self.filter(status=Insats.Status.BESLUTAD, beslut__okant=True)

    def publicerade(self, pa_dag: datetime.date | None = None) -> InsatsQuerySet:
        """Decided and in force on the day: what residents can get. (Insats.ar_publicerad is
        the same for one insats already read; a test holds the two equal.)"""
        dag = pa_dag or datetime.date.today()
        return self.filter(status=Insats.Status.BESLUTAD).filter(
            Q(giltig_fran__isnull=True) | Q(giltig_fran__lte=dag),
            Q(giltig_till__isnull=True) | Q(giltig_till__gte=dag),
        )


class Insats(models.Model):
    """A service in the catalogue. Text fields are nullable on purpose: null means "not stated
    in the decision", which the interchange format keeps apart from an empty text."""

    class Form(models.TextChoices):
        INDIVIDUELL = "individuell", "Individuell"
        GRUPP = "grupp", "Grupp"
        INDIVIDUELL_ELLER_GRUPP = "individuell_eller_grupp", "Individuell eller i grupp"
        OPPEN_VERKSAMHET = "oppen_verksamhet", "Öppen verksamhet"

    # The forms given in groups, which run in rounds (omgångar).
    GRUPPFORMER = (Form.GRUPP, Form.INDIVIDUELL_ELLER_GRUPP)

    class Slag(models.TextChoices):
        """What kind of insats it is: the 11 kap. 5 § exclusions are decided on this and the
        villkor (insatser.regler.sol_11_kap_5_slag), never on the name."""

        RADGIVNING = "radgivning", "Rådgivning"
        STODSAMTAL = "stodsamtal", "Stödsamtal och samtalsbehandling"
        FORALDRASKAPSSTOD = "foraldraskapsstod", "Föräldraskapsstöd"
        FAMILJEBEHANDLING = "familjebehandling", "Familjebehandling"
        GRUPPVERKSAMHET = "gruppverksamhet", "Gruppverksamhet"
        OPPEN_MOTESPLATS = "oppen_motesplats", "Öppen mötesplats"
        ANHORIGSTOD = "anhorigstod", "Anhörigstöd"
        BEROENDESTOD = "beroendestod", "Stöd vid beroende"
        BOENDESTOD = "boendestod", "Boendestöd"
        SKYDDAT_BOENDE = "skyddat_boende", "Skyddat boende"
        HVB = "hvb", "Hem för vård eller boende"
        ANNAT = "annat", "Annat stöd"
        # Never IUB (11 kap. 5 §): listed so that the secretary can name them and be refused.
        KONTAKTPERSON = "kontaktperson", "Kontaktperson eller kontaktfamilj"
        FAMILJEHEM = "familjehem", "Vård i familjehem"
        LVM_HEM = "lvm_hem", "Vård i LVM-hem"
        SARSKILT_UNGDOMSHEM = "sarskilt_ungdomshem", "Vård i särskilt ungdomshem"
        JOURHEM = "jourhem", "Vård i jourhem"
        STODBOENDE = "stodboende", "Vård i stödboende"
        SARSKILT_BOENDE = "sarskilt_boende", "Särskilt boende (äldre, funktionsnedsättning)"
        HELDYGNSVARD = "heldygnsvard", "Hem för viss annan heldygnsvård"
        EKONOMISKT_STOD = "ekonomiskt_stod", "Ekonomiskt bistånd"

    class Uppfoljningsmetod(models.TextChoices):
        BESOKSSTATISTIK = "besoksstatistik", "Besöksstatistik"
        FORE_EFTER_ENKAT = "fore_efter_enkat", "Enkät före och efter"
        INDIVIDUELL_UPPFOLJNING = "individuell_uppfoljning", "Individuell uppföljning"
        ANNAN = "annan", "Annan metod"

    class Status(models.TextChoices):
        UTKAST = "utkast", "Utkast"
        BESLUTAD = "beslutad", "Beslutad"
        UPPHORD = "upphord", "Upphörd"

    katalog = models.ForeignKey(Katalog, on_delete=models.PROTECT, related_name="insatser")
    ordning = models.PositiveIntegerField("ordning i katalogen", default=0)
    namn = models.CharField("namn", max_length=200)
    slag = models.CharField(
        "slags insats",
        max_length=30,
        choices=Slag,
        blank=True,
        help_text="Avgör tillsammans med villkoren om insatsen får ges utan behovsprövning "
        "(11 kap. 5 §).",
    )
    omrade = models.CharField("område", max_length=200, null=True, blank=True)
    innehall = models.TextField("innehåll", null=True, blank=True)
    metod = models.CharField("metod eller program", max_length=200, null=True, blank=True)
    malgrupp = models.TextField(
        "målgrupp",
        null=True,
        blank=True,
        help_text="Beskriver vem insatsen är tänkt för. Ingen får nekas för att inte ”tillhöra” "
        "målgruppen – bara villkoren avgör.",
    )
    villkor_text = models.JSONField("villkor som de står i beslutet", default=list, blank=True)
    omfattning = models.TextField("omfattning", null=True, blank=True)
    max_tillfallen = models.PositiveSmallIntegerField(
        "högst antal tillfällen utan behovsprövning", null=True, blank=True
    )
    max_varaktighet_manader = models.PositiveSmallIntegerField(
        "högsta varaktighet (månader)", null=True, blank=True
    )
    gruppstorlek_min = models.PositiveSmallIntegerField(
        "minsta antal deltagare per omgång", null=True, blank=True
    )
    gruppstorlek_max = models.PositiveSmallIntegerField(
        "högsta antal deltagare per omgång", null=True, blank=True
    )
    form = models.CharField("form", max_length=30, choices=Form, null=True, blank=True)
    kanal_telefon = models.BooleanField("per telefon", default=False)
    kanal_digitalt = models.BooleanField("digitalt", default=False)
    kanal_pa_plats = models.BooleanField("på plats", default=False)
    plats = models.TextField("plats", null=True, blank=True, help_text="Var insatsen ges.")
    tider = models.TextField(
        "tider",
        null=True,
        blank=True,
        help_text="Öppettider, mottagningstider eller när omgångarna går.",
    )
    avgift = models.TextField(
        "avgift", null=True, blank=True, help_text="Till exempel ”Kostnadsfritt”."
    )
    sprak = models.JSONField("språk", default=list, blank=True)
    delar = models.JSONField("programmets delar", default=list, blank=True)
    kontakt_telefon = models.CharField("telefon", max_length=60, null=True, blank=True)
    kontakt_epost = models.CharField("e-post", max_length=200, null=True, blank=True)
    kontakt_adress = models.CharField("besöksadress", max_length=300, null=True, blank=True)
    kontakt_webbplats = models.CharField("webbplats", max_length=300, null=True, blank=True)
    kontakt_text = models.TextField(
        "så når man enheten", null=True, blank=True, help_text="Visas i den publika katalogen."
    )
    utforare_text = models.CharField(
        "utförare enligt beslutet", max_length=300, null=True, blank=True
    )
    utforare = models.ForeignKey(
        Utforare,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="insatser",
        verbose_name="registrerad utförare",
        help_text="Den utförare vars personal registrerar insatsen i systemet.",
    )
    dokumentationsregel = models.CharField(
        "dokumentationsregel", max_length=10, choices=Dokumentationsregel
    )
    dokumentation_motivering = models.TextField(
        "motivering (särskilda skäl vid 14 kap. 5 §)", null=True, blank=True
    )
    verksamhetssystem = models.CharField(
        "dokumenteras i verksamhetssystem", max_length=200, null=True, blank=True
    )
    uppfoljningsmetod = models.CharField(
        "uppföljningsmetod", max_length=30, choices=Uppfoljningsmetod, null=True, blank=True
    )
    uppfoljning = models.TextField("uppföljning i ord", null=True, blank=True)
    utan_samtycke_fran_15 = models.BooleanField(
        "får ges utan vårdnadshavares samtycke från 15 år (21 kap. 2 §)",
        null=True,
        blank=True,
        help_text="Tomt: som nämndens beslut för hela katalogen. Ja eller nej: ett undantag "
        "för den här insatsen.",
    )
    anmarkning = models.TextField("anmärkning", null=True, blank=True)
    status = models.CharField("status", max_length=10, choices=Status, default=Status.UTKAST)
    beslut = models.ForeignKey(
        Beslut,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="insatser",
        verbose_name="senaste beslut",
    )
    giltig_fran = models.DateField("gäller från", null=True, blank=True)
    giltig_till = models.DateField("gäller till och med", null=True, blank=True)
    # Set when this version corrects its decision (a typo, a wrong date) instead of recording
    # a new one: the reason. The correction applies from that decision's date (insatser.historik).
    rattelse = models.CharField(
        "rättelse av beslutet", max_length=300, blank=True, default="", db_default=""
    )
    # Optimistic locking: an edit based on an older version is refused, so nobody's change is
    # silently overwritten by a colleague's.
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = InsatsQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "insats"
        verbose_name_plural = "insatser"
        ordering = ["katalog", "ordning", "namn"]
        constraints = [
            models.UniqueConstraint(fields=["katalog", "namn"], name="insats_unikt_namn"),
            # 11 kap. 5 §: what is decided stands under a recorded decision of the nämnd.
            models.CheckConstraint(
                condition=Q(status="utkast") | Q(beslut__isnull=False),
                name="insats_beslutad_har_beslut",
            ),
            # 11 kap. 5 §: a kind the law excludes is never decided or in force as IUB.
            models.CheckConstraint(
                condition=Q(status="utkast") | ~Q(slag__in=list(SLAG_ALDRIG_IUB)),
                name="insats_slag_aldrig_iub",
            ),
            # A correction corrects a recorded decision.
            models.CheckConstraint(
                condition=Q(rattelse="") | Q(beslut__isnull=False),
                name="insats_rattelse_har_beslut",
            ),
        ]

    def __str__(self) -> str:
        return self.namn

    def get_absolute_url(self) -> str:
        return reverse("insatser:insats", args=[self.pk])

    def ar_publicerad(self, pa_dag: datetime.date | None = None) -> bool:
        """InsatsQuerySet.publicerade for this insats: decided and in force on the day."""
        dag = pa_dag or datetime.date.today()
        return (
            self.status == Insats.Status.BESLUTAD
            and (self.giltig_fran is None or self.giltig_fran <= dag)
            and (self.giltig_till is None or self.giltig_till >= dag)
        )

    @property
    def version_galler_fran(self) -> datetime.date | None:
        """The day this version took effect: its decision's effective date, or the insats's
        own start when later (insatser.historik reads history rows alike)."""
        return galler_fran(self.giltig_fran, self.beslut)

    @property
    def unga_utan_samtycke(self) -> bool:
        """21 kap. 2 §: whether young people from 15 may take part without their guardians'
        consent here – the insats's own decision, or else the catalogue's."""
        return sol_21_kap_2_utan_samtycke_fran_15(
            katalogen=self.katalog.utan_samtycke_fran_15, insatsen=self.utan_samtycke_fran_15
        )

    @property
    def ar_anonym(self) -> bool:
        """14 kap. 4–5 §§: records of this insats hold no identity."""
        return sol_14_kap_4_5_utan_identitet(self.dokumentationsregel)

    @property
    def saknar_sarskilda_skal(self) -> bool:
        """14 kap. 5 § without its stated reasons: flagged until the secretary adds them."""
        return (
            "14:5" in self.dokumentationsregel and not (self.dokumentation_motivering or "").strip()
        )

    @property
    def beslut_okant(self) -> bool:
        """In force under an unknown decision (imported without beslutsdatum): flagged until
        the secretary records the nämnd's decision."""
        return self.status == Insats.Status.BESLUTAD and bool(self.beslut and self.beslut.okant)

    @property
    def har_egen_kontakt(self) -> bool:
        """The insats states its unit's contact details (else the utförare's are shown)."""
        return any(
            getattr(self, f)
            for f in (
                "kontakt_telefon",
                "kontakt_epost",
                "kontakt_adress",
                "kontakt_webbplats",
                "kontakt_text",
            )
        )

    @property
    def kanaler(self) -> list[str]:
        falt = [
            (self.kanal_telefon, "telefon"),
            (self.kanal_digitalt, "digitalt"),
            (self.kanal_pa_plats, "på plats"),
        ]
        return [namn for vald, namn in falt if vald]

    def har_registreringar(self) -> bool:
        """Whether anything has been registered under the insats (contacts, rounds, sessions).
        The models are named, not imported: the catalogue imports no other app."""
        return any(
            apps.get_model("dokumentation", namn)._default_manager.filter(insats=self).exists()
            for namn in ("Kontakt", "Omgang", "Tillfalle")
        )


#: The catalogue's own settings, as the secretary edits them (insatser.forms.KatalogForm) and
#: a decision for a later day changes them (BeslutadAndring of the catalogue).
KATALOGENS_FALT = (
    "namnd",
    "beslutsdatum",
    "diarienummer",
    "galler_fran",
    "allmanna_villkor",
    "utan_samtycke_fran_15",
    "informationstext",
    "orosanmalan_rutin",
)

#: What the nämnd decides about an insats, in the order of a guideline: the fields the
#: secretary edits and the ones a comparison of two versions shows.
SAKUPPGIFTER = (
    "namn",
    "slag",
    "omrade",
    "innehall",
    "metod",
    "malgrupp",
    "villkor_text",
    "omfattning",
    "form",
    "max_tillfallen",
    "max_varaktighet_manader",
    "gruppstorlek_min",
    "gruppstorlek_max",
    "kanal_telefon",
    "kanal_digitalt",
    "kanal_pa_plats",
    "plats",
    "tider",
    "avgift",
    "sprak",
    "delar",
    "utforare_text",
    "utforare",
    "kontakt_telefon",
    "kontakt_epost",
    "kontakt_adress",
    "kontakt_webbplats",
    "kontakt_text",
    "dokumentationsregel",
    "dokumentation_motivering",
    "verksamhetssystem",
    "uppfoljningsmetod",
    "uppfoljning",
    "utan_samtycke_fran_15",
)


class BeslutadAndringQuerySet(models.QuerySet["BeslutadAndring"]):
    def vantande(self) -> BeslutadAndringQuerySet:
        """Decided, neither in force in the register yet nor withdrawn."""
        return self.filter(verkstalld__isnull=True, aterkallad__isnull=True)

    def forfallna(self, idag: datetime.date) -> BeslutadAndringQuerySet:
        """Waiting, and its day has come: the register's insats should be this version."""
        return self.vantande().filter(galler_fran__lte=idag)


class BeslutadAndring(models.Model):
    """A change of a decided insats that the nämnd decided to take effect on a later day (a
    decision in November for 1 January, or an end after the insats's last day). The insats's
    live row stays the version in force today; this holds what the decision changes (the
    fields by their column, and the villkor when they change) until `galler_fran`, when
    insatser.services.verkstall_beslut makes it the live row, saved under the decision so
    that its history shows it from the decision's date. insatser.historik reads a waiting
    change as the version from its day, so the catalogue "as decided on" a later day has it."""

    # An insats, or else the catalogue's own settings (21 kap. 2 § for the whole catalogue,
    # its header): exactly one.
    insats = models.ForeignKey(
        Insats,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="beslutade_andringar",
    )
    katalog = models.ForeignKey(
        Katalog,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="beslutade_andringar",
    )
    beslut = models.ForeignKey(
        Beslut, on_delete=models.PROTECT, related_name="andringar", verbose_name="nämndbeslut"
    )
    galler_fran = models.DateField("gäller från")
    # Changed fields of the insats by column name (utforare_id); dates as ISO text.
    falt = models.JSONField("ändrade uppgifter", default=dict, blank=True)
    # The villkor's parameters (Villkor.PARAMETRAR), in order; null: the villkor stay.
    villkor = models.JSONField("villkor", null=True, blank=True)
    infort = models.DateField("införd den")
    registrerad = models.DateTimeField("registrerad", auto_now_add=True)
    registrerad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    verkstalld = models.DateTimeField("i kraft i registret", null=True, blank=True)
    aterkallad = models.DateTimeField("återkallad", null=True, blank=True)
    aterkallad_orsak = models.CharField("skäl för återkallelsen", max_length=300, blank=True)
    aterkallad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = BeslutadAndringQuerySet.as_manager()

    class Meta:
        verbose_name = "beslutad ändring"
        verbose_name_plural = "beslutade ändringar"
        ordering = ["galler_fran", "id"]
        constraints = [
            # Only a change for a later day waits: one for today or earlier is the live row.
            # (The day it was entered is on or after its decision's date: a decision is never
            # recorded ahead of its meeting, BeslutForm.) The register applies what is due
            # once a day per process relying on this (services.verkstall_om_dags).
            models.CheckConstraint(
                condition=Q(galler_fran__gt=models.F("infort")),
                name="beslutad_andring_galler_senare",
            ),
            models.CheckConstraint(
                condition=Q(verkstalld__isnull=True) | Q(aterkallad__isnull=True),
                name="beslutad_andring_verkstalld_eller_aterkallad",
            ),
            models.CheckConstraint(
                condition=Q(aterkallad__isnull=True) | ~Q(aterkallad_orsak=""),
                name="beslutad_andring_aterkallad_med_skal",
            ),
            models.CheckConstraint(
                condition=Q(insats__isnull=False, katalog__isnull=True)
                | Q(insats__isnull=True, katalog__isnull=False),
                name="beslutad_andring_insats_eller_katalog",
            ),
            # One waiting change per insats (and per catalogue's settings): the next is
            # decided once it is in force, or after this one is withdrawn.
            models.UniqueConstraint(
                fields=["insats"],
                condition=Q(verkstalld__isnull=True, aterkallad__isnull=True),
                name="beslutad_andring_en_vantande",
            ),
            models.UniqueConstraint(
                fields=["katalog"],
                condition=Q(verkstalld__isnull=True, aterkallad__isnull=True),
                name="beslutad_andring_en_vantande_i_katalogen",
            ),
        ]
        indexes = [
            # The daily "is anything due?" reads only the waiting ones.
            models.Index(
                fields=["galler_fran"],
                condition=Q(verkstalld__isnull=True, aterkallad__isnull=True),
                name="beslutad_andring_vantande",
            )
        ]

    def __str__(self) -> str:
        vad = f"insats {self.insats_id}" if self.insats_id else f"katalog {self.katalog_id}"
        return f"{vad}: beslut {self.beslut_id} från {self.galler_fran.isoformat()}"

    @property
    def ar_vantande(self) -> bool:
        return self.verkstalld is None and self.aterkallad is None

    def _med_falten(self, grund: models.Model) -> None:
        for namn, varde in self.falt.items():
            falt = type(grund)._meta.get_field(namn.removesuffix("_id"))
            if isinstance(falt, models.DateField) and isinstance(varde, str):
                varde = datetime.date.fromisoformat(varde)
            setattr(grund, namn, varde)

    def som_katalog(self, grund: Katalog) -> Katalog:
        """The catalogue's settings as this change makes them, unsaved."""
        ny = copy.copy(grund)
        self._med_falten(ny)
        ny.uppgifter_beslut = self.beslut
        ny.uppgifter_galler_fran = self.galler_fran
        return ny

    def som_insats(self, grund: Insats) -> Insats:
        """The insats as this change makes it, from `grund` (the live row, or the history's
        version before it), unsaved."""
        ny = copy.copy(grund)
        self._med_falten(ny)
        if "utforare_id" in self.falt and self.falt["utforare_id"] != grund.utforare_id:
            # Referred to by id only (the database cannot protect it): one removed since is
            # None here, and insatser.services.hinder says the change cannot be put in force.
            ny.utforare = (
                Utforare.objects.filter(pk=self.falt["utforare_id"]).first()
                if self.falt["utforare_id"]
                else None
            )
        ny.beslut = self.beslut
        ny.rattelse = ""
        return ny

    def som_villkor(self, grund: list[Villkor]) -> list[Villkor]:
        """The villkor as this change makes them (unsaved), or `grund` when they stay."""
        if self.villkor is None:
            return grund
        return [Villkor(ordning=nr, **p) for nr, p in enumerate(self.villkor)]


class Villkor(models.Model):
    """A checkable condition for taking part (11 kap. 5 §). Its parameters are data here; what
    they mean is code (insatser.regler, insatser.villkorstext)."""

    class Typ(models.TextChoices):
        ALDER = "alder", "Ålder"
        FOLKBOKFORD = "folkbokford", "Folkbokförd i kommunen"
        VARDNADSHAVARES_SAMTYCKE = "vardnadshavares_samtycke", "Vårdnadshavares samtycke"
        GEMENSAM_BEGARAN = "gemensam_begaran", "Föräldrarna begär insatsen gemensamt"
        INSKRIVEN_SKOLA = "inskriven_skola", "Inskriven i skola"
        INTYG = "intyg", "Uppvisat intyg"
        OVRIGT = "ovrigt", "Övrigt villkor"
        UTAN_MEDFOLJANDE_BARN = "utan_medfoljande_barn", "Utan medföljande barn"

    class Avser(models.TextChoices):
        DELTAGAREN = "deltagaren", "Deltagaren"
        BARNET = "barnet", "Barnet som insatsen gäller"

    class Antal(models.TextChoices):
        EN = "en", "En vårdnadshavare"
        BADA = "bada", "Båda vårdnadshavarna"
        SAMTLIGA = "samtliga", "Samtliga vårdnadshavare"

    insats = models.ForeignKey(Insats, on_delete=models.CASCADE, related_name="villkor")
    ordning = models.PositiveSmallIntegerField("ordning", default=0)
    typ = models.CharField("typ", max_length=30, choices=Typ)
    avser = models.CharField(
        "gäller",
        max_length=12,
        choices=Avser,
        null=True,
        blank=True,
        help_text="Deltagaren om inget annat anges.",
    )
    min_alder = models.PositiveSmallIntegerField("lägsta ålder", null=True, blank=True)
    max_alder = models.PositiveSmallIntegerField("högsta ålder", null=True, blank=True)
    kommun = models.CharField("kommun", max_length=100, null=True, blank=True)
    under_alder = models.PositiveSmallIntegerField(
        "samtycke krävs under (år)", null=True, blank=True
    )
    antal = models.CharField("vems samtycke", max_length=10, choices=Antal, null=True, blank=True)
    skolform = models.CharField("skolform", max_length=200, null=True, blank=True)
    text = models.TextField(
        "beskrivning",
        null=True,
        blank=True,
        help_text="Vilket intyg som ska visas, eller villkoret i ord (övrigt).",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "villkor"
        verbose_name_plural = "villkor"
        ordering = ["insats_id", "ordning", "id"]  # by the column: no join to the insats

    #: The parameters of a villkor; what they mean is code (klartext, the rules).
    PARAMETRAR = (
        "typ",
        "avser",
        "min_alder",
        "max_alder",
        "kommun",
        "under_alder",
        "antal",
        "skolform",
        "text",
    )

    def __str__(self) -> str:
        return self.klartext()

    @property
    def galler_barnet(self) -> bool:
        return self.avser == self.Avser.BARNET

    def klartext(self) -> str:
        """The condition in plain Swedish, as a resident reads it in the public catalogue."""
        vem = "Barnet" if self.galler_barnet else "Du"
        match self.typ:
            case self.Typ.ALDER:
                if self.min_alder is not None and self.max_alder is not None:
                    return f"{vem} ska vara {self.min_alder}–{self.max_alder} år."
                if self.min_alder is not None:
                    return f"{vem} ska ha fyllt {self.min_alder} år."
                if self.max_alder is not None:
                    return f"{vem} ska vara högst {self.max_alder} år."
                return f"{vem} ska uppfylla ett åldersvillkor."
            case self.Typ.FOLKBOKFORD:
                var = f"i {kommunens_namn(self.kommun)}" if self.kommun else "i kommunen"
                # "barnet" is neuter: folkbokfört.
                folkbokford = "folkbokfört" if self.galler_barnet else "folkbokförd"
                return f"{vem} ska vara {folkbokford} {var}."
            case self.Typ.VARDNADSHAVARES_SAMTYCKE:
                vems = {
                    "en": "en vårdnadshavare",
                    "bada": "båda vårdnadshavarna",
                    "samtliga": "samtliga vårdnadshavare",
                }.get(self.antal or "", "vårdnadshavare")
                if self.under_alder is not None:
                    return f"För barn under {self.under_alder} år krävs samtycke från {vems}."
                return f"Samtycke krävs från {vems}."
            case self.Typ.GEMENSAM_BEGARAN:
                return "Föräldrarna ska begära insatsen tillsammans."
            case self.Typ.INSKRIVEN_SKOLA:
                skola = self.skolform or "skola"
                var = f" i {kommunens_namn(self.kommun)}" if self.kommun else ""
                return f"Inskrivning i {skola}{var} krävs."
            case self.Typ.INTYG:
                return f"Du ska kunna visa intyg: {self.text}."
            case self.Typ.UTAN_MEDFOLJANDE_BARN:
                return "Du ska inte ha barn med dig."
            case _:
                return self.text or ""


class Katalogversion(models.Model):
    """One row whose token the database replaces whenever the catalogue changes: an insats,
    a villkor, a katalog or an utförare, whoever writes (triggers, migration 0004, PostgreSQL).
    insatser/katalogcache.py compares it to know that what it keeps is current."""

    token = models.UUIDField()

    class Meta:
        verbose_name = "katalogversion"
        verbose_name_plural = "katalogversion"

    def __str__(self) -> str:
        return str(self.token)
