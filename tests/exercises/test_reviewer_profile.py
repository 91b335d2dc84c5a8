"""An exercise's "reviewed by" names one of the practice's people and links to their profile on
the team page (and says so in its structured data); without a team page it is plain text."""

import datetime
import json
import re

import pytest

from tests.exercises.factories import ExercisePageFactory
from tests.factories import TeamPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewed(library, terms):
    return ExercisePageFactory(
        parent=library, last_reviewed=datetime.date(2026, 3, 2), reviewer=terms["reviewer"]
    )


def medical_web_page(html: str) -> dict:
    chunks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return next(item for item in map(json.loads, chunks) if item.get("@type") == "MedicalWebPage")


def test_reviewer_name_links_to_their_profile(client, home, reviewed):
    TeamPageFactory(parent=home)
    html = client.get(reviewed.url).content.decode()
    assert 'by <a href="/team/robin-hale/">Robin Hale</a>, RMT.' in html


def test_reviewer_profile_is_in_the_structured_data(client, home, reviewed):
    TeamPageFactory(parent=home)
    data = medical_web_page(client.get(reviewed.url).content.decode())
    assert data["reviewedBy"]["url"] == "http://testserver/team/robin-hale/"


def test_reviewer_profile_link_leads_to_the_profile(client, home, reviewed):
    TeamPageFactory(parent=home)
    assert client.get("/team/robin-hale/").status_code == 200


def test_without_a_team_page_the_reviewer_is_plain_text(client, reviewed):
    html = client.get(reviewed.url).content.decode()
    assert "by Robin Hale, RMT." in html


def test_reviewer_not_on_the_team_page_is_plain_text(client, home, reviewed, terms):
    TeamPageFactory(parent=home)
    terms["reviewer"].on_team_page = False
    terms["reviewer"].save()
    html = client.get(reviewed.url).content.decode()
    assert "by Robin Hale, RMT." in html
