"""Structured data (schema.org JSON-LD) for exercise, routine and programme pages.

Pure functions of a page and the request: each returns a plain dict; `scripts()` turns a list
of them into strings safe to print inside <script type="application/ld+json">.
"""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest
from django.utils.safestring import SafeString, mark_safe

from core.blocks import parse_timestamp
from exercises.dosage import FREQUENCY_PER_WEEK, Dosage, iso_duration

JsonLd = dict[str, Any]

CONTEXT = "https://schema.org"
POSTER_FILTER = "fill-1280x720|format-jpeg"
_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def scripts(items: list[JsonLd]) -> list[SafeString]:
    """JSON strings with <, > and & escaped, so no value can close the script element."""
    return [
        mark_safe(json.dumps(item, ensure_ascii=False, indent=None).translate(_ESCAPES))  # noqa: S308
        for item in items
        if item
    ]


def _absolute(request: HttpRequest | None, url: str) -> str:
    if not url or url.startswith(("http://", "https://")):
        return url
    return request.build_absolute_uri(url) if request is not None else url


def page_url(page: Any, request: HttpRequest | None) -> str:
    url: str = page.get_full_url(request=request) or _absolute(request, page.url)
    return url


def default_image_url(page: Any, request: HttpRequest | None) -> str:
    """The page's own image, else the site's default sharing image; never a third-party URL."""
    image = getattr(page, "card_image", None) or page.seo_image
    if image is None:
        return ""
    return _absolute(request, image.get_rendition(POSTER_FILTER).url)


def breadcrumb_list(*, page: Any, request: HttpRequest | None) -> JsonLd:
    ancestors = list(page.get_ancestors().filter(depth__gt=1).live().public().specific())
    trail = [*ancestors, page]
    return {
        "@context": CONTEXT,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": "Home" if crumb.depth == 2 else crumb.title,
                "item": page_url(crumb, request),
            }
            for position, crumb in enumerate(trail, start=1)
        ],
    }


def _clip_url(video_value: Any, seconds: int) -> str:
    url: str = video_value.get("url")
    joiner = "&" if "?" in url else "?"
    if video_value.provider == "vimeo":
        return f"{url}#t={seconds}s"
    return f"{url}{joiner}t={seconds}"


def _poster_url(video: Any, request: HttpRequest | None) -> str:
    poster = video.get("poster")
    return _absolute(request, poster.get_rendition(POSTER_FILTER).url) if poster else ""


def _clips(video: Any, duration_seconds: int | None) -> list[JsonLd]:
    """A Clip per chapter mark, each ending where the next starts (the last, with the video)."""
    marks = [m for m in video.chapter_marks if m["seconds"] is not None]
    clips = []
    for index, mark in enumerate(marks):
        end = marks[index + 1]["seconds"] if index + 1 < len(marks) else duration_seconds
        clip = {
            "@type": "Clip",
            "name": mark["label"],
            "startOffset": mark["seconds"],
            "url": _clip_url(video, mark["seconds"]),
        }
        if end is not None and end > mark["seconds"]:
            clip["endOffset"] = end
        clips.append(clip)
    return clips


def video_object(
    *, video: Any, page: Any, request: HttpRequest | None, fallback_thumbnail: str = ""
) -> JsonLd:
    """One VideoObject. The thumbnail is the poster rendition, else `fallback_thumbnail`
    (another poster on the page), else the page's or the site's default image."""
    thumbnail = (
        _poster_url(video, request) or fallback_thumbnail or default_image_url(page, request)
    )
    published = page.first_published_at or page.last_published_at
    upload = video.get("upload_date") or (published.date() if published else None)
    duration_seconds = parse_timestamp(video.get("duration") or "")
    data: JsonLd = {
        "@context": CONTEXT,
        "@type": "VideoObject",
        "name": video.get("title"),
        "description": video.get("description") or page.listing_summary or video.get("title"),
        "embedUrl": video.embed_url,
        "url": video.get("url"),
    }
    if thumbnail:
        data["thumbnailUrl"] = [thumbnail]
    if upload:
        data["uploadDate"] = upload.isoformat()
    if duration_seconds is not None:
        data["duration"] = iso_duration(duration_seconds)
    if video.get("transcript"):
        data["transcript"] = video.get("transcript")
    clips = _clips(video, duration_seconds)
    if clips:
        data["hasPart"] = clips
    return data


def _range_value(low: int, high: int | None, **unit: str) -> Any:
    """One number, or a QuantitativeValue from low to high (with `unitCode`, if given)."""
    if low == high:
        return low
    return {"@type": "QuantitativeValue", "minValue": low, "maxValue": high, **unit}


