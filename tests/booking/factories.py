"""Factories and builders for booking tests."""

from datetime import time, timedelta
from decimal import Decimal

import factory
import wagtail_factories

from booking.models import (
    Booking,
    BookingPage,
    BookingSettings,
    Patient,
    Practitioner,
    PromoCode,
    Service,
    Status,
    WorkingHours,
)
from tests.factories import PersonFactory


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Treatment {n}")
    slug = factory.Sequence(lambda n: f"treatment-{n}")
    duration_minutes = 60
    price = Decimal("120.00")


class PractitionerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Practitioner
        django_get_or_create = ("slug",)
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Practitioner {n}")
    slug = factory.Sequence(lambda n: f"practitioner-{n}")
    person = factory.SubFactory(
        PersonFactory, name=factory.SelfAttribute("..name"), slug=factory.SelfAttribute("..slug")
    )

    @factory.post_generation
    def services(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.services.add(*extracted)

    @factory.post_generation
    def hours(obj, create, extracted, **kwargs):
        """hours=[(weekday, "09:00", "17:00"), ...]; default Monday to Saturday 9-17."""
        if not create:
            return
        spec = extracted if extracted is not None else [(d, "09:00", "17:00") for d in range(6)]
        for weekday, start, end in spec:
            WorkingHours.objects.create(
                practitioner=obj,
                weekday=weekday,
                start=time.fromisoformat(start),
                end=time.fromisoformat(end),
            )


class PatientFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Patient
        django_get_or_create = ("email",)

    name = factory.Sequence(lambda n: f"Patient {n}")
    email = factory.Sequence(lambda n: f"patient{n}@example.com")
    phone = "604-555-0100"


class PromoCodeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PromoCode
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"CODE{n}")
    percent_off = Decimal("15")
    amount_off = None
    max_uses_per_patient = 1


class BookingFactory(factory.django.DjangoModelFactory):
    """A confirmed booking; pass start= (aware) and practitioner=/service=."""

    class Meta:
        model = Booking

    reference = factory.Sequence(lambda n: f"T{n:07d}")
    status = Status.CONFIRMED
    service = factory.SubFactory(ServiceFactory)
    practitioner = factory.SubFactory(PractitionerFactory)
    patient = factory.SubFactory(PatientFactory)
    end = factory.LazyAttribute(lambda b: b.start + timedelta(minutes=b.service.duration_minutes))
    blocked_until = factory.LazyAttribute(lambda b: b.end + timedelta(minutes=10))
    patient_name = factory.LazyAttribute(lambda b: b.patient.name)
    service_name = factory.LazyAttribute(lambda b: b.service.name)
    duration_minutes = factory.LazyAttribute(lambda b: b.service.duration_minutes)
    price = factory.LazyAttribute(lambda b: Decimal(b.service.price))
    total = factory.LazyAttribute(lambda b: Decimal(b.price) - Decimal(b.discount))
    discount = Decimal("0.00")


class BookingPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = BookingPage

    title = "Book an appointment"
    slug = "book"


def booking_settings(site, **fields) -> BookingSettings:
    settings = BookingSettings.for_site(site)
    defaults = {
        "slot_step_minutes": 15,
        "buffer_minutes": 10,
        "min_notice_hours": 12,
        "horizon_days": 60,
        "hold_minutes": 10,
        "cancel_cutoff_hours": 24,
        "time_zone": "America/Vancouver",
        "staff_email": "staff@example.com",
    }
    for key, value in {**defaults, **fields}.items():
        setattr(settings, key, value)
    settings.save()
    return settings
