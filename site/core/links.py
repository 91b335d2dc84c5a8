"""Links into the booking flow. Content apps call this instead of importing booking."""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import NoReverseMatch, reverse

# The booking app's "Next free" JSON endpoint, by URL name (core imports no app).
NEXT_FREE_URL_NAME = "booking_next_free"


@dataclass(frozen=True)
class BookingLink:
    """The booking page URL and what it carries: the service slug and the promo code."""

    url: str
    service: str
    promo: str

    @property
    def href(self) -> str:
        params = {k: v for k, v in (("service", self.service), ("promo", self.promo)) if v}
        return f"{self.url}?{urlencode(params)}" if params else self.url

    def next_free(self) -> dict[str, str] | None:
        """The data attributes of the "Next free" placeholder (static/js/next-free.js fills it
        after the page loads, so cached pages stay cached), or None without a service."""
        if not self.service:
            return None
        try:
            endpoint = reverse(NEXT_FREE_URL_NAME)
        except NoReverseMatch:
            return None
        return {"endpoint": endpoint, "service": self.service, "promo": self.promo}


def booking_link_for(
    *,
    request=None,
    site=None,
    service: str | None = None,
    promo: str | None = None,
    use_offer: bool = True,
) -> BookingLink | None:
    """The booking page and what a link to it carries; None when no booking page is set.

    With no promo given, the current offer code from site settings is carried (use_offer=False
    turns that off)."""
    from core.models import SiteSettings

    if request is not None:
        settings = SiteSettings.for_request(request)
    elif site is not None:
        settings = SiteSettings.for_site(site)
    else:
        return None
    page = settings.booking_page
    if page is None:
        return None
    code = promo or (settings.offer_code if use_offer else "")
    return BookingLink(url=page.get_url(request=request) or "", service=service or "", promo=code)


def booking_link(
    *,
    request=None,
    site=None,
    service: str | None = None,
    promo: str | None = None,
    use_offer: bool = True,
) -> str:
    """The booking page URL, optionally pre-selecting a service and carrying a promo code.

    With no promo given, the current offer code from site settings is carried (use_offer=False
    turns that off). Returns "" when no booking page is set.
    """
    link = booking_link_for(
        request=request, site=site, service=service, promo=promo, use_offer=use_offer
    )
    return link.href if link is not None else ""
