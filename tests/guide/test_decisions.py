"""The decision guide: a coherent path and next steps for every one of the 16 answer sets."""

import itertools
from urllib.parse import parse_qs, urlsplit

import pytest

from guide.comparison import COMPARISON, SHAPE_DESCRIPTIONS, shape_gallery
from guide.decisions import suggestion_for
from guide.matrix import HEADLINES, QUESTIONS, Answers, Path
from profiles.shape import Shape

G, S, H, B = Path.GENERALIST_FIRST, Path.SPECIALIST_FIRST, Path.HYBRID, Path.START_BROAD
GENERALIST_STEPS = ("profile", "rubric", "samples", "plan", "benchmark", "rhythm", "submit")
SPECIALIST_STEPS = ("profile", "benchmark", "rubric", "samples", "plan", "rhythm", "submit")
RIGOROUS_SPECIALIST_STEPS = (
    "profile",
    "benchmark",
    "test_plan",
    "rubric",
    "samples",
    "plan",
    "rhythm",
    "submit",
)
HYBRID_STEPS = ("profile", "rubric", "plan", "benchmark", "samples", "rhythm", "submit")

# Notes that explain how conflicting or reinforcing answers were combined.
CAREER_CHANGER = "both early in your career and mid-career"
BOTH_STYLES = "enjoy both orchestration and rigor: your career stage decides"
RIGOR_EARLY = "crave rigor but are early in your career"
ORCHESTRATOR_WITH_CREDENTIALS = "enjoy orchestration but hold credentials"

# (orchestrate, rigor, early, credentials) -> path, target shape, steps, notes
EXPECTED = {
    (0, 0, 0, 0): (B, Shape.T_SHAPED, GENERALIST_STEPS, ()),
    (1, 0, 0, 0): (G, Shape.T_SHAPED, GENERALIST_STEPS, ()),
    (0, 1, 0, 0): (S, Shape.T_SHAPED, RIGOROUS_SPECIALIST_STEPS, ()),
    (1, 1, 0, 0): (H, Shape.PI_SHAPED, HYBRID_STEPS, ()),
    (0, 0, 1, 0): (G, Shape.T_SHAPED, GENERALIST_STEPS, ()),
    (1, 0, 1, 0): (G, Shape.T_SHAPED, GENERALIST_STEPS, ()),
    (0, 1, 1, 0): (G, Shape.T_SHAPED, GENERALIST_STEPS, (RIGOR_EARLY,)),
    (1, 1, 1, 0): (G, Shape.T_SHAPED, GENERALIST_STEPS, (BOTH_STYLES,)),
    (0, 0, 0, 1): (S, Shape.T_SHAPED, SPECIALIST_STEPS, ()),
    (1, 0, 0, 1): (S, Shape.T_SHAPED, SPECIALIST_STEPS, (ORCHESTRATOR_WITH_CREDENTIALS,)),
    (0, 1, 0, 1): (S, Shape.T_SHAPED, RIGOROUS_SPECIALIST_STEPS, ()),
    (1, 1, 0, 1): (S, Shape.T_SHAPED, RIGOROUS_SPECIALIST_STEPS, (BOTH_STYLES,)),
    (0, 0, 1, 1): (S, Shape.T_SHAPED, SPECIALIST_STEPS, (CAREER_CHANGER,)),
    (1, 0, 1, 1): (
        S,
        Shape.T_SHAPED,
        SPECIALIST_STEPS,
        (CAREER_CHANGER, ORCHESTRATOR_WITH_CREDENTIALS),
    ),
    (0, 1, 1, 1): (S, Shape.T_SHAPED, RIGOROUS_SPECIALIST_STEPS, (CAREER_CHANGER,)),
    (1, 1, 1, 1): (S, Shape.T_SHAPED, RIGOROUS_SPECIALIST_STEPS, (CAREER_CHANGER, BOTH_STYLES)),
}


def answers_of(combo) -> Answers:
    return Answers(*(bool(answer) for answer in combo))


def test_guide_expected_table_covers_every_combination():
    assert set(EXPECTED) == set(itertools.product((0, 1), repeat=4))


@pytest.mark.parametrize("combo", sorted(EXPECTED), ids=lambda c: "".join(map(str, c)))
def test_guide_suggestion_for_every_combination(combo):
    path, target, steps, notes = EXPECTED[combo]
    suggestion = suggestion_for(answers_of(combo))
    assert suggestion.path == path
    assert suggestion.headline == HEADLINES[path]
    assert suggestion.target == target
    assert tuple(step.key for step in suggestion.steps) == steps
    assert len(suggestion.notes) == len(notes)
    for note, marker in zip(suggestion.notes, notes, strict=True):
        assert marker in note
    # The article's advice for exactly the questions answered yes, in the matrix's order.
    said_yes = [q for q, answer in zip(QUESTIONS, combo, strict=True) if answer]
    assert [r.advice for r in suggestion.reasons] == [q.advice for q in said_yes]
    assert suggestion.summary and suggestion.risk and suggestion.target_text


