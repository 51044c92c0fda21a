# ruff: noqa: E501  (the old template is quoted as it was)
"""offers.guide_rows: the guide's result cards write what the card template they replace wrote."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.utils import translation

from sozialraum.offers import guide_rows, selectors
from sozialraum.offers.models import Offer
from tests.offers.conftest import make_offer, make_provider, topic

pytestmark = pytest.mark.django_db

# offers/_results.html's loop and offers/_card.html before issue 8 (the card included per offer
# `with level="3"`).
OLD_CARD = """<article class="kern-card kern-card--small sr-offer-card" aria-labelledby="angebot-{{ offer.pk }}">
  <div class="kern-card__container">
    <div class="kern-card__header">
      <h{{ level|default:"2" }} class="kern-title sr-card-title" id="angebot-{{ offer.pk }}"><a class="kern-link" href="{{ offer.public_url }}">{{ offer.title }}</a></h{{ level|default:"2" }}>
      <p class="kern-body kern-body--small sr-muted">{{ offer.organisation.name }}{% if offer.city %} · {{ offer.city }}{% endif %}</p>
    </div>
    <div class="kern-card__body">
      <p class="kern-body kern-body--small">{{ offer.description|truncatewords:24 }}</p>
      <ul class="sr-offer-facts">
        <li><span class="sr-muted">{{ age_label }}</span> {% include "offers/_age.html" %}</li>
        {% if offer.is_free or offer.costs %}<li><span class="sr-muted">{{ costs_label }}</span> {% if offer.is_free %}{{ free_label }}{% else %}{{ offer.costs|truncatechars:60 }}{% endif %}</li>{% endif %}
        {% if offer.step_free %}<li>{{ step_free_label }}</li>{% endif %}
      </ul>
      {% with topics=offer.topics.all %}{% if topics %}<p class="sr-badges">{% for topic in topics %}<span class="kern-badge kern-badge--info kern-badge--small"><span class="kern-label">{{ topic.name }}</span></span>{% endfor %}</p>{% endif %}{% endwith %}
    </div>
  </div>
