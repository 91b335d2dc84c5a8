"""The next free time of a service, for the "Next free" line on content pages.

It is answered from a cache for up to a minute (booking.next_free_cache), so it offers only a
time that stays bookable all that while: one at least the minimum notice plus `ahead` after now.
"""

from datetime import datetime, timedelta

from booking.models import BookingSettings, Service
from booking.selectors.availability import Slot, available_slots
from booking.selectors.catalog import practitioners_for

FIRST_SEARCH_DAYS = 7


def next_free_slot(
    *,
    service: Service,
    settings: BookingSettings,
    now: datetime,
    ahead: timedelta = timedelta(0),
) -> Slot | None:
    """The earliest time the booking flow offers for `service` (anyone who offers it), and
    still offers `ahead` from now; None when there is none before the horizon.

    The first week is searched first, then the rest of the horizon: five queries for a week
    with a free time, nine at most, whatever the number of bookings.
    """
    practitioners = list(practitioners_for(service))
    if not practitioners:
        return None
    tz = settings.zone
    today = now.astimezone(tz).date()
    last = (now + timedelta(days=settings.horizon_days)).astimezone(tz).date()
    earliest = now + ahead + timedelta(hours=settings.min_notice_hours)
    first_end = min(today + timedelta(days=FIRST_SEARCH_DAYS - 1), last)
    for first_day, last_day in ((today, first_end), (first_end + timedelta(days=1), last)):
        if last_day < first_day:
            continue
        found = available_slots(
            service=service,
            practitioners=practitioners,
            first_day=first_day,
            last_day=last_day,
            settings=settings,
            now=now,
            one_per_time=True,
        )
        slot = next((s for s in found if s.start >= earliest), None)
        if slot is not None:
            return slot
    return None
