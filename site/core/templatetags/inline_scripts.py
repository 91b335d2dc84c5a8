"""`{% inline_script "js/after-paint.js" %}` and `{% after_paint_script "js/video.js" %}`."""

from pathlib import Path

from django import template
from django.conf import settings
from django.templatetags.static import static
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from core.inline_js import script_text

register = template.Library()


@register.simple_tag
def inline_script(name: str) -> SafeString:
    """One of the scripts the Content-Security-Policy allows by hash (settings.INLINE_SCRIPTS)."""
    if name not in settings.INLINE_SCRIPTS:
        raise template.TemplateSyntaxError(f"{name} is not in settings.INLINE_SCRIPTS")
    text = mark_safe(script_text(Path(settings.INLINE_SCRIPTS_DIR) / name))  # our file
    return format_html("<script>{}</script>", text)


@register.simple_tag
def after_paint_script(name: str, **data: object) -> SafeString:
    """A placeholder that static/js/after-paint.js turns into `<script src>` after the first paint.

    Keyword arguments become data attributes: `data_url="/counts/"` gives `data-url="/counts/"`,
    which the script reads from `document.currentScript`.
    """
    attributes = format_html_join(
        "", ' data-{}="{}"', ((key.replace("_", "-"), value) for key, value in data.items())
    )
    return format_html(
        '<script type="text/plain" data-after-paint="{}"{}></script>', static(name), attributes
    )
