# ruff: noqa: E501  (the old template loop is quoted as it was)
"""teams.rows: the team page's member rows write what the template loop they replace wrote."""

from __future__ import annotations

from django.template import Context, Template

from sozialraum.teams import rows, selectors
from sozialraum.teams.listing import TeamListRows, team_list
from sozialraum.teams.models import MembershipRole
from tests.teams.conftest import member, organisation, person_at

# The loop of teams/team.html before issue 8's third round.
OLD_LOOP = """{% load i18n %}{% for member in group.members %}
        <li>
          <a class="kern-link" href="{% url 'network:person' office_slug=youth_office.slug pk=member.person_id %}">{{ member.person.full_name }}</a>{% if member.organisation %}, <a class="kern-link" href="{% url 'network:organisation' office_slug=youth_office.slug pk=member.organisation_id %}">{{ member.organisation.name }}</a>{% endif %}
          {% if member.role != "mitglied" %}<span class="kern-badge kern-badge--small {% if member.role == 'leitung' %}kern-badge--success{% else %}kern-badge--info{% endif %}"><span class="kern-label">{{ member.get_role_display }}</span></span>{% endif %}
          {% with substitutes=member.substitutes.all %}{% if substitutes %}
            <span class="sr-people__contact">{% translate "Vertretung:" %} {% for person in substitutes %}<a class="kern-link" href="{% url 'network:person' office_slug=youth_office.slug pk=person.pk %}">{{ person.full_name }}</a>{% if not forloop.last %}, {% endif %}{% endfor %}</span>
          {% endif %}{% endwith %}
        </li>
      {% endfor %}"""


def _normalised(html: str) -> list[str]:
    return [line.strip() for line in html.splitlines() if line.strip()]


def test_it_member_rows_write_what_the_template_loop_wrote(office_a, team_a):
    kita = organisation(office_a, "Kita <Sonnenschein> & Co")
    lead = person_at(office_a, kita, "Lea", "Leitner")
    member(team_a, lead, kita, role=MembershipRole.LEAD)
    guest = person_at(office_a, None, "Gustav", "Gast")
    member(team_a, guest, None, role=MembershipRole.GUEST)
    plain = member(team_a, person_at(office_a, kita, "Mia", "O'Brien"), kita)
    plain.substitutes.add(person_at(office_a, kita, "Sven", "Stellvertreter"))
    plain.substitutes.add(person_at(office_a, kita, "Anna", "Zweite <b>"))

    # The old loop over the memberships (models), the new rows of the team page's plain rows.
    current, _former, _upcoming = selectors.memberships(team_a)
    old_groups = selectors.group_by_kind(current)
    groups = selectors.group_by_kind(selectors.team_members(team_a)[0])
    rows.member_rows(groups, office_a.slug)
    assert sum(len(group.members) for group in groups) == 3
    assert [g.kind for g in groups] == [g.kind for g in old_groups]
    for group, old_group in zip(groups, old_groups, strict=True):
        old = Template(OLD_LOOP).render(Context({"group": old_group, "youth_office": office_a}))
        assert _normalised(group.rows_html) == _normalised(old)
    html = "".join(group.rows_html for group in groups)
    assert "Kita &lt;Sonnenschein&gt; &amp; Co" in html
    assert "Vertretung:" in html and "kern-badge--success" in html and "kern-badge--info" in html


# The loop of teams/team_list.html before issue 8's third round (it read model instances with
# the prefetched social spaces and `detail_url` set by the view).
OLD_TEAM_LOOP = """{% load i18n kern %}        {% translate "Art" as kind_label %}{% translate "Mitglieder" as members_label %}{% translate "Nächstes Treffen" as next_label %}
        {% for team in page.object_list %}
          <tr class="kern-table__row">
            <th scope="row" class="kern-table__header sr-table-name"><a class="kern-link" href="{{ team.detail_url }}">{{ team.name }}</a>{% if not team.is_active %} <span class="sr-muted">({% translate "ruht" %})</span>{% endif %}</th>
            <td class="kern-table__cell" data-label="{{ kind_label }}">{{ team.get_kind_display }}</td>
            <td class="kern-table__cell" data-label="{{ youth_office.social_space_label_plural }}">{% for space in team.social_spaces.all %}{{ space.name }}{% if not forloop.last %}, {% endif %}{% empty %}–{% endfor %}</td>
            <td class="kern-table__cell" data-label="{{ members_label }}">{{ team.member_count }}</td>
            <td class="kern-table__cell sr-nowrap" data-label="{{ next_label }}">{% if team.next_meeting %}{{ team.next_meeting|localdate }}{% else %}<span class="sr-muted">{% translate "keins geplant" %}</span>{% endif %}</td>
          </tr>
        {% endfor %}"""


def test_it_team_rows_write_what_the_template_loop_wrote(
    office_a, space_a, space_a2, team_a, team_a2
):
    from datetime import time, timedelta

    from django.utils import timezone

    from sozialraum.lib.http import with_detail_urls
    from sozialraum.meetings.models import Meeting

    team_a.social_spaces.add(space_a2)
    team_a2.is_active = False
    team_a2.save()
    team_a2.social_spaces.clear()
    member(team_a, person_at(office_a, None, "Mia", "Meier"))
    Meeting.objects.create(
        youth_office=office_a,
        team=team_a,
        date=timezone.localdate() + timedelta(days=3),
        starts_at=time(9),
        ends_at=time(11),
        time_slot="vormittags",
    )
    page = rows.team_list_page(
        TeamListRows(office_a),
        "1",
        office_slug=office_a.slug,
        spaces_header=office_a.social_space_label_plural,
    )
    old_rows = with_detail_urls(
        team_list(office_a).prefetch_related("social_spaces"),
        "teams:team",
        office_slug=office_a.slug,
    )
    old = Template(OLD_TEAM_LOOP).render(
        Context({"page": {"object_list": old_rows}, "youth_office": office_a})
    )
    assert _normalised(page.rows_html) == _normalised(old)
    assert "ruht" in page.rows_html and "keins geplant" in page.rows_html
    assert space_a2.name in page.rows_html


