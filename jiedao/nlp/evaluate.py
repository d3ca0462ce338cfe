"""Precision and recall of `extract_targets` against hand-labelled gold lists.

    .venv/bin/python -m jiedao.nlp.evaluate [gold.json ...]

Without arguments it scores every `*.gold.json` in tests/nlp/fixtures. A proposed quantitative
target matches a gold one when quantity, unit and clause agree ("found"); it is "exact" when
direction, deadline and subject (contains the gold keyword) agree as well.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from jiedao.nlp.targets import ExtractedTarget, extract_targets

FIXTURES = Path(__file__).resolve().parents[2] / "tests" / "nlp" / "fixtures"


@dataclass
class Evaluation:
    """Scores of one gold file."""

    name: str
    gold: int
    proposed: int
    found: int
    exact: int
    misses: list[str] = field(default_factory=list)
    false_positives: list[str] = field(default_factory=list)
    wrong_fields: list[str] = field(default_factory=list)
    qualitative_gold: int = 0
    qualitative_found: int = 0
    qualitative_misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.found / self.proposed if self.proposed else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 1.0

    @property
    def exact_precision(self) -> float:
        return self.exact / self.proposed if self.proposed else 1.0

    @property
    def exact_recall(self) -> float:
        return self.exact / self.gold if self.gold else 1.0


def _same_clause(gold: dict[str, Any], target: ExtractedTarget) -> bool:
    return gold["clause"] in target.text or target.text in gold["clause"]


def _field_errors(gold: dict[str, Any], target: ExtractedTarget, year: int) -> list[str]:
    deadline = date.fromisoformat(gold["deadline"]) if gold.get("deadline") else date(year, 12, 31)
    errors = []
    if target.direction != gold["direction"]:
        errors.append(f"direction {target.direction} ≠ {gold['direction']}")
    if gold["subject_contains"] not in target.subject:
        errors.append(f"subject {target.subject!r} lacks {gold['subject_contains']!r}")
    if target.deadline != deadline:
        errors.append(f"deadline {target.deadline} ≠ {deadline}")
    return errors


def evaluate(gold_path: Path) -> Evaluation:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    year = int(gold["year"])
    text = (gold_path.parent / gold["text"]).read_text(encoding="utf-8")
    targets = extract_targets(text, year)
    proposed = [t for t in targets if t.quantity is not None]
    result = Evaluation(gold_path.name, len(gold["targets"]), len(proposed), 0, 0)
    unmatched = list(proposed)
    for item in gold["targets"]:
        quantity = Decimal(item["quantity"])
        same = [t for t in unmatched if t.quantity == quantity and t.unit == item["unit"]]
        hit = next((t for t in same if _same_clause(item, t)), None)
        if hit is None:
            result.misses.append(f"{item['clause']} ({item['quantity']} {item['unit']})")
            continue
        unmatched.remove(hit)
        result.found += 1
        errors = _field_errors(item, hit, year)
        if errors:
            result.wrong_fields.append(f"{item['clause']}: {'; '.join(errors)}")
        else:
            result.exact += 1
    result.false_positives = [f"{t.text} ({t.quantity} {t.unit})" for t in unmatched]
    for item in gold.get("qualitative", []):
        result.qualitative_gold += 1
        ok = any(
            t.qualitative and _same_clause(item, t) and not _field_errors(item, t, year)
            for t in targets
            if t.direction == item["direction"]
        )
        if ok:
            result.qualitative_found += 1
        else:
            result.qualitative_misses.append(f"{item['clause']} ({item['direction']})")
    return result


def report(result: Evaluation) -> str:
    lines = [
        f"{result.name}: {result.gold} gold quantitative targets, {result.proposed} proposed",
        f"  found (quantity+unit+clause): precision {result.precision:.3f}  recall {result.recall:.3f}",
        f"  exact (+direction, subject, deadline): precision {result.exact_precision:.3f}"
        f"  recall {result.exact_recall:.3f}",
        f"  qualitative gold found: {result.qualitative_found}/{result.qualitative_gold}",
    ]
    for label, rows in (
        ("missed", result.misses),
        ("false positive", result.false_positives),
        ("wrong field", result.wrong_fields),
        ("qualitative missed", result.qualitative_misses),
    ):
        lines += [f"  {label}: {row}" for row in rows]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    paths = [Path(arg) for arg in argv] or sorted(FIXTURES.glob("*.gold.json"))
    for path in paths:
        print(report(evaluate(path)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
