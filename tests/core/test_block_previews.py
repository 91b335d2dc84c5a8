"""Every block editors can pick in a StreamField of this project has a preview in the block
picker: a description, a realistic preview value, and a preview page that renders."""

import pytest
import wagtail_factories
from django.apps import apps
from django.urls import reverse
from wagtail import blocks
from wagtail.fields import StreamField

from tests.exercises.factories import (
    CautionFactory,
    ExerciseIndexPageFactory,
    ExercisePageFactory,
    RoutinePageFactory,
)

PROJECT_APPS = {"core", "exercises", "blog", "booking"}


def pickable_blocks():
    """(field, name, block) for every child of every StreamBlock in the project's models."""
    found = {}

    def walk(block, where):
        if isinstance(block, blocks.StreamBlock):
            for name, child in block.child_blocks.items():
                found.setdefault((where, name), child)
                walk(child, where)
        elif isinstance(block, blocks.StructBlock):
            for child in block.child_blocks.values():
                walk(child, where)
        elif isinstance(block, blocks.ListBlock):
            walk(block.child_block, where)

    for model in apps.get_models():
        if model._meta.app_label not in PROJECT_APPS:
            continue
        for field in model._meta.get_fields():
            if isinstance(field, StreamField):
                walk(field.stream_block, f"{model._meta.label}.{field.name}")
    return [(where, name, block) for (where, name), block in found.items()]


BLOCKS = pickable_blocks()
IDS = [f"{where}:{name}" for where, name, _ in BLOCKS]


@pytest.fixture
def choices(home):
    """One of everything a chooser block's preview picks: an image, a caution, pages."""
    library = ExerciseIndexPageFactory(parent=home)
    exercise = ExercisePageFactory(parent=library, title="Glute roll on a foam roller")
    return {
        "image": wagtail_factories.ImageFactory(title="Foam roller"),
        "caution": CautionFactory(title="recent hip surgery", kind="avoid"),
        "exercise": exercise,
        "routine": RoutinePageFactory(parent=library, exercises=[exercise]),
    }


def test_every_stream_field_is_covered():
    assert len(BLOCKS) >= 15


@pytest.mark.parametrize(("where", "name", "block"), BLOCKS, ids=IDS)
def test_block_is_previewable(where, name, block):
    assert block.is_previewable


@pytest.mark.parametrize(("where", "name", "block"), BLOCKS, ids=IDS)
def test_block_has_a_description(where, name, block):
    assert block.get_description()


@pytest.mark.django_db
@pytest.mark.parametrize(("where", "name", "block"), BLOCKS, ids=IDS)
def test_block_has_a_preview_value(choices, where, name, block):
    value = block.get_preview_value()
    assert value not in (None, "", {}, [])


@pytest.mark.django_db
@pytest.mark.parametrize(("where", "name", "block"), BLOCKS, ids=IDS)
def test_block_preview_renders(admin_client, choices, where, name, block):
    response = admin_client.get(
        reverse("wagtailadmin_block_preview"), {"id": block.definition_prefix}
    )
    assert response.status_code == 200


@pytest.mark.django_db
def test_card_preview_shows_a_real_exercise(admin_client, choices):
    from blog.blocks import BlogStreamBlock

    block = BlogStreamBlock().child_blocks["exercise_card"]
    response = admin_client.get(
        reverse("wagtailadmin_block_preview"), {"id": block.definition_prefix}
    )
    assert "Glute roll on a foam roller" in response.content.decode()


@pytest.mark.django_db
def test_preview_uses_the_site_stylesheet(admin_client, choices):
    _, _, block = BLOCKS[0]
    response = admin_client.get(
        reverse("wagtailadmin_block_preview"), {"id": block.definition_prefix}
    )
    assert "css/site.css" in response.content.decode()
