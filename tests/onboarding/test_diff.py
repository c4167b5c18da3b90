"""What changed between two submission snapshots, as data and as the reviewer reads it."""

import copy
import json

from django.template.loader import render_to_string
from hypothesis import example, given
from hypothesis import strategies as st

from onboarding.diff.snapshots import ArtifactRef, KindDiff, SnapshotDiff, diff_snapshots
from onboarding.diff.text import TextSegment, text_diff
from onboarding.diff.values import (
    ADDED,
    CHANGED,
    FILE_REPLACED,
    ITEMS,
    REMOVED,
    REORDERED,
    TEXT,
    FieldChange,
)

# examples/skill-profile.seed.json, the profile document a snapshot carries.
SEED_PROFILE = {
    "headline": "Quant researcher with evaluation design experience",
    "domains": ["finance", "statistics", "risk"],
    "strengths": ["reasoning evaluation", "benchmarking", "prompt design"],
    "credentials": ["MSc Statistics", "CFA Level II"],
    "tools": ["python", "numpy", "pandas"],
    "availability": {"hours_per_week": 15, "timezone": "UTC-5"},
    "work_samples": [
        {
            "title": "Stress-testing LLM reasoning on risk scenarios",
            "type": "benchmark",
            "link": "https://rex.zone",
        }
    ],
}
PDF_SHA = "a" * 64
OTHER_SHA = "b" * 64
LONG_DESCRIPTION = (
    "Forty audit questions drawn from real engagements, each graded against the reasoning "
    "rubric. The answers were checked by a second auditor and disagreements resolved."
)


def snapshot() -> dict:
    """A round-one snapshot with one artifact of every kind."""
    return {
        "format": 1,
        "profile": copy.deepcopy(SEED_PROFILE),
        "artifacts": {
            "rubrics": [
                {
                    "id": 3,
                    "title": "Reasoning rubric",
                    "content": {
                        "rubric": {
                            "title": "Reasoning rubric",
                            "objective": "Assess step-by-step reasoning clarity and correctness",
                            "scale": [
                                {"score": 5, "criteria": ["Correct final answer", "Clear"]},
                                {"score": 3, "criteria": ["Partially correct"]},
                                {"score": 1, "criteria": ["Incorrect claim"]},
                            ],
                            "disallow": ["Fabricated citations"],
                        }
                    },
                }
            ],
            "benchmarks": [
                {
                    "id": 7,
                    "title": "Lease accounting pilot",
                    "domain": "finance",
                    "metric": "exact-match accuracy",
                    "target": "≥ 90%",
                    "description": "",
                    "sources": "ASC 842",
                    "items": [
                        {
                            "prompt": f"Question {n}?",
                            "reference_answer": f"Answer {n}.",
                            "rationale": "",
                            "difficulty": "medium",
                            "adversarial": False,
                            "source": "",
                        }
                        for n in range(1, 4)
                    ],
                }
            ],
            "test_plans": [
                {
                    "id": 2,
                    "title": "Bank assistant attacks",
                    "scope": "Account questions only.",
                    "threat_model": "A customer after other customers' data.",
                    "goal": "",
                    "sources": "",
                    "cases": [
                        {
                            "attack": "Ignore your instructions.",
                            "expected_behaviour": "Refuses.",
                            "severity": "high",
                        }
                    ],
                }
            ],
            "work_samples": [
                {
                    "id": 4,
                    "title": "Audit report",
                    "type": "report",
                    "description": LONG_DESCRIPTION,
                    "link": "",
                    "file": {
                        "id": "6f1c1a8e-0000-4000-8000-000000000001",
                        "name": "audit.pdf",
                        "sha256": PDF_SHA,
                        "size": 2048,
                        "content_type": "application/pdf",
                    },
                },
                {
                    "id": 5,
                    "title": "Risk memo",
                    "type": "memo",
                    "description": "",
                    "link": "https://example.org/memo",
                    "file": None,
                },
            ],
        },
    }


def kind(diff: SnapshotDiff, key: str) -> KindDiff:
    return next(k for k in diff.artifacts if k.key == key)


def only_change(diff: SnapshotDiff, key: str) -> FieldChange:
    [artifact] = kind(diff, key).changed
    [change] = artifact.changes
    return change


# --- No change ----------------------------------------------------------------------------


