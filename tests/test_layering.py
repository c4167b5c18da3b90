"""The apps import one way: common ← profiles ← rubrics ← portfolio ← onboarding ← (guide,
account, seeding, credentials); config may import anything. No module imports one above it, and no
import cycle exists anywhere (lazy imports inside functions count too).

credentials is a Django app on onboarding's rounds (its records, pages and revocation), so it
sits above onboarding; onboarding reaches it only through onboarding.signals.round_decided.

Nor does an app reach into another when Django starts: an AppConfig.ready() may connect a
receiver to another app's signal, and do nothing else with another app (no registry filled
from above, as profiles' work samples once were)."""

import ast
import importlib.util
from pathlib import Path

from django.apps import AppConfig, apps

ROOT = Path(__file__).resolve().parent.parent
LAYERS = {
    "common": 0,
    "profiles": 1,
    "rubrics": 2,
    "portfolio": 3,
    "onboarding": 4,
    "guide": 5,
    "account": 5,
    "seeding": 5,
    "credentials": 5,
}
TOP = 99  # config: settings and URLs bring every app together


def layer(module: str) -> int:
    top = module.split(".")[0]
    return TOP if top == "config" else LAYERS[top]


def project_modules() -> dict[str, Path]:
    modules = {}
    for top in [*LAYERS, "config"]:
        for path in (ROOT / top).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            modules[".".join(parts)] = path
    return modules


def import_graph() -> dict[str, set[str]]:
    modules = project_modules()
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = (
                    ".".join([*package[: len(package) - node.level + 1], node.module or ""])
                    if node.level
                    else node.module or ""
                ).strip(".")
                targets = [base, *(f"{base}.{alias.name}" for alias in node.names)]
            else:
                continue
            for target in targets:
                while target and target not in modules:
                    target = target.rpartition(".")[0]
                if target and target != name:
                    graph[name].add(target)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in graph[node]:
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_module_imports_one_above_it():
    graph = import_graph()
    upward = sorted(
        f"{a} imports {b}"
        for a, targets in graph.items()
        for b in targets
        if layer(a) != TOP and layer(b) > layer(a)
    )
    assert upward == []


def test_no_import_cycle():
    assert cycles(import_graph()) == []


def test_the_check_finds_an_upward_import_and_a_cycle():
    graph = {"profiles.a": {"onboarding.b"}, "onboarding.b": {"profiles.a"}}
    assert cycles(graph) == [["onboarding.b", "profiles.a"]]
    assert [b for a, bs in graph.items() for b in bs if layer(b) > layer(a)] == ["onboarding.b"]


def test_no_module_sits_beside_a_package_of_its_name():
    """Python imports the package and never the module: a module left beside it by a move
    is dead code that still reads as if it were used."""
    shadowed = [
        str(path.relative_to(ROOT))
        for top in [*LAYERS, "config"]
        for path in (ROOT / top).rglob("*.py")
        if (path.with_suffix("") / "__init__.py").is_file()
    ]
    assert shadowed == []


def start_up_reaches(app: str, source: str) -> list[str]:
    """What `app`'s AppConfig.ready() in `source` does with another app's names, other than
    connecting a receiver to a signal of theirs."""
    found = []
    for ready in ast.walk(ast.parse(source)):
        if not (isinstance(ready, ast.FunctionDef) and ready.name == "ready"):
            continue
        foreign = {
            alias.asname or alias.name: f"{node.module}.{alias.name}"
            for node in ast.walk(ready)
            if isinstance(node, ast.ImportFrom) and node.module.split(".")[0] != app
            for alias in node.names
        }
        foreign |= {
            alias.asname or alias.name: alias.name
            for node in ast.walk(ready)
            if isinstance(node, ast.Import)
            for alias in node.names
            if alias.name.split(".")[0] != app
        }
        connected = {
            id(node.func.value)
            for node in ast.walk(ready)
            if isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "connect"
            and isinstance(node.func.value, ast.Name)
        }
        found += [
            foreign[node.id]
            for node in ast.walk(ready)
            if isinstance(node, ast.Name) and node.id in foreign and id(node) not in connected
        ]
    return sorted(found)


def test_no_app_reaches_into_another_when_django_starts():
    reaches = {
        app: start_up_reaches(app, (ROOT / app / "apps.py").read_text(encoding="utf-8"))
        for app in LAYERS
        if (ROOT / app / "apps.py").is_file()
    }
    assert {app: names for app, names in reaches.items() if names} == {}


def test_the_start_up_check_finds_an_install_and_allows_a_signal():
    source = """
class PortfolioConfig(AppConfig):
    def ready(self):
        from portfolio.documents import Store
        from profiles.registry import install
        from onboarding.signals import round_decided

        install(Store())
        round_decided.connect(Store.receive)
"""
    assert start_up_reaches("portfolio", source) == ["profiles.registry.install"]


def test_profiles_keep_no_registry_of_work_samples():
    # A profile document's work samples are added and saved by portfolio.documents and
    # portfolio.services.profiles; profiles only pass them on as plain values.
    assert importlib.util.find_spec("profiles.work_samples") is None
    assert type(apps.get_app_config("portfolio")).ready is AppConfig.ready
