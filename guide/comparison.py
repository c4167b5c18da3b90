"""The article's generalist/specialist comparison and its five shapes, each drawn from an
example profile, as the landing page and the decision guide show them."""

from dataclasses import dataclass

from profiles.shape import EXAMPLES, Shape, ShapeResult, shape_of


@dataclass(frozen=True)
class Comparison:
    dimension: str
    generalist: str
    specialist: str


COMPARISON = (
    Comparison("Ambiguity tolerance", "High", "Medium"),
    Comparison("Depth vs breadth", "Breadth with a depth spike", "Deep, narrow or regulated depth"),
    Comparison(
        "Typical tasks",
        "Reasoning evaluation, prompts, rubrics",
        "Compliance review, domain benchmarks",
    ),
    Comparison("Time to onboard", "Fast", "Medium to slow"),
    Comparison("Rate ceiling", "Medium to high", "High"),
    Comparison(
        "Risk of automation",
        "Lower with synthesis skills",
        "Lower if the domain is complex or regulated",
    ),
    Comparison(
        "Career resilience", "High, via cross-domain mobility", "High, via credentialed authority"
    ),
)

SHAPE_DESCRIPTIONS = {
    Shape.GENERALIST: (
        "Breadth across domains. Stitches systems and people together and shines where "
        "ambiguity is high: reasoning evaluation, prompt design, rubric writing."
    ),
    Shape.SPECIALIST: (
        "Owns depth. Essential where correctness, rigor and domain standards define quality: "
        "regulated reviews, ground-truth data, domain benchmarks."
    ),
    Shape.T_SHAPED: (
        "Breadth across domains with depth in one, such as broad AI literacy with deep "
        "finance. The profile recommended here."
    ),
    Shape.PI_SHAPED: (
        "Breadth with two deep pillars, such as statistics and healthcare, or law and NLP."
    ),
    Shape.COMB_SHAPED: (
        "Several narrower depths, often seen in seasoned consultants and evaluators who have "
        "moved across domains."
    ),
}


@dataclass(frozen=True)
class ShapeCard:
    shape: Shape
    result: ShapeResult
    description: str
    figure_id: str


def shape_gallery() -> tuple[ShapeCard, ...]:
    """The five shapes, each drawn from its example profile."""
    return tuple(
        ShapeCard(
            shape=shape,
            result=shape_of(EXAMPLES[shape]),
            description=SHAPE_DESCRIPTIONS[shape],
            figure_id=f"shape-example-{shape.value.replace('_', '-')}",
        )
        for shape in EXAMPLES
    )
