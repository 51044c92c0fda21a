"""Display labels of choice fields come from a table built once per field (issue 8)."""

import pytest
from django.db.models import Field
from django.utils import translation

from sozialraum.accounts.models import OfficeRole, Role
from sozialraum.network.models import Organisation, OrganisationKind
from sozialraum.regions.models import YouthOffice


def _refuse_flatchoices(monkeypatch):
    def refuse(self):
        raise AssertionError("get_FOO_display rebuilt the choices")

    monkeypatch.setattr(Field, "flatchoices", property(refuse))


def test_it_does_not_rebuild_the_choices_on_every_display(monkeypatch):
    org = Organisation(kind=OrganisationKind.KITA)
    first = org.get_kind_display()
    _refuse_flatchoices(monkeypatch)
    assert Organisation(kind=OrganisationKind.SCHOOL).get_kind_display() == str(
        OrganisationKind.SCHOOL.label
    )
    assert org.get_kind_display() == first == str(OrganisationKind.KITA.label)


def test_it_answers_in_the_active_language(monkeypatch):
    role = OfficeRole(role=Role.COORDINATION)
    with translation.override("de"):
        german = role.get_role_display()
    _refuse_flatchoices(monkeypatch)
    with translation.override("en"):
        english = role.get_role_display()
    with translation.override("de"):
        assert role.get_role_display() == german
    assert german != english
    with translation.override("en"):
        assert english == str(Role.COORDINATION.label)


@pytest.mark.django_db
def test_it_shows_an_unknown_value_as_it_is(office_a):
    assert Organisation(kind="gibt-es-nicht").get_kind_display() == "gibt-es-nicht"
    assert YouthOffice(
        social_space_label=office_a.social_space_label
    ).get_social_space_label_display()


def test_it_gives_the_labels_as_text_in_the_active_language(monkeypatch):
    """label_texts: the labels as plain text for list rows, one table per language."""
    from sozialraum.lib.choices import label_texts

    field = Organisation._meta.get_field("kind")
    with translation.override("de"):
        german = label_texts(field)
    with translation.override("en"):
        english = label_texts(field)
    _refuse_flatchoices(monkeypatch)
    with translation.override("de"):
        assert label_texts(field) is german
    for kind in OrganisationKind:
        assert type(german[kind.value]) is str
        with translation.override("en"):
            assert english[kind.value] == str(kind.label)
    with translation.override("de"):
        assert german[OrganisationKind.KITA.value] == str(OrganisationKind.KITA.label)
    assert german != english
