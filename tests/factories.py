"""Factories for the whole suite. Page factories build under a parent given as `parent=`."""

import factory
import wagtail_factories
from django.contrib.auth import get_user_model
from wagtail.models import Locale, Page, Site

from core.models import (
    ContactFormField,
    ContactPage,
    HomePage,
    Person,
    SiteSettings,
    StandardPage,
    TeamPage,
)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.com")
    password = factory.django.Password("password")


class SuperUserFactory(UserFactory):
    is_staff = True
    is_superuser = True


class ImageFactory(wagtail_factories.ImageFactory):
    title = factory.Sequence(lambda n: f"Image {n}")


class HomePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = HomePage

    title = "Home"
    slug = "home"
    hero_heading = "Move easier at home"
    hero_text = "A calm clinic for hands-on care, with routines for between visits."


class StandardPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = StandardPage

    title = factory.Sequence(lambda n: f"Standard page {n}")
    intro = "A short introduction to the page."
    body = [("paragraph", "<p>Body text of the page.</p>")]


class ContactPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ContactPage
        skip_postgeneration_save = True

    title = "Contact us"
    slug = "contact"
    to_address = "clinic@example.com"
    from_address = "website@example.com"
    subject = "New message"

    @factory.post_generation
    def fields(obj, create, extracted, **kwargs):
        if not create:
            return
        specs = extracted or [
            ("Your name", "singleline", True, ""),
            ("E-mail", "email", True, ""),
            ("Message", "multiline", True, ""),
        ]
        for order, (label, kind, required, choices) in enumerate(specs):
            ContactFormField.objects.create(
                page=obj,
                sort_order=order,
                label=label,
                field_type=kind,
                required=required,
                choices=choices,
            )


def build_site(**settings_fields) -> tuple[Site, HomePage]:
    """A root, a published home page and the default site, whatever state the database is in.

    Live-server tests flush the database, so this cannot rely on what migrations created.
    """
    Locale.objects.get_or_create(language_code="en")
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(title="Root", slug="root")
    home = HomePage.objects.first()
    if home is None:
        root.get_children().filter(slug="home").delete()
        root.refresh_from_db()
        home = HomePageFactory(parent=root)
    Site.objects.filter(is_default_site=False).delete()
    site, _ = Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "testserver", "port": 80, "root_page": home, "site_name": "Test"},
    )
    practice = SiteSettings.for_site(site)
    for key, value in {
        "practice_name": "Willow Lane Therapy",
        "phone": "604-555-0199",
        "email": "clinic@example.com",
        "street_address": "12 Willow Lane",
        "locality": "Vancouver",
        "region": "BC",
        "postal_code": "V5K 0A1",
        **settings_fields,
    }.items():
        setattr(practice, key, value)
    practice.save()
    return site, home


class PersonFactory(factory.django.DjangoModelFactory):
    """One of the practice's people (practitioner, author, reviewer). Shown on the team page."""

    class Meta:
        model = Person
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Person {n}")
    slug = factory.Sequence(lambda n: f"person-{n}")
    role = "Registered massage therapist"
    qualifications = "RMT"
    bio = "Treats knees and hips, and writes the home routines."


class TeamPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = TeamPage

    title = "Our team"
    slug = "team"
