"""Permissions of sozialraum.planning: needs (see rules.py)."""
