"""`{{ responsive_image|width_srcset }}`: the srcset of a `{% srcset_image ... as name %}`.

A page preloads its largest paint from the head, in AVIF with the same widths and sizes as the
picture's first source, so the browser asks for it before it reaches the picture:

    {% srcset_image page.image format-avif fill-{640x360,960x540} as lcp %}
    <link rel="preload" as="image" type="image/avif" imagesrcset="{{ lcp|width_srcset }}"
          imagesizes="…the picture's sizes…" fetchpriority="high">
"""

from typing import Any

from django import template
from wagtail.images.models import ResponsiveImage

register = template.Library()


@register.filter
def width_srcset(responsive_image: Any) -> str:
    return str(ResponsiveImage.get_width_srcset(responsive_image.renditions))