def test_diff_snapshots_of_identical_snapshots_is_explicitly_empty():
    diff = diff_snapshots(snapshot(), snapshot())
    assert diff.has_changes is False
    assert diff.profile == ()
    assert diff.summary == "No changes since the previous round."
    assert [(k.key, k.unchanged, k.has_changes) for k in diff.artifacts] == [
        ("rubrics", 1, False),
        ("benchmarks", 1, False),
        ("test_plans", 1, False),
        ("work_samples", 2, False),
    ]


def test_diff_snapshots_ignores_the_order_of_keys_and_of_artifacts():
    old, new = snapshot(), snapshot()
    new["artifacts"]["work_samples"].reverse()
    new["profile"] = dict(reversed(list(new["profile"].items())))
    assert diff_snapshots(old, new).has_changes is False


# --- Profile ------------------------------------------------------------------------------


def test_diff_snapshots_profile_scalar_change():
    old, new = snapshot(), snapshot()
    new["profile"]["headline"] = "Quant researcher and benchmark designer"

    [change] = diff_snapshots(old, new).profile

    assert change == FieldChange(
        path="headline",
        label="Headline",
        kind=CHANGED,
        old="Quant researcher with evaluation design experience",
        new="Quant researcher and benchmark designer",
        old_display="Quant researcher with evaluation design experience",
        new_display="Quant researcher and benchmark designer",
    )


def test_diff_snapshots_profile_nested_path():
    old, new = snapshot(), snapshot()
    new["profile"]["availability"]["hours_per_week"] = 20

    [change] = diff_snapshots(old, new).profile

    assert (change.path, change.label, change.kind) == (
        "availability.hours_per_week",
        "Availability › Hours per week",
        CHANGED,
    )
    assert (change.old, change.new, change.old_display, change.new_display) == (15, 20, "15", "20")


def test_diff_snapshots_profile_list_of_strings_reports_added_and_removed_items():
    old, new = snapshot(), snapshot()
    new["profile"]["domains"] = ["finance", "risk", "insurance", "actuarial science"]

    [change] = diff_snapshots(old, new).profile

    assert change.kind == ITEMS
    assert change.path == "domains"
    assert change.added_items == ("insurance", "actuarial science")
    assert change.removed_items == ("statistics",)


def test_diff_snapshots_profile_list_reordered():
    old, new = snapshot(), snapshot()
    new["profile"]["tools"] = ["pandas", "python", "numpy"]

    [change] = diff_snapshots(old, new).profile

    assert change.kind == REORDERED
    assert change.new_display == "pandas, python, numpy"


def test_diff_snapshots_profile_added_and_removed_fields():
    old, new = snapshot(), snapshot()
    del new["profile"]["credentials"]
    new["profile"]["hourly_rate"] = 42
    new["profile"]["availability"]["timezone"] = ""

    changes = {c.path: c for c in diff_snapshots(old, new).profile}

    assert changes["credentials"].kind == ITEMS
    assert changes["credentials"].removed_items == ("MSc Statistics", "CFA Level II")
    assert changes["hourly_rate"].kind == ADDED
    assert changes["hourly_rate"].new_display == "42"
    assert changes["availability.timezone"].kind == REMOVED
    assert changes["availability.timezone"].old_display == "UTC-5"
    assert len(changes) == 3


def test_diff_snapshots_profile_new_nested_object_is_compared_field_by_field():
    old, new = snapshot(), snapshot()
    del old["profile"]["availability"]

    changes = diff_snapshots(old, new).profile

    assert [(c.path, c.kind, c.new_display) for c in changes] == [
        ("availability.hours_per_week", ADDED, "15"),
        ("availability.timezone", ADDED, "UTC-5"),
    ]


def test_diff_snapshots_profile_work_samples_matched_by_title():
    old, new = snapshot(), snapshot()
    sample = {"title": "Adversarial plan for a bank", "type": "test_plan", "link": "https://x.org"}
    new["profile"]["work_samples"] = [sample, copy.deepcopy(old["profile"]["work_samples"][0])]
    new["profile"]["work_samples"][1]["link"] = "https://rex.zone/benchmark"

    changes = diff_snapshots(old, new).profile

    assert [(c.path, c.label, c.kind) for c in changes] == [
        ("work_samples[0]", "Work samples › “Adversarial plan for a bank”", ADDED),
        (
            "work_samples[1].link",
            "Work samples › “Stress-testing LLM reasoning on risk scenarios” › Link",
            CHANGED,
        ),
    ]
    assert changes[0].new_display == "Adversarial plan for a bank"


