"""URLs of long lists, reversed once per list (issue 8)."""

import pytest
from django.urls import reverse

from sozialraum.lib.http import url_for_rows


def test_it_gives_the_urls_reverse_gives():
    url = url_for_rows("network:organisation", office_slug="heidekreis")
    for pk in (1, 42, 10**9):
        assert url(pk) == reverse(
            "network:organisation", kwargs={"office_slug": "heidekreis", "pk": pk}
        )


def test_it_falls_back_when_a_fixed_argument_holds_the_marker():
    slug = "x918273645546372819"
    url = url_for_rows("network:organisation", office_slug=slug)
    assert url(7) == reverse("network:organisation", kwargs={"office_slug": slug, "pk": 7})


@pytest.mark.parametrize(
    ("name", "number"),
    [
        ("network:organisation", {"pk": 7}),
        ("network:person", {"pk": 123456}),
        ("minutes:minutes", {"meeting_pk": 3}),
        ("network:directory", {}),
    ],
)
def test_it_reverses_office_urls_once_as_reverse_does(name, number):
    from sozialraum.lib.http import office_row_url, office_url

    expected = reverse(name, kwargs={"office_slug": "heidekreis", **number})
    for _again in range(2):  # reversed once, then from the halves kept
        assert office_url(name, "heidekreis", **number) == expected
    if number:
        ((argument, value),) = number.items()
        assert office_row_url(name, "heidekreis", argument)(value) == expected
        assert office_row_url(name, "celle", argument)(value) == reverse(
            name, kwargs={"office_slug": "celle", **number}
        )


def test_it_refuses_two_numbers_for_an_office_url():
    from sozialraum.lib.http import office_url

    with pytest.raises(ValueError, match="at most one number"):
        office_url("minutes:minutes", "heidekreis", meeting_pk=1, pk=2)
