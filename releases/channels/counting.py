"""Character counting by each platform's own rule.

``x_weighted_length`` follows twitter-text v3 (the configuration X uses): text is NFC-normalised,
code points in a few ranges weigh 1 and all others 2, every URL counts as 23, and an emoji
sequence (ZWJ families, skin tones, flags, keycaps, tag sequences) counts as 2 whatever its length.
``static/releases/channels/counter.js`` implements the same rules for the live counter in the
browser; both are tested against twitter-text's published conformance cases.
"""

from __future__ import annotations

import re
import unicodedata

X_MAX_LENGTH = 280
X_URL_LENGTH = 23
# twitter-text v3: weight 100 (one character) for these ranges, 200 for everything else; scale 100.
_LIGHT_RANGES = ((0x0000, 0x10FF), (0x2000, 0x200D), (0x2010, 0x201F), (0x2032, 0x2037))

# Characters that are emoji even in their text presentation, unless followed by U+FE0E.
_PICTOGRAPHIC = (
    "\u00a9\u00ae\u203c\u2049\u2122\u2139\u2194-\u2199\u21a9\u21aa\u231a\u231b\u2328\u23cf\u23e9-\u23f3"
    "\u23f8-\u23fa\u24c2\u25aa\u25ab\u25b6\u25c0\u25fb-\u25fe\u2600-\u27bf\u2934\u2935\u2b05-\u2b07"
    "\u2b1b\u2b1c\u2b50\u2b55\u3030\u303d\u3297\u3299\U0001f000-\U0001f1e5\U0001f200-\U0001faff"
)
_ELEMENT = f"(?:[{_PICTOGRAPHIC}](?!\ufe0e)(?:\ufe0f|[\U0001f3fb-\U0001f3ff])?)"
EMOJI_RE = re.compile(
    "(?:"
    "\U0001f3f4[\U000e0020-\U000e007e]+\U000e007f"  # subdivision flags (tag sequences)
    "|[\U0001f1e6-\U0001f1ff]{2}"  # country flags
    "|[0-9#*]\ufe0f?\u20e3"  # keycaps
    f"|{_ELEMENT}(?:\u200d{_ELEMENT})*"  # single emoji, modifiers, ZWJ sequences
    ")"
)

# URLs: with a scheme any valid host is accepted; without one the host must end in a known TLD.
_TLDS = (
    "com|net|org|info|biz|edu|gov|mil|int|name|pro|mobi|asia|tel|travel|jobs|app|dev|io|ai|xyz|online|"
    "site|news|blog|shop|store|tech|media|page|link|click|live|world|today|web|cloud|digital|email|club|"
    "social|video|photo|art|design|id|co|tv|me|us|uk|jp|de|fr|au|my|sg|nl|ru|cn|in|br|ca|es|it|kr|ly|be|ch"
)
_LABEL = r"[^\W_](?:[\w-]{0,}[^\W_])?"
_SUB_LABEL = r"[^\W](?:[\w-]{0,}[^\W])?"
_PATH_CHARS = r"[\w\-+&@#/%=~|$!:,.;*'()\[\]?]"
URL_RE = re.compile(
    r"(?P<scheme>https?://)?"
    rf"(?P<host>(?:{_SUB_LABEL}\.)*{_LABEL}\.(?P<tld>[^\W\d_]{{2,}})|\d{{1,3}}(?:\.\d{{1,3}}){{3}}|\[[0-9a-fA-F:.]+\])"
    r"(?::\d{1,5})?"
    rf"(?P<path>[/?#]{_PATH_CHARS}*)?",
    re.IGNORECASE,
)
_KNOWN_TLD = re.compile(rf"^(?:{_TLDS})$", re.IGNORECASE)
_NO_SCHEME_BEFORE = set("-_./@#$")
_PATH_TRAILING = ".,:;!?'\"*"


def _char_weight(char: str) -> int:
    point = ord(char)
    return 1 if any(start <= point <= end for start, end in _LIGHT_RANGES) else 2


def _host_is_valid(host: str) -> bool:
    if host.startswith("["):
        return True
    if re.fullmatch(r"\d{1,3}(?:\.\d{1,3}){3}", host):
        return all(int(part) <= 255 for part in host.split("."))
    for label in host.split("."):
        try:
            encoded = label.encode("ascii") if label.isascii() else b"xn--" + label.lower().encode("punycode")
        except UnicodeError:
            return False
        if not encoded or len(encoded) > 63:
            return False
    return True


def _trim_path(url: str) -> str:
    while url and url[-1] in _PATH_TRAILING:
        url = url[:-1]
    while url.endswith(")") and url.count(")") > url.count("("):
        url = url[:-1]
    return url


def url_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each URL in ``text`` as twitter-text extracts them for counting."""
    spans: list[tuple[int, int]] = []
    position = 0
    while match := URL_RE.search(text, position):
        start, end = match.span()
        position = end if end > start else start + 1
        scheme, host = match.group("scheme"), match.group("host")
        if not _host_is_valid(host):
            continue
        if not scheme:
            if start and (text[start - 1] in _NO_SCHEME_BEFORE or text[start - 1].isalnum()):
                continue
            if not host.isascii() or not _KNOWN_TLD.match(match.group("tld") or ""):
                continue
        elif start and text[start - 1].isalnum():
            continue
        url = _trim_path(match.group(0)) if match.group("path") else match.group(0)
        spans.append((start, start + len(url)))
    return spans


def x_weighted_length(text: str) -> int:
    """The length X counts for ``text`` (maximum 280), by the twitter-text v3 rules."""
    text = unicodedata.normalize("NFC", text)
    total = 0
    index = 0
    spans = url_spans(text)
    span_starts = {start: end for start, end in spans}
    while index < len(text):
        if index in span_starts:
            total += X_URL_LENGTH
            index = span_starts[index]
            continue
        emoji = EMOJI_RE.match(text, index)
        if emoji:
            total += 2
            index = emoji.end()
            continue
        total += _char_weight(text[index])
        index += 1
    return total


def mastodon_length(text: str, *, url_length: int = 23) -> int:
    """Mastodon counts characters, with every URL as ``characters_reserved_per_url``."""
    total = 0
    position = 0
    for start, end in url_spans(text):
        if text[start:end].lower().startswith(("http://", "https://")):
            total += len(text[position:start]) + url_length
            position = end
    return total + len(text[position:])


HASHTAG_RE = re.compile(r"(?:^|(?<=\s))#[^\W\d_][\w]*|(?:^|(?<=\s))#\d+[^\W\d][\w]*")


def hashtag_count(text: str) -> int:
    return len(HASHTAG_RE.findall(text))
