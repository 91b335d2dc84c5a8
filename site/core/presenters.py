"""Template context of core's pages."""

from typing import Any

from core import selectors


def home_context(*, home: Any) -> dict[str, Any]:
    """The home page's featured exercises and articles, grouped by section."""
    return {"featured": selectors.home_featured(home=home)}
