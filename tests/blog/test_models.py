"""Blog pages created through the admin, rendered, and the values worked out at publish time."""

import json
import re

import pytest
from django.utils import timezone
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, rich_text

from blog.models import BlogIndexPage, BlogPostPage
from blog.reading import reading_minutes
from tests.admin_helpers import admin_create_page, streamfield
from tests.blog.factories import AuthorFactory, BlogCategoryFactory, BlogPostPageFactory
from tests.factories import ImageFactory

pytestmark = pytest.mark.django_db


def seo_fields(**extra):
    return {"seo_title": "", "search_description": "", "canonical_url": "", **extra}


def video_block(**extra):
    return {
        "url": "https://www.youtube.com/watch?v=aqz-KE-bpKQ",
        "title": "Calf release with a ball",
        "description": "",
        "poster": "",
        "duration": "2:10",
        "upload_date": "",
        "transcript": "",
        "chapters": streamfield([]) | {"count": 0},
        **extra,
    }


def post_data(*, author, category, image, body=None, **extra):
    words = " ".join(["word"] * 450)
    return {
        "title": "Three steps for a cranky knee",
        "slug": "three-steps",
        "intro": "Massage, a contract-relax breath and a gentle circle.",
        "date": "",
        "authors": inline_formset([{"author": author.pk}]),
        "categories": (category.pk,),  # a tuple: nested_form_data would flatten a list
        "tags": "knee, foam roller",
        "feed_image": image.pk,
        "feed_image_alt": "A foam roller under a runner's thigh",
        "body": streamfield(
            body
            or [
                ("heading", {"text": "Start with the calf", "level": "h2"}),
                ("paragraph", rich_text(f"<p>{words}</p>")),
                ("video", video_block()),
                ("caution", {"kind": "stop", "text": "the pain gets sharper."}),
            ]
        ),
        "pinned_related": inline_formset([]),
        "comments_open": "on",
        **seo_fields(),
        **extra,
    }


