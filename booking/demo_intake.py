"""Demo intake questions: what a manual-therapy practice asks before a first visit. Loaded with
the booking demo (booking.demo imports this module); leaves questions staff wrote alone."""

from booking.models import IntakeSettings
from core.demo_kit import demo_step

QUESTIONS = [
    (
        "text_question",
        {
            "label": "What brings you in?",
            "help_text": "Where it hurts or feels stiff, since when, and what makes it better or "
            "worse.",
            "required": True,
            "multiline": True,
        },
    ),
    (
        "yes_no_question",
        {
            "label": "Have you had surgery or a fracture in the last year?",
            "help_text": "",
            "required": True,
        },
    ),
    (
        "yes_no_question",
        {
            "label": "Are you pregnant, or could you be?",
            "help_text": "Some positions and techniques are adapted.",
            "required": False,
        },
    ),
    (
        "text_question",
        {
            "label": "Medicines you take regularly",
            "help_text": "Blood thinners in particular.",
            "required": False,
            "multiline": False,
        },
    ),
    (
        "choice_question",
        {
            "label": "How did you hear about us?",
            "help_text": "",
            "required": False,
            "choices": ["A friend or family member", "My doctor", "Online search", "Other"],
        },
    ),
]


@demo_step(320, "booking intake questions")
def build_intake_questions(ctx) -> None:
    if ctx.site is None:
        return
    settings = IntakeSettings.for_site(ctx.site)
    if len(settings.questions):
        return
    settings.intro = "Your answers help your practitioner prepare. Skip what you prefer to discuss."
    settings.questions = QUESTIONS
    settings.save()
    ctx.out("added the intake questions")
