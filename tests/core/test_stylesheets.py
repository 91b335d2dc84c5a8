"""The public stylesheets keep to a small type scale and short font stacks.

Before its first layout a browser looks up one font for each family, size and weight that the
page's text uses, and for each family of a stack it tries before one is found (in Chromium on
Linux each look-up is a round trip to the browser process). Sizes outside the scale and long
stacks made the first layout of a page 30-60 ms under Lighthouse (issue 10)."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from core.inline_css import minify

# The screen's stylesheets (the print sheet sizes text for paper).
SCREEN_STYLESHEETS = (
    *(name for name in settings.INLINE_STYLESHEETS if name != "css/print.css"),
    "css/homecare.css",
    "css/team.css",
)
# Body text, the two steps of the scale, and the headings' own sizes.
SCALE = {
    "var(--text-small)",
    "var(--text-large)",
    "1.35rem",  # the brand and the booking call-out, as an h2 on a phone
    "clamp(1.9rem, 5vw, 2.8rem)",  # h1
    "clamp(1.35rem, 3.2vw, 1.75rem)",  # h2
    "clamp(2.75rem, 10vw, 4rem)",  # the exercise timer's clock
}
MEDIA_BLOCK = re.compile(r"@media[^{]*\{(?:[^{}]*\{[^{}]*\})*[^{}]*\}")


def screen_rules(name):
    """The stylesheet's rules that apply at every width (print and phone blocks left out)."""
    return MEDIA_BLOCK.sub("", minify((Path(settings.INLINE_STYLESHEETS_DIR) / name).read_text()))


def custom_property(name):
    rules = screen_rules("css/site.css")
    return re.search(rf"{name}:\s*([^;}}]+)", rules).group(1).strip()


@pytest.mark.parametrize("name", SCREEN_STYLESHEETS)
def test_every_font_size_is_a_step_of_the_type_scale(name):
    sizes = set(re.findall(r"font-size:\s*([^;}]+)", screen_rules(name)))
    assert sizes - SCALE == set()


@pytest.mark.parametrize("name", SCREEN_STYLESHEETS)
def test_font_shorthands_take_the_body_size_or_their_parents(name):
    shorthand_sizes = set(re.findall(r"font:\s*(?:\d{3}\s+)?([\d.]+r?em)/", screen_rules(name)))
    assert shorthand_sizes <= {"1em", "1.0625rem"}


def test_the_serif_stack_names_two_fonts_before_the_generic_one():
    assert custom_property("--font-serif") == "Charter, Georgia, serif"
