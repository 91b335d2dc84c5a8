"""Core demo builders: the site, its home, About, Contact and Privacy pages, settings and an
admin, from the data in core.demo_content."""

import json
import os

from django.contrib.auth import get_user_model
from wagtail.models import Page, Site
from wagtailseo.models import SeoSettings

from core.demo_content import ABOUT_BODY, PEOPLE, PRACTICE, PRIVACY_BODY
from core.demo_kit import demo_image, demo_step
from core.models import (
    ContactFormField,
    ContactPage,
    HomePage,
    Person,
    SiteSettings,
    StandardPage,
    TeamPage,
)

HERO_TITLE = "Calm treatment room"


def _child(parent, model, slug, **fields):
    """Return the child page with this slug, creating and publishing it if it is missing."""
    existing = parent.get_children().filter(slug=slug).specific().first()
    if existing is not None:
        return existing
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


@demo_step(10, "site and home page")
def build_home(ctx):
    root = Page.get_first_root_node()
    home = HomePage.objects.first()
    if home is None:
        # Wagtail's first migration leaves a placeholder page at the home slug.
        for placeholder in (
            root.get_children().filter(slug="home").exclude(content_type__model="homepage")
        ):
            placeholder.delete()
        home = HomePage(
            title="Home",
            slug="home",
            hero_heading="Move easier, one small habit at a time",
            hero_text=(
                "We are a small Vancouver clinic for manual therapy. Come in for hands-on "
                "treatment, then keep the progress going with short routines you can do at home."
            ),
            seo_title="Manual therapy in Vancouver",
            search_description=(
                "Hands-on manual therapy in Vancouver, with free self-massage, mobility and "
                "stretching guides you can follow at home."
            ),
        )
        root.refresh_from_db()
        root.add_child(instance=home)
        home.save_revision().publish()
        ctx.out("created the home page")
    # The hero spans the window: its source is as wide as its largest rendition (1920 px). An
    # older demo's narrower picture gets a new file; a hero an editor chose is left alone.
    if not home.hero_image_id or home.hero_image.title == HERO_TITLE:
        hero = demo_image(title=HERO_TITLE, seed=1, width=1920, height=1080)
        if home.hero_image_id != hero.pk:
            home.hero_image = hero
            home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site(is_default_site=True)
    # The address `make run` serves; a real deployment sets its own domain in Settings > Sites.
    site.hostname = os.environ.get("SITE_HOSTNAME", "127.0.0.1")
    site.port = int(os.environ.get("PORT", "8000"))
    site.root_page = home
    site.site_name = PRACTICE["practice_name"]
    site.save()
    ctx.home, ctx.site = home, site


@demo_step(20, "about, privacy and contact pages")
def build_pages(ctx):
    home = ctx.home
    about = _child(
        home,
        StandardPage,
        "about",
        title="About us",
        show_in_menus=True,
        intro="A small clinic with unhurried appointments and homework that fits into a busy day.",
        body=ABOUT_BODY,
    )
    privacy = _child(
        home,
        StandardPage,
        "privacy",
        title="Privacy policy",
        intro="How we look after the information you give us.",
        body=PRIVACY_BODY,
    )
    contact = _child(
        home,
        ContactPage,
        "contact",
        title="Contact us",
        show_in_menus=True,
        intro="<p>Ask a question, ask for an appointment time, or tell us what you would like "
        "us to cover next on the blog.</p>",
        thank_you_text="<p>Thanks for writing. One of us will reply within two working days.</p>",
        to_address=PRACTICE["email"],
        from_address="website@cedarandtide.example",
        subject="New message from the website",
        search_description="Send the clinic a question or suggest a topic for the blog.",
    )
    if not contact.form_fields.exists():
        fields = [
            ("Your name", "singleline", True, "", ""),
            ("E-mail", "email", True, "", "We reply to this address and never share it."),
            (
                "Topic",
                "dropdown",
                True,
                "A question\nSuggest an article or exercise\nSomething else",
                "",
            ),
            ("Message", "multiline", True, "", "Please leave out medical history we do not need."),
        ]
        for order, (label, kind, required, choices, help_text) in enumerate(fields):
            ContactFormField.objects.create(
                page=contact,
                sort_order=order,
                label=label,
                field_type=kind,
                required=required,
                choices=choices,
                help_text=help_text,
            )
        ctx.out("added the contact form fields")
    ctx.pages.update(about=about, privacy=privacy, contact=contact)


