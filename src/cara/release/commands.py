"""The release commands: release, changelog, keys, pack, verify."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cara import atomic
from cara.diagnostics import UserError
from cara.release import changelog, snapshot


def cmd_release(args: argparse.Namespace) -> int:
    from cara.cli import load_or_fail

    project, _ = load_or_fail(args.project)
    version = args.version
    try:
        snapshot.version_key(version)
    except ValueError:
        raise UserError(f"{version!r} is not a version like 1.2.0") from None
    if version != project.programme.version:
        raise UserError(f"curriculum/programme.yml says version {project.programme.version}; "
                        f"set it to {version} (and commit) before recording the release")
    rel = snapshot.path_for(version)
    if (project.root / rel).exists():
        raise UserError(f"release {version} is already recorded in {rel}")
    earlier = snapshot.versions(project.root)
    if earlier and snapshot.version_key(earlier[-1]) >= snapshot.version_key(version):
        raise UserError(f"version {version} is not newer than the last release {earlier[-1]}")
    current = snapshot.take(project)
    if current["commit"].endswith("-dirty"):
        print("warning: the content has uncommitted changes; the release records them, "
              "but commit before you pack", file=sys.stderr)
    atomic.write_text(project.root / rel, snapshot.dumps(current))
    print(f"recorded release {version} in {rel} (commit {current['commit']})")
    if earlier:
        print(changelog.render(changelog.diff(snapshot.load(project.root, earlier[-1]),
                                              current)))
    return 0


def cmd_changelog(args: argparse.Namespace) -> int:
    from cara.cli import load_or_fail

    project, _ = load_or_fail(args.project)
    versions = snapshot.versions(project.root)
    if args.to:
        new = _load(project.root, args.to)
    else:
        new = snapshot.take(project)
        new["version"] = f"{project.programme.version} (working copy)"
    base = args.since or next((v for v in reversed(versions) if args.to is None or
                               snapshot.version_key(v) < snapshot.version_key(args.to)), None)
    if base is None:
        raise UserError("no earlier release to compare with; record one with `cara release`")
    print(changelog.render(changelog.diff(_load(project.root, base), new)), end="")
    return 0


def _load(root: Path, version: str) -> dict:
    if not (root / snapshot.path_for(version)).exists():
        known = ", ".join(snapshot.versions(root)) or "none"
        raise UserError(f"no release {version} recorded (known: {known})")
    return snapshot.load(root, version)


def cmd_keys(args: argparse.Namespace) -> int:
    from cara.release import signing

    private, public = signing.generate(args.out)
    print(f"private key: {private} (keep it secret, outside the repository)\n"
          f"public key:  {public} (give it to partners to verify packs)")
    return 0


def cmd_pack(args: argparse.Namespace) -> int:
    from cara.cli import load_or_fail
    from cara.release.pack import pack

    project, _ = load_or_fail(args.project)
    path = pack(project, args.version, args.partner, args.key,
                args.out or project.root / "build" / "packs", args.allow_draft,
                workers=args.jobs)
    print(f"pack written: {path}")
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    from cara.release.verify import verify

    verdict = verify(args.pack, args.key, args.installed)
    if not verdict.ok:
        for problem in verdict.problems:
            print(f"{args.pack}: error: {problem}", file=sys.stderr)
        print("the pack is NOT valid; do not use it", file=sys.stderr)
        return 1
    m = verdict.manifest
    print(f"OK: {m['programme']['title']} {m['programme']['version']} for "
          f"{m['partner']['name']} (licence {m['licence']['id']}, valid until "
          f"{m['licence']['expires']}); {len(m['files'])} files, signature and hashes valid")
    if m.get("preview"):
        print("note: this is a PREVIEW pack with unreviewed translation; not for delivery")
    if args.changes and verdict.changelog:
        print()
        print(verdict.changelog, end="")
    return 0


def add_parsers(sub: argparse._SubParsersAction, project_arg) -> None:
    p = sub.add_parser("release", help="record a release: version, commit, content and "
                       "translation snapshot in releases/VERSION.json")
    project_arg(p)
    p.add_argument("version")
    p.set_defaults(func=cmd_release)

    p = sub.add_parser("changelog", help="what changed between releases (default: since the "
                       "last release, in the working copy)")
    project_arg(p)
    p.add_argument("since", nargs="?", metavar="FROM")
    p.add_argument("to", nargs="?", metavar="TO")
    p.set_defaults(func=cmd_changelog)

    p = sub.add_parser("keys", help="signing keys")
    keys = p.add_subparsers(dest="keys_command", required=True, metavar="ACTION")
    q = keys.add_parser("generate", help="write DIR/signing.key and DIR/signing.pub")
    q.add_argument("--out", type=Path, required=True, metavar="DIR")
    p.set_defaults(func=cmd_keys)

    p = sub.add_parser("pack", help="build a partner's licensed, signed pack of a release")
    project_arg(p)
    p.add_argument("version")
    p.add_argument("--partner", required=True)
    p.add_argument("--key", type=Path, required=True, help="the private signing key")
    p.add_argument("--out", type=Path, help="folder for the zip (default: build/packs)")
    p.add_argument("--allow-draft", action="store_true", help="a clearly marked preview "
                   "despite draft translation (never despite untranslated text or an expired "
                   "licence)")
    p.add_argument("-j", "--jobs", type=int)
    p.set_defaults(func=cmd_pack)

    p = sub.add_parser("verify", help="check a pack's signature, hashes and version")
    p.add_argument("pack", type=Path)
    p.add_argument("--key", type=Path, required=True, help="the public key (signing.pub)")
    p.add_argument("--installed", metavar="VERSION", help="the version you already hold")
    p.add_argument("--changes", action="store_true", help="also print the pack's changelog")
    p.set_defaults(func=cmd_verify)
