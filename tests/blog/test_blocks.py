"""Exercise and routine cards in posts: created through the admin, rendered from the exercise
library's card API, and silent when the chosen page is not published."""

import pytest
from wagtail.test.utils.form_data import rich_text

from blog.models import BlogPostPage
from tests.admin_helpers import admin_create_page
from tests.blog.factories import AuthorFactory, BlogCategoryFactory, BlogPostPageFactory
from tests.blog.test_models import post_data, video_block
from tests.exercises.factories import (
    ExerciseIndexPageFactory,
    ExercisePageFactory,
    RoutinePageFactory,
)
from tests.factories import ImageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def library(home):
    index = ExerciseIndexPageFactory(parent=home)
    calf = ExercisePageFactory(
        parent=index,
        title="Calf release with a ball",
        slug="calf-release",
        summary="Ease a tight calf before a walk.",
        hold_min=30,
        hold_max=60,
        side="each-side",
        cautions=[("caution", {"kind": "avoid", "text": "you have a calf injury."})],
    )
    knee = ExercisePageFactory(
        parent=index,
        title="Knee circles",
        slug="knee-circles",
        summary="Loosen the knee with small circles.",
        reps_min=10,
        reps_max=15,
    )
    routine = RoutinePageFactory(
        parent=index,
        title="Evening knee routine",
        slug="evening-knee",
        summary="Two short steps before bed.",
        exercises=[calf, knee],
    )
    return {"index": index, "calf": calf, "knee": knee, "routine": routine}


def test_post_with_exercise_and_routine_cards_created_in_admin(admin_client, blog, library):
    calf, routine = library["calf"], library["routine"]
    data = post_data(
        author=AuthorFactory(),
        category=BlogCategoryFactory(),
        image=ImageFactory(),
        body=[
            ("paragraph", rich_text("<p>Start with the calf, then follow the routine.</p>")),
            ("exercise_card", {"page": calf.pk, "note": "Do this first."}),
            ("video", video_block()),
            ("routine_card", {"page": routine.pk, "note": "Every evening."}),
        ],
    )
    post = admin_create_page(admin_client, BlogPostPage, blog, data)
    assert [b.block_type for b in post.body] == [
        "paragraph",
        "exercise_card",
        "video",
        "routine_card",
    ]
    html = admin_client.get(post.url).content.decode()
    # The exercise card: link, note, summary, dosage and cautions.
    assert f'href="{calf.url}"' in html
    assert "Do this first." in html
    assert "Ease a tight calf before a walk." in html
    assert calf.dosage.as_text
    assert calf.dosage.as_text in html
    assert "you have a calf injury." in html
    # The routine card lists its exercises.
    assert f'href="{routine.url}"' in html
    assert "Evening knee routine" in html
    assert "Knee circles" in html
    assert "Every evening." in html


def test_card_of_an_unpublished_exercise_renders_nothing(client, blog, library):
    calf = library["calf"]
    post = BlogPostPageFactory(
        parent=blog,
        body=[("exercise_card", {"page": calf, "note": "Hidden note"})],
    )
    html = client.get(post.url).content.decode()
    assert "Calf release with a ball" in html
    calf.unpublish()
    html = client.get(post.url).content.decode()
    assert "Calf release with a ball" not in html
    assert "Hidden note" not in html


def test_exercise_card_block_preview_is_safe_without_a_page():
    from blog.blocks import ExerciseCardBlock, RoutineCardBlock

    for block in (ExerciseCardBlock(), RoutineCardBlock()):
        value = block.to_python({"page": None, "note": "x"})
        assert block.render(value).strip() == ""
        assert block.meta.icon
        assert block.meta.template.startswith("blocks/")
