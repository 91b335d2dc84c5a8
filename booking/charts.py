"""A server-side SVG bar chart (no JavaScript, no CDN): geometry computed here, drawn by a
template. Pure function of plain values."""

from collections.abc import Mapping, Sequence
from typing import Any

WIDTH, HEIGHT = 640, 220
LEFT, RIGHT, TOP, BOTTOM = 36, 8, 12, 36


def _nice_max(value: int) -> int:
    for step in (4, 8, 12, 20, 40, 60, 100, 200, 400, 1000):
        if value <= step:
            return step
    return ((value // 1000) + 1) * 1000


def weekly_bars(weeks: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """weeks: [{"week": date, "bookings": n, "redemptions": m}] → bars, ticks and a summary."""
    top = _nice_max(max([w["bookings"] for w in weeks] + [1]))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / max(len(weeks), 1)
    bar_w = slot * 0.42

    def y_of(value) -> float:
        return TOP + plot_h - plot_h * value / top

    bars = []
    for i, week in enumerate(weeks):
        x = LEFT + i * slot + slot * 0.08
        bars.append(
            {
                "label": f"{week['week']:%d %b}",
                "label_x": round(LEFT + i * slot + slot / 2, 1),
                "bookings": week["bookings"],
                "redemptions": week["redemptions"],
                "b_x": round(x, 1),
                "b_y": round(y_of(week["bookings"]), 1),
                "b_h": round(plot_h * week["bookings"] / top, 1),
                "r_x": round(x + bar_w, 1),
                "r_y": round(y_of(week["redemptions"]), 1),
                "r_h": round(plot_h * week["redemptions"] / top, 1),
                "w": round(bar_w, 1),
            }
        )
    ticks = [{"value": v, "y": round(y_of(v), 1)} for v in (0, top // 2, top)]
    total = sum(w["bookings"] for w in weeks)
    redeemed = sum(w["redemptions"] for w in weeks)
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "left": LEFT,
        "right": WIDTH - RIGHT,
        "baseline": TOP + plot_h,
        "label_y": HEIGHT - 12,
        "bars": bars,
        "ticks": ticks,
        "summary": f"{total} appointments in the last {len(weeks)} weeks, {redeemed} with a code.",
    }


BAR_ROW, LABEL_W = 26, 220


def content_bars(rows: Sequence[Mapping[str, Any]], *, limit: int = 10) -> dict[str, Any]:
    """rows: [{"title": str, "starts": n, "bookings": m}], best first → horizontal bars of
    booking starts and bookings for the first `limit` pages."""
    shown = list(rows[:limit])
    top = _nice_max(max([r["starts"] for r in shown] + [r["bookings"] for r in shown] + [1]))
    plot_w = WIDTH - LABEL_W - RIGHT
    height = TOP + BAR_ROW * max(len(shown), 1) + BOTTOM

    def w_of(value: int) -> float:
        return round(plot_w * value / top, 1)

    bars = []
    for i, row in enumerate(shown):
        y = TOP + i * BAR_ROW
        title = str(row["title"])
        bars.append(
            {
                "label": title if len(title) <= 34 else title[:33] + "…",
                "title": title,
                "label_y": y + BAR_ROW / 2,
                "starts": row["starts"],
                "bookings": row["bookings"],
                "s_y": y + 3,
                "s_w": w_of(row["starts"]),
                "b_y": y + BAR_ROW / 2,
                "b_w": w_of(row["bookings"]),
                "h": round(BAR_ROW / 2 - 3, 1),
            }
        )
    axis_y = TOP + BAR_ROW * max(len(shown), 1)
    ticks = [{"value": v, "x": LABEL_W + w_of(v)} for v in (0, top // 2, top)]
    return {
        "width": WIDTH,
        "height": height,
        "left": LABEL_W,
        "axis_y": axis_y,
        "tick_y": axis_y + 14,
        "bars": bars,
        "ticks": ticks,
    }
