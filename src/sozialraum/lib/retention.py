"""Retention: personal data that is only needed for a while is deleted after that while.

Run daily (`sozialraum cleanup`, e.g. from a systemd timer or cron; docs/deployment.md).
The periods are those promised in the privacy statement (templates/pages/privacy.html).
"""

from __future__ import annotations

from datetime import timedelta

from django.contrib.sessions.models import Session
from django.utils import timezone

LOGIN_RECORDS_DAYS = 90  # django-axes: login attempts, failures, access log (IP addresses)
INVITATIONS_DAYS = 90  # used, revoked or expired invitations (e-mail addresses)
FINISHED_TASKS_DAYS = 14  # background tasks incl. e-mail bodies
PENDING_IMPORT_HOURS = 24  # uploaded import files waiting for "Import ausführen"


def clean_up(now=None) -> dict[str, int]:
    """Delete what has outlived its purpose; returns {what: number of rows deleted}."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from django_tasks_db.models import DBTaskResult

    from sozialraum.accounts.models import Invitation
    from sozialraum.network.models import PendingImport

    now = now or timezone.now()
    login_cutoff = now - timedelta(days=LOGIN_RECORDS_DAYS)
    invitation_cutoff = now - timedelta(days=INVITATIONS_DAYS)
    done = {}
    done["login_attempts"] = AccessAttempt.objects.filter(attempt_time__lt=login_cutoff).delete()[0]
    done["login_failures"] = AccessFailureLog.objects.filter(
        attempt_time__lt=login_cutoff
    ).delete()[0]
    done["access_log"] = AccessLog.objects.filter(attempt_time__lt=login_cutoff).delete()[0]
    done["invitations"] = (
        Invitation.objects.filter(expires_at__lt=invitation_cutoff).delete()[0]
        + Invitation.objects.filter(accepted_at__lt=invitation_cutoff).delete()[0]
        + Invitation.objects.filter(revoked_at__lt=invitation_cutoff).delete()[0]
    )
    done["finished_tasks"] = DBTaskResult.objects.filter(
        finished_at__lt=now - timedelta(days=FINISHED_TASKS_DAYS)
    ).delete()[0]
    done["pending_imports"] = PendingImport.objects.filter(
        created_at__lt=now - timedelta(hours=PENDING_IMPORT_HOURS)
    ).delete()[0]
    done["sessions"] = Session.objects.filter(expire_date__lt=now).delete()[0]
    return done
