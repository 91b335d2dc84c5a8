from typing import TYPE_CHECKING

from django.apps import AppConfig

from core.cards import register_featured, register_home_child


class BlogConfig(AppConfig):
    name = "blog"

    def ready(self):
        register_home_child("blog.BlogIndexPage")
        register_featured("posts", "blog.BlogPostPage")


if TYPE_CHECKING:
    # For the type checker: a post is shown as a card (home page, related posts, search).
    from blog.models import BlogPostPage
    from core.cards import CardPage

    _post_card: type[CardPage] = BlogPostPage
