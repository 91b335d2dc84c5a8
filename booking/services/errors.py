"""Refusals of the booking services: exceptions whose message the patient or staff can act on,
with the form field it belongs to (if any)."""


class BookingError(Exception):
    """A booking action refused for a reason the patient or staff can act on."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class SlotUnavailable(BookingError):
    def __init__(self, message: str = "") -> None:
        super().__init__(
            message
            or "Sorry, this time has just been taken or is no longer available. Please choose "
            "another time."
        )


class NewPatientsOnly(BookingError):
    """A new-patients-only service refused to a returning patient, or to one whose first
    appointment is already booked. The patient is offered the services they may book."""

    def __init__(self, message: str) -> None:
        super().__init__(message, "service")


class TooLate(BookingError):
    pass


class PriceChanged(BookingError):
    pass


class HoldReleased(BookingError):
    def __init__(self) -> None:
        super().__init__(
            "You let this time go, so it can no longer be confirmed. Please choose a time again."
        )
