"""Permissions of sozialraum.planning: budgets (see rules.py)."""
