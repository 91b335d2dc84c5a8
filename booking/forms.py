"""Forms of the booking flow. Every limit has a plain-words message at the field."""

from django import forms

from booking import promo as promo_rules
from core.forms import add_honeypot, guard_text_fields


class DetailsForm(forms.Form):
    name = forms.CharField(
        label="Your name",
        max_length=120,
        error_messages={
            "required": "Enter your name.",
            "max_length": "Please shorten your name to %(limit_value)d characters.",
        },
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label="E-mail",
        max_length=254,
        help_text="We send the confirmation and a calendar file here.",
        error_messages={
            "required": "Enter your e-mail address.",
            "invalid": "Enter a valid e-mail address, e.g. name@example.com.",
            "max_length": "This e-mail address is too long.",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label="Phone",
        max_length=40,
        help_text="In case we need to reach you on the day.",
        error_messages={
            "required": "Enter a phone number.",
            "max_length": "Please shorten the phone number to %(limit_value)d characters.",
        },
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    notes = forms.CharField(
        label="Anything we should know? (optional)",
        required=False,
        max_length=1000,
        help_text="For example what you would like help with. Please leave out medical history "
        "we do not need.",
        error_messages={"max_length": "Please keep notes to %(limit_value)d characters."},
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    promo_code = forms.CharField(
        label="Promo code (optional)",
        required=False,
        max_length=promo_rules.MAX_CODE_LENGTH,
        error_messages={"max_length": "Codes are at most %(limit_value)d characters."},
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )
    consent = forms.BooleanField(
        label="I agree that the practice stores these details to manage my appointment.",
        error_messages={"required": "Please agree so we can store your details for the booking."},
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        add_honeypot(self)
        guard_text_fields(self)

    def clean_phone(self) -> str:
        phone = " ".join(self.cleaned_data["phone"].split())
        if sum(c.isdigit() for c in phone) < 7:
            raise forms.ValidationError("Enter a phone number with at least 7 digits.")
        return phone

    def clean_promo_code(self) -> str:
        return promo_rules.normalise_code(self.cleaned_data.get("promo_code"))


class PromoForm(forms.Form):
    promo_code = forms.CharField(
        label="Promo code",
        required=False,
        max_length=promo_rules.MAX_CODE_LENGTH,
        error_messages={"max_length": "Codes are at most %(limit_value)d characters."},
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        guard_text_fields(self)


class AcceptPolicyForm(forms.Form):
    """The tick on the review page: the patient accepts the cancellation policy to confirm."""

    accept_policy = forms.BooleanField(
        label="I accept the cancellation policy",
        error_messages={
            "required": "Please tick the box to accept the cancellation policy, then confirm."
        },
    )


class ContentReportForm(forms.Form):
    """The date range of the "Content that books" report (admin)."""

    MAX_DAYS = 366

    start = forms.DateField(
        label="From",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Enter a date, e.g. 2026-11-01."},
    )
    end = forms.DateField(
        label="To",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Enter a date, e.g. 2026-11-30."},
    )

    def clean(self):
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end and start > end:
            self.add_error("end", "The end date must be on or after the start date.")
        elif start and end and (end - start).days >= self.MAX_DAYS:
            self.add_error("end", f"Choose at most {self.MAX_DAYS} days.")
        return data
