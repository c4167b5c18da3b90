"""The YAML safety screen: refusals before anything is built."""

import pytest
import yaml

from common.yamlscreen import PLAIN_TAGS, Screen, YamlRefused, screen_yaml

STRICT = Screen(
    tags=PLAIN_TAGS, aliases=False, anchors=False, one_document=True, max_depth=3, text_keys=True
)


def refused(text: str, screen: Screen = STRICT) -> YamlRefused:
    with pytest.raises(YamlRefused) as caught:
        screen_yaml(text, screen)
    return caught.value


def test_screen_yaml_accepts_what_safe_load_builds_by_default():
    screen_yaml("a: &x [1, 2]\nb: *x\nc: !!set {d}\n---\ne: 2001-01-01\n")


def test_screen_yaml_refuses_python_tags_even_by_default():
    assert refused("run: !!python/object/apply:os.system [ls]\n", Screen()).reason == "python_tag"
    assert refused("a: !custom thing\n", Screen()).reason == "tag"


@pytest.mark.parametrize(
    ("text", "reason", "line", "path", "name"),
    [
        ("a: &x 1\n", "anchor", 1, ("a",), "x"),
        ("a: [1]\nb: *x\n", "alias", 2, ("b",), "x"),
        ("a: 1\n---\nb: 2\n", "documents", 2, (), ""),
        ("a:\n  b:\n    c: [1]\n", "depth", 3, ("a", "b", "c"), ""),
        ("? [1]\n: 2\n", "key_not_text", 1, (), ""),
        ("a: 1\nb:\n  - x: 1\n    x: 2\n", "repeated_key", 4, ("b", 0, "x"), "x"),
        ("a: !!binary aGk=\n", "tag", 1, ("a",), "tag:yaml.org,2002:binary"),
    ],
)
def test_screen_yaml_says_what_it_refused_and_where(text, reason, line, path, name):
    refusal = refused(text)
    assert (refusal.reason, refusal.line, refusal.path, refusal.name) == (reason, line, path, name)


def test_screen_yaml_leaves_text_that_is_not_yaml_to_the_parser():
    with pytest.raises(yaml.YAMLError):
        screen_yaml("key: [unclosed\n")
