"""Descriptions are Markdown written in pull requests and shown on a public government site.

Two layers: the validator refuses raw HTML, non-https links and embedded images with a message
(``markdown_problems``); the renderer (``render``) independently escapes any HTML and drops any
link that is not https, so that even a record that bypassed validation renders inert.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import lru_cache

from markdown_it import MarkdownIt


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    # html=True only for *finding* HTML so we can point at it; rendering uses _renderer().
    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    md.validateLink = lambda url: True  # type: ignore[method-assign]  # see every link, judge it ourselves
    return md


@lru_cache(maxsize=1)
def _renderer() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable(["table", "strikethrough"])
    md.validateLink = lambda url: url.strip().lower().startswith("https://")  # type: ignore[method-assign]
    md.disable("image")
    return md


def markdown_problems(text: str) -> tuple[str, str, int | None] | None:
    """The first problem in a description, as (error kind, plain sentence, line in the text), or None."""
    if "<" not in text and "](" not in text and "]:" not in text and "&" not in text:
        return None  # no HTML, no link, no image can be written without one of these
    block_line: int | None = None
    for token in _walk(_parser().parse(text)):
        if token.map:
            block_line = token.map[0] + 1
        where = _line_of(token, text, block_line)
        line = f" (line {where} of the text)" if where else ""
        if token.type in ("html_block", "html_inline"):
            snippet = token.content.strip().splitlines()[0][:60] if token.content.strip() else "<…>"
            return ("markdown_html", f"Raw HTML is not allowed in descriptions{line}: '{snippet}'. "
                    "Use Markdown: **bold**, *italic*, - lists, [text](https://…).", where)
        if token.type == "image":
            return ("markdown_image", f"Images cannot be embedded in the description{line}. "
                    "List photos under `images` with alt text instead.", where)
        if token.type == "link_open":
            href = str(token.attrs.get("href", ""))
            if not href.lower().startswith("https://"):
                return ("https_only", f"Links must start with https://{line}; this one is '{href[:80]}'.", where)
    return None


def _line_of(token, text: str, block_line: int | None) -> int | None:  # type: ignore[no-untyped-def]
    """Line of an inline token: its block's first line, moved to the line holding its text."""
    if token.map:
        return token.map[0] + 1
    if block_line is None:
        return None
    needle = token.content or (token.attrs.get("href") if token.attrs else "") or ""
    lines = text.splitlines()
    for n in range(block_line - 1, len(lines)):
        if needle and str(needle) in lines[n]:
            return n + 1
    return block_line


def _walk(tokens):  # type: ignore[no-untyped-def]
    for token in tokens:
        yield token
        if token.children:
            yield from _walk(token.children)


def render(text: str | None) -> str:
    """Safe HTML for a description: HTML escaped, only https links, no images."""
    global _coming
    if not text:
        return ""
    if _coming is not None:
        later, _coming = _coming, None
        _rendered.update(later())
    html = _rendered.get(text)
    return html if html is not None else _renderer().render(text)


def render_all(texts: Iterable[str | None]) -> dict[str, str]:
    """``render`` of each text, by text (for ``expect``)."""
    return {text: _renderer().render(text) for text in texts if text}


# A build's two page processes (one per language) show the same descriptions: a third renders
# each once (render_all) and sends them to both, which ``expect`` them before their first page.
_rendered: dict[str, str] = {}
_coming: Callable[[], dict[str, str]] | None = None


def expect(later: Callable[[], dict[str, str]]) -> None:
    """Descriptions rendered elsewhere: ``later()`` gives them (text -> ``render(text)``) when the
    first one is needed; any text it lacks is rendered here."""
    global _coming
    _coming = later
