"""The page's messages: each a status, an error an alert, the text escaped; none, nothing."""

from __future__ import annotations

from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message

from organisation.templatetags.sidan import meddelanden


def test_each_message_is_a_status_an_error_an_alert_and_its_text_is_escaped():
    html = meddelanden(
        [
            Message(constants.SUCCESS, "Kontakten är registrerad."),
            Message(constants.ERROR, 'Fel <script>alert("x")</script>', extra_tags="extra"),
        ]
    )
    assert html == (
        '<div class="meddelanden">'
        '<p class="meddelande success" role="status">Kontakten är registrerad.</p>'
        '<p class="meddelande extra error" role="alert">'
        "Fel &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</p>"
        "</div>"
    )


def test_no_messages_is_nothing():
    assert meddelanden([]) == ""
