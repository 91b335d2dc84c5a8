"""The demo practice, loaded once for every test in this package.

`load_demo` takes seconds (tens on PostgreSQL), so it runs twice here, once for the package (once
on each test worker that runs some of these tests), and each test reads the result. Like Django's
`setUpTestData`, it runs inside a transaction that is rolled back at the end, and each test runs
inside its own savepoint, so nothing the demo made reaches other tests and no test sees
another's changes.
"""

import io
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from wagtail.models import Site

ADMIN_PASSWORD = "s3cret-demo"

# What a second run must not add to: (app label, model name).
COUNTED = [
    ("wagtailcore", "Page"),
    ("wagtailimages", "Image"),
    ("wagtailcore", "Site"),
    ("wagtailforms", "FormSubmission"),
    ("core", "ContactFormField"),
    ("core", "Person"),
    ("exercises", "ExercisePage"),
    ("exercises", "RoutinePage"),
    ("exercises", "ProgramPage"),
    ("exercises", "ProgramDay"),
    ("exercises", "RoutineItem"),
    ("exercises", "Equipment"),
    ("exercises", "Tissue"),
    ("exercises", "Caution"),
    ("blog", "BlogPostPage"),
    ("blog", "BlogPostAuthor"),
    ("blog", "BlogCategory"),
    ("blog", "Comment"),
    ("booking", "Booking"),
    ("booking", "BookingPage"),
    ("booking", "Closure"),
    ("booking", "Practitioner"),
    ("booking", "PromoCode"),
    ("booking", "Service"),
    ("booking", "WorkingHours"),
]


def counts() -> dict[str, int]:
    found = {f"{a}.{m}": apps.get_model(a, m).objects.count() for a, m in COUNTED}
    found["users"] = get_user_model().objects.count()
    return found


@pytest.fixture(scope="package")
def demo(django_db_setup, django_db_blocker):
    """The demo loaded twice: what the first run printed, and the counts after each run."""
    with django_db_blocker.unblock(), pytest.MonkeyPatch.context() as patch:
        patch.setenv("ADMIN_PASSWORD", ADMIN_PASSWORD)
        outer = transaction.atomic()
        outer.__enter__()
        try:
            output = io.StringIO()
            call_command("load_demo", stdout=output)
            first = counts()
            call_command("load_demo", stdout=io.StringIO())
            second = counts()
            # The test client asks for "testserver".
            Site.objects.update(hostname="testserver", port=80)
            yield SimpleNamespace(output=output.getvalue(), first=first, second=second)
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
