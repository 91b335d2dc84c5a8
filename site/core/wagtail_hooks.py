"""Site-wide admin additions: accessible names for inputs Wagtail leaves unnamed."""

from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks


@hooks.register("insert_global_admin_js")
def admin_labels_js():
    return format_html('<script src="{}" defer></script>', static("js/admin-labels.js"))