def test_diff_snapshots_profile_objects_without_a_key_are_aligned_by_position():
    old, new = snapshot(), snapshot()
    old["profile"]["languages"] = [{"level": "native"}, {"level": "fluent"}]
    new["profile"]["languages"] = [{"level": "basic"}, {"level": "native"}, {"level": "C1"}]

    changes = diff_snapshots(old, new).profile

    # The unchanged entry lines up with itself even though it moved.
    assert [(c.path, c.kind, c.old_display, c.new_display) for c in changes] == [
        ("languages[0]", ADDED, "", "Level: basic"),
        ("languages[2].level", CHANGED, "fluent", "C1"),
    ]


def test_diff_snapshots_profile_long_text_gets_a_word_diff():
    old, new = snapshot(), snapshot()
    old["profile"]["bio"] = LONG_DESCRIPTION
    new["profile"]["bio"] = LONG_DESCRIPTION.replace("second auditor", "senior partner")

    [change] = diff_snapshots(old, new).profile

    assert change.kind == TEXT
    changed = [s for s in change.segments if s.op in ("insert", "delete")]
    assert changed == [
        TextSegment("delete", "second auditor"),
        TextSegment("insert", "senior partner"),
    ]
    assert "".join(s.text for s in change.segments if s.op != "insert").endswith(
        "checked by a second auditor and disagreements resolved."
    )


def test_diff_snapshots_profile_type_change_is_shown_whole():
    old, new = snapshot(), snapshot()
    new["profile"]["availability"] = "evenings"
    [change] = diff_snapshots(old, new).profile
    assert change.kind == CHANGED
    assert change.old_display == "Hours per week: 15; Time zone: UTC-5"
    assert change.new_display == "evenings"


def test_diff_snapshots_booleans_are_not_numbers():
    old, new = snapshot(), snapshot()
    old["profile"]["public"], new["profile"]["public"] = 1, True
    [change] = diff_snapshots(old, new).profile
    assert (change.old_display, change.new_display) == ("1", "yes")


# --- Artifacts ------------------------------------------------------------------------------


def test_diff_snapshots_artifact_added_and_removed():
    old, new = snapshot(), snapshot()
    new["artifacts"]["rubrics"].append({"id": 9, "title": "Writing clarity", "content": {}})
    del new["artifacts"]["work_samples"][1]

    diff = diff_snapshots(old, new)

    assert kind(diff, "rubrics").added == (ArtifactRef(id=9, title="Writing clarity"),)
    assert kind(diff, "rubrics").unchanged == 1
    assert kind(diff, "work_samples").removed == (ArtifactRef(id=5, title="Risk memo"),)
    assert kind(diff, "work_samples").unchanged == 1
    assert diff.summary == (
        "Profile: no changes; Rubrics: 1 added; Benchmarks: no changes; "
        "Test plans: no changes; Work samples: 1 removed."
    )


def test_diff_snapshots_artifact_matched_by_id_not_title():
    old, new = snapshot(), snapshot()
    new["artifacts"]["test_plans"][0]["title"] = "Retail bank assistant attacks"

    [artifact] = kind(diff_snapshots(old, new), "test_plans").changed

    assert (artifact.id, artifact.title, artifact.old_title, artifact.retitled) == (
        2,
        "Retail bank assistant attacks",
        "Bank assistant attacks",
        True,
    )
    assert [c.path for c in artifact.changes] == ["title"]


def test_diff_snapshots_rubric_content_paths_without_the_document_wrapper():
    old, new = snapshot(), snapshot()
    body = new["artifacts"]["rubrics"][0]["content"]["rubric"]
    body["scale"][0]["criteria"].append("Cites the standard")
    body["scale"].append({"score": 0, "criteria": ["No answer"]})
    body["disallow"] = []
    body["pass_score"] = 3

    [artifact] = kind(diff_snapshots(old, new), "rubrics").changed

    assert [(c.path, c.label, c.kind) for c in artifact.changes] == [
        ("content.rubric.scale[0].criteria", "Scale › Level 5 › Criteria", ITEMS),
        ("content.rubric.scale[3]", "Scale › Level 0", ADDED),
        ("content.rubric.disallow", "Disallowed behaviours", ITEMS),
        ("content.rubric.pass_score", "Pass score", ADDED),
    ]
    assert artifact.changes[0].added_items == ("Cites the standard",)
    assert artifact.changes[1].new_display == "Score: 0; Criteria: No answer"
    assert artifact.changes[2].removed_items == ("Fabricated citations",)


