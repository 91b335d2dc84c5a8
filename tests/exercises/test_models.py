"""Every page type is created through the Wagtail admin (nested form data) and rendered;
invalid dosage and unsupported video URLs are field errors; the snippets have their admin."""

import re

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from exercises.models import (
    Caution,
    Equipment,
    ExerciseIndexPage,
    ExercisePage,
    ExerciseSettings,
    ProgramPage,
    RoutinePage,
)
from tests.admin_helpers import admin_create_page, streamfield
from tests.booking.factories import ServiceFactory
from tests.exercises.factories import (
    BodyAreaFactory,
    CategoryFactory,
    CautionFactory,
    EquipmentFactory,
    ExercisePageFactory,
    ReviewerFactory,
    TissueFactory,
)

pytestmark = pytest.mark.django_db


def seo_fields(**extra):
    return {"seo_title": "", "search_description": "", "canonical_url": "", **extra}


def dosage_fields(**values):
    names = [
        "sets",
        "reps_min",
        "reps_max",
        "hold_min",
        "hold_max",
        "rest_seconds",
        "side",
        "frequency",
        "breathe_in",
        "breathe_out",
        "pace",
        "duration_min",
        "duration_max",
    ]
    return {name: str(values.get(name, "")) for name in names}


def video_data(url="https://www.youtube.com/watch?v=aqz-KE-bpKQ", **extra):
    return {
        "url": url,
        "title": "Knee release, start to finish",
        "description": "",
        "poster": "",
        "duration": "2:40",
        "upload_date": "2026-01-05",
        "transcript": "Lie face down and let the ball settle above the knee.",
        "chapters": streamfield([]) | {"count": 0},
        **extra,
    }


@pytest.fixture
def taxonomy(db):
    return {
        "massage": CategoryFactory(name="Massage", slug="massage"),
        "knee": BodyAreaFactory(name="Knee", slug="knee"),
        "popliteus": TissueFactory(name="Popliteus", slug="popliteus"),
        "ball": EquipmentFactory(name="massage ball", size="3 in"),
        "surgery": CautionFactory(title="recent knee surgery", kind="avoid"),
        "reviewer": ReviewerFactory(),
        "service": ServiceFactory(name="Knee assessment", slug="knee-assessment"),
    }


def exercise_data(taxonomy, **overrides):
    data = {
        "title": "Back-of-knee ball release",
        "slug": "back-of-knee-ball-release",
        "summary": "Ease a tight spot behind the knee with a small ball.",
        "image": "",
        "categories": (taxonomy["massage"].pk,),
        "body_areas": (taxonomy["knee"].pk,),
        "tissues": (taxonomy["popliteus"].pk,),
        "position": "face-down",
        "difficulty": "gentle",
        "tags": "runners, desk workers",
        "equipment_items": inline_formset(
            [{"equipment": taxonomy["ball"].pk, "note": "or a tennis ball"}]
        ),
        "cautions": streamfield(
            [
                ("reusable", taxonomy["surgery"].pk),
                ("caution", {"kind": "stop", "text": "the pain turns sharp."}),
            ]
        ),
        "steps": steps_data(),
        **dosage_fields(
            hold_min=30,
            hold_max=60,
            side="each-side",
            frequency="daily",
            breathe_in=4,
            breathe_out=8,
        ),
        "videos": streamfield([("video", video_data())]),
        "easier": "",
        "harder": "",
        "related_items": inline_formset([]),
        "last_reviewed": "2026-02-01",
        "reviewer": taxonomy["reviewer"].pk,
        "booking_service": taxonomy["service"].pk,
        **seo_fields(),
    }
    data.update(overrides)
    return data


def steps_data():
    """The two steps of the exercise in exercise_data, the second with a 20-second hold."""
    return streamfield(
        [
            (
                "step",
                {
                    "text": rich_text("<p>Lie face down with the ball above the knee.</p>"),
                    "image": "",
                    "alt": "",
                    "hold_seconds": "",
                },
            ),
            (
                "step",
                {
                    "text": rich_text("<p>Bend the knee slowly and breathe.</p>"),
                    "image": "",
                    "alt": "",
                    "hold_seconds": "20",
                },
            ),
        ]
    )