@pytest.mark.parametrize("combo", sorted(EXPECTED), ids=lambda c: "".join(map(str, c)))
def test_guide_steps_point_at_stable_pages(combo):
    suggestion = suggestion_for(answers_of(combo))
    pages = {
        "/profile/edit/",
        "/rubrics/new/",
        "/portfolio/benchmarks/new/",
        "/portfolio/test-plans/new/",
        "/portfolio/samples/new/",
        "/dashboard/",
        "/submit/",
    }
    for step in suggestion.steps:
        assert step.title and step.detail and step.link_text
        if step.key == "rhythm":
            assert step.public
            assert urlsplit(step.url).path == "/tools/income/"
        else:
            assert not step.public
            assert step.url in pages
    assert len({step.key for step in suggestion.steps}) == len(suggestion.steps)


def test_guide_generalist_base_then_one_domain_in_60_to_90_days():
    suggestion = suggestion_for(
        Answers(orchestrate=True, rigor=False, early=True, credentials=False)
    )
    assert suggestion.summary.startswith(
        "Build a generalist base in reasoning evaluation, prompt design and rubric writing, "
        "then choose one domain to deepen within 60–90 days"
    )
    assert "market traction" in suggestion.summary
    plan = next(step for step in suggestion.steps if step.key == "plan")
    assert plan.title == "Choose one domain to deepen within 60–90 days"
    assert plan.url == "/dashboard/"
    assert "generalist" in suggestion.risk and "jack of all trades" in suggestion.risk


def test_guide_rigor_early_in_a_career_deepens_a_standards_driven_domain():
    suggestion = suggestion_for(
        Answers(orchestrate=False, rigor=True, early=True, credentials=False)
    )
    assert "standards-driven" in suggestion.summary
    plan = next(step for step in suggestion.steps if step.key == "plan")
    assert "finance, healthcare, legal, security or math" in plan.detail


def test_guide_credentials_lead_with_specialty_and_add_evaluation_design():
    suggestion = suggestion_for(
        Answers(orchestrate=False, rigor=False, early=False, credentials=True)
    )
    assert suggestion.summary.startswith("Lead with your credentialed specialty")
    assert "AI literacy and evaluation design" in suggestion.summary
    assert "CFA, RN, JD, PhD" in suggestion.steps[0].detail
    assert "narrow demand" in suggestion.risk


def test_guide_orchestration_is_a_specialists_breadth():
    suggestion = suggestion_for(
        Answers(orchestrate=True, rigor=False, early=False, credentials=True)
    )
    assert "orchestrating messy problems" in suggestion.summary
    assert "rubrics and evaluation design" in suggestion.summary


def test_guide_rigor_alone_leads_with_standards_and_adversarial_tests():
    suggestion = suggestion_for(
        Answers(orchestrate=False, rigor=True, early=False, credentials=False)
    )
    assert suggestion.summary.startswith("Lead with the domain whose standards you know best")
    assert suggestion.steps[2].url == "/portfolio/test-plans/new/"


def test_guide_hybrid_names_both_risks_and_a_second_pillar():
    suggestion = suggestion_for(
        Answers(orchestrate=True, rigor=True, early=False, credentials=False)
    )
    assert "second deep pillar" in suggestion.summary
    assert "jack of all trades" in suggestion.risk and "narrow demand" in suggestion.risk
    rhythm = next(step for step in suggestion.steps if step.key == "rhythm")
    assert parse_qs(urlsplit(rhythm.url).query) == {
        "rate": ["30"],
        "hours": ["20"],
        "weeks": ["46"],
        "rate2": ["42"],
        "hours2": ["15"],
        "weeks2": ["46"],
    }


def test_guide_all_no_follows_the_default_sequence():
    suggestion = suggestion_for(Answers(False, False, False, False))
    assert suggestion.reasons == ()
    assert "default sequence" in suggestion.summary
    assert "fastest onboarding" in suggestion.summary


def test_comparison_has_the_articles_seven_dimensions():
    assert [row.dimension for row in COMPARISON] == [
        "Ambiguity tolerance",
        "Depth vs breadth",
        "Typical tasks",
        "Time to onboard",
        "Rate ceiling",
        "Risk of automation",
        "Career resilience",
    ]
    assert COMPARISON[0].generalist == "High" and COMPARISON[0].specialist == "Medium"


def test_shape_gallery_draws_each_of_the_five_shapes_from_its_example():
    gallery = shape_gallery()
    assert [card.shape for card in gallery] == [
        Shape.GENERALIST,
        Shape.SPECIALIST,
        Shape.T_SHAPED,
        Shape.PI_SHAPED,
        Shape.COMB_SHAPED,
    ]
    # The example really is that shape under the product's rule.
    assert all(card.result.shape == card.shape for card in gallery)
    assert all(card.description == SHAPE_DESCRIPTIONS[card.shape] for card in gallery)
    assert len({card.figure_id for card in gallery}) == 5
