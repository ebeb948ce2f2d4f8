"""The X counter agrees with twitter-text's conformance cases, and the browser counter with the server."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from releases.channels.counting import hashtag_count, mastodon_length, x_weighted_length
from tests.releases.channels.conformance import CASES

COUNTER_JS = Path(__file__).resolve().parents[3] / "static" / "releases" / "channels" / "counter.js"
EXTRA = {
    "URL without protocol counts as 23": ("test.com", 23),
    "Count multiple URLs correctly": ("Test https://test.com test https://test.com test.com test", 86),
    "keycap without variation selector": ("1\u20e3", 2),
    "keycap with variation selector": ("#\ufe0f\u20e3", 2),
    "Indonesian flag": ("\U0001f1ee\U0001f1e9", 2),
    "trailing punctuation is not part of the URL": ("(lihat https://a.com/b).", 32),
    "a release post": ("Pemkot resmikan taman https://harapanjaya.go.id/siaran-pers/taman/?utm_source=x #HUT", 50),
}
ALL = {**CASES, **EXTRA}


@pytest.mark.parametrize(("text", "expected"), list(ALL.values()), ids=list(ALL))
def test_x_weighted_length_matches_twitter_text(text: str, expected: int) -> None:
    assert x_weighted_length(text) == expected


@pytest.mark.skipif(shutil.which("node") is None, reason="needs node to run the browser counter")
def test_browser_counter_agrees_with_the_server_on_every_case() -> None:
    texts = [text for text, _ in ALL.values()] + ["Halo 👋🏽 https://mastodon.example/@humas dan www.kota.go.id/x"]
    script = (
        f"const c = require({json.dumps(str(COUNTER_JS))});"
        "const t = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
        "console.log(JSON.stringify(t.map(x => ["
        "c.xWeightedLength(x), c.mastodonLength(x, 23), c.countFor('chars', x)])));"
    )
    result = subprocess.run(["node", "-e", script], input=json.dumps(texts), capture_output=True, text=True, check=True)
    browser = json.loads(result.stdout)
    server = [[x_weighted_length(t), mastodon_length(t), len(t)] for t in texts]
    assert browser == server


def test_mastodon_counts_each_url_at_the_reserved_length() -> None:
    text = "Baca https://harapanjaya.go.id/siaran-pers/sangat-panjang-sekali/?utm_source=mastodon"
    assert mastodon_length(text) == len("Baca ") + 23
    assert mastodon_length(text, url_length=30) == len("Baca ") + 30


def test_hashtags_are_counted_for_instagram() -> None:
    assert hashtag_count("#HUT ke-80 #HarapanJaya #2026 bukan#tag") == 2
