"""Staff views of promo codes: the list with uses so far, and one code with its bookings."""

from typing import Any

from django.utils import timezone
from wagtail.admin.views import generic

from booking import formatting, selectors


class PromoIndexView(generic.IndexView):
    def get_base_queryset(self):
        return selectors.promo_codes_with_uses()


class PromoInspectView(generic.InspectView):
    template_name = "booking/admin/promo_inspect.html"

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        tz = selectors.booking_settings().zone
        context["code_bookings"] = [
            {"booking": b, "when": formatting.when(b.start, tz)}
            for b in self.object.bookings.select_related("practitioner").order_by("-start")[:200]
        ]
        context["uses"] = selectors.promo_usage(
            promo=self.object, patient=None, now=timezone.now()
        ).total_uses
        return context
