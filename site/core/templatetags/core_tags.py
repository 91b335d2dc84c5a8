"""Template tags that only assemble context for the site chrome."""

from types import SimpleNamespace

from django import template
from wagtail.models import Site

from core.links import booking_link
from core.page_cache import memo

register = template.Library()


@register.inclusion_tag("includes/main_nav.html", takes_context=True)
def main_nav(context):
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    current = context.get("page")
    items = []
    if site is not None:
        items = memo.memoised(("main-nav", site.pk), lambda: _menu_pages(site))
    current_path = getattr(current, "url_path", "")
    entries = [{"page": item, "active": current_path.startswith(item.url_path)} for item in items]
    return {"request": request, "items": entries}


def _menu_pages(site):
    pages = site.root_page.get_children().live().public().in_menu()
    return [_link(item) for item in pages.only("title", "url_path", "path", "depth")]


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    page = context.get("page")
    ancestors = []
    if page is not None and page.depth > 2:
        ancestors = memo.memoised(("breadcrumbs", page.pk), lambda: _ancestors(page))
    return {"request": context.get("request"), "ancestors": ancestors, "page": page}


def _ancestors(page):
    return [_link(item) for item in page.get_ancestors().filter(depth__gt=1).live().public()]


def _link(page):
    """What the menu and breadcrumbs print of a page, with its URL resolved once."""
    return SimpleNamespace(
        title=page.title, url=page.get_url(), url_path=page.url_path, depth=page.depth
    )


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


class MemoFragmentNode(template.Node):
    def __init__(self, nodelist, vary_on):
        self.nodelist = nodelist
        self.vary_on = vary_on

    def render(self, context):
        request = context.get("request")
        host = request.get_host() if request is not None else ""
        key = ("fragment", host, *(value.resolve(context) for value in self.vary_on))
        return memo.memoised(key, lambda: self.nodelist.render(context))


@register.tag("memo_fragment")
def memo_fragment(parser, token):
    """`{% memo_fragment "card" item.pk %}…{% endmemo_fragment %}`: the enclosed HTML rendered once
    per page-cache generation, host and the values named (core.page_cache.memo), so a card's
    picture renditions and its lookups are not worked out again on every page built.

    Name every value the fragment shows that is not fixed by them; outside a memoised request
    (the admin, previews, tests with PAGE_MEMO_ENABLED off) it renders every time."""
    vary_on = [parser.compile_filter(bit) for bit in token.split_contents()[1:]]
    nodelist = parser.parse(("endmemo_fragment",))
    parser.delete_first_token()
    return MemoFragmentNode(nodelist, vary_on)
