"""Permissions of sozialraum.planning: projects (see rules.py)."""
