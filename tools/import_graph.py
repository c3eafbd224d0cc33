"""Import circles among dotterel's modules (issue #18: there must be none).

    python tools/import_graph.py            # exit 1 and list the circles, if any

Reads every module's `from .x import`, `from . import x` and `import dotterel.x` statements,
at module level and inside functions (an import moved into a function still ties the modules),
but not those under `if TYPE_CHECKING:`. A package counts as its `__init__`; importing
`dotterel.a.b` from outside `dotterel.a` also imports `dotterel.a`.
"""
from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1] / "dotterel"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def edges() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for path in ROOT.rglob("*.py"):
        name = module_name(path)
        package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skip = {id(n) for node in ast.walk(tree) if isinstance(node, ast.If)
                and "TYPE_CHECKING" in ast.unparse(node.test) for n in ast.walk(node)}
        found: set[str] = set()
        for node in ast.walk(tree):
            if id(node) in skip:
                continue
            if isinstance(node, ast.ImportFrom) and node.level:
                base = package.split(".")
                base = base[:len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
                found.add(target)
                if not node.module:
                    found |= {f"{target}.{a.name}" for a in node.names}
            elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("dotterel"):
                found.add(node.module or "")
            elif isinstance(node, ast.Import):
                found |= {a.name for a in node.names if a.name.startswith("dotterel")}
        known = {module_name(p) for p in ROOT.rglob("*.py")}
        graph[name] = {t for t in found if t in known and t != name}
    # importing a.b.c from outside a.b runs a.b's __init__ first; from inside, it is already
    # running (a package's __init__ re-exporting its own modules is no circle)
    for name, targets in graph.items():
        for t in list(targets):
            parts = t.split(".")
            parents = {".".join(parts[:i]) for i in range(2, len(parts))}
            targets |= {p for p in parents if p in graph and not (name + ".").startswith(p + ".")}
        targets.discard(name)
    return graph


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    sys.setrecursionlimit(10_000)
    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def main() -> int:
    groups = circles(edges())
    for group in groups:
        print("circle:", " <-> ".join(group))
    print(f"{len(groups)} import circles")
    return 1 if groups else 0


if __name__ == "__main__":
    sys.exit(main())
