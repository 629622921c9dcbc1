"""The scenario graph as an SVG diagram: passages in columns by how far they are from the start,
choices as arrows; the best path drawn thicker, screen-outs dashed, endings outlined twice."""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import mark_safe

from .scoring import _topological_order, best_path
from .spec import ScenarioSpec

BOX_W, BOX_H, GAP_X, GAP_Y, PAD = 170, 44, 70, 18, 10


def layout(spec: ScenarioSpec) -> dict[str, tuple[int, int]]:
    passages = spec.by_name()
    column: dict[str, int] = {spec.start: 0}
    for name in _topological_order(spec):
        for target in passages[name].targets():
            column[target] = max(column.get(target, 0), column[name] + 1)
    rows: dict[int, int] = {}
    positions = {}
    for passage in spec.passages:
        col = column.get(passage.name, max(column.values(), default=0) + 1)
        row = rows[col] = rows.get(col, -1) + 1
        positions[passage.name] = (PAD + col * (BOX_W + GAP_X), PAD + row * (BOX_H + GAP_Y))
    return positions


def scenario_diagram(spec: ScenarioSpec) -> str:
    positions = layout(spec)
    best = {(name, index) for name, index in best_path(spec).steps}
    width = max(x for x, _ in positions.values()) + BOX_W + PAD
    height = max(y for _, y in positions.values()) + BOX_H + PAD
    edges, boxes = [], []
    for passage in spec.passages:
        x, y = positions[passage.name]
        links = [(i, c.target, bool(c.screen_out), c.label) for i, c in enumerate(passage.choices)]
        if passage.timeout:
            links.append((-1, passage.timeout, False, "No decision (timer)"))
        for index, target, screen_out, label in links:
            tx, ty = positions[target]
            style = "edge best" if (passage.name, index) in best else "edge"
            style += " screen-out" if screen_out else ""
            style += " timeout" if index < 0 else ""
            edges.append(
                f'<path class="{style}" d="M{x + BOX_W},{y + BOX_H // 2} '
                f"C{x + BOX_W + GAP_X // 2},{y + BOX_H // 2} {tx - GAP_X // 2},{ty + BOX_H // 2} "
                f'{tx},{ty + BOX_H // 2}" marker-end="url(#arrow)">'
                f"<title>{escape(label)}</title></path>"
            )
        kind = "ending" if passage.ending else ("start" if passage.name == spec.start else "")
        name = passage.name if len(passage.name) <= 22 else passage.name[:21] + "…"
        detail = (
            passage.ending.replace("_", " ")
            if passage.ending
            else f"{len(passage.choices)} choices"
        )
        boxes.append(
            f'<g class="node {kind}"><title>{escape(passage.name)}</title>'
            f'<rect x="{x}" y="{y}" width="{BOX_W}" height="{BOX_H}" rx="6"/>'
            f'<text x="{x + 8}" y="{y + 18}">{escape(name)}</text>'
            f'<text class="detail" x="{x + 8}" y="{y + 35}">{escape(detail)}</text></g>'
        )
    return mark_safe(
        f'<svg class="scenario-diagram" role="img" aria-labelledby="diagram-title" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}">'
        f'<title id="diagram-title">Graph of "{escape(spec.title)}": '
        f"{len(spec.passages)} passages</title>"
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" '
        'markerHeight="7" orient="auto-start-reverse">'
        '<path d="M0,0 L10,5 L0,10 z"/></marker></defs>'
        + "".join(edges)
        + "".join(boxes)
        + "</svg>"
    )
