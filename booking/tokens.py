"""Signed links: no login, nothing guessable, tampering detected.

An access token (in the review and confirmation URLs) is short-lived; a manage token (in the
e-mails) lasts until well after the appointment. Both carry only the booking reference.
"""

from django.core import signing

ACCESS_SALT = "booking.access"
MANAGE_SALT = "booking.manage"
ACCESS_MAX_AGE = 60 * 60 * 24 * 2  # two days: long enough to come back to the confirmation
MANAGE_MAX_AGE = 60 * 60 * 24 * 400  # beyond the longest booking horizon


class InvalidLink(Exception):
    def __init__(self, expired: bool = False) -> None:
        super().__init__("expired" if expired else "invalid")
        self.expired = expired


def _sign(reference: str, salt: str) -> str:
    return signing.dumps(reference, salt=salt)


def _read(token: str, salt: str, max_age: int) -> str:
    try:
        value = signing.loads(token, salt=salt, max_age=max_age)
    except signing.SignatureExpired as error:
        raise InvalidLink(expired=True) from error
    except signing.BadSignature as error:
        raise InvalidLink from error
    if not isinstance(value, str) or not value.isalnum() or len(value) > 12:
        raise InvalidLink
    return value


def access_token(reference: str) -> str:
    return _sign(reference, ACCESS_SALT)


def read_access_token(token: str) -> str:
    return _read(token, ACCESS_SALT, ACCESS_MAX_AGE)


def manage_token(reference: str) -> str:
    return _sign(reference, MANAGE_SALT)


def read_manage_token(token: str) -> str:
    return _read(token, MANAGE_SALT, MANAGE_MAX_AGE)


# The intake link (confirmation page and e-mails) opens the health form: its own salt, so a
# manage link never opens it and an intake link never cancels anything.
INTAKE_SALT = "booking.intake"
INTAKE_MAX_AGE = MANAGE_MAX_AGE


def intake_token(reference: str) -> str:
    return _sign(reference, INTAKE_SALT)


def read_intake_token(token: str) -> str:
    return _read(token, INTAKE_SALT, INTAKE_MAX_AGE)


# --- the practitioners' calendar feeds --------------------------------------------------------
# A feed address is subscribed to once and polled for months, so it carries no timestamp: it
# holds the practitioner's id and the version of their feed, and stops working when staff issue
# a new address (the version goes up).

FEED_SALT = "booking.practitioner-feed"


def feed_token(practitioner_id: int, version: int) -> str:
    return signing.Signer(salt=FEED_SALT).sign_object([practitioner_id, version])


def read_feed_token(token: str) -> tuple[int, int]:
    """(practitioner id, feed version), or InvalidLink when tampered with or malformed."""
    if not isinstance(token, str) or len(token) > 200:
        raise InvalidLink
    try:
        value = signing.Signer(salt=FEED_SALT).unsign_object(token)
    except (signing.BadSignature, ValueError) as error:
        raise InvalidLink from error
    if (
        not isinstance(value, list)
        or len(value) != 2
        or not all(type(part) is int and part > 0 for part in value)
    ):
        raise InvalidLink
    return value[0], value[1]
