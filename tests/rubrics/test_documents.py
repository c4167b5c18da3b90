"""The YAML document: the seed in and out, every refusal, errors with their paths."""

import pytest
import yaml
from django.core.exceptions import ValidationError

from rubrics import documents
from rubrics.content import LevelContent, RubricContent

BODY = "title, objective, pass_score, scale, disallow, sources"


def refusal(source) -> list[str]:
    with pytest.raises(ValidationError) as info:
        documents.content_from_yaml(source)
    return info.value.messages


def test_seed_reads_as_the_articles_rubric(seed_text):
    content = documents.content_from_yaml(seed_text)
    assert content.title == ""
    assert content.objective == "Assess step-by-step reasoning clarity and correctness"
    assert [level.score for level in content.levels] == [5, 3, 1]
    assert content.levels[0].criteria == (
        "Correct final answer",
        "Clear chain-of-thought style explanation",
        "Addresses counter-cases explicitly",
    )
    assert content.disallowed == ("Fabricated citations", "Unsafe medical/financial advice")
    assert content.pass_score is None and content.sources == ""


def test_seed_writes_back_to_equal_data_and_identical_text(seed_text):
    written = documents.yaml_from_content(documents.content_from_yaml(seed_text))
    assert yaml.safe_load(written) == yaml.safe_load(seed_text)
    assert written == seed_text


def test_optional_keys_are_written_only_when_set(content):
    document = documents.document_from_content(content)
    assert list(document["rubric"]) == [
        "title",
        "objective",
        "pass_score",
        "scale",
        "disallow",
        "sources",
    ]
    bare = RubricContent(objective="o", levels=(LevelContent(2, ("a",)), LevelContent(1, ("b",))))
    assert list(documents.document_from_content(bare)["rubric"]) == ["objective", "scale"]


def test_full_document_round_trips(content):
    assert documents.content_from_yaml(documents.yaml_from_content(content)) == content


def test_multi_line_text_is_written_as_a_block():
    content = RubricContent(
        objective="Line one\nLine two",
        levels=(LevelContent(2, ("a",)), LevelContent(1, ("b",))),
        sources="ISO 9001\nIFRS 15",
    )
    written = documents.yaml_from_content(content)
    assert "sources: |-\n    ISO 9001\n    IFRS 15" in written
    assert documents.content_from_yaml(written) == content


def test_texts_are_trimmed_and_nulls_mean_unset():
    content = documents.content_from_yaml(
        "rubric:\n  title: ~\n  objective: '  Assess  '\n  sources: null\n  disallow: ~\n"
        "  pass_score: ~\n  scale:\n    - {score: 2, criteria: ['  a ']}\n"
        "    - {score: 1, criteria: [b]}\n"
    )
    assert content == RubricContent(
        objective="Assess", levels=(LevelContent(2, ("a",)), LevelContent(1, ("b",)))
    )


def test_bytes_with_a_byte_order_mark_are_read(seed_text):
    assert documents.content_from_yaml(b"\xef\xbb\xbf" + seed_text.encode())


# --- Refusals ---------------------------------------------------------------------------


def test_more_than_64_kb_is_refused_before_reading():
    text = "rubric:\n  objective: '" + "x" * documents.MAX_BYTES + "'\n"
    assert "the limit is 64 KB (65,536 bytes)" in refusal(text)[0]
    assert "the limit is 64 KB" in refusal(text.encode())[0]


def test_exactly_64_kb_is_read_to_its_rules():
    head = "rubric:\n  objective: a\n  scale: []\n#"
    text = head + "x" * (documents.MAX_BYTES - len(head))
    assert len(text.encode()) == documents.MAX_BYTES
    assert refusal(text) == [
        "rubric.scale: A rubric needs at least 2 levels so that answers can be told apart "
        "(it has 0)."
    ]


def test_non_utf8_bytes_are_refused():
    assert "not UTF-8 text" in refusal(b"rubric:\n  objective: \xff\xfe\n")[0]


def test_anchors_are_refused_even_without_aliases():
    assert refusal("rubric:\n  objective: &goal Assess\n") == [
        "line 2, column 14 (rubric.objective): YAML anchors (&goal) are not allowed."
    ]


def test_alias_bomb_is_refused_without_expanding_it():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
    )
    assert "anchors (&a) are not allowed" in refusal(bomb)[0]


def test_aliases_are_refused():
    assert "aliases (*x) are not allowed" in refusal("rubric: *x\n")[0]


@pytest.mark.parametrize(
    "text",
    [
        "!!python/object/apply:os.system ['echo owned']",
        "rubric: !!python/name:os.system ''",
        "rubric:\n  objective: !!python/str hello\n",
        "rubric: !custom {objective: x}",
        "rubric:\n  objective: !!binary aGVsbG8=\n",
        "rubric:\n  scale: !!set {a, b}\n",
        "rubric:\n  scale: !!omap [a: 1]\n",
    ],
)
def test_python_and_non_standard_tags_are_refused(text):
    message = refusal(text)[0]
    assert "is not allowed; use plain text, numbers and lists" in message


def test_standard_tags_are_allowed():
    content = documents.content_from_yaml(
        "rubric:\n  objective: !!str 12\n  scale:\n    - {score: !!int '2', criteria: [a]}\n"
        "    - {score: 1, criteria: [b]}\n"
    )
    assert content.objective == "12" and content.scores == (2, 1)


