"""The signed link to a patient's home programme: no account, nothing guessable, tampering
detected. The token carries the programme's id and its link version, so sending a new link (which
raises the version) retires the old one; expiry and revocation are read from the programme, so
staff can end a link before its time."""

from django.core import signing

SALT = "homecare.programme"


class InvalidLink(Exception):
    """Tampered, cut, or made with another salt."""


def programme_token(*, programme_id: int, version: int) -> str:
    return signing.dumps([programme_id, version], salt=SALT)


def read_programme_token(token: str) -> tuple[int, int]:
    """(programme id, link version), or InvalidLink."""
    try:
        value = signing.loads(token, salt=SALT)
    except signing.BadSignature as error:
        raise InvalidLink from error
    if (
        not isinstance(value, list)
        or len(value) != 2
        or not all(isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in value)
    ):
        raise InvalidLink
    return value[0], value[1]
