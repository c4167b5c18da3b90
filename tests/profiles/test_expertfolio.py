"""The {{ items|and_list }} filter: a list as a sentence reads it."""

import pytest
from django.template import Context, Template


def render(items) -> str:
    return Template("{% load expertfolio %}{{ items|and_list }}").render(Context({"items": items}))


@pytest.mark.parametrize(
    ("items", "read"),
    [
        ([], ""),
        (["finance"], "finance"),
        (["finance", "law"], "finance and law"),
        (["finance", "law", "medicine"], "finance, law and medicine"),
    ],
)
def test_and_list_reads_as_english(items, read):
    assert render(items) == read


def test_and_list_escapes_what_it_joins():
    assert render(["R&D", "<law>"]) == "R&amp;D and &lt;law&gt;"
