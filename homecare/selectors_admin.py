"""Reads for the staff side of home programmes: who sees which programme, a programme's
adherence grid, the library pages a programme can be copied from and the booking a programme
starts from. (The patient's side reads through homecare.selectors.)

Home programmes are health data: a user sees a programme when they built it, or hold
`homecare.view_all_homeprogrammes` (the Reception group), or are a superuser."""

from datetime import date
from typing import Any

from django.db.models import QuerySet
from wagtail.models import Page

from booking.models import Booking
from exercises.models import ProgramPage, RoutinePage
from homecare.adherence import Adherence, adherence, adherence_window
from homecare.models import HomeProgramme, HomeProgrammeItem, HomeProgrammeTick

VIEW_ALL = "homecare.view_all_homeprogrammes"
REMOVED = "(no longer in the library)"


def sees_all_programmes(user: Any) -> bool:
    return bool(user.is_active and (user.is_superuser or user.has_perm(VIEW_ALL)))


def programmes_visible_to(*, user: Any) -> QuerySet[HomeProgramme]:
    """The programmes this user may see in the admin (the model permissions aside)."""
    programmes = HomeProgramme.objects.all()
    if not user.is_authenticated or not user.is_active:
        return programmes.none()
    if sees_all_programmes(user):
        return programmes
    return programmes.filter(built_by=user)


def patient_programmes(*, user: Any, patient_id: int) -> list[HomeProgramme]:
    """One patient's programmes this user may see, newest first, with their practitioner."""
    return list(
        programmes_visible_to(user=user)
        .filter(patient_id=patient_id)
        .select_related("practitioner")
        .order_by("-created_at", "-pk")
    )


def programme_for_staff(*, user: Any, pk: int) -> HomeProgramme | None:
    """One programme, with its patient and practitioner, if this user may see it."""
    return (
        programmes_visible_to(user=user)
        .select_related("patient", "practitioner", "service")
        .filter(pk=pk)
        .first()
    )


def item_label(item: HomeProgrammeItem) -> str:
    target = item.exercise or item.routine
    return str(target.title) if target is not None else REMOVED


def programme_items(*, programme: HomeProgramme) -> list[HomeProgrammeItem]:
    """The items in order, with their exercise or routine, in one query."""
    return list(
        HomeProgrammeItem.objects.filter(programme=programme)
        .select_related("exercise", "routine")
        .order_by("sort_order", "pk")
    )


def programme_adherence(*, programme: HomeProgramme, today: date) -> Adherence:
    """Days done per item from the start to today (the last days only, when longer): two
    queries however many items and days."""
    items = programme_items(programme=programme)
    days = adherence_window(start=programme.start_date, today=today)
    ticks: list[tuple[int, date]] = []
    if days and items:
        ticks = list(
            HomeProgrammeTick.objects.filter(
                item__programme=programme, day__gte=days[0], day__lte=days[-1]
            ).values_list("item_id", "day")
        )
    return adherence(
        start=programme.start_date,
        today=today,
        items=[(item.pk, item_label(item)) for item in items],
        ticks=ticks,
    )


def library_sources() -> QuerySet[Page]:
    """Live programmes and routines of the library, to copy from, by title."""
    pages: QuerySet[Page] = Page.objects.live().type(ProgramPage, RoutinePage).order_by("title")
    return pages


def booking_to_start_from(*, pk: int | str | None) -> Booking | None:
    """The appointment a programme is given after, with what the form is prefilled from."""
    if pk is None or not str(pk).isdigit():
        return None
    return (
        Booking.objects.select_related("patient", "practitioner", "service").filter(pk=pk).first()
    )
