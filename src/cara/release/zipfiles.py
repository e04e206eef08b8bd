"""Zip files written deterministically, and read defensively (no path escapes, no links)."""

from __future__ import annotations

import datetime as dt
import io
import stat
import zipfile
from pathlib import PurePosixPath

from cara.diagnostics import UserError

MAX_FILES = 10_000
MAX_BYTES = 2 * 1024**3


def write_zip(files: dict[str, bytes], epoch: int) -> bytes:
    """Sorted entries, one fixed timestamp, fixed permissions, fixed compression."""
    stamp = dt.datetime.fromtimestamp(max(epoch, 315532800), dt.UTC).timetuple()[:6]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = (stat.S_IFREG | 0o644) << 16
            info.create_system = 3
            archive.writestr(info, files[name], compresslevel=9)
    return buffer.getvalue()


def safe_name(name: str) -> bool:
    path = PurePosixPath(name)
    return bool(name) and "\\" not in name and not path.is_absolute() and ".." not in (
        path.parts) and not name.startswith("/") and ":" not in path.parts[0] and "\0" not in name


def read_zip(data: bytes) -> dict[str, bytes]:
    """Every file of a pack; refuses unsafe names, links, duplicates and zip bombs."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise UserError(f"not a valid zip file: {exc}") from None
    files: dict[str, bytes] = {}
    total = 0
    infos = archive.infolist()
    if len(infos) > MAX_FILES:
        raise UserError(f"the pack has {len(infos)} entries; refusing more than {MAX_FILES}")
    for info in infos:
        name = info.filename
        if not safe_name(name):
            raise UserError(f"unsafe path in pack: {name!r} (absolute or escaping with '..')")
        mode = info.external_attr >> 16
        if stat.S_ISLNK(mode):
            raise UserError(f"symbolic link in pack: {name!r}")
        if info.is_dir():
            continue
        if name in files:
            raise UserError(f"duplicate entry in pack: {name!r}")
        total += info.file_size
        if total > MAX_BYTES:
            raise UserError("the pack unpacks to more than 2 GB; refusing it")
        try:
            files[name] = archive.read(info)
        except (zipfile.BadZipFile, OSError) as exc:
            raise UserError(f"cannot read {name!r} from the pack: {exc}") from None
    return files
