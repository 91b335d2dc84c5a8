"""The shared edge checks: control characters and bidi overrides are refused, valid text of any
script is kept, and query values holding them are ignored."""

import pytest
from django import forms
from django.core.exceptions import ValidationError

from core.forms import UNSAFE_TEXT_MESSAGE, PlainTextValidator, clean_param, guard_text_fields

VALID = ["José Ñúñez", "Zoë 😀👩🏽‍⚕️", "中文テスト한국어", "مرحبا بك", "O'Brien-Smith", "tab\there"]
UNSAFE = ["\x00", "a\x00b", "red\x1b[31m", "\x7f", "next\x85line", "\u202eevil", "\u2066x\u2069"]


@pytest.mark.parametrize("text", VALID)
def test_valid_text_of_any_script_passes(text):
    assert PlainTextValidator()(text) is None


@pytest.mark.parametrize("text", UNSAFE)
def test_control_and_bidi_characters_are_refused(text):
    with pytest.raises(ValidationError) as error:
        PlainTextValidator()(text)
    assert error.value.messages == [UNSAFE_TEXT_MESSAGE]


def test_line_breaks_are_allowed_only_in_multiline_text():
    PlainTextValidator(multiline=True)("line one\r\nline two\n")
    with pytest.raises(ValidationError):
        PlainTextValidator()("line one\nline two")


class SampleForm(forms.Form):
    name = forms.CharField()
    notes = forms.CharField(widget=forms.Textarea)
    token = forms.CharField(widget=forms.HiddenInput, required=False)


def test_guarded_form_gives_one_clear_message_per_field():
    form = guard_text_fields(SampleForm({"name": "a\x00b", "notes": "ok\nfine\u202e"}))
    assert form.errors == {"name": [UNSAFE_TEXT_MESSAGE], "notes": [UNSAFE_TEXT_MESSAGE]}


def test_guarded_form_keeps_valid_text_intact():
    form = guard_text_fields(SampleForm({"name": "Zoë 😀 中文", "notes": "Left knee\nsince May"}))
    assert form.is_valid()
    assert form.cleaned_data["name"] == "Zoë 😀 中文"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("  knee ", "knee"),
        ("\x00", ""),
        ("treatment\u202e", ""),
        (["a", "b"], ""),
        ("x" * 200, "x" * 80),
    ],
)
def test_clean_param(value, expected):
    assert clean_param(value) == expected
