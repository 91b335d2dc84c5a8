"""Template contexts of the library's pages, as plain values from the selectors' reads, and
their structured data (`presenters.jsonld`). Views call these; templates print them."""

from exercises.presenters.handout import print_context, qr_svg, short_url
from exercises.presenters.pages import (
    exercise_page_context,
    library_context,
    program_day_context,
    program_page_context,
    routine_page_context,
    routine_timer_phases,
)

__all__ = [
    "exercise_page_context",
    "library_context",
    "print_context",
    "program_day_context",
    "program_page_context",
    "qr_svg",
    "routine_page_context",
    "routine_timer_phases",
    "short_url",
]
