"""Sign-on with the municipality's identity provider (OpenID Connect: Entra ID, ADFS,
Keycloak), through mozilla-django-oidc, configured from the environment (README).

- The account is found by the provider's subject, as `sso:<sub>`, so that no local account can
  be taken over by a provider that sends a matching name; it is created at the first sign-on.
- The roles come from the provider's groups (OIDC_ROLLER, "group=roll",
  "group=roll@utförare" or "group=roll@kommun") and are replaced at every sign-in: a group
  removed at the provider is a role gone at the next sign-in. A disabled account here cannot
  sign in.
- The sign-on counts as the second factor only when the token's `acr` is one of
  OIDC_ACR_TVASTEG or its `amr` names one of OIDC_AMR_TVASTEG; otherwise the user gives their
  TOTP code after it, as after a password.
- A signed-in user is asked of the provider again every OIDC_RENEW_ID_TOKEN_EXPIRY_SECONDS
  (`Fornyelse`, mozilla-django-oidc's SessionRefresh: a silent `prompt=none` at the next page
  shown): the roles are set anew from the groups, and an account removed or disabled there,
  or here, is signed out. A session not renewed within twice the interval (only forms sent,
  or the provider refused) ends whatever is asked.
"""

from __future__ import annotations

import logging
import time
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, logout
from django.contrib.auth.signals import user_logged_in
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ImproperlyConfigured, SuspiciousOperation
from django.db import transaction
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, resolve_url
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.module_loading import import_string
from django.views.decorators.debug import sensitive_variables
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.middleware import SessionRefresh
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCLogoutView

from organisation.behorighet import MedBehorigheter
from organisation.models import (
    ROLLER_PER_KOMMUN,
    ROLLER_PER_UTFORARE,
    Anvandare,
    Behorighet,
    Kommun,
    Roll,
    Utforare,
)

#: In the session: the identity provider's sign-on was a second factor.
TVASTEG_VID_INLOGGNING = "iub_oidc_tvasteg"
#: In the session, only for RP-initiated logout: the ID token (mozilla-django-oidc's key).
ID_TOKEN = "oidc_id_token"  # noqa: S105 - a session key, not a secret


def rollmappning() -> list[tuple[str, Roll, str | None]]:
    """OIDC_ROLLER as (group, role, where or None): where is the utförare's name for staff
    and enhetschef, the municipality's name for verksamhetschef and nämndsekreterare."""
    return [rollpost(post) for post in settings.OIDC_ROLLER]


def rollpost(post: str) -> tuple[str, Roll, str | None]:
    """One entry of OIDC_ROLLER, "group=roll[@where]". A role held at an utförare or in a
    municipality without its place could never be given (the database refuses it), so it is
    no entry either: the system check (iub.E005) refuses it at start."""
    grupp, _, mal = post.partition("=")
    roll, _, plats = mal.partition("@")
    roll, plats = roll.strip(), plats.strip()
    if (
        not grupp.strip()
        or roll not in Roll.values
        or (not plats and Roll(roll) in (*ROLLER_PER_UTFORARE, *ROLLER_PER_KOMMUN))
    ):
        raise ImproperlyConfigured(
            f"OIDC_ROLLER: {post!r} ska vara grupp=roll[@utförare eller kommun]."
        )
    return grupp.strip(), Roll(roll), plats or None


def andra_faktor(pastaenden: dict[str, Any]) -> bool:
    acr = pastaenden.get("acr")
    amr = pastaenden.get("amr") or []
    if isinstance(amr, str):
        amr = [amr]
    return (bool(acr) and acr in settings.OIDC_ACR_TVASTEG) or bool(
        set(amr) & set(settings.OIDC_AMR_TVASTEG)
    )


