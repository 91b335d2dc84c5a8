"""A practice with a booking page, a practitioner and a follow-up service, a small library, and a
home programme for one patient in the sent state (its link works), for the patient-side tests."""

from datetime import datetime, timedelta
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from core.models import SiteSettings
from exercises.models import ExerciseSettings
from homecare.tokens import programme_token
from tests.booking.factories import (
    BookingPageFactory,
    PractitionerFactory,
    ServiceFactory,
    booking_settings,
)
from tests.exercises.factories import (
    ExerciseIndexPageFactory,
    ExercisePageFactory,
    RoutinePageFactory,
    steps,
)
from tests.factories import StandardPageFactory
from tests.homecare.factories import HomeProgrammeFactory, HomeProgrammeItemFactory

ZONE = ZoneInfo("America/Vancouver")
# A Thursday morning, two days into the programme (it starts on Tuesday 1 December).
NOW = datetime(2026, 12, 3, 10, 0, tzinfo=ZONE)
SENT = datetime(2026, 12, 1, 17, 0, tzinfo=ZONE)

KNEE_CAUTION = "the back of your knee tingles or goes numb."
VIDEO = {
    "url": "https://www.youtube.com/watch?v=aqz-KE-bpKQ",
    "title": "Seated knee rotations",
    "chapters": [],
}


def practice(site, home):
    """The booking page, rules, a follow-up service and Dana, who offers it."""
    privacy = StandardPageFactory(parent=home, title="Privacy policy", slug="privacy")
    page = BookingPageFactory(parent=home, privacy_page=privacy)
    settings = SiteSettings.for_site(site)
    settings.booking_page = page
    settings.offer_code = ""
    settings.save()
    booking_settings(site)
    ExerciseSettings.for_site(site)  # made on first read; a real site has it
    follow_up = ServiceFactory(
        name="Follow-up", slug="follow-up", duration_minutes=30, price="70.00", sort_order=1
    )
    dana = PractitionerFactory(name="Dana Reyes", slug="dana", services=[follow_up])
    return SimpleNamespace(booking_page=page, follow_up=follow_up, dana=dana)


def library(home):
    """Knee rotations (a caution, a hold of 10 s each side, a video) and a knee routine."""
    index = ExerciseIndexPageFactory(parent=home)
    rotations = ExercisePageFactory(
        parent=index,
        title="Seated knee rotations",
        slug="seated-knee-rotations",
        steps=steps("Sit tall and hold the thigh.", ("Straighten the leg and hold.", 5)),
        hold_min=10,
        sets=2,
        side="each-side",
        frequency="daily",
        cautions=[("caution", {"kind": "stop", "text": KNEE_CAUTION})],
        videos=[("video", VIDEO)],
    )
    circles = ExercisePageFactory(
        parent=index, title="Ankle circles", slug="ankle-circles", reps_min=8, frequency="daily"
    )
    routine = RoutinePageFactory(
        parent=index, title="Knee reset", slug="knee-reset", exercises=[rotations, circles]
    )
    return SimpleNamespace(index=index, rotations=rotations, circles=circles, routine=routine)


def send(programme, *, at=SENT, version=1):
    """The state a sent link leaves (hcadmin's service sets it in production)."""
    programme.link_version = version
    programme.sent_at = at
    programme.expires_at = at + timedelta(days=programme.link_days)
    programme.revoked_at = None
    programme.save()
    return programme_token(programme_id=programme.pk, version=version)


def build_care(site, home):
    """Dana's programme for a patient: rotations with a patient dosage (hold 45 s, 3 sets, a
    note) and the knee routine with ankle circles at 12 reps; sent, so the link works."""
    clinic = practice(site, home)
    lib = library(home)
    programme = HomeProgrammeFactory(
        practitioner=clinic.dana,
        service=clinic.follow_up,
        title="Your knee programme",
        note="Little and often. Stop if the pain is sharp.",
        review_in_days=14,
    )
    rotations = HomeProgrammeItemFactory(
        programme=programme,
        exercise=lib.rotations,
        sort_order=0,
        hold_min=45,
        hold_max=None,
        sets=3,
        note="Left knee only for now.",
    )
    routine = HomeProgrammeItemFactory(
        programme=programme, routine=lib.routine, sort_order=1, reps_min=12
    )
    token = send(programme)
    return SimpleNamespace(
        **vars(clinic),
        lib=lib,
        programme=programme,
        rotations_item=rotations,
        routine_item=routine,
        token=token,
        url=f"/my-programme/?t={token}",
    )
