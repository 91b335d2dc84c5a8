"""The write path: holds, confirmation, codes, cancel, reschedule, expiry, reminders, outbox."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from booking import services
from booking.models import Patient, PromoCode, Status
from core.models import OutboxMessage
from tests.booking.factories import BookingFactory, PatientFactory, PromoCodeFactory
from tests.booking.helpers import future_slot, hold

pytestmark = pytest.mark.django_db


def test_hold_snapshots_price_and_reserves_the_code(clinic):
    PromoCodeFactory(code="FIRST15", percent_off="15", first_visit_only=True)
    booking = hold(clinic, code=" first15 ", email=" Ana@Example.COM ")
    assert booking.status == Status.HELD
    assert booking.hold_expires_at > timezone.now()
    assert booking.patient.email == "ana@example.com"
    assert booking.service_name == "Treatment"
    assert booking.price == Decimal("95.00")
    assert booking.promo_code_text == "FIRST15"
    assert booking.discount == Decimal("14.25")
    assert booking.total == Decimal("80.75")
    assert booking.blocked_until == booking.end + timedelta(minutes=10)
    # later edits to the service or the code never change the booking
    clinic.treatment.price = Decimal("200")
    clinic.treatment.save()
    PromoCode.objects.filter(code="FIRST15").update(percent_off=50)
    booking = services.booking_confirm(booking=booking, settings=clinic.rules)
    booking.refresh_from_db()
    assert booking.total == Decimal("80.75")
    assert booking.price == Decimal("95.00")


def test_overlap_is_refused_inside_the_transaction(clinic):
    start = future_slot(clinic.rules)
    hold(clinic, start=start)
    with pytest.raises(services.SlotUnavailable):
        hold(
            clinic,
            start=start + timedelta(minutes=30),
            service=clinic.assessment,
            email="b@example.com",
        )
    # the buffer counts: the treatment ends at +45, blocked until +55
    with pytest.raises(services.SlotUnavailable):
        hold(clinic, start=start + timedelta(minutes=45), email="c@example.com")
    # another practitioner is free
    assert hold(clinic, start=start, practitioner=clinic.sam, email="d@example.com")


def test_the_database_itself_refuses_overlaps(clinic):
    start = future_slot(clinic.rules)
    BookingFactory(practitioner=clinic.dana, service=clinic.treatment, start=start)
    overlapping = BookingFactory.build(
        practitioner=clinic.dana,
        service=clinic.treatment,
        patient=PatientFactory(),
        start=start + timedelta(minutes=20),
    )
    if connection.vendor == "postgresql":
        with pytest.raises(IntegrityError), transaction.atomic():
            overlapping.save()
    else:
        # SQLite cannot declare the constraint; the services re-check inside IMMEDIATE transactions
        with pytest.raises(services.SlotUnavailable):
            hold(clinic, start=start + timedelta(minutes=20), email="x@example.com")


def test_a_slot_not_offered_is_refused(clinic):
    with pytest.raises(services.SlotUnavailable):
        hold(clinic, start=future_slot(clinic.rules, hh=9, mm=7))  # off the step grid
    with pytest.raises(services.SlotUnavailable):
        hold(clinic, start=timezone.now() + timedelta(hours=1))  # inside the minimum notice
    with pytest.raises(services.SlotUnavailable):
        hold(clinic, start=future_slot(clinic.rules, days=90))  # beyond the horizon
    with pytest.raises(services.SlotUnavailable):
        hold(clinic, start=future_slot(clinic.rules, hh=2))  # outside working hours


def test_details_are_validated(clinic):
    with pytest.raises(services.BookingError) as error:
        hold(clinic, email="not-an-email")
    assert error.value.field == "email"
    with pytest.raises(services.BookingError):
        services.booking_hold(
            service=clinic.treatment,
            practitioner=clinic.dana,
            start=future_slot(clinic.rules),
            name="A",
            email="a@example.com",
            consent=False,
            settings=clinic.rules,
        )


def test_new_patients_only_service_refuses_known_patients(clinic):
    PatientFactory(email="known@example.com", known_to_clinic=True)
    with pytest.raises(services.BookingError, match="new patients"):
        hold(clinic, service=clinic.assessment, email="known@example.com")


def test_failed_code_is_recorded_with_its_reason_and_the_full_price(clinic):
    PatientFactory(email="back@example.com", known_to_clinic=True)
    PromoCodeFactory(code="FIRST15", first_visit_only=True)
    booking = hold(clinic, code="FIRST15", email="back@example.com")
    assert booking.promo is None
    assert booking.total == Decimal("95.00")
    assert booking.promo_attempt == "FIRST15"
    assert booking.promo_attempt_reason == "first_visit_only"
    booking = services.booking_apply_promo(booking=booking, code="nope")
    assert booking.promo_attempt_reason == "unknown"


def test_first_visit_code_after_an_earlier_confirmed_booking(clinic):
    PromoCodeFactory(code="FIRST15", first_visit_only=True, max_uses_per_patient=None)
    first = services.booking_confirm(booking=hold(clinic, code="FIRST15"), settings=clinic.rules)
    assert first.promo_code_text == "FIRST15"
    second = hold(clinic, start=future_slot(clinic.rules, hh=14), code="FIRST15")
    # Still refused, for the true reason: the first appointment is booked, not yet a visit.
    assert second.promo_attempt_reason == "first_visit_booked"


def test_expired_hold_frees_slot_and_code_use(clinic):
    PromoCodeFactory(code="ONCE", max_uses=1, max_uses_per_patient=None)
    start = future_slot(clinic.rules)
    first = hold(clinic, start=start, code="ONCE")
    assert first.promo_id
    # while held, the use is reserved
    other = hold(clinic, start=future_slot(clinic.rules, hh=14), code="ONCE", email="b@example.com")
    assert other.promo_attempt_reason == "used_up"
    later = timezone.now() + timedelta(minutes=11)
    assert services.holds_expire(now=later) == 2
    again = hold(clinic, start=start, code="ONCE", email="c@example.com", now=later)
    assert again.promo_id
    assert again.status == Status.HELD


def test_confirming_an_expired_hold_works_while_the_time_is_free(clinic):
    booking = hold(clinic)
    later = timezone.now() + timedelta(minutes=30)
    confirmed = services.booking_confirm(booking=booking, now=later, settings=clinic.rules)
    assert confirmed.status == Status.CONFIRMED


def test_a_released_hold_cannot_be_confirmed(clinic):
    booking = hold(clinic)
    services.booking_release(booking=booking)
    with pytest.raises(services.HoldReleased):
        services.booking_confirm(booking=booking, settings=clinic.rules)
    booking.refresh_from_db()
    assert booking.status == Status.EXPIRED


def test_a_released_hold_stays_refused_after_its_hold_time(clinic):
    booking = hold(clinic)
    services.booking_release(booking=booking)
    later = timezone.now() + timedelta(minutes=30)
    with pytest.raises(services.HoldReleased):
        services.booking_confirm(booking=booking, now=later, settings=clinic.rules)


def test_confirming_an_expired_hold_whose_time_was_taken_fails(clinic):
    start = future_slot(clinic.rules)
    booking = hold(clinic, start=start)
    later = timezone.now() + timedelta(minutes=30)
    hold(clinic, start=start, email="fast@example.com", now=later)
    with pytest.raises(services.SlotUnavailable):
        services.booking_confirm(booking=booking, now=later, settings=clinic.rules)


def test_confirm_is_idempotent_and_queues_two_mails(clinic, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        booking = services.booking_confirm(booking=hold(clinic), settings=clinic.rules)
    services.booking_confirm(booking=booking, settings=clinic.rules)
    assert OutboxMessage.objects.count() == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["ana@example.com", "staff@example.com"]
    assert Patient.objects.get().name == "Ana Silva"


def test_cancel_gives_back_the_time_and_the_code(clinic):
    PromoCodeFactory(code="ONCE", max_uses=1, max_uses_per_patient=None)
    start = future_slot(clinic.rules)
    booking = services.booking_confirm(
        booking=hold(clinic, start=start, code="ONCE"), settings=clinic.rules
    )
    services.booking_cancel(booking=booking, settings=clinic.rules)
    booking.refresh_from_db()
    assert booking.status == Status.CANCELLED
    assert booking.cancelled_by == "patient"
    again = hold(clinic, start=start, code="ONCE", email="b@example.com")
    assert again.promo_id


def test_patients_cannot_cancel_after_the_cutoff_but_staff_can(clinic):
    booking = services.booking_confirm(
        booking=hold(clinic, start=future_slot(clinic.rules, days=3)), settings=clinic.rules
    )
    late = booking.start - timedelta(hours=5)
    with pytest.raises(services.TooLate):
        services.booking_cancel(booking=booking, now=late, settings=clinic.rules)
    services.booking_cancel(booking=booking, by="staff", now=late, settings=clinic.rules)
    booking.refresh_from_db()
    assert booking.status == Status.CANCELLED


def test_reschedule_keeps_a_valid_code_and_drops_an_expired_one(clinic):
    promo = PromoCodeFactory(code="SPRING", percent_off="10", max_uses_per_patient=None)
    booking = services.booking_confirm(booking=hold(clinic, code="SPRING"), settings=clinic.rules)
    new_start = future_slot(clinic.rules, hh=14)
    moved, note = services.booking_reschedule(
        booking=booking, practitioner=clinic.sam, start=new_start, settings=clinic.rules
    )
    assert moved.start == new_start
    assert moved.practitioner == clinic.sam
    assert moved.promo_id
    assert note == ""
    assert moved.sequence == 1
    promo.valid_until = timezone.now() - timedelta(minutes=1)
    promo.save()
    moved, note = services.booking_reschedule(
        booking=moved,
        practitioner=clinic.sam,
        start=future_slot(clinic.rules, hh=15),
        settings=clinic.rules,
    )
    assert moved.promo is None
    assert moved.total == Decimal("95.00")
    assert "expired" in note


def test_reschedule_into_a_taken_slot_is_refused(clinic):
    a = services.booking_confirm(booking=hold(clinic), settings=clinic.rules)
    hold(clinic, start=future_slot(clinic.rules, hh=14), email="b@example.com")
    with pytest.raises(services.SlotUnavailable):
        services.booking_reschedule(
            booking=a,
            practitioner=clinic.dana,
            start=future_slot(clinic.rules, hh=14),
            settings=clinic.rules,
        )
    # moving by a quarter of an hour overlaps only itself, which is fine
    moved, _ = services.booking_reschedule(
        booking=a,
        practitioner=clinic.dana,
        start=future_slot(clinic.rules, hh=10, mm=15),
        settings=clinic.rules,
    )
    assert moved.start == future_slot(clinic.rules, hh=10, mm=15)


def test_staff_outcomes(clinic):
    booking = services.booking_confirm(booking=hold(clinic), settings=clinic.rules)
    after = booking.start + timedelta(minutes=50)
    assert (
        services.booking_set_outcome(booking=booking, status=Status.NO_SHOW, now=after).status
        == Status.NO_SHOW
    )
    assert (
        services.booking_set_outcome(booking=booking, status=Status.COMPLETED, now=after).status
        == Status.COMPLETED
    )
    with pytest.raises(services.BookingError):
        services.booking_set_outcome(booking=booking, status=Status.CANCELLED, now=after)


def test_an_appointment_still_to_come_cannot_be_marked(clinic):
    booking = services.booking_confirm(booking=hold(clinic), settings=clinic.rules)
    with pytest.raises(services.BookingError, match="not started yet"):
        services.booking_set_outcome(booking=booking, status=Status.COMPLETED)


def test_an_attended_visit_makes_a_returning_patient_and_a_no_show_does_not(clinic):
    from booking import selectors

    booking = services.booking_confirm(booking=hold(clinic), settings=clinic.rules)
    after = booking.start + timedelta(hours=2)
    services.booking_set_outcome(booking=booking, status=Status.NO_SHOW, now=after)
    assert not selectors.patient_is_returning(patient=booking.patient, now=after)
    services.booking_set_outcome(booking=booking, status=Status.COMPLETED, now=after)
    assert selectors.patient_is_returning(patient=booking.patient, now=after)


def test_reminders_are_sent_once(clinic, django_capture_on_commit_callbacks):
    booking = services.booking_confirm(booking=hold(clinic), settings=clinic.rules)
    mail.outbox.clear()
    soon = booking.start - timedelta(hours=20)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.reminders_send(now=soon, settings=clinic.rules) == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert services.reminders_send(now=soon, settings=clinic.rules) == 0
    assert [m.subject.startswith("Reminder") for m in mail.outbox] == [True]
    # too early: nothing
    booking2 = services.booking_confirm(
        booking=hold(clinic, start=future_slot(clinic.rules, days=10), email="z@example.com"),
        settings=clinic.rules,
    )
    assert (
        services.reminders_send(now=booking2.start - timedelta(hours=30), settings=clinic.rules)
        == 0
    )


def test_send_reminders_command_is_idempotent(clinic, django_capture_on_commit_callbacks):
    from unittest import mock

    from django.core.management import call_command

    booking = services.booking_confirm(booking=hold(clinic), settings=clinic.rules)
    with mock.patch(
        "booking.services.guards.timezone.now", return_value=booking.start - timedelta(hours=10)
    ):
        call_command("send_reminders")
        call_command("send_reminders")
    assert OutboxMessage.objects.filter(kind="reminder").count() == 1


def test_promo_code_model_rules():
    code = PromoCode(code=" spring 10 ", percent_off=Decimal("10"))
    code.full_clean()
    assert code.code == "SPRING10"
    code.save()
    with pytest.raises(ValidationError):
        PromoCode(code="Spring10", percent_off=Decimal("5")).full_clean()  # case-insensitive unique
    with pytest.raises(ValidationError):
        PromoCode(code="BOTH", percent_off=Decimal("5"), amount_off=Decimal("5")).full_clean()
    with pytest.raises(ValidationError):
        PromoCode(code="NONE").full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        PromoCode.objects.create(code="DBBOTH", percent_off=Decimal("5"), amount_off=Decimal("5"))
