"""Translation QA: small checkers over every translated entry (cf. Babel's checkers).

A translation is untrusted input: markup, URLs and characters the source does not have are
errors, reported as `locales/pl/x.po:LINE: error: ... [i18n.code]`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from babel.messages.catalog import Catalog, Message

from cara.diagnostics import Diagnostics, Location, Severity, UserError
from cara.i18n import keys
from cara.i18n.catalogs import locale_files, read_catalog
from cara.i18n.states import State, state_of
from cara.parsing import parse_inline
from cara.project import Project

_TERM = re.compile(r"(?<!\\)\{[A-Za-z_][\w-]*\}")
_PRINTF = re.compile(r"%(?:\([A-Za-z_]\w*\))?[sdif]|%%")
_VARIANT = re.compile(r"\]\{\s*when\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s}]+)\s*\}")
_LINK = re.compile(r"\]\(([^)\s]*)\)")
_TAG = re.compile(r"</?[A-Za-z][^>]*>|<!--|<\?")
_URL = re.compile(r"(?i)\b(?:[a-z][a-z0-9+.-]*):(?://|[^\s)]*@|alert|void)|\bjavascript:|"
                  r"\bdata:|\bfile:|\bvbscript:")
# Bidi embedding/override/isolate controls can reorder what a reader sees (Trojan Source).
_BIDI_CONTROLS = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


@dataclass(frozen=True)
class Problem:
    message: str
    code: str
    severity: Severity = Severity.ERROR


Checker = Callable[[str, str, "QaContext"], Iterator[Problem]]


@dataclass(frozen=True)
class QaContext:
    glossary: dict[str, str]  # source term (casefolded) -> approved translation
    axes: dict[str, tuple[str, ...]]


def _multiset(pattern: re.Pattern[str], text: str) -> list[str]:
    return sorted(pattern.findall(text))


def check_placeholders(source: str, text: str, ctx: QaContext) -> Iterator[Problem]:
    for name, pattern in (("track term", _TERM), ("placeholder", _PRINTF)):
        want, got = _multiset(pattern, source), _multiset(pattern, text)
        if want != got:
            yield Problem(f"{name}s differ: source has {want or 'none'}, translation has "
                          f"{got or 'none'}; keep them exactly", "i18n.placeholder")


def check_markup(source: str, text: str, ctx: QaContext) -> Iterator[Problem]:
    for what, pattern in (("inline variant conditions", _VARIANT), ("link targets", _LINK)):
        want, got = _multiset(pattern, source), _multiset(pattern, text)
        if want != got:
            yield Problem(f"{what} differ: source has {want or 'none'}, translation has "
                          f"{got or 'none'}", "i18n.markup")
    for mark, label in (("**", "strong emphasis"), ("`", "code")):
        if source.count(mark) != text.count(mark):
            yield Problem(f"{label} markers ({mark}) differ from the source; keep the "
                          "Markdown markup", "i18n.markup")
    if text.count("[") != text.count("]") or source.count("](") != text.count("]("):
        yield Problem("Markdown brackets differ from the source; keep links and variants "
                      "intact", "i18n.markup")


def check_html(source: str, text: str, ctx: QaContext) -> Iterator[Problem]:
    allowed = set(_TAG.findall(source))
    extra = [tag for tag in _TAG.findall(text) if tag not in allowed]
    if extra:
        yield Problem(f"HTML is not allowed in a translation: {extra[0]!r}", "i18n.html")


def check_urls(source: str, text: str, ctx: QaContext) -> Iterator[Problem]:
    extra = {m.lower() for m in _URL.findall(text)} - {m.lower() for m in _URL.findall(source)}
    if extra:
        yield Problem(f"address not in the source: {sorted(extra)[0]!r}; translations cannot "
                      "add links or URLs", "i18n.url")


def check_characters(source: str, text: str, ctx: QaContext) -> Iterator[Problem]:
    for char in text:
        category = unicodedata.category(char)
        if char in "\n" and "\n" in source:
            continue
        if category in ("Cc", "Cs", "Co", "Cn") or char in _BIDI_CONTROLS or char in (
                "\ufffe", "\uffff"):
            yield Problem(f"control or invalid character U+{ord(char):04X} "
                          f"({unicodedata.name(char, category)}); remove it", "i18n.control")
            return
    if unicodedata.normalize("NFC", text) != text:
        yield Problem("text is not in Unicode normal form C; save it as NFC",
                      "i18n.normalization", Severity.WARNING)


def check_inline(source: str, text: str, ctx: QaContext) -> Iterator[Problem]:
    _, problems = parse_inline(text, ctx.axes)
    for problem in problems:
        yield Problem(f"{problem.message} (the translation will not be used)", "i18n.syntax")


def check_glossary(source: str, text: str, ctx: QaContext) -> Iterator[Problem]:
    folded = text.casefold()
    for term, approved in ctx.glossary.items():
        if re.search(rf"(?<!\w){re.escape(term)}(?!\w)", source.casefold()) and not (
                _contains_term(folded, approved.casefold())):
            yield Problem(f"glossary term '{term}' is not translated as approved "
                          f"('{approved}')", "i18n.glossary", Severity.WARNING)


def _contains_term(text: str, approved: str) -> bool:
    """Whether each word of the approved term appears, allowing inflected endings."""
    for word in approved.split():
        stem = word[: max(3, len(word) - 3)] if len(word) > 5 else word
        if stem not in text:
            return False
    return True


def check_length(source: str, text: str, ctx: QaContext) -> Iterator[Problem]:
    if len(source) >= 30 and not 0.35 <= len(text) / len(source) <= 3.0:
        yield Problem(f"translation is {len(text) / len(source):.1f} times the source length; "
                      "check nothing is missing or added", "i18n.length", Severity.WARNING)


CHECKERS: tuple[Checker, ...] = (check_placeholders, check_markup, check_html, check_urls,
                                 check_characters, check_inline, check_glossary, check_length)



# The gate before any output: the checks whose failure means markup, addresses or
# characters the source does not have. (Inline syntax is checked again where each segment
# is parsed for output, so the costly parse is not repeated here.)
GATE: tuple[Checker, ...] = (check_placeholders, check_markup, check_html, check_urls,
                             check_characters)


def acceptable(source: str, text: str, axes: dict[str, tuple[str, ...]]) -> bool:
    """Whether a translation passes every error-level check of the gate."""
    ctx = QaContext({}, axes)
    return not any(p.severity is Severity.ERROR for checker in GATE
                   for p in checker(source, text, ctx))


def _texts(message: Message) -> list[tuple[str, str]]:
    ids = message.id if isinstance(message.id, tuple | list) else (message.id,)
    strings = message.string if isinstance(message.string, tuple | list) else (
        message.string,)
    return [(ids[min(i, len(ids) - 1)], s) for i, s in enumerate(strings) if s]


def glossary_for(catalogs: list[Catalog]) -> dict[str, str]:
    approved: dict[str, str] = {}
    for catalog in catalogs:
        for message in catalog:
            if message.context == keys.GLOSSARY and isinstance(message.string, str) and (
                    message.string) and "fuzzy" not in message.flags:
                approved.setdefault(message.id.casefold(), message.string)
    return approved


def check_catalog(rel: str, catalog: Catalog, ctx: QaContext,
                  diagnostics: Diagnostics, nplurals: int | None = None) -> None:
    for message in catalog:
        if not message.id:
            continue
        state = state_of(message.string, message.flags, message.user_comments)
        if state is State.UNTRANSLATED:
            continue
        loc = Location(rel, message.lineno or 0)
        if isinstance(message.id, tuple | list) and nplurals and len(message.string) != nplurals:
            diagnostics.error(loc, f"needs {nplurals} plural forms, has "
                              f"{len(message.string)}", "i18n.plural")
        # Names (services, partners) are proper nouns: they may keep the source's words.
        is_name = any(c.endswith(" name") for c in message.auto_comments)
        glossary = {} if message.context == keys.GLOSSARY or is_name else ctx.glossary
        local = QaContext(glossary, ctx.axes)
        for source, text in _texts(message):
            for checker in CHECKERS:
                for problem in checker(source, text, local):
                    severity = problem.severity
                    if state is State.FUZZY:  # not used in builds: a reminder, not a stop
                        severity = Severity.WARNING
                    diagnostics.items.append(_diag(loc, severity, problem))


def _diag(loc: Location, severity: Severity, problem: Problem):
    from cara.diagnostics import Diagnostic

    return Diagnostic(loc, severity, problem.message, problem.code)


def check_translations(project: Project, diagnostics: Diagnostics) -> None:
    """QA over every PO file of every target locale."""
    for code in project.locales.targets:
        loaded: list[tuple[str, Catalog]] = []
        for rel in locale_files(project.root, code):
            try:
                loaded.append((rel, read_catalog(project.root, rel, code)))
            except UserError as exc:
                diagnostics.extend(exc.diagnostics)
        ctx = QaContext(glossary_for([c for _, c in loaded]), project.axes)
        for rel, catalog in loaded:
            check_catalog(rel, catalog, ctx, diagnostics, catalog.num_plurals)
