"""Template tags of the meetings app."""

from __future__ import annotations

from typing import Any, cast

from django import template
from django.template.loader import get_template
from django.utils.safestring import SafeString, mark_safe

from sozialraum.lib import http

register = template.Library()


@register.simple_tag
def office_url(name: str, office_slug: str, **number: int) -> str:
    """`{% office_url 'meetings:agenda' youth_office.slug pk=meeting.pk %}`: the URL that
    `{% url 'meetings:agenda' office_slug=youth_office.slug pk=meeting.pk %}` gives, reversed
    once per process, office and name (lib.http.office_url)."""
    if len(number) > 1:
        raise template.TemplateSyntaxError("office_url takes at most one number.")
    return http.office_url(name, office_slug, **number)


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
