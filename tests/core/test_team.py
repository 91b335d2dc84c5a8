"""The team page and the profiles: created in the admin, what they show (photo, bio,
qualifications, the services each person offers, "Book with <name>"), their structured data,
their query count as the team grows, and the page cache when a person changes."""

import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.test.utils.form_data import rich_text

from core.models import Person, TeamPage
from core.page_cache import store
from tests.admin_helpers import admin_create_page
from tests.booking.factories import BookingPageFactory, PractitionerFactory, ServiceFactory
from tests.factories import ImageFactory, PersonFactory, TeamPageFactory

pytestmark = pytest.mark.django_db

LD_JSON = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def structured_data(html: str) -> list[dict]:
    return [json.loads(chunk) for chunk in LD_JSON.findall(html)]


def of_type(html: str, kind: str) -> dict:
    return next(item for item in structured_data(html) if item.get("@type") == kind)


@pytest.fixture
def team(site_home):
    """A booking page, two services, Dana (both) and Sam (one), and a team page; Dana's person
    filled in."""
    from types import SimpleNamespace

    from core.models import SiteSettings

    site, home = site_home
    practice = SiteSettings.for_site(site)
    practice.booking_page = BookingPageFactory(parent=home)
    practice.save()
    assessment = ServiceFactory(
        name="Initial assessment", slug="initial-assessment", price="120.00", sort_order=1
    )
    treatment = ServiceFactory(name="Treatment", slug="treatment", price="95.00", sort_order=2)
    clinic = SimpleNamespace(
        site=site,
        home=home,
        treatment=treatment,
        dana=PractitionerFactory(name="Dana Reyes", slug="dana", services=[assessment, treatment]),
        sam=PractitionerFactory(name="Sam Okafor", slug="sam", services=[treatment]),
    )
    page = TeamPageFactory(parent=home)
    person = clinic.dana.person
    person.role = "Registered massage therapist"
    person.qualifications = "RMT, College of Massage Therapists of BC\nBSc Kinesiology"
    person.bio = "Dana treats runners and desk workers."
    person.photo = ImageFactory()
    person.save()
    clinic.team = page
    return clinic


# --- admin ----------------------------------------------------------------------------------


def test_team_page_created_in_admin_and_rendered(admin_client, home):
    PersonFactory(name="Maya Okafor", slug="maya-okafor", role="Registered massage therapist")
    page = admin_create_page(
        admin_client,
        TeamPage,
        home,
        {
            "title": "Our team",
            "slug": "team",
            "intro": rich_text("<p>Two therapists, one calm room.</p>"),
            "seo_title": "",
            "search_description": "",
            "canonical_url": "",
        },
    )
    html = admin_client.get(page.url).content.decode()
    assert "<h1>Our team</h1>" in html
    assert "Two therapists, one calm room." in html
    assert 'href="/team/maya-okafor/"' in html


def test_person_created_in_admin_and_shown_on_the_team_page(admin_client, home):
    TeamPageFactory(parent=home)
    response = admin_client.post(
        reverse("wagtailsnippets_core_person:add"),
        {
            "name": "Tom Lindqvist",
            "slug": "tom-lindqvist",
            "role": "Kinesiologist",
            "qualifications": "BSc Kinesiology",
            "bio": "Tom coaches a trail-running group.",
            "photo": "",
            "on_team_page": "on",
            "sort_order": "0",
        },
    )
    assert response.status_code == 302
    html = admin_client.get("/team/tom-lindqvist/").content.decode()
    assert "<h1>Tom Lindqvist</h1>" in html
    assert "Tom coaches a trail-running group." in html


def test_person_with_a_taken_slug_gets_a_field_error_and_keeps_the_values(admin_client, home):
    PersonFactory(slug="maya-okafor")
    response = admin_client.post(
        reverse("wagtailsnippets_core_person:add"),
        {"name": "Maya O.", "slug": "maya-okafor", "photo": "", "sort_order": "0"},
    )
    assert response.status_code == 200
    assert "slug" in response.context["form"].errors
    assert 'value="Maya O."' in response.content.decode()


# --- the team page and a profile -------------------------------------------------------------


def test_team_page_lists_people_with_what_they_offer_and_a_book_link(client, team):
    html = client.get("/team/").content.decode()
    assert 'href="/team/dana/"' in html
    assert "Offers: Initial assessment, Treatment" in html
    assert 'href="/book/?practitioner=dana' in html
    assert "Book with Dana Reyes" in html


def test_profile_shows_photo_bio_and_qualifications(client, team):
    html = client.get("/team/dana/").content.decode()
    assert "<h1>Dana Reyes</h1>" in html
    assert 'alt="Portrait of Dana Reyes"' in html
    assert "Dana treats runners and desk workers." in html
    assert "<li>BSc Kinesiology</li>" in html


def test_profile_lists_each_service_linked_with_the_practitioner_chosen(client, team):
    html = client.get("/team/dana/").content.decode()
    assert 'href="/book/?service=initial-assessment&amp;practitioner=dana' in html
    assert "60 minutes, $120.00" in html


