"""Typed work survives a timeout (issue 17, item 3).

A registration form posted after the idle timeout (or the absolute limit) is not thrown away:
its values are kept server-side, encrypted (Fernet, a key derived from SECRET_KEY), for at
most SPARAT_ARBETE_MINUTER minutes, tied to the user who was signed in in this browser. Who
that was is known from a signed cookie set while they were signed in (`iub_vem`, deleted at
an explicit logout); the browser gets a second signed cookie with the stash's id. After the
same user has signed in again, second factor included, the page with the form shows it filled
in with what they typed, for them to check and press Spara: the safer choice than saving
behind their back, since the rules may have changed meanwhile (a round filled, a cap reached).

Only views marked with `sparar_arbete` are stashed: registration forms, never a login,
a second factor or a password. The stash is deleted once used, when another user signs in in
the same browser, and when it has expired (on every stash and restore, and by
`manage.py rensa_sparat_arbete`).
"""

from __future__ import annotations

import base64
import json
import uuid
from collections.abc import Callable
from functools import cache
from typing import Any, TypeVar

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.views import redirect_to_login
from django.core import signing
from django.http import HttpRequest, HttpResponse, QueryDict
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac

from organisation.models import SparatArbete, giltighet

V = TypeVar("V", bound=Callable[..., HttpResponse])

SALT_VEM = "organisation.sparat_arbete.vem"
SALT_SPARAT = "organisation.sparat_arbete.sparat"
# Never kept: the form's CSRF token is the browser's, not the user's work.
EJ_SPARAS = frozenset({"csrfmiddlewaretoken"})
# A registration form is a few kilobytes; nothing larger is kept.
MAX_TECKEN = 64 * 1024
MAX_SOKVAG = 500  # SparatArbete.sokvag and visas_pa: a longer address is no page of ours


def _kaka(namn: str) -> str:
    # Over https bound to this host and path, as the session cookie is (config/settings.py).
    return f"__Host-{namn}" if settings.SESSION_COOKIE_SECURE else namn


def kaka_vem() -> str:
    return _kaka("iub_vem")


def kaka_sparat() -> str:
    return _kaka("iub_sparat")


@cache
def _chiffer(hemlighet: str) -> Fernet:
    nyckel = salted_hmac(SALT_SPARAT, "fernet", secret=hemlighet, algorithm="sha256").digest()
    return Fernet(base64.urlsafe_b64encode(nyckel))


def chiffer() -> Fernet:
    return _chiffer(settings.SECRET_KEY)


def sparar_arbete(visas_pa: str | None = None) -> Callable[[V], V]:
    """Mark a view whose form is kept when posted after the sign-in ended. `visas_pa` names
    the URL (with the view's own arguments) of the page that shows the form, when the view
    itself only takes the POST."""

    def markera(view: V) -> V:
        view.sparar_arbete = visas_pa or ""  # type: ignore[attr-defined]
        return view

    return markera


def rensa_utgangna() -> int:
    antal, _ = SparatArbete.objects.utgangna().delete()
    return antal


def anvandare_i_webblasaren(request: HttpRequest) -> Any | None:
    """The user last signed in in this browser, from the signed cookie; None if it is
    missing, forged or older than the longest sign-in."""
    try:
        pk = signing.get_cookie_signer(salt=SALT_VEM).unsign(
            request.COOKIES.get(kaka_vem(), ""),
            max_age=settings.SESSION_ABSOLUT_TIMMAR * 3600,
        )
    except signing.BadSignature:
        return None
    return get_user_model().objects.filter(pk=pk, is_active=True).first()


def spara(request: HttpRequest, anvandare: Any, visas_pa: str) -> SparatArbete | None:
    varden = [[k, v] for k, v in request.POST.lists() if k not in EJ_SPARAS]
    text = json.dumps(varden, ensure_ascii=False)
    sokvag = request.get_full_path()
    if len(text) > MAX_TECKEN or max(len(sokvag), len(visas_pa)) > MAX_SOKVAG:
        return None
    rensa_utgangna()
    return SparatArbete.objects.create(
        anvandare=anvandare,
        sokvag=sokvag,
        visas_pa=visas_pa,
        krypterat=chiffer().encrypt(text.encode()),
    )


def _las(sparat: SparatArbete) -> QueryDict | None:
    try:
        text = chiffer().decrypt(bytes(sparat.krypterat), ttl=settings.SPARAT_ARBETE_MINUTER * 60)
    except InvalidToken:
        return None
    data = QueryDict(mutable=True)
    for nyckel, varden in json.loads(text):
        data.setlist(nyckel, varden)
    data._mutable = False
    return data


