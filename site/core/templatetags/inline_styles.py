"""`{% inline_stylesheet "css/site.css" %}`: one of the site's stylesheets inside the page."""

from pathlib import Path

from django import template
from django.conf import settings
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from core.inline_css import stylesheet_text

register = template.Library()


@register.simple_tag
def inline_stylesheet(name: str, media: str = "") -> SafeString:
    """`media="print"` keeps a print stylesheet out of the way of the screen's first paint."""
    # Only stylesheets the Content-Security-Policy allows by hash (settings.INLINE_STYLESHEETS).
    if name not in settings.INLINE_STYLESHEETS:
        raise template.TemplateSyntaxError(f"{name} is not in settings.INLINE_STYLESHEETS")
    text = mark_safe(stylesheet_text(Path(settings.INLINE_STYLESHEETS_DIR) / name))  # our file
    if media:
        return format_html('<style media="{}">{}</style>', media, text)
    return format_html("<style>{}</style>", text)