def test_diff_snapshots_rubric_title_in_artifact_and_document_is_one_change():
    old, new = snapshot(), snapshot()
    new["artifacts"]["rubrics"][0]["title"] = "Reasoning rubric v2"
    new["artifacts"]["rubrics"][0]["content"]["rubric"]["title"] = "Reasoning rubric v2"

    change = only_change(diff_snapshots(old, new), "rubrics")

    assert (change.path, change.new_display) == ("title", "Reasoning rubric v2")


def test_diff_snapshots_benchmark_item_inserted_first_is_one_addition():
    old, new = snapshot(), snapshot()
    items = new["artifacts"]["benchmarks"][0]["items"]
    items.insert(0, dict(items[0], prompt="A new first question?", adversarial=True))

    change = only_change(diff_snapshots(old, new), "benchmarks")

    assert (change.path, change.label, change.kind) == ("items[0]", "Items › Item 1", ADDED)
    assert change.new_display == "A new first question?"


def test_diff_snapshots_benchmark_item_field_changes():
    old, new = snapshot(), snapshot()
    item = new["artifacts"]["benchmarks"][0]["items"][1]
    item["difficulty"] = "hard"
    item["adversarial"] = True
    new["artifacts"]["benchmarks"][0]["target"] = "≥ 95%"

    [artifact] = kind(diff_snapshots(old, new), "benchmarks").changed

    assert [(c.path, c.label, c.old_display, c.new_display) for c in artifact.changes] == [
        ("target", "Target", "≥ 90%", "≥ 95%"),
        ("items[1].difficulty", "Items › Item 2 › Difficulty", "medium", "hard"),
        ("items[1].adversarial", "Items › Item 2 › Adversarial", "no", "yes"),
    ]


def test_diff_snapshots_test_plan_case_removed():
    old, new = snapshot(), snapshot()
    new["artifacts"]["test_plans"][0]["cases"] = []

    change = only_change(diff_snapshots(old, new), "test_plans")

    assert (change.path, change.label, change.kind) == (
        "cases[0]",
        "Cases › Case 1 (before)",
        REMOVED,
    )
    assert change.old_display == "Ignore your instructions."


def test_diff_snapshots_file_with_new_hash_is_replaced():
    old, new = snapshot(), snapshot()
    new_file = new["artifacts"]["work_samples"][0]["file"]
    new_file.update(id="6f1c1a8e-0000-4000-8000-000000000002", sha256=OTHER_SHA, size=4096)

    diff = diff_snapshots(old, new)
    [artifact] = kind(diff, "work_samples").changed

    assert artifact.file_replaced is True
    [change] = artifact.changes
    assert (change.path, change.label, change.kind) == ("file", "File", FILE_REPLACED)
    assert change.old_display == "audit.pdf, 2.0\xa0KB, SHA-256 aaaaaaaaaaaa…"
    assert change.new_display == "audit.pdf, 4.0\xa0KB, SHA-256 bbbbbbbbbbbb…"


def test_diff_snapshots_same_file_stored_again_is_no_change():
    old, new = snapshot(), snapshot()
    new["artifacts"]["work_samples"][0]["file"]["id"] = "6f1c1a8e-0000-4000-8000-000000000009"
    assert diff_snapshots(old, new).has_changes is False


def test_diff_snapshots_same_file_renamed():
    old, new = snapshot(), snapshot()
    new["artifacts"]["work_samples"][0]["file"]["name"] = "audit-2024.pdf"
    change = only_change(diff_snapshots(old, new), "work_samples")
    assert (change.path, change.label, change.kind) == ("file.name", "File › Name", CHANGED)