def test_duplicate_keys_are_refused_with_the_path():
    assert refusal("rubric:\n  objective: a\n  objective: b\n") == [
        "line 3, column 3 (rubric.objective): the key 'objective' appears twice."
    ]


def test_several_documents_are_refused():
    assert "one rubric in one YAML document" in refusal("rubric: {}\n---\nrubric: {}\n")[0]


def test_deep_nesting_is_refused():
    assert "nested too deeply" in refusal("[" * 5000 + "]" * 5000)[0]


def test_complex_keys_are_refused():
    assert "keys must be plain text" in refusal("? [a, b]\n: c\n")[0]


def test_broken_yaml_names_the_line():
    assert refusal("rubric:\n  objective: 'unclosed\n")[0].startswith("line 3, column 1:")


def test_numbers_python_cannot_hold_are_refused_cleanly():
    assert "out of range" in refusal("rubric:\n  pass_score: " + "9" * 5000 + "\n")[0]
    assert "out of range" in refusal("rubric:\n  objective: 2024-13-45\n")[0]


# --- Wrong shapes, with paths -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", ["the document: The document is empty; it needs a rubric: mapping."]),
        ("- a\n- b\n", ["the document: Expected a mapping with the keys rubric, found a list."]),
        (
            "other: 1\n",
            [
                "other: Unknown key; the keys here are rubric.",
                "the document: The key rubric is missing.",
            ],
        ),
        (
            "rubric: text\n",
            [f"rubric: Expected a mapping with the keys {BODY}, found text."],
        ),
        (
            "rubric: {}\n",
            ["rubric: The key objective is missing.", "rubric: The key scale is missing."],
        ),
        (
            "rubric:\n  objective: 5\n  scale: {score: 5}\n  colour: red\n",
            [
                f"rubric.colour: Unknown key; the keys here are {BODY}.",
                "rubric.objective: Expected text, found a number (put it in quotes).",
                "rubric.scale: Expected a list of levels, found a mapping.",
            ],
        ),
        (
            "rubric:\n  objective: o\n  scale:\n    - {score: 5, criteria: [a]}\n"
            "    - {score: '3', criteria: b}\n",
            [
                "rubric.scale[1].score: Expected a whole number, found text.",
                "rubric.scale[1].criteria: Expected a list, found text.",
            ],
        ),
        (
            "rubric:\n  objective: o\n  scale:\n    - {score: 5, criteria: [a, 7, [x]]}\n"
            "    - {criteria: [b], level: 2}\n    - 4\n",
            [
                "rubric.scale[0].criteria[1]: Expected text, found a number (put it in quotes).",
                "rubric.scale[0].criteria[2]: Expected text, found a list (put it in quotes).",
                "rubric.scale[1].level: Unknown key; the keys here are score, criteria.",
                "rubric.scale[1]: The key score is missing.",
                "rubric.scale[2]: Expected a mapping with the keys score, criteria, "
                "found a number.",
            ],
        ),
        (
            "rubric:\n  objective: o\n  pass_score: yes\n  disallow: none\n  scale:\n"
            "    - {score: 5.0, criteria: [a]}\n    - {score: true, criteria: [b]}\n",
            [
                "rubric.pass_score: Expected a whole number, found true/false.",
                "rubric.scale[0].score: Expected a whole number, found a number.",
                "rubric.scale[1].score: Expected a whole number, found true/false.",
                "rubric.disallow: Expected a list, found text.",
            ],
        ),
    ],
)
def test_wrong_shapes_are_named_with_their_paths(text, expected):
    assert refusal(text) == expected


def test_broken_rules_are_named_with_their_paths():
    text = (
        "rubric:\n  objective: ''\n  pass_score: 1\n  scale:\n"
        "    - {score: 5, criteria: [a]}\n    - {score: 5, criteria: []}\n"
        "    - {score: 101, criteria: ['']}\n  disallow: ['x', 'X']\n"
    )
    assert refusal(text) == [
        "rubric.objective: Write the objective: what this rubric measures.",
        "rubric.scale[1].score: Score 5 is already used by level 1; each level needs its own "
        "score.",
        "rubric.scale[1].criteria: Give this level at least one criterion: what an answer must "
        "show to earn it.",
        "rubric.scale[2].score: Use a whole number from 0 to 100 (not 101).",
        "rubric.scale[2].criteria[0]: Write the criterion or remove it.",
        "rubric.pass_score: The passing score must be one of the levels' scores (5).",
        "rubric.disallow[1]: This behaviour is already listed above.",
    ]


def test_admin_scale_fragment_reads_scale_and_disallow():
    levels, disallowed = documents.scale_from_data(
        documents.load("scale:\n  - {score: 2, criteria: [a]}\n  - {score: 1, criteria: [b]}\n")
    )
    assert levels == (LevelContent(2, ("a",)), LevelContent(1, ("b",)))
    assert disallowed == ()
    with pytest.raises(ValidationError) as info:
        documents.scale_from_data({"disallow": ["x"], "objective": "o"})
    assert info.value.messages == [
        "objective: Unknown key; the keys here are scale, disallow.",
        "the document: The key scale is missing.",
    ]
