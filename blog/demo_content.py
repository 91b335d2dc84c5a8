"""Blog demo data: three categories, and six posts by two of the practice's people from July to
November with videos, exercise and routine cards, and comments both approved and awaiting
moderation.

Everything here is written for this demo; facts (hold times, counts, muscles, ball sizes) follow
the reference notes in the shared seeds. Only the load_demo command imports it (blog.demo builds
the pages from it).
"""

import datetime as dt

from blog.models import CommentStatus

# Who wrote what: the practice's people (core.demo_content.PEOPLE), by slug. They are the same
# people patients book and who review the exercises.
AUTHORS: dict[str, str] = {"maya": "maya-okafor", "tom": "tom-lindqvist"}
AUTHOR_NAMES: dict[str, str] = {"maya": "Maya Okafor", "tom": "Tom Lindqvist"}

CATEGORIES = [
    ("Knee care", "knee-care", "Why knees complain and what helps between visits."),
    ("Hips and thighs", "hips-and-thighs", "The muscles above the knee and how to ease them."),
    ("Mobility", "mobility", "Small daily movements that keep joints comfortable."),
]

VIDEO_A = "https://www.youtube.com/watch?v=aqz-KE-bpKQ"
VIDEO_B = "https://vimeo.com/76979871"
VIDEO_C = "https://youtu.be/ScMzIvxBSi4"


def _video(url, title, duration, transcript):
    return (
        "video",
        {
            "url": url,
            "title": title,
            "description": "",
            "poster": None,
            "duration": duration,
            "upload_date": None,
            "transcript": transcript,
            "chapters": [],
        },
    )


def _para(html):
    return ("paragraph", html)


def _heading(text):
    return ("heading", {"text": text, "level": "h2"})


def _cta(text, service=""):
    return (
        "call_to_book",
        {
            "heading": "Want a hands-on look?",
            "text": text,
            "button_label": "Book a visit",
            "service_slug": service,
            "promo_code": "",
        },
    )


