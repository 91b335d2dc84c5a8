"""The demo practice's exercise library as data: taxonomy, exercises, the knee routine and the
seven-day programme. `exercises.demo` builds pages from it (only the load_demo command runs it).
"""

import datetime
from typing import Any

CATEGORIES = [
    ("massage", "Massage", "Self-massage with a ball, a roller or your hands."),
    ("mobility", "Mobility", "Moving a joint through its comfortable range."),
    ("stretch", "Stretch", "Slow, held positions that lengthen a muscle."),
]
# Who reviews the library: one of the practice's people (core.demo_content.PEOPLE), by slug,
# the practitioner patients can book and who writes on the blog.
REVIEWER = "maya-okafor"
AREAS = ["Knee", "Hip", "Ankle", "Thigh", "Calf", "Lower back"]
TISSUES = [
    ("Popliteus", "Knee", ""),
    ("IT band", "Thigh", "iliotibial band, ITB"),
    ("TFL", "Hip", "tensor fasciae latae"),
    ("Quadriceps", "Thigh", "quads, front of thigh"),
    ("Glutes", "Hip", "buttock muscles, gluteus"),
    ("Calves", "Calf", "gastrocnemius, soleus"),
    ("Hamstrings", "Thigh", "back of thigh"),
    ("Adductors", "Thigh", "groin, inner thigh"),
    ("Hip flexors", "Hip", "psoas, iliacus"),
]
EQUIPMENT = {
    "roller": ("foam roller", "", ""),
    "lacrosse": ("lacrosse ball", "", ""),
    "tennis": ("tennis ball", "", ""),
    "ball3": ("massage ball", "3 in", ""),
    "ball4": ("massage ball", "4 in", "softer"),
    "chair": ("chair", "", ""),
    "wall": ("wall", "", ""),
}
CAUTIONS = {
    "surgery": (
        "recent knee surgery",
        "avoid",
        "your knee was operated on in the last three months.",
    ),
    "joint": (
        "muscle, not joint",
        "avoid",
        "you would press on the joint itself: keep the ball on the muscle above or below it.",
    ),
    "nerve": (
        "numbness or tingling",
        "stop",
        "you feel numbness, tingling or pain shooting down the leg.",
    ),
    "swelling": (
        "hot or swollen joint",
        "professional",
        "the joint is hot, swollen or gives way when you stand on it.",
    ),
}


def _step(text: str, hold: int | None = None) -> tuple[str, dict[str, object]]:
    return ("step", {"text": f"<p>{text}</p>", "image": None, "alt": "", "hold_seconds": hold})