def test_diff_snapshots_link_swapped_for_a_file():
    old, new = snapshot(), snapshot()
    memo = new["artifacts"]["work_samples"][1]
    memo["link"] = ""
    memo["file"] = {"id": "x", "name": "memo.md", "sha256": OTHER_SHA, "size": 10}

    [artifact] = kind(diff_snapshots(old, new), "work_samples").changed

    assert [(c.path, c.kind, c.old_display, c.new_display) for c in artifact.changes] == [
        ("link", REMOVED, "https://example.org/memo", ""),
        ("file", ADDED, "", "memo.md, 10\xa0bytes, SHA-256 bbbbbbbbbbbb…"),
    ]
    assert artifact.file_replaced is False


def test_diff_snapshots_long_description_gets_a_word_diff():
    old, new = snapshot(), snapshot()
    new["artifacts"]["work_samples"][0]["description"] = LONG_DESCRIPTION.replace("Forty", "Fifty")
    change = only_change(diff_snapshots(old, new), "work_samples")
    assert change.kind == TEXT
    assert change.segments[:2] == (TextSegment("delete", "Forty"), TextSegment("insert", "Fifty"))


def test_diff_snapshots_summary_counts_every_kind_of_change():
    old, new = snapshot(), snapshot()
    new["profile"]["headline"] = "New headline"
    new["profile"]["tools"].append("R")
    new["artifacts"]["rubrics"][0]["title"] = "Renamed"
    new["artifacts"]["rubrics"].append({"id": 10, "title": "Another"})
    assert diff_snapshots(old, new).summary == (
        "Profile: 2 changes; Rubrics: 1 changed, 1 added; Benchmarks: no changes; "
        "Test plans: no changes; Work samples: no changes."
    )


# --- Format tolerance ---------------------------------------------------------------------


def test_diff_snapshots_missing_keys_read_as_empty():
    assert diff_snapshots({}, {}) == SnapshotDiff(profile=(), artifacts=())
    assert diff_snapshots(None, {"format": 1}).has_changes is False

    diff = diff_snapshots({"format": 1}, snapshot())

    assert len(diff.profile) == len(SEED_PROFILE) + 1  # availability counts twice
    assert [(k.key, len(k.added)) for k in diff.artifacts] == [
        ("rubrics", 1),
        ("benchmarks", 1),
        ("test_plans", 1),
        ("work_samples", 2),
    ]


def test_diff_snapshots_absent_null_and_empty_values_are_the_same():
    old, new = snapshot(), snapshot()
    old["profile"]["bio"] = None
    new["profile"]["topics_declined"] = []
    del new["artifacts"]["work_samples"][1]["file"]  # null before, missing now
    new["artifacts"]["work_samples"][0]["link"] = None  # "" before
    new["artifacts"]["test_plans"] = []  # kinds without artifacts are dropped
    old["artifacts"]["test_plans"] = None
    assert diff_snapshots(old, new).has_changes is False


def test_diff_snapshots_artifacts_without_ids_are_matched_by_position():
    old, new = snapshot(), snapshot()
    for artifacts in (old, new):
        del artifacts["artifacts"]["work_samples"][0]["id"]
    new["artifacts"]["work_samples"][0]["title"] = "Audit report (revised)"
    [artifact] = kind(diff_snapshots(old, new), "work_samples").changed
    assert (artifact.id, artifact.old_title) == (None, "Audit report")


def test_diff_snapshots_unknown_artifact_kinds_and_malformed_entries():
    old, new = snapshot(), snapshot()
    new["artifacts"]["datasets"] = [{"id": 1, "title": "Claims set"}, "not an object", 3]
    new["artifacts"]["rubrics"] = "not a list"
    diff = diff_snapshots(old, new)
    assert kind(diff, "datasets").label == "Datasets"
    assert kind(diff, "datasets").added == (ArtifactRef(id=1, title="Claims set"),)
    assert kind(diff, "rubrics").removed == (ArtifactRef(id=3, title="Reasoning rubric"),)


def test_diff_snapshots_artifact_without_title_is_untitled():
    old, new = snapshot(), snapshot()
    new["artifacts"]["benchmarks"].append({"id": 8})
    assert kind(diff_snapshots(old, new), "benchmarks").added == (
        ArtifactRef(id=8, title="Untitled"),
    )


# --- Text diff ------------------------------------------------------------------------------


def test_text_diff_keeps_shared_spaces_and_punctuation_unchanged():
    assert text_diff("Hello, world.", "Hello, there.") == (
        TextSegment("equal", "Hello, "),
        TextSegment("delete", "world"),
        TextSegment("insert", "there"),
        TextSegment("equal", "."),
    )
    assert text_diff("x", "x y") == (TextSegment("equal", "x"), TextSegment("insert", " y"))


