"""Permissions of sozialraum.consultations (django-rules, autodiscovered through this module):
`case_rules` (consultations, messages, counts), `guard_rules` (the guard's vocabulary)."""

from sozialraum.consultations import case_rules, guard_rules  # noqa: F401
