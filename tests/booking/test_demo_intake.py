import pytest
from django.core.management import call_command
from wagtail.models import Site

from booking.models import IntakeSettings

pytestmark = pytest.mark.django_db


def test_demo_has_intake_questions_once(client):
    call_command("load_demo")
    call_command("load_demo")
    settings = IntakeSettings.for_site(Site.objects.get(is_default_site=True))
    assert len(settings.questions) == 5
