"""A paginator told its count, for listings whose count is computed (and kept) elsewhere."""

from typing import Any

from django.core.paginator import Paginator


class CountedPaginator(Paginator):
    """Django's paginator with a known `count`: it never runs COUNT(*) over the listing."""

    def __init__(self, object_list: Any, per_page: int, *, count: int) -> None:
        super().__init__(object_list, per_page)
        self.__dict__["count"] = count  # Paginator.count is a cached_property
