"""Permissions of the search helper's pages (import, synonyms); office-level, the youth office
as object. Registered when offers/search_urls.py is loaded (the lead may move these lines into
offers/rules.py, which django-rules autodiscovers):

- ``offers.import_offers``    coordination imports offers from CSV or Excel;
- ``offers.manage_synonyms``  coordination maintains the synonyms of the search.
"""

from __future__ import annotations

import rules

from sozialraum.accounts.predicates import is_coordinator

for _name in ("offers.import_offers", "offers.manage_synonyms"):
    if not rules.perm_exists(_name):
        rules.add_perm(_name, is_coordinator)
