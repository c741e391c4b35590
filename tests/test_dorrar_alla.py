"""Every URL pattern that names something by an id or a slug is one of the doors
tests/test_dorrar.py tries as every role of another utförare and municipality (expecting the
404 of an id that does not exist), or stands below with the reason it needs no such try. A new
URL with an id fails here until it is tried there: the list of doors cannot fall behind the
URL patterns of config/urls.py and the apps."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from tests.conftest import VerifieradKlient
from tests.test_dorrar import dorrar

#: Patterns with an argument that names nothing of another municipality, or that no role of
#: one can reach at all; each with why.
UTAN_ANNANS_ID = {
    # The public catalogue: anyone may read a published catalogue and its insatser (a draft
    # or another municipality's insats under this slug is tried in test_dorrar_grannar).
    "publik:katalog": "offentlig",
    "publik:utskrift": "offentlig",
    "publik:tillganglighet": "offentlig",
    "publik:insats": "offentlig; utkast och annan kommuns insats prövas i test_dorrar_grannar",
    # A month of the user's own utförare's log, a year or a period of the user's own
    # municipality: the argument is a date, never another's id.
    "dokumentation:granskning": "år och månad för den egna utförarens logg",
    "dokumentation:chefernas_granskning": "år och månad för den egna kommunens enhetschefer",
    "uppfoljning:riktlinje": "period för den egna kommunen",
    "uppfoljning:rapport": "år för den egna kommunen",
    "uppfoljning:rapport_fil": "år och format för den egna kommunen",
    "uppfoljning:oppen_export": "format för den egna kommunen",
    # The open export: a key in the header, never a session (test_dorrar's own test).
    "api_publicerat": "nyckel i Authorization, prövas i test_the_open_export_answers_one_404",
}
#: The system administration: one role for the whole installation, reached by no other role
#: (test_an_administrator_sees_no_door_of_staff_or_the_namnd, and the admin's own 404).
#: The tests' identity provider: only when OIDC_TESTLEVERANTOR, never in production.
HELA_INSTALLATIONEN = ("systemadmin:", "oauth2_provider:")


def _monster(resolver: URLResolver, namnrymd: str | None = None):
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            yield from _monster(p, p.namespace or namnrymd)
        elif isinstance(p, URLPattern):
            namn = f"{namnrymd}:{p.name}" if namnrymd else str(p.name)
            monster = str(p.pattern)
            if "<" in monster or "(?P" in monster:
                yield namn, monster


class _Vad(dict):
    """Whatever test_dorrar's door list asks of the other side, with an id and a slug."""

    def __missing__(self, nyckel):
        return SimpleNamespace(pk=1, slug="x")


def test_every_url_with_an_id_is_tried_from_the_other_side():
    provade = {namn for namn, _ in dorrar(_Vad())}
    saknas = sorted(
        (namn, monster)
        for namn, monster in _monster(get_resolver())
        if namn not in provade
        and namn not in UTAN_ANNANS_ID
        and not namn.startswith(HELA_INSTALLATIONEN)
    )
    assert not saknas, f"Lägg dörren i tests/test_dorrar.py:dorrar (eller skälet här): {saknas}"
    # And the door list names no URL that is gone.
    alla = {namn for namn, _ in _monster(get_resolver())}
    assert provade <= alla, provade - alla


def _hela(resolver: URLResolver, prefix: str = "", namnrymd: str | None = None):
    """Every pattern with its whole path (regex anchors dropped) and its name."""
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            yield from _hela(p, prefix + str(p.pattern).strip("^$"), p.namespace or namnrymd)
        elif isinstance(p, URLPattern):
            namn = f"{namnrymd}:{p.name}" if namnrymd else str(p.name)
            yield namn, prefix + str(p.pattern).strip("^$")


def _exempel(monster: str) -> str:
    """A path the pattern matches: placeholders for its arguments."""
    monster = re.sub(r"<int:\w+>", "1", monster)
    monster = re.sub(r"<(?:slug|str|path):\w+>|<\w+>", "x", monster)
    monster = re.sub(r"\(\?P<app_label>[^)]*\)", "organisation", monster)
    monster = re.sub(r"\(\?P<\w+>\.\*\)", "x", monster)
    return "/" + monster.replace("\\", "")


#: The tests' identity provider's back-channel endpoints (token, introspection) take no
#: browser's form: django-oauth-toolkit exempts them itself; never in production.
UTAN_CSRF = ("oauth2_provider:",)


@pytest.mark.django_db
def test_every_post_without_the_csrf_token_is_refused(personal):
    """Every URL, signed in, by POST without the form's CSRF token: refused with 403 before
    the view runs (the placeholders in the path are never looked up), so no view of ours is
    exempt from CSRF protection."""
    klient = VerifieradKlient(enforce_csrf_checks=True)
    klient.force_login(personal)
    oppna = []
    for namn, monster in _hela(get_resolver()):
        if namn.startswith(UTAN_CSRF):
            continue
        adress = _exempel(monster)
        svar = klient.post(adress, {"x": "1"})
        if svar.status_code != 403 or "403_csrf.html" not in {t.name for t in svar.templates}:
            oppna.append((namn, adress, svar.status_code))
    assert not oppna, oppna
