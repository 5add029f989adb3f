"""Give every element id on a page once.

sphinx-exercise wraps the body of each exercise and each solution in a
section with the fixed id ``exercise-content`` or ``solution-content``, so a
chapter with several exercises repeats those ids (invalid HTML; a fragment link
or ``aria-labelledby`` to them finds the first one only). Here each repeated id
gets a running number: ``exercise-content``, ``exercise-content-2``, …
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

FIXED_IDS = ("exercise-content", "solution-content")


def renumber(doctree: nodes.Node) -> int:
    """Renumber repeated fixed ids in ``doctree``; returns how many changed.

    >>> tree = nodes.container()
    >>> tree += [nodes.section(ids=["exercise-content"]), nodes.section(ids=["exercise-content"])]
    >>> renumber(tree), [s["ids"] for s in tree.findall(nodes.section)]
    (1, [['exercise-content'], ['exercise-content-2']])
    """
    seen = {name: 0 for name in FIXED_IDS}
    changed = 0
    for node in doctree.findall(nodes.Element):
        ids = node.get("ids", [])
        for i, name in enumerate(ids):
            if name in seen:
                seen[name] += 1
                if seen[name] > 1:
                    ids[i] = f"{name}-{seen[name]}"
                    changed += 1
    return changed


def _resolved(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    renumber(doctree)


def setup(app: Sphinx) -> dict:
    app.connect("doctree-resolved", _resolved)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
