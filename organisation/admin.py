"""The systemadministratör's screens: users, utförare and roles (DESIGN.md §4).

Django's admin, on its own site, open to the systemadministratör role only. The catalogue and
participant data are deliberately not registered here: they change only through the services
that enforce the law.
"""

import logging
from functools import wraps
from typing import Any, cast

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone

from organisation.behorighet import har_roll
from organisation.forms import InloggningsForm
from organisation.handelser import gjort_av_annan
from organisation.models import Anvandare, Behorighet, Kommun, Roll, Sakerhetshandelse, Utforare
from organisation.sessionsskydd import avsluta_alla_sessioner


class SystemadminSite(admin.AdminSite):
    site_header = "IUB-registret – systemadministration"
    site_title = "Systemadministration"
    index_title = "Användare, utförare och behörigheter"
    # Roles, not Django's is_staff flag, decide who gets in (the admin's own form demands is_staff).
    login_form = InloggningsForm

    def has_permission(self, request: HttpRequest) -> bool:
        return har_roll(request.user, Roll.SYSTEMADMINISTRATOR)

    def admin_view(self, view: Any, cacheable: bool = False) -> Any:
        """Signed in without the role: 404, as everywhere else (DESIGN.md §4)."""
        inner = super().admin_view(view, cacheable)

        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            if request.user.is_authenticated and not self.has_permission(request):
                raise Http404
            return inner(request, *args, **kwargs)

        return wrapper

    def login(self, request: HttpRequest, extra_context: Any = None) -> HttpResponse:
        """One login page for the whole application."""
        return redirect_to_login(request.GET.get("next", self.index_title and "/system/"))

    def password_change(self, request: HttpRequest, extra_context: Any = None) -> Any:
        """One page to change one's own password, where the change is a security event (a
        redirect, where Django's admin answers with its own form)."""
        return redirect("losenord")


systemadmin = SystemadminSite(name="systemadmin")


class SystemadminMixin:
    """Every action on these models is the systemadministratör's, and only theirs."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return har_roll(request.user, Roll.SYSTEMADMINISTRATOR)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return har_roll(request.user, Roll.SYSTEMADMINISTRATOR)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return har_roll(request.user, Roll.SYSTEMADMINISTRATOR)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return har_roll(request.user, Roll.SYSTEMADMINISTRATOR)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return har_roll(request.user, Roll.SYSTEMADMINISTRATOR)


class BehorighetInline(SystemadminMixin, admin.StackedInline):  # type: ignore[type-arg]
    """Stacked, not tabular: the tabular inline's selects have no labels of their own (a
    screen reader heard only 'combo box'), a stacked one labels each field."""

    model = Behorighet
    extra = 1


@admin.register(Anvandare, site=systemadmin)
class AnvandareAdmin(SystemadminMixin, UserAdmin):  # type: ignore[type-arg]
    inlines = [BehorighetInline]
    list_display = ("username", "first_name", "last_name", "roller", "is_active", "last_login")
    list_filter = ("is_active", "behorigheter__roll", "behorigheter__utforare")
    search_fields = ("username", "first_name", "last_name", "email")
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("Person", {"fields": ("first_name", "last_name", "email")}),
        ("Status", {"fields": ("is_active", "last_login", "date_joined")}),
    )
    readonly_fields = ("last_login", "date_joined")
    actions = ["aterstall_tvasteg", "logga_ut_overallt"]

    @admin.action(
        description="Återställ tvåstegsverifieringen (ny inställning vid nästa inloggning)"
    )
    def aterstall_tvasteg(self, request: HttpRequest, queryset: Any) -> None:
        from organisation import tvasteg

        # The admin's own second factor: the middleware asks for it before any admin page;
        # checked here too, so that no configuration can let a password alone do this.
        if not self._utan_andra_faktor(request):
            return
        for anvandare in queryset:
            tvasteg.aterstall(anvandare, request.user)  # type: ignore[arg-type]
        self.message_user(
            request, f"Tvåstegsverifieringen är återställd för {queryset.count()} användare."
        )

    def _utan_andra_faktor(self, request: HttpRequest) -> bool:
        """Whether the admin signed in with a second factor; if not (a set-up without the
        requirement, such as the demo), says so instead of acting."""
        from organisation import tvasteg

        if tvasteg.verifierad_begaran(request):
            return True
        self.message_user(
            request,
            "Det här kräver att du själv har loggat in med tvåstegsverifiering. Inget ändrades.",
            level=messages.ERROR,
        )
        return False

    @admin.action(description="Logga ut överallt (avsluta alla inloggningar nu)")
    def logga_ut_overallt(self, request: HttpRequest, queryset: Any) -> None:
        # As the reset: only with the admin's own second factor, whatever the configuration.
        if not self._utan_andra_faktor(request):
            return
        av = cast(Anvandare, request.user)
        for anvandare in queryset:
            antal = avsluta_alla_sessioner(
                anvandare.pk,
                skal="En systemadministratör avslutade alla dina inloggningar "
                f"{timezone.localtime():%Y-%m-%d %H:%M}. Logga in igen för att fortsätta.",
            )
            gjort_av_annan(
                anvandare,
                av,
                typ=Sakerhetshandelse.Typ.SESSIONER_AVSLUTADE,
                beskrivning=f"{antal} inloggningar avslutade av {av.get_username()}",
                logg=f"Inloggningar ({antal}) avslutade",
                amne="Dina inloggningar i IUB-registret har avslutats",
                vad=f"Alla dina inloggningar i IUB-registret avslutades "
                f"{timezone.localtime():%Y-%m-%d %H:%M} av {av}. Logga in igen för att "
                "fortsätta.",
            )
        self.message_user(
            request, f"Alla inloggningar är avslutade för {queryset.count()} användare."
        )

    def user_change_password(
        self, request: HttpRequest, id: str, form_url: str = ""
    ) -> HttpResponse:
        """Setting someone else's password is a security event, as resetting their second
        factor is: recorded, logged and told to the user. Django's view answers a password
        set with a redirect to the user's page, anything else with the form again."""
        svar = super().user_change_password(request, id, form_url)
        if request.method == "POST" and svar.status_code == 302:
            anvandare = Anvandare.objects.filter(pk=id).first()
            if anvandare is not None and svar["Location"] != request.get_full_path():
                satt_losenord(anvandare, request.user)  # type: ignore[arg-type]
        return svar

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        """An account switched off ends its sessions now and for good: the session's user is
        nobody while the account is off (`MedBehorigheter`), but a session kept alive by its
        browser would be signed in again the moment the account is switched on. Off or on is a
        security event, as a role given or taken is."""
        super().save_model(request, obj, form, change)
        if not change or "is_active" not in form.changed_data:
            return
        andring = "Kontot aktiverades" if obj.is_active else "Kontot stängdes av"
        if not obj.is_active:
            avsluta_alla_sessioner(
                obj.pk, skal="Ditt konto är avstängt. Kontakta systemadministratören."
            )
        Sakerhetshandelse.objects.create(
            typ=Sakerhetshandelse.Typ.BEHORIGHET_ANDRAD,
            anvandare=obj,
            utford_av=cast(Anvandare, request.user),
            beskrivning=andring,
        )
        logging.getLogger("iub.sakerhet").warning(
            "%s av %s för %s", andring, request.user.get_username(), obj.get_username()
        )

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        """A role given or taken opens or closes identified data: a security event naming
        both, as the account review shows only the state now."""
        fore = _roller(form.instance)
        super().save_related(request, form, formsets, change)
        efter = _roller(form.instance)
        if fore != efter:
            andring = "; ".join(
                [f"Fick: {r}" for r in sorted(efter - fore)]
                + [f"Förlorade: {r}" for r in sorted(fore - efter)]
            )
            Sakerhetshandelse.objects.create(
                typ=Sakerhetshandelse.Typ.BEHORIGHET_ANDRAD,
                anvandare=form.instance,
                utford_av=cast(Anvandare, request.user),
                beskrivning=andring[:300],
            )
            logging.getLogger("iub.sakerhet").warning(
                "Behörigheter ändrade av %s för %s: %s",
                request.user.get_username(),
                form.instance.get_username(),
                andring,
            )

    def get_queryset(self, request: HttpRequest) -> Any:
        return (
            super()
            .get_queryset(request)
            .prefetch_related("behorigheter__utforare", "behorigheter__kommun")
        )

    @admin.display(description="behörigheter")
    def roller(self, obj: Anvandare) -> str:
        return ", ".join(str(b) for b in obj.behorigheter.all()) or "–"


