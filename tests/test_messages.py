"""The messages tables: the same keys and placeholders per language; every key in use exists."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from regionkit._messages import LANGUAGES, MESSAGES, join, section, text, text_n

PACKAGE = Path(__file__).resolve().parents[1] / "regionkit"


def _placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def test_both_languages_have_the_same_keys() -> None:
    assert set(LANGUAGES) == {"nl", "en"}
    nl, en = set(MESSAGES["nl"]), set(MESSAGES["en"])
    assert sorted(nl - en) == [], "keys only in nl.py"
    assert sorted(en - nl) == [], "keys only in en.py"


@pytest.mark.parametrize("key", sorted(MESSAGES["en"]))
def test_both_languages_have_the_same_placeholders(key: str) -> None:
    assert _placeholders(MESSAGES["nl"][key]) == _placeholders(MESSAGES["en"][key]), key
    for language in LANGUAGES:
        template = MESSAGES[language][key]
        assert template == template.strip() or key.endswith(
            (".called", ".rows", ".closed", "how_neighbours", "how_nearest")
        ), f"{language} {key}: leading or trailing space"


def test_pairs_for_counts_come_in_twos() -> None:
    for key in MESSAGES["en"]:
        if key.endswith(".one"):
            assert key[: -len(".one")] + ".many" in MESSAGES["en"], key
        if key.endswith(".many"):
            assert key[: -len(".many")] + ".one" in MESSAGES["en"], key


def _calls() -> list[tuple[str, str, ast.expr]]:
    """(file, function, key expression) of every lookup in the package.

    A lookup is a call of a function imported from ``regionkit._messages``, of
    funding's ``_note`` (which prefixes ``funding.note.``) or of agreements'
    ``_t`` (which prefixes ``agreements.``).
    """
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if "_messages" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = {"_note": "_note"} if path.name == "funding.py" else {}
        if path.name == "agreements.py":
            names = {"_t": "_t"}
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module == "regionkit._messages":
                names.update({a.asname or a.name: a.name for a in node.names})
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or len(node.args) < 2:
                continue
            name = getattr(node.func, "id", None)
            if name in names and names[name] in ("text", "text_n", "section", "_note", "_t"):
                found.append((path.name, names[name], node.args[1]))
    return found


def _pattern(expr: ast.expr) -> re.Pattern[str] | None:
    """A regular expression for a literal or f-string key (None for anything else)."""
    if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
        return re.compile(re.escape(expr.value))
    if isinstance(expr, ast.JoinedStr):
        parts = [
            re.escape(v.value) if isinstance(v, ast.Constant) else r"[^.]+" for v in expr.values
        ]
        return re.compile("".join(parts))
    return None


def _matches(pattern: re.Pattern[str], keys: set[str], suffix: str) -> bool:
    return any(pattern.fullmatch(k[: len(k) - len(suffix)]) for k in keys if k.endswith(suffix))


def test_every_key_the_code_looks_up_exists() -> None:
    calls = _calls()
    assert len(calls) > 50  # the scan sees the lookups
    keys = set(MESSAGES["en"])
    missing = []
    for file, name, expr in calls:
        pattern = _pattern(expr)
        assert pattern is not None, f"{file}: {name}() with a key that is not a literal"
        if name == "_note":  # funding's notes
            pattern = re.compile(re.escape("funding.note.") + pattern.pattern)
        if name == "_t":  # the agreements' messages
            pattern = re.compile(re.escape("agreements.") + pattern.pattern)
        if name == "section":
            pattern = re.compile(pattern.pattern + r"\..+")
        for suffix in (".one", ".many") if name == "text_n" else ("",):
            if not _matches(pattern, keys, suffix):
                missing.append(f"{file}: {name}({pattern.pattern!r}) {suffix}")
    assert missing == []


def test_the_map_uses_only_keys_of_its_section() -> None:
    """Every text the page script (``T.key``) and the map's data (``text(lang, "key")``) use."""
    script = (PACKAGE / "assets" / "map.js").read_text(encoding="utf-8")
    used = set(re.findall(r"\bT\.(\w+)", script))
    used |= {f"severity_{s}" for s in ("error", "warning", "info")}
    used |= {f"fill_{m}" for m in ("region", "counted", "subsidy", "techniekarm")}
    used |= {f"legend_{s}" for s in ("error", "warning", "info")}
    used |= {f"download_{t}" for t in ("regions", "findings")}
    data = (PACKAGE / "_map_data.py").read_text(encoding="utf-8")
    used |= set(re.findall(r"text\(\s*lang,\s*\"(\w+)\"", data))
    used -= {"leerweg_names"}  # the names BB, KB, GL: added by the map's data, not words
    assert len(used) > 60
    for language in LANGUAGES:
        assert sorted(used - set(section(language, "map"))) == []


def test_lookups() -> None:
    assert (
        text("nl", "rules.too_small.partner", region="Twente", merged="412")
        == "buurregio Twente (samen 412 getelde leerlingen)"
    )
    assert join("nl", ["A", "B", "C"], conjunction="or") == "A, B of C"
    assert text_n("nl", "rules.close_schools_split.pairs", 1, n="1") == "ligt 1 paar scholen"
    assert join("en", ["A"]) == "A" and join("en", ["A", "B"]) == "A and B"
    with pytest.raises(ValueError, match="'de' is not supported"):
        text("de", "common.yes")
    with pytest.raises(KeyError):
        text("en", "no.such.key")
