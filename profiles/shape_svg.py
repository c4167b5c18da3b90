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
# Domain names are drawn at -40°: each character reaches about this far to the right.
LABEL_CHAR_REACH = 6.5


@dataclass(frozen=True)
class Bar:
    name: str
    label: str
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
    label_reach = max((bar.label_x + len(bar.label) * LABEL_CHAR_REACH for bar in bars), default=0)
    width = max(right + 8, ceil(label_reach) + 8)
    height = TOP + 5 * UNIT + 24
    grid = [
        {"depth": depth, "label": f"{depth} {DEPTH_LABELS[depth]}", "y": TOP + depth * UNIT}
        for depth in range(1, 6)
    ]
    return {
        "bars": bars,
        "width": width,
        "height": height,
        "top": TOP,
        "column": COLUMN,
        "grid": grid,
        "deep_y": TOP + (DEEP_DEPTH - 1) * UNIT,
        "right": right,
        "result": result,
    }


# Drawing is pure and costs milliseconds of template work (thousands of numbers), while
# pages show the same few pictures over and over: bench/README.md has the figures.
@lru_cache(maxsize=2048)
def render_shape_svg(result: ShapeResult, *, figure_id: str = "shape") -> SafeString:
    context = {**shape_figure(result), "figure_id": figure_id}
    return render_to_string("profiles/_shape.svg", context)
