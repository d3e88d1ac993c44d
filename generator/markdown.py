"""Descriptions are Markdown written in pull requests and shown on a public government site.

Two layers: the validator refuses raw HTML, non-https links and embedded images with a message
(``markdown_problems``); the renderer (``render``) independently drops any HTML, image and link
that is not https, so that even a record that bypassed validation renders inert.

Both go through cmark-gfm (C, GitHub's CommonMark with tables and strikethrough: about 20 µs for
a paragraph-long description, a tenth of markdown-it-py's time) in its safe mode, which replaces
raw HTML with a comment and dangerous link targets with nothing, and nh3 (ammonia) then keeps only
the tags Markdown makes and https links. The validator refuses exactly what that pair would
remove; markdown-it-py, which tells where each token came from, only words the message (line of
the text, the offending snippet) once a description is known to be refused.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Callable

import cmarkgfm
import nh3
from cmarkgfm.cmark import Options

from .messages import Said, said

EXTENSIONS = ("table", "strikethrough")
# What cmark-gfm makes from Markdown (no image: descriptions show no pictures, `images` does).
TAGS = {"p", "br", "hr", "em", "strong", "del", "code", "pre", "blockquote", "ul", "ol", "li", "a",
        "h1", "h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td"}
ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}, "th": {"align"}, "td": {"align"}}
HTML_OMITTED = "<!-- raw HTML omitted -->"  # cmark's safe mode, in place of raw HTML


def _html(text: str) -> str:
    """cmark-gfm's HTML in safe mode: raw HTML omitted, javascript:/data:/file: targets emptied."""
    return cmarkgfm.markdown_to_html_with_extensions(text, options=Options.CMARK_OPT_DEFAULT,
                                                     extensions=list(EXTENSIONS))


def _https_only(tag: str, attribute: str, value: str) -> str | None:
    if attribute == "href" and not value.strip().lower().startswith("https://"):
        return None  # the link's text stays, as text
    return value


# Built once: nh3.clean(...) with the same arguments builds its sanitizer again on every call
# (28 µs a paragraph-long description; 18 µs through one Cleaner).
_CLEANER = nh3.Cleaner(tags=TAGS, attributes=ATTRIBUTES, attribute_filter=_https_only, link_rel=None,
                       url_schemes={"https"}, strip_comments=True)


def render(text: str | None) -> str:
    """Safe HTML for a description: no raw HTML, only https links, no images."""
    if not text:
        return ""
    return _CLEANER.clean(_html(text))


def _refused(text: str) -> str | None:
    """What the renderer would remove from ``text`` (the kind of problem), or None."""
    html = _html(text)
    if HTML_OMITTED in html:
        return "markdown_html"
    if "<img " in html:
        return "markdown_image"
    at = html.find('<a href="')
    while at != -1:
        if html[at + 9:at + 17].lower() != "https://":  # the target as typed (javascript: and the like emptied)
            return "https_only"
        at = html.find('<a href="', at + 9)
    return None


def markdown_problems(text: str) -> tuple[str, dict[str, Any], int | None] | None:
    """The first problem in a description, as (message key, its values, line in the text), or None."""
    if "<" not in text and "](" not in text and "]:" not in text and "&" not in text:
        return None  # no HTML, no link, no image can be written without one of these
    kind = _refused(text)
    if kind is None:
        return None
    return _located(text) or _MESSAGES[kind](None, "")


# kind of problem -> (message key of messages.py, its values, line in the text)
_MESSAGES: dict[str, Callable[[int | None, str], tuple[str, dict[str, Any], int | None]]] = {
    "markdown_html": lambda where, snippet: ("E207.html", {"where": _line(where), "snippet": snippet or "<…>"}, where),
    "markdown_image": lambda where, _: ("E207.image", {"where": _line(where)}, where),
    "https_only": lambda where, href: ("E206.link", {"where": _line(where), "href": href[:80]}, where),
}


def _line(where: int | None) -> Said | str:
    return said("markdown.line", n=where) if where else ""


@lru_cache(maxsize=1)
def _parser():  # type: ignore[no-untyped-def]
    from markdown_it import MarkdownIt

    # html=True only for *finding* HTML so we can point at it.
    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    md.validateLink = lambda url: True  # see every link, judge it ourselves
    return md


def _located(text: str) -> tuple[str, str, int | None] | None:
    """The refused token, its line and its words, as markdown-it-py finds it."""
    block_line: int | None = None
    for token in _walk(_parser().parse(text)):
        if token.map:
            block_line = token.map[0] + 1
        where = _line_of(token, text, block_line)
        if token.type in ("html_block", "html_inline"):
            snippet = token.content.strip().splitlines()[0][:60] if token.content.strip() else ""
            return _MESSAGES["markdown_html"](where, snippet)
        if token.type == "image":
            return _MESSAGES["markdown_image"](where, "")
        if token.type == "link_open":
            href = str(token.attrs.get("href", ""))
            if not href.lower().startswith("https://"):
                return _MESSAGES["https_only"](where, href)
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
