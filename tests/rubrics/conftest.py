from pathlib import Path

import pytest

from rubrics.content import LevelContent, RubricContent

SEED_PATH = (
    Path(__file__).resolve().parents[2] / "rubrics" / "examples" / "reasoning-rubric.seed.yaml"
)


@pytest.fixture
def seed_text() -> str:
    return SEED_PATH.read_text(encoding="utf-8")


@pytest.fixture
def content() -> RubricContent:
    """A valid rubric's content: three levels, a passing score, a disallowed behaviour."""
    return RubricContent(
        title="Reasoning",
        objective="Assess step-by-step reasoning clarity and correctness",
        pass_score=3,
        levels=(
            LevelContent(5, ("Correct final answer", "Clear explanation")),
            LevelContent(3, ("Partially correct",)),
            LevelContent(1, ("Incorrect claim",)),
        ),
        disallowed=("Fabricated citations",),
        sources="GRE analytical writing guide",
    )
