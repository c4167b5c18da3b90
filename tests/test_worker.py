"""A worker loads its views and compiles every project template before its first request,
and gives memory back to the system once a large page is done."""

import gc
import platform
import subprocess
import sys
import weakref
from pathlib import Path

import pytest

from config.worker import give_back_freed_memory, project_templates, settle, warm

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates"


def test_warmup_compiles_every_project_template():
    files = {
        path.relative_to(TEMPLATES).as_posix() for path in TEMPLATES.rglob("*") if path.is_file()
    }
    assert set(project_templates()) == files
    assert warm() == len(files)


def test_the_wsgi_module_warms_the_worker_as_it_loads():
    import config.wsgi

    try:
        assert callable(config.wsgi.application)
    finally:
        gc.unfreeze()  # this test process goes on: its objects stay collectable


def test_settling_freezes_what_start_up_left_and_collects_the_rest():
    class Cycle:
        pass

    garbage = Cycle()
    garbage.itself = garbage
    gone = weakref.ref(garbage)
    del garbage  # only a collection frees a cycle
    try:
        frozen = settle()
        assert frozen == gc.get_freeze_count() > 10_000
        assert gone() is None
    finally:
        gc.unfreeze()


def test_a_worker_process_is_settled_once_it_has_loaded():
    """As gunicorn loads the application in a worker: everything start-up made is frozen."""
    code = "import gc, config.wsgi; print(gc.get_freeze_count(), len(gc.get_objects()))"
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    frozen, tracked = (int(n) for n in done.stdout.split())
    assert frozen > 50_000 and tracked < frozen // 10


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="mallopt is glibc's")
def test_the_worker_tunes_glibc_to_return_freed_memory():
    assert give_back_freed_memory() is True
