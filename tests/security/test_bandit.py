"""Static security analysis: bandit finds no high-severity issue in the portal's code.

A finding that is a false positive is explained where it stands (``# nosec Bxxx: why``)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ["humas", "releases", "media_relations", "ppid", "visits"]


def test_bandit_finds_no_high_severity_issue() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bandit", "-q", "-c", "pyproject.toml", "-r", *PACKAGES, "-f", "json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    report = json.loads(result.stdout)
    assert report["errors"] == []
    high = [
        f"{issue['filename']}:{issue['line_number']} {issue['test_id']} {issue['issue_text']}"
        for issue in report["results"]
        if issue["issue_severity"] == "HIGH"
    ]
    assert high == [], "\n".join(high)
    assert report["metrics"]["_totals"]["loc"] > 1000  # it really scanned the code
