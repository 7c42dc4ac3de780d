"""The README's promises: two commands that work, the second being what CI runs."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).parent.parent


def first_code_block() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```(?:\w+)?\n(.*?)```", readme, flags=re.DOTALL)
    assert block, "README has no code block"
    return [line for line in block.group(1).splitlines() if line.strip()]


def test_readme_opens_with_exactly_two_commands():
    commands = first_code_block()
    assert len(commands) == 2
    install_and_serve, run_tests = commands
    assert "sillage serve" in install_and_serve
    assert "pytest" in run_tests


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert first_code_block()[1] in ci


def test_every_table_and_column_is_documented(connection):
    documented = (ROOT / "docs" / "schema.md").read_text(encoding="utf-8")
    tables = connection.execute(
        "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'main'"
    ).fetchall()
    missing = [
        f"{t}.{c}" for t, c in tables if f"`{t}`" not in documented or f"`{c}`" not in documented
    ]
    assert missing == []
