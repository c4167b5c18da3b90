"""docker-compose.yml runs what the repository has, with settings the app reads (bin/serve
itself runs in tests/test_serve.py)."""

import os
from pathlib import Path

import yaml

from tests.test_readme import environment_read

ROOT = Path(__file__).resolve().parent.parent
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))


def test_compose_web_runs_bin_serve_as_the_image_does():
    web = COMPOSE["services"]["web"]
    assert web["command"] == ["bin/serve"]
    assert os.access(ROOT / "bin" / "serve", os.X_OK)
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert 'CMD ["bin/serve"]' in dockerfile


def test_compose_web_sets_only_settings_the_app_reads():
    environment = COMPOSE["services"]["web"]["environment"]
    assert sorted(set(environment) - environment_read()) == []
    # The stack's own services, as the web container reaches them.
    assert environment["DATABASE_URL"].endswith("@db:5432/expertfolio")
    assert environment["REDIS_URL"] == "redis://redis:6379/0"
    assert set(COMPOSE["services"]) == {"db", "redis", "web"}
