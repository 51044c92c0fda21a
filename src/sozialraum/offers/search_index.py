"""Keeping the offers' search index: terms computed in Python, indexed by each database.

- `index_offers(ids)` recomputes the OfferSearchEntry and vocabulary (OfferTerm) of offers:
  called by the signals below on every save of an offer and of what its text is made of (its
  topics, target groups, languages, social spaces, provider, municipality), on every audit
  entry about an offer (offers.services writes with UPDATE statements, which send no signal),
  by imports, and by `sozialraum rebuild_offer_index` for everything. Deleting an offer
  deletes its entry (CASCADE), and the database's own index follows the entry:
- SQLite: an FTS5 table `offers_offersearchentry_fts` over (title_terms, body_terms) with the
  entries as external content, kept in sync by triggers on INSERT, UPDATE and DELETE.
- PostgreSQL: generated columns `title_tsv` and `doc_tsv` (to_tsvector('simple', …)) on the
  entry table, `doc_tsv` with a GIN index. 'simple' only splits at spaces and lower-cases: the
  terms are exactly the ones Python made, as in SQLite.

Bulk writes that bypass save() (the demo's bulk_create) call `index_offers` or the command.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection, transaction
from django.db.models import F
from django.db.models.signals import (
    m2m_changed,
    post_delete,
    post_migrate,
    post_save,
    pre_delete,
)

from sozialraum.lib import german

TABLE = "offers_offersearchentry"
FTS = f"{TABLE}_fts"
BATCH = 500

# Constant identifiers only, no values: S608 does not apply.
_NEW = "VALUES (new.offer_id, new.title_terms, new.body_terms);"
_OLD = "VALUES ('delete', old.offer_id, old.title_terms, old.body_terms);"
_ADD = f"INSERT INTO {FTS}(rowid, title_terms, body_terms) {_NEW}"
_REMOVE = f"INSERT INTO {FTS}({FTS}, rowid, title_terms, body_terms) {_OLD}"
_TRIGGERS = {
    f"{FTS}_ai": f"AFTER INSERT ON {TABLE} BEGIN {_ADD} END",
    f"{FTS}_ad": f"AFTER DELETE ON {TABLE} BEGIN {_REMOVE} END",
    f"{FTS}_au": f"AFTER UPDATE ON {TABLE} BEGIN {_REMOVE} {_ADD} END",
}


def install_sql(vendor: str) -> list[str]:
    """The statements that create the database's index over the entries (idempotent)."""
    if vendor == "sqlite":
        return [
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS} USING fts5(title_terms, body_terms, "
            f"content='{TABLE}', content_rowid='offer_id', tokenize='unicode61')",
            *(f"CREATE TRIGGER IF NOT EXISTS {name} {body}" for name, body in _TRIGGERS.items()),
            f"INSERT INTO {FTS}({FTS}) VALUES ('rebuild')",  # noqa: S608 (constants)
        ]
    if vendor == "postgresql":
        return [
            f"ALTER TABLE {TABLE} ADD COLUMN IF NOT EXISTS title_tsv tsvector "
            "GENERATED ALWAYS AS (to_tsvector('simple', title_terms)) STORED",
            f"ALTER TABLE {TABLE} ADD COLUMN IF NOT EXISTS doc_tsv tsvector "
            "GENERATED ALWAYS AS (to_tsvector('simple', title_terms || ' ' || body_terms)) STORED",
            f"CREATE INDEX IF NOT EXISTS {TABLE}_doc_gin ON {TABLE} USING gin (doc_tsv)",
            "CREATE EXTENSION IF NOT EXISTS pg_trgm",
            "CREATE INDEX IF NOT EXISTS offers_offerterm_word_trgm ON offers_offerterm "
            "USING gin (word gin_trgm_ops)",
        ]
    return []


def uninstall_sql(vendor: str) -> list[str]:
    if vendor == "sqlite":
        return [
            *(f"DROP TRIGGER IF EXISTS {name}" for name in _TRIGGERS),
            f"DROP TABLE IF EXISTS {FTS}",
        ]
    if vendor == "postgresql":
        return [
            "DROP INDEX IF EXISTS offers_offerterm_word_trgm",
            f"DROP INDEX IF EXISTS {TABLE}_doc_gin",
            f"ALTER TABLE {TABLE} DROP COLUMN IF EXISTS doc_tsv",
            f"ALTER TABLE {TABLE} DROP COLUMN IF EXISTS title_tsv",
        ]
    return []


def run(connection_, statements: list[str]) -> None:
    with connection_.cursor() as cursor:
        if connection_.vendor == "postgresql" and connection_.in_atomic_block:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for sql in statements:
            cursor.execute(sql)


def is_complete(connection_) -> bool:
    """Whether the database's index (SQLite: and its triggers) exists."""
    with connection_.cursor() as cursor:
        if connection_.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger')")
            return {FTS, *_TRIGGERS} <= {row[0] for row in cursor.fetchall()}
        if connection_.vendor == "postgresql":
            cursor.execute(
                "SELECT count(*) FROM pg_indexes WHERE indexname = %s", [f"{TABLE}_doc_gin"]
            )
            return cursor.fetchone()[0] == 1
    return True


