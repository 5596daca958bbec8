"""Text normalisation: pure functions over strings (DESIGN.md §2 ``text/``)."""

from pipeline.text.normalize import fold, normalize, normalize_tone_marks

__all__ = ["fold", "normalize", "normalize_tone_marks"]
