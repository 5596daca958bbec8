"""Body text of real scans (issue 13): Tesseract's own mark choices, stops inside sentences.

Readings are Tesseract's on the 200 dpi colour scan 91-TTr-CAT-PC04.pdf
(tests/data/scans/), the meant text its .doc draft.
"""

from __future__ import annotations

from pipeline.readers.ocr_stops import inner_stops, list_colons
from pipeline.readers.ocr_variants import mark_variants
from pipeline.text.spelling import CORPUS_MIN, load_bigrams, load_lexicon, pair_counts, repair_tokens


def _repaired(text: str, offered: dict[int, list[str]]) -> str:
    tokens = text.split()
    out = list(tokens)
    spellings = [offered.get(i, []) for i in range(len(tokens))]
    for repair in repair_tokens(tokens, pair_counts([tokens]), load_lexicon(), offered=spellings):
        out[repair.index] = repair.replaced
    return " ".join(out)


def test_mark_choices_of_tesseract_become_spellings() -> None:
    # "đề" read where the LSTM's second choice for the vowel is "ể" (and "ê", a mark dropped);
    # "3" is another letter, not offered.
    letters = ["đ", "ề"]
    choices = [["đ"], ["ề", "ể", "ê", "3"]]
    assert mark_variants(letters, choices) == ("để", "đê")
    assert mark_variants(["m", "a"], [["m"], ["a"]]) == ()


def test_tone_swap_outside_known_slips_needs_tesseracts_offer() -> None:
    # Hook read for an acute ("ma tủy") and a grave lost ("nhu câu") are no known slip:
    # without Tesseract offering the other spelling they stay, with it the context decides.
    assert _repaired("phòng, chống ma tủy trên địa bàn", {}) == "phòng, chống ma tủy trên địa bàn"
    assert _repaired("phòng, chống ma tủy trên địa bàn", {3: ["túy"]}) == "phòng, chống ma túy trên địa bàn"
    assert _repaired("nhu câu tiếp nhận thông tin", {1: ["cầu"]}) == "nhu cầu tiếp nhận thông tin"
    # An offer is no correction by itself: a reading its context backs stays.
    assert _repaired("kết quả kiểm tra cho thấy", {1: ["quá"]}) == "kết quả kiểm tra cho thấy"


def _stops(text: str) -> str:
    words = text.split()
    for i, new in inner_stops(words, load_lexicon().pairs, load_bigrams(), CORPUS_MIN):
        words[i] = new
    return " ".join(words)


def test_full_stop_before_a_lower_case_word() -> None:
    assert _stops("đôn đốc các Sở. ban, ngành") == "đôn đốc các Sở, ban, ngành"  # a comma's tail lost
    assert _stops("Tham mưu tiếp. tục duy trì") == "Tham mưu tiếp tục duy trì"  # a dot of dust
    # Real full stops: before a capital, a list marker, after a number or an abbreviation.
    for text in ("ma túy. Để tổ chức", "phòng, chống ma túy. b) Sở Y tế", "Điều 1. quy định", "v.v. các"):
        assert _stops(text) == text


def _colons(text: str) -> str:
    words = text.split()
    for i, new in list_colons(words):
        words[i] = new
    return " ".join(words)


def test_colon_between_semicolon_separated_items() -> None:
    read = "gồm: Xã Cát Tiên; Xã Ka Đô: Xã Tà Hine; Xã Bắc Ruộng: Xã Quảng Trực."
    assert _colons(read) == "gồm: Xã Cát Tiên; Xã Ka Đô; Xã Tà Hine; Xã Bắc Ruộng; Xã Quảng Trực."
    # An item that starts with a list marker keeps its label's colon; a new sentence starts afresh.
    kept = "a) Công an tỉnh: chủ trì; b) Sở Y tế: phối hợp. Nơi nhận: - Như trên;"
    assert _colons(kept) == kept
    # A heading in capitals, and a colon that opens a list, after a semicolon.
    for kept in ("Căn cứ Luật Ngân sách nhà nước; QUYẾT ĐỊNH: Điều 1.", "phối hợp; cụ thể như sau: - Tổ chức"):
        assert _colons(kept) == kept
