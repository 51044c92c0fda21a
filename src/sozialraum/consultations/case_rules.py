"""Permissions of sozialraum.consultations: the consultations (see rules.py)."""
