"""docs/rules.md is the one statement of the rules: cited ids exist and named functions exist."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RULES = ROOT / "docs" / "rules.md"
RULE_ID = r"(?:UPW|TTG|ACC|DAYS|DOC|DATA|FIG)-[A-Z0-9]+"
HEADING = re.compile(rf"^### ({RULE_ID}) ", re.MULTILINE)
CITATION = re.compile(rf"\b[Rr]ules? ({RULE_ID}(?:(?:, | and | or ){RULE_ID})*)")
NAMED = re.compile(r"`(upw_ttg(?:\.\w+)+)`")
# The specification outside the repository, by file name or section ("DOMAIN.md", "DOMAIN 2.1").
CITES_OUTSIDE = re.compile(r"\bDOMAIN(?:\.md|\s+§|\s+\d)")


def _rule_ids() -> list[str]:
    return HEADING.findall(RULES.read_text(encoding="utf-8"))


def _resolve(dotted: str) -> object:
    parts = dotted.split(".")
    for split in range(len(parts), 0, -1):
        try:
            target: object = importlib.import_module(".".join(parts[:split]))
        except ModuleNotFoundError:
            continue
        for attribute in parts[split:]:
            target = getattr(target, attribute)
        return target
    raise ModuleNotFoundError(dotted)


def test_rule_ids_are_unique():
    ids = _rule_ids()
    assert ids, "docs/rules.md lists no rules"
    assert len(ids) == len(set(ids))


def test_every_rule_names_what_implements_it():
    text = RULES.read_text(encoding="utf-8")
    sections = re.split(r"^### ", text, flags=re.MULTILINE)[1:]
    for section in sections:
        rule_id = section.split(" ", 1)[0]
        assert "Implemented by:" in section, f"{rule_id} names no implementation"


def test_every_named_function_exists():
    missing = []
    for dotted in sorted(set(NAMED.findall(RULES.read_text(encoding="utf-8")))):
        try:
            _resolve(dotted)
        except (ModuleNotFoundError, AttributeError):
            missing.append(dotted)
    assert missing == []


def test_every_rule_cited_in_the_code_is_documented():
    known = set(_rule_ids())
    cited: dict[str, list[str]] = {}
    for folder in ("upw_ttg", "ui", "tests"):
        for path in (ROOT / folder).rglob("*.py"):
            for match in CITATION.finditer(path.read_text(encoding="utf-8")):
                for rule_id in re.findall(RULE_ID, match.group(1)):
                    cited.setdefault(rule_id, []).append(str(path.relative_to(ROOT)))
    assert cited, "no code cites a rule"
    unknown = {rule_id: paths for rule_id, paths in cited.items() if rule_id not in known}
    assert unknown == {}


def test_the_code_cites_the_rules_in_the_repository():
    outside = [str(path.relative_to(ROOT))
               for folder in ("upw_ttg", "ui")
               for path in (ROOT / folder).rglob("*.py")
               if CITES_OUTSIDE.search(path.read_text(encoding="utf-8"))]
    assert outside == []
