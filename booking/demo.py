"""Booking demo content: services, two practitioners with hours and a closure, the promo codes,
a few past and future bookings, and the booking page (linked from the practice settings)."""

from datetime import datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from booking import promo as promo_rules
from booking.models import (
    Booking,
    BookingPage,
    BookingSettings,
    Closure,
    Patient,
    Practitioner,
    PromoCode,
    Service,
    Status,
    WorkingHours,
)
from core.demo_kit import demo_step
from core.models import Person, SiteSettings

SERVICES = [
    (
        "initial-assessment",
        "Initial assessment",
        60,
        "120.00",
        True,
        "A first visit: we ask about what bothers you, check how you move, then treat.",
    ),
    (
        "treatment-45",
        "Follow-up treatment, 45 min",
        45,
        "95.00",
        False,
        "Hands-on treatment for returning patients, with updated homework.",
    ),
    (
        "treatment-30",
        "Short treatment, 30 min",
        30,
        "70.00",
        False,
        "A focused session on one area, such as a stiff neck or a tight calf.",
    ),
]
# The practice's people (core.demo_content.PEOPLE, by slug) who can be booked, with their hours.
PRACTITIONERS = [
    (
        "maya-okafor",
        [
            (0, "08:00", "12:00"),
            (0, "13:00", "17:00"),
            (1, "08:00", "12:00"),
            (1, "13:00", "17:00"),
            (3, "11:00", "19:00"),
            (5, "09:00", "13:00"),
        ],
    ),
    (
        "tom-lindqvist",
        [
            (1, "10:00", "18:00"),
            (2, "08:00", "12:00"),
            (2, "13:00", "16:00"),
            (3, "08:00", "12:00"),
            (4, "08:00", "16:00"),
        ],
    ),
]


@demo_step(300, "booking services, practitioners and hours")
def build_catalogue(ctx) -> None:
    services = {}
    for order, (slug, name, minutes, price, new_only, text) in enumerate(SERVICES):
        service, _ = Service.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "duration_minutes": minutes,
                "price": Decimal(price),
                "new_patients_only": new_only,
                "description": text,
                "sort_order": order,
            },
        )
        services[slug] = service
    for order, (slug, hours) in enumerate(PRACTITIONERS):
        person = Person.objects.get(slug=slug)
        practitioner, created = Practitioner.objects.get_or_create(
            slug=slug, defaults={"name": person.name, "person": person, "sort_order": order}
        )
        if created:
            practitioner.services.set(services.values())
            for weekday, start, end in hours:
                WorkingHours.objects.create(
                    practitioner=practitioner,
                    weekday=weekday,
                    start=time.fromisoformat(start),
                    end=time.fromisoformat(end),
                )
    today = timezone.localdate()
    holiday = today + timedelta(days=(4 - today.weekday()) % 7 + 14)  # a Friday in a few weeks
    Closure.objects.get_or_create(
        practitioner=None,
        reason="Staff training day",
        defaults={"start_date": holiday, "end_date": holiday},
    )
    ctx.pages["booking_services"] = services


@demo_step(310, "booking promo codes")
def build_codes(ctx) -> None:
    services = ctx.pages.get("booking_services") or {s.slug: s for s in Service.objects.all()}
    now = timezone.now()
    codes = [
        (
            "FIRST15",
            {
                "description": "15 % off a first appointment at the clinic",
                "percent_off": Decimal("15"),
                "first_visit_only": True,
                "max_uses_per_patient": 1,
            },
        ),
        (
            "SUMMER10",
            {
                "description": "Last summer's newsletter offer (expired)",
                "percent_off": Decimal("10"),
                "valid_until": now - timedelta(days=60),
            },
        ),
        (
            "SHORT20",
            {
                "description": "$20 off a short treatment",
                "amount_off": Decimal("20.00"),
                "max_uses_per_patient": 1,
            },
        ),
        (
            "FRIENDS5",
            {
                "description": "Referral thank-you, almost used up",
                "amount_off": Decimal("5.00"),
                "max_uses": 3,
                "max_uses_per_patient": 1,
            },
        ),
    ]
    for code, fields in codes:
        promo, created = PromoCode.objects.get_or_create(
            code=promo_rules.normalise_code(code), defaults=fields
        )
        if created and code == "SHORT20":
            promo.services.set([services["treatment-30"]])
    ctx.out("codes: FIRST15, SUMMER10 (expired), SHORT20 (short treatment only), FRIENDS5")


