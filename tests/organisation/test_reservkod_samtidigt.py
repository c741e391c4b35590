"""One recovery code, two sign-ins at the same moment (a phished code replayed while its
owner uses it): only one of them may pass. Real threads and connections on PostgreSQL."""

import contextlib
import threading

import pytest
from django.db import connection, connections
from django_otp import match_token

from organisation.enheter import Reservkod, Reservkoder

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="concurrency is tested on PostgreSQL, as in CI"
    ),
    pytest.mark.django_db(transaction=True),
]


def _samtidigt(anvand):
    """Run `anvand` in two threads, each with its own connection. Both have read the codes
    before either uses one: each waits before its first write to the codes until the other
    has come as far (or, if a lock makes it wait for the other, goes on after a while)."""
    vid_samma_stalle = threading.Barrier(2, timeout=3)
    tabell = f'"{Reservkod._meta.db_table}"'
    resultat = []

    def fore_skrivning(execute, sql, params, many, context):
        if sql.lstrip().upper().startswith(("DELETE", "UPDATE")) and tabell in sql:
            # Broken: the other waits for a lock this one holds, so they are one at a time.
            with contextlib.suppress(threading.BrokenBarrierError):
                vid_samma_stalle.wait()
        return execute(sql, params, many, context)

    def kor():
        try:
            with connection.execute_wrapper(fore_skrivning):
                resultat.append(anvand())
        finally:
            connections.close_all()

    tradar = [threading.Thread(target=kor) for _ in range(2)]
    for t in tradar:
        t.start()
    for t in tradar:
        t.join()
    return sorted(resultat)


def test_one_recovery_code_signs_in_once_at_the_two_factor_step(personal):
    """The sign-in's path (django-otp's match_token locks the user's devices)."""
    kod = Reservkoder.objects.create(user=personal, name="Reserv").skapa_koder()[0]
    assert _samtidigt(lambda: match_token(personal, kod) is not None) == [False, True]
    assert Reservkod.objects.count() == 9


def test_using_a_code_is_atomic_by_itself(personal):
    """Whoever verifies a code, with or without a lock on the device: the code is used by a
    conditional DELETE, and only the one that deleted it passes."""
    enhet = Reservkoder.objects.create(user=personal, name="Reserv")
    kod = enhet.skapa_koder()[0]
    assert _samtidigt(lambda: Reservkoder.objects.get(pk=enhet.pk).verify_token(kod)) == [
        False,
        True,
    ]
    assert Reservkod.objects.count() == 9
