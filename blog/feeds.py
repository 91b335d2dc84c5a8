"""RSS 2.0 and Atom feeds of the blog, a category or a tag (Django's syndication framework)."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

FEED_TYPES = {"rss": Rss201rev2Feed, "atom": Atom1Feed}


class PostsFeed(Feed):
    """One feed object per request: it knows the blog, the listing and the request."""

    def __init__(self, *, index, listing, posts, kind: str, request):
        super().__init__()
        self.feed_type = FEED_TYPES[kind]
        self.index = index
        self.listing = listing
        self.posts = posts
        self.kind = kind
        self.request = request

    def title(self):
        site_name = self.index.seo_sitename
        if self.listing.route:
            return f"{self.listing.title} · {self.index.title} · {site_name}"
        return f"{self.index.title} · {site_name}"

    def link(self):
        path = (
            self.index.route_url(*self.listing.route, request=self.request)
            if (self.listing.route)
            else self.index.get_url(request=self.request)
        )
        return self.request.build_absolute_uri(path)

    def feed_url(self):
        return self.request.build_absolute_uri()

    def description(self):
        return self.listing.description or self.index.listing_summary or self.index.title

    def subtitle(self):
        return self.description()

    def items(self):
        return self.posts

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.intro

    def item_link(self, item):
        return self.request.build_absolute_uri(item.get_url(request=self.request))

    def item_guid(self, item):
        return self.item_link(item)

    def item_pubdate(self, item):
        return item.display_datetime

    def item_updateddate(self, item):
        return item.last_published_at or item.display_datetime

    def item_author_name(self, item):
        return item.author_names or None

    def item_categories(self, item):
        return [c.name for c in item.categories.all()] + [t.name for t in item.tags.all()]
