"""Other spellings of an OCR'd word from Tesseract's own character choices.

Tesseract's LSTM scores several characters at each position
(``lstm_choice_mode`` 2 lists them with their confidences). On a 200 dpi
scan the small second mark of a stacked tone is often the runner-up: "đề"
read where the choices for the vowel are "ề", "ể". The spellings made of
such choices are no correction by themselves, only candidates the tone
repair (:mod:`pipeline.text.spelling`) may pick from context.
"""

from __future__ import annotations

from collections.abc import Sequence

from pipeline.text.spelling import bare

#: A character choice of Tesseract's LSTM at this confidence (0–100) or more is
#: offered as a variant of the letter read (the bottom choices score 0).
VARIANT_CONFIDENCE = 1.0


#: Lower-case letters that take marks (every form of a vowel) and d/đ: only their
#: choices are asked of Tesseract (a Python call per choice costs time).
MARKABLE = frozenset(
    ch for ch in map(chr, range(0x61, 0x1EFA)) if ch.isalpha() and ch.islower() and bare(ch) in {"a", "e", "i", "o", "u", "y", "d"}
)


def mark_variants(letters: Sequence[str], choices: Sequence[Sequence[str]]) -> tuple[str, ...]:
    """The word's spellings with one letter changed to a choice of Tesseract's that differs only in marks.

    ``letters`` are the symbols read, ``choices`` each symbol's choices above
    :data:`VARIANT_CONFIDENCE` (Tesseract's ``lstm_choice_mode`` 2). On a 200
    dpi scan the LSTM often reads "đề" while its second choice for the letter
    is "ể" ("để"): such a variant is no correction by itself, only a spelling
    the tone repair (:mod:`pipeline.text.spelling`) may pick from context.
    """
    out: list[str] = []
    for k, (letter, options) in enumerate(zip(letters, choices)):
        for option in options:
            if option != letter and len(option) == 1 and bare(option) == bare(letter) and option.isalpha():
                word = "".join([*letters[:k], option, *letters[k + 1 :]]).strip()
                if word not in out:
                    out.append(word)
    return tuple(out)
