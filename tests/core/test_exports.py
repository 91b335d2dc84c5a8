"""Spreadsheet exports never carry a live formula: checked on the contact form's submissions
through the admin, on the rule itself, and on every admin listing that exports."""

import csv
from decimal import Decimal

import pytest
from django.urls import get_resolver
from wagtail.admin.viewsets import viewsets
from wagtail.admin.viewsets.base import ViewSetGroup

from core.exports import SafeSpreadsheetExportMixin, neutralise_formula
from tests.factories import ContactPageFactory

EVIL = '=HYPERLINK("https://evil.example","x")'


@pytest.mark.parametrize(
    "text", [EVIL, "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(1,1)", "\t=1+1", "\r=1+1"]
)
def test_text_a_spreadsheet_would_evaluate_gets_an_apostrophe(text):
    assert neutralise_formula(text) == "'" + text


@pytest.mark.parametrize("value", ["Ana Silva", "ana@example.com", "", "a=b", Decimal("-5.00"), 3])
def test_other_values_are_kept(value):
    assert neutralise_formula(value) == value


@pytest.mark.django_db
def test_contact_submissions_csv_writes_formulas_as_text(admin_client, home):
    contact = ContactPageFactory(parent=home)
    contact.get_submission_class().objects.create(
        page=contact, form_data={"your_name": EVIL, "e_mail": "a@example.com", "message": "Hi"}
    )
    response = admin_client.get(f"/admin/forms/submissions/{contact.pk}/?export=csv")
    rows = list(csv.DictReader(b"".join(response.streaming_content).decode().splitlines()))
    assert rows[0]["Your name"] == "'" + EVIL


def registered_viewsets():
    assert get_resolver().url_patterns  # loading the admin URLs registers every viewset
    pending, found = list(viewsets.viewsets), []
    while pending:
        viewset = pending.pop()
        if isinstance(viewset, ViewSetGroup):
            pending.extend(viewset.registerables)
        else:
            found.append(viewset)
    return found


def exporting_viewsets():
    return [
        viewset
        for viewset in registered_viewsets()
        if isinstance(getattr(viewset, "list_export", None), list | tuple) and viewset.list_export
    ]


def test_bookings_and_comments_are_exported():
    names = {type(viewset).__name__ for viewset in exporting_viewsets()}
    assert {"BookingViewSet", "CommentViewSet"} <= names


@pytest.mark.parametrize("viewset", exporting_viewsets(), ids=lambda v: type(v).__name__)
def test_every_admin_export_neutralises_formulas(viewset):
    assert issubclass(viewset.index_view_class, SafeSpreadsheetExportMixin)