def ensure(using: str = "default", **kwargs) -> None:
    """After every migrate: recreate what a migration may have dropped (SQLite drops a table's
    triggers when it rebuilds the table)."""
    from django.db import connections

    connection_ = connections[using]
    if TABLE in connection_.introspection.table_names() and not is_complete(connection_):
        run(connection_, install_sql(connection_.vendor))


# ---- Computing the entries -------------------------------------------------------------------


def offer_texts(ids: list[int]) -> dict[int, tuple[int, str, str]]:
    """offer id -> (youth office id, title, everything else a family might search for): the
    description, provider, topics, target groups, social spaces, languages, place, schedule,
    costs, "kostenlos" and "barrierefrei zugänglich". Six queries for any number of offers."""
    from sozialraum.offers.models import (
        Language,
        Offer,
        OfferLanguage,
        OfferTargetGroup,
        TargetGroup,
    )

    free = str(Offer._meta.get_field("is_free").verbose_name)
    step_free = str(Offer._meta.get_field("step_free").verbose_name)
    extra: dict[int, list[str]] = {pk: [] for pk in ids}
    for through, name in (
        (Offer.topics.through, "offertopic__name"),
        (Offer.social_spaces.through, "socialspace__name"),
    ):
        for offer_id, value in through.objects.filter(offer_id__in=ids).values_list(
            "offer_id", name
        ):
            extra[offer_id].append(value)
    groups = {code: str(label) for code, label in TargetGroup.choices}
    for offer_id, code in OfferTargetGroup.objects.filter(offer_id__in=ids).values_list(
        "offer_id", "target_group"
    ):
        extra[offer_id].append(groups.get(code, ""))
    languages = {code: str(label) for code, label in Language.choices}
    for offer_id, code in OfferLanguage.objects.filter(offer_id__in=ids).values_list(
        "offer_id", "language"
    ):
        extra[offer_id].append(languages.get(code, ""))
    result = {}
    for row in Offer.objects.filter(pk__in=ids).values_list(
        "pk",
        "youth_office_id",
        "title",
        "description",
        "organisation__name",
        "municipality__name",
        "city",
        "street",
        "postcode",
        "schedule",
        "costs",
        "accessibility_note",
        "is_free",
        "step_free",
    ):
        pk, office_id, title, *texts, is_free, is_step_free = row
        body = [*texts, *extra[pk], free if is_free else "", step_free if is_step_free else ""]
        result[pk] = (office_id, title, " ".join(part for part in body if part))
    return result


def _vocabulary(folded: list[str], into: dict[str, str]) -> None:
    """word -> stem for every folded word and every part of its compounds."""
    for word in folded:
        if word in into or len(word) > german.MAX_WORD or not word.isalpha():
            continue
        pending = [word]
        while pending:
            current = pending.pop()
            if current in into:
                continue
            into[current] = german.stem(current)
            pending.extend(german.split_compound(current))


def index_offers(ids: Iterable[int]) -> int:
    """Recompute the search entries and vocabulary of the offers `ids`; returns how many."""
    from sozialraum.offers.search_models import OfferSearchEntry, OfferTerm
    from sozialraum.regions.models import YouthOffice

    ids = sorted(set(ids))
    done = 0
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        entries: list[OfferSearchEntry] = []
        vocabulary: dict[int, dict[str, str]] = {}
        for pk, (office_id, title, body) in offer_texts(chunk).items():
            title_words, body_words = german.words(title), german.words(body)
            entries.append(
                OfferSearchEntry(
                    offer_id=pk,
                    youth_office_id=office_id,
                    title_terms=" ".join(dict.fromkeys(german.terms_of_words(title_words))),
                    body_terms=" ".join(dict.fromkeys(german.terms_of_words(body_words))),
                )
            )
            words = vocabulary.setdefault(office_id, {})
            _vocabulary(title_words, words)
            _vocabulary(body_words, words)
        with transaction.atomic():
            OfferSearchEntry.objects.filter(offer_id__in=chunk).exclude(
                offer_id__in=[entry.offer_id for entry in entries]
            ).delete()
            OfferSearchEntry.objects.bulk_create(
                entries,
                update_conflicts=True,
                unique_fields=["offer"],
                update_fields=["youth_office", "title_terms", "body_terms"],
                batch_size=BATCH,
            )
            OfferTerm.objects.bulk_create(
                [
                    OfferTerm(
                        youth_office_id=office, word=word, reversed_word=word[::-1], term=term
                    )
                    for office, words in vocabulary.items()
                    for word, term in words.items()
                ],
                ignore_conflicts=True,
                batch_size=BATCH,
            )
            # The guide keeps ranked results per office data version (offers/guide_search.py):
            # a changed index is a new version, also for writes that are not audited.
            if vocabulary:
                YouthOffice.objects.filter(pk__in=list(vocabulary)).update(
                    data_version=F("data_version") + 1
                )
        done += len(entries)
    return done


