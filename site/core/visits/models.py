"""Counts per page and day. No row says anything about a visitor."""

from django.db import models

KIND_VIEW = "view"
KIND_START = "start"
KINDS = (KIND_VIEW, KIND_START)


class PageDayCount(models.Model):
    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="+",
        help_text="The page read, or the page a booking journey started from.",
    )
    day = models.DateField(help_text="The day in the practice's time zone.")
    views = models.PositiveIntegerField(
        default=0, help_text="Times the page was shown (counted by a script after it loaded)."
    )
    booking_starts = models.PositiveIntegerField(
        default=0, help_text="Times the booking flow was opened from this page."
    )

    class Meta:
        verbose_name = "page count"
        constraints = [
            models.UniqueConstraint(fields=["page", "day"], name="visits_one_count_per_page_day")
        ]
        indexes = [models.Index(fields=["day"], name="visits_count_day")]

    def __str__(self) -> str:
        return f"{self.page_id} on {self.day}: {self.views} views, {self.booking_starts} starts"
