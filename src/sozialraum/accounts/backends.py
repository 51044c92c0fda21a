"""The authentication backend: Django's ModelBackend, with the user lookup of every logged-in
request compiled once per connection (lib/prepared.py, issue 8).

Passwords, permissions and `user_can_authenticate` are Django's; only `get_user` (the user of
the session, on every request) skips the ORM's compiler and reads the user's roles in the same
query (accounts.models.user_with_roles).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend as DjangoModelBackend

from sozialraum.accounts.models import User, user_with_roles

PATH = "sozialraum.accounts.backends.ModelBackend"  # as in AUTHENTICATION_BACKENDS


class ModelBackend(DjangoModelBackend):
    def get_user(self, user_id: Any) -> User | None:
        user = user_with_roles(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None
