"""Review states of a translation, and how they are kept in a PO file.

gettext tools keep translator comments but drop unknown flags, so the state lives in a
translator comment `# review: draft|needs-review|approved`. Precedence: an empty msgstr is
untranslated; the `fuzzy` flag is fuzzy; otherwise the comment decides (no comment: draft).
"""

from __future__ import annotations

from enum import StrEnum

COMMENT_PREFIX = "review:"


class State(StrEnum):
    SOURCE = "source"
    UNTRANSLATED = "untranslated"
    FUZZY = "fuzzy"
    DRAFT = "draft"
    NEEDS_REVIEW = "needs-review"
    APPROVED = "approved"


REVIEW_STATES = (State.DRAFT, State.NEEDS_REVIEW, State.APPROVED)
USABLE = frozenset(REVIEW_STATES)
UNREVIEWED = frozenset({State.DRAFT, State.NEEDS_REVIEW})
ORDER = (State.UNTRANSLATED, State.FUZZY, State.DRAFT, State.NEEDS_REVIEW, State.APPROVED)


def state_of(string: object, flags: set[str] | frozenset[str],
             user_comments: list[str]) -> State:
    texts = string if isinstance(string, tuple | list) else (string,)
    if not any(texts):
        return State.UNTRANSLATED
    if "fuzzy" in flags:
        return State.FUZZY
    for comment in user_comments:
        text = comment.strip()
        if text.startswith(COMMENT_PREFIX):
            value = text[len(COMMENT_PREFIX):].strip()
            for state in REVIEW_STATES:
                if state.value == value:
                    return state
    return State.DRAFT


def with_state(user_comments: list[str], state: State) -> list[str]:
    """The comments with the review comment set to `state` (others kept in order)."""
    kept = [c for c in user_comments if not c.strip().startswith(COMMENT_PREFIX)]
    return [f"{COMMENT_PREFIX} {state.value}", *kept]
