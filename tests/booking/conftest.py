import pytest

from core.models import SiteSettings
from tests.booking.factories import (
    BookingPageFactory,
    PractitionerFactory,
    ServiceFactory,
    booking_settings,
)
from tests.factories import StandardPageFactory


@pytest.fixture
def clinic(site_home):
    """A site with a booking page, rules, two services and two practitioners (Mon-Sat 9-17)."""
    from types import SimpleNamespace

    site, home = site_home
    privacy = StandardPageFactory(parent=home, title="Privacy policy", slug="privacy")
    page = BookingPageFactory(parent=home, privacy_page=privacy)
    practice = SiteSettings.for_site(site)
    practice.booking_page = page
    practice.save()
    rules = booking_settings(site)
    assessment = ServiceFactory(
        name="Initial assessment",
        slug="initial-assessment",
        duration_minutes=60,
        price="120.00",
        new_patients_only=True,
        sort_order=1,
    )
    treatment = ServiceFactory(
        name="Treatment", slug="treatment", duration_minutes=45, price="95.00", sort_order=2
    )
    dana = PractitionerFactory(name="Dana Reyes", slug="dana", services=[assessment, treatment])
    sam = PractitionerFactory(name="Sam Okafor", slug="sam", services=[treatment])
    return SimpleNamespace(
        site=site,
        home=home,
        page=page,
        rules=rules,
        assessment=assessment,
        treatment=treatment,
        dana=dana,
        sam=sam,
        privacy=privacy,
    )
