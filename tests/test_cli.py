"""The command line end to end on tiny projects: check, build, show, errors, atomic writes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cara import atomic
from cara.cli import main
from conftest import ROOTS


def test_check_passes_on_a_clean_project(capsys) -> None:
    assert main(["check", "--project", str(ROOTS / "basic")]) == 0
    assert "0 error(s)" in capsys.readouterr().err


def test_build_writes_the_whole_matrix_in_parallel(tmp_path, capsys) -> None:
    out = tmp_path / "out"
    code = main(["build", "--project", str(ROOTS / "basic"), "--out", str(out),
                 "--format", "markdown", "-j", "2"])
    assert code == 0
    files = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.md"))
    assert len(files) == 2 * 4  # two tracks x four locales, one workshop
    assert "markdown/pl/day-one.men-adult.md" in files
    err = capsys.readouterr().err
    assert "built 8, skipped 0, failed 0 of 8" in err


def test_build_filters_and_unknown_names(tmp_path, capsys) -> None:
    out = tmp_path / "out"
    assert main(["build", "--project", str(ROOTS / "basic"), "--out", str(out), "--format",
                 "markdown", "--track", "men-adult", "--locale", "en", "-j", "1"]) == 0
    assert [p.name for p in out.rglob("*.md")] == ["day-one.men-adult.md"]
    assert main(["build", "--project", str(ROOTS / "basic"), "--out", str(out),
                 "--track", "nobody"]) == 1
    assert "unknown track 'nobody'; known: men-adult, women-youth" in capsys.readouterr().err


def test_show_prints_one_resolved_module(capsys) -> None:
    assert main(["show", "--project", str(ROOTS / "basic"), "--track", "women-youth",
                 "curriculum/day-one/01-hello.md"]) == 0
    out = capsys.readouterr().out
    assert "This is a space to talk about your family" in out
    assert "Keep the language simple for younger participants." in out


def test_internal_errors_print_one_line_and_save_the_traceback(monkeypatch, capsys,
                                                               tmp_path) -> None:
    import cara.cli

    def boom(args):
        raise RuntimeError("kaboom")
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.setattr(cara.cli, "cmd_check", boom)
    parser_main = cara.cli.main
    assert parser_main(["check", "--project", str(ROOTS / "basic")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "internal error" in err and "traceback saved to" in err
    saved = Path(err.rsplit("saved to ", 1)[1].strip())
    assert "RuntimeError: kaboom" in saved.read_text()


def test_atomic_write_keeps_the_old_file_when_writing_fails(tmp_path, monkeypatch) -> None:
    target = tmp_path / "doc.pdf"
    target.write_bytes(b"old complete file")

    def interrupted(fd):
        raise KeyboardInterrupt
    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        atomic.write_bytes(target, b"new file that never finishes")
    assert target.read_bytes() == b"old complete file"
    assert [p.name for p in tmp_path.iterdir()] == ["doc.pdf"]
