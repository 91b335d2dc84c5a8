"""Every core page type is created through the admin and rendered."""

import pytest
from wagtail.models import Page, Site
from wagtail.test.utils.form_data import inline_formset, rich_text

from core.models import ContactPage, HomePage, StandardPage
from tests.admin_helpers import admin_create_page, streamfield
from tests.factories import ImageFactory, StandardPageFactory

pytestmark = pytest.mark.django_db


def seo_fields(**extra):
    return {"seo_title": "", "search_description": "", "canonical_url": "", **extra}


def test_home_page_created_in_admin_and_rendered(admin_client):
    root = Page.get_first_root_node()
    HomePage.objects.all().delete()
    image = ImageFactory()
    home = admin_create_page(
        admin_client,
        HomePage,
        root,
        {
            "title": "Home",
            "slug": "new-home",
            "hero_heading": "Easier knees, one routine at a time",
            "hero_text": "Hands-on care and short routines for home.",
            "hero_image": image.pk,
            "hero_cta_label": "Book now",
            "featured_pages": inline_formset([]),
            "body": streamfield(
                [
                    ("heading", {"text": "Start here", "level": "h2"}),
                    ("caution", {"kind": "stop", "text": "pain gets sharper."}),
                ]
            ),
            **seo_fields(),
        },
    )
    Site.objects.update(root_page=home, hostname="testserver", port=80)
    response = admin_client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Easier knees, one routine at a time</h1>" in html
    assert "Start here" in html
    assert "pain gets sharper." in html
    assert 'fetchpriority="high"' in html  # the hero is the largest paint


def test_standard_page_created_in_admin_and_rendered(admin_client, home):
    page = admin_create_page(
        admin_client,
        StandardPage,
        home,
        {
            "title": "About us",
            "slug": "about",
            "intro": "Two therapists, one calm room.",
            "body": streamfield(
                [
                    ("paragraph", rich_text("<p>We treat knees and hips.</p>")),
                    ("quote", {"quote": "Stairs are easy again.", "attribution": "Sam"}),
                ]
            ),
            **seo_fields(),
        },
    )
    html = admin_client.get(page.url).content.decode()
    assert "<h1>About us</h1>" in html
    assert "We treat knees and hips." in html
    assert "Stairs are easy again." in html


def test_contact_page_created_in_admin_and_rendered(admin_client, home):
    page = admin_create_page(
        admin_client,
        ContactPage,
        home,
        {
            "title": "Contact us",
            "slug": "contact",
            "intro": rich_text("<p>Ask us anything.</p>"),
            "thank_you_text": rich_text("<p>Thanks!</p>"),
            "to_address": "clinic@example.com",
            "from_address": "web@example.com",
            "subject": "Hello",
            "form_fields": inline_formset(
                [
                    {
                        "label": "Your name",
                        "field_type": "singleline",
                        "required": "on",
                        "choices": "",
                        "default_value": "",
                        "help_text": "",
                    },
                    {
                        "label": "Message",
                        "field_type": "multiline",
                        "required": "on",
                        "choices": "",
                        "default_value": "",
                        "help_text": "",
                    },
                ]
            ),
            **seo_fields(),
        },
    )
    html = admin_client.get(page.url).content.decode()
    assert "Ask us anything." in html
    assert 'name="your_name"' in html
    assert 'name="message"' in html


def test_page_type_rules(home):
    assert StandardPage in home.specific_class.allowed_subpage_models()
    assert HomePage not in StandardPage.allowed_subpage_models()
    assert ContactPage.allowed_subpage_models() == []


def test_standard_page_meta_falls_back_to_intro(client, home):
    page = StandardPageFactory(parent=home, title="Hours", slug="hours", intro="When we are open.")
    html = client.get(page.url).content.decode()
    assert '<meta name="description" content="When we are open."' in html
    assert '<link rel="canonical" href="http://testserver/hours/">' in html
    assert 'property="og:title"' in html
    assert 'name="twitter:card"' in html
