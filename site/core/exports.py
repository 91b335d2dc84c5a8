"""Spreadsheet exports that cannot carry a live formula.

Wagtail's XLSX export already writes any cell openpyxl would read as a formula as a plain string;
its CSV export writes text as is, so a name such as `=HYPERLINK("https://evil.example","x")` opens
as a working formula. Every admin listing with `list_export` uses SafeSpreadsheetExportMixin.
"""

from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.contrib.forms.views import SubmissionsListView

# A spreadsheet reads a cell that starts with one of these as a formula (OWASP "CSV injection").
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value):
    """Text that a spreadsheet would evaluate gets a leading apostrophe; anything else is kept."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


class SafeSpreadsheetExportMixin(SpreadsheetExportMixin):
    """Put first in the bases of an index view, before Wagtail's own view class."""

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        if export_format == self.FORMAT_CSV:
            return neutralise_formula(value)
        return value

    def get_heading(self, queryset, field):
        return neutralise_formula(super().get_heading(queryset, field))


class SafeSubmissionsListView(SafeSpreadsheetExportMixin, SubmissionsListView):
    """The contact form's submissions listing and its CSV export."""
