"""The records of the Familienwegweiser's German search (offers/search.py explains the search).

- `OfferSearchEntry`: per offer its index terms (lib.german), title and everything else apart,
  computed in Python on every change. The database indexes them: SQLite an FTS5 table over
  the two columns (external content, kept in sync by triggers), PostgreSQL two generated
  `tsvector` columns (config 'simple') with a GIN index (offers/search_index.py).
- `OfferTerm`: the office's vocabulary, every folded word of its offers with its stem, for the
  tolerance of one typo.
- `OfferSynonym`: the synonyms coordination maintains ("Kita" = "Kindertagesstätte").

Imported at the end of offers/models.py, so Django registers these models with the app.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from sozialraum.regions.models import TenantModel, YouthOffice

MAX_WORD = 60


class OfferSearchEntry(models.Model):
    """The index terms of one offer (space-separated, a-z and 0-9 only)."""

    offer = models.OneToOneField(
        "offers.Offer", on_delete=models.CASCADE, primary_key=True, related_name="search_entry"
    )
    youth_office = models.ForeignKey(YouthOffice, on_delete=models.CASCADE, related_name="+")
    title_terms = models.TextField(default="", blank=True)
    body_terms = models.TextField(default="", blank=True)

    class Meta:
        verbose_name = _("Suchindex-Eintrag eines Angebots")
        verbose_name_plural = _("Suchindex-Einträge der Angebote")

    def __str__(self) -> str:
        return self.title_terms


class OfferTerm(models.Model):
    """A folded word that occurs in the office's offers (or a part of a compound there), with
    its stem. Looked up by its beginning and by its end (`reversed_word`) for typos."""

    youth_office = models.ForeignKey(YouthOffice, on_delete=models.CASCADE, related_name="+")
    word = models.CharField(max_length=MAX_WORD)
    reversed_word = models.CharField(max_length=MAX_WORD)
    term = models.CharField(max_length=MAX_WORD)

    class Meta:
        verbose_name = _("Suchwort")
        verbose_name_plural = _("Suchwörter")
        constraints = [
            models.UniqueConstraint(fields=["youth_office", "word"], name="unique_offer_term")
        ]
        indexes = [
            models.Index(fields=["youth_office", "reversed_word"]),
            models.Index(fields=["youth_office", "term"]),
        ]

    def __str__(self) -> str:
        return self.word


class OfferSynonym(TenantModel):
    """Two words or phrases the search treats alike, in both directions."""

    word = models.CharField(_("Suchbegriff"), max_length=100)
    synonym = models.CharField(_("gleichbedeutend mit"), max_length=100)
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("Synonym")
        verbose_name_plural = _("Synonyme")
        ordering = ["word", "synonym", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["youth_office", "word", "synonym"], name="unique_offer_synonym"
            )
        ]

    def __str__(self) -> str:
        return f"{self.word} = {self.synonym}"


# The synonyms an office starts with (created on first use, like the default topics).
DEFAULT_SYNONYMS = (
    ("Kita", "Kindertagesstätte"),
    ("Krabbelgruppe", "Eltern-Kind-Gruppe"),
    ("Tagesmutter", "Kindertagespflege"),
)


def _connect() -> None:
    from sozialraum.offers import search_index

    search_index.connect()


_connect()
