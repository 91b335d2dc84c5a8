"""Factories for the blog. Posts build under a blog index given as `parent=`."""

import datetime as dt

import factory
import wagtail_factories
from django.utils import timezone

from blog.models import (
    BlogCategory,
    BlogIndexPage,
    BlogPostAuthor,
    BlogPostPage,
    Comment,
    CommentStatus,
)
from tests.factories import PersonFactory


class AuthorFactory(PersonFactory):
    """A post's author: one of the practice's people."""

    name = factory.Sequence(lambda n: f"Author {n}")
    slug = factory.Sequence(lambda n: f"author-{n}")


class BlogCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BlogCategory
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.LazyAttribute(lambda c: c.name.lower().replace(" ", "-"))
    description = "Posts on one topic."


class BlogIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = BlogIndexPage

    title = "Blog"
    slug = "blog"
    intro = "Notes from the treatment room."


class BlogPostPageFactory(wagtail_factories.PageFactory):
    """A live post. Pass authors=[...], categories=[...], tags=[...] to link them."""

    class Meta:
        model = BlogPostPage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Post {n}")
    slug = factory.Sequence(lambda n: f"post-{n}")
    intro = "A short introduction to the post."
    date = factory.Sequence(lambda n: dt.date(2026, 1, 1) + dt.timedelta(days=n))
    first_published_at = factory.LazyFunction(timezone.now)
    last_published_at = factory.LazyFunction(timezone.now)
    body = [("paragraph", "<p>Body text of the post.</p>")]
    reading_minutes = 1

    @factory.post_generation
    def authors(obj, create, extracted, **kwargs):
        if create and extracted:
            for order, author in enumerate(extracted):
                BlogPostAuthor.objects.create(page=obj, author=author, sort_order=order)

    @factory.post_generation
    def categories(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.categories.set(extracted)
            obj.save()

    @factory.post_generation
    def tags(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.tags.add(*extracted)
            obj.save()


class CommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Comment

    name = factory.Sequence(lambda n: f"Reader {n}")
    email = factory.LazyAttribute(lambda c: f"{c.name.lower().replace(' ', '')}@example.com")
    text = "Thanks, this helped my knee."
    status = CommentStatus.APPROVED
