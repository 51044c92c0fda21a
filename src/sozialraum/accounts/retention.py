"""How long accounts keep what they only need for a while (see lib/retention.py)."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db.models import Q

from sozialraum.lib.retention import Rule

LOGIN_RECORDS = timedelta(days=90)  # django-axes: attempts, failures, access log (IP addresses)
INVITATIONS = timedelta(days=90)  # used, revoked or expired invitations (e-mail addresses)
FINISHED_TASKS = timedelta(days=14)  # background tasks incl. e-mail bodies
SESSIONS = timedelta(0)  # expired sessions, as soon as they have expired
FORM_TOKENS = timedelta(days=1)  # sent create forms (lib/idempotency.py): a double submit is quick


def delete_login_records(cutoff: datetime) -> int:
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    return sum(
        model.objects.filter(attempt_time__lt=cutoff).delete()[0]
        for model in (AccessAttempt, AccessFailureLog, AccessLog)
    )


def delete_invitations(cutoff: datetime) -> int:
    from sozialraum.accounts.models import Invitation

    done = Q(expires_at__lt=cutoff) | Q(accepted_at__lt=cutoff) | Q(revoked_at__lt=cutoff)
    return Invitation.objects.filter(done).delete()[0]


def delete_finished_tasks(cutoff: datetime) -> int:
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(finished_at__lt=cutoff).delete()[0]


def delete_expired_sessions(cutoff: datetime) -> int:
    from django.contrib.sessions.models import Session

    return Session.objects.filter(expire_date__lt=cutoff).delete()[0]


def delete_form_tokens(cutoff: datetime) -> int:
    from sozialraum.accounts.models import UsedFormToken

    return UsedFormToken.objects.filter(created_at__lt=cutoff).delete()[0]


RULES = (
    Rule("login_records", LOGIN_RECORDS, delete_login_records),
    Rule("invitations", INVITATIONS, delete_invitations),
    Rule("finished_tasks", FINISHED_TASKS, delete_finished_tasks),
    Rule("sessions", SESSIONS, delete_expired_sessions),
    Rule("form_tokens", FORM_TOKENS, delete_form_tokens),
)
