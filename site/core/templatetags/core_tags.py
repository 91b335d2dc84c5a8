"""Template tags that only assemble context for the site chrome."""

from django import template
from wagtail.models import Site

from core.links import booking_link

register = template.Library()


@register.inclusion_tag("includes/main_nav.html", takes_context=True)
def main_nav(context):
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    current = context.get("page")
    items = []
    if site is not None:
        root = site.root_page
        items = list(
            root.get_children().live().public().in_menu().only("title", "url_path", "path", "depth")
        )
    current_path = getattr(current, "url_path", "")
    entries = [{"page": item, "active": current_path.startswith(item.url_path)} for item in items]
    return {"request": request, "items": entries}


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    page = context.get("page")
    ancestors = []
    if page is not None and page.depth > 2:
        ancestors = list(page.get_ancestors().filter(depth__gt=1).live().public())
    return {"request": context.get("request"), "ancestors": ancestors, "page": page}


@register.simple_tag(takes_context=True)
def booking_url(context, service=None, promo=None):
    return booking_link(
        request=context.get("request"), service=service, promo=promo, source=context.get("page")
    )


@register.inclusion_tag("includes/page_count.html", takes_context=True)
def page_count(context):
    """The page-count script (static/js/page-count.js): a view of this page for visitors who
    are not signed in, or what a view put in `page_count` ({"kind": "start", "page": id} on
    the booking flow, or {} for nothing)."""
    request = context.get("request")
    if "page_count" in context:
        count = context["page_count"] or {}
    else:
        page = context.get("page")
        user = getattr(request, "user", None)
        visitor = user is None or not user.is_authenticated
        shown = visitor and not getattr(request, "is_preview", False)
        count = {"kind": "view", "page": page.pk} if shown and getattr(page, "pk", None) else {}
    return {"count": count}
