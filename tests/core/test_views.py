"""The site shell over HTTP: chrome, search, contact form, sitemap, robots, error pages."""

import json
import re

import pytest
from django.core import mail
from wagtail.contrib.forms.models import FormSubmission

from core.selectors import MAX_QUERY_LENGTH
from tests.factories import ContactPageFactory, StandardPageFactory

pytestmark = pytest.mark.django_db


# --- chrome -------------------------------------------------------------------------------


def test_footer_shows_practice_settings(client, home):
    html = client.get("/").content.decode()
    assert "Willow Lane Therapy" in html
    assert "12 Willow Lane" in html
    assert "Vancouver BC V5K 0A1" in html
    assert 'href="tel:604-555-0199"' in html
    assert "mailto:clinic@example.com" in html


def test_offer_line_and_opening_hours_come_from_settings(client, site_home):
    from core.models import SiteSettings

    settings = SiteSettings.for_site(site_home[0])
    settings.offer_text = "15 % off your first visit with code FIRST15"
    settings.opening_hours = [("hours", {"days": "Saturday", "hours": "9 to 1"})]
    settings.social_links = [("link", {"platform": "youtube", "url": "https://youtube.com/@c"})]
    settings.save()
    html = client.get("/").content.decode()
    assert "15 % off your first visit with code FIRST15" in html
    assert '<a href="https://youtube.com/@c" rel="me noopener">YouTube</a>' in html
    assert "<dt>Saturday</dt><dd>9 to 1</dd>" in html


def test_navigation_breadcrumbs_and_skip_link(client, home):
    about = StandardPageFactory(parent=home, title="About", slug="about", show_in_menus=True)
    StandardPageFactory(parent=home, title="Hidden", slug="hidden", show_in_menus=False)
    team = StandardPageFactory(parent=about, title="Team", slug="team")
    html = client.get(team.url).content.decode()
    nav = re.search(r'<nav class="main-nav".*?</nav>', html, re.S).group(0)
    assert '<a href="/about/" aria-current="page">About</a>' in nav
    assert "Hidden" not in nav
    crumbs = re.search(r'<nav class="breadcrumbs.*?</nav>', html, re.S).group(0)
    assert '<a href="/">Home</a>' in crumbs
    assert '<a href="/about/">About</a>' in crumbs
    assert '<span aria-current="page">Team</span>' in crumbs
    assert html.index('class="skip-link" href="#main"') < html.index("<header")
    assert html.count("<h1") == 1
    assert '<main id="main"' in html


def test_home_has_booking_call_to_action_with_offer_code(client, site_home):
    from core.models import SiteSettings

    site, home = site_home
    booking = StandardPageFactory(parent=home, title="Book", slug="book")
    settings = SiteSettings.for_site(site)
    settings.booking_page = booking
    settings.offer_code = "FIRST15"
    settings.save()
    html = client.get("/").content.decode()
    assert f'href="/book/?promo=FIRST15&amp;from={home.pk}"' in html


def test_home_structured_data_describes_a_medical_business(client, site_home):
    from wagtailseo.models import SeoSettings

    seo = SeoSettings.for_site(site_home[0])
    seo.struct_org_type = "MedicalOrganization"
    seo.struct_org_name = "Willow Lane Therapy"
    seo.struct_org_geo_lat, seo.struct_org_geo_lng = "49.26", "-123.16"
    seo.struct_org_extra_json = json.dumps({"@type": "MedicalBusiness"})
    seo.struct_org_actions = [
        (
            "actions",
            {
                "action_type": "ReserveAction",
                "target": "http://testserver/book/",
                "language": "en-CA",
                "result_type": "Reservation",
                "result_name": "Book",
                "extra_json": "",
            },
        )
    ]
    seo.save()
    html = client.get("/").content.decode()
    blocks = [
        json.loads(b)
        for b in re.findall(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S)
    ]
    org = next(b for b in blocks if b.get("@type") == "MedicalBusiness")
    assert org["name"] == "Willow Lane Therapy"
    assert org["geo"]["latitude"] in {"49.26", 49.26, "49.260000"}
    assert org["potentialAction"][0]["@type"] == "ReserveAction"


