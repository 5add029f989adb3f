"""Give every element id on a page once.

sphinx-exercise wraps the body of each exercise and each solution in a
section with the fixed id ``exercise-content`` or ``solution-content``, so a
chapter with several exercises repeats those ids (invalid HTML; a fragment link
or ``aria-labelledby`` to them finds the first one only). Here each repeated id
gets a running number: ``exercise-content``, ``exercise-content-2``, … These
wrappers also lose the positional ``sec-…`` anchor ``book_language`` gives every
section: they are not sections of the text, and their numbers repeated real ones.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

FIXED_IDS = ("exercise-content", "solution-content")


def renumber(doctree: nodes.Node) -> int:
    """Renumber repeated fixed ids in ``doctree``; returns how many changed.

    >>> tree = nodes.container()
    >>> tree += [nodes.section(ids=["exercise-content", "sec-6-1"]),
    ...          nodes.section(ids=["exercise-content", "sec-6-1"]), nodes.section(ids=["sec-6-1"])]
    >>> renumber(tree), [s["ids"] for s in tree.findall(nodes.section)]
    (1, [['exercise-content'], ['exercise-content-2'], ['sec-6-1']])
    """
    seen = dict.fromkeys(FIXED_IDS, 0)
    changed = 0
    for node in doctree.findall(nodes.Element):
        ids = node.get("ids", [])
        if not any(name in seen for name in ids):
            continue
        for i, name in enumerate(ids):
            if name in seen:
                seen[name] += 1
                if seen[name] > 1:
                    ids[i] = f"{name}-{seen[name]}"
                    changed += 1
        # book_language numbers sections by position (sec-6-1); these wrappers are not
        # sections of the text, and numbering them repeats a real section's anchor
        node["ids"] = [name for name in ids if not name.startswith("sec-")]
    return changed


def _resolved(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    renumber(doctree)


def setup(app: Sphinx) -> dict:
    app.connect("doctree-resolved", _resolved, priority=600)  # after book_language's anchors
    return {"parallel_read_safe": True, "parallel_write_safe": True}
