"""Permissions of sozialraum.consultations: the guard vocabulary (see rules.py)."""
