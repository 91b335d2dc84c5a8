"""Admin views of the exercise library: the 'Due for clinical review' report."""

from django.utils import timezone
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.permissions import page_permission_policy

from exercises import selectors


class ReviewDueReport(ReportView):
    """Exercises whose review date has passed or falls within 30 days, with their reviewer."""

    page_title = "Due for clinical review"
    header_icon = "calendar-alt"
    index_url_name = "exercises_review_due"
    index_results_url_name = "exercises_review_due_results"
    permission_policy = page_permission_policy
    permission_required = "change"
    list_export = ["title", "next_review", "last_reviewed", "reviewer"]
    export_headings = {
        "next_review": "Review due",
        "last_reviewed": "Last reviewed",
        "reviewer": "Reviewer",
    }
    columns = [
        TitleColumn("title", label="Exercise", url_name="wagtailadmin_pages:edit"),
        DateColumn("next_review", label="Review due"),
        DateColumn("last_reviewed", label="Last reviewed"),
        Column("reviewer", label="Reviewer", accessor=lambda p: p.reviewer or "Nobody yet"),
    ]

    def get_queryset(self):
        return selectors.exercises_due_for_review(today=timezone.localdate())
