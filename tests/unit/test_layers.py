"""The shape of the code: transport (handlers, jobs, CLI) -> service -> view.

Read from the source (the AST of every module, imports inside functions included), so a
forbidden import fails here, naming the module, the line and the import, before it can
tangle the layers at run time.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# Building the Dispatcher includes every feature's router: the composition root's one
# import of handlers/ (the package's get_routers, never a handler module).
COMPOSITION = {"bot/app.py", "bot/__main__.py"}


@dataclass(frozen=True)
class Import:
    path: str  # relative to the repository: "handlers/digests.py"
    line: int
    module: str  # absolute, relative imports resolved: "handlers.reports"
    names: tuple[str, ...] = ()  # ``from module import names``; () for ``import module``

    @property
    def top(self) -> str:
        return self.module.split(".")[0]

    def within(self, modules: set[str]) -> bool:
        """Is the imported module one of ``modules`` or inside one of them?"""
        return any(self.module == m or self.module.startswith(f"{m}.") for m in modules)

    def __str__(self) -> str:
        what = f"from {self.module} import {', '.join(self.names)}" if self.names else self.module
        return f"{self.path}:{self.line}: {what}"


def imports_of(path: Path, root: Path = ROOT) -> Iterator[Import]:
    """Every import statement of a module, wherever it is (functions included)."""
    relative = path.relative_to(root)
    package = relative.parts[:-1]  # of a module and of a package's __init__ alike
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=relative.as_posix())
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield Import(relative.as_posix(), node.lineno, alias.name)
        elif isinstance(node, ast.ImportFrom):
            base = list(package[: len(package) - node.level + 1]) if node.level else []
            module = ".".join([*base, node.module] if node.module else base)
            names = tuple(alias.name for alias in node.names)
            yield Import(relative.as_posix(), node.lineno, module, names)


def all_imports(package: str) -> list[Import]:
    return [imp for path in sorted((ROOT / package).rglob("*.py")) for imp in imports_of(path)]


def listed(found: list[Import]) -> list[str]:
    return [str(imp) for imp in found]


def test_no_handler_module_imports_another():
    found = [
        imp
        for imp in all_imports("handlers")
        if imp.path != "handlers/__init__.py" and imp.top == "handlers"
    ]
    assert listed(found) == [], (
        "a handler module imports another; move what they share to bot/ (arguments, "
        "replies), services/ or views/"
    )


def test_handlers_init_only_composes_the_routers():
    features = {path.stem for path in (ROOT / "handlers").glob("*.py")} - {"__init__"}
    found = [
        imp
        for imp in imports_of(ROOT / "handlers/__init__.py")
        if imp.top != "aiogram" and not (imp.module == "handlers" and set(imp.names) <= features)
    ]
    assert listed(found) == []


@pytest.mark.parametrize("package", ["bot", "services", "views", "metrics", "storage"])
def test_nothing_outside_handlers_imports_them(package):
    found = [
        imp
        for imp in all_imports(package)
        if imp.top == "handlers"
        and not (
            imp.path in COMPOSITION and (imp.module, imp.names) == ("handlers", ("get_routers",))
        )
    ]
    assert listed(found) == [], (
        f"{package}/ imports handlers/: scheduled jobs and the CLI call services and views"
    )


@pytest.mark.parametrize(
    ("package", "forbidden"),
    [
        ("metrics", {"aiogram", "sqlalchemy", "asyncio"}),
        ("storage", {"aiogram"}),
        # plain data out: no Telegram, no texts, nothing of how it will look
        ("services", {"aiogram", "bot.i18n", "views"}),
        ("views", {"sqlalchemy"}),  # a view never touches the database
    ],
)
def test_each_layer_imports_only_what_it_may(package, forbidden):
    found = [imp for imp in all_imports(package) if imp.within(forbidden)]
    assert listed(found) == [], f"{package}/ must not import {', '.join(sorted(forbidden))}"


def test_the_walk_finds_imports_in_functions_and_relative_ones(tmp_path):
    module = tmp_path / "handlers" / "x.py"
    module.parent.mkdir()
    module.write_text(
        "from . import digests\nfrom .reports import show\ndef f():\n    import aiogram.types\n",
        encoding="utf-8",
    )
    assert [str(imp) for imp in imports_of(module, tmp_path)] == [
        "handlers/x.py:1: from handlers import digests",
        "handlers/x.py:2: from handlers.reports import show",
        "handlers/x.py:4: aiogram.types",
    ]
