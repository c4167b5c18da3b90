"""The product brief's two data examples, kept in the repository exactly as given: every
import, export and schema test reads these files, so an edit to make one pass would hide
that the given example no longer works."""

import hashlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GIVEN = {
    "profiles/examples/skill-profile.seed.json": (
        "57f21a467de48a1b374f0aabf2979ebc36e0302cc3de16827c592f3501d05c1d"
    ),
    "rubrics/examples/reasoning-rubric.seed.yaml": (
        "d1610d5bbb3269d5c27df58272074691444062a7335cfb500fc7046c41764146"
    ),
}


@pytest.mark.parametrize(("path", "sha256"), GIVEN.items())
def test_examples_are_kept_exactly_as_given(path, sha256):
    assert hashlib.sha256((ROOT / path).read_bytes()).hexdigest() == sha256