# slug: title, summary, categories, areas, tissues, equipment [(key, note)], position,
# difficulty, steps, dosage, cautions (snippet keys or (kind, text)), tags, extras
EXERCISES: dict[str, Any] = {
    "thumb-circles-around-the-knee-cap": {
        "title": "Thumb circles around the knee cap",
        "summary": "Warm the tissue around the knee cap with your thumbs before any ball or roller work.",
        "categories": ["massage"],
        "areas": ["Knee"],
        "tissues": ["Quadriceps"],
        "equipment": [],
        "position": "seated",
        "difficulty": "gentle",
        "steps": [
            _step("Sit with the leg straight and the thigh relaxed, so the knee cap moves freely."),
            _step("Trace the edge of the knee cap with both thumbs, slowly, all the way round."),
            _step("Work across the tendon just below it with short side-to-side strokes.", 30),
            _step("Finish by circling the whole area lightly with your fingertips."),
        ],
        "dosage": {"reps_min": 3, "reps_max": 5, "frequency": "daily"},
        "cautions": ["swelling"],
        "tags": ["warm-up", "desk workers"],
    },
    "knee-cap-ball-release": {
        "title": "Ball release above the knee cap",
        "summary": "Rest the front of the thigh on a small ball just above the knee and let it soften.",
        "categories": ["massage"],
        "areas": ["Knee", "Thigh"],
        "tissues": ["Quadriceps"],
        "equipment": [("ball3", "or a tennis ball")],
        "position": "face-down",
        "difficulty": "moderate",
        "steps": [
            _step("Lie on your front, forearms under your chest."),
            _step(
                "Slide the ball under the leg a hand's width above the knee cap, not on the bone."
            ),
            _step("Stay still and breathe slowly while the pressure eases.", 30),
            _step("For more, bend the knee slowly and straighten it again."),
        ],
        "dosage": {
            "hold_min": 30,
            "hold_max": 60,
            "side": "each-side",
            "frequency": "daily",
            "breathe_in": 4,
            "breathe_out": 8,
        },
        "cautions": ["surgery", "joint"],
        "tags": ["runners"],
        "video": ("https://www.youtube.com/watch?v=aqz-KE-bpKQ", "Ball release above the knee cap"),
    },
    "inner-knee-ball-release": {
        "title": "Inner-knee release with a soft ball",
        "summary": "Roll just inside the knee, where the thigh, hamstring and calf muscles meet, using a larger, softer ball.",
        "categories": ["massage"],
        "areas": ["Knee"],
        "tissues": ["Adductors", "Hamstrings"],
        "equipment": [("ball4", "the 3 in ball works if you want it firmer")],
        "position": "face-down",
        "difficulty": "challenging",
        "steps": [
            _step("Lie on your front with the ball under the thigh, just above the knee."),
            _step("Let the knee drift out to the side so the ball sits on the inside of the leg."),
            _step(
                "Make tiny moves, a finger's width at a time, and pause on each tender point.", 30
            ),
            _step("Come off the ball slowly and bend and straighten the knee a few times."),
        ],
        "dosage": {
            "hold_min": 30,
            "hold_max": 60,
            "side": "each-side",
            "frequency": "3-week",
            "breathe_in": 4,
            "breathe_out": 8,
        },
        "cautions": ["surgery", "joint"],
        "tags": ["runners"],
    },
    "back-of-knee-lacrosse-ball-roll": {
        "title": "Back-of-knee roll with a lacrosse ball",
        "summary": "Reach the small, deep popliteus muscle below the knee crease that rollers tend to miss.",
        "categories": ["massage"],
        "areas": ["Knee", "Calf"],
        "tissues": ["Popliteus", "Calves"],
        "equipment": [("lacrosse", "or a firm massage ball")],
        "position": "seated",
        "difficulty": "moderate",
        "steps": [
            _step(
                "Sit on the floor with the leg bent and the ball under the top of the calf, just outside centre."
            ),
            _step("Press the leg gently onto the ball and roll a short distance up and down."),
            _step("Stop on a tender spot and slowly bend and straighten the knee over it.", 20),
        ],
        "dosage": {"reps_min": 10, "reps_max": 15, "side": "each-side", "frequency": "daily"},
        "cautions": [
            "joint",
            (
                "professional",
                "the back of the knee stays sore for more than a week or looks swollen.",
            ),
        ],
        "tags": ["runners", "stairs"],
        "video": ("https://youtu.be/ScMzIvxBSi4", "Back-of-knee roll"),
    },
    "foam-roller-contract-relax": {
        "title": "Contract and relax on the foam roller",
        "summary": "Tighten the thigh on the roller as you breathe in, then let it melt as you breathe out slowly.",
        "categories": ["massage", "stretch"],
        "areas": ["Thigh", "Knee"],
        "tissues": ["IT band", "Quadriceps"],
        "equipment": [("roller", "or a tennis ball for a smaller spot")],
        "position": "side-lying",
        "difficulty": "moderate",
        "steps": [
            _step("Lie on your side with the roller under the outer thigh, high up near the hip."),
            _step("Breathe in for four counts while you tighten the thigh against the roller."),
            _step("Breathe out for eight counts and let the muscle sink into it."),
            _step("Try it face down too, with the front of the thigh on the roller."),
        ],
        "dosage": {
            "reps_min": 5,
            "reps_max": 6,
            "side": "each-side",
            "breathe_in": 4,
            "breathe_out": 8,
        },
        "cautions": ["nerve"],
        "tags": ["nervous system", "runners"],
    },
    "it-band-and-tfl-foam-roll": {
        "title": "Foam roll from hip to knee",
        "summary": "Roll the glutes, TFL and the outside of the thigh, the chain that often pulls on the outer knee.",
        "categories": ["massage"],
        "areas": ["Hip", "Thigh", "Knee"],
        "tissues": ["IT band", "TFL", "Glutes"],
        "equipment": [("roller", "")],
        "position": "on-back",
        "difficulty": "challenging",
        "steps": [
            _step(
                "Start on your back with the roller across the top of the buttock, near the lower back."
            ),
            _step("Roll slowly onto the sore side until your shoulder points to the ceiling."),
            _step(
                "Inch your body up so the roller travels down the outside of the thigh towards the knee."
            ),
            _step("Pause where it feels most useful and breathe.", 30),
        ],
        "dosage": {"sets": 2, "rest_seconds": 30, "side": "each-side", "frequency": "3-week"},
        "cautions": ["nerve", "joint"],
        "tags": ["runners"],
    },
    "seated-knee-rotations": {
        "title": "Seated knee rotations",
        "summary": "Take the knee through bending, straightening and its small turn, with your hands supporting the thigh.",
        "categories": ["mobility"],
        "areas": ["Knee"],
        "tissues": ["Quadriceps", "Hamstrings"],
        "equipment": [("chair", "or the edge of a bed")],
        "position": "seated",
        "difficulty": "gentle",
        "steps": [
            _step("Sit tall and hold the thigh with both hands."),
            _step(
                "Straighten the leg as far as is comfortable, then turn the shin inwards without moving the hip."
            ),
            _step("Draw the heel back to the floor, then turn the shin outwards."),
        ],
        "dosage": {"reps_min": 3, "side": "each-direction", "frequency": "daily"},
        "cautions": [],
        "tags": ["desk workers"],
        "video": ("https://vimeo.com/76979871", "Seated knee rotations"),
    },
    "ankle-circles": {
        "title": "Ankle circles",
        "summary": "Loosen a stiff ankle so the knee above it does not have to twist to make up for it.",
        "categories": ["mobility"],
        "areas": ["Ankle"],
        "tissues": ["Calves"],
        "equipment": [("chair", "")],
        "position": "seated",
        "difficulty": "gentle",
        "steps": [
            _step("Sit with one foot lifted a little off the floor."),
            _step("Draw the biggest slow circle you can with the toes."),
            _step("Change direction, then change feet."),
        ],
        "dosage": {"reps_min": 10, "reps_max": 15, "side": "each-direction", "frequency": "daily"},
        "cautions": [],
        "tags": ["desk workers", "warm-up"],
    },
    "wall-calf-stretch": {
        "title": "Wall calf stretch",
        "summary": "A classic for tight calves: the straight back leg and flat heel do the work.",
        "categories": ["stretch"],
        "areas": ["Calf", "Ankle"],
        "tissues": ["Calves"],
        "equipment": [("wall", "")],
        "position": "standing",
        "difficulty": "gentle",
        "steps": [
            _step("Stand an arm's length from a wall with your hands on it."),
            _step("Step one foot back, heel down, toes pointing at the wall."),
            _step("Bend the front knee and lean in until the back calf stretches.", 30),
        ],
        "dosage": {"hold_min": 30, "side": "each-side", "frequency": "daily"},
        "cautions": [],
        "tags": ["runners"],
    },
    "seated-ankle-flex-stretch": {
        "title": "Seated ankle flex stretch",
        "summary": "Lean over a straight leg from the edge of a chair to stretch the back of the ankle and calf.",
        "categories": ["stretch"],
        "areas": ["Ankle", "Calf"],
        "tissues": ["Calves", "Hamstrings"],
        "equipment": [("chair", "")],
        "position": "seated",
        "difficulty": "gentle",
        "steps": [
            _step("Sit on the front of a chair with one leg straight and the heel on the floor."),
            _step("Pull the toes of the straight leg gently towards you."),
            _step("Lean forward from the hips with a long back until you feel the stretch.", 30),
        ],
        "dosage": {"hold_min": 30, "side": "each-side", "frequency": "daily"},
        "cautions": [],
        "tags": ["desk workers"],
    },
    "knee-to-chest": {
        "title": "Knee to chest",
        "summary": "Ease the back of the hip and the lower back by hugging one knee in.",
        "categories": ["stretch"],
        "areas": ["Hip", "Lower back"],
        "tissues": ["Glutes"],
        "equipment": [],
        "position": "on-back",
        "difficulty": "gentle",
        "steps": [
            _step("Lie on your back with both knees bent."),
            _step("Bring one knee towards your chest and hold it with both hands.", 30),
            _step("Lower it slowly and swap legs."),
        ],
        "dosage": {"hold_min": 30, "side": "each-side", "breathe_in": 4, "breathe_out": 6},
        "cautions": ["surgery"],
        "tags": ["morning"],
    },
    "half-kneeling-hip-flexor-stretch": {
        "title": "Half-kneeling hip flexor stretch",
        "summary": "Open the front of the hip, which tightens with long hours of sitting and tugs on the knee.",
        "categories": ["stretch"],
        "areas": ["Hip", "Thigh"],
        "tissues": ["Hip flexors", "Quadriceps"],
        "equipment": [],
        "position": "kneeling",
        "difficulty": "moderate",
        "steps": [
            _step("Kneel on one knee on a folded towel, the other foot flat in front."),
            _step("Tuck the tailbone under a little, as if zipping up tight trousers."),
            _step("Shift the hips forward until the front of the kneeling hip stretches.", 30),
        ],
        "dosage": {"hold_min": 30, "side": "each-side", "frequency": "daily"},
        "cautions": [("avoid", "kneeling hurts the knee: do it standing in a lunge instead.")],
        "tags": ["desk workers"],
    },
    "calf-ball-massage": {
        "title": "Calf massage with a ball",
        "summary": "Sit and let the weight of the leg press the calf onto a small ball.",
        "categories": ["massage"],
        "areas": ["Calf"],
        "tissues": ["Calves"],
        "equipment": [("ball3", ""), ("ball4", "for a gentler start")],
        "position": "seated",
        "difficulty": "gentle",
        "steps": [
            _step("Sit on the floor with the ball under the middle of one calf."),
            _step("Cross the other leg on top if you want more pressure."),
            _step("Stay on a tender spot and circle the foot slowly.", 45),
        ],
        "dosage": {"hold_min": 30, "hold_max": 60, "side": "each-side", "frequency": "daily"},
        "cautions": ["nerve"],
        "tags": ["runners"],
    },
}
CHAIN = ["thumb-circles-around-the-knee-cap", "knee-cap-ball-release", "inner-knee-ball-release"]
RELATED = {
    "back-of-knee-lacrosse-ball-roll": ["calf-ball-massage", "seated-knee-rotations"],
    "knee-cap-ball-release": ["foam-roller-contract-relax", "seated-knee-rotations"],
    "ankle-circles": ["wall-calf-stretch", "seated-ankle-flex-stretch"],
}


