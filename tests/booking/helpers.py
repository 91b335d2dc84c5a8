from datetime import datetime, time, timedelta

from django.utils import timezone


def future_slot(rules, hh=10, mm=0, days=3):
    """An aware local datetime `days` ahead at hh:mm, moved off Sundays (factories work Mon-Sat)."""
    tz = rules.zone
    day = (timezone.now() + timedelta(days=days)).astimezone(tz).date()
    if day.weekday() == 6:
        day += timedelta(days=1)
    return datetime.combine(day, time(hh, mm), tzinfo=tz)


def hold(
    clinic, *, start=None, service=None, practitioner=None, email="ana@example.com", code="", **kw
):
    from booking import services

    return services.booking_hold(
        service=service or clinic.treatment,
        practitioner=practitioner or clinic.dana,
        start=start or future_slot(clinic.rules),
        name=kw.pop("name", "Ana Silva"),
        email=email,
        phone="604 555 0101",
        promo_code=code,
        consent=True,
        settings=clinic.rules,
        **kw,
    )
