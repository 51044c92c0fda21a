"""Sending e-mail in the background (django-tasks); immediate in tests and in the demo."""

from __future__ import annotations

from django.core.mail import EmailMessage
from django_tasks import task


@task()
def send_mail_task(
    *, subject: str, body: str, to: list[str], reply_to: list[str] | None = None
) -> None:
    EmailMessage(subject=subject, body=body, to=to, reply_to=reply_to or None).send()
