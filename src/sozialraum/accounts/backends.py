"""The authentication backend: Django's ModelBackend, with the user lookup of every logged-in
request compiled once per connection (lib/prepared.py, issue 8).

Passwords, permissions and `user_can_authenticate` are Django's; only `get_user` (the user of
the session, on every request) skips the ORM's compiler.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend as DjangoModelBackend

from sozialraum.accounts.models import User
from sozialraum.lib.prepared import Prepared

PATH = "sozialraum.accounts.backends.ModelBackend"  # as in AUTHENTICATION_BACKENDS

_USER_BY_PK = Prepared(lambda pk: User._default_manager.filter(pk=pk), int)


class ModelBackend(DjangoModelBackend):
    def get_user(self, user_id: Any) -> User | None:
        user = _USER_BY_PK.first(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None
