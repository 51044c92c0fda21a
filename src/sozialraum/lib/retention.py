"""Retention: personal data that is only needed for a while is deleted after that while.

Each app declares its periods in its `retention.py` as `Rule`s and registers them in its
`AppConfig.ready()` with `register`; `sozialraum cleanup` (daily, e.g. from a systemd timer or
cron; docs/deployment.md) runs every registered rule. The periods are those promised in the
privacy statement (templates/pages/privacy.html): a new rule needs a sentence there too.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils import timezone


@dataclass(frozen=True)
class Rule:
    """What is deleted (`name`, for the command's output), after how long, and how: `delete`
    receives the cut-off moment and returns the number of rows it deleted."""

    name: str
    keep: timedelta
    delete: Callable[[datetime], int]


_RULES: dict[str, Rule] = {}


def register(*rules: Rule) -> None:
    for rule in rules:
        if rule.name in _RULES and _RULES[rule.name] != rule:
            raise ValueError(f"Two retention rules are called {rule.name!r}.")
        _RULES[rule.name] = rule


def rules() -> list[Rule]:
    return list(_RULES.values())


def clean_up(now: datetime | None = None, only: list[Rule] | None = None) -> dict[str, int]:
    """Run every registered rule (or `only` these); returns {rule name: rows deleted}."""
    now = now or timezone.now()
    return {rule.name: rule.delete(now - rule.keep) for rule in (only or rules())}
