"""Fixtures of the invitation tests: a meeting of team_a with its members and agenda, a real
SMTP server (aiosmtpd) and a real CalDAV server (Radicale) on localhost."""

from __future__ import annotations

import email
import email.policy
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from datetime import time as clock
from email.message import EmailMessage

import pytest
import requests
from aiosmtpd.controller import Controller
from django.utils import timezone

from sozialraum.meetings.models import AgendaItem, Meeting, TimeSlot
from sozialraum.network.models import Person
from sozialraum.teams.models import Membership, MembershipRole
from tests.conftest import build_team_persona


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Received:
    """What the SMTP server got: envelope recipients and the parsed message."""

    rcpt_tos: list[str]
    message: EmailMessage

    @property
    def subject(self) -> str:
        # Python's parser keeps the folding space before an encoded word; clients drop it.
        return str(self.message["Subject"]).strip()

    @property
    def body(self) -> str:
        part = self.message.get_body(preferencelist=("plain",))
        assert part is not None
        return part.get_content()

    def calendar_part(self) -> EmailMessage:
        for part in self.message.walk():
            if part.get_content_type() == "text/calendar":
                return part
        raise AssertionError("no text/calendar part")

    def attachment(self, name: str) -> bytes:
        for part in self.message.iter_attachments():
            if part.get_filename() == name:
                return part.get_content()
        raise AssertionError(f"no attachment {name}")

    def links(self) -> list[str]:
        return re.findall(r"http://\S+/antwort/\S+/", self.body)


@dataclass
class Mailbox:
    received: list[Received] = field(default_factory=list)

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.received.append(Received(list(envelope.rcpt_tos), message))
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[Received]:
        return [mail for mail in self.received if address in mail.rcpt_tos]

    def clear(self) -> None:
        self.received.clear()


@pytest.fixture
def smtp(settings) -> Iterator[Mailbox]:
    """A real SMTP server on localhost; Django's SMTP backend sends to it."""
    mailbox = Mailbox()
    port = free_port()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.SITE_URL = "http://testserver"
    try:
        yield mailbox
    finally:
        controller.stop()


@pytest.fixture(scope="session")
def caldav(tmp_path_factory) -> Iterator[str]:
    """A real CalDAV server (Radicale) on localhost with a temporary storage folder and no
    authentication; yields its base URL."""
    folder = tmp_path_factory.mktemp("radicale")
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "radicale",
            "--server-hosts",
            f"127.0.0.1:{port}",
            "--storage-filesystem-folder",
            str(folder / "collections"),
            "--auth-type",
            "none",
            "--rights-type",
            "authenticated",
            "--logging-level",
            "warning",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _attempt in range(100):
            try:
                requests.get(base, timeout=1)
                break
            except requests.ConnectionError:
                time.sleep(0.1)
        else:
            raise RuntimeError("Radicale did not start")
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def meeting_day() -> date:
    return timezone.localdate() + timedelta(days=10)


@pytest.fixture
def team_lead(office_a, team_a):
    return build_team_persona(
        office_a,
        team_a,
        email="leitung@heidekreis.example",
        first_name="Petra",
        last_name="Lindemann",
        role=MembershipRole.LEAD,
    )


@pytest.fixture
def no_mail_member(office_a, team_a) -> Person:
    """A member without an e-mail address (and without an account)."""
    person = Person.objects.create(youth_office=office_a, first_name="Gerd", last_name="Ohnemail")
    Membership.objects.create(
        youth_office=office_a, team=team_a, person=person, joined=date(2024, 1, 1)
    )
    return person


@pytest.fixture
def substitute(office_a, team_member) -> Person:
    """The team member's named substitute."""
    person = Person.objects.create(
        youth_office=office_a, first_name="Vera", last_name="Vertretung", email="v@example.org"
    )
    Membership.objects.get(person__user=team_member).substitutes.add(person)
    return person


@pytest.fixture
def guest(office_a) -> Person:
    return Person.objects.create(
        youth_office=office_a,
        first_name="Bürgermeister",
        last_name="Gast",
        email="gast@soltau.example",
    )


@pytest.fixture
def meeting(office_a, team_a, team_member, team_lead, no_mail_member, meeting_day) -> Meeting:
    meeting = Meeting.objects.create(
        youth_office=office_a,
        team=team_a,
        date=meeting_day,
        starts_at=clock(9, 0),
        ends_at=clock(11, 0),
        time_slot=TimeSlot.MORNING,
        place="Rathaus Soltau, Sitzungssaal",
        video_link="https://video.example/soltau",
    )
    for position, (title, minutes) in enumerate(
        [("Begrüßung", 10), ("Ferienangebote für Grundschulkinder", 45), ("Verschiedenes", 20)]
    ):
        AgendaItem.objects.create(
            youth_office=office_a,
            meeting=meeting,
            position=position,
            title=title,
            duration_minutes=minutes,
        )
    return meeting
