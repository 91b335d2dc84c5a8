"""Which page a booking journey started from: a page id from the link, or the page at a
same-site address the browser came from. Only live pages count, never the booking page."""

from wagtail.models import Page, Site


def source_page_id(*, page_id: int, booking_page_id: int) -> int | None:
    """The id, when it names a live page other than the booking page (and the tree's root)."""
    if page_id == booking_page_id:
        return None
    found: int | None = (
        Page.objects.live().filter(pk=page_id, depth__gt=1).values_list("pk", flat=True).first()
    )
    return found


def source_page_at(*, path: str, site: Site | None, booking_page_id: int) -> int | None:
    """The id of the live page at this path of the site (e.g. "/blog/knee-pain/"), if any."""
    if site is None or not path.startswith("/"):
        return None
    root: str | None = (
        Page.objects.filter(pk=site.root_page_id).values_list("url_path", flat=True).first()
    )
    if root is None:
        return None
    url_path = root + path.lstrip("/")
    if not url_path.endswith("/"):
        url_path += "/"
    found: int | None = (
        Page.objects.live()
        .filter(url_path=url_path)
        .exclude(pk=booking_page_id)
        .values_list("pk", flat=True)
        .first()
    )
    return found