def test_profile_book_link_preselects_the_practitioner(client, team):
    html = client.get("/team/dana/").content.decode()
    link = re.search(r'href="([^"]+)">Book with Dana Reyes<', html).group(1)
    booking = client.get(link.replace("&amp;", "&")).content.decode()
    assert re.search(r'id="practitioner-dana" value="dana" checked', booking)


def test_profile_of_someone_not_bookable_has_no_book_link(client, team):
    PersonFactory(name="Guest Writer", slug="guest-writer")
    html = client.get("/team/guest-writer/").content.decode()
    assert "Book with" not in html


def test_profile_without_a_booking_page_shows_no_book_link(client, team):
    from core.models import SiteSettings

    practice = SiteSettings.for_site(team.site)
    practice.booking_page = None
    practice.save()
    assert "Book with" not in client.get("/team/dana/").content.decode()


def test_profile_title_and_canonical_name_the_person(client, team):
    html = client.get("/team/dana/").content.decode()
    assert "<title>Dana Reyes · " in html
    assert 'rel="canonical" href="http://testserver/team/dana/"' in html


@pytest.mark.parametrize("slug", ["nobody", "x" * 200, "guest"])
def test_unknown_or_hidden_profile_is_404(client, team, slug):
    PersonFactory(name="Hidden", slug="guest", on_team_page=False)
    assert client.get(f"/team/{slug}/").status_code == 404


def test_inactive_practitioner_is_not_offered_for_booking(client, team):
    team.sam.active = False
    team.sam.save()
    html = client.get("/team/sam/").content.decode()
    assert "Book with" not in html


# --- structured data ---------------------------------------------------------------------------


def test_team_page_describes_the_practice_with_its_employees(client, team):
    practice = of_type(client.get("/team/").content.decode(), "MedicalBusiness")
    assert [e["name"] for e in practice["employee"]] == ["Dana Reyes", "Sam Okafor"]


def test_team_page_employees_link_their_profiles(client, team):
    practice = of_type(client.get("/team/").content.decode(), "MedicalBusiness")
    assert practice["employee"][0]["url"] == "http://testserver/team/dana/"


def test_profile_is_a_person_with_job_title_and_credentials(client, team):
    person = of_type(client.get("/team/dana/").content.decode(), "Person")
    assert person["jobTitle"] == "Registered massage therapist"
    assert [c["name"] for c in person["hasCredential"]] == [
        "RMT, College of Massage Therapists of BC",
        "BSc Kinesiology",
    ]


def test_profile_person_works_for_the_practice(client, team):
    person = of_type(client.get("/team/dana/").content.decode(), "Person")
    assert person["worksFor"]["@type"] == "MedicalBusiness"


def test_profile_person_has_an_absolute_portrait(client, team):
    person = of_type(client.get("/team/dana/").content.decode(), "Person")
    assert person["image"].startswith("http://testserver/")


def test_structured_data_cannot_close_its_script(client, team):
    person = team.dana.person
    person.bio = "</script><script>alert(1)</script>"
    person.save()
    html = client.get("/team/dana/").content.decode()
    assert "</script><script>alert(1)" not in html


def test_structured_data_scripts_carry_no_nonce(client, team):
    html = client.get("/team/").content.decode()
    assert '<script type="application/ld+json">' in html


# --- queries -------------------------------------------------------------------------------------


def _team_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/team/").status_code == 200
    return len(queries)


def _add_people(count: int, services) -> None:
    for _ in range(count):
        PractitionerFactory(services=services, person__photo=ImageFactory())


def test_team_page_queries_stay_flat_as_the_team_grows(client, team):
    services = [team.treatment, ServiceFactory()]
    _add_people(2, services)
    client.get("/team/")  # renditions are made on the first view
    few = _team_queries(client)
    _add_people(6, services)
    client.get("/team/")
    assert _team_queries(client) == few


# --- page cache ----------------------------------------------------------------------------------


@pytest.fixture
def cached(settings, tmp_path, django_capture_on_commit_callbacks):
    settings.PAGE_CACHE_ENABLED = True
    settings.PAGE_CACHE_GENERATION_FILE = str(tmp_path / "pages.generation")
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_changing_a_person_refreshes_their_profile(client, team, cached):
    client.get("/team/dana/")
    person = Person.objects.get(slug="dana")
    person.bio = "Dana now also sees new parents."
    with cached():
        person.save()
    response = client.get("/team/dana/")
    assert response.headers.get(store.HEADER) == "miss"
    assert "Dana now also sees new parents." in response.content.decode()


def test_changing_what_a_practitioner_offers_refreshes_the_team_page(client, team, cached):
    client.get("/team/")
    with cached():
        team.sam.active = False
        team.sam.save()
    assert "Book with Sam Okafor" not in client.get("/team/").content.decode()


def test_sitemap_lists_each_profile(client, team):
    xml = client.get("/sitemap.xml").content.decode()
    assert "<loc>http://testserver/team/dana/</loc>" in xml
