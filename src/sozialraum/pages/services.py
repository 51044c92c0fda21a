from __future__ import annotations

from django.conf import settings

from sozialraum.accounts.throttling import allow
from sozialraum.lib.mail import send_mail_task


class TooManyMessages(Exception):
    """The feedback form was used too often in the last hour (from this address or overall)."""


def send_accessibility_feedback(*, message: str, page: str, reply_to: str, client: str) -> None:
    """Mail the feedback to the operator; at most a few per client address and hour."""
    if not allow("feedback:ip", client, settings.FEEDBACK_MAILS_PER_ADDRESS) or not allow(
        "feedback:all", "-", settings.FEEDBACK_MAILS_PER_HOUR
    ):
        raise TooManyMessages
    body = f"Rückmeldung zur Barrierefreiheit\n\nSeite: {page or '–'}\n"
    body += f"Antwort an: {reply_to or '– (keine Antwort gewünscht)'}\n\n{message}\n"
    send_mail_task.enqueue(
        subject="Rückmeldung zur Barrierefreiheit",
        body=body,
        to=[settings.FEEDBACK_EMAIL],
        reply_to=[reply_to] if reply_to else [],
    )
