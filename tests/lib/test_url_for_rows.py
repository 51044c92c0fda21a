"""URLs of long lists, reversed once per list (issue 8)."""

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
