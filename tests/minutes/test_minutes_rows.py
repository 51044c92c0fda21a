# ruff: noqa: E501  (the old template parts are quoted as they were)
# fmt: off
"""The minutes page's texts written in Python (minutes/minutes_rows.py) are what the template
tags they replace wrote."""

from __future__ import annotations

from datetime import date, time
from types import SimpleNamespace

from django.template import engines

from sozialraum.minutes.minutes_rows import attendance_html, label_rows, next_meeting_link

OLD_ATTENDANCE = """{% load i18n %}{% for attendance in attendances %}<li>{% if attendance.person %}{{ attendance.person.full_name }}{% else %}{{ attendance.guest_name }}{% endif %}{% if attendance.organisation %} ({{ attendance.organisation.name }}){% elif attendance.organisation_name %} ({{ attendance.organisation_name }}){% endif %}{% if attendance.is_substitute %}, {% translate "als Vertretung" %}{% endif %}{% if attendance.is_guest %}, {% translate "Gast" %}{% endif %}</li>{% endfor %}"""
OLD_ITEMS = """{% load i18n kern %}{% for item in items %}{% blocktranslate with number=forloop.counter title=item.title %}TOP {{ number }}: {{ title }}{% endblocktranslate %}|{% blocktranslate with number=forloop.counter %}Anmerkung zu TOP {{ number }}{% endblocktranslate %}|{% endfor %}"""
NEW_ITEMS = """{% for item in items %}{{ item.heading }}|{{ item.comment_label }}|{% endfor %}"""
OLD_DECISIONS = """{% load i18n %}{% for decision in decisions %}{% blocktranslate with number=decision %}Beschluss {{ number }}:{% endblocktranslate %}|{% url 'minutes:decision' office_slug=youth_office.slug pk=decision.pk %}|{% endfor %}"""
NEW_DECISIONS = """{% for decision in decisions %}{{ decision.heading }}|{{ decision.detail_url }}|{% endfor %}"""
OLD_TASKS = """{% load i18n kern %}{% for task in tasks %}{% url 'minutes:task' office_slug=youth_office.slug pk=task.pk %}{% if task.due %}, {% blocktranslate with date=task.due|localdate %}fällig am {{ date }}{% endblocktranslate %}{% endif %}|{% endfor %}"""
NEW_TASKS = """{% for task in tasks %}{{ task.detail_url }}{% if task.due %}, {{ task.due_text }}{% endif %}|{% endfor %}"""
OLD_NEXT = """{% load i18n kern %}<a class="kern-link" href="{% url 'meetings:meeting' office_slug=youth_office.slug pk=next_meeting.pk %}">{% blocktranslate with date=next_meeting.date|localdate start=next_meeting.starts_at|time:"H:i" end=next_meeting.ends_at|time:"H:i" %}{{ date }}, {{ start }}–{{ end }} Uhr{% endblocktranslate %}</a>"""
NEW_NEXT = """<a class="kern-link" href="{{ next_meeting_link.url }}">{{ next_meeting_link.text }}</a>"""


def render(source, **context):
    return engines["django"].from_string(source).render(context)


class Decision(SimpleNamespace):
    def __str__(self):
        return f"{self.number}/{self.year}"


def test_it_lists_the_attendance_as_the_loop():
    def person(name):
        return SimpleNamespace(full_name=name)

    rows = [
        SimpleNamespace(person=person("Dr. Lea <Leitner>"), guest_name="", organisation=SimpleNamespace(name="Kita & Co"), organisation_name="egal", is_substitute=True, is_guest=False),
        SimpleNamespace(person=None, guest_name="Gerda \"Gast\"", organisation=None, organisation_name="Elternrat", is_substitute=False, is_guest=True),
        SimpleNamespace(person=None, guest_name="", organisation=SimpleNamespace(name=""), organisation_name="", is_substitute=True, is_guest=True),
        SimpleNamespace(person=person("Finn Kruse"), guest_name="", organisation=None, organisation_name="", is_substitute=False, is_guest=False),
    ]
    for some in (rows, rows[:1], []):
        assert attendance_html(some) == render(OLD_ATTENDANCE, attendances=some)


def test_it_labels_items_decisions_tasks_and_the_next_meeting_as_the_tags():
    office = SimpleNamespace(slug="heidekreis")
    items = [SimpleNamespace(pk=pk, title=title) for pk, title in ((4, "Begrüßung"), (9, "<Ferien> & mehr"), (2, ""))]
    decisions = [Decision(pk=132, number=13, year=2026), Decision(pk=7, number=1, year=2025)]
    tasks = [SimpleNamespace(pk=124, due=date(2026, 12, 16)), SimpleNamespace(pk=5, due=None)]
    old = [
        render(OLD_ITEMS, items=items),
        render(OLD_DECISIONS, decisions=decisions, youth_office=office),
        render(OLD_TASKS, tasks=tasks, youth_office=office),
    ]
    label_rows("heidekreis", items, decisions, tasks)
    assert [
        render(NEW_ITEMS, items=items),
        render(NEW_DECISIONS, decisions=decisions),
        render(NEW_TASKS, tasks=tasks),
    ] == old
    following = SimpleNamespace(pk=76, date=date(2027, 1, 13), starts_at=time(9, 0), ends_at=time(11, 30))
    assert render(NEW_NEXT, next_meeting_link=next_meeting_link("heidekreis", following)) == render(
        OLD_NEXT, next_meeting=following, youth_office=office
    )
