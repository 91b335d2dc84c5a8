from django.conf import settings
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from core import views as core_views
from core.page_cache import views as page_cache_views
from core.visits import views as visits_views

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("search/", core_views.search, name="search"),
    path("counts/", visits_views.beacon, name="page_count"),
    path("forms/fresh/", page_cache_views.fresh_form_fields, name="page_cache_form_fields"),
    path("", include("booking.urls")),
    path("", include("exercises.urls")),
    path("", include("homecare.urls")),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", core_views.robots_txt, name="robots_txt"),
]

if settings.SERVE_MEDIA:
    # Local media under gunicorn: uploaded images must never 404 (see settings.SERVE_MEDIA).
    urlpatterns += [
        re_path(
            rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.*)$",
            core_views.serve_media,
        )
    ]

urlpatterns += [path("", include(wagtail_urls))]
