"""The 'Due for clinical review' report, its dashboard count and the optional review workflow."""

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.urls import reverse
from wagtail.models import Workflow

from tests.exercises.factories import ExercisePageFactory, ReviewerFactory

pytestmark = pytest.mark.django_db

TODAY = dt.datetime(2026, 6, 15, 12, 0, tzinfo=dt.UTC)
REPORT = "/admin/reports/clinical-review/"


@pytest.fixture
def reviews(library):
    reviewer = ReviewerFactory()
    return {
        "overdue": ExercisePageFactory(
            parent=library, title="Overdue roll", next_review=dt.date(2026, 5, 1), reviewer=reviewer
        ),
        "soon": ExercisePageFactory(
            parent=library, title="Soon stretch", next_review=dt.date(2026, 7, 10)
        ),
        "later": ExercisePageFactory(
            parent=library, title="Later circles", next_review=dt.date(2026, 9, 1)
        ),
        "never": ExercisePageFactory(parent=library, title="Undated rotation"),
    }


def listed(response):
    return [p.title for p in response.context["object_list"]]


@time_machine.travel(TODAY, tick=False)
def test_report_lists_overdue_and_due_within_30_days(admin_client, reviews):
    response = admin_client.get(REPORT)
    assert listed(response) == ["Overdue roll", "Soon stretch"]


@time_machine.travel(TODAY, tick=False)
def test_report_shows_the_reviewer(admin_client, reviews):
    html = admin_client.get(REPORT).content.decode()
    assert "Robin Hale" in html


@time_machine.travel(TODAY, tick=False)
def test_report_is_in_the_reports_menu(admin_client, reviews):
    html = admin_client.get("/admin/").content.decode()
    assert f'href="{REPORT}"' in html


@time_machine.travel(TODAY, tick=False)
def test_dashboard_shows_the_count(admin_client, reviews):
    html = admin_client.get("/admin/").content.decode()
    assert "2 exercises due for clinical review" in html


@time_machine.travel(TODAY, tick=False)
def test_report_query_count_stays_flat(admin_client, library, reviews):
    def count_queries():
        seen = []
        with connection.execute_wrapper(lambda *args: seen.append(1) or args[0](*args[1:4])):
            assert admin_client.get(REPORT).status_code == 200
        return len(seen)

    before = count_queries()
    for n in range(5):
        ExercisePageFactory(
            parent=library,
            title=f"Due {n}",
            next_review=dt.date(2026, 6, 1),
            reviewer=ReviewerFactory(name=f"Reviewer {n}"),
        )
    assert count_queries() == before


def test_report_needs_admin_access(client, reviews):
    response = client.get(REPORT)
    assert response.status_code == 302


def test_review_workflow_exists_and_is_not_assigned(db):
    workflow = Workflow.objects.get(name="Clinical review")
    assert not workflow.workflow_pages.exists()


def test_review_workflow_asks_the_practitioners(db):
    workflow = Workflow.objects.get(name="Clinical review")
    task = workflow.tasks.get().specific
    assert [g.name for g in task.groups.all()] == ["Practitioners"]


def test_report_link_opens_the_editor(admin_client, reviews):
    with time_machine.travel(TODAY, tick=False):
        html = admin_client.get(REPORT).content.decode()
    assert reverse("wagtailadmin_pages:edit", args=[reviews["overdue"].pk]) in html
