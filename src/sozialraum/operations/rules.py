"""Permissions of the operator area (/betrieb/), django-rules, autodiscovered.

Only the platform operator (an active superuser, `User.is_operator`) may use it:

- ``operations.view_area``            the area itself: youth offices, users;
- ``operations.create_youth_office``  onboarding a youth office with its first coordinator;
- ``operations.manage_users``         deactivating and reactivating accounts.
"""

from __future__ import annotations

import rules


@rules.predicate
def is_operator(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_operator)


rules.add_perm("operations.view_area", is_operator)
rules.add_perm("operations.create_youth_office", is_operator)
rules.add_perm("operations.manage_users", is_operator)