def dosage_properties(dosage: Dosage) -> JsonLd:
    """The ExercisePlan properties the typed dosage fills: repetitions, hold, rest, frequency,
    sets, and side and breathing as additional variables."""
    data: JsonLd = {}
    low, high = dosage.reps
    if low:
        data["repetitions"] = _range_value(low, high)
    hold_low, hold_high = dosage.hold
    if hold_low:
        data["activityDuration"] = (
            iso_duration(hold_low)
            if hold_low == hold_high
            else _range_value(hold_low, hold_high, unitCode="SEC")
        )
    if dosage.rest_seconds:
        data["restPeriods"] = iso_duration(dosage.rest_seconds)
    if dosage.frequency:
        per_week = FREQUENCY_PER_WEEK.get(dosage.frequency)
        data["activityFrequency"] = (
            {"@type": "QuantitativeValue", "value": per_week, "unitText": "times a week"}
            if per_week
            else dosage.frequency_label
        )
    if dosage.sets:
        data["workload"] = {"@type": "QuantitativeValue", "value": dosage.sets, "unitText": "sets"}
    extras = [text for text in (dosage.side_label, dosage.breathing_text) if text]
    if extras:
        data["additionalVariable"] = " · ".join(extras)
    return data


def exercise_plan(
    *,
    page: Any,
    request: HttpRequest | None,
    categories: Any = None,
    equipment: Any = None,
) -> JsonLd:
    """ExercisePlan (and HowTo, for the steps and equipment) from the typed dosage.

    `categories` and `equipment` (ExerciseEquipment rows) may be passed when already loaded.
    """
    if categories is None:
        categories = page.categories.all()
    if equipment is None:
        equipment = page.equipment_items.select_related("equipment")
    category_names = [c.name for c in categories]
    tools = [str(item.equipment) for item in equipment]
    data: JsonLd = {
        "@context": CONTEXT,
        "@type": ["ExercisePlan", "HowTo"],
        "name": page.title,
        "description": page.listing_summary,
        "url": page_url(page, request),
        "exerciseType": ", ".join(category_names) or "Exercise",
        "intensity": page.get_difficulty_display(),
        "step": [
            {"@type": "HowToStep", "position": n, "text": value.plain_text}
            for n, value in enumerate(page.step_values, start=1)
        ],
        **dosage_properties(page.dosage),
    }
    if tools:
        data["tool"] = [{"@type": "HowToTool", "name": name} for name in tools]
    estimate = page.estimated_seconds
    if any(estimate):
        data["totalTime"] = iso_duration(estimate[1])
    image = default_image_url(page, request)
    if image:
        data["image"] = image
    return data


def medical_web_page(
    *, page: Any, request: HttpRequest | None, body_areas: Any = None, reviewer_url: str = ""
) -> JsonLd:
    data: JsonLd = {
        "@context": CONTEXT,
        "@type": "MedicalWebPage",
        "name": page.title,
        "url": page_url(page, request),
        "description": page.listing_summary,
        "audience": {"@type": "PeopleAudience", "audienceType": "Patient"},
    }
    if body_areas is None:
        body_areas = page.body_areas.all() if hasattr(page, "body_areas") else []
    areas = [a.name for a in body_areas]
    if areas:
        data["about"] = [{"@type": "AnatomicalStructure", "name": name} for name in areas]
    if getattr(page, "last_reviewed", None):
        data["lastReviewed"] = page.last_reviewed.isoformat()
    reviewer = getattr(page, "reviewer", None)
    if reviewer is not None:
        person: JsonLd = {"@type": "Person", "name": reviewer.name}
        if reviewer.credentials:
            person["honorificSuffix"] = reviewer.credentials
        if reviewer.role:
            person["jobTitle"] = reviewer.role
        if reviewer_url:
            person["url"] = _absolute(request, reviewer_url)
        data["reviewedBy"] = person
    return data


def exercise_page_graph(
    *,
    page: Any,
    request: HttpRequest | None,
    categories: Any = None,
    equipment: Any = None,
    body_areas: Any = None,
    reviewer_url: str = "",
) -> list[JsonLd]:
    videos = [block.value for block in page.videos if block.block_type == "video"]
    posters = [url for url in (_poster_url(v, request) for v in videos) if url]
    return [
        medical_web_page(
            page=page, request=request, body_areas=body_areas, reviewer_url=reviewer_url
        ),
        exercise_plan(page=page, request=request, categories=categories, equipment=equipment),
        *[
            video_object(
                video=video,
                page=page,
                request=request,
                fallback_thumbnail=posters[0] if posters else "",
            )
            for video in videos
        ],
        breadcrumb_list(page=page, request=request),
    ]


def routine_page_graph(*, page: Any, request: HttpRequest | None) -> list[JsonLd]:
    items = page.live_items
    plan = {
        "@context": CONTEXT,
        "@type": ["ExercisePlan", "HowTo"],
        "name": page.title,
        "description": page.listing_summary,
        "url": page_url(page, request),
        "totalTime": iso_duration(page.estimated_seconds[1]),
        "step": [
            {
                "@type": "HowToStep",
                "position": n,
                "name": item.exercise.title,
                "text": item.dosage.as_text or item.exercise.listing_summary,
                "url": page_url(item.exercise, request),
            }
            for n, item in enumerate(items, start=1)
        ],
    }
    return [plan, breadcrumb_list(page=page, request=request)]
