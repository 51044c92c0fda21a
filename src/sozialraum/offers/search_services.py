"""Writes of the search helper's part: the synonyms coordination maintains."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from sozialraum.audit.models import Action
from sozialraum.audit.services import record
from sozialraum.lib import german
from sozialraum.offers.search_models import OfferSynonym
from sozialraum.regions.models import YouthOffice

if TYPE_CHECKING:
    from sozialraum.accounts.models import User


def _key(text: str) -> str:
    return " ".join(german.stem(word) for word in german.fold(text).split())


@transaction.atomic
def add_synonym(
    *, office: YouthOffice, actor: User | None, word: str, synonym: str
) -> OfferSynonym:
    """A new pair of words the search treats alike. ValueError (German) if it means nothing
    new: the same word twice, or a pair the office has already (in either direction)."""
    word, synonym = " ".join(word.split()), " ".join(synonym.split())
    if not german.words(word) or not german.words(synonym):
        raise ValueError(_("Bitte geben Sie zwei Suchbegriffe mit Buchstaben an."))
    if _key(word) == _key(synonym):
        raise ValueError(_("Die beiden Begriffe findet die Suche schon als dasselbe Wort."))
    pair = {_key(word), _key(synonym)}
    for existing in OfferSynonym.objects.in_office(office).select_for_update():
        if {_key(existing.word), _key(existing.synonym)} == pair:
            raise ValueError(_("Dieses Paar gibt es schon: %(pair)s.") % {"pair": str(existing)})
    created = OfferSynonym.objects.create(youth_office=office, word=word, synonym=synonym)
    record(
        office=office,
        actor=actor,
        action=Action.CREATE,
        instance=created,
        changes={"word": {"old": "", "new": word}, "synonym": {"old": "", "new": synonym}},
    )
    return created


@transaction.atomic
def delete_synonym(*, synonym: OfferSynonym, actor: User | None) -> None:
    office = synonym.youth_office
    record(
        office=office,
        actor=actor,
        action=Action.DELETE,
        instance=synonym,
        changes={
            "word": {"old": synonym.word, "new": ""},
            "synonym": {"old": synonym.synonym, "new": ""},
        },
    )
    synonym.delete()
