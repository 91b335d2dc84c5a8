"""Structured data (schema.org JSON-LD) for exercise, routine and programme pages.

Pure functions of a page and the request: each returns a plain dict; `scripts()` turns a list
of them into strings safe to print inside <script type="application/ld+json">.
"""

from __future__ import annotations

import json

from django.utils.safestring import mark_safe

from core.blocks import parse_timestamp
from exercises.dosage import FREQUENCY_PER_WEEK, iso_duration

CONTEXT = "https://schema.org"
POSTER_FILTER = "fill-1280x720|format-jpeg"
_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def scripts(items: list[dict]) -> list[str]:
    """JSON strings with <, > and & escaped, so no value can close the script element."""
    return [
        mark_safe(json.dumps(item, ensure_ascii=False, indent=None).translate(_ESCAPES))  # noqa: S308
        for item in items
        if item
    ]


def _absolute(request, url: str) -> str:
    if not url or url.startswith(("http://", "https://")):
        return url
    return request.build_absolute_uri(url) if request is not None else url


def page_url(page, request) -> str:
    return page.get_full_url(request=request) or _absolute(request, page.url)


def default_image_url(page, request) -> str:
    """The page's own image, else the site's default sharing image; never a third-party URL."""
    image = getattr(page, "card_image", None) or page.seo_image
    if image is None:
        return ""
    return _absolute(request, image.get_rendition(POSTER_FILTER).url)


def breadcrumb_list(*, page, request) -> dict:
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


def _clip_url(video_value, seconds: int) -> str:
    url = video_value.get("url")
    joiner = "&" if "?" in url else "?"
    if video_value.provider == "vimeo":
        return f"{url}#t={seconds}s"
    return f"{url}{joiner}t={seconds}"


def _poster_url(video, request) -> str:
    poster = video.get("poster")
    return _absolute(request, poster.get_rendition(POSTER_FILTER).url) if poster else ""


def video_object(*, video, page, request, fallback_thumbnail: str = "") -> dict:
    """One VideoObject. The thumbnail is the poster rendition, else `fallback_thumbnail`
    (another poster on the page), else the page's or the site's default image."""
    thumbnail = (
        _poster_url(video, request) or fallback_thumbnail or default_image_url(page, request)
    )
    published = page.first_published_at or page.last_published_at
    upload = video.get("upload_date") or (published.date() if published else None)
    duration_seconds = parse_timestamp(video.get("duration") or "")
    data = {
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
    marks = [m for m in video.chapter_marks if m["seconds"] is not None]
    if marks:
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
        data["hasPart"] = clips
    return data


def exercise_plan(*, page, request, categories=None, equipment=None) -> dict:
    """ExercisePlan (and HowTo, for the steps and equipment) from the typed dosage.

    `categories` and `equipment` (ExerciseEquipment rows) may be passed when already loaded.
    """
    dosage = page.dosage
    if categories is None:
        categories = page.categories.all()
    if equipment is None:
        equipment = page.equipment_items.select_related("equipment")
    categories = [c.name for c in categories]
    equipment = [str(item.equipment) for item in equipment]
    data = {
        "@context": CONTEXT,
        "@type": ["ExercisePlan", "HowTo"],
        "name": page.title,
        "description": page.listing_summary,
        "url": page_url(page, request),
        "exerciseType": ", ".join(categories) or "Exercise",
        "intensity": page.get_difficulty_display(),
        "step": [
            {"@type": "HowToStep", "position": n, "text": value.plain_text}
            for n, value in enumerate(page.step_values, start=1)
        ],
    }
    low, high = dosage.reps
    if low:
        data["repetitions"] = (
            low
            if low == high
            else {"@type": "QuantitativeValue", "minValue": low, "maxValue": high}
        )
    hold_low, hold_high = dosage.hold
    if hold_low:
        data["activityDuration"] = (
            iso_duration(hold_low)
            if hold_low == hold_high
            else {
                "@type": "QuantitativeValue",
                "minValue": hold_low,
                "maxValue": hold_high,
                "unitCode": "SEC",
            }
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
    extras = []
    if dosage.side_label:
        extras.append(dosage.side_label)
    if dosage.breathing_text:
        extras.append(dosage.breathing_text)
    if extras:
        data["additionalVariable"] = " · ".join(extras)
    if equipment:
        data["tool"] = [{"@type": "HowToTool", "name": name} for name in equipment]
    estimate = page.estimated_seconds
    if any(estimate):
        data["totalTime"] = iso_duration(estimate[1])
    image = default_image_url(page, request)
    if image:
        data["image"] = image
    return data


def medical_web_page(*, page, request, body_areas=None) -> dict:
    data = {
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
        person = {"@type": "Person", "name": reviewer.name}
        if reviewer.credentials:
            person["honorificSuffix"] = reviewer.credentials
        data["reviewedBy"] = person
    return data


def exercise_page_graph(
    *, page, request, categories=None, equipment=None, body_areas=None
) -> list[dict]:
    videos = [block.value for block in page.videos if block.block_type == "video"]
    posters = [url for url in (_poster_url(v, request) for v in videos) if url]
    return [
        medical_web_page(page=page, request=request, body_areas=body_areas),
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


def routine_page_graph(*, page, request) -> list[dict]:
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
