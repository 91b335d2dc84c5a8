"""Shared blocks: the video facade, its validation, cautions and the booking call to action."""

import re

import pytest
from django.core.exceptions import ValidationError

from core.blocks import ChapterBlock, VideoBlock, parse_timestamp
from core.models import StandardPage
from tests.admin_helpers import admin_create_page, streamfield

pytestmark = pytest.mark.django_db


def video(**extra):
    return {
        "url": "https://youtu.be/aqz-KE-bpKQ",
        "title": "Calf release",
        "description": "",
        "poster": "",
        "duration": "3:20",
        "upload_date": "",
        "transcript": "Breathe out slowly.",
        "chapters": streamfield([]) | {"count": 0},
        **extra,
    }


def page_data(body):
    return {
        "title": "Video page",
        "slug": "video-page",
        "intro": "",
        "body": streamfield(body),
        "seo_title": "",
        "search_description": "",
        "canonical_url": "",
    }


def test_video_is_a_facade_until_played(admin_client, home):
    page = admin_create_page(admin_client, StandardPage, home, page_data([("video", video())]))
    html = admin_client.get(page.url).content.decode()
    assert "<iframe" not in html
    assert 'data-video-src="https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ?autoplay=1"' in html
    assert "<details" in html
    assert "Breathe out slowly." in html
    # Only a plain link points at the provider; nothing loads from it.
    for _attr, url in re.findall(r'\s(src|srcset)="(https?://[^"]+)"', html):
        assert "youtube" not in url
        assert "vimeo" not in url


def test_unsupported_video_url_is_a_field_error(admin_client, home):
    from django.urls import reverse
    from wagtail.test.utils.form_data import nested_form_data

    url = reverse("wagtailadmin_pages:add", args=["core", "standardpage", home.pk])
    data = nested_form_data(page_data([("video", video(url="https://example.com/clip/1"))]))
    data["action-publish"] = "publish"
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "not a YouTube or Vimeo video link" in response.content.decode()
    assert not StandardPage.objects.filter(slug="video-page").exists()


def test_video_value_derives_players_and_chapters():
    block = VideoBlock()
    value = block.to_python(
        {
            "url": "https://vimeo.com/76979871",
            "title": "Hip circles",
            "chapters": [{"time": "1:05", "label": "Other side"}],
        }
    )
    assert value.embed_url == "https://player.vimeo.com/video/76979871?dnt=1"
    assert value.play_url.endswith("?dnt=1&autoplay=1")
    assert value.chapter_marks == [{"seconds": 65, "time": "1:05", "label": "Other side"}]


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("75", 75), ("1:05", 65), ("01:02:03", 3723), ("1:xx", None), ("", None), ("1:2:3:4", None)],
)
def test_parse_timestamp(text, seconds):
    assert parse_timestamp(text) == seconds


def test_chapter_time_must_be_a_timestamp():
    with pytest.raises(ValidationError):
        ChapterBlock().clean({"time": "soon", "label": "x"})


def test_caution_and_call_to_book_render(client, home):
    from tests.factories import StandardPageFactory

    page = StandardPageFactory(
        parent=home,
        slug="care",
        body=[
            ("caution", {"kind": "professional", "text": "numbness runs down the leg."}),
            (
                "call_to_book",
                {
                    "heading": "Come in",
                    "text": "",
                    "button_label": "Book",
                    "service_slug": "",
                    "promo_code": "",
                },
            ),
        ],
    )
    html = client.get(page.url).content.decode()
    assert "See a professional if" in html
    assert "numbness runs down the leg." in html
    assert 'class="caution caution--professional"' in html
