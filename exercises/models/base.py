"""The base of the library's own abstract models, as the type checker sees it.

django-stubs treats a class as a Django model only when it inherits a typed `models.Model`.
Wagtail, modelcluster and taggit ship no types, so pages, orderables and tagged items are
plain classes to it. A typed model related to one of those (an exercise page's categories,
an equipment row's equipment) can never be completed, and the plugin re-adds the relations it
did finish on every pass, so mypy never reaches its last pass and stops with "maximum semantic
analysis iteration count reached". The library's models are therefore all untyped for the
checker, as every Wagtail page in the project is; at run time this is `models.Model`.
"""

from typing import TYPE_CHECKING, Any

from django.db import models

if TYPE_CHECKING:
    LibraryModel = Any
else:
    LibraryModel = models.Model

__all__ = ["LibraryModel"]
