"""The booking flow's steps, served as routes of BookingPage (see ROUTES). Views stay thin: they
read query parameters, call selectors and services, and render what presenters build. Every
view takes (request, page, **kwargs), keeps `page` in the context (so the SEO tags render) and
never returns 500 for bad input.

- flow: service, time, details (the hold);
- confirmation: review and confirm, the confirmation page, its calendar file;
- manage: the e-mailed link to cancel (on a second, confirming step) or move;
- intake: the health form behind its own signed link;
- common: rendering, problem pages, parameters, signed links.
"""

from booking.views.common import View
from booking.views.confirmation import calendar_file, done, review
from booking.views.flow import choose_service, choose_time, details
from booking.views.intake import intake
from booking.views.manage import cancel, manage, reschedule

# The page's route names (BookingPage) and the view each one serves.
ROUTES: dict[str, View] = {
    "choose_service": choose_service,
    "choose_time": choose_time,
    "details": details,
    "review": review,
    "done": done,
    "calendar_file": calendar_file,
    "manage": manage,
    "cancel": cancel,
    "reschedule": reschedule,
    "intake": intake,
}

__all__ = [
    "ROUTES",
    "calendar_file",
    "cancel",
    "choose_service",
    "choose_time",
    "details",
    "done",
    "intake",
    "manage",
    "reschedule",
    "review",
]
