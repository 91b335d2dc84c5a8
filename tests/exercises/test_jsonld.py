"""Structured data: parse the JSON-LD the pages print and check the required properties."""

import datetime
import json
import re

import pytest

from exercises.presenters import jsonld
from tests.exercises.factories import RoutinePageFactory
from tests.factories import ImageFactory

pytestmark = pytest.mark.django_db


def blocks(html):
    return [
        json.loads(b)
        for b in re.findall(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S)
    ]


def of_type(items, kind):
    return [i for i in items if i.get("@type") == kind or kind in (i.get("@type") or [])]


@pytest.fixture
def exercise(catalogue, terms):
    page = catalogue["popliteus"]
    page.frequency, page.rest_seconds, page.sets, page.reps_min = "daily", 20, 2, 3
    page.last_reviewed, page.reviewer = datetime.date(2026, 2, 1), terms["reviewer"]
    page.videos = [
        (
            "video",
            {
                "url": "https://www.youtube.com/watch?v=aqz-KE-bpKQ",
                "title": "Popliteus release",
                "description": "The whole release, both legs.",
                "poster": ImageFactory(title="Poster"),
                "duration": "3:20",
                "upload_date": datetime.date(2026, 1, 5),
                "transcript": "Lie face down.",
                "chapters": [
                    {"time": "0:00", "label": "Set up"},
                    {"time": "1:05", "label": "Other leg"},
                ],
            },
        ),
        ("video", {"url": "https://vimeo.com/76979871", "title": "Short version", "chapters": []}),
    ]
    page.save_revision().publish()
    page.refresh_from_db()
    return page


REVIEWED_BY = {
    "@type": "Person",
    "name": "Robin Hale",
    "honorificSuffix": "RMT",
    "jobTitle": "Registered massage therapist",
}


def test_exercise_page_prints_valid_json_ld(client, exercise):
    items = blocks(client.get(exercise.url).content.decode())

    page = of_type(items, "MedicalWebPage")[0]
    assert page["lastReviewed"] == "2026-02-01"
    assert page["reviewedBy"] == REVIEWED_BY
    assert page["url"] == "http://testserver/exercises/popliteus-release/"

    plan = of_type(items, "ExercisePlan")[0]
    assert plan["activityFrequency"] == {
        "@type": "QuantitativeValue",
        "value": 7,
        "unitText": "times a week",
    }
    assert plan["repetitions"] == 3
    assert plan["restPeriods"] == "PT20S"
    assert plan["exerciseType"] == "Massage"
    assert plan["tool"] == [{"@type": "HowToTool", "name": "lacrosse ball"}]
    assert plan["activityDuration"]["minValue"] == 30
    assert plan["activityDuration"]["maxValue"] == 60
    assert plan["workload"]["value"] == 2
    assert plan["step"][0]["@type"] == "HowToStep"
    assert plan["step"][0]["text"]

    youtube, vimeo = of_type(items, "VideoObject")
    for video in (youtube, vimeo):
        for key in ("name", "description", "thumbnailUrl", "uploadDate", "embedUrl"):
            assert video.get(key), (key, video)
        for url in video["thumbnailUrl"]:
            assert url.startswith("http://testserver/"), url  # never a provider thumbnail
    assert youtube["embedUrl"] == "https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ"
    assert youtube["duration"] == "PT3M20S"
    assert youtube["uploadDate"] == "2026-01-05"
    assert youtube["hasPart"] == [
        {
            "@type": "Clip",
            "name": "Set up",
            "startOffset": 0,
            "endOffset": 65,
            "url": "https://www.youtube.com/watch?v=aqz-KE-bpKQ&t=0",
        },
        {
            "@type": "Clip",
            "name": "Other leg",
            "startOffset": 65,
            "endOffset": 200,
            "url": "https://www.youtube.com/watch?v=aqz-KE-bpKQ&t=65",
        },
    ]
    assert vimeo["embedUrl"] == "https://player.vimeo.com/video/76979871?dnt=1"
    assert "duration" not in vimeo
    assert "hasPart" not in vimeo

    crumbs = of_type(items, "BreadcrumbList")[0]["itemListElement"]
    assert [(c["position"], c["name"]) for c in crumbs] == [
        (1, "Home"),
        (2, "Exercises"),
        (3, "Popliteus release with a lacrosse ball"),
    ]
    assert crumbs[-1]["item"] == "http://testserver/exercises/popliteus-release/"


def test_routine_json_ld(client, library, catalogue):
    routine = RoutinePageFactory(
        parent=library,
        title="Knee trio",
        exercises=[catalogue["popliteus"], catalogue["knee_circles"]],
    )
    items = blocks(client.get(routine.url).content.decode())
    plan = of_type(items, "ExercisePlan")[0]
    assert [s["name"] for s in plan["step"]] == [
        "Popliteus release with a lacrosse ball",
        "Seated knee circles",
    ]
    assert plan["totalTime"].startswith("PT")
    assert of_type(items, "BreadcrumbList")


def test_scripts_cannot_break_out_of_the_script_element():
    (text,) = jsonld.scripts([{"name": "</script><script>alert(1)</script> & more"}])
    assert "</script>" not in text
    assert "<" not in text
    assert "&" not in text
    assert json.loads(text)["name"].startswith("</script>")
