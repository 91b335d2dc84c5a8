"""The library, exercise, routine and programme pages over HTTP: filters, reading order,
print handouts, members-only days, search, short links and the booking call to action."""

import re

import pytest
from wagtail.models import PageViewRestriction

from core.models import SiteSettings
from exercises.models import ExerciseSettings
from tests.exercises.factories import (
    ExercisePageFactory,
    ProgramPageFactory,
    RoutinePageFactory,
    day_items,
    steps,
)
from tests.factories import StandardPageFactory, UserFactory

pytestmark = pytest.mark.django_db


def titles(response):
    return [p.title for p in response.context["library"].results]


def option(response, param, value):
    facet = next(f for f in response.context["library"].facets if f.param == param)
    return next(o for o in facet.options if o.value == value)


# --- library ------------------------------------------------------------------------------


def test_library_lists_everything_with_counts(client, library, catalogue):
    response = client.get(library.url)
    assert response.status_code == 200
    assert titles(response) == sorted(p.title for p in catalogue.values())
    assert option(response, "area", "knee").count == 3
    assert option(response, "category", "mobility").count == 2
    assert option(response, "difficulty", "gentle").count == 3
    assert option(response, "tag", "runners").count == 1
    html = response.content.decode()
    assert "5 exercises." in html
    assert 'name="area" value="knee"' in html
    assert 'Knee <span class="facet__count">(3' in html


def test_filters_combine_and_stay_in_a_shareable_url(client, library, catalogue):
    response = client.get(library.url + "?category=mobility&area=knee")
    assert titles(response) == ["Seated knee circles"]
    html = response.content.decode()
    assert "1 exercise matches your filters." in html
    assert 'value="mobility" checked' in html
    assert 'value="knee" checked' in html
    # Counts show what each option would give with the other filters kept.
    assert option(response, "area", "ankle").count == 1  # mobility + ankle
    assert option(response, "category", "massage").count == 2  # knee + massage
    # Each active filter can be removed on its own, keeping the other.
    assert 'href="?area=knee" aria-label="Remove Category: Mobility"' in html
    assert 'href="?category=mobility" aria-label="Remove Body area: Knee"' in html


def test_values_within_a_filter_are_alternatives(client, library, catalogue):
    response = client.get(library.url, {"area": ["ankle", "hip"]})
    assert titles(response) == [
        "Ankle circles",
        "IT band roll",
        "Kneeling hip flexor stretch",
    ]


def test_equipment_difficulty_tag_and_text_filters(client, library, catalogue):
    assert titles(client.get(library.url, {"equipment": "lacrosse-ball"})) == [
        "Popliteus release with a lacrosse ball"
    ]
    assert titles(client.get(library.url, {"difficulty": "moderate"})) == ["IT band roll"]
    assert titles(client.get(library.url, {"tag": "desk-workers"})) == ["Seated knee circles"]
    response = client.get(library.url, {"q": "iliotibial"})
    assert titles(response) == ["IT band roll"]
    assert "Search: iliotibial" in response.content.decode()


def test_empty_result_offers_to_clear_filters(client, library, catalogue):
    response = client.get(library.url, {"category": "stretch", "area": "ankle"})
    html = response.content.decode()
    assert response.status_code == 200
    assert titles(response) == []
    assert "No exercises match all of these filters." in html
    assert f'<a href="{library.url}">Clear all filters</a>' in html


@pytest.mark.parametrize(
    "query",
    [
        "?page=abc",
        "?page=-1",
        "?page=999999999999999999999",
        "?category=nope",
        "?difficulty=extreme",
        "?area=" + "x" * 5000,
        "?q=%00",
        "?q=knee+AND+(",
        "?tag=%F0%9F%98%80",
        "?" + "&".join(f"area=a{n}" for n in range(200)),
        "?category=",
    ],
)
def test_bad_parameters_never_fail(client, library, catalogue, query):
    response = client.get(library.url + query)
    assert response.status_code == 200


def test_unknown_filter_values_are_ignored_with_a_note(client, library, catalogue):
    response = client.get(library.url, {"category": ["mobility", "yoga"]})
    assert titles(response) == ["Ankle circles", "Seated knee circles"]
    assert "We did not recognise yoga" in response.content.decode()


