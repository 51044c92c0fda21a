"""Template tags of the meetings app."""

from __future__ import annotations

from functools import lru_cache
from typing import Any, cast

from django import template
from django.conf import settings
from django.template.loader import get_template
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

# Stands for the number while a URL is reversed once (a value no primary key reaches).
_NUMBER = 918273645546372819


@lru_cache(maxsize=1024)
def _url_halves(
    name: str, office_slug: str, argument: str, prefix: str, urlconf: str
) -> tuple[str, str] | None:
    """The URL of `name` before and after its number `argument` (None if the marker number
    cannot be told apart)."""
    kwargs: dict[str, Any] = {"office_slug": office_slug}
    if argument:
        kwargs[argument] = _NUMBER
    url = reverse(name, kwargs=kwargs, urlconf=urlconf)
    if not argument:
        return url, ""
    if url.count(str(_NUMBER)) != 1:
        return None
    head, tail = url.split(str(_NUMBER))
    return head, tail


@register.simple_tag
def office_url(name: str, office_slug: str, **number: int) -> str:
    """`{% office_url 'meetings:agenda' youth_office.slug pk=meeting.pk %}`: the URL that
    `{% url 'meetings:agenda' office_slug=youth_office.slug pk=meeting.pk %}` gives, for the
    URLs of an office with at most one number, reversed once per process, office and name
    (issue 8: `{% url %}` costs 40-80 µs, a page of a meeting has ten of them)."""
    if len(number) > 1:
        raise template.TemplateSyntaxError("office_url takes at most one number.")
    argument, value = next(iter(number.items()), ("", 0))
    halves = _url_halves(
        name, office_slug, argument, get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF
    )
    if halves is None:
        return reverse(name, kwargs={"office_slug": office_slug, **number})
    return f"{halves[0]}{int(value)}{halves[1]}" if argument else halves[0]


@register.simple_tag(takes_context=True)
def optional_include(context: template.Context, name: str) -> SafeString:
    """Like `{% include name %}`, but nothing at all when the template does not exist: the
    meeting page names the blocks other parts of the work add (invitations, agenda, minutes)."""
    try:
        block = get_template(name)
    except template.TemplateDoesNotExist:
        return mark_safe("")
    # Rendered in the page's own context, as {% include %} does: a new RequestContext would
    # run the context processors again for every block (issue 8).
    with context.push():
        # The Django engine's own Template behind the backend's wrapper renders a Context.
        return mark_safe(cast(Any, block).template.render(context))  # noqa: S308 (a template)


@register.filter
def breakable(value: Any) -> SafeString:
    """The text with a line-break opportunity after each "/" ("Soltau/Wietzendorf" breaks at
    the slash on a phone instead of inside a word)."""
    from django.utils.html import escape

    return mark_safe(escape(str(value)).replace("/", "/<wbr>"))  # noqa: S308 (escaped first)
