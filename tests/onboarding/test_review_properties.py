"""Properties of the review rules and the snapshot fingerprint, over generated inputs."""

from hypothesis import given
from hypothesis import strategies as st

from onboarding.snapshots import snapshot_sha256
from onboarding.validators import flags_field, level_field, review_problems
from onboarding.workflow import Decision

text = st.text(min_size=1, max_size=20)


@st.composite
def instruments(draw):
    rubrics = []
    for position in range(draw(st.integers(min_value=1, max_value=4))):
        scores = draw(st.lists(st.integers(0, 100), min_size=2, max_size=6, unique=True))
        rubrics.append(
            {
                "id": position + 1,
                "title": f"Rubric {position}",
                "rubric": {
                    "objective": "Judge it",
                    "scale": [{"score": score, "criteria": ["c"]} for score in scores],
                    "disallow": draw(st.lists(text, min_size=1, max_size=3)),
                },
            }
        )
    return {"rubrics": rubrics}


@st.composite
def complete_reviews(draw):
    instrument = draw(instruments())
    rubrics = instrument["rubrics"]
    scores = {
        i: draw(st.sampled_from([level["score"] for level in entry["rubric"]["scale"]]))
        for i, entry in enumerate(rubrics)
    }
    return instrument, scores


@given(complete_reviews(), st.data())
def test_any_ticked_behaviour_rules_out_approval(review, data):
    instrument, scores = review
    rubrics = instrument["rubrics"]
    position = data.draw(st.integers(0, len(rubrics) - 1))
    behaviour = data.draw(st.integers(0, len(rubrics[position]["rubric"]["disallow"]) - 1))
    for final in (True, False):
        problems = review_problems(
            instrument,
            scores=scores,
            flags={position: {behaviour}},
            decision=Decision.APPROVE,
            comment="",
            final=final,
        )
        assert "cannot be approved" in problems["decision"][0]


@given(complete_reviews(), st.sampled_from(Decision.values), st.text(max_size=50))
def test_a_complete_review_without_ticks_passes_unless_a_reason_is_missing(
    review, decision, comment
):
    instrument, scores = review
    problems = review_problems(
        instrument, scores=scores, flags={}, decision=decision, comment=comment, final=True
    )
    needs_reason = decision != Decision.APPROVE and not comment.strip()
    assert problems == ({"comment": problems["comment"]} if needs_reason else {})


@given(instruments())
def test_an_empty_draft_is_fine_but_an_empty_submission_names_every_rubric(instrument):
    empty = {"scores": {}, "flags": {}, "decision": "", "comment": ""}
    assert review_problems(instrument, **empty, final=False) == {}
    problems = review_problems(instrument, **empty, final=True)
    for position in range(len(instrument["rubrics"])):
        assert problems[level_field(position)] == [
            f"Choose a level for “{instrument['rubrics'][position]['title']}”."
        ]
        assert flags_field(position) not in problems


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=10),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)


@given(st.dictionaries(st.text(max_size=8), json_values, max_size=6))
def test_snapshot_fingerprint_ignores_key_order_only(snapshot):
    reordered = dict(reversed(list(snapshot.items())))
    assert snapshot_sha256(reordered) == snapshot_sha256(snapshot)
    changed = {**snapshot, "\x00marker": 1}
    assert snapshot_sha256(changed) != snapshot_sha256(snapshot)
