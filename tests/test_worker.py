"""A worker loads its views and compiles every project template before its first request,
and gives memory back to the system once a large page is done."""

import platform
from pathlib import Path

import pytest

from config.worker import give_back_freed_memory, project_templates, warm

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def test_warmup_compiles_every_project_template():
    files = {
        path.relative_to(TEMPLATES).as_posix() for path in TEMPLATES.rglob("*") if path.is_file()
    }
    assert set(project_templates()) == files
    assert warm() == len(files)


def test_the_wsgi_module_warms_the_worker_as_it_loads():
    import config.wsgi

    assert callable(config.wsgi.application)


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="mallopt is glibc's")
def test_the_worker_tunes_glibc_to_return_freed_memory():
    assert give_back_freed_memory() is True