def aterstallt(request: HttpRequest, sokvag: str | None = None) -> QueryDict | None:
    """The values a form posted to `sokvag` (by default this page, its query included: the
    guideline follow-up of one of several municipalities is `?kommun=…`) had when the sign-in
    ended, now that the same user is back; None otherwise."""
    sparat: tuple[str, QueryDict] | None = getattr(request, "sparat_arbete", None)
    if sparat is None or sparat[0] != (sokvag or request.get_full_path()):
        return None
    return sparat[1]


class SparatArbeteMiddleware:
    """Keeps a marked form posted after the sign-in ended, and gives it back to the same user
    once they are signed in again (see the module's docstring). Stands after the CSRF check,
    so only a genuine form of this site is kept, and around SessionsskyddMiddleware, so that a
    sign-in ended there is seen as ended here."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        inloggad = request.user.is_authenticated
        svar = self.get_response(request)
        if getattr(request, "_sparat_anvant", False):
            svar.delete_cookie(kaka_sparat(), samesite="Lax")
        if request.user.is_authenticated:
            self._kom_ihag(request, svar)
        elif inloggad and kaka_vem() in request.COOKIES:
            # Signed out, by the user or the absolute limit: this browser forgets who it was.
            svar.delete_cookie(kaka_vem(), samesite="Lax")
        return svar

    @staticmethod
    def _kom_ihag(request: HttpRequest, svar: HttpResponse) -> None:
        signer = signing.get_cookie_signer(salt=SALT_VEM)
        try:
            # Renewed every few minutes, so that it outlives the idle timeout it serves.
            pk = signer.unsign(request.COOKIES.get(kaka_vem(), ""), max_age=300)
        except signing.BadSignature:
            pk = None
        if pk != str(request.user.pk):
            svar.set_cookie(
                kaka_vem(),
                signer.sign(str(request.user.pk)),
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., HttpResponse],
        view_args: list[Any],
        view_kwargs: dict[str, Any],
    ) -> HttpResponse | None:
        if request.method == "POST" and not request.user.is_authenticated:
            visas_pa = getattr(view_func, "sparar_arbete", None)
            if visas_pa is not None:
                return self._spara(request, visas_pa, view_args, view_kwargs)
        elif request.method == "GET" and request.user.is_authenticated:
            self._ge_tillbaka(request)
        return None

    @staticmethod
    def _spara(
        request: HttpRequest, visas_pa: str, view_args: list[Any], view_kwargs: dict[str, Any]
    ) -> HttpResponse | None:
        anvandare = anvandare_i_webblasaren(request)
        if anvandare is None:
            return None  # nobody to keep it for: login_required sends them to sign in
        sida = (
            reverse(visas_pa, args=view_args, kwargs=view_kwargs)
            if visas_pa
            else request.get_full_path()
        )
        sparat = spara(request, anvandare, sida)
        if sparat is None:
            return None
        minuter = settings.SPARAT_ARBETE_MINUTER
        messages.warning(
            request,
            "Du hade loggats ut, så inget sparades. Det du skrev är sparat i "
            f"{minuter} minuter: logga in igen så kommer du tillbaka till formuläret med "
            "uppgifterna ifyllda.",
        )
        svar = redirect_to_login(sida)
        svar.set_cookie(
            kaka_sparat(),
            signing.get_cookie_signer(salt=SALT_SPARAT).sign(str(sparat.pk)),
            max_age=minuter * 60,
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
            samesite="Lax",
        )
        return svar

    @staticmethod
    def _ge_tillbaka(request: HttpRequest) -> None:
        from organisation.tvasteg import kravs, verifierad_begaran

        kaka = request.COOKIES.get(kaka_sparat())
        if not kaka:
            return
        try:
            pk = signing.get_cookie_signer(salt=SALT_SPARAT).unsign(
                kaka, max_age=settings.SPARAT_ARBETE_MINUTER * 60
            )
            sparat = SparatArbete.objects.filter(pk=uuid.UUID(pk)).first()
        except (signing.BadSignature, ValueError):
            sparat = None
        if sparat is not None and sparat.anvandare_id != request.user.pk:
            # Another user signed in in this browser: it is never shown, and not kept.
            sparat.delete()
            sparat = None
        if sparat is None or sparat.skapad <= timezone.now() - giltighet():
            if sparat is not None:
                sparat.delete()
            request._sparat_anvant = True  # type: ignore[attr-defined]
            return
        if sparat.visas_pa != request.get_full_path():
            return  # kept until the user opens the form's page, or it expires
        if kravs(request.user) and not verifierad_begaran(request):
            return
        data = _las(sparat)
        sparat.delete()
        rensa_utgangna()
        request._sparat_anvant = True  # type: ignore[attr-defined]
        if data is not None:
            request.sparat_arbete = (sparat.sokvag, data)  # type: ignore[attr-defined]
            messages.info(
                request,
                "Det du skrev innan du loggades ut är ifyllt igen. Kontrollera uppgifterna och "
                "tryck på knappen för att spara.",
            )
