"""Shared set-up for the intake and patient-record tests: questions, a confirmed booking, links."""

from booking import services, tokens
from booking.models import IntakeSettings
from tests.booking.helpers import hold

QUESTIONS = [
    {
        "type": "text_question",
        "value": {
            "label": "What brings you in?",
            "help_text": "Where it hurts and since when.",
            "required": True,
            "multiline": True,
        },
    },
    {
        "type": "yes_no_question",
        "value": {"label": "Any surgery in the last year?", "help_text": "", "required": True},
    },
    {
        "type": "choice_question",
        "value": {
            "label": "How did you hear about us?",
            "help_text": "",
            "required": False,
            "choices": ["A friend", "My doctor"],
        },
    },
]


def with_questions(site, questions=None):
    settings = IntakeSettings.for_site(site)
    settings.questions = QUESTIONS if questions is None else questions
    settings.save()
    return settings


def confirmed(clinic, **kw):
    booking = hold(clinic, **kw)
    return services.booking_confirm(booking=booking, settings=clinic.rules)


def intake_link(clinic, booking):
    return f"{clinic.page.url}intake/?t={tokens.intake_token(booking.reference)}"


def done_link(clinic, booking):
    return f"{clinic.page.url}done/?t={tokens.access_token(booking.reference)}"


GOOD_ANSWERS = {"q1": "Left knee, since March", "q2": "no", "q3": "1"}