def rebuild(stdout=None) -> int:
    """Recompute every entry and the vocabulary, then refill the database's index."""
    from sozialraum.offers.models import Offer
    from sozialraum.offers.search_models import OfferTerm

    with transaction.atomic():
        OfferTerm.objects.all().delete()
        ids = list(Offer.objects.order_by("pk").values_list("pk", flat=True))
        count = index_offers(ids)
        run(connection, install_sql(connection.vendor))
    return count


# ---- Signals: the index follows every change -----------------------------------------------


def _offer_saved(sender, instance, raw=False, **kwargs) -> None:
    if not raw:
        index_offers([instance.pk])


def _row_changed(sender, instance, raw=False, **kwargs) -> None:
    if not raw and instance.offer_id:
        index_offers([instance.offer_id])


def _row_deleted(sender, instance, **kwargs) -> None:
    """After the commit: the row may go because its offer (or its whole office) goes, and an
    entry written meanwhile would point at a deleted offer. offers.services' own changes of
    these rows are indexed at once through their audit entry."""
    offer_id = instance.offer_id
    transaction.on_commit(lambda: index_offers([offer_id]))


def _many_changed(sender, instance, action, reverse, pk_set, **kwargs) -> None:
    from sozialraum.offers.models import Offer

    if action not in {"post_add", "post_remove", "post_clear", "pre_clear"}:
        return
    if action == "pre_clear" and reverse:
        # Clearing from the other side (a topic's offers): remember them before they go.
        instance._search_offer_ids = list(
            Offer.objects.filter(**{_reverse_lookup(sender): instance}).values_list("pk", flat=True)
        )
        return
    if action == "pre_clear":
        return
    if not reverse:
        index_offers([instance.pk])
    elif action == "post_clear":
        index_offers(getattr(instance, "_search_offer_ids", []))
    else:
        index_offers(pk_set or [])


def _reverse_lookup(through) -> str:
    from sozialraum.offers.models import Offer

    return "topics" if through is Offer.topics.through else "social_spaces"


def _source_saved(lookup: str):
    def handler(sender, instance, raw=False, created=False, **kwargs) -> None:
        from sozialraum.offers.models import Offer

        if raw or created:
            return
        index_offers(Offer.objects.filter(**{lookup: instance}).values_list("pk", flat=True))

    return handler


def _audited(sender, instance, created=False, raw=False, **kwargs) -> None:
    """Every audited write of an offer: offers.services updates offers with UPDATE statements
    (optimistic locking), which send no post_save; their audit entry marks the change."""
    if created and not raw and instance.object_type == "offers.offer" and instance.object_id:
        index_offers([int(instance.object_id)])


def _source_deleting(lookup: str):
    """A topic or social space goes: its offers lose its name after the commit."""

    def handler(sender, instance, **kwargs) -> None:
        from sozialraum.offers.models import Offer

        ids = list(Offer.objects.filter(**{lookup: instance}).values_list("pk", flat=True))
        if ids:
            transaction.on_commit(lambda: index_offers(ids))

    return handler


_HANDLERS: list = []


def connect() -> None:
    """Connect the signals (once; called when offers.models is imported)."""
    from sozialraum.audit.models import AuditEntry
    from sozialraum.network.models import Organisation
    from sozialraum.offers.models import Offer, OfferLanguage, OfferTargetGroup, OfferTopic
    from sozialraum.regions.models import Municipality, SocialSpace

    if _HANDLERS:
        return
    post_save.connect(_offer_saved, sender=Offer, dispatch_uid="offers_search_offer")
    for row_model in (OfferTargetGroup, OfferLanguage):
        name = row_model.__name__
        post_save.connect(_row_changed, sender=row_model, dispatch_uid=f"offers_search_{name}")
        post_delete.connect(_row_deleted, sender=row_model, dispatch_uid=f"offers_search_d{name}")
    for through in (Offer.topics.through, Offer.social_spaces.through):
        m2m_changed.connect(
            _many_changed, sender=through, dispatch_uid=f"offers_search_{through.__name__}"
        )
    for model, lookup in (
        (Organisation, "organisation"),
        (OfferTopic, "topics"),
        (SocialSpace, "social_spaces"),
        (Municipality, "municipality"),
    ):
        handler = _source_saved(lookup)
        _HANDLERS.append(handler)  # the signal holds it weakly
        post_save.connect(handler, sender=model, dispatch_uid=f"offers_search_src_{model.__name__}")
        if lookup in ("topics", "social_spaces"):
            deleting = _source_deleting(lookup)
            _HANDLERS.append(deleting)
            pre_delete.connect(deleting, sender=model, dispatch_uid=f"offers_search_del_{lookup}")
    post_save.connect(_audited, sender=AuditEntry, dispatch_uid="offers_search_audit")
    from sozialraum.audit import registry
    from sozialraum.offers.search_models import OfferSynonym

    registry.register(OfferSynonym)
    post_migrate.connect(ensure, dispatch_uid="offers_search_ensure")
    _HANDLERS.append(ensure)
