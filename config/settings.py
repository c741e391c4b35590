"""Settings for IUB-registret: one file, every value from the environment (see .env.example)."""

import base64
import datetime
import hashlib
from pathlib import Path
from urllib.parse import urlsplit

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
# No secret has a default outside DEBUG: production must set SECRET_KEY.
SECRET_KEY = (
    env.str("SECRET_KEY") if not DEBUG else env.str("SECRET_KEY", default="dev-only-insecure")
)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
# Tests only: the test databases are copies of this migrated database (`make test` migrates
# it once, and each pytest-xdist worker copies it instead of running every migration again).
if _testmall := env.str("TESTMALL", default=""):
    DATABASES["default"]["TEST"] = {"TEMPLATE": _testmall}

# The board reports already built (uppfoljning/rapportcache.py): kept on disk in
# RAPPORTER_KATALOG, shared by the workers and kept over a restart, or without it in each
# process's memory, at most RAPPORTER_I_MINNET of them (a large catalogue's PDF is a few MB).
RAPPORTER_KATALOG = env.str("RAPPORTER_KATALOG", default="")
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "rapporter": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache"
        if RAPPORTER_KATALOG
        else "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": RAPPORTER_KATALOG or "rapporter",
        "OPTIONS": {"MAX_ENTRIES": env.int("RAPPORTER_I_MINNET", default=40)},
    },
}

# The owner role (migrations, gallring); the application connects with DATABASE_URL as a role
# that owns nothing (organisation/databasroller.py). Set it only where migrate and gallra run,
# never in the web server's environment.
DATABASE_OWNER = env.db("DATABASE_OWNER_URL") if env.str("DATABASE_OWNER_URL", default="") else None
DATABASE_APP_USER = DATABASES["default"].get("USER") or None
for _databas in [*DATABASES.values(), *([DATABASE_OWNER] if DATABASE_OWNER else [])]:
    if "postgresql" in _databas["ENGINE"]:
        # JIT compilation costs more than it saves on our short aggregates: measured 2× slower
        # report queries with it on (bench/RESULTS.md).
        _databas.setdefault("OPTIONS", {})["options"] = "-c jit=off"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# The follow-up's covering indexes carry extra columns on PostgreSQL; SQLite (the local demo)
# keeps the indexes without them, which is all W040 says.
SILENCED_SYSTEM_CHECKS = ["models.W040"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "mozilla_django_oidc",  # sign-on with the municipality's identity provider
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "simple_history",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "identitetsskydd",
    "organisation",
    "insatser",
    "dokumentation",
    "uppfoljning",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Outside everything that may answer by itself (a 405 of SvarMiddleware, a static file, a
    # middleware's redirect, the lockout): no answer leaves without them.
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "grund.svar.SvarMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "organisation.sparat_arbete.SparatArbeteMiddleware",
    "organisation.sessionsskydd.SessionsskyddMiddleware",
    "organisation.tvasteg.KravTvastegsMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "organisation.sessionsskydd.UtloggadMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "organisation.context_processors.roller",
                "organisation.context_processors.sessionen",
            ],
        },
    },
]

# Form widgets are rendered with Jinja2 from Django's own widget templates (grund/formular.py).
FORM_RENDERER = "grund.formular.Formularrenderare"