class KommunensInloggning(MedBehorigheter, OIDCAuthenticationBackend):  # type: ignore[misc]
    def _anvandarnamn(self, pastaenden: dict[str, Any]) -> str:
        return f"sso:{pastaenden['sub']}"[:150]

    def verify_claims(self, claims: dict[str, Any]) -> bool:
        return bool(claims.get("sub"))

    def filter_users_by_claims(self, claims: dict[str, Any]) -> Any:
        return Anvandare.objects.filter(username=self._anvandarnamn(claims))

    def store_tokens(self, access_token: str, id_token: str) -> None:
        """Nothing yet: the parent would keep the tokens before the user is accepted, so that
        a refused sign-in left the ID token in the session. The access token is never kept;
        the ID token only by `Aterkomst.login_success`, after the sign-in."""

    @method_decorator(sensitive_variables("id_token"))
    def get_or_create_user(self, access_token: str, id_token: str, payload: dict[str, Any]) -> Any:
        anvandare = super().get_or_create_user(access_token, id_token, payload)
        if anvandare is not None:
            # The second factor is read from the signed ID token, not the userinfo reply.
            anvandare._iub_oidc_tvasteg = andra_faktor(payload)
            if settings.OIDC_OP_LOGOUT_ENDPOINT and settings.OIDC_UTLOGGNING_MED_ID_TOKEN:
                anvandare._iub_id_token = id_token
        return anvandare

    @transaction.atomic
    def create_user(self, claims: dict[str, Any]) -> Anvandare:
        anvandare = Anvandare(username=self._anvandarnamn(claims))
        anvandare.set_unusable_password()  # signs in through the provider only
        return self.update_user(anvandare, claims)

    @transaction.atomic
    def update_user(self, user: Anvandare, claims: dict[str, Any]) -> Anvandare:
        if user.pk and not user.is_active:
            raise SuspiciousOperation("Kontot är avstängt i IUB-registret.")
        user.first_name = str(claims.get("given_name") or user.first_name)[:150]
        user.last_name = str(claims.get("family_name") or user.last_name)[:150]
        user.email = str(claims.get("email") or user.email)[:254]
        user.save()
        grupper = set(claims.get(settings.OIDC_GRUPP_ANSPRAK) or [])
        roller = set()
        for grupp, roll, plats in rollmappning():
            if grupp not in grupper:
                continue
            utforare = kommun = None
            if roll in ROLLER_PER_UTFORARE:
                utforare = Utforare.objects.filter(namn=plats).first()
                if utforare is None:
                    continue
            if roll in ROLLER_PER_KOMMUN:
                kommun = Kommun.objects.filter(namn=plats).first()
                if kommun is None:
                    continue
            roller.add((roll, utforare, kommun))
        user.behorigheter.all().delete()
        Behorighet.objects.bulk_create(
            Behorighet(anvandare=user, roll=r, utforare=u, kommun=k) for r, u, k in roller
        )
        return user


@receiver(user_logged_in)
def _andra_faktorn_vid_inloggning(
    sender: Any, request: HttpRequest | None, user: Anvandare, **kwargs: Any
) -> None:
    if request is not None and getattr(user, "_iub_oidc_tvasteg", False):
        request.session[TVASTEG_VID_INLOGGNING] = True


def _via_leverantoren(request: HttpRequest) -> bool:
    backend = request.session.get(BACKEND_SESSION_KEY)
    return isinstance(backend, str) and issubclass(
        import_string(backend), OIDCAuthenticationBackend
    )


class Fornyelse(SessionRefresh):  # type: ignore[misc]
    """Renews a provider's sign-in at the next page shown after OIDC_RENEW_ID_TOKEN_EXPIRY_
    SECONDS (the parent's silent prompt=none), and ends one that has gone unrenewed for twice
    that: a form sent is never interrupted by the round trip to the provider, but nor can
    only sending forms keep a removed role. Local accounts (password and TOTP) are not
    concerned: their roles live here."""

    def process_request(self, request: HttpRequest) -> HttpResponse | None:
        if (
            request.user.is_authenticated
            and _via_leverantoren(request)
            and request.path not in self.exempt_urls
        ):
            fornyad_till = request.session.get("oidc_id_token_expiration", 0)
            if time.time() > fornyad_till + settings.OIDC_RENEW_ID_TOKEN_EXPIRY_SECONDS:
                logging.getLogger("iub.sakerhet").info(
                    "Inloggningen via identitetsleverantören förnyades inte i tid: %s utloggad",
                    request.user.get_username(),
                )
                logout(request)
                if request.method != "POST":
                    return redirect_to_login(request.get_full_path())
                # A form goes on, signed out: the view sends the user to sign in and keeps
                # what was typed (organisation/sparat_arbete.py), as at the absolute limit.
                return None
        svar: HttpResponse | None = super().process_request(request)
        return svar


