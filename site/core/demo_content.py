"""Core demo data: the practice's details, its people, and the About and Privacy pages. Only the load_demo
command imports it (core.demo builds the pages from it)."""

from typing import Any

PRACTICE = {
    "practice_name": "Cedar & Tide Manual Therapy",
    "tagline": "Hands-on care for knees, hips and everyday movement",
    "street_address": "2150 Alder Lane, Suite 3",
    "locality": "Vancouver",
    "region": "BC",
    "postal_code": "V6K 0A0",
    "phone": "604-555-0142",
    "email": "hello@cedarandtide.example",
    "offer_text": "New here? Take 15 % off your first visit with code FIRST15.",
    "offer_code": "FIRST15",
}

# The practice's people: each is a bookable practitioner (booking.demo), writes on the blog
# (blog.demo) and reviews exercises (exercises.demo). The apps find them by these slugs.
PEOPLE: list[dict[str, Any]] = [
    {
        "slug": "maya-okafor",
        "name": "Maya Okafor",
        "role": "Registered massage therapist",
        "qualifications": "RMT, College of Massage Therapists of British Columbia\n"
        "Diploma in Massage Therapy (3,000 hours), 2012",
        "bio": "Maya treats runners and desk workers, and writes most of our home routines. "
        "She likes short exercises people actually keep doing, and explaining the why "
        "behind each one.",
        "seed": 21,
    },
    {
        "slug": "tom-lindqvist",
        "name": "Tom Lindqvist",
        "role": "Registered massage therapist, kinesiologist",
        "qualifications": "RMT, College of Massage Therapists of British Columbia\n"
        "BSc Kinesiology, University of British Columbia",
        "bio": "Tom looks at how hips, knees and ankles share the work, and keeps appointments "
        "calm and unhurried. Outside the clinic he coaches a beginners' trail-running group.",
        "seed": 22,
    },
]

ABOUT_BODY = [
    ("heading", {"text": "Who we are", "level": "h2"}),
    (
        "paragraph",
        (
            "<p>Cedar &amp; Tide is two registered massage therapists sharing one bright room near "
            "Kitsilano. We see runners, desk workers, new parents and people easing back into "
            "activity after an injury.</p>"
        ),
    ),
    ("heading", {"text": "How a visit works", "level": "h2"}),
    (
        "paragraph",
        (
            "<p>Your first appointment starts with questions and a movement check. Treatment follows, "
            "and you leave with two or three exercises chosen for you, each one on this site so you "
            "can look it up again.</p>"
        ),
    ),
    (
        "quote",
        {
            "quote": "I finally understand what my knee needs between visits.",
            "attribution": "A patient",
        },
    ),
    (
        "call_to_book",
        {
            "heading": "Ready when you are",
            "text": "Appointments are in person.",
            "button_label": "Book a visit",
            "service_slug": "",
            "promo_code": "",
        },
    ),
]

PRIVACY_BODY = [
    (
        "paragraph",
        (
            "<p>We collect only what we need to book and treat you: your name, e-mail address, "
            "phone number and the notes you choose to send. We never sell it or share it with "
            "advertisers.</p>"
        ),
    ),
    ("heading", {"text": "What we keep and for how long", "level": "h2"}),
    (
        "paragraph",
        (
            "<p>Booking details are kept for as long as British Columbia's health-records rules "
            "require. Messages sent through the contact form are deleted after one year.</p>"
        ),
    ),
    ("heading", {"text": "What we count, and what we do not", "level": "h2"}),
    (
        "paragraph",
        (
            "<p>To learn which articles and exercises help people, we count, per page and per "
            "day, how often each page is read and how often the booking page is opened from it; "
            "an appointment records the page its booking started from. That is all: no cookies, "
            "no third-party scripts, and nothing that identifies you. We do not store your "
            "address, your browser or any identifier, and nobody outside the practice sees the "
            "counts.</p>"
        ),
    ),
    ("heading", {"text": "Your choices", "level": "h2"}),
    (
        "paragraph",
        (
            "<p>You may ask to see, correct or delete your information at any time by writing to "
            "us. Videos on this site load from their host only after you press play.</p>"
        ),
    ),
]