def test_pagination_keeps_filters(client, library, terms, site_home):
    ExerciseSettings.objects.update_or_create(site=site_home[0], defaults={"library_page_size": 4})
    for n in range(9):
        ExercisePageFactory(parent=library, title=f"Knee drill {n}", body_areas=[terms["knee"]])
    first = client.get(library.url, {"area": "knee"})
    assert first.context["library"].page_obj.paginator.num_pages == 3
    html = first.content.decode()
    assert 'rel="next" href="?area=knee&amp;page=2"' in html
    third = client.get(library.url, {"area": "knee", "page": 3})
    assert titles(third) == ["Knee drill 8"]


def test_library_hides_drafts_and_private_pages(client, library, catalogue):
    catalogue["ankle_circles"].unpublish()
    response = client.get(library.url)
    assert "Ankle circles" not in titles(response)
    assert option(response, "area", "knee").count == 3


def test_library_lists_routines_and_programmes(client, library, catalogue):
    RoutinePageFactory(
        parent=library, title="Evening knee routine", exercises=[catalogue["popliteus"]]
    )
    ProgramPageFactory(parent=library, title="Knee week", days=[{"title": "One"}])
    html = client.get(library.url).content.decode()
    assert "Routines and programmes" in html
    assert "Evening knee routine" in html
    assert "Knee week" in html


# --- exercise page -----------------------------------------------------------------------


def test_exercise_reads_in_safe_order(client, catalogue):
    page = catalogue["popliteus"]
    html = client.get(page.url).content.decode()
    order = [
        html.index("Before you start"),
        html.index("What you need"),
        html.index("Starting position:"),
        html.index('<ol class="steps">'),
        html.index("How much and how often"),
    ]
    assert order == sorted(order)
    assert "Avoid if</strong> you had knee surgery" in html
    assert html.count("<h1") == 1


def test_equipment_links_to_the_filtered_library(client, library, catalogue):
    html = client.get(catalogue["popliteus"].url).content.decode()
    assert f'href="{library.url}?equipment=lacrosse-ball"' in html
    assert "or a tennis ball" in html
    filtered = client.get(f"{library.url}?equipment=lacrosse-ball")
    assert titles(filtered) == ["Popliteus release with a lacrosse ball"]


def test_default_caution_when_the_page_has_none(client, site_home, catalogue):
    html = client.get(catalogue["ankle_circles"].url).content.decode()
    assert "Stop if</strong> you feel sharp pain" in html
    ExerciseSettings.objects.update_or_create(
        site=site_home[0],
        defaults={
            "default_caution_kind": "professional",
            "default_caution_text": "it keeps aching.",
        },
    )
    html = client.get(catalogue["ankle_circles"].url).content.decode()
    assert "See a professional if</strong> it keeps aching." in html


def test_timer_is_rendered_hidden_with_its_plan(client, catalogue):
    html = client.get(catalogue["popliteus"].url).content.decode()
    timer = re.search(r'<section class="timer" data-timer hidden.*?</section>', html, re.S).group(0)
    assert 'data-breathe-in="4" data-breathe-out="8"' in timer
    assert 'aria-live="polite"' in timer
    assert 'role="timer"' in timer
    assert 'data-kind="hold" data-seconds="30"' in timer
    assert 'data-kind="switch" data-seconds="5" data-label="Switch to right side"' in timer
    assert "js/exercise-timer.js" in html


def test_no_timer_when_nothing_is_timed(client, library):
    page = ExercisePageFactory(parent=library, frequency="daily")
    assert "data-timer" not in client.get(page.url).content.decode()


def test_progression_chain_and_related(client, library, catalogue):
    easy = ExercisePageFactory(parent=library, title="Easy knee")
    mid = catalogue["knee_circles"]
    hard = ExercisePageFactory(parent=library, title="Hard knee", difficulty="challenging")
    mid.easier, mid.harder = easy, hard
    mid.save()
    easy.harder = mid
    easy.save()
    from exercises.models import RelatedExercise

    RelatedExercise.objects.create(page=mid, exercise=catalogue["ankle_circles"], sort_order=0)
    html = client.get(mid.url).content.decode()
    chain = re.search(r'<ol class="ex-chain__list">.*?</ol>', html, re.S).group(0)
    assert chain.index("Easy knee") < chain.index("Seated knee circles") < chain.index("Hard knee")
    assert '<span aria-current="page">Seated knee circles</span>' in chain
    assert "Try these next" in html
    assert "Ankle circles" in html