LIBRARY: dict[str, Any] = {
    "title": "Exercises",
    "show_in_menus": True,
    "intro": "Self-massage, mobility and stretches for knees, hips, ankles and calves. "
    "Filter by body area, tool or how demanding you want it.",
    "search_description": "Free self-massage, mobility and stretching guides with timers and printable handouts.",
}
LAST_REVIEWED = datetime.date(2026, 2, 2)


def video(url: str, title: str, description: str) -> dict[str, object]:
    """The demo video block of an exercise: the same chapters and transcript for each."""
    return {
        "url": url,
        "title": title,
        "description": description,
        "duration": "2:30",
        "upload_date": datetime.date(2026, 1, 12),
        "transcript": "We set up slowly, then work one side and the other. "
        "Breathe out as you let the leg get heavy, and stop if anything feels sharp.",
        "chapters": [
            {"time": "0:00", "label": "Setting up"},
            {"time": "0:40", "label": "First side"},
            {"time": "1:35", "label": "Second side"},
        ],
    }


ROUTINE: dict[str, Any] = {
    "slug": "three-step-knee-reset",
    "title": "Three-step knee reset",
    "summary": "Massage, then contract and relax with slow breathing, then move: about ten minutes.",
    "intro": "<p>Use it after a walk or a run, or whenever the knee feels stiff. Calm the tissue "
    "first, use your breath to let it go, then show the knee its full range again.</p>",
}
# (exercise slug, fields of the routine item)
ROUTINE_ITEMS: list[tuple[str, dict[str, Any]]] = [
    (
        "thumb-circles-around-the-knee-cap",
        {"note": "Go slowly; this is a warm-up, not a deep massage."},
    ),
    (
        "foam-roller-contract-relax",
        {
            "note": "Tighten as you breathe in for 4, melt as you breathe out for 8.",
            "reps_min": 5,
            "breathe_in": 4,
            "breathe_out": 8,
        },
    ),
    (
        "seated-knee-rotations",
        {"note": "Three slow circles each way.", "reps_min": 3, "side": "each-direction"},
    ),
]
PROGRAMME: dict[str, Any] = {
    "slug": "knee-7",
    "title": "Seven days to easier knees",
    "summary": "Ten quiet minutes a day for a week: massage, mobility and stretches for the knee and its neighbours.",
    "intro": "<p>Each day takes about ten minutes and builds on the one before. Go gently, "
    "practise every day even when it is short, and skip anything that hurts.</p>"
    "<p>The last day goes deeper and is for members.</p>",
}
# title, note, items (exercise slugs, or "routine"), members only
DAYS = [
    (
        "Meet your knee",
        "Gentle hands-on work to see how the knee feels today.",
        ["thumb-circles-around-the-knee-cap", "seated-knee-rotations"],
        False,
    ),
    (
        "From the ankle up",
        "A stiff ankle makes the knee work harder. Loosen it first.",
        ["ankle-circles", "wall-calf-stretch"],
        False,
    ),
    ("The whole routine", "Put the three steps together.", ["routine"], False),
    (
        "Front of the hip",
        "Long sitting shortens the hip flexors; open them up.",
        ["half-kneeling-hip-flexor-stretch", "knee-to-chest"],
        False,
    ),
    (
        "Back of the knee",
        "Reach the small muscle behind the knee.",
        ["back-of-knee-lacrosse-ball-roll", "calf-ball-massage"],
        False,
    ),
    ("Rest and walk", "No drills today: a relaxed twenty-minute walk.", [], False),
    (
        "Deeper release",
        "The firmer ball work, for members who have done the first week.",
        ["knee-cap-ball-release", "inner-knee-ball-release", "it-band-and-tfl-foam-roll"],
        True,
    ),
]