PATIENTS = [
    ("lena.ortiz@example.com", "Lena Ortiz", True),
    ("raj.patel@example.com", "Raj Patel", False),
    ("ines.moreau@example.com", "Inès Moreau", False),
    ("kofi.mensah@example.com", "Kofi Mensah", False),
]


def _demo_booking(ref, patient, practitioner, service, start, status, promo) -> None:
    price = service.price
    discount = Decimal("0.00")
    if promo is not None:
        discount = promo_rules.discount_for(promo.as_rules(), price)
    end = start + timedelta(minutes=service.duration_minutes)
    Booking.objects.create(
        reference=ref,
        status=status,
        practitioner=practitioner,
        service=service,
        patient=patient,
        start=start,
        end=end,
        blocked_until=end + timedelta(minutes=10),
        patient_name=patient.name,
        patient_phone=patient.phone,
        service_name=service.name,
        duration_minutes=service.duration_minutes,
        price=price,
        promo=promo,
        promo_code_text=promo.code if promo else "",
        discount=discount,
        total=price - discount,
        consent_at=timezone.now(),
    )


@demo_step(320, "booking patients and appointments")
def build_bookings(ctx) -> None:
    if Booking.objects.filter(reference__startswith="DEMO").exists():
        return
    services = {s.slug: s for s in Service.objects.all()}
    maya, tom = (Practitioner.objects.get(slug=p[0]) for p in PRACTITIONERS)
    patients = []
    for email, name, known in PATIENTS:
        patient, _ = Patient.objects.get_or_create(
            email=email, defaults={"name": name, "known_to_clinic": known, "phone": "604-555-0150"}
        )
        patients.append(patient)
    tz = BookingSettings.for_site(ctx.site).zone if ctx.site else timezone.get_current_timezone()
    friends = PromoCode.objects.get(code="FRIENDS5")
    first = PromoCode.objects.get(code="FIRST15")
    today = timezone.localdate()

    def at(days, hh, mm=0) -> datetime:
        day = today + timedelta(days=days)
        while day.weekday() not in (1, 3):  # Tuesdays and Thursdays both practitioners work
            day += timedelta(days=1)
        return datetime.combine(day, time(hh, mm), tzinfo=tz)

    plan = [
        # (ref, patient, practitioner, service, start, status, promo)
        ("DEMO0001", 0, maya, "treatment-45", at(-20, 9), Status.COMPLETED, None),
        ("DEMO0002", 1, tom, "initial-assessment", at(-13, 10), Status.COMPLETED, first),
        ("DEMO0003", 2, maya, "treatment-30", at(-6, 14), Status.NO_SHOW, friends),
        ("DEMO0004", 3, tom, "initial-assessment", at(-3, 11), Status.COMPLETED, friends),
        ("DEMO0005", 1, tom, "treatment-45", at(2, 15), Status.CONFIRMED, None),
        ("DEMO0006", 0, maya, "treatment-30", at(4, 9), Status.CONFIRMED, None),
        ("DEMO0007", 2, maya, "treatment-45", at(9, 11), Status.CANCELLED, None),
    ]
    for ref, pi, practitioner, slug, start, status, promo in plan:
        _demo_booking(ref, patients[pi], practitioner, services[slug], start, status, promo)
    ctx.out(f"{len(plan)} demo appointments")


@demo_step(330, "booking page")
def build_booking_page(ctx) -> None:
    page = BookingPage.objects.first()
    if page is None:
        page = BookingPage(
            title="Book an appointment",
            slug="book",
            show_in_menus=True,
            intro="<p>Appointments are in person at the clinic and last 30 to 60 minutes. "
            "Choose what you need, then a time that suits you. You pay at the clinic.</p>",
            confirmation_text="<p>Please arrive five minutes early and wear clothes you can move "
            "in. Street parking is free after 6 pm.</p>",
            privacy_page=ctx.pages.get("privacy"),
            search_description="Book an in-person manual therapy appointment online.",
        )
        ctx.home.add_child(instance=page)
        page.save_revision().publish()
        ctx.out("created the booking page at /book/")
    settings = SiteSettings.for_site(ctx.site)
    if settings.booking_page_id != page.pk:
        settings.booking_page = page
        settings.save()
    rules = BookingSettings.for_site(ctx.site)
    if not rules.staff_email:
        rules.staff_email = settings.email or "hello@cedarandtide.example"
        rules.save()


# The intake questions are a step of their own (registered on import).
from booking import demo_intake  # noqa: E402, F401
