"""Template context of core's pages."""

from typing import Any

from core import selectors
from core.page_cache import memo


def home_context(*, home: Any) -> dict[str, Any]:
    """The home page's featured exercises and articles, grouped by section."""
    featured = memo.memoised(
        ("home-featured", home.pk), lambda: _with_images(selectors.home_featured(home=home))
    )
    return {"featured": featured}


def _with_images(sections: dict[str, list[Any]]) -> dict[str, list[Any]]:
    """Load each card's image once, with the pages, so a memoised section never queries."""
    for pages in sections.values():
        for page in pages:
            getattr(page, "card_image", None)
    return sections
