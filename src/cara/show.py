"""`cara show`: one module, resolved for a track, locale and partner, as Markdown."""

from __future__ import annotations

from cara.builders.markdown import render_module
from cara.diagnostics import UserError
from cara.i18n.catalogs import make_translator
from cara.project import Project
from cara.resolve import resolve_workshop
from cara.resolved import Target


def show_module(project: Project, module: str, track: str, locale: str | None,
                partner: str | None) -> str:
    found = next((m for m in project.modules.values()
                  if module in (m.id, m.path) or m.path.endswith("/" + module.lstrip("./"))),
                 None)
    if found is None:
        raise UserError(f"no module {module!r}; give its id or its path under curriculum/")
    code = locale or project.locales.source
    if track not in project.tracks:
        raise UserError(f"unknown track {track!r}; known: {', '.join(project.tracks)}")
    if code not in project.locales:
        raise UserError(f"unknown locale {code!r}; known: {', '.join(project.locales.codes)}")
    resolved = resolve_workshop(project, Target(found.workshop, track, code, partner),
                                make_translator(project, code))
    for item in resolved.modules:
        if item.id == found.id:
            return "\n".join(render_module(item, resolved.locale, resolved.ui.gettext)
                             ).rstrip() + "\n"
    raise UserError(f"module {found.id!r} is not part of track {track!r}")
