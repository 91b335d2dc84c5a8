"""`/book/?practitioner=<slug>` (the profiles' "Book with <name>") pre-selects the practitioner on
the first step and carries them to the times; a value we do not know is ignored with a notice,
never a 500."""

import re

import pytest

pytestmark = pytest.mark.django_db


def checked(html: str) -> list[str]:
    """The values of the practitioner choices that are ticked."""
    return re.findall(r'name="practitioner" id="[^"]+" value="([^"]+)" checked', html)


def test_link_preselects_the_practitioner(client, clinic):
    html = client.get("/book/?practitioner=dana").content.decode()
    assert checked(html) == ["dana"]


def test_link_with_service_and_practitioner_preselects_both(client, clinic):
    html = client.get("/book/?service=treatment&practitioner=sam").content.decode()
    assert checked(html) == ["sam"]
    assert re.search(r'value="treatment" checked', html)


def test_without_a_practitioner_anyone_is_chosen(client, clinic):
    assert checked(client.get("/book/").content.decode()) == ["any"]


@pytest.mark.parametrize(
    "value",
    ["nobody", "x" * 500, "%00", "<script>", "Dana", "dana/../sam"],
)
def test_unknown_practitioner_is_ignored_with_a_notice(client, clinic, value):
    response = client.get("/book/", {"practitioner": value})
    html = response.content.decode()
    assert response.status_code == 200
    assert checked(html) == ["any"]
    assert "We could not find the practitioner in your link" in html


def test_any_is_not_a_missing_practitioner(client, clinic):
    html = client.get("/book/?practitioner=any").content.decode()
    assert "We could not find the practitioner" not in html


def test_inactive_practitioner_is_not_preselected(client, clinic):
    clinic.sam.active = False
    clinic.sam.save()
    html = client.get("/book/?practitioner=sam").content.decode()
    assert checked(html) == ["any"]


def test_chosen_practitioner_is_carried_to_the_times(client, clinic):
    response = client.get("/book/times/?service=treatment&practitioner=dana")
    assert re.search(r'<option value="dana" selected>', response.content.decode())
