"""Releases, changelogs, licensed signed packs and their verification."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from pathlib import Path

import pytest

from cara.cli import main
from cara.diagnostics import UserError
from cara.i18n.catalogs import read_catalog, write_catalog
from cara.release import signing
from cara.release.pack import pack
from cara.release.verify import verify
from cara.release.zipfiles import read_zip, write_zip
from conftest import load

FORMATS = ("markdown",)


def translate_all(root: Path, code: str, state: str = "draft") -> None:
    """Give every entry of a locale a test translation (keeps placeholders and markup)."""
    for path in sorted((root / "locales" / code).glob("*.po")):
        rel = path.relative_to(root).as_posix()
        catalog = read_catalog(root, rel, code)
        for message in catalog:
            if message.id:
                message.string = (tuple(f"{code.upper()} {i}" for i in message.id)
                                  if isinstance(message.id, tuple | list)
                                  else f"{code.upper()} {message.id}")
                message.flags.discard("fuzzy")
                message.user_comments = [f"review: {state}"]
        write_catalog(root, rel, catalog)


@pytest.fixture(scope="module")
def keys(tmp_path_factory) -> tuple[Path, Path]:
    return signing.generate(tmp_path_factory.mktemp("keys"))


@pytest.fixture
def released(root_copy) -> Path:
    root = root_copy("basic")
    assert main(["i18n", "extract", "--project", str(root)]) == 0
    assert main(["i18n", "update", "--project", str(root)]) == 0
    translate_all(root, "pl", "approved")
    assert main(["release", "--project", str(root), "0.3.0"]) == 0
    return root


def make(root: Path, key: Path, out: Path, **kwargs) -> Path:
    project, _ = load(root)
    return pack(project, "0.3.0", "acme", key, out, formats=FORMATS,
                today=kwargs.pop("today", dt.date(2026, 1, 1)), workers=1, **kwargs)


def test_release_records_a_snapshot_and_refuses_to_overwrite(released: Path, capsys) -> None:
    data = json.loads((released / "releases/0.3.0.json").read_text())
    assert data["version"] == "0.3.0"
    assert "hello" in data["modules"] and data["translations"]["pl"]
    assert main(["release", "--project", str(released), "0.3.0"]) == 1
    assert "already recorded" in capsys.readouterr().err


def test_changelog_lists_changes_per_module_marks_safety_and_stale_translations(
        released: Path, capsys) -> None:
    module = released / "curriculum/day-one/01-hello.md"
    text = module.read_text()
    text = text.replace("follow the safeguarding procedure", "stop and follow the "
                        "safeguarding procedure at once")
    text = text.replace("Introduce both facilitators.", "Introduce both facilitators warmly.")
    module.write_text(text + "\nA new closing paragraph.\n")
    assert main(["i18n", "extract", "--project", str(released)]) == 0
    assert main(["i18n", "update", "--project", str(released)]) == 0
    capsys.readouterr()
    assert main(["changelog", "--project", str(released)]) == 0
    out = capsys.readouterr().out
    assert "Safety-critical changes: update your materials at once" in out
    assert "### ⚠ safety-critical: Hello and welcome (hello)" in out
    assert "- Changed at curriculum/day-one/01-hello.md:19:" in out
    assert "“Introduce both facilitators.” → “Introduce both facilitators warmly.”" in out
    assert "- Added at curriculum/day-one/01-hello.md:37: “A new closing paragraph.”" in out
    assert "| pl | 2 | 1 |" in out  # two translations went stale, one new segment


def test_keys_are_never_written_into_the_project(released: Path, keys, tmp_path,
                                                 capsys) -> None:
    # wherever the command runs from
    assert main(["keys", "generate", "--out", str(released / "curriculum" / "keys")]) == 1
    assert "keep signing keys outside it" in capsys.readouterr().err
    assert not (released / "curriculum" / "keys").exists()
    # nor read from there by `cara pack`
    inside = released / "signing.key"
    inside.write_bytes(keys[0].read_bytes())
    with pytest.raises(UserError, match="keep signing keys outside it"):
        make(released, inside, tmp_path)


def test_private_key_is_only_readable_by_its_owner(keys) -> None:
    private, public = keys
    assert private.stat().st_mode & 0o777 == 0o600
    assert b"PRIVATE" not in public.read_bytes()


def test_pack_is_deterministic_and_holds_exactly_the_licensed_subset(released, keys,
                                                                     tmp_path) -> None:
    first = make(released, keys[0], tmp_path / "a")
    second = make(released, keys[0], tmp_path / "b")
    assert first.read_bytes() == second.read_bytes()
    files = read_zip(first.read_bytes())
    documents = sorted(n for n in files if n.startswith("documents/"))
    # acme is licensed for en and pl, and the men-adult track only
    assert documents == ["documents/markdown/en/day-one.men-adult.md",
                         "documents/markdown/pl/day-one.men-adult.md"]
    assert {"LICENCE.txt", "CHANGELOG.md", "manifest.json", "manifest.json.sig"} <= set(files)
    manifest = json.loads(files["manifest.json"])
    assert manifest["programme"]["version"] == "0.3.0"
    assert manifest["licence"]["id"] == "ACME-1" and manifest["partner"]["id"] == "acme"
    assert {f["path"] for f in manifest["files"]} == set(files) - {"manifest.json",
                                                                   "manifest.json.sig"}
    text = files["documents/markdown/pl/day-one.men-adult.md"].decode()
    assert "PL Acme Listening Line (sample)" in text  # the partner's own services
    with zipfile.ZipFile(first) as archive:
        infos = archive.infolist()
    assert [i.filename for i in infos] == sorted(i.filename for i in infos)
    assert {i.date_time for i in infos} == {infos[0].date_time}
    assert {i.external_attr >> 16 for i in infos} == {0o100644}
    assert verify(first, keys[1]).ok


def _rezip(path: Path, change) -> Path:
    files = read_zip(path.read_bytes())
    change(files)
    out = path.with_name("tampered.zip")
    out.write_bytes(write_zip(files, 1700000000))
    return out


@pytest.mark.parametrize("name", ["documents/markdown/pl/day-one.men-adult.md",
                                  "manifest.json", "manifest.json.sig", "LICENCE.txt"])
def test_a_flipped_byte_anywhere_fails_verification(released, keys, tmp_path, name) -> None:
    good = make(released, keys[0], tmp_path)

    def flip(files):
        data = bytearray(files[name])
        data[len(data) // 2] ^= 0x01
        files[name] = bytes(data)
    verdict = verify(_rezip(good, flip), keys[1])
    assert not verdict.ok


def test_added_or_removed_files_fail_verification(released, keys, tmp_path) -> None:
    good = make(released, keys[0], tmp_path)
    added = verify(_rezip(good, lambda f: f.update({"extra.txt": b"x"})), keys[1])
    assert added.problems == ["file not in the manifest: extra.txt"]
    removed = verify(_rezip(good, lambda f: f.pop("LICENCE.txt")), keys[1])
    assert removed.problems == ["missing file: LICENCE.txt"]


def test_another_key_or_an_older_version_fails(released, keys, tmp_path) -> None:
    good = make(released, keys[0], tmp_path)
    _, other_public = signing.generate(tmp_path / "other")
    assert "signature does not match" in verify(good, other_public).problems[0]
    older = verify(good, keys[1], installed="0.4.0")
    assert older.problems == ["the pack is version 0.3.0, older than version 0.4.0 you "
                              "already hold"]
    assert verify(good, keys[1], installed="0.3.0").ok


def test_an_expired_licence_is_refused(released, keys, tmp_path) -> None:
    with pytest.raises(UserError, match="the licence ACME-1 expired on 2030-01-01"):
        make(released, keys[0], tmp_path, today=dt.date(2030, 1, 2))


def test_untranslated_text_is_refused_even_with_allow_draft(root_copy, keys, tmp_path) -> None:
    root = root_copy("basic")
    main(["i18n", "extract", "--project", str(root)])
    main(["i18n", "update", "--project", str(root)])
    main(["release", "--project", str(root), "0.3.0"])
    with pytest.raises(UserError) as info:
        make(root, keys[0], tmp_path, allow_draft=True)
    assert "pl, day-one, men-adult, hello:" in str(info.value)
    assert "untranslated or fuzzy" in str(info.value)


def test_drafts_need_the_licence_or_a_marked_preview(root_copy, keys, tmp_path) -> None:
    root = root_copy("basic")
    partner = root / "partners/acme.yml"
    partner.write_text(partner.read_text().replace("allow_draft: true", "allow_draft: false"))
    main(["i18n", "extract", "--project", str(root)])
    main(["i18n", "update", "--project", str(root)])
    translate_all(root, "pl", "draft")
    main(["release", "--project", str(root), "0.3.0"])
    with pytest.raises(UserError, match="draft or needs-review"):
        make(root, keys[0], tmp_path)
    preview = make(root, keys[0], tmp_path, allow_draft=True)
    assert preview.name.endswith("-preview.zip")
    files = read_zip(preview.read_bytes())
    assert json.loads(files["manifest.json"])["preview"] is True
    text = files["documents/markdown/pl/day-one.men-adult.md"].decode()
    assert "Draft translation: this document contains text that has not been reviewed." in text


def test_a_pack_must_match_its_recorded_release(released, keys, tmp_path) -> None:
    module = released / "curriculum/day-one/02-feelings.md"
    module.write_text(module.read_text().replace("Anger", "Rage"))
    with pytest.raises(UserError, match="differ from what release 0.3.0 recorded"):
        make(released, keys[0], tmp_path)


@pytest.mark.parametrize("name", ["../evil.txt", "/etc/passwd", "docs/../../x", "C:\\x"])
def test_unsafe_paths_in_a_zip_are_rejected(name: str) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(name, b"x")
    with pytest.raises(UserError, match="unsafe path"):
        read_zip(buffer.getvalue())


def test_verify_cli_reports_problems_and_exit_code(released, keys, tmp_path, capsys) -> None:
    good = make(released, keys[0], tmp_path)
    assert main(["verify", str(good), "--key", str(keys[1]), "--changes"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("OK: Demo Programme 0.3.0 for Acme Support (sample)")
    assert "# Changelog of Demo Programme" in out
    bad = _rezip(good, lambda f: f.update({"extra.txt": b"x"}))
    assert main(["verify", str(bad), "--key", str(keys[1])]) == 1
    assert "file not in the manifest: extra.txt" in capsys.readouterr().err


@pytest.mark.render
def test_real_pack_documents_carry_the_licence_watermark(released, keys, tmp_path) -> None:
    import subprocess

    from pptx import Presentation

    project, _ = load(released)
    path = pack(project, "0.3.0", "acme", keys[0], tmp_path, today=dt.date(2026, 1, 1),
                workers=2)
    files = read_zip(path.read_bytes())
    mark = "Licensed to Acme Support (sample), licence ACME-1, valid until 2030-01-01, " \
           "version 0.3.0"
    pdfs = [n for n in files if n.endswith(".pdf")]
    decks = [n for n in files if n.endswith(".pptx")]
    assert len(pdfs) == 4 and len(decks) == 2  # manual and handouts, en and pl
    for name in pdfs:
        target = tmp_path / "doc.pdf"
        target.write_bytes(files[name])
        text = subprocess.run(["pdftotext", "-layout", str(target), "-"], capture_output=True,
                              text=True, check=True).stdout
        pages = [p for p in text.split("\f") if p.strip()]
        assert pages and all(" ".join(mark.split()) in " ".join(p.split()) for p in pages), name
    for name in decks:
        deck = Presentation(io.BytesIO(files[name]))
        for slide in deck.slides:
            texts = " ".join(shape.text_frame.text for shape in slide.shapes
                             if shape.has_text_frame)
            assert mark in texts, name