def test_blog_index_created_in_admin_and_rendered(admin_client, home):
    page = admin_create_page(
        admin_client,
        BlogIndexPage,
        home,
        {
            "title": "Journal",
            "slug": "journal",
            "intro": "Notes from the treatment room.",
            "posts_per_page": 10,
            **seo_fields(),
        },
    )
    response = admin_client.get(page.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Journal</h1>" in html
    assert "Notes from the treatment room." in html
    assert "No posts yet." in html


def test_only_one_blog_index_per_site(admin_client, blog):
    assert not BlogIndexPage.can_create_at(blog.get_parent())


def test_post_created_in_admin_with_video_and_rendered(admin_client, blog):
    author = AuthorFactory(name="Maya Chen", role="Registered massage therapist")
    category = BlogCategoryFactory(name="Knee care", slug="knee-care")
    image = ImageFactory()
    page = admin_create_page(
        admin_client,
        BlogPostPage,
        blog,
        post_data(author=author, category=category, image=image),
    )
    page.refresh_from_db()
    # Worked out at publish time and stored: 450 + ~20 words plus the video allowance.
    assert page.reading_minutes == 3
    assert page.date == timezone.localdate(page.first_published_at)
    assert [a.name for a in page.author_list] == ["Maya Chen"]
    assert sorted(t.name for t in page.tags.all()) == ["foam roller", "knee"]
    assert [c.slug for c in page.categories.all()] == ["knee-care"]

    html = admin_client.get(page.url).content.decode()
    assert html.count("<h1") == 1
    assert "Three steps for a cranky knee" in html
    assert "3 min read" in html
    assert "by Maya Chen" in html
    assert "Registered massage therapist" in html
    assert 'href="/blog/category/knee-care/"' in html
    assert 'href="/blog/tag/foam-roller/"' in html
    assert 'alt="A foam roller under a runner&#x27;s thigh"' in html
    # The video is a click-to-load facade: no iframe, no request to the provider on load.
    assert "<iframe" not in html
    assert 'data-video-src="https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ?autoplay=1"' in html
    for url in re.findall(r'\s(?:src|srcset)="(https?://[^"]+)"', html):
        assert "youtube" not in url
        assert "vimeo" not in url
    # The blog's styles come inside the page, with the site's: no stylesheet request.
    assert html.count("<style>") == 2
    assert "post-card" in html.split("</head>")[0]


def test_post_needs_an_author(admin_client, blog):
    from django.urls import reverse

    from tests.admin_helpers import nested_form_data

    data = post_data(author=AuthorFactory(), category=BlogCategoryFactory(), image=ImageFactory())
    data["authors"] = inline_formset([])
    url = reverse("wagtailadmin_pages:add", args=["blog", "blogpostpage", blog.pk])
    payload = nested_form_data(data)
    payload["action-publish"] = "publish"
    response = admin_client.post(url, payload)
    assert response.status_code == 200
    assert not BlogPostPage.objects.exists()


def test_bad_video_link_is_a_field_error(admin_client, blog):
    from django.urls import reverse

    from tests.admin_helpers import nested_form_data

    data = post_data(
        author=AuthorFactory(),
        category=BlogCategoryFactory(),
        image=ImageFactory(),
        body=[("video", video_block(url="https://example.com/clip/1"))],
    )
    url = reverse("wagtailadmin_pages:add", args=["blog", "blogpostpage", blog.pk])
    payload = nested_form_data(data)
    payload["action-publish"] = "publish"
    response = admin_client.post(url, payload)
    assert response.status_code == 200
    assert "not a YouTube or Vimeo video link" in response.content.decode()
    assert not BlogPostPage.objects.exists()


def test_display_date_set_by_editor_is_kept(admin_client, blog):
    page = admin_create_page(
        admin_client,
        BlogPostPage,
        blog,
        post_data(
            author=AuthorFactory(),
            category=BlogCategoryFactory(),
            image=ImageFactory(),
            date="2025-11-03",
        ),
    )
    page.refresh_from_db()
    assert page.date.isoformat() == "2025-11-03"
    assert "3 November 2025" in admin_client.get(page.url).content.decode()


def test_reading_time_is_refreshed_when_a_new_revision_is_published(post):
    long_text = "<p>" + " ".join(["step"] * 990) + "</p>"
    post.body = [("paragraph", long_text)]
    post.save_revision().publish()
    post.refresh_from_db()
    assert post.reading_minutes == 5  # 990 words + a six-word intro at 200 a minute
    # Saving a draft does not touch the live value.
    post.body = [("paragraph", "<p>short</p>")]
    post.save_revision()
    post.refresh_from_db()
    assert post.reading_minutes == 5


def test_reading_minutes_counts_words_and_media():
    from wagtail.blocks import StreamValue

    from blog.blocks import BlogStreamBlock

    block = BlogStreamBlock()
    body = StreamValue(
        block,
        [
            ("heading", {"text": "One two three", "level": "h2"}),
            ("paragraph", "<p>" + " ".join(["w"] * 397) + "</p>"),
        ],
        is_lazy=False,
    )
    body = block.to_python(block.get_prep_value(body))
    assert reading_minutes(intro="", body=body) == 2  # 400 words
    assert reading_minutes(intro="", body=[]) == 1


def test_article_json_ld_has_authors_dates_and_image(client, blog):
    from wagtailseo.models import SeoSettings

    seo = SeoSettings.for_site(blog.get_site())
    seo.struct_meta = True
    seo.save()
    image = ImageFactory()
    first = AuthorFactory(name="Maya Chen")
    second = AuthorFactory(name="Tom Reyes")
    post = BlogPostPageFactory(
        parent=blog, title="Ankle circles", feed_image=image, authors=[first, second]
    )
    html = client.get(post.url).content.decode()
    blocks = [
        json.loads(b)
        for b in re.findall(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S)
    ]
    article = next(b for b in blocks if b.get("@type") == "Article")
    assert article["headline"] == "Ankle circles"
    assert article["author"]["name"] == "Maya Chen and Tom Reyes"
    assert article["datePublished"].startswith(post.date.isoformat())
    assert article["image"]
    assert all("/media/images/" in url for url in article["image"])
    assert '<meta name="author" content="Maya Chen and Tom Reyes"' in html
    assert 'property="og:type" content="article"' in html or "og:type" not in html


def test_post_page_types_are_restricted(blog):
    assert BlogPostPage.allowed_parent_page_models() == [BlogIndexPage]
    assert (
        BlogIndexPage in Page.objects.get(pk=blog.get_parent().pk).specific.allowed_subpage_models()
    )


def test_preview_in_the_admin_shows_reading_time(admin_client, post):
    from django.urls import reverse

    from tests.admin_helpers import nested_form_data

    data = post_data(
        author=AuthorFactory(),
        category=BlogCategoryFactory(slug="previewed"),
        image=ImageFactory(),
        title="Previewed title",
        slug=post.slug,
    )
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[post.pk])
    response = admin_client.post(url, nested_form_data(data))
    assert response.json()["is_valid"] is True
    html = admin_client.get(url).content.decode()
    assert "Previewed title" in html
    assert "3 min read" in html
    # A preview changes nothing live.
    post.refresh_from_db()
    assert post.title == "Why the back of the knee tightens"
