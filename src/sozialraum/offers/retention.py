"""How long the Familienwegweiser keeps what it only needs for a while (lib/retention.py)."""

from __future__ import annotations

from datetime import datetime, timedelta

from sozialraum.lib.retention import Rule

# Decided proposals of carrier editors (they name who proposed): kept a year for questions.
DECIDED_PROPOSALS = timedelta(days=365)


def delete_decided_proposals(cutoff: datetime) -> int:
    from sozialraum.network.models import ChangeStatus
    from sozialraum.offers.models import OfferChange

    return (
        OfferChange.objects.exclude(status=ChangeStatus.PENDING)
        .filter(reviewed_at__lt=cutoff)
        .delete()[0]
    )


RULES = (Rule("offer_proposals", DECIDED_PROPOSALS, delete_decided_proposals),)