AUTH_USER_MODEL = "organisation.Anvandare"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # lockout before the password is even checked
    # Django's ModelBackend, the session's user read with their roles in one query.
    "organisation.behorighet.Inloggning",
]
# Sign-on with the municipality's identity provider (OpenID Connect, mozilla-django-oidc,
# organisation/oidc.py): on when OIDC_RP_CLIENT_ID is set. README, "Inloggning via kommunens
# identitetsleverantör", has Entra ID, ADFS and Keycloak examples.
OIDC_RP_CLIENT_ID = env.str("OIDC_RP_CLIENT_ID", default="")
OIDC_RP_CLIENT_SECRET = env.str("OIDC_RP_CLIENT_SECRET", default="")
OIDC_OP_AUTHORIZATION_ENDPOINT = env.str("OIDC_OP_AUTHORIZATION_ENDPOINT", default="")
OIDC_OP_TOKEN_ENDPOINT = env.str("OIDC_OP_TOKEN_ENDPOINT", default="")
OIDC_OP_USER_ENDPOINT = env.str("OIDC_OP_USER_ENDPOINT", default="")
OIDC_OP_JWKS_ENDPOINT = env.str("OIDC_OP_JWKS_ENDPOINT", default="")
OIDC_RP_SIGN_ALGO = env.str("OIDC_RP_SIGN_ALGO", default="RS256")
OIDC_RP_SCOPES = env.str("OIDC_RP_SCOPES", default="openid email profile")
OIDC_USE_PKCE = True
OIDC_GRUPP_ANSPRAK = env.str("OIDC_GRUPP_ANSPRAK", default="groups")
# "group=roll" or "group=roll@utförare", e.g. "iub-sekreterare=namndsekreterare".
OIDC_ROLLER = env.list("OIDC_ROLLER", default=[])
# The sign-on is a second factor only with one of these acr values or amr methods.
OIDC_ACR_TVASTEG = env.list("OIDC_ACR_TVASTEG", default=[])
OIDC_AMR_TVASTEG = env.list("OIDC_AMR_TVASTEG", default=["mfa"])
OIDC_AUTHENTICATION_CALLBACK_URL = "oidc_authentication_callback"
OIDC_CALLBACK_CLASS = "organisation.oidc.Aterkomst"
# The user's roles and account are asked of the provider again this often (a silent
# prompt=none at the next page shown); unrenewed for twice this, the session ends.
OIDC_RENEW_ID_TOKEN_EXPIRY_SECONDS = env.int("OIDC_FORNYA_SEKUNDER", default=15 * 60)
LOGIN_REDIRECT_URL_FAILURE = "/logga-in/?sso=fel"
# RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0): the provider's
# end_session_endpoint. Set, "Logga ut" after a sign-on ends the provider's sign-in in that
# browser too (organisation.oidc.utloggning_hos_leverantoren, with the ID token as hint, so
# the session keeps it: organisation.oidc.Aterkomst.login_success); the provider must accept
# <this host>/logga-in/ as post_logout_redirect_uri.
OIDC_OP_LOGOUT_ENDPOINT = env.str("OIDC_OP_LOGOUT_ENDPOINT", default="")
# With the ID token as id_token_hint (kept in the server-side session for it): the provider
# signs the person out without asking, and some require it (ADFS). False: the token is never
# kept and the logout sends client_id and post_logout_redirect_uri only, which Keycloak (18+)
# and Entra ID accept; the provider then asks the person to confirm (README).
OIDC_UTLOGGNING_MED_ID_TOKEN = env.bool("OIDC_UTLOGGNING_MED_ID_TOKEN", default=True)
OIDC_OP_LOGOUT_URL_METHOD = "organisation.oidc.utloggning_hos_leverantoren"
UTLOGGNINGENS_URSPRUNG = (
    ["{0.scheme}://{0.netloc}".format(urlsplit(OIDC_OP_LOGOUT_ENDPOINT))]
    if OIDC_OP_LOGOUT_ENDPOINT
    else []
)
# The ID token is kept by organisation.oidc (only with a logout endpoint, only once the sign-in
# is accepted), never by mozilla-django-oidc before it; the access token never.
OIDC_STORE_ID_TOKEN = False
OIDC_STORE_ACCESS_TOKEN = False
# Only the tests start an identity provider of their own (django-oauth-toolkit, tests/oidc.py),
# never production: the package is a development dependency.
OIDC_TESTLEVERANTOR = env.bool("OIDC_TESTLEVERANTOR", default=False)
if OIDC_RP_CLIENT_ID or OIDC_TESTLEVERANTOR:
    AUTHENTICATION_BACKENDS.append("organisation.oidc.KommunensInloggning")
    MIDDLEWARE.insert(
        MIDDLEWARE.index("organisation.sessionsskydd.SessionsskyddMiddleware") + 1,
        "organisation.oidc.Fornyelse",
    )
