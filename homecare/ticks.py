"""The patient ticks an item of their programme done today (or takes the tick back), through
the signed link: no account. One row per item and day, however often they press."""

from datetime import date

from django.db import transaction

from homecare.models import HomeProgramme, HomeProgrammeItem, HomeProgrammeTick


class TickRefused(Exception):
    """The item is not one of this programme's: a message the patient can read."""

    message = "We could not find that exercise in your programme. Please open your link again."


def _item_id(value: object) -> int:
    if isinstance(value, bool):
        raise TickRefused
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) <= 12:
        return int(value)
    raise TickRefused


def home_programme_tick(
    *, programme: HomeProgramme, item_id: object, day: date, done: bool
) -> HomeProgrammeItem:
    """Mark `item_id` of `programme` done on `day` (done=True) or not (done=False).

    Idempotent: ticking twice keeps one row, unticking an unticked day does nothing. Raises
    TickRefused for an id that is not an item of this programme."""
    number = _item_id(item_id)
    with transaction.atomic():
        item = HomeProgrammeItem.objects.filter(pk=number, programme=programme).first()
        if item is None:
            raise TickRefused
        if not done:
            HomeProgrammeTick.objects.filter(item=item, day=day).delete()
            return item
        # A second tab's tick committed in between: get_or_create reads it instead.
        HomeProgrammeTick.objects.get_or_create(item=item, day=day)
    return item
