"""The site's per-language font stacks, from the one place that knows them (locales)."""

from __future__ import annotations

from cara.css import font_stack
from cara.locales import Locales


def fonts_css(locales: Locales) -> str:
    """CSS giving every language its fonts and line height (Material loads no web fonts)."""
    rules = []
    for code, info in locales.by_code.items():
        stack = font_stack(info.fonts)
        height = round(max(1.6, info.line_height), 2)
        nav = round(max(1.3, info.line_height * 0.75), 2)
        rules.append(f'html[lang="{code}"] body, html[lang="{code}"] input, :lang({code}) '
                     f'{{ font-family: {stack}; }}\n'
                     f'html[lang="{code}"] .md-typeset {{ line-height: {height}; '
                     f'font-size: {round(0.8 * info.font_scale, 3)}rem; }}\n'
                     f'html[lang="{code}"] .md-nav, html[lang="{code}"] .md-header '
                     f'{{ line-height: {nav}; }}')
    return "\n".join(rules) + "\n"
