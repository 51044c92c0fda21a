"""The minutes as PDF (WeasyPrint, PDF/UA-1) and DOCX (python-docx): the content of the minutes
page, read back with pypdf and python-docx; who may download them."""

from __future__ import annotations

import io
from datetime import date, time

import pytest
from django.urls import reverse
from docx import Document
from pypdf import PdfReader

from sozialraum.meetings.models import MeetingStatus
from sozialraum.minutes.models import MinutesSection, MinutesStatus, SectionKind
from sozialraum.teams.models import Membership
from tests.minutes.conftest import (
    attend,
    make_decision,
    make_item,
    make_meeting,
    make_minutes,
    make_person,
    make_task,
    person_of,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def minutes(team_world):
    w = team_world
    meeting = make_meeting(w.team_a, date(2026, 3, 4), place="Rathaus Soltau, Raum 2")
    me = person_of(w.team_member)
    minutes = make_minutes(meeting, minute_taker=me)
    membership = Membership.objects.get(team=w.team_a, person=me)
    attend(meeting, person=me, organisation=w.team_org, membership=membership)
    substitute = make_person(w.office_a, "Jörg", "Weiß")
    attend(meeting, person=substitute, is_substitute=True, membership=membership)
    attend(
        meeting, guest_name="Frau Özdemir", organisation_name="Gemeinde Wietzendorf", is_guest=True
    )
    item = make_item(
        minutes, "Ferienprogramm 2026", "Die Träger stellen ihre Angebote vor.\nOffen: Busfahrten."
    )
    make_item(minutes, "Verschiedenes", "Keine weiteren Punkte.", position=1)
    make_decision(
        w.team_a, "Das Ferienprogramm wird gemeinsam beworben.", minutes=minutes, item=item
    )
    make_task(w.team_a, "Plakat gestalten", me, due=date(2026, 4, 1), minutes=minutes, item=item)
    make_meeting(
        w.team_a,
        date(2026, 4, 15),
        place="Schule am Heidering",
        starts_at=time(14, 0),
        ends_at=time(16, 0),
    )
    make_meeting(w.team_a, date(2026, 4, 1), status=MeetingStatus.CANCELLED)
    w.minutes = minutes
    w.meeting = meeting
    return w


def url(name: str, w) -> str:
    return reverse(name, kwargs={"office_slug": w.office_a.slug, "meeting_pk": w.meeting.pk})


def test_it_makes_a_tagged_pdf_with_the_minutes(minutes, client_for):
    response = client_for(minutes.team_member).get(url("minutes:minutes_pdf", minutes))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    reader = PdfReader(io.BytesIO(response.content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    for expected in (
        "Sozialraumteam Soltau/Wietzendorf",
        "4. März 2026",
        "Rathaus Soltau, Raum 2",
        "Sabine Hartmann",
        "Grundschule am Heidering",
        "Jörg Weiß",
        "Vertretung für Sabine Hartmann",
        "Frau Özdemir",
        "Gemeinde Wietzendorf",
        "Gast",
        "1. Ferienprogramm 2026",
        "Offen: Busfahrten.",
        "Beschluss 1/2026",
        "Das Ferienprogramm wird gemeinsam beworben.",
        "Plakat gestalten",
        "01.04.2026",
        "15. April 2026",  # the next meeting (the cancelled one in between is skipped)
    ):
        assert expected in text, expected
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "de"
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    assert reader.metadata.title == "Protokoll: Sozialraumteam Soltau/Wietzendorf, 04.03.2026"


def test_it_makes_an_editable_docx_with_the_minutes(minutes, client_for):
    response = client_for(minutes.coordinator).get(url("minutes:minutes_docx", minutes))
    assert response.status_code == 200
    assert response["Content-Type"].endswith("wordprocessingml.document")
    doc = Document(io.BytesIO(response.content))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    assert headings == [
        "Protokoll: Sozialraumteam Soltau/Wietzendorf, 04.03.2026",
        "Anwesenheit",
        "Tagesordnungspunkte",
        "1. Ferienprogramm 2026",
        "2. Verschiedenes",
        "Beschlüsse",
        "Aufgaben",
        "Nächstes Treffen",
    ]
    table = doc.tables[0]
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert rows[0] == ["Name", "Organisation", "Hinweis"]
    assert ["Sabine Hartmann", "Grundschule am Heidering", ""] in rows
    assert ["Jörg Weiß", "", "Vertretung für Sabine Hartmann"] in rows
    assert ["Frau Özdemir", "Gemeinde Wietzendorf", "Gast"] in rows
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Beschluss 1/2026 (gilt): Das Ferienprogramm wird gemeinsam beworben." in text
    assert "Plakat gestalten – zuständig: Sabine Hartmann, fällig am 01.04.2026 (offen)" in text
    assert "Ort: Rathaus Soltau, Raum 2" in text
    bullets = [p for p in doc.paragraphs if p.style.name == "List Bullet"]
    assert bullets
    assert doc.core_properties.title.startswith("Protokoll:")


def test_it_follows_the_offices_sections(minutes, client_for):
    office = minutes.office_a
    MinutesSection.objects.create(
        youth_office=office,
        kind=SectionKind.DECISIONS,
        title="Was wir beschlossen haben",
        position=1,
    )
    free = MinutesSection.objects.create(
        youth_office=office, kind=SectionKind.TEXT, title="Rückblick", position=2
    )
    MinutesSection.objects.create(
        youth_office=office, kind=SectionKind.TASKS, title="Aufgaben", position=3, is_enabled=False
    )
    minutes.minutes.sections = {str(free.pk): "Ein gutes Jahr."}
    minutes.minutes.save()
    doc = Document(
        io.BytesIO(
            client_for(minutes.coordinator).get(url("minutes:minutes_docx", minutes)).content
        )
    )
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert headings == ["Was wir beschlossen haben", "Rückblick"]
    assert "Ein gutes Jahr." in [p.text for p in doc.paragraphs]
    pdf = client_for(minutes.coordinator).get(url("minutes:minutes_pdf", minutes)).content
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Rückblick" in text and "Plakat gestalten" not in text


def test_it_gives_draft_minutes_only_to_the_team_and_coordination(minutes, client_for):
    minutes.minutes.status = MinutesStatus.DRAFT
    minutes.minutes.save()
    for name in ("minutes:minutes_pdf", "minutes:minutes_docx"):
        assert client_for(minutes.team_member).get(url(name, minutes)).status_code == 200
        assert client_for(minutes.coordinator).get(url(name, minutes)).status_code == 200
        for persona in (minutes.other_team_member, minutes.reader, minutes.professional):
            assert client_for(persona).get(url(name, minutes)).status_code == 403
        assert client_for(minutes.coordinator_b).get(url(name, minutes)).status_code == 404


def test_it_answers_404_for_a_meeting_without_minutes(minutes, client_for):
    other = make_meeting(minutes.team_a, date(2026, 5, 5))
    response = client_for(minutes.coordinator).get(
        reverse(
            "minutes:minutes_pdf",
            kwargs={"office_slug": minutes.office_a.slug, "meeting_pk": other.pk},
        )
    )
    assert response.status_code == 404
    huge = reverse(
        "minutes:minutes_docx", kwargs={"office_slug": minutes.office_a.slug, "meeting_pk": 10**30}
    )
    assert client_for(minutes.coordinator).get(huge).status_code == 404


def test_it_writes_empty_minutes_too(team_world, client_for):
    meeting = make_meeting(team_world.team_a, date(2026, 6, 1), place="")
    make_minutes(meeting, status=MinutesStatus.APPROVED)
    for name in ("minutes:minutes_pdf", "minutes:minutes_docx"):
        response = client_for(team_world.reader).get(
            reverse(
                name, kwargs={"office_slug": team_world.office_a.slug, "meeting_pk": meeting.pk}
            )
        )
        assert response.status_code == 200
    doc = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Keine Anwesenheit erfasst." in text and "Noch kein Termin festgelegt." in text
