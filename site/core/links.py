"""Links into the booking flow. Content apps call this instead of importing booking."""

from urllib.parse import urlencode


def booking_link(
    *,
    request=None,
    site=None,
    service: str | None = None,
    promo: str | None = None,
    use_offer: bool = True,
    source=None,
) -> str:
    """The booking page URL, optionally pre-selecting a service and carrying a promo code.

    With no promo given, the current offer code from site settings is carried (use_offer=False
    turns that off). `source` (a page, or its id) is the page the link is on: it travels as
    `from=<page id>` so the "Content that books" report knows where the journey started (an id,
    nothing about the reader). Returns "" when no booking page is set.
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
    source_id = getattr(source, "pk", source)
    if isinstance(source_id, int) and source_id != page.pk:
        params["from"] = str(source_id)
    return f"{url}?{urlencode(params)}" if params else url
