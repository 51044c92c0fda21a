"""Time the invitations of a 40-member team (issue 9, "Measured"): the page that sends (a POST
of the invite page by the team's Leitung, which only hands the mails to the task queue) and the
worker (`sozialraum db_worker --batch`, django-tasks' database backend) sending the 40 mails,
each with its own .ics and answer links, to a real SMTP server on localhost (aiosmtpd).

Runs on a fresh SQLite database in a temporary directory.

    .venv/bin/python bench/invitations_time.py        (also part of `make bench`)
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from datetime import time as clock
from pathlib import Path

MEMBERS = 40


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Mailbox:
    def __init__(self) -> None:
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        return "250 OK"


def build_team():
    """An office, a team of 40 members with addresses, a meeting with an agenda; its Leitung."""
    from sozialraum.accounts.models import OfficeRole, Role, User
    from sozialraum.meetings.models import AgendaItem, Meeting, TimeSlot
    from sozialraum.network.models import Person
    from sozialraum.regions.models import YouthOffice
    from sozialraum.teams.models import Membership, MembershipRole, Team

    office = YouthOffice.objects.create(
        name="Landkreis Bench", slug="bench", kreis_key="03358", contact_email="ja@bench.example"
    )
    team = Team.objects.create(youth_office=office, name="Sozialraumteam Bench")
    lead = User.objects.create_user("leitung@bench.example", "bench-passwort-2026", name="Leitung")
    OfficeRole.objects.create(youth_office=office, user=lead, role=Role.PROFESSIONAL)
    for n in range(MEMBERS):
        person = Person.objects.create(
            youth_office=office,
            first_name="Mitglied",
            last_name=f"Nummer {n:02d}",
            email="leitung@bench.example" if n == 0 else f"mitglied{n}@bench.example",
            user=lead if n == 0 else None,
        )
        Membership.objects.create(
            youth_office=office,
            team=team,
            person=person,
            role=MembershipRole.LEAD if n == 0 else MembershipRole.MEMBER,
            joined=date(2024, 1, 1),
        )
    meeting = Meeting.objects.create(
        youth_office=office,
        team=team,
        date=date.today() + timedelta(days=14),
        starts_at=clock(9),
        ends_at=clock(11),
        time_slot=TimeSlot.MORNING,
        place="Rathaus",
    )
    for position in range(6):
        AgendaItem.objects.create(
            youth_office=office, meeting=meeting, position=position, title=f"Punkt {position + 1}"
        )
    return lead, meeting


def measure() -> None:
    import warnings

    import django

    warnings.filterwarnings("ignore", message="No directory at")  # whitenoise: no collectstatic
    django.setup()
    from aiosmtpd.controller import Controller
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client, override_settings
    from django.urls import reverse
    from django_tasks_db.models import DBTaskResult

    from sozialraum.meetings.models import Invitation

    # Plain static files: the pages need no collectstatic for this.
    plain = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    override_settings(STORAGES={**settings.STORAGES, "staticfiles": plain}).enable()
    mailbox = Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=int(os.environ["EMAIL_PORT"]))
    controller.start()
    try:
        call_command("migrate", verbosity=0)
        lead, meeting = build_team()
        client = Client()
        client.force_login(lead)
        url = reverse("meetings:invite", kwargs={"office_slug": "bench", "pk": meeting.pk})
        client.get(url)  # warm up: templates, translations
        started = time.perf_counter()
        response = client.post(url)
        page = time.perf_counter() - started
        if response.status_code != 302:
            raise SystemExit(f"the invite page answered {response.status_code}")
        queued = DBTaskResult.objects.count()
        started = time.perf_counter()
        call_command("db_worker", batch=True, startup_delay=False, interval=0.1, verbosity=0)
        while mailbox.count < MEMBERS and time.perf_counter() - started < 60:
            time.sleep(0.01)
        worker = time.perf_counter() - started
        sent = Invitation.objects.filter(sent_at__isnull=False).count()
    finally:
        controller.stop()
    print(
        f"sqlite     invitations of a {MEMBERS}-member team: the page (POST, {queued} task "
        f"queued) {page * 1000:.0f} ms; the worker sent {mailbox.count} mails ({sent} marked "
        f"sent) in {worker:.2f} s, {worker / max(mailbox.count, 1) * 1000:.0f} ms per mail"
    )
    if mailbox.count != MEMBERS:
        raise SystemExit(f"expected {MEMBERS} mails, the SMTP server got {mailbox.count}")


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        sqlite_file = str(Path(tmp) / "invitations.sqlite3").lstrip("/")
        env = {
            **os.environ,
            "SECRET_KEY": "bench-" + "x" * 60,
            "ALLOWED_HOSTS": "127.0.0.1,testserver",
            "HTTPS": "false",
            "DATABASE_URL": f"sqlite:////{sqlite_file}",
            "EMAIL_BACKEND": "smtp",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(free_port()),
            "EMAIL_USE_TLS": "false",
            "TASKS_BACKEND": "database",
            "DJANGO_SETTINGS_MODULE": "sozialraum.settings",
        }
        return subprocess.call([sys.executable, __file__, "--measure"], env=env)


if __name__ == "__main__":
    if "--measure" in sys.argv:
        measure()
    else:
        raise SystemExit(main())
