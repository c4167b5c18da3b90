"""The shape picture: an SVG drawn server-side, domains across and depth down."""

from dataclasses import dataclass
from functools import lru_cache
from math import ceil

from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from profiles.shape import DEEP_DEPTH, DEPTH_LABELS, ShapeResult

COLUMN = 44
GAP = 14
LEFT = 96
TOP = 92
UNIT = 26
LABEL_CHARS = 14
# A domain name is drawn whole, on up to two slanted lines of about this many characters.
LINE_CHARS = 16
# Domain names are drawn at -40°: each character reaches about this far to the right,
LABEL_CHAR_REACH = 6.5
# and about this far up; a first line of two sits LINE_RISE higher than the second.
LABEL_CHAR_RISE = 4.6
LINE_RISE = 11


def label_lines(name: str) -> tuple[str, ...]:
    """The name broken at spaces into at most two lines of about LINE_CHARS characters, so
    "clinical medicine" is drawn whole; a single long word keeps its own line."""
    lines: list[str] = []
    for word in name.split():
        if lines and len(lines[-1]) + 1 + len(word) <= LINE_CHARS:
            lines[-1] += " " + word
        else:
            lines.append(word)
    if len(lines) > 2:
        lines = [lines[0], " ".join(lines[1:])]
    return tuple(lines) or (name,)


@dataclass(frozen=True)
class Bar:
    name: str
    label: str  # the name on one line, shortened past LABEL_CHARS
    lines: tuple[str, ...]  # the whole name as the picture draws it
    depth: int
    depth_label: str
    deep: bool
    shallow: bool
    x: int
    label_x: int
    height: int


def shape_figure(result: ShapeResult) -> dict:
    """Geometry for templates/profiles/_shape.svg; kept apart so it can be tested."""
    bars = []
    for index, domain in enumerate(result.domains):
        x = LEFT + index * (COLUMN + GAP)
        label = (
            domain.name if len(domain.name) <= LABEL_CHARS else domain.name[: LABEL_CHARS - 1] + "…"
        )
        bars.append(
            Bar(
                name=domain.name,
                label=label,
                lines=label_lines(domain.name),
                depth=domain.depth,
                depth_label=domain.depth_label,
                deep=domain.is_deep,
                shallow=domain.depth < 2,
                x=x,
                label_x=x + COLUMN // 2,
                height=domain.depth * UNIT,
            )
        )
    count = max(len(bars), 1)
    right = LEFT + count * (COLUMN + GAP)
    # Leave room for the last slanted name so the picture never clips it.
    label_reach = max(
        (bar.label_x + max(map(len, bar.lines)) * LABEL_CHAR_REACH for bar in bars), default=0
    )
    width = max(right + 8, ceil(label_reach) + 8)
    # The names stand above the bars: the top margin grows with the longest first line.
    label_rise = max(
        (len(bar.lines[0]) * LABEL_CHAR_RISE + LINE_RISE * (len(bar.lines) - 1) for bar in bars),
        default=0,
    )
    top = max(TOP, ceil(label_rise) + 30)
    height = top + 5 * UNIT + 24
    grid = [
        {"depth": depth, "label": f"{depth} {DEPTH_LABELS[depth]}", "y": top + depth * UNIT}
        for depth in range(1, 6)
    ]
    return {
        "bars": bars,
        "width": width,
        "height": height,
        "top": top,
        "column": COLUMN,
        "grid": grid,
        "deep_y": top + (DEEP_DEPTH - 1) * UNIT,
        "right": right,
        "result": result,
    }


# Drawing is pure and costs milliseconds of template work (thousands of numbers), while
# pages show the same few pictures over and over: bench/README.md has the figures.
@lru_cache(maxsize=2048)
def render_shape_svg(result: ShapeResult, *, figure_id: str = "shape") -> SafeString:
    context = {**shape_figure(result), "figure_id": figure_id}
    return render_to_string("profiles/_shape.svg", context)
