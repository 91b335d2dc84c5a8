"""The booking page: one Wagtail page whose sub-routes are the steps of the booking flow."""

from typing import Any

from django.db import models
from wagtail.admin.panels import FieldPanel, PageChooserPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField

from core.models import BasePage


class BookingPage(RoutablePageMixin, BasePage):
    intro = RichTextField(
        blank=True,
        features=["bold", "italic", "link"],
        help_text="Shown above the list of services, e.g. what to expect and how to pay.",
    )
    confirmation_text = RichTextField(
        blank=True,
        features=["bold", "italic", "link"],
        help_text="Shown after booking, e.g. where to park and what to wear.",
    )
    # The base class is untyped (Wagtail), so django-stubs needs the field types spelled out.
    privacy_page: models.ForeignKey[Any, Any] = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The privacy policy the consent checkbox links to.",
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("intro"),
        FieldPanel("confirmation_text"),
        PageChooserPanel("privacy_page"),
    ]
    seo_description_sources = ["search_description"]
    parent_page_types = ["core.HomePage"]
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        verbose_name = "booking page"

    # Each route is a step; the work is done in booking.views, which keeps `page` in the context.
    @path("")
    def choose_service(self, request):
        from booking import views

        return views.choose_service(request, self)

    @path("times/")
    def choose_time(self, request):
        from booking import views

        return views.choose_time(request, self)

    @path("details/")
    def details(self, request):
        from booking import views

        return views.details(request, self)

    @path("review/")
    def review(self, request):
        from booking import views

        return views.review(request, self)

    @path("done/")
    def done(self, request):
        from booking import views

        return views.done(request, self)

    @path("calendar/")
    def calendar_file(self, request):
        from booking import views

        return views.calendar_file(request, self)

    @path("manage/")
    def manage(self, request):
        from booking import views

        return views.manage(request, self)

    @path("manage/move/")
    def reschedule(self, request):
        from booking import views

        return views.reschedule(request, self)
