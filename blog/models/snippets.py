"""Snippets the blog's posts point at: who wrote them and what they are about."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


# The plugin cannot see BlogPostAuthor.author (Wagtail's Orderable is untyped).
class Author(index.Indexed, models.Model):  # type: ignore[django-manager-missing]
    name = models.CharField(max_length=120, help_text="Full name as readers should see it.")
    role = models.CharField(
        max_length=120,
        blank=True,
        help_text="Their job title, e.g. 'Registered massage therapist'.",
    )
    bio = models.TextField(
        blank=True, max_length=500, help_text="Two or three sentences shown under their posts."
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="A friendly square head-and-shoulders photo.",
    )

    panels = [FieldPanel("name"), FieldPanel("role"), FieldPanel("bio"), FieldPanel("photo")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = "author"

    def __str__(self):
        return self.name


class BlogCategory(index.Indexed, models.Model):
    name = models.CharField(max_length=80, unique=True, help_text="e.g. 'Knee care'.")
    slug = models.SlugField(
        max_length=80,
        unique=True,
        help_text="The category's address: /blog/category/<slug>/. Lower case and hyphens.",
    )
    description = models.TextField(
        blank=True, max_length=400, help_text="One or two sentences shown on the category page."
    )

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = "blog category"
        verbose_name_plural = "blog categories"

    def __str__(self):
        return self.name