</article>
"""
OLD_LOOP = (
    '{% load i18n kern %}{% translate "Alter:" as age_label %}{% translate "Kosten:" as costs_label %}'
    '{% translate "kostenlos" as free_label %}{% translate "barrierefrei zugänglich" as step_free_label %}'
    "{% for offer in offers %}<li>" + OLD_CARD + "</li>{% endfor %}"
)

LONG = " ".join(f"Wort{n}" for n in range(30))


def _old_cards(offers: list[Offer], office) -> str:
    for offer in offers:
        offer.public_url = offer.get_public_url()
    return Template(OLD_LOOP).render(Context({"offers": offers, "level": "3"}))


def test_it_writes_the_cards_the_template_wrote(office_a, coordinator):
    provider = make_provider(office_a, coordinator, "Verein <Kinder> & Eltern", city="Soltau")
    other = make_provider(office_a, coordinator, "Hebammen O'Neill")
    beratung, fruehe = topic(office_a, "Beratung"), topic(office_a, "Frühe Hilfen")
    make_offer(
        office_a,
        coordinator,
        "Alles <b>fett</b> & gut",
        provider,
        age_from=0,
        age_until=3,
        is_free=True,
        topics=[beratung, fruehe],
        city="Soltau",
    )
    make_offer(
        office_a,
        coordinator,
        "Ab drei",
        other,
        age_from=3,
        costs="x" * 80,
        step_free=True,
        description=LONG,
    )
    make_offer(
        office_a,
        coordinator,
        "Bis zwölf",
        provider,
        age_until=12,
        costs="5 € <bar>",
        topics=[fruehe],
    )
    make_offer(
        office_a,
        coordinator,
        "Für alle",
        other,
        description='"Zitat" & <Tag>\nzweite Zeile',
        city="Bad <Fallingbostel>",
    )
    public = Offer.objects.public(office_a)
    old_offers = list(selectors.with_card_parts(public))
    rows = list(guide_rows.card_rows(public))
    assert [row["id"] for row in rows] == [offer.pk for offer in old_offers]
    for language in ("de", "en"):
        with translation.override(language):
            assert guide_rows.cards_html(rows, office_a.slug) == _old_cards(old_offers, office_a)
    html = guide_rows.cards_html(rows, office_a.slug)
    assert (
        "Alles &lt;b&gt;fett&lt;/b&gt; &amp; gut" in html
        and "Verein &lt;Kinder&gt; &amp; Eltern" in html
    )
    assert "kostenlos" in html and "barrierefrei zugänglich" in html and "Frühe Hilfen" in html


def test_it_writes_nothing_for_no_rows(office_a):
    assert guide_rows.cards_html([], office_a.slug) == ""


# The dates' loop of offers/guide_offer.html before issue 8's sixth round.
OLD_DATES = (
    "{% load i18n %}{% for date in dates %}<li><time datetime=\"{{ date.starts_at|date:'c' }}\">"
    '{{ date.starts_at|date:"l, j. F Y" }}{% if date.starts_at|date:"Hi" != "0000" %}, '
    '{% blocktranslate with time=date.starts_at|date:"G:i" %}{{ time }} Uhr{% endblocktranslate %}'
    "{% endif %}</time></li>{% endfor %}"
)


@pytest.mark.parametrize("language", ["de", "en"])
def test_it_writes_the_dates_the_template_loop_wrote(language):
    from datetime import datetime
    from types import SimpleNamespace

    from django.utils import timezone

    zone = timezone.get_default_timezone()
    dates = [
        SimpleNamespace(starts_at=timezone.make_aware(moment, zone))
        for moment in (
            datetime(2026, 3, 1, 9, 5),
            datetime(2026, 7, 14, 0, 0),  # midnight: no time
            datetime(2026, 10, 25, 2, 30),  # the night the clocks go back
            datetime(2027, 1, 2, 0, 30),
            datetime(2026, 5, 9, 18, 0, 0, 250),
        )
    ]
    dates.append(SimpleNamespace(starts_at=timezone.now()))  # in UTC, shown in local time
    with translation.override(language):
        old = Template(OLD_DATES).render(Context({"dates": dates}))
        assert guide_rows.date_items(dates) == old
        assert guide_rows.date_items([]) == ""


def test_it_reads_the_topics_names_as_the_through_table_does(office_a, coordinator):

    provider = make_provider(office_a, coordinator, "Verein")
    from sozialraum.offers.models import OfferTopic

    topics = [topic(office_a, "Beratung"), topic(office_a, "Frühe Hilfen")]
    topics.append(OfferTopic.objects.create(youth_office=office_a, name="Zähne & <Mund>"))
    ids = [
        make_offer(office_a, coordinator, f"Angebot {n}", provider, topics=topics[: n % 4]).pk
        for n in range(22)  # more than a page of cards
    ]
    for chosen in (ids[:1], ids[:7], ids[:20], ids, [], [ids[2], ids[2]]):
        expected = {
            offer.pk: [t.name for t in offer.topics.order_by("sort_key", "id")]
            for offer in Offer.objects.filter(pk__in=chosen)
            if offer.topics.exists()
        }
        assert dict(guide_rows.topic_names(chosen)) == expected
    html = guide_rows.cards_html(guide_rows.card_rows(Offer.objects.filter(pk=ids[3])), "x")
    assert "Zähne &amp; &lt;Mund&gt;" in html


def test_it_shortens_a_description_as_truncatewords_did():
    """truncated_words gives Truncator(text).words(24, truncate=" …") for any text: short and
    long, with line breaks and runs of spaces, ending in the ellipsis already, empty."""
    from django.utils.text import Truncator

    from sozialraum.offers.guide_rows import DESCRIPTION_WORDS, truncated_words

    words = [f"Wort{i}" for i in range(40)]
    texts = [
        "",
        "   ",
        "Eltern-Kind-Gruppe",
        " ".join(words[:24]),
        " ".join(words[:25]),
        "\n".join(words),
        "  Spielen\tund  Lernen\r\n" * 10,
        " ".join(words[:23]) + " Schluss …" + " mehr" * 5,
        " ".join(words[:23]) + " …" + " mehr" * 5,
        "Ä ö ü ß " * 20,
    ]
    for text in texts:
        expected = Truncator(text).words(DESCRIPTION_WORDS, truncate=" …")
        assert truncated_words(text) == expected, text
