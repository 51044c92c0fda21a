"""Logging filters used by settings.LOGGING."""

from __future__ import annotations

import logging


class DropPermissionDenied(logging.Filter):
    """Drop Django's own record of a 403, which carries the whole traceback.

    pages.views.permission_denied logs the refusal in one line instead (path and user id).
    """

    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.name == "django.request" and getattr(record, "status_code", 0) == 403)
