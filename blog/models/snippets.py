"""Snippets the blog's posts point at: what they are about. Who wrote them is a core.Person
(Snippets › People), the same record as the practitioner and the exercise reviewer."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


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