def test_review_and_booking_call_to_action(client, site_home, library, terms):
    import datetime

    booking = StandardPageFactory(parent=site_home[1], title="Book", slug="book")
    settings = SiteSettings.for_site(site_home[0])
    settings.booking_page, settings.offer_code = booking, "FIRST15"
    settings.save()
    from tests.booking.factories import ServiceFactory

    page = ExercisePageFactory(
        parent=library,
        booking_service=ServiceFactory(slug="knee-assessment"),
        last_reviewed=datetime.date(2026, 3, 2),
        reviewer=terms["reviewer"],
    )
    html = client.get(page.url).content.decode()
    assert f'href="/book/?service=knee-assessment&amp;promo=FIRST15&amp;from={page.pk}"' in html
    assert (
        'Last reviewed <time datetime="2026-03-02">2 March 2026</time> by Robin Hale, RMT.' in html
    )


def test_no_request_to_a_third_party_on_load(client, catalogue):
    page = catalogue["it_band"]
    page.videos = [
        ("video", {"url": "https://vimeo.com/76979871", "title": "Roll", "chapters": []})
    ]
    page.save()
    html = client.get(page.url).content.decode()
    assert "<iframe" not in html
    for url in re.findall(r'\s(?:src|srcset)="(https?://[^"]+)"', html):
        assert url.startswith("http://testserver"), url
    assert 'data-video-src="https://player.vimeo.com/video/76979871?dnt=1&amp;autoplay=1"' in html


# --- print and short links ---------------------------------------------------------------