# Lockout and throttling of repeated failed logins (django-axes); every attempt is logged.
# A username is locked only from the address its failures came from, an address for everyone
# after failures across many usernames (password spraying); never a username alone, so nobody
# can lock a colleague out (organisation/inloggningsgrans.py).
INLOGGNING_SPARR_PER_KONTO = env.int("AXES_FAILURE_LIMIT", default=5)
INLOGGNING_SPARR_PER_ADRESS = env.int("AXES_FAILURE_LIMIT_PER_ADRESS", default=30)
AXES_FAILURE_LIMIT = "organisation.inloggningsgrans.grans"
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env.int("AXES_COOLOFF_MINUTER", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_RESET_ON_SUCCESS = True
# Its reset clears only that username's failures from that address, not the address's others
# (organisation/inloggningsgrans.py, also at a password change).
AXES_HANDLER = "organisation.inloggningsgrans.Hanterare"
AXES_LOCKOUT_TEMPLATE = "organisation/last.html"
# The client's address behind the municipality's reverse proxies: how many of its own proxies
# stand in front of gunicorn, each appending to X-Forwarded-For. 0: REMOTE_ADDR.
PROXY_ANTAL = env.int("PROXY_ANTAL", default=0)
AXES_CLIENT_IP_CALLABLE = "organisation.inloggningsgrans.klientadress"
AXES_VERBOSE = env.bool("AXES_VERBOSE", default=True)
# Two-factor authentication (TOTP, django-otp) for every role that can read identified data.
KRAV_TVASTEGSVERIFIERING = env.bool("KRAV_TVASTEGSVERIFIERING", default=True)
# The keys that encrypt the TOTP secrets at rest (Fernet keys; the first encrypts, every one
# decrypts, so a new key goes first and the old one stays until `manage.py byt_totp_nyckel`).
# Unset, a key is derived from SECRET_KEY and `check --deploy` warns (organisation/apps.py).
TOTP_NYCKLAR = env.list("TOTP_NYCKLAR", default=[]) or [
    base64.urlsafe_b64encode(hashlib.sha256(b"totp:" + SECRET_KEY.encode()).digest()).decode()
]
TOTP_NYCKLAR_SATTA = bool(env.list("TOTP_NYCKLAR", default=[]))
# The account review flags active accounts not used for this many days.
KONTO_OANVANT_DAGAR = env.int("KONTO_OANVANT_DAGAR", default=90)

# E-mail (a reset second factor, `manage.py paminn`): e.g. smtp+tls://user:pass@host:587.
# Empty: no mail server is configured and the reminders are not sent.
EPOST_KONFIGURERAD = bool(env.str("EMAIL_URL", default=""))
if EPOST_KONFIGURERAD:
    vars().update(env.email_url("EMAIL_URL"))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="iub-registret@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
OTP_TOTP_ISSUER = "IUB-registret"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "start"
if OIDC_TESTLEVERANTOR:
    from tests.oidc_installningar import installningar as _testleverantor

    INSTALLED_APPS.append("oauth2_provider")
    OAUTH2_PROVIDER = _testleverantor()
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", "Svenska")]
TIME_ZONE = "Europe/Stockholm"
# A form that expired or came from elsewhere: a Swedish page with the way back (config/views.py).
CSRF_FAILURE_VIEW = "config.views.csrf_fel"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# Uploaded catalogue files are read in memory and never stored. One upload handler: a
# request's files are kept up to UPPLADDNING_HOGST bytes in all (a catalogue file's
# KATALOGFIL_HOGST), never written to disk; a file beyond it is refused as it streams, with a
# message next to the field (grund/uppladdning.py).
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_HANDLERS = ["grund.uppladdning.BegransadUppladdning"]
UPPLADDNING_HOGST = 2 * 1024 * 1024

# Security: secure by default, relaxed only for the local demo (DEBUG) over plain http.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=30 * 60)
SESSION_SAVE_EVERY_REQUEST = True  # the age above is an idle timeout
# Messages after a save stay on the server, in the session: one may name an identified person
# ("Annika Ek har börjat delta."), and Django's default keeps them in a signed cookie, which
# anyone with the browser's profile can read. The session is saved on every request anyway.
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# A sign-in ends after this many hours whatever the activity (organisation/sessionsskydd.py).
SESSION_ABSOLUT_TIMMAR = env.int("SESSION_ABSOLUT_TIMMAR", default=10)
# The page warns this many seconds before the idle timeout, with a way to stay signed in
# (static/js/sessionen.js).
SESSION_VARNING_SEKUNDER = env.int("SESSION_VARNING_SEKUNDER", default=120)
# A registration form posted after the sign-in ended is kept this many minutes, encrypted, for
# the same user to get back after signing in again (organisation/sparat_arbete.py).
SPARAT_ARBETE_MINUTER = env.int("SPARAT_ARBETE_MINUTER", default=15)
if not 1 <= SPARAT_ARBETE_MINUTER <= 15:
    raise ImproperlyConfigured("SPARAT_ARBETE_MINUTER ska vara 1–15 minuter.")
# A record like one the same user saved this many minutes ago is saved again only when they
# confirm it (dokumentation/gemensamt.py, Back + Save).
LIKADAN_MINUTER = env.int("LIKADAN_MINUTER", default=5)
# Over https the cookies are bound to this host and path (the __Host- prefix); the plain-http
# demo keeps ordinary names, as browsers refuse the prefix without Secure.
if SESSION_COOKIE_SECURE:
    SESSION_COOKIE_NAME = "__Host-sessionid"
if CSRF_COOKIE_SECURE:
    CSRF_COOKIE_NAME = "__Host-csrftoken"
# Browser features the register never uses are off (django-permissions-policy).
PERMISSIONS_POLICY: dict[str, list[str]] = {
    f: []
    for f in (
        "accelerometer",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
}
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
# A strict Content-Security-Policy: nothing inline, nothing from elsewhere (django-csp).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        # "Logga ut" is a form whose answer redirects to the provider's end_session_endpoint
        # (RP-initiated logout): browsers apply form-action to that redirect too.
        "form-action": [SELF, *UTLOGGNINGENS_URSPRUNG],
        "base-uri": [NONE],
        "object-src": [NONE],
        "frame-ancestors": [NONE],
    }
}
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env.bool("BEHIND_TLS_PROXY", default=False) else None
)