def post_add(client, model, parent, data):
    url = reverse(
        "wagtailadmin_pages:add", args=[model._meta.app_label, model._meta.model_name, parent.pk]
    )
    payload = nested_form_data(data)
    payload["action-publish"] = "action-publish"
    return client.post(url, payload)


def test_library_page_created_in_admin_and_rendered(admin_client, home):
    page = admin_create_page(
        admin_client,
        ExerciseIndexPage,
        home,
        {
            "title": "Exercise library",
            "slug": "exercises",
            "intro": "Find what helps.",
            **seo_fields(),
        },
    )
    html = admin_client.get(page.url).content.decode()
    assert "<h1>Exercise library</h1>" in html
    assert "Find what helps." in html
    assert "No exercises match yet." in html


def test_exercise_page_created_in_admin_and_rendered(admin_client, library, taxonomy):
    page = admin_create_page(admin_client, ExercisePage, library, exercise_data(taxonomy))
    assert (
        page.dosage.as_text
        == "Hold 30–60 seconds · each side · daily · breathe in for 4, out for 8"
    )
    assert [str(i.equipment) for i in page.equipment_items.all()] == ["massage ball, 3 in"]
    assert sorted(t.name for t in page.tags.all()) == ["desk workers", "runners"]
    assert list(page.tissues.all()) == [taxonomy["popliteus"]]
    assert len(page.steps) == 2
    assert page.steps[1].value["hold_seconds"] == 20

    html = admin_client.get(page.url).content.decode()
    assert "<h1>Back-of-knee ball release</h1>" in html
    assert "Avoid if</strong> you had knee surgery" in html
    assert "Stop if</strong> the pain turns sharp." in html
    assert "or a tennis ball" in html
    assert "Hold 30–60 seconds · each side · daily · breathe in for 4, out for 8" in html
    assert 'data-video-src="https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ?autoplay=1"' in html
    assert "<iframe" not in html
    assert "Last reviewed" in html
    assert "Robin Hale, RMT" in html


def test_exercise_booking_link_is_a_chosen_service(admin_client, site_home, library, taxonomy):
    from core.models import SiteSettings
    from tests.factories import StandardPageFactory

    practice = SiteSettings.for_site(site_home[0])
    practice.booking_page = StandardPageFactory(parent=site_home[1], title="Book", slug="book")
    practice.save()
    page = admin_create_page(admin_client, ExercisePage, library, exercise_data(taxonomy))
    assert page.booking_service == taxonomy["service"]
    html = admin_client.get(page.url).content.decode()
    assert f'href="/book/?service=knee-assessment&amp;from={page.pk}"' in html


def test_exercise_editor_offers_a_service_chooser(admin_client, library):
    url = reverse("wagtailadmin_pages:add", args=["exercises", "exercisepage", library.pk])
    html = admin_client.get(url).content.decode()
    assert "Choose a service" in html
    assert reverse("booking_service_chooser:choose") in html


def test_service_chooser_lists_services(admin_client, taxonomy):
    response = admin_client.get(reverse("booking_service_chooser:choose"))
    assert "Knee assessment" in response.json()["html"]


def test_unknown_service_is_a_field_error(admin_client, library, taxonomy):
    response = post_add(
        admin_client, ExercisePage, library, exercise_data(taxonomy, booking_service=999999)
    )
    assert response.status_code == 200
    assert response.context["form"].errors.get("booking_service")


def test_exercise_editor_has_tabs(admin_client, library):
    url = reverse("wagtailadmin_pages:add", args=["exercises", "exercisepage", library.pk])
    html = admin_client.get(url).content.decode()
    tabs = re.findall(r'role="tab"[^>]*>\s*(?:<[^>]+>\s*)*([^<]+?)\s*<', html)
    assert tabs[:5] == ["Content", "Dosage and cautions", "Media", "Booking and review", "Promote"]


def test_taxonomy_pickers_are_checkboxes(admin_client, library, taxonomy):
    url = reverse("wagtailadmin_pages:add", args=["exercises", "exercisepage", library.pk])
    html = admin_client.get(url).content.decode()
    for name in ("categories", "body_areas", "tissues"):
        assert f'type="checkbox" name="{name}"' in html