def test_text_diff_joins_neighbouring_word_changes():
    assert text_diff("the quick brown fox", "a slow brown fox") == (
        TextSegment("delete", "the quick"),
        TextSegment("insert", "a slow"),
        TextSegment("equal", " brown fox"),
    )


def test_text_diff_summarises_long_unchanged_runs():
    old = " ".join(f"word{i}" for i in range(100))
    new = old.replace("word50", "changed")

    segments = text_diff(old, new)

    assert [s.op for s in segments] == ["skip", "equal", "delete", "insert", "equal", "skip"]
    assert segments[0].text == "38 unchanged words"
    assert segments[1].text.split() == [f"word{i}" for i in range(38, 50)]
    assert segments[-1].text == "37 unchanged words"


def test_text_diff_of_very_long_text_is_line_by_line():
    old = "\n".join(f"Line {i} has several words in it." for i in range(1000))
    new = old.replace("Line 500 has", "Line 500 had")

    segments = text_diff(old, new)

    assert [s for s in segments if s.op in ("delete", "insert")] == [
        TextSegment("delete", "Line 500 has several words in it"),
        TextSegment("insert", "Line 500 had several words in it"),
    ]
    assert segments[0] == TextSegment("skip", "498 unchanged lines")


@given(st.text(max_size=300), st.text(max_size=300))
def test_text_diff_property_rebuilds_both_texts(old, new):
    segments = text_diff(old, new)
    if not any(s.op == "skip" for s in segments):
        assert "".join(s.text for s in segments if s.op != "insert") == old
        assert "".join(s.text for s in segments if s.op != "delete") == new


# --- The partial --------------------------------------------------------------------------


def render(diff: SnapshotDiff) -> str:
    return render_to_string("onboarding/_snapshot_diff.html", {"diff": diff})


def test_snapshot_diff_partial_says_there_are_no_changes():
    html = render(diff_snapshots(snapshot(), snapshot()))
    assert "Changes since the previous round" in html
    assert "No changes: the profile and every artifact are exactly as they were" in html
    assert "<ins" not in html and "<del" not in html


def test_snapshot_diff_partial_reads_well_for_a_reviewer():
    old, new = snapshot(), snapshot()
    new["profile"]["availability"]["hours_per_week"] = 20
    new["profile"]["domains"].append("insurance")
    new["artifacts"]["rubrics"].append({"id": 9, "title": "Writing clarity"})
    new["artifacts"]["work_samples"][0]["file"]["sha256"] = OTHER_SHA
    new["artifacts"]["work_samples"][0]["description"] += " Then it was piloted twice."

    html = render(diff_snapshots(old, new))

    assert '<h2 class="h4" id="snapshot-diff-heading">' in html
    assert '<a href="#snapshot-diff-profile">Profile</a>: 2 changes' in html
    assert '<a href="#snapshot-diff-rubrics">Rubrics</a>: 1 added' in html
    assert "Availability › Hours per week</span>:" in html
    assert "changed from <del>15</del> to <ins>20</ins>" in html
    assert "added <ins>insurance</ins>" in html
    assert '<h4 class="h6">Added</h4>\n          <ul><li>Writing clarity</li></ul>' in html
    assert "file replaced (new content)" in html
    assert (
        'resolved.<ins><span class="visually-hidden">added: </span> Then it was piloted twice.'
        "</ins></div>"
    ) in html
    assert "1 unchanged." in html  # the memo


def test_snapshot_diff_partial_escapes_html_in_every_value():
    payload = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    old, new = snapshot(), snapshot()
    new["profile"]["headline"] = payload
    new["profile"]["domains"].append(payload)
    new["profile"]["bio"] = f"{LONG_DESCRIPTION} {payload}"
    old["profile"]["bio"] = LONG_DESCRIPTION
    new["artifacts"]["rubrics"][0]["title"] = payload
    new["artifacts"]["benchmarks"].append({"id": 99, "title": payload})
    new["profile"][payload] = "key too"

    html = render(diff_snapshots(old, new))

    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert html.count("&lt;img src=x onerror=alert(1)&gt;") >= 5


