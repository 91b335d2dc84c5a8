"""The values a form on a cached page must not share with other visitors, fetched per visitor."""

from django.http import HttpRequest, JsonResponse
from django.middleware.csrf import get_token
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from wagtail import hooks

# Apps add fields with @hooks.register(FRESH_FIELDS_HOOK): a function of the request returning
# {field name: value}, e.g. the comment form's signed "rendered_at" time.
FRESH_FIELDS_HOOK = "page_cache_fresh_form_fields"


@require_GET
@never_cache
def fresh_form_fields(request: HttpRequest) -> JsonResponse:
    """The CSRF token (its cookie is set on this response) and the apps' fresh hidden fields."""
    fields = {"csrfmiddlewaretoken": get_token(request)}
    for contribute in hooks.get_hooks(FRESH_FIELDS_HOOK):
        fields.update(contribute(request))
    return JsonResponse({"fields": fields})
