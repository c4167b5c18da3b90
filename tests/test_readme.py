"""README.md is what a newcomer follows: every setting, command and make target it names
exists, and every setting the code reads is in it."""

import re
from pathlib import Path

from django.core.management import get_commands

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _read_by(path: str, pattern: str) -> set[str]:
    return set(re.findall(pattern, (ROOT / path).read_text(encoding="utf-8")))


def environment_read() -> set[str]:
    """The environment variables config/settings.py and bin/serve read."""
    return _read_by(
        "config/settings.py",
        r"(?:environ\.get|env_bool|env_int|env_list)\(\s*[\"']([A-Z][A-Z0-9_]+)",
    ) | _read_by("bin/serve", r"\$\{([A-Z][A-Z0-9_]+)")


def test_readme_names_every_environment_variable_the_settings_and_bin_serve_read():
    read = environment_read()
    assert {"DJANGO_DEBUG", "PORT", "BIND_HOST"} <= read  # the patterns still find them
    named = set(re.findall(r"`([A-Z][A-Z0-9_]+)`", README))
    assert sorted(read - named) == []


def test_readme_commands_and_make_targets_exist():
    commands = set(re.findall(r"manage\.py ([a-z_]+)", README))
    assert {"import_profile", "seed_scale", "grant_reviewer"} <= commands
    assert sorted(commands - set(get_commands())) == []
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([a-z][a-z-]*):", makefile, flags=re.MULTILINE))
    # In code: `make run`, a line of a shell block, or after a variable (`X=… make backup`).
    named = set(re.findall(r"(?:`|^|=\S* )make ([a-z][a-z-]*)", README, flags=re.MULTILINE))
    assert {"run", "test", "backup"} <= named
    assert sorted(named - targets) == []
