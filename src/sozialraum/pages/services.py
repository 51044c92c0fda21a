from __future__ import annotations

from django.conf import settings

from sozialraum.lib.mail import send_mail_task


def send_accessibility_feedback(*, message: str, page: str, reply_to: str) -> None:
    body = f"Rückmeldung zur Barrierefreiheit\n\nSeite: {page or '–'}\n"
    body += f"Antwort an: {reply_to or '– (keine Antwort gewünscht)'}\n\n{message}\n"
    send_mail_task.enqueue(
        subject="Rückmeldung zur Barrierefreiheit",
        body=body,
        to=[settings.FEEDBACK_EMAIL],
        reply_to=[reply_to] if reply_to else [],
    )
