"""The booking page: one Wagtail page whose sub-routes are the steps of the booking flow."""

from typing import Any

from django.db import models
from django.http import HttpRequest, HttpResponse
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

    # Each route is a step, served by the view of the same name in booking.views.ROUTES, which
    # keeps `page` in the context.
    @path("", name="choose_service")
    @path("times/", name="choose_time")
    @path("details/", name="details")
    @path("review/", name="review")
    @path("done/", name="done")
    @path("calendar/", name="calendar_file")
    @path("manage/", name="manage")
    @path("manage/cancel/", name="cancel")
    @path("manage/move/", name="reschedule")
    @path("intake/", name="intake")
    def step(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        from booking import views  # the route edge: views import the models

        match = getattr(request, "routable_resolver_match", None)
        name = match.url_name if match is not None else "choose_service"  # preview: the first step
        return views.ROUTES[name](request, self, **kwargs)
