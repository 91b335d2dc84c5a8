"""Form helpers every app shares: the honeypot, and the edge checks on what people type or put
in a URL (control characters and text-direction overrides are refused, valid text is kept)."""

import re
from collections.abc import Callable
from typing import ClassVar

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.utils.deconstruct import deconstructible
from wagtail.admin.forms import WagtailAdminModelForm

HONEYPOT_FIELD = "website"

# C0 and C1 control characters (tab, and line breaks in multi-line fields, are allowed) and the
# bidi embedding/override/isolate characters that can make text display differently from what
# was stored. Joiners and marks used by emoji, Arabic or Indic scripts are valid text and stay.
_BIDI = "\u202a-\u202e\u2066-\u2069"
_UNSAFE_LINE = re.compile(f"[\x00-\x08\x0a-\x1f\x7f-\x9f{_BIDI}]")
_UNSAFE_MULTILINE = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{_BIDI}]")
UNSAFE_TEXT_MESSAGE = (
    "This contains invisible control or text-direction characters (often picked up when "
    "copying and pasting). Please retype it without them."
)


def has_unsafe_characters(text: str, *, multiline: bool = False) -> bool:
    pattern = _UNSAFE_MULTILINE if multiline else _UNSAFE_LINE
    return bool(pattern.search(text or ""))


@deconstructible
class PlainTextValidator:
    """Refuse control characters (NUL included) and bidi overrides with a clear message."""

    code = "unsafe_characters"

    def __init__(self, *, multiline: bool = False, message: str = UNSAFE_TEXT_MESSAGE):
        self.multiline = multiline
        self.message = message

    def __call__(self, value):
        if isinstance(value, str) and has_unsafe_characters(value, multiline=self.multiline):
            raise ValidationError(self.message, code=self.code)

    def __eq__(self, other):
        return (
            isinstance(other, PlainTextValidator)
            and self.multiline == other.multiline
            and self.message == other.message
        )


def guard_text_fields(form):
    """Give every visible text field of `form` the PlainTextValidator (multi-line for
    textareas). It replaces Django's NUL check, so NUL gets one message, the same as the rest."""
    for name, field in form.fields.items():
        if name == HONEYPOT_FIELD or not isinstance(field, forms.CharField):
            continue
        if isinstance(field.widget, forms.HiddenInput):
            continue
        field.validators = [
            v for v in field.validators if not isinstance(v, ProhibitNullCharactersValidator)
        ]
        field.validators.append(
            PlainTextValidator(multiline=isinstance(field.widget, forms.Textarea))
        )
    return form


def clean_param(value, limit: int = 80) -> str:
    """One query-string value as plain text: stripped and cut to `limit`, or "" when it is not
    a string or holds control or text-direction characters (such a value is ignored)."""
    if not isinstance(value, str) or has_unsafe_characters(value):
        return ""
    return value.strip()[:limit]


class HoneypotField(forms.CharField):
    """A field people never see (hidden by CSS, skipped by keyboard and screen readers)."""

    def __init__(self, **kwargs):
        super().__init__(
            required=False,
            label="Leave this field empty",
            widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
            **kwargs,
        )


def add_honeypot(form):
    form.fields[HONEYPOT_FIELD] = HoneypotField()
    return form


def honeypot_tripped(form) -> bool:
    return bool(form.data.get(HONEYPOT_FIELD, "").strip())


class SiteSettingsForm(WagtailAdminModelForm):
    """The practice settings form: warns at the offer code when no active promo code has that
    name, since every booking link would then carry a code the booking page refuses. A warning,
    not an error: the editor may be about to create the code."""

    OFFER_CODE_WARNING = (
        "Warning: no active promo code “{code}” exists, so booking links carry a code the "
        "booking page refuses. Create it under Bookings › Promo codes, or fix the spelling."
    )

    # The read that knows the promo codes (core.selectors.offer_code_is_active). Forms sit below
    # the reads, so CoreConfig.ready() hands it in; without it no code is questioned.
    offer_code_is_active: ClassVar[Callable[..., bool] | None] = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        offer_code_is_active = type(self).offer_code_is_active
        field = self.fields.get("offer_code")
        code = (self.data.get("offer_code") if self.is_bound else self.instance.offer_code) or ""
        code = code.strip()
        self.offer_code_warning = ""
        if (
            field is not None
            and code
            and offer_code_is_active is not None
            and not offer_code_is_active(code=code)
        ):
            self.offer_code_warning = self.OFFER_CODE_WARNING.format(code=code)
            field.help_text = f"{self.offer_code_warning} {field.help_text}"
