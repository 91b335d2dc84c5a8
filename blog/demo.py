"""Blog demo builders: the blog page and its categories (the authors are core's people), then the posts and comments
described in blog.demo_content. Idempotent: posts, snippets and comments are looked up before
they are created.
"""

from django.apps import apps

from blog.demo_content import AUTHOR_NAMES, AUTHORS, CATEGORIES, posts
from blog.models import (
    BlogCategory,
    BlogIndexPage,
    BlogPostAuthor,
    BlogPostPage,
    BlogSettings,
    Comment,
    CommentStatus,
)
from core.demo_kit import demo_image, demo_step
from core.models import Person


def _library(model_label) -> dict:
    """Published exercise-library pages by slug (the exercises demo runs before this one)."""
    try:
        model = apps.get_model(model_label)
    except LookupError:
        return {}
    return {p.slug: p for p in model.objects.live().public()}


@demo_step(200, "blog: authors, categories and the blog page")
def build_blog(ctx):
    home = ctx.home
    blog = BlogIndexPage.objects.child_of(home).first()
    if blog is None:
        blog = BlogIndexPage(
            title="Blog",
            slug="blog",
            show_in_menus=True,
            intro="Notes from the treatment room: why things ache, and small things that help "
            "between visits.",
            search_description="Articles on knee, hip and ankle care from our massage "
            "therapists, with videos and routines to follow at home.",
        )
        home.add_child(instance=blog)
        blog.save_revision().publish()
        ctx.out("created the blog page")
    ctx.pages["blog"] = blog
    for key, slug in AUTHORS.items():
        ctx.pages[f"author-{key}"] = Person.objects.get(slug=slug)
    for name, slug, description in CATEGORIES:
        BlogCategory.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description}
        )
    settings = BlogSettings.for_site(ctx.site)
    if not settings.moderator_emails:
        settings.moderator_emails = "hello@cedarandtide.example"
        settings.save()


@demo_step(210, "blog: posts and comments")
def build_posts(ctx):
    blog = ctx.pages["blog"]
    exercises = _library("exercises.ExercisePage")
    routines = _library("exercises.RoutinePage")
    categories = {c.slug: c for c in BlogCategory.objects.all()}
    authors = {key: ctx.pages[f"author-{key}"] for key in AUTHORS}
    created = 0
    for spec in posts(exercises, routines):
        post = BlogPostPage.objects.child_of(blog).filter(slug=spec["slug"]).first()
        if post is None:
            title, seed = spec["image"]
            post = BlogPostPage(
                slug=spec["slug"],
                title=spec["title"],
                intro=spec["intro"],
                date=spec["date"],
                feed_image=demo_image(title=title, seed=seed),
                feed_image_alt="",
                body=spec["body"],
            )
            blog.add_child(instance=post)
            for order, key in enumerate(spec["authors"]):
                BlogPostAuthor.objects.create(page=post, author=authors[key], sort_order=order)
            post.categories.set([categories[slug] for slug in spec["categories"]])
            post.tags.add(*spec["tags"])
            post.save_revision().publish()
            created += 1
        _comments(post, spec)
    if created:
        ctx.out(f"created {created} blog posts")
    if not exercises:
        ctx.out("no exercise pages yet: posts were built without exercise cards")


def _comments(post, spec):
    for name, text, status in spec["comments"]:
        Comment.objects.get_or_create(
            post=post,
            name=name,
            text=text,
            defaults={
                "email": f"{name.split()[0].lower()}@example.com",
                "status": status,
            },
        )
    if spec.get("reply"):
        to_name, text = spec["reply"]
        question = Comment.objects.filter(post=post, name=to_name).first()
        Comment.objects.get_or_create(
            post=post,
            text=text,
            is_staff_reply=True,
            defaults={
                "name": AUTHOR_NAMES["maya"],
                "email": "hello@cedarandtide.example",
                "status": CommentStatus.APPROVED,
                "reply_to": question,
            },
        )
