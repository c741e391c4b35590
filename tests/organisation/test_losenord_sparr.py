"""The current password, re-entered by a signed-in user to change it, is limited as the
sign-in is (django-axes, the same counter and rules): a stolen session cannot guess it."""

import pytest
from axes.models import AccessAttempt
from django.urls import reverse

from organisation.models import Anvandare, Sakerhetshandelse
from tests.conftest import VerifieradKlient
from tests.organisation.test_sakerhet import logga_in

pytestmark = pytest.mark.django_db

NYTT = "ett-helt-nytt-losenord-2026"
RATT = "losenord-for-test"


def _byt(klient, gammalt):
    return klient.post(
        reverse("losenord"),
        {"old_password": gammalt, "new_password1": NYTT, "new_password2": NYTT},
    )


def test_guessing_the_current_password_locks_as_the_sign_in_does(
    client, sekreterare, settings, caplog
):
    client.force_login(sekreterare)
    with caplog.at_level("WARNING", logger="iub.sakerhet"):
        for _ in range(settings.INLOGGNING_SPARR_PER_KONTO - 1):
            svar = _byt(client, "gissning")
            assert svar.status_code == 200 and "Det nuvarande lösenordet är fel." in svar.text
        assert _byt(client, "gissning").status_code == 429
    sparrad = _byt(client, RATT)  # even the right password, until the cool-off
    assert sparrad.status_code == 429 and "tillfälligt spärrad" in sparrad.text
    assert Anvandare.objects.get(pk=sekreterare.pk).check_password(RATT)
    assert not Sakerhetshandelse.objects.exists()
    assert AccessAttempt.objects.filter(username="sekreterare").exists()
    assert "Fel nuvarande lösenord vid lösenordsbyte för sekreterare" in caplog.text
    assert "gissning" not in caplog.text
    # One counter with the sign-in: the sign-in from that address is locked too.
    assert logga_in(VerifieradKlient(), "sekreterare").status_code == 429


def test_the_sign_ins_lock_holds_for_the_password_change(client, sekreterare, settings):
    client.force_login(sekreterare)
    for _ in range(settings.INLOGGNING_SPARR_PER_KONTO):
        logga_in(VerifieradKlient(), "sekreterare", "fel")
    assert _byt(client, RATT).status_code == 429
    assert Anvandare.objects.get(pk=sekreterare.pk).check_password(RATT)


def test_a_mistake_then_the_right_password_changes_it(client, sekreterare):
    client.force_login(sekreterare)
    assert _byt(client, "fel").status_code == 200
    assert _byt(client, RATT).status_code == 302
    assert Anvandare.objects.get(pk=sekreterare.pk).check_password(NYTT)


def test_another_users_failures_do_not_lock_this_one(client, sekreterare, personal, settings):
    client.force_login(personal)
    for _ in range(settings.INLOGGNING_SPARR_PER_KONTO):
        logga_in(VerifieradKlient(), "sekreterare", "fel")
    svar = client.post(
        reverse("losenord"),
        {"old_password": RATT, "new_password1": NYTT, "new_password2": NYTT},
    )
    assert svar.status_code == 302


def test_the_right_current_password_clears_the_failures_as_a_sign_in_does(
    client, sekreterare, settings
):
    """Four wrong, then the right one (with new passwords that do not match, so nothing is
    changed): the counter starts over, as after a sign-in, and four more wrong do not lock."""
    client.force_login(sekreterare)
    for _ in range(settings.INLOGGNING_SPARR_PER_KONTO - 1):
        assert _byt(client, "gissning").status_code == 200
    assert AccessAttempt.objects.filter(username="sekreterare").exists()
    svar = client.post(
        reverse("losenord"),
        {"old_password": RATT, "new_password1": NYTT, "new_password2": "annat-" + NYTT},
    )
    assert "De två nya lösenorden är inte lika." in svar.text
    assert not AccessAttempt.objects.filter(username="sekreterare").exists()
    for _ in range(settings.INLOGGNING_SPARR_PER_KONTO - 1):
        assert _byt(client, "gissning").status_code == 200
    assert _byt(client, RATT).status_code == 302


def test_a_success_clears_only_that_usernames_failures_from_that_address(
    client, sekreterare, personal, settings
):
    """Neither a sign-in nor a password change clears the address's failures at other
    usernames: one account of one's own is no way past the limit on guessing colleagues'."""
    for _ in range(3):
        logga_in(VerifieradKlient(), "personal", "fel")
        logga_in(VerifieradKlient(), "en-annan", "fel")
    logga_in(VerifieradKlient(), "sekreterare", "fel")
    assert logga_in(VerifieradKlient(), "sekreterare").status_code == 302
    assert not AccessAttempt.objects.filter(username="sekreterare").exists()
    assert set(AccessAttempt.objects.values_list("username", flat=True)) == {
        "personal",
        "en-annan",
    }
    client.force_login(sekreterare)
    assert _byt(client, RATT).status_code == 302
    assert AccessAttempt.objects.filter(username="personal").get().failures_since_start == 3


def test_the_lock_page_says_what_happened_in_words_that_fit_both_ways_in(
    client, sekreterare, settings
):
    """Locked at the password change, the page does not speak of failed sign-ins: a wrong
    password, at the sign-in or the password change, for how long, and the way back."""
    client.force_login(sekreterare)
    for _ in range(settings.INLOGGNING_SPARR_PER_KONTO):
        _byt(client, "gissning")
    sparrad = _byt(client, RATT)
    assert sparrad.status_code == 429
    text = sparrad.text
    assert "misslyckade inloggningar" not in text
    assert "Fel lösenord har skrivits för många gånger" in text
    assert "när lösenordet skulle bytas" in text
    minuter = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    assert f"de närmaste {minuter} minuterna" in text
    assert f'href="{reverse("start")}"' in text  # still signed in: a way back

    # Signed out at the sign-in: the same words, and no way into the pages.
    svar = logga_in(VerifieradKlient(), "sekreterare")
    assert svar.status_code == 429
    assert "Fel lösenord har skrivits för många gånger" in svar.text
    assert "Du är fortfarande inloggad" not in svar.text