# Gallring: identified data is deleted this many years after the last entry.
GALLRING_AR = env.int("GALLRING_AR", default=5)
# The access log's own retention: `gallra` deletes its rows older than this many years.
ATKOMSTLOGG_AR = env.int("ATKOMSTLOGG_AR", default=5)
if ATKOMSTLOGG_AR < 1:
    raise ImproperlyConfigured("ATKOMSTLOGG_AR ska vara minst 1 år.")
# No shorter retention than this can be asked of `gallra` (five years after the last entry, as
# the law has said for personakter).
GALLRING_AR_MINST = env.int("GALLRING_AR_MINST", default=5)
# Days of birth whose people are kept by an archive decision (e.g. 5,15,25 for research, as
# socialtjänstförordningen required under the earlier law). Empty: nobody is kept.
GALLRING_SPARA_FODDA_DAG = env.list("GALLRING_SPARA_FODDA_DAG", cast=int, default=[])

# Disclosure control: counts from 1 to this minus one are never shown (DESIGN.md §3).
ROJANDESKYDD_TROSKEL = env.int("ROJANDESKYDD_TROSKEL", default=5)
# Publication (uppfoljning.publicering): the sub-periods under the year, "halvar" or "tertial"
# (never both), and the days after a period's end left for late registrations before it is
# published by `manage.py publicera`.
PUBLICERING_DELPERIOD = env.str("PUBLICERING_DELPERIOD", default="halvar")
if PUBLICERING_DELPERIOD not in ("halvar", "tertial"):
    raise ImproperlyConfigured("PUBLICERING_DELPERIOD ska vara halvar eller tertial.")
PUBLICERING_KARENS_DAGAR = env.int("PUBLICERING_KARENS_DAGAR", default=30)
# Whether the audit reasons as an attacker who knows the utförare's practice "one
# participation per person, everyone on the waiting list gets a place" (uppfoljning.praxis):
# closes the tenth round's leak, but hides or withdraws more (often a catalogue's contacts of
# the year), so it waits for a decision (README, "Publicering och röjandeskydd").
PUBLICERING_PRAXIS_VANTELISTA = env.bool("PUBLICERING_PRAXIS_VANTELISTA", default=False)

# Corrections (dokumentation.rattelser): staff may correct or void what they registered
# themselves for this many days after registering it; after that, and for anyone's records,
# only the enhetschef of the utförare.
RATTELSE_DAGAR = env.int("RATTELSE_DAGAR", default=30)

# Quiet participations (dokumentation.deltagande.vilande): ongoing, but with no session for
# more than this many months; staff see them and end them together as "Kontakten upphörde".
VILANDE_EFTER_MANADER = env.int("VILANDE_EFTER_MANADER", default=3)
if not 1 <= VILANDE_EFTER_MANADER <= 60:
    raise ImproperlyConfigured("VILANDE_EFTER_MANADER ska vara 1–60 månader.")

SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True
SIMPLE_HISTORY_REVERT_DISABLED = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}
