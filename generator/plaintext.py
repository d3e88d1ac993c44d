"""Plain text for `site_config.yml`: names, descriptions and plan wording are text, never markup.

Every template escapes what it prints, so markup typed into the configuration could never run; it
would show to visitors as typed ("<b>Sơn La</b>"). Refusing it here tells the steward at once, at
the place they typed it. Only what looks like the start of a tag is refused: an ampersand, quotes
or a lone "<" ("< 3 sao") are ordinary text and are shown as written.
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, Field

from .messages import refused, said
from .schema import Text

# "<" followed by a letter, "/", "!" or "?" is where a browser starts a tag, a comment or a
# processing instruction; nothing else in text can become an element.
_TAG_START = re.compile(r"<[A-Za-z/!?]")


def _no_markup(value: str) -> str:
    found = _TAG_START.search(value)
    if found is not None:
        tag = re.match(r"<[^\s>]{0,20}", value[found.start():])
        raise refused("E500.markup", tag=tag.group(0) if tag else "<", offset=found.start(),
                      hint=said("E500.markup.hint"))
    return value


Plain = Annotated[Text, AfterValidator(_no_markup)]
PlainNonEmpty = Annotated[Plain, Field(min_length=1)]
