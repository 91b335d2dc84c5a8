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
    practitioner: str = ""
    # The id of the page the link is on: it travels as `from=<id>` so the "Content that books"
    # report knows where a journey started (an id, nothing about the reader).
    source: str = ""

    @property
    def href(self) -> str:
        pairs = (
            ("service", self.service),
            ("practitioner", self.practitioner),
            ("promo", self.promo),
            ("from", self.source),
        )
        params = {k: v for k, v in pairs if v}
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
    practitioner: str | None = None,
    promo: str | None = None,
    use_offer: bool = True,
    source=None,
) -> BookingLink | None:
    """The booking page and what a link to it carries; None when no booking page is set.

    With no promo given, the current offer code from site settings is carried (use_offer=False
    turns that off). `source` (a page, or its id) is the page the link is on."""
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
    return BookingLink(
        url=page.get_url(request=request) or "",
        service=service or "",
        promo=code,
        practitioner=practitioner or "",
        source=_source_id(source, booking_page=page),
    )


def _source_id(source, *, booking_page) -> str:
    source_id = getattr(source, "pk", source)
    if isinstance(source_id, int) and source_id != booking_page.pk:
        return str(source_id)
    return ""


def booking_link(
    *,
    request=None,
    site=None,
    service: str | None = None,
    practitioner: str | None = None,
    promo: str | None = None,
    use_offer: bool = True,
    source=None,
) -> str:
    """The booking page URL, optionally pre-selecting a service and a practitioner (their
    booking slug), and carrying a promo code.

    With no promo given, the current offer code from site settings is carried (use_offer=False
    turns that off). `source` (a page, or its id) is the page the link is on: it travels as
    `from=<page id>`. Returns "" when no booking page is set.
    """
    link = booking_link_for(
        request=request,
        site=site,
        service=service,
        practitioner=practitioner,
        promo=promo,
        use_offer=use_offer,
        source=source,
    )
    return link.href if link is not None else ""


def profile_link(*, request=None, person=None) -> str:
    """The address of a person's profile on the team page, or "" when they have none (no
    person, not shown on the team page, or no live team page)."""
    if person is None or not getattr(person, "on_team_page", False):
        return ""
    page = _team_page(request)
    return page.profile_url(person.slug, request=request) if page is not None else ""


def _team_page(request):
    """The site's live, public team page, or None. Looked up once per request."""
    cached = getattr(request, "_core_team_page", False) if request is not None else False
    if cached is not False:
        return cached
    from core.models import TeamPage

    page = TeamPage.objects.live().public().first()
    if request is not None:
        request._core_team_page = page
    return page
