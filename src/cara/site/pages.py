"""The website's pages for one language, generated from resolved workshops.

Pages are Markdown files whose headings are Markdown (for the table of contents) and whose
content is HTML from the shared `HtmlWriter`: every text is escaped, so no content or
translation can add markup.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass, field

from markupsafe import Markup

from cara.builders.html import HtmlWriter
from cara.builders.markdown import escape
from cara.i18n.lookup import Translator
from cara.model import Block, Container, Heading, Rich
from cara.project import Project
from cara.resolve import resolve_workshop
from cara.resolved import (
    ResolvedModule,
    ResolvedWorkshop,
    Target,
    handouts_in,
    slides_with_notes,
)
from cara.timefmt import clock

DOWNLOAD_FORMATS = (("manual", "pdf"), ("handouts", "pdf"), ("slides", "pptx"))


def md_text(text: str) -> str:
    """Text for a Markdown heading or link label: HTML-escaped, Markdown-escaped."""
    return escape(html.escape(" ".join(text.split()), quote=False))


@dataclass
class SitePages:
    """Pages of one language: path (under the language folder) -> Markdown, plus the titles
    of folders (for navigation sections) and downloads to copy in."""

    pages: dict[str, str] = field(default_factory=dict)
    sections: dict[str, str] = field(default_factory=dict)
    downloads: dict[str, str] = field(default_factory=dict)  # site path -> file on disk


def module_file(index: int, module: ResolvedModule) -> str:
    return f"{index:02d}-{module.id}.md"


class PageWriter:
    """Writes the pages of one language."""

    def __init__(self, project: Project, translator: Translator,
                 built: Callable[[str, Target, str], str | None]):
        self.project = project
        self.translator = translator
        self.locale = translator.locale
        self._ = translator.gettext
        self.built = built  # (format, target, extension) -> path of a built file, if any

    def writer(self, offset: int = 1, facilitator: bool = True) -> HtmlWriter:
        return HtmlWriter(self.locale, self._, source=self.project.locales[
                          self.project.locales.source], heading_offset=offset,
                          hook=lambda b: self.hook(b, facilitator))

    # ------------------------------------------------------------ containers

    def hook(self, block: Block, facilitator: bool) -> Markup | None:
        _ = self._
        if not isinstance(block, Container):
            return None
        w = self.writer(facilitator=facilitator)
        if block.kind == "facilitator-only":
            if not facilitator:
                return Markup("")
            return Markup('<div class="cara-facilitator" role="note"><p class="cara-label">'
                          '{}</p>{}</div>').format(_("Facilitator only"),
                                                   w.blocks(block.children))
        if block.kind == "notes":
            if not facilitator:
                return Markup("")
            return Markup('<div class="cara-notes"><p class="cara-label">{}</p>{}</div>').format(
                _("Speaker notes"), w.blocks(block.children))
        if block.kind == "slide":
            columns = [c for c in block.children if isinstance(c, Container) and
                       c.kind == "column"]
            body = [c for c in block.children if c not in columns]
            inner = w.blocks(tuple(body))
            if columns:
                inner += Markup('<div class="cara-columns">{}</div>').format(Markup("").join(
                    Markup('<div class="cara-column">{}</div>').format(w.blocks(c.children))
                    for c in columns))
            return Markup('<div class="cara-slide"><p class="cara-label">{}</p>{}</div>').format(
                _("Slide"), inner)
        if block.kind == "activity":
            minutes = block.number("minutes")
            label = self.translator.ngettext("Activity, %(n)s minute",
                                             "Activity, %(n)s minutes", minutes)
            return Markup('<div class="cara-activity"><p class="cara-label">{}</p>{}</div>'
                          ).format(label.replace("%(n)s", self.locale.number(minutes)),
                                   w.blocks(block.children))
        if block.kind == "handout":
            return Markup('<div class="cara-handout"><p class="cara-label">{}</p>{}</div>'
                          ).format(_("Handout"), w.blocks(block.children))
        return None

    # ------------------------------------------------------------ pages

    def workshop(self, workshop: ResolvedWorkshop) -> dict[str, str]:
        _ = self._
        t = workshop.target
        loc = self.locale
        out: dict[str, str] = {}
        lines = [f"# {md_text(workshop.title.plain())}", "",
                 f"*{md_text(workshop.track_title.plain())}*", "",
                 f"## {md_text(_('Timetable'))}", "",
                 f"| {md_text(_('Time'))} | {md_text(_('Session'))} |", "|---|---|"]
        index = 0
        for entry in workshop.schedule:
            time = f"{clock(entry.start, loc)}–{clock(entry.end, loc)}"
            title = md_text(entry.title.plain())
            if entry.module is not None:
                index += 1
                module = next(m for m in workshop.modules if m.id == entry.module)
                title = f"[{title}]({module_file(index, module)})"
            lines.append(f"| {time} | {title} |")
        lines += ["", f"- [{md_text(_('Participant view: handouts and support services'))}]"
                  "(participants.md)"]
        downloads = []
        for fmt, ext in DOWNLOAD_FORMATS:
            path = self.built(fmt, t, ext)
            if path is not None:
                name = f"downloads/{t.workshop}.{t.track}.{fmt}.{ext}"
                out[name] = path
                label = {"manual": _("Facilitator manual (PDF)"),
                         "handouts": _("Participant handouts (PDF)"),
                         "slides": _("Slide deck (PowerPoint)")}[fmt]
                downloads.append(f"- [{md_text(label)}]({name})")
        if downloads:
            lines += ["", f"## {md_text(_('Downloads'))}", "", *downloads]
        out["index.md"] = "\n".join(lines) + "\n"
        for number, module in enumerate(workshop.modules, start=1):
            out[module_file(number, module)] = self.module(module, workshop)
        out["participants.md"] = self.participants(workshop)
        return out

    def module(self, module: ResolvedModule, workshop: ResolvedWorkshop) -> str:
        _ = self._
        loc = self.locale
        w = self.writer(offset=1)
        lines = [f"# {md_text(module.title.plain())}", "",
                 f"*{clock(module.start, loc)}–{clock(module.end, loc)} · "
                 + md_text(self.translator.ngettext("%(n)s minute", "%(n)s minutes",
                                                    module.duration)
                           .replace("%(n)s", loc.number(module.duration))) + "*", ""]
        if module.objectives:
            lines += [f"## {md_text(_('Objectives'))}", "",
                      str(Markup("<ul>{}</ul>").format(Markup("").join(
                          w.element("li", o) for o in module.objectives))), ""]
        if module.materials:
            lines += [f"## {md_text(_('Materials'))}", "",
                      str(Markup("<ul>{}</ul>").format(Markup("").join(
                          w.element("li", m) for m in module.materials))), ""]
        lines += [f"## {md_text(_('Session plan'))}", ""]
        for block in module.blocks:
            if isinstance(block, Heading):
                lines += ["#" * min(6, block.level + 1) + " " + md_text(_plain(block.text)), ""]
                continue
            lines += [str(w.block(block)), ""]
        count = len(slides_with_notes(module.blocks))
        if count:
            lines.append(md_text(self.translator.ngettext(
                "%(n)s slide in this module", "%(n)s slides in this module", count)
                .replace("%(n)s", loc.number(count))))
        return "\n".join(lines).rstrip() + "\n"

    def participants(self, workshop: ResolvedWorkshop) -> str:
        _ = self._
        w = self.writer(offset=1, facilitator=False)
        lines = [f"# {md_text(_('Handouts'))}: {md_text(workshop.title.plain())}", ""]
        for module in workshop.modules:
            for handout in handouts_in(module.blocks):
                lines += [str(w.blocks(handout.children)), ""]
        lines += [f"## {md_text(_('Local support services'))}", "",
                  str(w.block(workshop.services)), ""]
        return "\n".join(lines)


def _plain(value: object) -> str:
    return value.plain() if isinstance(value, Rich) else str(value)


def language_pages(project: Project, translator: Translator,
                   built: Callable[[str, Target, str], str | None]) -> SitePages:
    """Every page of one language."""
    writer = PageWriter(project, translator, built)
    _ = translator.gettext
    site = SitePages()
    code = translator.locale.code
    home: list[str] = []
    programme_title = project.programme.id
    for track_id in project.tracks:
        workshops = []
        for workshop in project.programme.workshops:
            resolved = resolve_workshop(project, Target(workshop.id, track_id, code),
                                        translator)
            base = f"{track_id}/{workshop.id}"
            for rel, content in writer.workshop(resolved).items():
                if rel.startswith("downloads/"):
                    site.downloads[f"{base}/{rel}"] = content
                else:
                    site.pages[f"{base}/{rel}"] = content
            site.sections[base] = resolved.title.plain()
            site.sections[track_id] = resolved.track_title.plain()
            programme_title = resolved.programme_title.plain()
            workshops.append(f"- [{md_text(resolved.title.plain())}]({workshop.id}/index.md)")
        title = site.sections[track_id]
        site.pages[f"{track_id}/index.md"] = "\n".join(
            [f"# {md_text(title)}", "", *workshops]) + "\n"
        home.append(f"- [{md_text(title)}]({track_id}/index.md)")
    intro = [f"# {md_text(programme_title)}", "",
             md_text(_("The curriculum for facilitators and authors: every workshop, track "
                       "and module, with slides, notes, activities and handouts.")), "",
             f"## {md_text(_('Tracks'))}", ""]
    home += ["", f"## {md_text(_('More'))}", "",
             f"- [{md_text(_('Translation status'))}](status.md)",
             f"- [{md_text(_('Releases'))}](releases/index.md)"]
    site.pages["index.md"] = "\n".join(intro + home) + "\n"
    return site


def status_page(data: dict, translator: Translator, names: dict[str, str]) -> str:
    """Translation status of every locale (the data of `cara i18n stats`)."""
    from cara.i18n.stats import total

    _ = translator.gettext
    loc = translator.locale
    heads = [_("Language"), _("Segments"), _("Translated"), _("Draft"), _("Needs review"),
             _("Approved"), _("Fuzzy"), _("Untranslated")]
    lines = [f"# {md_text(_('Translation status'))}", "",
             md_text(_("Draft and needs-review text is used in documents, which then say that "
                       "they contain unreviewed translation. Fuzzy and untranslated text is "
                       "shown in the source language.")), "",
             "| " + " | ".join(md_text(h) for h in heads) + " |",
             "|---" * len(heads) + "|"]
    for code, groups in data.items():
        tally = total(groups)
        seg = tally.segments
        cells = [md_text(f"{names.get(code, code)} ({code})"), loc.number(tally.total),
                 loc.number(f"{tally.percent():.0f}") + "%"] + [
            loc.number(seg[s]) for s in ("draft", "needs-review", "approved", "fuzzy",
                                         "untranslated")]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def release_pages(root, translator: Translator) -> dict[str, str]:
    """A page per recorded release, listing what changed since the one before."""
    from cara.release import changelog, snapshot

    _ = translator.gettext
    versions = snapshot.versions(root)
    pages = {}
    index = [f"# {md_text(_('Releases'))}", ""]
    if not versions:
        index.append(md_text(_("No release has been recorded yet.")))
    for older, newer in zip([None, *versions], versions, strict=False):
        new = snapshot.load(root, newer)
        if older is None:
            body = f"# {md_text(newer)}\n\n{md_text(_('First release.'))}\n"
        else:
            body = changelog.render(changelog.diff(snapshot.load(root, older), new), md_text)
        pages[f"releases/{newer}.md"] = body
        index.insert(2, f"- [{md_text(newer)}]({newer}.md) ({md_text(new['date'][:10])})")
    pages["releases/index.md"] = "\n".join(index) + "\n"
    return pages
