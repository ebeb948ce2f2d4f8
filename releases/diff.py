"""A readable word-level comparison of two revisions (title, lead and the body's text)."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from releases.models import Revision
from releases.sanitize import html_to_text


@dataclass(frozen=True)
class Segment:
    op: str  # "same", "added", "removed"
    text: str


@dataclass(frozen=True)
class FieldDiff:
    label: str
    segments: list[Segment]
    changed: bool


def word_diff(old: str, new: str) -> list[Segment]:
    a, b = re.findall(r"\S+|\s+", old), re.findall(r"\S+|\s+", new)
    segments: list[Segment] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag == "equal":
            segments.append(Segment("same", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            segments.append(Segment("removed", "".join(a[i1:i2])))
        if j2 > j1:
            segments.append(Segment("added", "".join(b[j1:j2])))
    return segments


def compare(old: Revision, new: Revision, labels: dict[str, str]) -> list[FieldDiff]:
    pairs = {
        "title": (old.title, new.title),
        "lead": (old.lead, new.lead),
        "body": (html_to_text(old.body), html_to_text(new.body)),
    }
    return [
        FieldDiff(labels[name], word_diff(before, after), before != after) for name, (before, after) in pairs.items()
    ]
