# ruff: noqa: E501  (the old template loops are quoted as they were)
"""The row templates of a measure's cost items and an allocation's shares render what the
template loops they replace rendered (planning/measure_rows.py)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from types import SimpleNamespace

from django.template import engines

from sozialraum.planning.measure_models import CostKind
from sozialraum.planning.templatetags import measure_tags

OLD_COST_LOOP = """{% load i18n kern %}      {% translate "Kostenart" as kind_label %}{% translate "Berechnung" as calc_label %}{% translate "Betrag" as amount_label %}
      {% for item in estimate.items.all %}<tr class="kern-table__row">
        <th scope="row" class="kern-table__header">{{ item.description }}</th>
        <td class="kern-table__cell" data-label="{{ kind_label }}">{{ item.get_kind_display }}</td>
        <td class="kern-table__cell" data-label="{{ calc_label }}">{% if item.kind == "personal" %}{% blocktranslate with hours=item.hours|floatformat:"-2g" rate=item.hourly_rate|euro group=item.pay_group.name %}{{ hours }} Std. × {{ rate }} ({{ group }}){% endblocktranslate %}{% else %}{{ item.quantity|floatformat:"-2g" }} × {{ item.unit_price|euro }}{% endif %}</td>
        <td class="kern-table__cell sr-number sr-nowrap" data-label="{{ amount_label }}">{{ item.amount|euro }}</td>
      </tr>{% endfor %}"""
NEW_COST_LOOP = """{% load measure_tags %}      \n      {% cost_item_rows estimate %}"""

OLD_SHARE_LOOP = """{% load i18n kern %}          {% translate "Anteil" as l_amount %}{% translate "ausgegeben" as l_spent %}{% translate "Ausgaben" as l_expenses %}
          {% for share in allocation.shares.all %}
          <tr class="kern-table__row">
            <th scope="row" class="kern-table__header">{{ share.budget }}</th>
            <td class="kern-table__cell sr-number" data-label="{{ l_amount }}">{{ share.amount|euro }}</td>
            <td class="kern-table__cell sr-number" data-label="{{ l_spent }}">{{ share.spent|euro }}</td>
            <td class="kern-table__cell" data-label="{{ l_expenses }}">{% for expense in share.expenses.all %}{{ expense.date|localdate }}: {{ expense.amount|euro }} ({{ expense.receipt }}){% if expense.description %} {{ expense.description }}{% endif %}{% if not forloop.last %}<br>{% endif %}{% empty %}<span class="sr-muted">{% translate "noch keine" %}</span>{% endfor %}</td>
          </tr>
          {% endfor %}"""
NEW_SHARE_LOOP = """{% load measure_tags %}          \n          {% share_rows allocation %}"""


class Many:
    def __init__(self, *objects):
        self.objects = list(objects)

    def all(self):
        return self.objects


def item(kind, description, amount, **fields):
    fields.setdefault("pay_group", None)
    return SimpleNamespace(
        kind=kind,
        description=description,
        amount=Decimal(amount),
        get_kind_display=lambda: CostKind(kind).label,
        **fields,
    )


def render(source, **context):
    return engines["django"].from_string(source).render(context)


def test_it_the_cost_item_rows_are_the_old_loops_markup():
    estimate = SimpleNamespace(
        items=Many(
            item(
                "personal",
                "Pädagoge <Leitung> & Co",
                "9234.00",
                hours=Decimal("180.50"),
                hourly_rate=Decimal("51.30"),
                pay_group=SimpleNamespace(name="TVöD <S 11b>"),
            ),
            item("personal", "ohne Gruppe", "10", hours=Decimal("2"), hourly_rate=Decimal("5")),
            item(
                "honorare",
                "Honorare",
                "2100",
                quantity=Decimal("1200.25"),
                unit_price=Decimal("35"),
            ),
            item("sonstiges", '"Quote"', "0", quantity=Decimal("1"), unit_price=Decimal("0")),
        )
    )
    new = render(NEW_COST_LOOP, estimate=estimate)
    assert new == render(OLD_COST_LOOP, estimate=estimate)
    assert "&lt;Leitung&gt;" in new
    empty = SimpleNamespace(items=Many())
    assert render(NEW_COST_LOOP, estimate=empty) == render(OLD_COST_LOOP, estimate=empty)


def share(budget, amount, spent, *expenses):
    return SimpleNamespace(
        budget=budget, amount=Decimal(amount), spent=Decimal(spent), expenses=Many(*expenses)
    )


def expense(day, amount, receipt, description=""):
    return SimpleNamespace(
        date=day, amount=Decimal(amount), receipt=receipt, description=description
    )


def test_it_the_share_rows_are_the_old_loops_markup():
    allocation = SimpleNamespace(
        shares=Many(
            share(
                "Munster <2025>",
                "7212.70",
                "6996.32",
                expense(date(2025, 9, 25), "1749.08", "HK-1", "Personal & <Sachkosten>"),
                expense(date(2025, 8, 25), "1749.08", "HK<2>"),
            ),
            share("Schneverdingen 2025", "5901.30", "0"),
            share("Soltau 2026", "1", "1", expense(date(2026, 1, 2), "1", "R", "x")),
        )
    )
    new = render(NEW_SHARE_LOOP, allocation=allocation)
    assert new == render(OLD_SHARE_LOOP, allocation=allocation)
    assert "<br>" in new and "&lt;Sachkosten&gt;" in new
    for shares in (Many(), Many(share("Einzeln", "1", "0"))):
        allocation = SimpleNamespace(shares=shares)
        old = render(OLD_SHARE_LOOP, allocation=allocation)
        assert render(NEW_SHARE_LOOP, allocation=allocation) == old
    assert measure_tags.share_rows(SimpleNamespace(shares=Many())) == ""


OLD_TRANSITION_LOOP = """{% load i18n kern %}    {% for step in transitions %}
      <li><span class="sr-nowrap">{{ step.at|localdatetime }}</span>: <strong>{{ step.get_to_status_display }}</strong>{% if step.by %} – {{ step.by.name|default:step.by.email }}{% endif %}{% if step.amount is not None %}, {% blocktranslate with amount=step.amount|euro %}Betrag {{ amount }}{% endblocktranslate %}{% endif %}{% if step.level %}, {% blocktranslate with name=step.level.name %}Stufe „{{ name }}“{% endblocktranslate %}{% endif %}{% if step.decision %}, {% blocktranslate with number=step.decision.number year=step.decision.year %}Beschluss {{ number }}/{{ year }}{% endblocktranslate %}{% endif %}{% if step.comment %}<br><span class="sr-preline">{{ step.comment }}</span>{% endif %}</li>
    {% endfor %}"""
NEW_TRANSITION_LOOP = """{% load measure_tags %}    {% transition_rows transitions %}"""


def step(status, **fields):
    values = {"by": None, "amount": None, "level": None, "decision": None, "comment": ""}
    values.update(fields)
    return SimpleNamespace(
        at=datetime(2025, 3, 28, 9, 0, tzinfo=UTC), get_to_status_display=lambda: status, **values
    )


def test_it_the_transition_rows_are_the_old_loops_markup():
    transitions = [
        step("eingereicht", by=SimpleNamespace(name="Jonas <A>", email="j@x"), amount=Decimal("0")),
        step(
            "bewilligt",
            by=SimpleNamespace(name="", email="a&b@x"),
            amount=Decimal("13114.5"),
            level=SimpleNamespace(name="Leitung <FB>"),
            decision=SimpleNamespace(number=12, year=2025),
            comment="Bitte <prüfen>\nund & weiter",
        ),
        step("zurückgegeben <x>"),
    ]
    new = render(NEW_TRANSITION_LOOP, transitions=transitions)
    assert new == render(OLD_TRANSITION_LOOP, transitions=transitions)
    assert "&lt;FB&gt;" in new and "Beschluss 12/2025" in new
    assert render(NEW_TRANSITION_LOOP, transitions=[]) == render(
        OLD_TRANSITION_LOOP, transitions=[]
    )
