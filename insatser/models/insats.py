"""An insats of the catalogue: what the nämnd decided to offer, how it is documented (14 kap.
3–5 §§) and who gives it."""

from __future__ import annotations

import datetime

from django.apps import apps
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from insatser.models.beslut import Beslut, galler_fran
from insatser.models.katalog import Katalog
from insatser.regler import (
    SLAG_ALDRIG_IUB,
    sol_14_kap_4_5_utan_identitet,
    sol_21_kap_2_utan_samtycke_fran_15,
)
from organisation.models import Utforare


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
            # Its last day in force is never before its first (insatser.regler.giltighetstid_fel).
            models.CheckConstraint(
                condition=Q(giltig_fran__isnull=True)
                | Q(giltig_till__isnull=True)
                | Q(giltig_till__gte=models.F("giltig_fran")),
                name="insats_slutar_inte_fore_start",
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