def posts(exercises: dict, routines: dict):
    """The six posts. Exercise and routine cards appear when the library has those pages."""

    def card(slug, note):
        page = exercises.get(slug)
        return [("exercise_card", {"page": page, "note": note})] if page else []

    def routine_card(note):
        page = routines.get("three-step-knee-reset") or next(iter(routines.values()), None)
        return [("routine_card", {"page": page, "note": note})] if page else []

    return [
        {
            "slug": "back-of-the-knee-after-a-long-drive",
            "title": "Why the back of your knee stiffens after a long drive",
            "date": dt.date(2026, 7, 9),
            "intro": "Hours with the knee bent and the foot on a pedal leave the deep muscle "
            "behind the joint grumpy. Here is what is going on and a gentle way to ease it.",
            "authors": ["maya"],
            "categories": ["knee-care"],
            "tags": ["knee", "calf", "sitting"],
            "image": ("Road trip stretch break", 31),
            "body": [
                _heading("A small muscle with a big job"),
                _para(
                    "<p>Tucked behind the knee sits a short, flat muscle that helps unlock the "
                    "joint when you start to bend it. Keep the knee bent for a whole afternoon "
                    "and it has nothing to do but tighten. The calf muscles that cross the "
                    "same corner join in.</p><p>The result is a dull, hard-to-place ache when "
                    "you stand up at the rest stop.</p>"
                ),
                _video(
                    VIDEO_A,
                    "Easing the back of the knee with a small ball",
                    "3:40",
                    "Sit on the floor with one leg long. Place the ball just below the crease "
                    "of the knee, a little to the outside. Let the leg rest on it and breathe "
                    "slowly for about half a minute.",
                ),
                *card(
                    "back-of-knee-lacrosse-ball-roll", "Our go-to first step for this stiffness."
                ),
                (
                    "caution",
                    {
                        "kind": "professional",
                        "text": "the back of the knee is swollen, hot or the calf is tender "
                        "and red: get that checked the same day.",
                    },
                ),
                _para(
                    "<p>Work on the muscle bellies, never on the joint itself, and keep the "
                    "pressure at a level where you can breathe easily.</p>"
                ),
                _cta("We can check whether the knee, the calf or the hip is driving it."),
            ],
            "comments": [
                (
                    "Harriet",
                    "I drive to the coast every weekend and this is exactly the ache "
                    "I get. The ball trick helped on the way back.",
                    CommentStatus.APPROVED,
                ),
                ("Dev", "Does a tennis ball work or is it too soft?", CommentStatus.APPROVED),
            ],
            "reply": (
                "Dev",
                "A tennis ball is a fine place to start. Once it feels too easy, "
                "move to a firmer massage ball.",
            ),
        },
        {
            "slug": "three-steps-for-knees-on-stairs",
            "title": "Three steps for knees that grumble on the stairs",
            "date": dt.date(2026, 8, 14),
            "intro": "Massage, a breathing pause and a slow circle: the order matters. This "
            "routine takes about ten minutes and suits an evening on the sofa.",
            "authors": ["maya", "tom"],
            "categories": ["knee-care", "mobility"],
            "tags": ["knee", "routine", "breathing"],
            "image": ("Stairs in morning light", 32),
            "body": [
                _para(
                    "<p>Stairs ask the knee to bend under load, and that is where tight tissue "
                    "above and below the joint shows itself. We use three steps, in this "
                    "order, with patients who feel it most going down.</p>"
                ),
                _heading("1. Soften the tissue"),
                _para(
                    "<p>Spend a minute on the front of the thigh and a minute on the calf with a "
                    "roller or ball. Slow passes, no digging.</p>"
                ),
                _heading("2. Contract, then let go"),
                _para(
                    "<p>Press the heel gently into the floor for a count of four while you "
                    "breathe in, then relax fully while you breathe out for a count of eight. "
                    "The long out-breath is the part that tells the muscle it may let go.</p>"
                ),
                _heading("3. Move it through its range"),
                _para(
                    "<p>Finish with three slow knee circles each way. Small and smooth beats big "
                    "and fast.</p>"
                ),
                *routine_card("The whole sequence, with timings, in our library."),
                *card(
                    "seated-knee-rotations", "Step three on its own, if you only have two minutes."
                ),
                _video(
                    VIDEO_B,
                    "The three-step stair routine, start to finish",
                    "9:15",
                    "We go through the massage, the breathing pause and the circles at "
                    "real speed, so you can follow along.",
                ),
                _cta(
                    "If stairs still hurt after two weeks of this, come and see us.",
                    "knee-assessment",
                ),
            ],
            "comments": [
                (
                    "Lena",
                    "The eight-count breath out made a surprising difference.",
                    CommentStatus.APPROVED,
                ),
                ("Buy cheap pills", "Great post! Visit my site for discounts.", CommentStatus.SPAM),
            ],
        },
        {
            "slug": "foam-rolling-the-outer-thigh",
            "title": "Foam rolling the outer thigh: what it can and cannot do",
            "date": dt.date(2026, 9, 3),
            "intro": "The band down the outside of the thigh gets blamed for a lot of knee "
            "pain. Rolling it helps less than people think; rolling what pulls on it helps "
            "more.",
            "authors": ["tom"],
            "categories": ["hips-and-thighs"],
            "tags": ["foam roller", "it band", "hips"],
            "image": ("Foam roller on a wooden floor", 33),
            "body": [
                _para(
                    "<p>The IT band is thick connective tissue, not a muscle. It does not "
                    "stretch much however long you roll it. What it does do is transmit the "
                    "pull of the muscles that attach to it at the hip.</p>"
                ),
                _heading("Where to roll instead"),
                _para(
                    "<ul><li>The small muscle at the front corner of the hip (the TFL).</li>"
                    "<li>The side of the buttock.</li><li>The front of the thigh, just in "
                    "from the band.</li></ul>"
                ),
                (
                    "quote",
                    {
                        "quote": "I had been rolling the wrong spot for a year.",
                        "attribution": "A trail runner we see",
                    },
                ),
                *card("it-band-and-tfl-foam-roll", "Where to aim the roller instead."),
                (
                    "caution",
                    {"kind": "stop", "text": "rolling causes sharp or burning pain."},
                ),
                _cta("We can find which hip muscle is doing the pulling."),
            ],
            "comments": [
                (
                    "Sam",
                    "So the band itself is not the problem? That changes my warm-up.",
                    CommentStatus.APPROVED,
                ),
            ],
        },
        {
            "slug": "ankles-first",
            "title": "Ankles first: mobility that takes pressure off the knee",
            "date": dt.date(2026, 10, 1),
            "intro": "A stiff ankle makes the knee twist to make up the difference. Two "
            "short exercises loosen it without any equipment.",
            "authors": ["tom"],
            "categories": ["mobility", "knee-care"],
            "tags": ["ankle", "knee", "no equipment"],
            "image": ("Bare feet on a yoga mat", 34),
            "body": [
                _heading("Ankle circles"),
                _para(
                    "<p>Seated, lift one foot and draw slow circles with the toes: ten to "
                    "fifteen one way, then the same the other way. Then swap feet.</p>"
                ),
                _heading("Wall calf stretch"),
                _para(
                    "<p>Hands on a wall, one foot back with the heel down and the back knee "
                    "straight. Lean in until you feel the calf and hold for thirty seconds, "
                    "then change sides.</p>"
                ),
                _video(
                    VIDEO_C,
                    "Two ankle moves for happier knees",
                    "2:30",
                    "Circles first, ten to fifteen each way, then the wall stretch held for "
                    "thirty seconds on each side.",
                ),
                *card("ankle-circles", "The first of the two moves, with its timing."),
                *card("wall-calf-stretch", "The second move, held on each side."),
            ],
            "comments": [],
        },
        {
            "slug": "choosing-a-massage-ball",
            "title": "Choosing a massage ball: size and firmness",
            "date": dt.date(2026, 10, 22),
            "intro": "A three-inch ball reaches small spots; a four-inch one spreads the "
            "pressure. Which you need depends on where you are working.",
            "authors": ["maya"],
            "categories": ["mobility"],
            "tags": ["massage ball", "equipment"],
            "image": ("Three massage balls in a row", 35),
            "body": [
                _para(
                    "<p>Smaller balls sink into narrow places like the back of the knee and "
                    "the arch of the foot. Larger ones are kinder on broad, sensitive areas "
                    "such as the inner thigh.</p>"
                ),
                _heading("Firmness"),
                _para(
                    "<p>Start softer than you think. You can always press harder by putting "
                    "more weight on it; you cannot make a hard ball gentler.</p>"
                ),
                *card("calf-ball-massage", "A good first exercise for a new ball."),
            ],
            "comments": [
                ("Nico", "Would a lacrosse ball count as a small firm one?", CommentStatus.PENDING),
            ],
        },
        {
            "slug": "tight-hips-sore-knees",
            "title": "Tight hips, sore knees: following the chain",
            "date": dt.date(2026, 11, 12),
            "intro": "When the knee hurts, we often start treatment at the hip. Here is why, "
            "and a routine to try at home first.",
            "authors": ["tom", "maya"],
            "categories": ["hips-and-thighs", "knee-care"],
            "tags": ["hips", "knee", "routine"],
            "image": ("Runner resting on a bench", 36),
            "body": [
                _para(
                    "<p>Hours of sitting shorten the muscles at the front of the hip. They "
                    "tilt the pelvis and change the angle the thigh bone meets the knee at. "
                    "The knee ends up doing work the hip should share.</p>"
                ),
                *routine_card("Try this for a week before deciding it is the knee."),
                _video(
                    VIDEO_A,
                    "Following the chain from hip to knee",
                    "4:05",
                    "We show where the hip muscles attach and how they pull on the knee, "
                    "then run through the routine.",
                ),
                _cta("An assessment looks at the whole chain, not just the sore spot."),
            ],
            "comments": [
                (
                    "Jo",
                    "Sitting all day is definitely my problem. Trying this tonight.",
                    CommentStatus.PENDING,
                ),
                ("Ravi", "Worked well for me after a week, thank you!", CommentStatus.APPROVED),
            ],
        },
    ]