# --- Properties -----------------------------------------------------------------------------

_json = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**6), 10**6)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=120),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=25,
)
_artifact = st.fixed_dictionaries(
    {"id": st.integers(0, 5), "title": st.text(max_size=20)},
    optional={
        "description": st.text(max_size=200),
        "items": st.lists(st.dictionaries(st.sampled_from(["prompt", "score"]), _json)),
        "file": st.none()
        | st.fixed_dictionaries(
            {"name": st.text(max_size=10), "sha256": st.sampled_from([PDF_SHA, OTHER_SHA])}
        ),
        "extra": _json,
    },
)
_snapshots = st.fixed_dictionaries(
    {
        "format": st.just(1),
        "profile": st.dictionaries(st.text(max_size=12), _json, max_size=6),
        "artifacts": st.dictionaries(
            st.sampled_from(["rubrics", "benchmarks", "test_plans", "work_samples", "other"]),
            st.lists(_artifact, max_size=4) | _json,
        ),
    }
)


@given(_snapshots)
def test_diff_snapshots_property_a_snapshot_against_itself_is_empty(value):
    assert diff_snapshots(value, value).has_changes is False
    assert diff_snapshots(value, copy.deepcopy(value)).has_changes is False
    assert diff_snapshots(value, json.loads(json.dumps(value))).has_changes is False


@given(_snapshots | _json, _snapshots | _json)
def test_diff_snapshots_property_any_json_never_raises(old, new):
    diff = diff_snapshots(old, new)
    assert isinstance(diff.summary, str)
    render(diff)


@given(_snapshots, _snapshots)
def test_diff_snapshots_property_is_symmetric_in_what_is_added_and_removed(old, new):
    forward, backward = diff_snapshots(old, new), diff_snapshots(new, old)
    assert [(k.key, len(k.added), len(k.removed), len(k.changed)) for k in forward.artifacts] == [
        (k.key, len(k.removed), len(k.added), len(k.changed)) for k in backward.artifacts
    ]
    assert forward.has_changes == backward.has_changes


@example(
    {"format": 1, "profile": {"sha256": None}, "artifacts": {}}, "0", 0
)  # a profile with a field named like a stored file's checksum is still a profile
@given(_snapshots, st.text(min_size=1, max_size=12), st.integers() | st.text(min_size=1))
def test_diff_snapshots_property_one_new_profile_field_is_one_change(value, key, field_value):
    old = copy.deepcopy(value)
    old["profile"].pop(key, None)
    new = copy.deepcopy(old)
    new["profile"][key] = field_value

    [change] = diff_snapshots(old, new).profile

    assert change.kind == ADDED
    assert change.new == field_value


def test_diff_snapshots_a_first_profile_with_a_sha256_field_is_diffed_field_by_field():
    new = {"format": 1, "profile": {"sha256": "abc", "headline": "Tax law"}, "artifacts": {}}
    changes = diff_snapshots({"format": 1, "profile": None, "artifacts": {}}, new).profile
    assert [(change.path, change.kind) for change in changes] == [
        ("sha256", ADDED),
        ("headline", ADDED),
    ]


def test_diff_snapshots_lists_evidence_and_verified_credentials_with_the_profile():
    old, new = snapshot(), snapshot()
    benchmark = new["artifacts"]["benchmarks"][0]
    old["evidence"] = []
    new["evidence"] = [{"domain": "finance", "kind": "benchmarks", "id": benchmark["id"]}]
    new["verified_credentials"] = [{"text": "CFA Level II", "verified_on": "2026-12-01"}]

    evidence, verified = diff_snapshots(old, new).profile

    assert (evidence.path, evidence.kind) == ("evidence", ITEMS)
    assert evidence.added_items == (f"finance: Benchmark “{benchmark['title']}”",)
    assert (verified.path, verified.label) == ("verified_credentials", "Verified credentials")
    assert verified.added_items == ("CFA Level II (verified 2026-12-01)",)
    assert diff_snapshots(new, new).profile == ()


def test_diff_snapshots_evidence_of_an_artifact_it_does_not_hold_is_still_read():
    old, new = snapshot(), snapshot()
    new["evidence"] = [{"domain": "risk", "kind": "rubrics", "id": [1]}, "not a link"]

    [change] = diff_snapshots(old, new).profile

    assert change.added_items == ("risk: an artifact",)
