from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict:
    """What every page's frame needs: the current youth office (if any) and the operator."""
    return {
        "youth_office": getattr(request, "youth_office", None),
        "office_role": getattr(request, "office_role", None),
        "operator": settings.OPERATOR,
    }
