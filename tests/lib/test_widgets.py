"""lib.widgets.Select writes exactly what Django's Select writes through our templates."""

from __future__ import annotations

import pytest
from django import forms

from sozialraum.lib.widgets import Select

CHOICES = [("", "Alle"), ("kita", "Kindertagesstätte"), ("schule", "Schule & <Hort>"), (3, "Drei")]
GROUPED = [
    ("", "Bitte wählen"),
    ("Nord", [("a", "Amelinghausen"), ("b", "Bispingen")]),
    ("Süd", [("c", "Celle")]),
    ("d", "Dorfmark"),
]


@pytest.mark.parametrize(
    ("choices", "value", "attrs"),
    [
        (CHOICES, None, {}),
        (CHOICES, "kita", {"id": "id_art"}),
        (CHOICES, "3", {"id": "id_x", "class": "sr-wide", "aria-describedby": "id_x_helptext"}),
        (CHOICES, 3, {"required": True, "disabled": True, "data-x": 'a"b'}),
        (CHOICES, "unbekannt", {"aria-invalid": "true"}),
        (GROUPED, "b", {"id": "id_ort"}),
        (GROUPED, "", {}),
        ([("a", "A"), ("a", "A doppelt")], "a", {}),
    ],
)
def test_it_renders_like_the_template_widget(choices, value, attrs):
    ours = Select(choices=choices).render("feld", value, attrs=attrs)
    django = forms.Select(choices=choices).render("feld", value, attrs=attrs)
    assert ours == django


def test_it_renders_a_multiple_select_like_the_template_widget():
    choices = [("a", "A"), ("b", "B"), ("c", "C")]
    ours = Select(choices=choices, attrs={"multiple": True}).render("f", ["a", "c"])
    django = forms.SelectMultiple(choices=choices).render("f", ["a", "c"])
    assert ours == django


@pytest.mark.django_db
@pytest.mark.parametrize("value", [None, "", "selected", "unbekannt"])
def test_it_cached_row_choices_render_like_the_template_widget(value, django_assert_num_queries):
    """Options cached under a key (lib.widgets.RowChoices with cache_key) are the same markup,
    with the selected option marked on every request, and the rows are read once."""
    from sozialraum.lib.widgets import RowChoices
    from sozialraum.regions.models import YouthOffice

    for name in ("Celle", "Harburg & <Heide>", "Uelzen"):
        YouthOffice.objects.create(name=name, slug=name[:5].lower(), kreis_key=name[:5])
    rows = YouthOffice.objects.order_by("name")
    chosen = str(rows[1].pk) if value == "selected" else value
    django = forms.Select(choices=[("", "Alle"), *rows.values_list("pk", "name")]).render(
        "f", chosen, attrs={"id": "id_f"}
    )
    with django_assert_num_queries(1):
        for _ in range(2):
            ours = Select(choices=RowChoices("Alle", rows, cache_key="test:offices")).render(
                "f", chosen, attrs={"id": "id_f"}
            )
            assert ours == django


@pytest.mark.django_db
@pytest.mark.parametrize("chosen", [[], [1], [0, 2], ["unbekannt", 2]])
def test_it_cached_row_choices_mark_every_choice_of_a_multiple_select(chosen):
    """The cached options of a multiple select mark each chosen value, as Django does."""
    from sozialraum.lib.widgets import RowChoices
    from sozialraum.regions.models import YouthOffice

    for name in ("Celle", "Harburg & <Heide>", "Uelzen"):
        YouthOffice.objects.create(name=name, slug=name[:5].lower(), kreis_key=name[:5])
    rows = YouthOffice.objects.order_by("name")
    pks = [str(office.pk) for office in rows]
    value = [pks[index] if isinstance(index, int) else index for index in chosen]
    django = forms.SelectMultiple(choices=[("", "Alle"), *rows.values_list("pk", "name")]).render(
        "f", value
    )
    for _ in range(2):
        ours = Select(
            choices=RowChoices("Alle", rows, cache_key="test:offices-multiple"),
            attrs={"multiple": True},
        ).render("f", value)
        assert ours == django


@pytest.mark.parametrize(
    ("ours", "theirs", "value", "attrs"),
    [
        ("TextInput", forms.TextInput, None, {}),
        ("TextInput", forms.TextInput, "", {"id": "id_q"}),
        ("TextInput", forms.TextInput, 'Kita "Sonne" & <Mond>', {"id": "id_q", "class": "x"}),
        ("TextInput", forms.TextInput, "a", {"type": "search", "autocomplete": "off"}),
        ("TextInput", forms.TextInput, "b", {"required": True, "disabled": False, "data-x": None}),
        ("NumberInput", forms.NumberInput, 4, {"inputmode": "numeric", "min": 0, "max": 27}),
        ("NumberInput", forms.NumberInput, "abc", {"aria-invalid": "true"}),
        ("CheckboxInput", forms.CheckboxInput, None, {"id": "id_k"}),
        ("CheckboxInput", forms.CheckboxInput, True, {"id": "id_k"}),
        ("CheckboxInput", forms.CheckboxInput, "on", {"class": "sr-x"}),
        ("CheckboxInput", forms.CheckboxInput, False, {}),
    ],
)
def test_it_renders_inputs_like_the_template_widgets(ours, theirs, value, attrs):
    from sozialraum.lib import widgets

    widget_attrs = {"type": attrs.pop("type")} if "type" in attrs else None
    mine = getattr(widgets, ours)(attrs=widget_attrs).render("feld", value, attrs=attrs)
    django = theirs(attrs=widget_attrs).render("feld", value, attrs=attrs)
    assert mine == django


@pytest.mark.parametrize("data", [None, {"q": "Kita <b>", "art": "x", "alter": "abc"}])
def test_it_writes_filter_field_groups_like_the_template(data):
    from sozialraum.lib.widgets import FilterBoundField, TextInput

    class Filter(forms.Form):
        q = forms.CharField(label="Name & <Ort>", help_text="Zum Beispiel „Kita“ & mehr")
        art = forms.ChoiceField(label="Art", required=False, choices=CHOICES, widget=Select)
        alter = forms.IntegerField(label="Alter", required=False)
        text = forms.CharField(label="Ohne Hinweis", required=False, widget=TextInput)

    class Ours(Filter):
        bound_field_class = FilterBoundField

    theirs, ours = Filter(data), Ours(data)
    for name in theirs.fields:
        theirs.fields[name].template_name = "includes/filter_field.html"
        assert ours[name].as_field_group() == theirs[name].as_field_group()
