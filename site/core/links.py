"""Links into the booking flow. Content apps call this instead of importing booking."""

from urllib.parse import urlencode


def booking_link(
    *,
    request=None,
    site=None,
    service: str | None = None,
    practitioner: str | None = None,
    promo: str | None = None,
    use_offer: bool = True,
) -> str:
    """The booking page URL, optionally pre-selecting a service and a practitioner (their
    booking slug), and carrying a promo code.

    With no promo given, the current offer code from site settings is carried (use_offer=False
    turns that off). Returns "" when no booking page is set.
    """
    from core.models import SiteSettings

    if request is not None:
        settings = SiteSettings.for_request(request)
    elif site is not None:
        settings = SiteSettings.for_site(site)
    else:
        return ""
    page = settings.booking_page
    if page is None:
        return ""
    url = page.get_url(request=request) or ""
    params = {}
    if service:
        params["service"] = service
    if practitioner:
        params["practitioner"] = practitioner
    code = promo or (settings.offer_code if use_offer else "")
    if code:
        params["promo"] = code
    return f"{url}?{urlencode(params)}" if params else url


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
