"""Incremental builds: cache keys, skipping unchanged targets, resuming after interruption."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

from cara.builders import builder_for
from cara.cache import target_key
from cara.cli import main
from conftest import load, resolve
from test_i18n_workflow import translate


def key(root: Path, track: str = "men-adult", locale: str = "en", fmt: str = "markdown"):
    project, _ = load(root)
    return target_key(builder_for(fmt), resolve(project, "day-one", track, locale))


def test_keys_change_with_what_a_target_contains_and_nothing_else(root_copy) -> None:
    root = root_copy("basic")
    men, women = key(root, "men-adult"), key(root, "women-youth")
    # a youth-only paragraph is not in the men's document
    module = root / "curriculum/day-one/01-hello.md"
    module.write_text(module.read_text().replace("Keep the language simple",
                                                 "Keep the words simple"))
    assert key(root, "men-adult") == men
    assert key(root, "women-youth") != women
    # a shared paragraph is in both
    module.write_text(module.read_text().replace("Introduce both facilitators.",
                                                 "Introduce both facilitators by name."))
    assert key(root, "men-adult") != men
    # a track file only touches its own targets
    women = key(root, "women-youth")
    men = key(root, "men-adult")
    track = root / "tracks/women-youth.yml"
    track.write_text(track.read_text().replace("your family", "your relatives"))
    assert key(root, "women-youth") != women and key(root, "men-adult") == men


def test_a_po_edit_changes_only_that_locales_keys(root_copy) -> None:
    root = root_copy("basic")
    main(["i18n", "extract", "--project", str(root)])
    main(["i18n", "update", "--project", str(root)])
    before = {loc: key(root, locale=loc) for loc in ("en", "pl", "pa")}
    translate(root, "locales/pa/day-one.po", "hello", "Introduce both facilitators.", "ਜਾਣ")
    after = {loc: key(root, locale=loc) for loc in ("en", "pl", "pa")}
    assert after["pa"] != before["pa"]
    assert after["en"] == before["en"] and after["pl"] == before["pl"]


def test_builder_code_and_versions_are_part_of_the_key(root_copy, monkeypatch) -> None:
    import cara.cache

    root = root_copy("basic")
    first = key(root)
    monkeypatch.setattr(cara.cache, "renderer_versions", lambda: "weasyprint=999")
    assert key(root) != first
    monkeypatch.undo()
    cara.cache.builder_inputs.cache_clear()
    monkeypatch.setattr(cara.cache, "builder_inputs", lambda *a: "other template")
    assert key(root) != first


def build(root: Path, *extra: str) -> str:
    import io
    from contextlib import redirect_stderr

    err = io.StringIO()
    with redirect_stderr(err):
        assert main(["build", "--project", str(root), "--format", "markdown", "-j", "2",
                     *extra]) == 0
    return err.getvalue()


def test_rebuild_skips_everything_then_only_what_an_edit_touches(root_copy) -> None:
    root = root_copy("basic")
    assert "built 8, skipped 0" in build(root)
    assert "built 0, skipped 8" in build(root)
    module = root / "curriculum/day-one/01-hello.md"
    module.write_text(module.read_text().replace("Keep the language simple",
                                                 "Keep the words simple"))
    assert "built 4, skipped 4" in build(root)  # the youth track, in every locale
    output = root / "build/markdown/en/day-one.women-youth.md"
    output.write_text("damaged by hand")
    assert "built 1, skipped 7" in build(root)
    assert "Keep the words simple" in output.read_text()


def test_an_interrupted_build_resumes_with_what_is_missing(root_copy) -> None:
    root = root_copy("basic")
    code = (
        "import sys, time\n"
        "import cara.builders.markdown as m\n"
        "render = m.MarkdownBuilder.render\n"
        "def slow(self, w):\n"
        "    time.sleep(0.4)\n"
        "    return render(self, w)\n"
        "m.MarkdownBuilder.render = slow\n"
        "from cara.cli import main\n"
        f"sys.exit(main(['build', '--project', {str(root)!r}, '--format', 'markdown',"
        " '-j', '1']))\n")
    proc = subprocess.Popen([sys.executable, "-c", code], stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 20
    manifest = root / "build/.cara-cache.json"
    while time.time() < deadline and not manifest.exists():
        time.sleep(0.05)
    time.sleep(0.5)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 130, err
    assert "interrupted" in err
    outputs = list((root / "build/markdown").rglob("*.md"))
    assert 0 < len(outputs) < 8
    assert not list((root / "build").rglob("*.tmp"))
    for path in outputs:
        assert path.read_text().endswith("\n") and path.read_text().startswith("# Demo")
    summary = build(root)
    assert f"built {8 - len(outputs)}, skipped {len(outputs)}" in summary


def test_site_is_rebuilt_only_when_something_it_shows_changed(root_copy) -> None:
    root = root_copy("basic")
    assert "site: built" in build_site_only(root)
    assert "site: unchanged, skipped" in build_site_only(root)
    track = root / "tracks/men-adult.yml"
    track.write_text(track.read_text().replace("Men, adults", "Adult men"))
    assert "site: built" in build_site_only(root)
    assert "Adult men" in (root / "build/site/men-adult/index.html").read_text()


def build_site_only(root: Path) -> str:
    import io
    from contextlib import redirect_stderr

    err = io.StringIO()
    with redirect_stderr(err):
        assert main(["build", "--project", str(root), "--format", "site", "-q"]) == 0
    return err.getvalue()