@demo_step(40, "the practice's people and the team page")
def build_people(ctx):
    for order, spec in enumerate(PEOPLE):
        fields = {k: v for k, v in spec.items() if k not in ("slug", "seed")}
        person, created = Person.objects.get_or_create(
            slug=spec["slug"], defaults={**fields, "sort_order": order}
        )
        if person.photo_id is None:
            person.photo = demo_image(
                title=f"Portrait of {spec['name']}", seed=spec["seed"], width=600, height=600
            )
            person.save()
        if created:
            ctx.out(f"added {person.name}")
    ctx.pages["team"] = _child(
        ctx.home,
        TeamPage,
        "team",
        title="Our team",
        show_in_menus=True,
        intro="<p>Two registered massage therapists who treat you, write the articles and check "
        "every exercise in the library.</p>",
        search_description="Meet the registered massage therapists at the clinic, and book "
        "with the one you would like to see.",
    )


@demo_step(30, "practice settings")
def build_settings(ctx):
    settings = SiteSettings.for_site(ctx.site)
    for key, value in PRACTICE.items():
        setattr(settings, key, value)
    settings.opening_hours = [
        ("hours", {"days": "Monday to Thursday", "hours": "8:00 am to 7:00 pm"}),
        ("hours", {"days": "Friday", "hours": "8:00 am to 4:00 pm"}),
        ("hours", {"days": "Saturday", "hours": "9:00 am to 1:00 pm"}),
        ("hours", {"days": "Sunday", "hours": "Closed"}),
    ]
    settings.social_links = [
        (
            "link",
            {"platform": "instagram", "url": "https://www.instagram.com/cedarandtide.example"},
        ),
        ("link", {"platform": "youtube", "url": "https://www.youtube.com/@cedarandtide.example"}),
    ]
    if settings.booking_page_id is None:
        settings.booking_page = ctx.pages.get("contact")
    settings.save()


@demo_step(900, "structured data for search engines")
def build_structured_data(ctx):
    """Runs last, so the reserve action points at the booking page other apps created."""
    seo = SeoSettings.for_site(ctx.site)
    seo.struct_meta = True
    seo.og_meta = True
    seo.twitter_meta = True
    seo.twitter_site = "cedarandtide"
    seo.struct_org_type = "MedicalOrganization"
    seo.struct_org_name = PRACTICE["practice_name"]
    seo.struct_org_phone = "+1-604-555-0142"
    seo.struct_org_address_street = PRACTICE["street_address"]
    seo.struct_org_address_locality = PRACTICE["locality"]
    seo.struct_org_address_region = PRACTICE["region"]
    seo.struct_org_address_postal = PRACTICE["postal_code"]
    seo.struct_org_address_country = "CA"
    seo.struct_org_geo_lat = "49.2684"
    seo.struct_org_geo_lng = "-123.1686"
    seo.struct_org_extra_json = json.dumps(
        {
            "@type": "MedicalBusiness",
            "medicalSpecialty": "Musculoskeletal",
            "priceRange": "$$",
            "email": PRACTICE["email"],
        }
    )
    booking_page = SiteSettings.for_site(ctx.site).booking_page
    booking_url = (booking_page.get_full_url() if booking_page else "") or ""
    seo.struct_org_actions = [
        (
            "actions",
            {
                "action_type": "ReserveAction",
                "target": booking_url,
                "language": "en-CA",
                "result_type": "Reservation",
                "result_name": "Book an appointment",
                "extra_json": "",
            },
        ),
    ]
    seo.struct_org_hours = [
        (
            "hours",
            {
                "days": ["Monday", "Tuesday", "Wednesday", "Thursday"],
                "start_time": "08:00",
                "end_time": "19:00",
            },
        ),
        ("hours", {"days": ["Friday"], "start_time": "08:00", "end_time": "16:00"}),
        ("hours", {"days": ["Saturday"], "start_time": "09:00", "end_time": "13:00"}),
    ]
    seo.save()


@demo_step(990, "admin user")
def build_admin(ctx):
    username = os.environ.get("ADMIN_USERNAME", "admin")
    password = os.environ.get("ADMIN_PASSWORD") or "practice-demo"
    user, created = get_user_model().objects.get_or_create(
        username=username,
        defaults={"email": "admin@cedarandtide.example", "is_staff": True, "is_superuser": True},
    )
    user.is_staff = user.is_superuser = True
    user.set_password(password)
    user.save()
    port = os.environ.get("PORT", "8000")
    ctx.out(f"Admin: http://127.0.0.1:{port}/admin/  user: {username}  password: {password}")
