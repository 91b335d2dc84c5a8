"""Writes of the staff side of home programmes: send the patient's signed link (and so retire
the previous one), revoke it, and copy a library programme or routine into a new programme.
Each is one transaction; the e-mail is written to the outbox inside it and sent after commit."""

from datetime import date, datetime, timedelta
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import Page, Site

from booking import formatting
from booking import selectors as booking_selectors
from booking.models import Booking, Patient, Practitioner, Service
from booking.selectors.patients import is_erased
from core.outbox.models import OutboxMessage
from core.outbox.services import outbox_enqueue
from exercises.dosage import DOSAGE_FIELD_NAMES
from exercises.models import ExercisePage, ProgramPage, RoutinePage
from homecare.models import HomeProgramme, HomeProgrammeItem
from homecare.tokens import programme_token

EMAIL_KIND = "home_programme"
SENT = "homecare.send"
REVOKED = "homecare.revoke"
COPIED = "homecare.copy"


class HomecareError(Exception):
    """A refusal staff can read, e.g. a patient with no e-mail address."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def programme_url(programme: HomeProgramme) -> str:
    """The patient's signed link, absolute, for the e-mail (the site's address, like booking's
    e-mail links)."""
    token = programme_token(programme_id=programme.pk, version=programme.link_version)
    site = Site.objects.filter(is_default_site=True).first()
    base = site.root_url if site else getattr(settings, "WAGTAILADMIN_BASE_URL", "")
    return f"{base.rstrip('/')}{reverse('homecare_programme')}?" + urlencode({"t": token})


def _email_enqueue(*, programme: HomeProgramme) -> OutboxMessage | None:
    """The patient's e-mail with the link: the programme's title only, no health detail."""
    rules = booking_selectors.booking_settings()
    practice = booking_selectors.practice_details(rules.site if rules.site_id else None)
    context = {
        "programme": programme,
        "patient_name": programme.patient.name,
        "practitioner_name": programme.practitioner.name,
        "practice": practice,
        "url": programme_url(programme),
        "expires": formatting.day_label(programme.expires_at.astimezone(rules.zone)),
    }
    return outbox_enqueue(
        kind=EMAIL_KIND,
        reference=f"programme-{programme.pk}",
        to=programme.patient.email,
        subject=f"Your home programme from {practice['name']}",
        text=render_to_string("homecare/email/link.txt", context),
        html=render_to_string("homecare/email/link.html", context),
    )


def home_programme_send(
    *, programme: HomeProgramme, user: Any, now: datetime | None = None
) -> HomeProgramme:
    """E-mail the patient a new signed link. The version goes up by one, so any link sent
    before stops working; the new one works for the programme's `link_days`."""
    now = now or timezone.now()
    with transaction.atomic():
        programme = (
            HomeProgramme.objects.select_for_update()
            .select_related("patient", "practitioner")
            .get(pk=programme.pk)
        )
        patient = programme.patient
        if not patient.email or is_erased(patient):
            raise HomecareError("This patient has no e-mail address to send the link to.")
        programme.link_version += 1
        programme.sent_at = now
        programme.expires_at = now + timedelta(days=programme.link_days)
        programme.revoked_at = None
        programme.save(update_fields=["link_version", "sent_at", "expires_at", "revoked_at"])
        _email_enqueue(programme=programme)
        log(instance=programme, action=SENT, user=user)
    return programme


def home_programme_revoke(
    *, programme: HomeProgramme, user: Any, now: datetime | None = None
) -> HomeProgramme:
    """End the patient's link now. Sending again gives them a new one."""
    now = now or timezone.now()
    with transaction.atomic():
        programme = HomeProgramme.objects.select_for_update().get(pk=programme.pk)
        if programme.sent_at is None:
            raise HomecareError("No link has been sent for this programme yet.")
        if programme.revoked_at is None:
            programme.revoked_at = now
            programme.save(update_fields=["revoked_at"])
            log(instance=programme, action=REVOKED, user=user)
    return programme


# --- copy from the library -------------------------------------------------------------------


def _routine_items(routine: RoutinePage) -> list[HomeProgrammeItem]:
    """One item per exercise of the routine, with the routine's dosage for it."""
    return [
        HomeProgrammeItem(
            exercise=item.exercise,
            note=item.note,
            **{name: getattr(item, name) for name in DOSAGE_FIELD_NAMES},
        )
        for item in routine.items.select_related("exercise").order_by("sort_order")
    ]


def _programme_items(source: ProgramPage) -> list[HomeProgrammeItem]:
    """One item per exercise or routine of the programme's days, each once, in order (a
    home programme is the same every day), with the first note given for it."""
    picks: list[tuple[int, str]] = []
    for day in source.days.order_by("sort_order"):
        for block in day.items:
            page = block.value.get("page")
            if page is not None and page.pk not in {pk for pk, _ in picks}:
                picks.append((page.pk, block.value.get("note") or ""))
    ids = [pk for pk, _ in picks]
    exercises = ExercisePage.objects.live().in_bulk(ids)
    routines = RoutinePage.objects.live().in_bulk(ids)
    return [
        HomeProgrammeItem(exercise=exercises.get(pk), routine=routines.get(pk), note=note)
        for pk, note in picks
        if pk in exercises or pk in routines
    ]


def home_programme_copy(
    *,
    source: Page,
    patient: Patient,
    practitioner: Practitioner,
    start_date: date,
    user: Any,
    service: Service | None = None,
    booking: Booking | None = None,
) -> HomeProgramme:
    """A new programme for the patient with the exercises of a library programme or routine,
    to adjust in the edit form. Built by `user`."""
    specific = source.specific
    if isinstance(specific, RoutinePage):
        items = _routine_items(specific)
    elif isinstance(specific, ProgramPage):
        items = _programme_items(specific)
    else:
        raise HomecareError("Choose a programme or a routine of the library.")
    if not items:
        raise HomecareError("That page has no exercises that are live to copy.")
    with transaction.atomic():
        programme = HomeProgramme.objects.create(
            patient=patient,
            practitioner=practitioner,
            service=service,
            booking=booking,
            built_by=user,
            title=str(specific.title)[:120],
            start_date=start_date,
        )
        for order, item in enumerate(items):
            item.programme = programme
            item.sort_order = order
        HomeProgrammeItem.objects.bulk_create(items)
        log(instance=programme, action=COPIED, user=user, data={"source": source.pk})
    return programme
