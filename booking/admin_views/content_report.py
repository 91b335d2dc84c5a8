"""Staff view of which content brings patients: views, booking starts, bookings and codes used
per page over a date range."""

import csv
from datetime import timedelta
from typing import Any
from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.utils import timezone
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from booking import charts, presenters, selectors
from booking.forms import ContentReportForm
from core.exports import neutralise_formula


class ContentReportView(WagtailAdminTemplateMixin, TemplateView):
    """Per page: views, booking starts, bookings and codes used over a date range; sortable,
    as a chart and as CSV (`?export=csv`). Reception and superusers (booking permissions)."""

    template_name = "booking/admin/content_report.html"
    page_title = "Content that books"
    header_icon = "doc-full"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("booking.view_booking"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def _form(self) -> ContentReportForm:
        today = timezone.localdate()
        if "start" in self.request.GET or "end" in self.request.GET:
            return ContentReportForm(self.request.GET)
        return ContentReportForm({"start": today - timedelta(days=29), "end": today})

    def get(self, request, *args, **kwargs):
        form = self._form()
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        sort = presenters.report_sort(request.GET.get("sort", ""))
        rows = presenters.report_rows(
            selectors.content_that_books(
                first=form.cleaned_data["start"],
                last=form.cleaned_data["end"],
                tz=selectors.booking_settings().zone,
            ),
            sort=sort,
        )
        if request.GET.get("export") == "csv":
            return self._csv(rows, form)
        return self.render_to_response(self.get_context_data(form=form, rows=rows, sort=sort))

    def _query(self, form: ContentReportForm, **extra: str) -> str:
        dates = {k: form.cleaned_data[k].isoformat() for k in ("start", "end")}
        return "?" + urlencode({**dates, **extra})

    def _csv(self, rows, form: ContentReportForm) -> HttpResponse:
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="content-that-books-{start}-{end}.csv"'
        )
        writer = csv.writer(response)
        for line in presenters.report_csv_rows(rows):
            writer.writerow([neutralise_formula(cell) for cell in line])
        return response

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        form, rows = kwargs["form"], kwargs.get("rows")
        if rows is not None:
            sort = kwargs["sort"]
            context["table"] = presenters.report_table(
                rows, sort=sort, sort_url=lambda key: self._query(form, sort=key)
            )
            context["chart"] = charts.content_bars(
                [{"title": r.title, "starts": r.starts, "bookings": r.bookings} for r in rows]
            )
            context["csv_url"] = self._query(form, sort=sort, export="csv")
        return context
