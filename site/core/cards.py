"""The contracts between core and the apps, made explicit without core importing any app.

- `CardPage`: what any page offers to be shown as a card (home page features, related posts,
  search results): a title, an address, a plain-text summary and an optional image.
- `LibraryCard` and `RoutineCard`: what the exercise library's pages offer to the cards other
  apps place in their bodies (the blog's exercise and routine cards).
- The home page's featured sections and its children: each app registers its page types from
  its AppConfig.ready() with `register_featured` and `register_home_child`, so core lists no
  app's page types.

Each app states for the type checker that its page types satisfy these protocols (see the
`TYPE_CHECKING` blocks in the apps' `apps.py`).
"""

from collections.abc import Sequence
from typing import Any, Protocol


class CardPage(Protocol):
    """A page shown as a card or related item."""

    title: str

    @property
    def url(self) -> str | None: ...

    @property
    def listing_summary(self) -> str: ...

    @property
    def card_image(self) -> Any: ...


class DosageText(Protocol):
    @property
    def as_text(self) -> str: ...


class LibraryCard(CardPage, Protocol):
    """A library page shown as a card in another app's body, with its cautions."""

    @property
    def cautions_for_display(self) -> Sequence[Any]: ...


class ExerciseCard(LibraryCard, Protocol):
    """An exercise card also shows the exercise's dosage."""

    @property
    def dosage(self) -> DosageText: ...


class RoutineCard(LibraryCard, Protocol):
    """A routine card also lists the routine's exercises and its total time."""

    @property
    def total_time_text(self) -> str: ...

    @property
    def live_items(self) -> Sequence[Any]: ...


# The home page's featured sections, in the order the home page shows them, and the page types
# ("app_label.ModelName") each holds. Apps fill them in from AppConfig.ready().
FEATURED_SECTIONS: dict[str, list[str]] = {"exercises": [], "posts": []}
# Every featured page type, for the editor's page chooser. The panel reads this list when the
# admin builds its form, after every app is ready.
FEATURED_PAGE_TYPES: list[str] = []


def register_featured(section: str, *labels: str) -> None:
    """Let the home page feature pages of these types in `section` ("exercises" or "posts")."""
    if section not in FEATURED_SECTIONS:
        raise ValueError(f"No featured section {section!r} on the home page.")
    for label in labels:
        if label not in FEATURED_SECTIONS[section]:
            FEATURED_SECTIONS[section].append(label)
        if label not in FEATURED_PAGE_TYPES:
            FEATURED_PAGE_TYPES.append(label)


# The page types an editor may add directly under the home page: core's own, then those the apps
# register. HomePage.subpage_types is this very list, so Wagtail reads the registrations when it
# first checks a parent (after every app is ready).
HOME_CHILD_TYPES: list[str] = ["core.StandardPage", "core.ContactPage", "core.TeamPage"]


def register_home_child(*labels: str) -> None:
    """Let editors add pages of these types ("app_label.ModelName") under the home page."""
    for label in labels:
        if label not in HOME_CHILD_TYPES:
            HOME_CHILD_TYPES.append(label)
