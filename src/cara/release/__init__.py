"""Releases: snapshots, changelogs, licensed packs, signatures and verification."""
