"""How long the network keeps what it only needs for a while (see lib/retention.py)."""

from __future__ import annotations

from datetime import datetime, timedelta

from sozialraum.lib.retention import Rule

PENDING_IMPORTS = timedelta(hours=24)  # uploaded import files waiting for "Import ausführen"


def delete_pending_imports(cutoff: datetime) -> int:
    from sozialraum.network.models import PendingImport

    return PendingImport.objects.filter(created_at__lt=cutoff).delete()[0]


RULES = (Rule("pending_imports", PENDING_IMPORTS, delete_pending_imports),)
