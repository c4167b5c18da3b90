"""A gunicorn worker made ready before its first request (config/wsgi.py calls both).

warm() loads what Django otherwise loads during the first visitors' requests: the URLconf (and
with it every view module) and the project's templates, compiled once by the cached loader.

settle() moves what start-up made, which lives as long as the worker, out of the garbage
collector's way, so that a full collection reads only what requests made.

give_back_freed_memory() has glibc return memory a request freed: by default it keeps freed
heap for reuse, so one page that briefly needs a lot (a round whose snapshot holds a 30 MB
benchmark) leaves the worker that much larger for good."""

import ctypes
import ctypes.util
import gc
from importlib import import_module
from pathlib import Path

from django.conf import settings
from django.template.loader import get_template


def project_templates() -> list[str]:
    """The names of the templates under the project's template directories."""
    names = []
    for directory in settings.TEMPLATES[0]["DIRS"]:
        root = Path(directory)
        names += sorted(
            path.relative_to(root).as_posix()
            for path in root.rglob("*")
            if path.suffix in {".html", ".txt", ".svg"}
        )
    return names


def warm() -> int:
    """Import the URLconf and compile every project template; the number compiled."""
    import_module(settings.ROOT_URLCONF)
    names = project_templates()
    for name in names:
        get_template(name)
    return len(names)


def settle() -> int:
    """Collect start-up's garbage, then freeze what is left (the modules, the compiled
    templates, the URLconf: about 200,000 objects) into the collector's permanent
    generation; the number frozen. Otherwise every full collection, a few in a hundred
    requests, walks them all for nothing."""
    gc.collect()
    gc.freeze()
    return gc.get_freeze_count()


# mallopt(3) parameters; see glibc's malloc.h.
M_TRIM_THRESHOLD = -1
M_MMAP_THRESHOLD = -3
M_ARENA_MAX = -8
RETURN_ABOVE_BYTES = 64 * 1024


def give_back_freed_memory() -> bool:
    """Blocks of 64 KB and more come from (and go back to) the system, the heap is trimmed
    once 64 KB at its top are free, and two arenas are enough for a worker. False where the
    C library is not glibc (the defaults then stand)."""
    try:
        mallopt = ctypes.CDLL(ctypes.util.find_library("c")).mallopt
    except (OSError, AttributeError):
        return False
    options = (
        (M_ARENA_MAX, 2),
        (M_MMAP_THRESHOLD, RETURN_ABOVE_BYTES),
        (M_TRIM_THRESHOLD, RETURN_ABOVE_BYTES),
    )
    return all(mallopt(option, value) == 1 for option, value in options)
