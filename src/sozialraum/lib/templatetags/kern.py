"""Template building blocks for the KERN pieces that repeat across pages (`{% load kern %}`).

- `{% pagination page %}`: the page links of a Paginator page, for any query parameter
  (`param="seite_personen"`); other query parameters (filters) are kept.
- `{% breadcrumbs "Zugänge" access_url here=_("Zugang entfernen") %}`: the trail from the
  office's overview over (label, URL) pairs to the current page; pairs with an empty label
  are left out.
- `{% submit_token %}`: the hidden one-time token of a create form (lib/idempotency.py).
- `{{ value|localdate }}`, `{{ value|localdatetime }}`: dates in the format of the active
  language (01.12.2026 in German, 12/01/2026 in English), aware datetimes in local time.
- `{% select_options widget %}`: the <optgroup>s and <option>s of a select widget
  (templates/django/forms/widgets/select.html), built in Python: a filter form's 40 options
  cost 1-2 ms as template loops (issue 8).

The messages of `django.contrib.messages` are shown by the one loop in base.html; their
KERN alert variant is the message's `level_tag` (settings.MESSAGE_TAGS).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from django import template
from django.core.paginator import Page
from django.template.context import Context
from django.urls import reverse
from django.utils import formats
from django.utils.html import conditional_escape, escape, format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from sozialraum.lib import idempotency

register = template.Library()


@dataclass(frozen=True)
class PageLink:
    url: str
    number: int


def _page_url(context: Context, param: str, number: int) -> str:
    request = context.get("request")
    query = request.GET.copy() if request is not None else None
    if query is None:
        return f"?{param}={number}"
    query[param] = str(number)
    return f"?{query.urlencode()}"


def pagination_context(
    context: Context,
    page: Page,
    param: str = "seite",
    label: str = "",
    previous_label: str = "",
    next_label: str = "",
) -> dict[str, Any]:
    """What templates/includes/pagination.html shows: links to the first, previous, next and
    last page of `page` under `?<param>=N`."""

    def link(number: int) -> PageLink:
        return PageLink(url=_page_url(context, param, number), number=number)

    last = page.paginator.num_pages
    previous = link(page.previous_page_number()) if page.has_previous() else None
    following = link(page.next_page_number()) if page.has_next() else None
    return {
        "page": page,
        "label": label or _("Seiten"),
        "previous_label": previous_label or _("Vorherige Seite"),
        "next_label": next_label or _("Nächste Seite"),
        "first": link(1) if previous and previous.number != 1 else None,
        "previous": previous,
        "next": following,
        "last": link(last) if following and following.number != last else None,
    }


def _page_item(link: PageLink | None, text: str, rel: str = "") -> str:
    if link is None:
        return ""
    rel_attribute = f' rel="{rel}"' if rel else ""
    return (
        f'<li><a class="kern-link" href="{escape(link.url)}"{rel_attribute}>'
        f"{conditional_escape(text)}</a></li>"
    )


@register.simple_tag(takes_context=True)
def pagination(
    context: Context,
    page: Page,
    param: str = "seite",
    label: str = "",
    previous_label: str = "",
    next_label: str = "",
) -> SafeString:
    """templates/includes/pagination.html, written in Python: the template cost about 0.3 ms,
    on every list page that has more than one page (issue 8); the markup is the same
    (tests/lib/test_kern_tags.py renders both)."""
    if not page.has_other_pages():
        return SafeString("\n")
    parts = pagination_context(context, page, param, label, previous_label, next_label)
    # As {% blocktranslate %} writes it: the numbers filled into the translated text.
    where = _("Seite %(number)s von %(total)s") % {
        "number": page.number,
        "total": page.paginator.num_pages,
    }
    return SafeString(
        f'\n<nav class="sr-pagination" aria-label="{conditional_escape(parts["label"])}">\n'
        "  <ul>\n"
        f"    {_page_item(parts['first'], _('Erste Seite'))}\n"
        f"    {_page_item(parts['previous'], parts['previous_label'], 'prev')}\n"
        f'    <li aria-current="page"><strong>{where}</strong></li>\n'
        f"    {_page_item(parts['next'], parts['next_label'], 'next')}\n"
        f"    {_page_item(parts['last'], _('Letzte Seite'))}\n"
        "  </ul>\n"
        "</nav>\n\n"
    )


@dataclass(frozen=True)
class Crumb:
    label: str
    url: str


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context: Context, *trail: Any, here: str) -> dict[str, Any]:
    """`trail`: label, URL, label, URL, ... between the office's overview and `here`."""
    if len(trail) % 2:
        raise template.TemplateSyntaxError("breadcrumbs takes pairs of label and URL.")
    crumbs = []
    office = context.get("youth_office")
    if office is not None:
        crumbs.append(
            Crumb(_("Übersicht"), reverse("regions:office", kwargs={"office_slug": office.slug}))
        )
    crumbs += [
        Crumb(str(label), str(url))
        for label, url in zip(trail[::2], trail[1::2], strict=True)
        if label
    ]
    return {"crumbs": crumbs, "here": here}