@sensitive_variables("id_token", "fragan")
def utloggning_hos_leverantoren(request: HttpRequest) -> str:
    """Where "Logga ut" sends the browser (mozilla-django-oidc's OIDC_OP_LOGOUT_URL_METHOD,
    read before the session ends): after a sign-on, the provider's end_session_endpoint
    (OIDC_OP_LOGOUT_ENDPOINT; RP-Initiated Logout 1.0) with the ID token as hint, which ends
    the provider's sign-in in this browser and sends it back to the sign-in page. A local
    account, or no endpoint configured: the sign-in page. The provider's sign-ins in other
    browsers are the provider's to end (README, "Logga ut överallt")."""
    lokal = resolve_url(settings.LOGOUT_REDIRECT_URL)
    if not settings.OIDC_OP_LOGOUT_ENDPOINT or not _via_leverantoren(request):
        return lokal
    fragan = {
        "client_id": settings.OIDC_RP_CLIENT_ID,
        "post_logout_redirect_uri": request.build_absolute_uri(lokal),
    }
    if settings.OIDC_UTLOGGNING_MED_ID_TOKEN and (id_token := request.session.get(ID_TOKEN)):
        fragan["id_token_hint"] = id_token
    slutpunkt = settings.OIDC_OP_LOGOUT_ENDPOINT
    return f"{slutpunkt}{'&' if '?' in slutpunkt else '?'}{urlencode(fragan)}"


class Utloggning(OIDCLogoutView):  # type: ignore[misc]
    """ "Logga ut", by POST only (a link or an image cannot sign anyone out): this register's
    session ends, and after a sign-on the provider's too (`utloggning_hos_leverantoren`)."""


class Aterkomst(OIDCAuthenticationCallbackView):  # type: ignore[misc]
    """The return from the provider. A failed one signs out whoever was signed in: a renewal
    the provider or this register refused (the account removed, disabled) ends the session
    now, where the parent's view would leave it to the next renewal."""

    @property
    def success_url(self) -> str:
        """Where the sign-in or renewal began, if it is this host's: the renewal keeps the
        path of any GET (`//elak.example/` too), which the parent's view would follow."""
        nasta = self.request.session.get("oidc_login_next")
        if nasta and url_has_allowed_host_and_scheme(
            nasta,
            allowed_hosts={self.request.get_host()},
            require_https=self.request.is_secure(),
        ):
            return str(nasta)
        return resolve_url(settings.LOGIN_REDIRECT_URL)

    def get(self, request: HttpRequest) -> HttpResponse:
        if request.GET.get("error") and request.user.is_authenticated:
            if request.GET.get("state") not in request.session.get("oidc_states", {}):
                # No answer to a request of ours but a link anyone can make: the parent's
                # view would sign the user out (a cross-site sign-out); nothing happens.
                return redirect("start")
            self._utloggad(f"leverantören svarade {request.GET['error'][:50]!r}")
        svar: HttpResponse = super().get(request)  # signs out at an error itself
        return svar

    @method_decorator(sensitive_variables("token"))
    def login_success(self) -> HttpResponse:
        """The ID token is kept in the (server-side) session only for RP-initiated logout's
        id_token_hint: only with OIDC_OP_LOGOUT_ENDPOINT set, only once the sign-in is
        accepted, replaced at each renewal (where the parent does not sign in again) and gone
        with the session. Never logged (README)."""
        svar: HttpResponse = super().login_success()
        self.request.session.pop(ID_TOKEN, None)
        if token := getattr(self.user, "_iub_id_token", None):
            self.request.session[ID_TOKEN] = token
            del self.user._iub_id_token
        return svar

    def login_failure(self) -> HttpResponse:
        self.request.session.pop(ID_TOKEN, None)
        if self.request.user.is_authenticated:
            self._utloggad("inloggningen vägrades")
            logout(self.request)
        svar: HttpResponse = super().login_failure()
        return svar

    def _utloggad(self, varfor: str) -> None:
        logging.getLogger("iub.sakerhet").warning(
            "Förnyelsen hos identitetsleverantören misslyckades (%s): %s utloggad",
            varfor,
            self.request.user.get_username(),
        )
