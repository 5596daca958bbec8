"""Data files shipped with the package: the province list (``provinces.json``, Nghị quyết
202/2025/QH15), the agency gazetteer (``agencies.json``), NLP vocabulary and syllable bigrams."""

from __future__ import annotations

import json
from importlib import resources


def read_data(name: str) -> dict:
    """Parsed JSON data file ``name`` shipped in ``pipeline/data`` (callers cache what they build from it)."""
    return json.loads(resources.files("pipeline.data").joinpath(name).read_text("utf-8"))