def test_exercise_print_view_is_a_one_page_handout(client, catalogue):
    page = catalogue["popliteus"]
    response = client.get(page.url + "print/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<nav" not in html
    assert "site-header" not in html
    assert "site-footer" not in html
    assert re.search(
        r'<svg role="img" aria-label="QR code linking to [^"]+" class="handout__qr"', html
    )
    assert f"http://testserver/x/{page.pk}/" in html
    assert "Before you start" in html
    assert "Hold 30–60 seconds · each side" in html
    assert "Lie face down and rest your forehead" in html
    assert "data-timer" not in html
    assert "<iframe" not in html


def test_routine_print_view(client, library, catalogue):
    routine = RoutinePageFactory(
        parent=library,
        title="Knee trio",
        exercises=[catalogue["popliteus"], (catalogue["knee_circles"], {"reps_min": 3})],
    )
    html = client.get(routine.url + "print/").content.decode()
    assert "<nav" not in html
    assert '<svg role="img"' in html
    assert "Popliteus release with a lacrosse ball" in html
    assert "3 reps · each direction" in html


def test_short_link_redirects_to_the_page(client, catalogue):
    page = catalogue["popliteus"]
    response = client.get(f"/x/{page.pk}/")
    assert response.status_code == 302
    assert response["Location"] == page.url
    assert client.get("/x/999999/").status_code == 404
    assert client.get(f"/x/{page.get_parent().pk}/").status_code == 404


# --- routine ------------------------------------------------------------------------------


def test_routine_shows_items_overrides_total_time_and_cautions(client, library, catalogue):
    routine = RoutinePageFactory(
        parent=library,
        title="Knee trio",
        exercises=[
            catalogue["popliteus"],
            (catalogue["knee_circles"], {"reps_min": 3, "note": "Slow and small."}),
        ],
    )
    response = client.get(routine.url)
    html = response.content.decode()
    assert "Slow and small." in html
    assert "3 reps · each direction" in html
    assert "Total time:</strong> about" in html
    assert "Avoid if</strong> you had knee surgery" in html
    assert "data-timer" in html
    assert 'data-label="Exercise 1: Popliteus release' in html


def test_routine_skips_unpublished_exercises(client, library, catalogue):
    routine = RoutinePageFactory(
        parent=library, exercises=[catalogue["popliteus"], catalogue["it_band"]]
    )
    catalogue["it_band"].unpublish()
    html = client.get(routine.url).content.decode()
    assert "IT band roll" not in html


# --- programme ----------------------------------------------------------------------------


@pytest.fixture
def programme(library, catalogue):
    routine = RoutinePageFactory(
        parent=library, title="Knee trio", exercises=[catalogue["popliteus"]]
    )
    return ProgramPageFactory(
        parent=library,
        title="Knee week",
        slug="knee-week",
        intro="<p>A gentle week for stiff knees.</p>",
        days=[
            {
                "title": "Ankles",
                "note": "Start easy.",
                "items": day_items(catalogue["ankle_circles"], note="Both feet"),
            },
            {"title": "Back of the knee", "items": day_items(catalogue["popliteus"], routine)},
            {
                "title": "Members' extras",
                "members_only": True,
                "items": day_items(catalogue["it_band"]),
            },
        ],
    )


def test_programme_day_pages_link_previous_and_next(client, programme):
    response = client.get("/exercises/knee-week/day/2/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Day 2: Back of the knee</h1>" in html
    assert 'rel="prev" href="/exercises/knee-week/day/1/"' in html
    assert 'rel="next" href="/exercises/knee-week/day/3/"' in html
    assert "Popliteus release with a lacrosse ball" in html
    assert "Knee trio" in html
    assert "<title>Day 2: Back of the knee · Knee week" in html
    first = client.get("/exercises/knee-week/day/1/").content.decode()
    assert 'rel="prev"' not in first
    assert "Both feet" in first


@pytest.mark.parametrize("path", ["day/0/", "day/4/", "day/x/", "day/99999999999/"])
def test_missing_days_are_404(client, programme, path):
    assert client.get(programme.url + path).status_code == 404


def test_members_only_day_redirects_to_login_while_the_teaser_stays_public(client, programme):
    teaser = client.get(programme.url)
    assert teaser.status_code == 200
    html = teaser.content.decode()
    assert "A gentle week for stiff knees." in html
    assert "Members only" in html
    assert "Log in</a> to open them" in html

    response = client.get("/exercises/knee-week/day/3/")
    assert response.status_code == 302
    assert response["Location"] == "/_util/login/?next=/exercises/knee-week/day/3/"
    assert client.get("/exercises/knee-week/day/1/").status_code == 200

    client.force_login(UserFactory(username="member"))
    member = client.get("/exercises/knee-week/day/3/")
    assert member.status_code == 200
    assert "IT band roll" in member.content.decode()


def test_wagtail_privacy_gates_every_day_but_not_the_teaser(client, programme):
    PageViewRestriction.objects.create(page=programme, restriction_type=PageViewRestriction.LOGIN)
    assert client.get(programme.url).status_code == 200
    response = client.get("/exercises/knee-week/day/1/")
    assert response.status_code == 302
    assert "/_util/login/?next=" in response["Location"]
    client.force_login(UserFactory(username="member"))
    assert client.get("/exercises/knee-week/day/1/").status_code == 200


def test_private_library_section_hides_the_teaser_too(client, library, programme):
    PageViewRestriction.objects.create(page=library, restriction_type=PageViewRestriction.LOGIN)
    assert client.get(programme.url).status_code == 302


# --- site search --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("popliteus", "Popliteus release with a lacrosse ball"),
        ("lacrosse", "Popliteus release with a lacrosse ball"),
        ("iliotibial", "IT band roll"),
        ("runners", "Popliteus release with a lacrosse ball"),
        ("surgery", "Popliteus release with a lacrosse ball"),
        ("tender", "IT band roll"),
    ],
)
def test_site_search_finds_exercises_by_muscle_equipment_tag_caution_and_step(
    client, catalogue, query, expected
):
    response = client.get("/search/", {"q": query})
    found = [r.title for r in response.context["results"]]
    assert expected in found, (query, found)


def test_exercise_card_include_for_other_apps(rf, catalogue):
    from django.template.loader import render_to_string

    html = render_to_string(
        "exercises/includes/exercise_card.html",
        {"item": catalogue["popliteus"], "request": rf.get("/")},
    )
    assert "Popliteus release with a lacrosse ball" in html
    assert "Hold 30–60 seconds · each side · breathe in for 4, out for 8" in html
    page = catalogue["popliteus"]
    assert page.cautions_for_display == [
        ("Avoid if", "you had knee surgery in the last three months.")
    ]
    assert page.cautions_for_display[0].kind == "avoid"
    assert page.listing_summary == page.summary
    assert page.card_image is None
    ankle = catalogue["ankle_circles"]
    assert [c.kind_label for c in ankle.cautions_for_display] == ["Stop if"]


