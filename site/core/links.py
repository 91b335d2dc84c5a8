"""Links into the booking flow. Content apps call this instead of importing booking."""

from urllib.parse import urlencode


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
    code = promo or (settings.offer_code if use_offer else "")
    if code:
        params["promo"] = code
    return f"{url}?{urlencode(params)}" if params else url