# The loops of teams/team.html over the open tasks and the latest decisions before issue 8's
# fourth round, between their `<ul>` and `</ul>`.
OLD_TASK_LOOP = """{% load i18n kern %}      {% for task in page.open_tasks %}
        {% url 'minutes:task' office_slug=youth_office.slug pk=task.pk as task_url %}
        <li>
          {% if task_url %}<a class="kern-link" href="{{ task_url }}">{{ task.title }}</a>{% else %}{{ task.title }}{% endif %}
          <span class="sr-muted">– {{ task.responsible.full_name }}{% if task.due %}, {% blocktranslate with date=task.due|localdate %}fällig am {{ date }}{% endblocktranslate %}{% endif %}</span>
          {% if task.is_overdue %}<span class="kern-badge kern-badge--small kern-badge--danger"><span class="kern-icon kern-icon--warning" aria-hidden="true"></span><span class="kern-label">{% translate "überfällig" %}</span></span>{% endif %}
        </li>
      {% endfor %}"""
OLD_DECISION_LOOP = """{% load i18n kern %}      {% for decision in page.decisions %}
        {% url 'minutes:decision' office_slug=youth_office.slug pk=decision.pk as decision_url %}
        <li>
          <strong>{% if decision_url %}<a class="kern-link" href="{{ decision_url }}">{% blocktranslate with number=decision.number year=decision.year %}Beschluss {{ number }}/{{ year }}{% endblocktranslate %}</a>{% else %}{% blocktranslate with number=decision.number year=decision.year %}Beschluss {{ number }}/{{ year }}{% endblocktranslate %}{% endif %}</strong>
          <span class="sr-muted">{{ decision.date|localdate }}, {{ decision.get_status_display }}</span><br>
          {{ decision.text|truncatechars:200 }}
        </li>
      {% endfor %}"""


def test_it_task_and_decision_rows_write_byte_for_byte_what_the_loops_wrote(office_a, team_a):
    from datetime import timedelta

    from django.utils import timezone

    from sozialraum.minutes.models import Decision, Task

    today = timezone.localdate()
    anna = person_at(office_a, None, "Anna", "<Arndt> & Söhne", title="Dr.")
    for title, due in (("Brief <b>an</b> Eltern", today - timedelta(days=2)), ("Ohne Datum", None)):
        Task.objects.create(
            youth_office=office_a, team=team_a, title=title, responsible=anna, due=due
        )
    Task.objects.create(
        youth_office=office_a, team=team_a, title="Später", responsible=anna, due=today
    )
    for number, text in ((1, "Kurz & <knapp>"), (2, "Lang " * 80)):
        Decision.objects.create(
            youth_office=office_a, team=team_a, year=2026, number=number, date=today, text=text
        )
    page = selectors.team_page(team_a)
    context = Context({"page": page, "youth_office": office_a})
    assert rows.task_rows(page.open_tasks, office_a.slug) == Template(OLD_TASK_LOOP).render(context)
    assert rows.decision_rows(page.decisions, office_a.slug) == Template(OLD_DECISION_LOOP).render(
        context
    )
    html = rows.task_rows(page.open_tasks, office_a.slug)
    assert "&lt;b&gt;an&lt;/b&gt;" in html and "Dr. Anna &lt;Arndt&gt; &amp; Söhne" in html
    assert "überfällig" in html and "fällig am" in html


# The former members' loop of teams/team.html before issue 8's sixth round.
OLD_FORMER_LOOP = """{% load i18n kern %}
        {% for member in page.former %}
          <li><a class="kern-link" href="{% url 'network:person' office_slug=youth_office.slug pk=member.person_id %}">{{ member.person.full_name }}</a>{% if member.organisation %}, {{ member.organisation.name }}{% endif %}
            <span class="sr-muted">({% blocktranslate with joined=member.joined|localdate left=member.left|localdate trimmed %}{{ joined }} bis {{ left }}{% endblocktranslate %})</span></li>
        {% endfor %}
      """


def test_it_former_rows_write_what_the_template_loop_wrote(office_a, team_a):
    from datetime import date

    kita = organisation(office_a, "Kita <Sonnenschein> & Co")
    member(team_a, person_at(office_a, kita, "Lea", "O'Leitner"), kita, left=date(2024, 3, 1))
    member(team_a, person_at(office_a, None, "Paul", "Früher"), None, left=date(2025, 5, 31))
    current, former = selectors.team_members(team_a)
    assert not current and len(former) == 2
    for shown in (former, []):
        old = Template(OLD_FORMER_LOOP).render(
            Context({"page": {"former": shown}, "youth_office": office_a})
        )
        html = rows.former_rows(shown, office_a.slug)
        assert f"\n        {html}\n      " == old
    html = rows.former_rows(former, office_a.slug)
    assert "Kita &lt;Sonnenschein&gt; &amp; Co" in html and "O&#x27;Leitner" in html
    assert "31.05.2025" in html
