"""Production settings pass Django's deployment checklist."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROT = Path(__file__).resolve().parents[1]

PRODUKTION = {
    "DEBUG": "false",
    "SECRET_KEY": "k" * 20 + "-en-lång-slumpmässig-produktionshemlighet-" + "x" * 20,
    "ALLOWED_HOSTS": "iub.example.se",
    "CSRF_TRUSTED_ORIGINS": "https://iub.example.se",
    "DATABASE_URL": "postgres://iub@localhost/iub",
    "TOTP_NYCKLAR": "hycrx96zI8JVBaIxF5QnlfzE2CcDI4S3ooPrRJFQFIw=",
    "OIDC_TESTLEVERANTOR": "false",  # the tests' own identity provider is never in production
}


def manage(*argv, miljo):
    testvarden = (
        "SECURE_SSL_REDIRECT",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "DJANGO_ALLOW_ASYNC_UNSAFE",
    )
    env = {k: v for k, v in os.environ.items() if k not in testvarden}
    return subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
        [sys.executable, "manage.py", *argv],
        cwd=ROT,
        env={**env, **miljo},
        capture_output=True,
        text=True,
        check=False,
    )


def test_check_deploy_passes_with_production_values():
    svar = manage("check", "--deploy", "--fail-level", "WARNING", miljo=PRODUKTION)
    assert svar.returncode == 0, svar.stderr + svar.stdout


@pytest.mark.parametrize("saknas", ["SECRET_KEY"])
def test_no_secret_has_a_default_outside_debug(saknas):
    miljo = {k: v for k, v in PRODUKTION.items() if k != saknas}
    env_utan = {k: v for k, v in os.environ.items() if k != saknas}
    svar = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROT,
        env={**env_utan, **miljo},
        capture_output=True,
        text=True,
        check=False,
    )
    assert svar.returncode != 0 and saknas in svar.stderr


def test_security_headers(client, db):
    svar = client.get("/insatser/")
    csp = client.get("/logga-in/")["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp
    assert "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
    assert svar.status_code in (200, 302, 404)
    sida = client.get("/logga-in/")
    assert sida["X-Frame-Options"] == "DENY"
    assert sida["Referrer-Policy"] == "same-origin"
    assert sida["X-Content-Type-Options"] == "nosniff"


def test_health_endpoint_checks_the_database(client, db):
    svar = client.get("/halsa/")
    assert (svar.status_code, svar.content) == (200, b"ok")


def test_idle_sessions_end_after_the_configured_time(settings):
    """30 minutes of inactivity by default (SESSION_COOKIE_AGE), renewed by every request."""
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST and settings.SESSION_COOKIE_HTTPONLY


def test_idle_timeout_ends_the_session(client, sekreterare, settings):
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    client.force_login(sekreterare)
    assert client.get("/start/").status_code == 200
    # As if the last request was longer ago than the idle time.
    Session.objects.update(expire_date=timezone.now())
    assert client.get("/start/").status_code == 302


def test_production_cookies_are_bound_to_the_host():
    svar = manage(
        "shell",
        "-c",
        "from django.conf import settings as s; print(s.SESSION_COOKIE_NAME, s.CSRF_COOKIE_NAME)",
        miljo=PRODUKTION,
    )
    assert svar.stdout.split()[-2:] == ["__Host-sessionid", "__Host-csrftoken"], svar.stderr


def test_check_deploy_asks_for_a_key_of_its_own_for_the_totp_secrets():
    utan = {k: v for k, v in PRODUKTION.items() if k != "TOTP_NYCKLAR"}
    svar = manage("check", "--deploy", "--fail-level", "WARNING", miljo=utan)
    assert svar.returncode != 0 and "iub.W001" in svar.stderr + svar.stdout


def test_the_providers_logout_is_a_form_action_the_csp_allows():
    """ "Logga ut" answers with a redirect to the provider's end_session_endpoint, which
    browsers check against form-action: its origin is allowed, nothing else."""
    skriv = "from django.conf import settings as s; print(s.CONTENT_SECURITY_POLICY['DIRECTIVES']['form-action'])"  # noqa: E501
    utan = manage("shell", "-c", skriv, miljo=PRODUKTION)
    assert utan.stdout.strip().splitlines()[-1] == "[\"'self'\"]", utan.stderr
    med = manage(
        "shell",
        "-c",
        skriv,
        miljo={
            **PRODUKTION,
            "OIDC_OP_LOGOUT_ENDPOINT": "https://sso.kommun.se/realms/k/protocol/openid-connect/logout",
        },
    )
    assert med.stdout.strip().splitlines()[-1] == "[\"'self'\", 'https://sso.kommun.se']"


@pytest.mark.parametrize("varden", [["*"], ["iub.kommun.se", "*"]])
def test_any_host_is_refused_outside_debug(settings, varden):
    """ALLOWED_HOSTS=* lets any Host header through: the address the provider sends the
    browser back to after logout and every absolute address are built from it."""
    from django.core.checks import run_checks

    settings.DEBUG = False
    settings.ALLOWED_HOSTS = varden
    fel = [m for m in run_checks(include_deployment_checks=True) if m.id == "iub.E006"]
    assert len(fel) == 1 and "ALLOWED_HOSTS" in fel[0].msg
    settings.ALLOWED_HOSTS = ["iub.kommun.se", ".kommun.se"]
    assert not [m for m in run_checks(include_deployment_checks=True) if m.id == "iub.E006"]
