"""Ed25519 keys and detached signatures (cryptography). Private keys stay out of packs
and out of the repository."""

from __future__ import annotations

import os
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

from cara import atomic
from cara.diagnostics import UserError

PRIVATE = "signing.key"
PUBLIC = "signing.pub"


def repository_of(path: Path) -> Path | None:
    """The git work tree or cara project that holds `path`, if any."""
    for folder in (path.resolve(), *path.resolve().parents):
        if (folder / ".git").exists() or (folder / "curriculum" / "programme.yml").exists():
            return folder
    return None


def refuse_inside_repository(path: Path, what: str) -> None:
    holder = repository_of(path)
    if holder is not None:
        raise UserError(f"{what} {path} is inside {holder}, a repository or project; keep "
                        "signing keys outside it (e.g. ~/cara-keys)")


def generate(folder: Path) -> tuple[Path, Path]:
    folder = folder.resolve()
    refuse_inside_repository(folder, "the key folder")
    private, public = folder / PRIVATE, folder / PUBLIC
    if private.exists():
        raise UserError(f"{private} already exists; refusing to overwrite a signing key")
    key = Ed25519PrivateKey.generate()
    folder.mkdir(parents=True, exist_ok=True)
    atomic.write_bytes(private, key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption()), mode=0o600)
    atomic.write_bytes(public, key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo))
    os.chmod(private, 0o600)
    return private, public


def load_private(path: Path) -> Ed25519PrivateKey:
    refuse_inside_repository(path, "the private key")
    try:
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except (OSError, ValueError, TypeError) as exc:
        raise UserError(f"cannot read signing key {path}: {exc}") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise UserError(f"{path} is not an Ed25519 private key")
    return key


def load_public(path: Path) -> Ed25519PublicKey:
    try:
        key = serialization.load_pem_public_key(path.read_bytes())
    except (OSError, ValueError, TypeError) as exc:
        raise UserError(f"cannot read public key {path}: {exc}") from None
    if not isinstance(key, Ed25519PublicKey):
        raise UserError(f"{path} is not an Ed25519 public key")
    return key


def sign(key: Ed25519PrivateKey, data: bytes) -> bytes:
    return key.sign(data)


def valid(key: Ed25519PublicKey, signature: bytes, data: bytes) -> bool:
    try:
        key.verify(signature, data)
    except InvalidSignature:
        return False
    return True
