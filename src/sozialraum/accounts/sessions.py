"""The session store: Django's database sessions, with the one query of every request that
carries a session cookie compiled once per connection (lib/prepared.py, issue 8).

SESSION_ENGINE names this module; the table, the signing and everything else are Django's
(`django.contrib.sessions.backends.db`).
"""

from __future__ import annotations

from datetime import datetime

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.contrib.sessions.models import Session
from django.utils import timezone

from sozialraum.lib.prepared import Prepared

_VALID_SESSION = Prepared(
    lambda key, now: Session.objects.filter(session_key=key, expire_date__gt=now), str, datetime
)


class SessionStore(DatabaseSessionStore):
    def _get_session_from_db(self) -> Session | None:
        """The session row of the cookie's key that has not expired, as Django's does."""
        found = _VALID_SESSION.first(self.session_key, timezone.now())
        if found is None:
            self._session_key = None
        return found
