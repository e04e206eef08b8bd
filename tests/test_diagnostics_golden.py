"""The exact diagnostic lines for a deliberately broken project (a golden file)."""

from __future__ import annotations

from cara.cli import main
from conftest import ROOTS


def test_broken_project_lists_every_problem_with_file_and_line(capsys) -> None:
    root = ROOTS / "broken"
    assert main(["check", "--project", str(root)]) == 1
    out, err = capsys.readouterr()
    assert out == (root / "expected.txt").read_text(encoding="utf-8")
    assert "Traceback" not in out + err
    assert err.strip().endswith("error(s), 1 warning(s)")


def test_build_refuses_a_broken_project_and_writes_nothing(tmp_path, capsys) -> None:
    root = ROOTS / "broken"
    assert main(["build", "--project", str(root), "--out", str(tmp_path / "out")]) == 1
    _, err = capsys.readouterr()
    assert "curriculum/day/01-one.md:23: error: unknown block kind 'bogus'" in err
    assert "nothing was built" in err
    assert not (tmp_path / "out").exists()


def test_missing_project_is_a_clear_error(tmp_path, capsys) -> None:
    assert main(["check", "--project", str(tmp_path)]) == 1
    out, _ = capsys.readouterr()
    assert "has no curriculum/programme.yml" in out
