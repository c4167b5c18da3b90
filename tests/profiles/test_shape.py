"""The shape rule of PRODUCT.md: every branch and every boundary, as one table."""

import pytest

from profiles.shape import EXAMPLES, Shape, domain_depths, shape_of

CASES = [
    # (domains with depths, shape, breadth, deep count)
    ([], Shape.EMERGING, 0, 0),
    ([("a", None)], Shape.EMERGING, 1, 0),
    ([("a", 1), ("b", 1), ("c", 1)], Shape.EMERGING, 0, 0),
    ([("a", 3), ("b", 3)], Shape.EMERGING, 2, 0),
    ([("a", 3), ("b", 3), ("c", 1)], Shape.EMERGING, 2, 0),
    # B = 3 is the first wide breadth; depth 2 (or none) is the first that counts.
    ([("a", 2), ("b", 2), ("c", 2)], Shape.GENERALIST, 3, 0),
    ([("a", None), ("b", None), ("c", None)], Shape.GENERALIST, 3, 0),
    ([("a", 3), ("b", 3), ("c", 3), ("d", 3)], Shape.GENERALIST, 4, 0),
    # Depth 4 is the first deep one; depth 3 is not.
    ([("a", 4)], Shape.SPECIALIST, 1, 1),
    ([("a", 5), ("b", 2)], Shape.SPECIALIST, 2, 1),
    ([("a", 4), ("b", 1), ("c", 1)], Shape.SPECIALIST, 1, 1),
    ([("a", 4), ("b", 2), ("c", None)], Shape.T_SHAPED, 3, 1),
    ([("a", 5), ("b", 3), ("c", 3), ("d", 1)], Shape.T_SHAPED, 3, 1),
    ([("a", 4), ("b", 5)], Shape.SPECIALIST, 2, 2),
    ([("a", 4), ("b", 4), ("c", 1)], Shape.SPECIALIST, 2, 2),
    ([("a", 4), ("b", 5), ("c", 2)], Shape.PI_SHAPED, 3, 2),
    ([("a", 4), ("b", 4), ("c", 3), ("d", 2)], Shape.PI_SHAPED, 4, 2),
    ([("a", 4), ("b", 4), ("c", 4)], Shape.COMB_SHAPED, 3, 3),
    ([("a", 5), ("b", 5), ("c", 5), ("d", 5), ("e", 1)], Shape.COMB_SHAPED, 4, 4),
]


@pytest.mark.parametrize(("domains", "shape", "breadth", "deep"), CASES)
def test_shape_of_table(domains, shape, breadth, deep):
    result = shape_of(domains)
    assert result.shape == shape
    assert result.breadth == breadth
    assert len(result.deep) == deep
    assert result.reason.endswith(".")


def test_shape_of_missing_depth_counts_as_working():
    assert domain_depths([("finance", None)])[0].depth == 2
    assert domain_depths([("finance", None)])[0].depth_label == "working"


def test_shape_of_reason_names_the_deep_domains():
    t_shape = shape_of([("finance", 5), ("statistics", 2), ("risk", 2)])
    assert t_shape.reason == (
        "One deep domain (finance) across 3 domains at working depth or more makes a T."
    )
    pi_shape = shape_of([("law", 4), ("NLP", 4), ("writing", 2)])
    assert "law and NLP" in pi_shape.reason
    comb = shape_of([("a", 4), ("b", 4), ("c", 4)])
    assert comb.reason == "3 deep domains (a, b and c) make a comb."
    assert "depth without breadth" in shape_of([("a", 4)]).reason
    assert "1 domain at" in shape_of([("a", 4)]).reason


@pytest.mark.parametrize(
    ("domains", "reason"),
    [
        ([], "No domains yet: list the domains you can evaluate, each with its depth."),
        ([("a", 1)], "No domain at working depth or more yet, and none at expert depth."),
        ([("a", 3)], "Only 1 domain at working depth or more and no domain at expert depth yet."),
    ],
)
def test_shape_of_reason_of_an_emerging_profile_counts_nothing_as_zero(domains, reason):
    assert shape_of(domains).reason == reason


@pytest.mark.parametrize("shape", list(EXAMPLES))
def test_shape_examples_have_their_shape(shape):
    assert shape_of(EXAMPLES[shape]).shape == shape


def test_shape_labels_are_what_people_read():
    assert [s.label for s in Shape] == [
        "Emerging",
        "Generalist",
        "Specialist",
        "T-shaped",
        "π-shaped",
        "Comb-shaped",
    ]
