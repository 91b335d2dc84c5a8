from django import template
from django.http import HttpRequest
from django.template.backends.utils import csrf_input
from django.utils.safestring import SafeString

register = template.Library()

EMPTY_TOKEN = '<input type="hidden" name="csrfmiddlewaretoken" value="">'


def shared(request: HttpRequest | None) -> bool:
    """Whether this page may be served to other visitors from the page cache."""
    return bool(getattr(request, "page_cache_candidate", False))


@register.simple_tag(takes_context=True)
def form_csrf_token(context: template.Context) -> SafeString:
    """The CSRF field of a public form. On a page that may be cached it is left empty (no token,
    no cookie): static/js/form-tokens.js fills it from core.page_cache.views."""
    request = context.get("request")
    if request is None or shared(request):
        return SafeString(EMPTY_TOKEN)
    return csrf_input(request)


@register.filter
def page_may_be_cached(request: HttpRequest | None) -> bool:
    return shared(request)
