"""Carrier editors propose changes of their offers; coordination compares and decides."""

from __future__ import annotations

import pytest

from sozialraum.network.models import ChangeStatus
from sozialraum.offers import proposals, services
from sozialraum.offers.models import Offer, OfferChange

pytestmark = pytest.mark.django_db


def test_it_keeps_a_proposal_out_of_the_offer_until_it_is_approved(
    office_a, own_offer, carrier_editor, coordinator
):
    change = proposals.propose_offer_change(
        offer=own_offer, actor=carrier_editor, data={"schedule": "mittwochs 9 Uhr"}
    )
    assert change.proposed == {"schedule": "mittwochs 9 Uhr"}
    assert change.base == {"schedule": ""}
    assert Offer.objects.get(pk=own_offer.pk).schedule == ""
    proposals.approve_change(change=change, actor=coordinator)
    assert Offer.objects.get(pk=own_offer.pk).schedule == "mittwochs 9 Uhr"
    assert OfferChange.objects.get(pk=change.pk).status == ChangeStatus.APPROVED


def test_it_amends_a_waiting_proposal(own_offer, carrier_editor):
    first = proposals.propose_offer_change(
        offer=own_offer, actor=carrier_editor, data={"schedule": "mittwochs"}
    )
    second = proposals.propose_offer_change(
        offer=own_offer,
        actor=carrier_editor,
        data={"schedule": "mittwochs", "target_groups": ["eltern"]},
    )
    assert first.pk == second.pk
    assert OfferChange.objects.count() == 1
    assert second.proposed == {"schedule": "mittwochs", "target_groups": ["eltern"]}


def test_it_refuses_a_proposal_without_a_change(own_offer, carrier_editor):
    with pytest.raises(ValueError, match="nichts geändert"):
        proposals.propose_offer_change(
            offer=own_offer, actor=carrier_editor, data={"title": own_offer.title}
        )


def test_it_marks_a_field_changed_since_and_never_undoes_coordination(
    own_offer, carrier_editor, coordinator
):
    change = proposals.propose_offer_change(
        offer=own_offer,
        actor=carrier_editor,
        data={"phone": "05191 1111", "schedule": "freitags"},
    )
    services.update_offer(
        offer=own_offer, actor=coordinator, version=1, data={"phone": "05191 2222"}
    )
    rows = {row.name: row for row in proposals.compare(change)}
    assert rows["phone"].conflict and not rows["schedule"].conflict
    assert rows["phone"].base == "05191 4711" and rows["phone"].current == "05191 2222"
    proposals.approve_change(change=change, actor=coordinator, fields=["schedule"])
    offer = Offer.objects.get(pk=own_offer.pk)
    assert offer.phone == "05191 2222" and offer.schedule == "freitags"


def test_it_rejects_with_a_note_and_decides_only_once(own_offer, carrier_editor, coordinator):
    change = proposals.propose_offer_change(
        offer=own_offer, actor=carrier_editor, data={"title": "Elterncafé neu"}
    )
    proposals.reject_change(change=change, actor=coordinator, note="Bitte mit Uhrzeit.")
    change.refresh_from_db()
    assert change.status == ChangeStatus.REJECTED and change.review_note == "Bitte mit Uhrzeit."
    with pytest.raises(ValueError, match="schon entschieden"):
        proposals.approve_change(change=change, actor=coordinator)
    assert Offer.objects.get(pk=own_offer.pk).title == "Elterncafé Heideblick"


def test_it_requires_a_chosen_field_to_approve(own_offer, carrier_editor, coordinator):
    change = proposals.propose_offer_change(
        offer=own_offer, actor=carrier_editor, data={"title": "Elterncafé neu"}
    )
    with pytest.raises(ValueError, match="mindestens ein Feld"):
        proposals.approve_change(change=change, actor=coordinator, fields=[])


def test_it_never_lets_a_carrier_editor_move_the_offer_to_another_provider(
    own_offer, carrier_editor, provider_a
):
    change = proposals.propose_offer_change(
        offer=own_offer,
        actor=carrier_editor,
        data={"organisation": provider_a, "external_id": "X", "schedule": "montags"},
    )
    assert set(change.proposed) == {"schedule"}