def _roller(anvandare: Anvandare) -> set[str]:
    return {
        str(b)
        for b in Behorighet.objects.filter(anvandare=anvandare).select_related("utforare", "kommun")
    }


def satt_losenord(anvandare: Anvandare, av: Anvandare) -> None:
    gjort_av_annan(
        anvandare,
        av,
        typ=Sakerhetshandelse.Typ.LOSENORD_BYTT,
        beskrivning=f"Satt av {av.get_username()} i systemadministrationen",
        logg="Lösenordet satt",
        amne="Ditt lösenord i IUB-registret har bytts",
        vad=f"Ditt lösenord i IUB-registret byttes {timezone.localtime():%Y-%m-%d %H:%M} "
        f"av {av} i systemadministrationen. Dina inloggningar är avslutade.",
    )


@admin.register(Kommun, site=systemadmin)
class KommunAdmin(SystemadminMixin, admin.ModelAdmin):  # type: ignore[type-arg]
    """The municipalities of the installation and their accessibility statements. A new one is
    added here or with `manage.py ny_kommun`."""

    list_display = ("namn", "kod", "slug")
    search_fields = ("namn", "kod")
    prepopulated_fields = {"slug": ("namn",)}

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # its catalogue and records keep it


@admin.register(Utforare, site=systemadmin)
class UtforareAdmin(SystemadminMixin, admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("namn", "regi", "organisationsnummer", "telefon", "epost")
    list_filter = ("regi",)
    search_fields = ("namn", "organisationsnummer")


@admin.register(Sakerhetshandelse, site=systemadmin)
class SakerhetshandelseAdmin(SystemadminMixin, admin.ModelAdmin):  # type: ignore[type-arg]
    """Read only: the events are evidence."""

    list_display = ("tid", "typ", "anvandare", "utford_av", "beskrivning")
    list_filter = ("typ",)
    search_fields = ("anvandare__username", "utford_av__username")

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
