"""Permissions of the Familienwegweiser (django-rules, autodiscovered).

The public guide needs no permission: it shows only published offers (Offer.objects.public).

Office-level permissions take the youth office as object:

- ``offers.view_offers``          every member sees the internal list of offers;
- ``offers.add_offer``            coordination and Fachkräfte; carrier editors for their own
                                  organisation (the new offer is a draft until coordination
                                  publishes it);
- ``offers.review_offer_changes`` coordination reviews the carrier editors' proposals;
- ``offers.manage_space_pages``   coordination writes the public pages of the social spaces.

Object-level permissions take the offer:

- ``offers.change_offer``         coordination and Fachkräfte edit directly;
- ``offers.propose_offer_change`` a carrier editor proposes a change of an own offer;
- ``offers.publish_offer``        coordination publishes and hides (it decides what is public);
- ``offers.confirm_offer``        coordination, Fachkräfte and the provider's carrier editor
                                  confirm that an offer is still current.
"""

from __future__ import annotations

import rules

from sozialraum.accounts.predicates import (
    is_carrier_editor,
    is_contributor,
    is_coordinator,
    is_member,
)
from sozialraum.offers.predicates import is_own_offer

# The office
rules.add_perm("offers.view_offers", is_member)
rules.add_perm("offers.add_offer", is_contributor | is_carrier_editor)
rules.add_perm("offers.review_offer_changes", is_coordinator)
rules.add_perm("offers.manage_space_pages", is_coordinator)

# An offer
rules.add_perm("offers.view_offer", is_member)
rules.add_perm("offers.change_offer", is_contributor)
rules.add_perm("offers.propose_offer_change", is_carrier_editor & is_own_offer)
rules.add_perm("offers.publish_offer", is_coordinator)
rules.add_perm("offers.confirm_offer", is_contributor | is_own_offer)