def test_step_images_and_rich_text(client, library):
    from tests.factories import ImageFactory

    image = ImageFactory(title="Ball above the knee")
    page = ExercisePageFactory(
        parent=library,
        steps=[
            (
                "step",
                {
                    "text": "<p>Place <b>the ball</b>.</p>",
                    "image": image,
                    "alt": "",
                    "hold_seconds": 15,
                },
            )
        ],
    )
    html = client.get(page.url).content.decode()
    assert "<b>the ball</b>" in html
    assert 'alt="Ball above the knee"' in html
    assert 'loading="lazy"' in html
    assert "Hold</span> 15 seconds" in html
    assert callable(steps)  # factory helper stays importable for other tests


def test_related_cards_show_their_own_dosage(client, library):
    from exercises.models import RelatedExercise

    page = ExercisePageFactory(
        parent=library, title="Ball roll", reps_min=10, reps_max=15, side="each-side"
    )
    calf = ExercisePageFactory(
        parent=library,
        title="Calf massage",
        hold_min=30,
        hold_max=60,
        side="each-side",
        frequency="daily",
    )
    rotations = ExercisePageFactory(
        parent=library, title="Knee rotations", reps_min=3, side="each-direction", frequency="daily"
    )
    RelatedExercise.objects.create(page=page, exercise=calf, sort_order=0)
    RelatedExercise.objects.create(page=page, exercise=rotations, sort_order=1)
    html = client.get(page.url).content.decode()
    related = html[html.index('id="related-heading"') :]
    dosages = re.findall(r'<p class="ex-card__dosage">(.*?)</p>', related)
    assert dosages == [
        "Hold 30–60 seconds · each side · daily",
        "3 reps · each direction · daily",
    ]


def test_exercise_without_numbers_shows_no_time(client, library):
    page = ExercisePageFactory(parent=library, side="each-side", frequency="daily")
    html = client.get(page.url).content.decode()
    assert "<dt>Time</dt>" not in html


def test_exercise_with_a_pace_shows_it_and_its_time(client, library):
    page = ExercisePageFactory(
        parent=library, pace="slowly", duration_min=60, duration_max=90, side="each-side"
    )
    html = client.get(page.url).content.decode()
    assert '<p class="ex-dosage__text">Slowly for 60–90 seconds · each side</p>' in html
    assert "<dt>Time</dt><dd>About 2–3 minutes</dd>" in html
    assert 'data-kind="step" data-seconds="60" data-label="Slowly (left side)"' in html


def test_sitemap_lists_public_programme_days_with_lastmod(client, programme):
    import datetime as dt

    from exercises.models import ProgramPage

    published = dt.datetime(2026, 3, 2, 18, 0, tzinfo=dt.UTC)
    ProgramPage.objects.filter(pk=programme.pk).update(last_published_at=published)
    xml = client.get("/sitemap.xml").content.decode()
    days = re.findall(
        r"<loc>(http://testserver/exercises/knee-week/day/\d+/)</loc>\s*<lastmod>", xml
    )
    assert days == [
        "http://testserver/exercises/knee-week/day/1/",
        "http://testserver/exercises/knee-week/day/2/",
    ]


def test_filtered_library_offers_skip_to_results_first(client, library, catalogue):
    html = client.get(library.url + "?area=knee").content.decode()
    assert html.index('href="#results-heading">Skip to results') < html.index(
        "Skip to main content"
    )


def test_unfiltered_library_has_no_skip_to_results(client, library, catalogue):
    html = client.get(library.url).content.decode()
    assert "Skip to results" not in html


def test_results_heading_takes_focus_and_count_is_live(client, library, catalogue):
    html = client.get(library.url + "?area=knee").content.decode()
    assert '<h2 id="results-heading" tabindex="-1">' in html
    assert 'role="status" aria-live="polite" data-library-count' in html


def test_exercise_card_renders_no_template_comment(client, library, catalogue):
    html = client.get(library.url).content.decode()
    assert "pass item=" not in html