@register.filter(expects_localtime=True)
def localdate(value: Any) -> str:
    """The date in the active language's short format ("01.12.2026")."""
    if not value:
        return ""
    if type(value) is date:
        # A list shows the same few dates many times; Django's date formatting costs about
        # 20 µs each time (issue 8). A plain date's text depends on nothing but the language.
        return _short_date(value, get_language())
    return formats.date_format(value, "SHORT_DATE_FORMAT")


@lru_cache(maxsize=4096)
def _short_date(value: date, language: str | None) -> str:
    return formats.date_format(value, "SHORT_DATE_FORMAT")


def localdate_for_rows() -> Callable[[Any], str]:
    """`localdate` for the rows of one list: the active language is looked up once instead of
    once per row (a context-local lookup of a few microseconds)."""
    language = get_language()

    def short(value: Any) -> str:
        if type(value) is date:
            return _short_date(value, language)
        return localdate(value)

    return short


@register.filter(expects_localtime=True)
def localdatetime(value: Any) -> str:
    """Date and time in the active language's short format ("01.12.2026 08:24")."""
    if not value:
        return ""
    return formats.date_format(value, "SHORT_DATETIME_FORMAT")


@register.simple_tag(takes_context=True)
def submit_token(context: Context) -> SafeString:
    """The hidden one-time token of a create form; its view is decorated with `@submit_once`."""
    token = idempotency.token_for_form(context.get("request"))
    return format_html('<input type="hidden" name="{}" value="{}">', idempotency.FIELD, token)


def _option_attrs(attrs: dict[str, Any]) -> str:
    """An option's attributes as templates/django/forms/widgets/attrs.html wrote them."""
    html = f' class="{escape(attrs["class"])}"' if attrs.get("class") else ""
    for name, value in attrs.items():
        if name != "class" and value is not False:
            html += f" {escape(name)}" if value is True else f' {escape(name)}="{escape(value)}"'
    return html


@register.simple_tag
def select_options(widget: dict[str, Any]) -> SafeString:
    """The options of a select widget's context, with the markup (and whitespace) of Django's
    select.html and select_option.html."""
    parts = []
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
        for option in group_choices:
            value = escape(str(option["value"]))
            label = conditional_escape(option["label"])
            parts.append(
                f'\n  <option value="{value}"{_option_attrs(option["attrs"])}>{label}</option>\n'
            )
        if group_name:
            parts.append("\n  </optgroup>")
    return SafeString("".join(parts))


# Fragments that are the same on every page -----------------------------------------------------

# Rendered fragments by (tag position, language, key values); bounded, so keys taken from the
# request (office slug, view name) cannot grow it without limit.
_MEMO: dict[tuple, SafeString] = {}
_MEMO_LIMIT = 2000


class MemoNode(template.Node):
    def __init__(self, nodelist: template.NodeList, keys: list[template.base.FilterExpression]):
        self.nodelist, self.keys = nodelist, keys

    def render(self, context: Context) -> str:
        from django.utils.translation import get_language

        key = (id(self), get_language(), *(str(k.resolve(context)) for k in self.keys))
        found = _MEMO.get(key)
        if found is None:
            found = SafeString(self.nodelist.render(context))
            if len(_MEMO) >= _MEMO_LIMIT:
                _MEMO.clear()
            _MEMO[key] = found
        return found


@register.tag
def memo(parser: template.base.Parser, token: template.base.Token) -> MemoNode:
    """`{% memo key ... %}…{% endmemo %}`: the enclosed markup is rendered once per process,
    language and key values, then reused. Only for markup that depends on nothing else: static
    files, URLs without request data, translations (issue 8: the frame of every page, base.html,
    cost about as much as four health checks)."""
    bits = token.split_contents()[1:]
    nodelist = parser.parse(("endmemo",))
    parser.delete_first_token()
    from django.template.loader_tags import BlockNode

    if nodelist.get_nodes_by_type(BlockNode):
        # A child template's block would be rendered once and then shown on every page.
        raise template.TemplateSyntaxError("{% block %} is not allowed inside {% memo %}.")
    return MemoNode(nodelist, [parser.compile_filter(bit) for bit in bits])


@register.filter
def euro(value: Any) -> str:
    """A Decimal amount in German notation with the euro sign ("1.234,56 €"); None -> ""."""
    from sozialraum.lib.money import format_amount

    return format_amount(value)


@register.simple_tag(takes_context=True)
def main_navigation(context: Context) -> SafeString:
    """The office's main navigation (entries in lib/navigation.py)."""
    from sozialraum.lib.navigation import main_navigation as render_navigation

    return render_navigation(context.get("request"), context.get("user"), context["youth_office"])