def test_no_third_party_hosts_in_page_assets(client, home):
    html = client.get("/").content.decode()
    for url in re.findall(r'(?:src|href)="(https?://[^"]+)"', html):
        assert url.startswith("http://testserver"), url


# --- search -------------------------------------------------------------------------------


def test_search_finds_pages_and_paginates(client, home):
    for n in range(12):
        StandardPageFactory(
            parent=home, title=f"Knee guide {n}", slug=f"knee-{n}", intro="All about the knee."
        )
    first = client.get("/search/", {"q": "knee"})
    assert first.status_code == 200
    assert "12 results for “knee”" in first.content.decode()
    assert first.context["page_obj"].paginator.num_pages == 2
    second = client.get("/search/", {"q": "knee", "page": 2}).content.decode()
    assert "Page 2 of 2" in second
    assert 'rel="prev" href="?q=knee&amp;page=1"' in second


def test_search_shows_fallback_title_and_description(client, home):
    html = client.get("/search/").content.decode()
    assert "<title>Search · Willow Lane Therapy</title>" in html
    assert '<meta name="description" content="Search the practice' in html


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "x" * 5000,
        '"',
        "'; DROP TABLE wagtailcore_page; --",
        "knee AND (",
        "a:b*c",
        "<script>alert(1)</script>",
        "%00",
        "\u0000",
        "😀 knee",
        "NOT",
        "-",
        "''",
        "(((((",
    ],
)
def test_search_survives_odd_queries(client, home, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    assert len(response.context["query"]) <= MAX_QUERY_LENGTH
    assert b"<script>alert(1)</script>" not in response.content


def test_search_bad_page_number_is_friendly(client, home):
    assert client.get("/search/", {"q": "knee", "page": "abc"}).status_code == 200
    assert client.get("/search/", {"q": "knee", "page": "99999"}).status_code == 200


# --- contact form -------------------------------------------------------------------------


@pytest.fixture
def contact(home):
    return ContactPageFactory(parent=home)


def valid_post(**extra):
    return {
        "your_name": "Robin",
        "e_mail": "robin@example.com",
        "message": "Could you cover calf stretches?",
        **extra,
    }


def test_contact_valid_submission_is_stored_and_mailed_after_commit(
    client, contact, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(contact.url, valid_post())
    assert response.status_code == 200
    assert "Thank you" in response.content.decode()
    submission = FormSubmission.objects.get(page=contact)
    assert submission.get_data()["message"] == "Could you cover calf stretches?"
    assert "website" not in submission.form_data
    assert len(callbacks) == 1
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == ["clinic@example.com"]
    assert sent.reply_to == ["robin@example.com"]
    assert "Message: Could you cover calf stretches?" in sent.body


@pytest.mark.parametrize(
    ("field", "value"), [("your_name", "Robin\u202e"), ("message", "Hello\x1b[2J there")]
)
def test_contact_control_and_bidi_characters_are_a_field_error(client, contact, field, value):
    response = client.post(contact.url, valid_post(**{field: value}))
    assert response.status_code == 400
    assert "invisible control or text-direction characters" in response.content.decode()
    assert not FormSubmission.objects.filter(page=contact).exists()


def test_contact_keeps_accents_emoji_cjk_and_line_breaks(client, contact):
    client.post(contact.url, valid_post(your_name="Zoë 中文", message="Bonjour 😀\n膝"))
    data = FormSubmission.objects.get(page=contact).get_data()
    assert data["message"] == "Bonjour 😀\n膝"


def test_a_contact_message_goes_through_the_outbox(
    client, contact, settings, django_capture_on_commit_callbacks
):
    from core.models import OutboxMessage

    settings.EMAIL_BACKEND = "tests.core.test_outbox.FailingBackend"
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(contact.url, valid_post()).status_code == 200
    notice = OutboxMessage.objects.get(kind="contact")
    assert notice.to == "clinic@example.com"
    assert notice.reply_to == "robin@example.com"
    assert notice.status == OutboxMessage.State.FAILED  # kept for the retry, not lost
    assert not mail.outbox


def test_contact_invalid_input_gets_field_errors_and_keeps_values(client, contact):
    response = client.post(contact.url, valid_post(e_mail="not-an-email", message=""))
    html = response.content.decode()
    assert response.status_code == 400
    assert "Enter a valid email address." in html
    assert "This field is required." in html
    assert 'value="Robin"' in html  # nothing valid is lost
    assert not FormSubmission.objects.exists()
    assert not mail.outbox


def test_contact_honeypot_stores_nothing(client, contact, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(contact.url, valid_post(website="http://spam.example"))
    assert response.status_code == 200
    assert "Thank you" in response.content.decode()
    assert not FormSubmission.objects.exists()
    assert not mail.outbox


def test_contact_rate_limit_per_address(client, contact, settings):
    settings.CONTACT_RATE_LIMIT = "3/h"
    for _ in range(3):
        assert client.post(contact.url, valid_post(), REMOTE_ADDR="10.0.0.1").status_code == 200
    blocked = client.post(contact.url, valid_post(), REMOTE_ADDR="10.0.0.1")
    assert blocked.status_code == 429
    assert "several messages in a short time" in blocked.content.decode()
    assert 'value="Robin"' in blocked.content.decode()
    assert FormSubmission.objects.count() == 3
    # Another address is not affected.
    assert client.post(contact.url, valid_post(), REMOTE_ADDR="10.0.0.2").status_code == 200


def test_contact_get_shows_form_and_hidden_honeypot(client, contact):
    html = client.get(contact.url).content.decode()
    assert '<div class="hp" aria-hidden="true">' in html
    assert 'tabindex="-1"' in html


# --- sitemap, robots, favicon, errors ------------------------------------------------------


def test_sitemap_lists_live_pages(client, home):
    StandardPageFactory(parent=home, title="About", slug="about")
    draft = StandardPageFactory(parent=home, title="Draft", slug="draft")
    draft.unpublish()
    body = client.get("/sitemap.xml").content.decode()
    assert "<loc>http://testserver/about/</loc>" in body
    assert "/draft/" not in body


def test_robots_points_at_sitemap(client, home):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()
    assert "Disallow: /admin/" in response.content.decode()


def test_favicon_is_served(client, home):
    response = client.get("/favicon.ico")
    assert response.status_code == 200


def test_custom_404(client, home):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in html
    assert "Willow Lane Therapy" in html
    assert "<title>Page not found · Willow Lane Therapy</title>" in html


def test_custom_500_page_renders_without_context(rf):
    from django.views.defaults import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert b"Something went wrong" in response.content


def test_contact_submissions_are_listed_in_the_admin(admin_client, contact):
    admin_client.post(contact.url, valid_post(message="Please cover the popliteus."))
    response = admin_client.get(f"/admin/forms/submissions/{contact.pk}/")
    assert response.status_code == 200
    assert "Please cover the popliteus." in response.content.decode()


def test_search_leaves_out_private_and_draft_pages(client, home):
    from wagtail.models import PageViewRestriction

    public = StandardPageFactory(parent=home, title="Hip mobility", slug="hip")
    private = StandardPageFactory(parent=home, title="Hip members", slug="hip-members")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    draft = StandardPageFactory(parent=home, title="Hip draft", slug="hip-draft")
    draft.unpublish()
    results = list(client.get("/search/", {"q": "hip"}).context["results"])
    assert [r.pk for r in results] == [public.pk]
