"""The reader's comment form: plain text, a honeypot, a signed timestamp and a link limit."""

import re
import time
from typing import Any, cast

from django import forms
from django.conf import settings
from django.core import signing

from blog.models.comments import COMMENT_MAX_LENGTH, COMMENT_NAME_MAX_LENGTH
from core.forms import HONEYPOT_FIELD, HoneypotField, guard_text_fields

TIMESTAMP_SALT = "blog.comment-form"
_LINK = re.compile(r"(?:https?://|ftp://|www\.)\S+", re.IGNORECASE)


def min_seconds() -> float:
    """How long a person takes at least between opening the form and sending it."""
    return float(settings.BLOG_COMMENT_MIN_SECONDS)


def max_form_age() -> int:
    return int(settings.BLOG_COMMENT_FORM_MAX_AGE)


def max_links() -> int:
    return int(settings.BLOG_COMMENT_MAX_LINKS)


def new_timestamp() -> str:
    return signing.dumps(time.time(), salt=TIMESTAMP_SALT)


def count_links(text: str) -> int:
    return len(_LINK.findall(text or ""))


class CommentForm(forms.Form):
    name = forms.CharField(
        max_length=COMMENT_NAME_MAX_LENGTH,
        label="Your name",
        help_text="Shown with your comment. A first name is fine.",
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label="E-mail",
        help_text="Never shown. We use it only if we need to answer you privately.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    text = forms.CharField(
        max_length=COMMENT_MAX_LENGTH,
        label="Comment",
        help_text=f"Plain text, up to {COMMENT_MAX_LENGTH:,} characters and two links.",
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    rendered_at = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[HONEYPOT_FIELD] = HoneypotField()
        guard_text_fields(self)
        self.fields["text"].help_text = (
            f"Plain text, up to {COMMENT_MAX_LENGTH:,} characters and "
            f"{max_links()} link{'s' if max_links() != 1 else ''}. Links are not clickable."
        )
        if not self.is_bound:
            self.initial["rendered_at"] = new_timestamp()
        for name in ("name", "email", "text"):
            field = self.fields[name]
            field.widget.attrs.setdefault("aria-describedby", f"id_{name}_helptext")

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if not text:
            raise forms.ValidationError("Please write a comment.")
        limit = max_links()
        if count_links(text) > limit:
            raise forms.ValidationError(
                f"Please include at most {limit} link{'s' if limit != 1 else ''}; "
                "comments with many links are usually spam."
            )
        return text

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())

    def clean(self):
        cleaned = super().clean()
        token = self.data.get("rendered_at", "")
        try:
            started = signing.loads(token, salt=TIMESTAMP_SALT, max_age=max_form_age())
        except signing.SignatureExpired:
            raise forms.ValidationError(
                "This form was open for a long time. Please send your comment again.",
                code="expired",
            ) from None
        except signing.BadSignature:
            raise forms.ValidationError(
                "Something went wrong with the form. Please send your comment again.",
                code="bad_token",
            ) from None
        if time.time() - float(started) < min_seconds():
            raise forms.ValidationError(
                "That was very quick. Please check your comment, then send it again.",
                code="too_fast",
            )
        return cleaned

    def for_redisplay(self):
        """The bound form to show again: values kept, a fresh timestamp if the old one was bad."""
        if self.has_error("__all__", "expired") or self.has_error("__all__", "bad_token"):
            data = cast(Any, self.data).copy()  # a QueryDict, or a dict in code
            data["rendered_at"] = new_timestamp()
            self.data = data
        return self
