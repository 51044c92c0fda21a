"""The main pages `make bench` loads. Later capabilities add their pages to `PAGES`.

Each entry maps a short name to a `Page`: a resolver that runs inside Django against the data
set's database (so it can look up primary keys) and returns the path to request, and whether
the page is requested anonymously or as the benchmark's coordinator (`BENCH_USER`).
Resolvers must pick the same record at every scale (e.g. the first Heidekreis social space by
name), so that scale 1 and scale 100 measure the same page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

BENCH_OFFICE = "heidekreis"
BENCH_USER = "koordination@heidekreis.example"
# Coordination logs in with a second factor: the demo's public TOTP secret (demo/builder.py;
# tests/bench check that the two agree).
DEMO_TOTP_SECRET = "SOZIALRAUMDEMOSOZIALRAUMDEMO2345"  # noqa: S105 (public demo secret)
BASELINE = "healthz"


@dataclass(frozen=True)
class Page:
    resolve: Callable[[], str]
    anonymous: bool = False


def url(name: str, **kwargs: object) -> Callable[[], str]:
    """A resolver for a named URL (reversed inside Django, so renamed paths follow)."""

    def resolve() -> str:
        from django.urls import reverse

        return reverse(name, kwargs=kwargs or None)

    return resolve


def office_url(name: str) -> Callable[[], str]:
    return url(name, office_slug=BENCH_OFFICE)


def social_space() -> str:
    from django.urls import reverse

    from sozialraum.regions.models import SocialSpace

    space = (
        SocialSpace.objects.filter(youth_office__slug=BENCH_OFFICE).order_by("name", "pk").first()
    )
    if space is None:
        raise LookupError(f"{BENCH_OFFICE} has no social space")
    return reverse("regions:social_space", kwargs={"office_slug": BENCH_OFFICE, "pk": space.pk})


def directory_search() -> str:
    """The directory of organisations with a search term and a kind (as a user would type)."""
    return office_url("network:directory")() + "?q=kita&art=kita"


def directory_typed() -> str:
    """The search as users type it into the field, without a kind: one organisation's name
    (the demo's "St. Marien" pair), found through the index among all organisations."""
    return office_url("network:directory")() + "?q=St.+Marien"


def directory_common() -> str:
    """A word in every eleventh name at every scale: the count and the page of hits grow."""
    return office_url("network:directory")() + "?q=kita"


def people_search() -> str:
    """The network's list of people searched for a frequent surname."""
    return office_url("network:people")() + "?q=m%C3%BCller"


def organisation() -> str:
    """A fixed demo organisation (the free carrier of Soltau/Wietzendorf) at every scale."""
    from django.urls import reverse

    from sozialraum.network.models import Organisation

    org = Organisation.objects.get(
        youth_office__slug=BENCH_OFFICE, name="Jugendhilfeverbund Heideland e. V."
    )
    return reverse("network:organisation", kwargs={"office_slug": BENCH_OFFICE, "pk": org.pk})


def first_team():
    """The first team of the bench office by name (the same at every scale)."""
    from sozialraum.teams.models import Team

    team = Team.objects.filter(youth_office__slug=BENCH_OFFICE).order_by("sort_key", "pk").first()
    if team is None:
        raise LookupError(f"{BENCH_OFFICE} has no team")
    return team


def participation() -> str:
    """The participation review of the first team (twelve months of attendance)."""
    from django.urls import reverse

    return reverse(
        "meetings:participation", kwargs={"office_slug": BENCH_OFFICE, "team_pk": first_team().pk}
    )


def meeting() -> str:
    """The first team's most recent meeting up to today (with its attendance)."""
    from django.urls import reverse
    from django.utils import timezone

    from sozialraum.meetings.models import Meeting

    found = (
        Meeting.objects.filter(team=first_team(), date__lte=timezone.localdate())
        .order_by("-date", "-pk")
        .first()
    )
    if found is None:
        raise LookupError(f"the first team of {BENCH_OFFICE} has no meeting")
    return reverse("meetings:meeting", kwargs={"office_slug": BENCH_OFFICE, "pk": found.pk})


def decisions_search() -> str:
    """The decisions register of all teams searched for a word of many decisions' texts."""
    return office_url("minutes:decisions")() + "?q=Ferien"


def minutes_page() -> str:
    """A meeting page with its minutes: the newest approved minutes up to today of the demo's
    team Soltau/Wietzendorf (else the office's first team by name). Written against the
    skeleton models only, so it picks the same record whatever the demo adds at scale."""
    from django.db.models import Q
    from django.urls import reverse
    from django.utils import timezone

    from sozialraum.minutes.models import Minutes, MinutesStatus
    from sozialraum.teams.models import Team

    teams = Team.objects.filter(youth_office__slug=BENCH_OFFICE)
    team = (
        teams.filter(Q(name__icontains="Soltau")).order_by("sort_key", "pk").first()
        or teams.order_by("sort_key", "pk").first()
    )
    if team is None:
        raise LookupError(f"{BENCH_OFFICE} has no team")
    minutes = (
        Minutes.objects.filter(
            meeting__team=team,
            meeting__date__lte=timezone.localdate(),
            status=MinutesStatus.APPROVED,
        )
        .order_by("-meeting__date", "-meeting_id")
        .first()
    )
    if minutes is None:
        raise LookupError(f"{team} has no approved minutes")
    return reverse(
        "minutes:minutes", kwargs={"office_slug": BENCH_OFFICE, "meeting_pk": minutes.meeting_id}
    )


def team() -> str:
    """The demo personas' team (Sozialraumteam Soltau/Wietzendorf) at every scale."""
    from django.urls import reverse

    from sozialraum.teams.models import Team

    team = Team.objects.get(
        youth_office__slug=BENCH_OFFICE, name="Sozialraumteam Soltau/Wietzendorf"
    )
    return reverse("teams:team", kwargs={"office_slug": BENCH_OFFICE, "pk": team.pk})


def guide_offer() -> str:
    """A fixed demo offer's public page (the swimming course of Bispingen) at every scale."""
    from django.urls import reverse

    from sozialraum.offers.models import Offer

    offer = Offer.objects.get(youth_office__slug=BENCH_OFFICE, title="Schwimmkurs Seepferdchen")
    return reverse("offers:public_offer", kwargs={"office_slug": BENCH_OFFICE, "pk": offer.pk})


def offer_index_complete() -> None:
    """The scaled demo bulk-creates its offers, which sends no signal: until it indexes them
    itself (offers.search_index.index_offers), the search pages build the index here, once."""
    from sozialraum.offers import search_index
    from sozialraum.offers.models import Offer, OfferSearchEntry

    if OfferSearchEntry.objects.count() < Offer.objects.count():
        search_index.rebuild()


def guide_search() -> str:
    """The public Familienwegweiser searched for a frequent word (a stem and compound parts)."""
    offer_index_complete()
    return office_url("offers:guide")() + "?q=beratung"


def guide_filtered() -> str:
    """The guide's search with filters: a topic of the office and the age of a child."""
    from sozialraum.offers.models import OfferTopic

    offer_index_complete()
    topic = (
        OfferTopic.objects.filter(youth_office__slug=BENCH_OFFICE)
        .order_by("sort_key", "pk")
        .first()
    )
    topic_filter = f"&thema={topic.pk}" if topic else ""
    return office_url("offers:guide")() + f"?q=beratung{topic_filter}&alter=4"


def planning_measure() -> str:
    """The demo's joint measure pooled over two Sozialraumbezirke, with its cost calculation
    (demo/planning_data.py), the same at every scale."""
    from django.urls import reverse

    from sozialraum.planning.measure_models import Measure

    measure = Measure.objects.get(
        youth_office__slug=BENCH_OFFICE, title="Ferienwerkstatt Nordheide"
    )
    return reverse("planning:measure", kwargs={"office_slug": BENCH_OFFICE, "pk": measure.pk})


def planning_project() -> str:
    """The project of that joint measure (goals, notes, costs, its completed evaluation)."""
    from django.urls import reverse

    from sozialraum.planning.project_models import Project

    project = Project.objects.get(
        youth_office__slug=BENCH_OFFICE, measure__title="Ferienwerkstatt Nordheide"
    )
    return reverse("planning:project", kwargs={"office_slug": BENCH_OFFICE, "pk": project.pk})


def planning_need() -> str:
    """The first need (by title) that the joint measure answers, the same at every scale."""
    from django.urls import reverse

    from sozialraum.planning.models import Need

    need = (
        Need.objects.filter(
            youth_office__slug=BENCH_OFFICE, measures__title="Ferienwerkstatt Nordheide"
        )
        .order_by("title", "pk")
        .first()
    )
    if need is None:
        raise LookupError("the joint measure answers no need")
    return reverse("planning:need", kwargs={"office_slug": BENCH_OFFICE, "pk": need.pk})


def planning_budget() -> str:
    """The budget the joint measure's first share draws from (its social space's, this year)."""
    from django.urls import reverse

    from sozialraum.planning.budget_models import AllocationShare

    share = (
        AllocationShare.objects.filter(
            youth_office__slug=BENCH_OFFICE,
            allocation__measure__title="Ferienwerkstatt Nordheide",
        )
        .order_by("budget__social_space__sort_key", "pk")
        .first()
    )
    if share is None:
        raise LookupError("the joint measure has no allocation")
    return reverse("planning:budget", kwargs={"office_slug": BENCH_OFFICE, "pk": share.budget_id})


PAGES: dict[str, Page] = {
    BASELINE: Page(url("healthz"), anonymous=True),
    "start": Page(url("pages:home"), anonymous=True),
    "login": Page(url("accounts:login"), anonymous=True),
    "office": Page(office_url("regions:office")),
    "social_space": Page(social_space),
    "access_list": Page(office_url("access:list")),
    "directory": Page(office_url("network:directory")),
    "directory_typed": Page(directory_typed),
    "directory_common": Page(directory_common),
    "network_people": Page(office_url("network:people")),
    "people_search": Page(people_search),
    "audit_trail": Page(office_url("audit:trail")),
    "directory_search": Page(directory_search),
    "organisation": Page(organisation),
    "county_overview": Page(office_url("network:overview")),
    "participation": Page(participation),
    "meeting": Page(meeting),
    # Decisions register, tasks and minutes (issue 9, register helper).
    "decisions": Page(decisions_search),
    "my_tasks": Page(office_url("minutes:my_tasks")),
    "minutes": Page(minutes_page),
    "team_list": Page(office_url("teams:list")),
    "team": Page(team),
    # The public Familienwegweiser (anonymous): the start page and a fixed offer page.
    "guide": Page(office_url("offers:guide"), anonymous=True),
    "guide_offer": Page(guide_offer, anonymous=True),
    "guide_search": Page(guide_search, anonymous=True),
    "guide_filtered": Page(guide_filtered, anonymous=True),
    # Planning (issue 11): the ranked needs, a measure with its cost calculation, the budget
    # dashboard, the projects and one project.
    "need_ranking": Page(office_url("planning:need_ranking")),
    "measure": Page(planning_measure),
    "dashboard": Page(office_url("planning:dashboard")),
    "projects": Page(office_url("planning:projects")),
    "project": Page(planning_project),
    # The lists and pages of the planning that coordination opens most besides those.
    "needs": Page(office_url("planning:needs")),
    "need": Page(planning_need),
    "measures": Page(office_url("planning:measures")),
    "budget": Page(planning_budget),
    # Coordination sees the consultations' counts only (the contents are the parties').
    "consultation_counts": Page(office_url("consultations:counts")),
}
