"""Admin of the booking app: a "Bookings" menu (visible only with booking permissions) with the
business data, the schedule and the outbox, plus dashboard panels."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from booking import admin_patients, admin_views
from booking.models import (
    Booking,
    Closure,
    ExtraHours,
    Patient,
    Practitioner,
    PromoCode,
    Service,
)
from core.outbox.viewsets import OutboxViewSet


class NoAddPolicy(ModelPermissionPolicy):
    """Records that only the booking flow creates: staff may view and change, never add."""

    def user_has_permission(self, user, action) -> bool:
        if action == "add":
            return False
        return super().user_has_permission(user, action)


class ServiceViewSet(ModelViewSet):
    model = Service
    icon = "tag"
    menu_order = 300
    list_display = ["name", "duration_minutes", "price", BooleanColumn("active"), "sort_order"]
    list_filter = ["active", "new_patients_only"]
    search_fields = ["name", "slug"]
    ordering = ["sort_order", "name"]


class PractitionerViewSet(ModelViewSet):
    model = Practitioner
    icon = "user"
    index_view_class = admin_views.PractitionerIndexView
    menu_order = 310
    list_display = ["name", "person", BooleanColumn("active")]
    list_filter = ["active", "services"]
    search_fields = ["name", "slug"]


class ClosureViewSet(ModelViewSet):
    model = Closure
    icon = "lock"
    menu_order = 320
    list_display = ["__str__", "reason", "public_reason"]
    list_filter = ["practitioner"]


class ExtraHoursViewSet(ModelViewSet):
    model = ExtraHours
    icon = "time"
    menu_order = 330
    menu_label = "Extra hours"
    list_display = ["__str__", "note"]
    list_filter = ["practitioner"]


class PatientViewSet(ModelViewSet):
    model = Patient
    icon = "group"
    menu_order = 340
    list_display = ["name", "email", "phone", BooleanColumn("known_to_clinic")]
    list_filter = ["known_to_clinic"]
    search_fields = ["name", "email", "phone"]
    inspect_view_enabled = True
    copy_view_enabled = False
    # Each staff view of a patient is logged; the listing links to the full record.
    index_view_class = admin_patients.PatientIndexView
    inspect_view_class = admin_patients.PatientInspectView
    edit_view_class = admin_patients.PatientEditView


class PromoCodeViewSet(ModelViewSet):
    model = PromoCode
    icon = "pick"
    menu_order = 350
    index_view_class = admin_views.PromoIndexView
    inspect_view_class = admin_views.PromoInspectView
    inspect_view_enabled = True
    list_display = [
        "code",
        Column("discount", label="Discount", accessor="discount_label"),
        Column("uses", label="Uses so far", sort_key="uses"),
        "max_uses",
        "valid_until",
        BooleanColumn("active"),
    ]
    list_filter = ["active", "first_visit_only"]
    search_fields = ["code", "description"]


class BookingViewSet(ModelViewSet):
    model = Booking
    icon = "date"
    menu_order = 290
    index_view_class = admin_views.BookingIndexView
    inspect_view_class = admin_views.BookingInspectView
    filterset_class = admin_views.BookingFilterSet
    permission_policy = NoAddPolicy(Booking)
    inspect_view_enabled = True
    copy_view_enabled = False
    list_per_page = 50
    ordering = ["-start"]
    list_display = [
        "reference",
        admin_views.LocalTimeColumn("start", label="When", sort_key="start"),
        "patient_name",
        "service_name",
        "practitioner",
        Column("status", label="Status", accessor="get_status_display", sort_key="status"),
        "promo_code_text",
        "total",
    ]
    search_fields = ["reference", "patient_name", "patient__email"]
    list_export = [
        "reference",
        "status",
        "start",
        "end",
        "patient_name",
        "patient.email",
        "patient_phone",
        "service_name",
        "duration_minutes",
        "practitioner.name",
        "price",
        "promo_code_text",
        "discount",
        "total",
        "currency",
        "created_at",
    ]
    export_headings = {
        "patient.email": "E-mail",
        "practitioner.name": "Practitioner",
        "promo_code_text": "Code",
    }
    export_filename = "bookings"
    inspect_view_fields = [
        "reference",
        "status",
        "start",
        "end",
        "patient_name",
        "patient_phone",
        "patient",
        "notes",
        "service_name",
        "practitioner",
        "price",
        "promo_code_text",
        "discount",
        "total",
        "promo_attempt",
        "promo_attempt_reason",
        "source_page",
        "created_at",
        "confirmed_at",
        "cancelled_at",
        "cancelled_by",
        "reminder_sent_at",
        "staff_notes",
    ]


class PermissionMenuItem(MenuItem):
    """A menu item shown only to users with one permission."""

    def __init__(self, *args, permission: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request) -> bool:
        return request.user.has_perm(self.permission)


class StaffPageViewSet(ViewSet):
    """One staff page of the booking app, in the Bookings menu for users with `permission`."""

    permission = "booking.view_booking"

    @property
    def menu_url(self) -> str:
        return reverse(f"{self.name}:index")

    def get_menu_item(self, order=None):
        return PermissionMenuItem(
            label=self.menu_label,
            url=self.menu_url,
            name=self.menu_name,
            icon_name=self.menu_icon,
            order=order if order is not None else self.menu_order,
            permission=self.permission,
        )


class ScheduleViewSet(StaffPageViewSet):
    name = "booking_schedule"
    icon = "calendar-alt"
    menu_label = "Schedule"
    menu_order = 280
    url_prefix = "booking/schedule"

    def get_urlpatterns(self):
        return [path("", admin_views.ScheduleView.as_view(), name="index")]


class NewBookingViewSet(StaffPageViewSet):
    """Reception books a patient who phones or walks in (admin_views.new_booking)."""

    name = "booking_new"
    icon = "plus"
    menu_label = "New booking"
    menu_order = 285
    url_prefix = "booking/new"
    permission = admin_views.NEW_BOOKING_PERMISSION

    def get_urlpatterns(self):
        return [path("", admin_views.new_booking, name="index")]


class ContentReportViewSet(ScheduleViewSet):
    name = "booking_content_report"
    icon = "doc-full"
    menu_label = "Content that books"
    menu_order = 285
    url_prefix = "booking/content-that-books"

    def get_urlpatterns(self):
        return [path("", admin_views.ContentReportView.as_view(), name="index")]

    @property
    def menu_url(self) -> str:
        return reverse("booking_content_report:index")


class BookingsGroup(ViewSetGroup):
    menu_label = "Bookings"
    menu_icon = "date"
    menu_order = 250
    items = (
        ScheduleViewSet(),
        NewBookingViewSet(),
        ContentReportViewSet(),
        BookingViewSet("booking_booking", url_prefix="booking/bookings"),
        ServiceViewSet("booking_service", url_prefix="booking/services"),
        PractitionerViewSet("booking_practitioner", url_prefix="booking/practitioners"),
        ClosureViewSet("booking_closure", url_prefix="booking/closures"),
        ExtraHoursViewSet("booking_extrahours", url_prefix="booking/extra-hours"),
        PatientViewSet("booking_patient", url_prefix="booking/patients"),
        PromoCodeViewSet("booking_promocode", url_prefix="booking/codes"),
        admin_patients.IntakeResponseViewSet("booking_intake", url_prefix="booking/intake"),
        admin_patients.PatientAccessViewSet("booking_access", url_prefix="booking/access-log"),
        # Every e-mail the site sends (core.outbox), shown where Reception works.
        OutboxViewSet("booking_outbox", url_prefix="booking/outbox", menu_order=370),
    )


@hooks.register("register_admin_viewset")
def register_bookings() -> BookingsGroup:
    return BookingsGroup()


class ServiceChooserViewSet(ChooserViewSet):
    """The service chooser. Registering it makes it the admin widget of every ForeignKey to
    Service, such as the booking link of exercises, routines and programmes."""

    model = Service
    icon = "tag"
    choose_one_text = "Choose a service"
    choose_another_text = "Choose another service"
    edit_item_text = "Edit service"
    per_page = 20


@hooks.register("register_admin_viewset")
def register_service_chooser() -> ServiceChooserViewSet:
    return ServiceChooserViewSet("booking_service_chooser", url_prefix="booking/service-chooser")


@hooks.register("register_admin_urls")
def booking_admin_urls():
    return [
        path(
            "booking/bookings/<int:pk>/status/<str:action>/",
            admin_views.booking_action,
            name="booking_booking_action",
        ),
        path(
            "booking/bookings/<int:pk>/move/", admin_views.booking_move, name="booking_booking_move"
        ),
        path(
            "booking/practitioners/<int:pk>/calendar-feed/",
            admin_views.practitioner_calendar_feed,
            name="booking_practitioner_calendar_feed",
        ),
    ]


@hooks.register("register_admin_urls")
def patient_record_urls():
    return admin_patients.urlpatterns()


@hooks.register("construct_homepage_panels")
def booking_panels(request, panels) -> None:
    if request.user.has_perm("booking.view_booking"):
        panels.append(admin_views.AppointmentsPanel())
        panels.append(admin_views.BookingsChartPanel())