def test_steps_show_no_count_warning_before_typing(admin_client, library):
    url = reverse("wagtailadmin_pages:add", args=["exercises", "exercisepage", library.pk])
    html = admin_client.get(url).content.decode()
    # A block minimum makes the editor print 'The minimum number of items is 1' at once; the
    # field's own 'required' asks for a step only on save (test_exercise_needs_at_least_one_step).
    assert "minNum&quot;: 1" not in html


def test_exercise_needs_at_least_one_step(admin_client, library, taxonomy):
    response = post_add(
        admin_client, ExercisePage, library, exercise_data(taxonomy, steps=streamfield([]))
    )
    assert response.status_code == 200
    assert not ExercisePage.objects.exists()
    assert response.context["form"].errors.get("steps")


@pytest.mark.parametrize(
    ("dosage", "field", "message"),
    [
        ({"reps_min": 15, "reps_max": 10}, "reps_max", "less than the fewest"),
        ({"hold_min": 60, "hold_max": 30}, "hold_max", "shorter than the shortest"),
        ({"sets": 0}, "sets", "1 or more"),
        ({"reps_min": -3}, "reps_min", ""),
        ({"hold_min": 0}, "hold_min", "1 or more"),
        ({"breathe_in": 4}, "breathe_out", "needs both counts"),
        ({"rest_seconds": 0}, "rest_seconds", "1 or more"),
    ],
)
def test_invalid_dosage_is_a_field_error(admin_client, library, taxonomy, dosage, field, message):
    data = exercise_data(taxonomy, **dosage_fields(**dosage))
    response = post_add(admin_client, ExercisePage, library, data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors, errors
    assert message in " ".join(errors[field])
    assert not ExercisePage.objects.exists()


def test_unsupported_video_url_is_a_field_error(admin_client, library, taxonomy):
    data = exercise_data(
        taxonomy, videos=streamfield([("video", video_data(url="https://example.com/v/12"))])
    )
    response = post_add(admin_client, ExercisePage, library, data)
    assert response.status_code == 200
    assert "not a YouTube or Vimeo video link" in response.content.decode()
    assert not ExercisePage.objects.exists()


def test_routine_page_created_in_admin_and_rendered(admin_client, library, taxonomy):
    massage = ExercisePageFactory(parent=library, title="Knee massage", hold_min=60)
    release = ExercisePageFactory(
        parent=library, title="Contract and relax", reps_min=5, breathe_in=4, breathe_out=8
    )
    page = admin_create_page(
        admin_client,
        RoutinePage,
        library,
        {
            "title": "Three-step knee routine",
            "slug": "three-step-knee",
            "summary": "Massage, contract-relax, then move.",
            "image": "",
            "intro": rich_text("<p>Do it after a walk.</p>"),
            "items": inline_formset(
                [
                    {"exercise": massage.pk, "note": "", **dosage_fields()},
                    {
                        "exercise": release.pk,
                        "note": "Tighten as you breathe in.",
                        **dosage_fields(reps_min=6),
                    },
                ]
            ),
            "booking_service": "",
            **seo_fields(),
        },
    )
    items = page.live_items
    assert [i.exercise.title for i in items] == ["Knee massage", "Contract and relax"]
    assert items[1].dosage.as_text == "6 reps · breathe in for 4, out for 8"
    html = admin_client.get(page.url).content.decode()
    assert "<h1>Three-step knee routine</h1>" in html
    assert "Tighten as you breathe in." in html
    assert "Total time:" in html


def test_routine_item_dosage_is_validated(admin_client, library):
    exercise = ExercisePageFactory(parent=library)
    response = post_add(
        admin_client,
        RoutinePage,
        library,
        {
            "title": "Bad routine",
            "slug": "bad-routine",
            "summary": "x",
            "image": "",
            "intro": rich_text(""),
            "items": inline_formset(
                [{"exercise": exercise.pk, "note": "", **dosage_fields(hold_min=40, hold_max=20)}]
            ),
            "booking_service": "",
            **seo_fields(),
        },
    )
    assert response.status_code == 200
    assert "shorter than the shortest" in response.content.decode()
    assert not RoutinePage.objects.exists()


def test_program_page_created_in_admin_and_rendered(admin_client, library):
    exercise = ExercisePageFactory(parent=library, title="Ankle circles")
    page = admin_create_page(
        admin_client,
        ProgramPage,
        library,
        {
            "title": "Seven days for easier knees",
            "slug": "knee-7",
            "summary": "A week of short sessions.",
            "image": "",
            "intro": rich_text("<p>Ten minutes a day.</p>"),
            "days": inline_formset(
                [
                    {
                        "title": "Ankles first",
                        "note": "Keep it easy.",
                        "members_only": "",
                        "items": streamfield(
                            [("item", {"page": exercise.pk, "note": "Both feet"})]
                        ),
                    },
                    {
                        "title": "Members' day",
                        "note": "",
                        "members_only": "on",
                        "items": streamfield([]),
                    },
                ]
            ),
            "booking_service": "",
            **seo_fields(),
        },
    )
    assert [d.title for d in page.days.all()] == ["Ankles first", "Members' day"]
    html = admin_client.get(page.url).content.decode()
    assert "Ten minutes a day." in html
    assert "Day 1: Ankles first" in html
    day = admin_client.get(page.url + "day/1/").content.decode()
    assert "Ankle circles" in day
    assert "Both feet" in day


def test_page_type_rules(home):
    assert ExerciseIndexPage in home.specific_class.allowed_subpage_models()
    assert set(ExerciseIndexPage.allowed_subpage_models()) == {
        ExercisePage,
        RoutinePage,
        ProgramPage,
    }
    assert ExercisePage.allowed_subpage_models() == []


def test_exercise_cannot_be_its_own_progression(library):
    from django.core.exceptions import ValidationError

    page = ExercisePageFactory(parent=library)
    page.easier = page
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "easier" in error.value.message_dict


def test_categories_are_seeded_by_migration():
    from exercises.models import ExerciseCategory

    assert {"massage", "mobility", "stretch"} <= set(
        ExerciseCategory.objects.values_list("slug", flat=True)
    )


def test_equipment_and_caution_labels():
    ball = Equipment.objects.create(name="massage ball", size="4 in", firmness="softer")
    assert str(ball) == "massage ball, 4 in, softer"
    assert ball.slug == "massage-ball-4-in-softer"
    caution = Caution.objects.create(title="joint", kind="avoid", text="never on the joint.")
    assert str(caution) == "Avoid if: joint"


@pytest.mark.parametrize(
    "snippet",
    ["exercisecategory", "bodyarea", "tissue", "equipment", "caution"],
)
def test_snippet_admin_lists_searches_and_filters(admin_client, taxonomy, snippet):
    url = reverse(f"wagtailsnippets_exercises_{snippet}:list")
    assert admin_client.get(url).status_code == 200
    assert admin_client.get(url, {"q": "knee"}).status_code == 200


def test_people_admin_lists_and_searches_the_reviewers(admin_client, taxonomy):
    url = reverse("wagtailsnippets_core_person:list")
    assert "Robin Hale" in admin_client.get(url, {"q": "Robin"}).content.decode()


def test_snippet_filters(admin_client, taxonomy):
    url = reverse("wagtailsnippets_exercises_caution:list")
    CautionFactory(title="sharp pain", kind="stop", text="pain turns sharp.")
    html = admin_client.get(url, {"kind": "stop"}).content.decode()
    assert "sharp pain" in html
    assert "recent knee surgery" not in html


def test_exercise_settings_default_caution(site_home):
    settings = ExerciseSettings.for_site(site_home[0])
    assert settings.default_caution.kind_label == "Stop if"
    settings.default_caution_text = ""
    assert settings.default_caution is None


def test_admin_published_exercise_is_found_by_site_search(admin_client, library, taxonomy):
    page = admin_create_page(admin_client, ExercisePage, library, exercise_data(taxonomy))
    found = admin_client.get("/search/", {"q": "popliteus"}).context["results"]
    assert [r.pk for r in found] == [page.pk]

    # Editing only the related muscles and publishing updates the index too.
    itband = TissueFactory(name="IT band", slug="it-band", also_known_as="iliotibial band")
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    payload = nested_form_data(exercise_data(taxonomy, tissues=(itband.pk,)))
    payload["action-publish"] = "action-publish"
    assert admin_client.post(url, payload).status_code == 302
    found = admin_client.get("/search/", {"q": "iliotibial"}).context["results"]
    assert [r.pk for r in found] == [page.pk]
    assert not admin_client.get("/search/", {"q": "popliteus"}).context["results"]
