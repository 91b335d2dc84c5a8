"""Snippets editors manage: categories, body areas, muscles and tissues, equipment and reusable
cautions. Reviewers are People (core.Person), the same records as the practitioners."""

from __future__ import annotations

from typing import Any, NamedTuple

from django.db import models
from django.utils.text import slugify
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.search import index

from core.blocks import CAUTION_KINDS
from exercises.models.base import LibraryModel

CAUTION_SNIPPET_KINDS = [
    ("avoid", "Avoid if"),
    ("stop", "Stop if"),
    ("professional", "See a professional if"),
]


class CautionItem(NamedTuple):
    """One caution as readers see it; unpacks as (kind_label, text)."""

    kind_label: str
    text: str

    @property
    def kind(self) -> str:
        return {label: kind for kind, label in CAUTION_KINDS}.get(self.kind_label, "note")


class SlugNamed(index.Indexed, LibraryModel):
    """A named taxonomy term with a URL slug (used in library filter URLs)."""

    name: models.CharField = models.CharField(
        max_length=80, unique=True, help_text="As readers see it."
    )
    slug: models.SlugField = models.SlugField(
        max_length=80,
        unique=True,
        blank=True,
        help_text="Used in filter links, e.g. ?area=knee. Left empty, it is made from the name.",
    )

    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        # Filling an empty slug from the name is a field default, not business logic.
        if not self.slug:
            self.slug = slugify(self.name)[:80]
        super().save(*args, **kwargs)


class ExerciseCategory(SlugNamed):
    description: models.CharField = models.CharField(
        max_length=200, blank=True, help_text="One line shown on the library page."
    )

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]
    search_fields = [
        *SlugNamed.search_fields,
        index.SearchField("description"),
        index.AutocompleteField("description"),
    ]

    class Meta(SlugNamed.Meta):
        verbose_name = "exercise category"
        verbose_name_plural = "exercise categories"


class BodyArea(SlugNamed):
    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta(SlugNamed.Meta):
        verbose_name = "body area"


class Tissue(SlugNamed):
    body_area: models.ForeignKey[Any, Any] = models.ForeignKey(
        BodyArea,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tissues",
        help_text="Optional: where this muscle or tissue sits.",
    )
    also_known_as: models.CharField = models.CharField(
        max_length=160,
        blank=True,
        help_text="Other names readers search for, e.g. 'iliotibial band' for IT band.",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("body_area"),
        FieldPanel("also_known_as"),
    ]
    search_fields = [
        *SlugNamed.search_fields,
        index.SearchField("also_known_as"),
        index.AutocompleteField("also_known_as"),
        index.FilterField("body_area"),
    ]

    class Meta(SlugNamed.Meta):
        verbose_name = "muscle or tissue"
        verbose_name_plural = "muscles and tissues"


FIRMNESS_CHOICES = [("softer", "softer"), ("medium", "medium"), ("firmer", "firmer")]


class Equipment(index.Indexed, LibraryModel):
    name: models.CharField = models.CharField(
        max_length=80, help_text="e.g. 'massage ball', 'foam roller', 'chair'."
    )
    size: models.CharField = models.CharField(
        max_length=40, blank=True, help_text="Optional size as readers measure it, e.g. '3 in'."
    )
    firmness: models.CharField = models.CharField(
        max_length=10, blank=True, choices=FIRMNESS_CHOICES, help_text="Optional."
    )
    slug: models.SlugField = models.SlugField(
        max_length=120,
        unique=True,
        blank=True,
        help_text="Used in filter links. Left empty, it is made from the name, size and firmness.",
    )

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("size"), FieldPanel("firmness")]),
        FieldPanel("slug"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("size"),
        index.AutocompleteField("size"),
        index.FilterField("firmness"),
    ]

    class Meta:
        ordering = ["name", "size"]
        verbose_name = "equipment"
        verbose_name_plural = "equipment"
        constraints = [
            models.UniqueConstraint(
                fields=["name", "size", "firmness"], name="exercises_equipment_unique_variant"
            )
        ]

    def __str__(self):
        return ", ".join(p for p in [self.name, self.size, self.firmness] if p)

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(str(self))[:120]
        super().save(*args, **kwargs)


class Caution(index.Indexed, LibraryModel):
    """A caution written once and reused on many exercises."""

    title: models.CharField = models.CharField(
        max_length=80,
        unique=True,
        help_text="For editors, e.g. 'recent knee surgery'. Readers see only the text.",
    )
    kind: models.CharField = models.CharField(
        max_length=16,
        choices=CAUTION_SNIPPET_KINDS,
        default="avoid",
        help_text="How strongly the reader should heed it.",
    )
    text: models.TextField = models.TextField(
        max_length=500,
        help_text="Completes the kind, e.g. 'you had knee surgery in the last three months.'",
    )

    panels = [FieldPanel("title"), FieldPanel("kind"), FieldPanel("text")]
    search_fields = [
        index.SearchField("title"),
        index.AutocompleteField("title"),
        index.SearchField("text"),
        index.AutocompleteField("text"),
        index.FilterField("kind"),
    ]

    class Meta:
        ordering = ["kind", "title"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.title}"
