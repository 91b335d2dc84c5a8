"""The patient's programme page behind the signed link: cautions first, their own dosage and
timer, the video facade, "Done today", "Book your review", and the friendly page of a link that
does not work or has ended. Private: never cached, never indexed, no Referer elsewhere."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client

from homecare.models import HomeProgrammeTick
from homecare.tokens import programme_token
from tests.homecare.factories import HomeProgrammeFactory, HomeProgrammeItemFactory
from tests.homecare.helpers import KNEE_CAUTION, NOW, send

pytestmark = pytest.mark.django_db

PHONE = "604-555-0199"


def item_html(html: str, item) -> str:
    """The part of the page that shows one item."""
    start = html.index(f'<li class="care__item" id="item-{item.pk}">')
    end = html.find('<li class="care__item"', start + 1)
    return html[start : end if end > 0 else len(html)]


def page(client, care) -> str:
    response = client.get(care.url)
    assert response.status_code == 200
    return response.content.decode()


# --- what the page shows --------------------------------------------------------------------


def test_page_shows_the_programme_heading(client, care, frozen):
    html = page(client, care)
    assert "<h1>Your knee programme</h1>" in html
    assert '<p class="care__from">From Dana Reyes</p>' in html
    assert "Little and often. Stop if the pain is sharp." in html


def test_page_shows_the_start_and_the_suggested_review(client, care, frozen):
    html = page(client, care)
    assert '<time datetime="2026-12-01">Tuesday 1 December 2026</time>' in html
    assert '<dt>Suggested review</dt><dd><time datetime="2026-12-15">' in html


def test_no_review_date_without_review_in_days(client, care, frozen):
    care.programme.review_in_days = None
    care.programme.save()
    assert "Suggested review" not in page(client, care)


def test_items_follow_their_order(client, care, frozen):
    html = page(client, care)
    assert html.index(f"item-{care.rotations_item.pk}-title") < html.index(
        f"item-{care.routine_item.pk}-title"
    )


def test_cautions_come_before_the_dosage_note_and_steps(client, care, frozen):
    html = item_html(page(client, care), care.rotations_item)
    caution = html.index(KNEE_CAUTION)
    dosage = html.index("data-dosage")
    note = html.index("Left knee only for now.")
    steps = html.index('<ol class="steps">')
    assert caution < dosage < note < steps


def test_routine_cautions_come_first(client, care, frozen):
    html = item_html(page(client, care), care.routine_item)
    assert html.index(KNEE_CAUTION) < html.index("data-dosage")


def test_patients_dosage_is_shown_instead_of_the_librarys(client, care, frozen):
    html = item_html(page(client, care), care.rotations_item)
    assert "3 sets, hold each for 45 seconds · each side · daily" in html
    assert "10 seconds" not in html


def test_timer_plays_the_patients_dosage(client, care, frozen):
    html = item_html(page(client, care), care.rotations_item)
    holds = re.findall(r'<li data-kind="hold" data-seconds="(\d+)"', html)
    assert holds == ["45"] * 6  # 3 sets, each side


def test_each_timer_has_its_own_heading(client, care, frozen):
    html = page(client, care)
    assert f'id="item-{care.rotations_item.pk}-timer-heading"' in html
    assert f'id="item-{care.routine_item.pk}-timer-heading"' in html


def test_routine_lists_its_exercises_with_the_patients_dosage(client, care, frozen):
    html = item_html(page(client, care), care.routine_item)
    assert "<h4>Seated knee rotations</h4>" in html
    assert "<h4>Ankle circles</h4>" in html
    assert "12 reps · daily" in html  # ankle circles: 8 in the library, 12 for this patient


def test_routine_timer_plays_the_patients_reps(client, care, frozen):
    html = item_html(page(client, care), care.routine_item)
    assert re.search(r'data-kind="reps" data-seconds="\d+" data-label="12 slow reps"', html)


def test_video_loads_nothing_until_pressed(client, care, frozen):
    html = page(client, care)
    assert "<iframe" not in html
    assert 'data-video-src="https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ' in html
    for url in re.findall(r'\s(?:src|srcset)="(https?://[^"]+)"', html):
        assert url.startswith("http://testserver"), url


def test_token_goes_to_no_other_site(client, care, frozen):
    html = page(client, care)
    elsewhere = [u for u in re.findall(r'"(https?://[^"]+)"', html) if "testserver" not in u]
    assert elsewhere
    assert not [u for u in elsewhere if care.token[:12] in u]


def test_item_of_an_unpublished_exercise_is_left_out(client, care, frozen):
    care.lib.rotations.unpublish()
    html = page(client, care)
    assert f'id="item-{care.rotations_item.pk}"' not in html


# --- book your review -----------------------------------------------------------------------


def test_book_your_review_picks_the_practitioner_and_service(client, care, frozen):
    html = page(client, care)
    assert html.count('href="/book/?service=follow-up&amp;practitioner=dana"') == 2
    assert ">Book your review</a>" in html


def test_book_your_review_without_a_service_picks_the_practitioner(client, care, frozen):
    care.programme.service = None
    care.programme.save()
    assert 'href="/book/?practitioner=dana"' in page(client, care)


def test_book_your_review_carries_no_offer_code(client, care, frozen):
    from core.models import SiteSettings

    settings = SiteSettings.objects.get()
    settings.offer_code = "FIRST15"
    settings.save()
    assert "promo=" not in page(client, care)


def test_book_your_review_link_opens_the_booking_page_with_dana(client, care, frozen):
    html = client.get("/book/?service=follow-up&practitioner=dana").content.decode()
    assert re.search(r'name="practitioner" id="[^"]+" value="dana" checked', html)


# --- done today -----------------------------------------------------------------------------


def tick(client, care, item, done="1"):
    return client.post(f"/my-programme/done/?t={care.token}", {"item": str(item.pk), "done": done})


def test_tick_goes_back_to_the_item(client, care, frozen):
    response = tick(client, care, care.rotations_item)
    assert response.status_code == 303
    assert response["Location"] == f"/my-programme/?t={care.token.replace(':', '%3A')}" + (
        f"#item-{care.rotations_item.pk}"
    )


def test_tick_is_stored_for_today_in_the_practice_zone(client, care, frozen):
    tick(client, care, care.rotations_item)
    assert list(HomeProgrammeTick.objects.values_list("day", flat=True)) == [NOW.date()]


def test_late_evening_tick_counts_for_the_local_day(client, care, frozen):
    frozen.move_to(NOW.replace(hour=23, minute=30))  # 07:30 UTC the next day
    tick(client, care, care.rotations_item)
    assert HomeProgrammeTick.objects.get().day == NOW.date()


def test_ticked_item_shows_done_today_and_the_week(client, care, frozen):
    HomeProgrammeTick.objects.create(item=care.rotations_item, day=NOW.date() - timedelta(days=2))
    tick(client, care, care.rotations_item)
    html = item_html(page(client, care), care.rotations_item)
    assert "Done today ✓" in html
    assert "Done on 2 days this week." in html


def test_last_weeks_ticks_do_not_count_this_week(client, care, frozen):
    HomeProgrammeTick.objects.create(item=care.rotations_item, day=NOW.date() - timedelta(days=4))
    html = item_html(page(client, care), care.rotations_item)
    assert "Done on 0 days this week." in html


def test_ticking_twice_keeps_one_row(client, care, frozen):
    tick(client, care, care.rotations_item)
    tick(client, care, care.rotations_item)
    assert HomeProgrammeTick.objects.count() == 1


def test_untick_removes_the_row(client, care, frozen):
    tick(client, care, care.rotations_item)
    tick(client, care, care.rotations_item, done="0")
    assert HomeProgrammeTick.objects.count() == 0
    assert "Done today ✓" not in page(client, care)


@pytest.mark.parametrize("value", ["", "abc", "-1", "0", "9" * 40, "1.5", "１"])
def test_bad_item_is_a_friendly_400(client, care, frozen, value):
    response = client.post(f"/my-programme/done/?t={care.token}", {"item": value, "done": "1"})
    assert response.status_code == 400
    assert "We could not find that exercise in your programme" in response.content.decode()


def test_another_patients_item_is_refused(client, care, frozen):
    other = HomeProgrammeItemFactory(
        programme=HomeProgrammeFactory(practitioner=care.dana), exercise=care.lib.circles
    )
    response = tick(client, care, other)
    assert response.status_code == 400
    assert HomeProgrammeTick.objects.count() == 0


def test_tick_through_an_ended_link_is_refused(client, care, frozen):
    care.programme.revoked_at = NOW
    care.programme.save()
    assert tick(client, care, care.rotations_item).status_code == 410
    assert HomeProgrammeTick.objects.count() == 0


def test_tick_needs_the_csrf_token(care, frozen):
    client = Client(enforce_csrf_checks=True)
    assert tick(client, care, care.rotations_item).status_code == 403
    html = page(client, care)
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    response = client.post(
        f"/my-programme/done/?t={care.token}",
        {"item": care.rotations_item.pk, "done": "1", "csrfmiddlewaretoken": csrf},
    )
    assert response.status_code == 303


def test_done_is_post_only(client, care, frozen):
    assert client.get(f"/my-programme/done/?t={care.token}").status_code == 405


# --- links that do not work or have ended ---------------------------------------------------


def ended(client, url):
    response = client.get(url)
    return response.status_code, response.content.decode()


@pytest.mark.parametrize(
    "make_url",
    [
        lambda care: "/my-programme/",
        lambda care: "/my-programme/?t=",
        lambda care: f"/my-programme/?t={care.token[:-2]}xx",
        lambda care: f"/my-programme/?t={care.token}&t={care.token}",
        lambda care: f"/my-programme/?t={programme_token(programme_id=999999, version=1)}",
        lambda care: (
            f"/my-programme/?t={programme_token(programme_id=care.programme.pk, version=0)}"
        ),
    ],
    ids=["none", "empty", "tampered", "twice", "unknown", "old-version"],
)
def test_link_that_does_not_work_is_a_friendly_404(client, care, frozen, make_url):
    status, html = ended(client, make_url(care))
    assert status == 404
    assert "This link does not work" in html
    assert f'<a href="tel:{PHONE}">{PHONE}</a>' in html


def test_link_made_before_a_new_one_was_sent_does_not_work(client, care, frozen):
    old = care.url
    send(care.programme, version=2)
    assert ended(client, old)[0] == 404


def test_programme_never_sent_has_no_working_link(client, care, frozen):
    care.programme.sent_at = None
    care.programme.save()
    assert ended(client, care.url)[0] == 404


@pytest.mark.parametrize("field", ["revoked_at", "expires_at"])
def test_ended_link_is_a_friendly_410(client, care, frozen, field):
    setattr(care.programme, field, NOW - timedelta(minutes=1))
    care.programme.save()
    status, html = ended(client, care.url)
    assert status == 410
    assert "This link has ended" in html
    assert f'<a href="tel:{PHONE}">{PHONE}</a>' in html


def test_link_ends_at_its_expiry(client, care, frozen):
    frozen.move_to(care.programme.expires_at)
    assert ended(client, care.url)[0] == 410


def test_ended_page_shows_nothing_of_the_programme(client, care, frozen):
    care.programme.revoked_at = NOW
    care.programme.save()
    html = ended(client, care.url)[1]
    assert "Dana Reyes" not in html
    assert KNEE_CAUTION not in html


# --- private: never cached, never indexed, no Referer elsewhere -----------------------------


def private_urls(care):
    revoked = programme_token(programme_id=care.programme.pk, version=7)
    return [
        care.url,
        f"/my-programme/print/?t={care.token}",
        f"/my-programme/?t={revoked}",
        "/my-programme/?t=x",
    ]


@pytest.mark.parametrize("index", range(4), ids=["page", "handout", "old-version", "tampered"])
def test_private_headers(client, care, frozen, index):
    response = client.get(private_urls(care)[index])
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert response["Referrer-Policy"] == "same-origin"
    assert '<meta name="robots" content="noindex, nofollow">' in response.content.decode()


def test_tick_answer_is_private(client, care, frozen):
    response = tick(client, care, care.rotations_item)
    assert "no-store" in response["Cache-Control"]
    assert response["Referrer-Policy"] == "same-origin"


def test_page_cache_never_keeps_the_page(care, frozen, settings):
    settings.PAGE_CACHE_ENABLED = True
    assert Client().get("/").get("X-Page-Cache") == "miss"  # the cache is on: home is kept
    assert Client().get(care.url).get("X-Page-Cache") is None
    assert Client().get(care.url).get("X-Page-Cache") != "hit"


# --- queries stay flat ------------------------------------------------------------------------


def count_queries(client, url):
    queries = []

    def counter(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counter):
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def add_items(care, count):
    from tests.exercises.factories import ExercisePageFactory, RoutinePageFactory

    for n in range(count):
        exercise = ExercisePageFactory(
            parent=care.lib.index, title=f"Drill {n}", hold_min=20, reindex=False
        )
        if n % 2:
            routine = RoutinePageFactory(
                parent=care.lib.index, title=f"Set {n}", exercises=[exercise, care.lib.circles]
            )
            HomeProgrammeItemFactory(programme=care.programme, routine=routine, reps_min=5)
        else:
            HomeProgrammeItemFactory(programme=care.programme, exercise=exercise, sets=2)


def test_queries_stay_flat_as_items_grow(client, care, frozen):
    # An exercise without cautions of its own (the site's default is read once) and a routine.
    care.rotations_item.exercise = care.lib.circles
    care.rotations_item.save()
    page(client, care)  # warm the site's caches
    two = count_queries(client, care.url)
    add_items(care, 10)
    twelve = count_queries(client, care.url)
    assert twelve == two


def test_queries_stay_flat_as_ticked_days_grow(client, care, frozen):
    HomeProgrammeTick.objects.create(item=care.rotations_item, day=NOW.date())
    page(client, care)
    one = count_queries(client, care.url)
    for back in range(1, 30):
        HomeProgrammeTick.objects.create(
            item=care.rotations_item, day=NOW.date() - timedelta(days=back)
        )
        HomeProgrammeTick.objects.create(
            item=care.routine_item, day=NOW.date() - timedelta(days=back)
        )
    thirty = count_queries(client, care.url)
    assert thirty == one


def test_queries_stay_flat_as_items_with_reused_cautions_grow(client, care, frozen):
    """Every exercise reuses a caution snippet: they are all read in one query, not one each."""
    from tests.exercises.factories import CautionFactory, ExercisePageFactory

    reused = CautionFactory(title="recent knee surgery", kind="avoid", text="you had surgery.")

    def drill(n):
        return ExercisePageFactory(
            parent=care.lib.index,
            title=f"Reused {n}",
            cautions=[("reusable", reused)],
            reindex=False,
        )

    care.rotations_item.exercise = drill(0)
    care.rotations_item.save()
    page(client, care)
    two = count_queries(client, care.url)
    for n in range(1, 11):
        HomeProgrammeItemFactory(programme=care.programme, exercise=drill(n), sets=2)
    html = page(client, care)
    assert html.count("you had surgery.") == 11
    assert count_queries(client, care.url) == two
