from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import include, path

from config import views
from organisation import konto, oidc, sessionsskydd, tvasteg
from organisation.admin import systemadmin
from organisation.forms import InloggningsForm
from uppfoljning import views_nycklar

handler404 = views.sida_saknas

urlpatterns = [
    path("", include("insatser.urls_publika")),
    path("start/", views.start, name="start"),
    path("halsa/", views.halsa, name="halsa"),
    path(
        "logga-in/",
        auth_views.LoginView.as_view(
            template_name="organisation/logga_in.html",
            redirect_authenticated_user=True,
            authentication_form=InloggningsForm,
            extra_context={"sso": bool(settings.OIDC_RP_CLIENT_ID)},
        ),
        name="login",
    ),
    # After a sign-on, also at the provider (RP-initiated logout, organisation/oidc.py).
    path("logga-ut/", oidc.Utloggning.as_view(), name="logout"),
    path("tvasteg/", tvasteg.tvasteg, name="tvasteg"),
    path("sessionen/forlang/", sessionsskydd.forlang, name="forlang_sessionen"),
    path("konto/losenord/", konto.BytLosenord.as_view(), name="losenord"),
    path("konto/inloggningar/", konto.inloggningar, name="inloggningar"),
    path("system/kontogranskning/", konto.kontogranskning, name="kontogranskning"),
    path(
        "system/kontogranskning.csv",
        konto.kontogranskning,
        {"format": "csv"},
        name="kontogranskning_csv",
    ),
    path("katalog/", include("insatser.urls")),
    path("utforare/", include("dokumentation.urls")),
    path("uppfoljning/", include("uppfoljning.urls")),
    # The open export for a BI tool: a key in the Authorization header, never a session.
    path(
        "api/publicerat/<slug:kommun>.<str:format>",
        views_nycklar.publicerat,
        name="api_publicerat",
    ),
    path("system/", systemadmin.urls),
]
if settings.OIDC_RP_CLIENT_ID or settings.OIDC_TESTLEVERANTOR:
    urlpatterns.append(path("oidc/", include("mozilla_django_oidc.urls")))
if settings.OIDC_TESTLEVERANTOR:  # the identity provider of the tests, never in production
    urlpatterns.append(path("o/", include("oauth2_provider.urls", namespace="oauth2_provider")))
