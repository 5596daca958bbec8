"""Tone-mark repair of OCR readings (pipeline.text.spelling) and the colour-scan image path.

The readings are Tesseract's on the 91-TTr-CAT-PC04.pdf scan and the seed
scan (what it gave before the repair); the meant text is the .doc draft and
the seed decision's text layer.
"""

from __future__ import annotations

import math
from collections import Counter
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageDraw

from pipeline.readers import raster
from pipeline.text.spelling import load_lexicon, pair_counts, repair_tokens

from conftest import KMT_SCAN, SEED_SCAN


def _repaired(text: str, document: list[str] | None = None, bigrams: dict | None = None) -> str:
    tokens = text.split()
    counts = pair_counts([tokens] + [d.split() for d in document or []])
    out = list(tokens)
    for repair in repair_tokens(tokens, counts, load_lexicon(), bigrams):
        out[repair.index] = repair.replaced
    return " ".join(out)


def test_dropped_hooks_and_acutes_come_back_with_the_documents_support() -> None:
    # Other pages of the same scan read the phrases right.
    document = ["Tổ chức triển khai thực hiện", "đẩy mạnh công tác", "phòng ngừa, đấu tranh chống tội phạm"]
    assert _repaired("- Tô chức triên khai hiệu quả", document) == "- Tổ chức triển khai hiệu quả"
    assert _repaired("- Đây mạnh công tác tuyên truyền", document) == "- Đẩy mạnh công tác tuyên truyền"
    assert _repaired("đâu tranh chông tội phạm", document) == "đấu tranh chống tội phạm"
    # One pair seen elsewhere is not enough: "Qua kiểm tra" at a line start stays.
    assert _repaired("Qua kiểm tra, đoàn đã", ["kết quả kiểm tra cho thấy"]) == "Qua kiểm tra, đoàn đã"
    # Tesseract writes the old tone placement ("tuý"); it is compared normalised ("túy").
    assert _repaired("chống ma tuý trên địa bàn", ["ma túy", "ma túy", "tệ nạn ma tủy"]) == "chống ma tuý trên địa bàn"
    # Punctuation and case stay as read.
    assert _repaired("tô chức, kiêm tra.", ["tổ chức thực hiện, kiểm tra định kỳ"]) == "tổ chức, kiểm tra."
    # "cách thế" is a listed word too; the seed's body text has "cải cách thể chế" read right.
    assert _repaired("I CẢI CÁCH THẾ CHẾ") == "I CẢI CÁCH THẾ CHẾ"
    assert _repaired("I CẢI CÁCH THẾ CHẾ", ["cải cách thể chế, hoàn thiện"]) == "I CẢI CÁCH THỂ CHẾ"


def test_listed_words_on_both_sides_are_enough_without_the_document() -> None:
    # "thúc đẩy" and "đẩy mạnh" are both listed.
    assert _repaired("cần thúc đây mạnh chuyển đổi số") == "cần thúc đẩy mạnh chuyển đổi số"
    # One side only is not enough, without the corpus bigrams ...
    assert _repaired("- Tô chức triên khai hiệu quả", bigrams={}) == "- Tô chức triên khai hiệu quả"
    # ... with them, "tổ chức" and "triển khai" (thousands of times in correct text, the readings never) are.
    assert _repaired("- Tô chức triên khai hiệu quả") == "- Tổ chức triển khai hiệu quả"
    # Seen in every page misread the same way: the corpus backs "bổ sung" (tt148's title).
    assert _repaired("Sửa đổi, bố sung một số điều") == "Sửa đổi, bổ sung một số điều"


def test_two_neighbouring_misreads_repaired_together() -> None:
    # Title of Chỉ thị 11/CT-UBND Hà Nội (scan, p1): both syllables of "chuyển đổi" misread,
    # so neither backs the other one at a time; the pair is listed and frequent in correct text.
    line = "Triển khai Chiến dịch “45 ngày đêm ra quân hỗ trợ hoạt động chuyền đối số"
    assert _repaired(line) == "Triển khai Chiến dịch “45 ngày đêm ra quân hỗ trợ hoạt động chuyển đổi số"
    # Without the corpus or the document backing the pair, nothing changes.
    assert _repaired(line, bigrams={}) == line
    assert _repaired(line, ["tạo và chuyển đổi số"], bigrams={}).endswith("chuyển đổi số")
    # The same misread on several pages of the scan (p1 twice, p2): the corpus outvotes it.
    assert _repaired(line, ["phục vụ chuyền đối số hiệu quả"]).endswith("chuyển đổi số")
    assert _repaired("mỗi xã có tôi thiêu 01 nhân sự") == "mỗi xã có tối thiểu 01 nhân sự"
    # A pair read right stays, and so does one whose reading is itself a word ("đối số" alone).
    for text in ("hoạt động chuyển đổi số", "giá trị của đối số", "Trần Văn Đối Số"):
        assert _repaired(text) == text


def test_a_pair_with_a_grave_lost() -> None:
    # KH Sở Y tế TP.HCM 2021 (scan, pp2-3): "thẩm quyền" read "thâm quyên" (the hook and the grave
    # lost: the pair as read is neither listed nor seen).
    line = "các văn bản quy phạm pháp luật do các cơ quan có thâm quyên ban hành"
    assert _repaired(line) == "các văn bản quy phạm pháp luật do các cơ quan có thẩm quyền ban hành"
    # Alone, a lost grave is no slip: one word's evidence is too weak ("yêu câu" stays, as the seed scan needs).
    assert _repaired("đảm bảo yêu câu đề ra") == "đảm bảo yêu câu đề ra"


def test_readings_that_make_words_stay() -> None:
    text = "Kế hoạch tổ chức thực hiện công tác phòng, chống ma túy trên địa bàn tỉnh"
    assert _repaired(text) == text
    # A province stays a province: "tỉnh" beside words it is written with.
    assert _repaired("Ủy ban nhân dân tỉnh Lâm Đồng") == "Ủy ban nhân dân tỉnh Lâm Đồng"
    assert _repaired("chỉ đạo của Ủy ban nhân dân tỉnh") == "chỉ đạo của Ủy ban nhân dân tỉnh"
    # Right text that a weaker rule changed (found by a new-user test on real documents).
    assert _repaired("nâng cao tinh thần trách nhiệm", ["nâng cao tính chủ động"]) == "nâng cao tinh thần trách nhiệm"
    assert _repaired("khen thưởng xứng đáng đối với tập thể", ["sự lãnh đạo của Đảng đối với công tác"]) == (
        "khen thưởng xứng đáng đối với tập thể"
    )
    assert _repaired("Sau 03 tháng kể từ khi có văn bản", ["thanh toán điện tử khi giải quyết"]) == (
        "Sau 03 tháng kể từ khi có văn bản"
    )
    for text in ("các cơ quan được giao chủ trì thực hiện", "thủ tục hành chính khi giải quyết hồ sơ",
                 "chế đã chỉ ra qua kết quả khảo sát", "bao gồm các khoản chi từ nguồn năm trước"):
        assert _repaired(text) == text


def test_the_document_outweighs_the_word_list() -> None:
    # A cell starting "tin điện tử": the word list knows "tín điện", but the same
    # document reads "thông tin điện tử" elsewhere, so "tin" stays.
    assert _repaired("tin điện tử tỉnh", ["Cổng thông tin điện tử của tỉnh"]) == "tin điện tử tỉnh"


def test_names_are_left_alone() -> None:
    assert _repaired("Phó Chủ tịch Lê Văn Hòa") == "Phó Chủ tịch Lê Văn Hòa"
    for name in ("NGUYỄN HỮU DUNG", "LÊ VĂN GIAO", "THÀNH PHỐ GIA NGHĨA"):
        assert _repaired(name) == name
    # A name in capitals stays even where the document backs the variant once ("văn bản").
    assert _repaired("TRẦN VĂN BAN", ["ban hành văn bản"]) == "TRẦN VĂN BAN"


def test_counts_without_the_sequence_itself_change_nothing_right() -> None:
    tokens = "Sở Nội vụ báo cáo kết quả kiểm tra công tác cải cách hành chính".split()
    assert repair_tokens(tokens, Counter(), load_lexicon()) == []


def test_pair_counts_skip_punctuation_between_words() -> None:
    counts = pair_counts([["phòng,", "chống", "ma", "túy."]])
    assert counts == Counter({("chống", "ma"): 1, ("ma", "túy"): 1})


def test_colour_scan_is_read_from_its_own_pixels_by_the_darkest_channel() -> None:
    pdf = pdfium.PdfDocument(str(KMT_SCAN))
    try:
        image = raster.scan_image(pdf[3], 300)
    finally:
        pdf.close()
    assert image is not None and image.shape == (math.ceil(841.89 * 300 / 72), math.ceil(595.276 * 300 / 72))
    rendered = raster.render(KMT_SCAN, 4)
    assert rendered.shape == image.shape
    # The darkest channel keeps the colour fringes as ink: more dark pixels than a luminance rendering.
    assert int((image < 128).sum()) > int((rendered < 128).sum() * 0.9)


def test_gray_scan_is_left_to_pdfium() -> None:
    pdf = pdfium.PdfDocument(str(SEED_SCAN))
    try:
        assert raster.scan_image(pdf[0], 300) is None
    finally:
        pdf.close()
    assert raster.render(SEED_SCAN, 1).dtype == np.uint8


def _colour_scan(path: Path, crop: tuple[float, float, float, float] | None = None, rotate: int = 0) -> Path:
    """A one-page A4 PDF holding one 200 dpi RGB image (a colour scan), optionally cropped or turned."""
    image = Image.new("RGB", (1654, 2339), "white")
    ImageDraw.Draw(image).rectangle((100, 100, 800, 300), fill=(0, 0, 255))  # a blue block at the top left
    image.save(path, "PDF", resolution=200)
    pdf = pdfium.PdfDocument(str(path))
    if crop:
        pdf[0].set_cropbox(*crop)
    if rotate:
        pdf[0].set_rotation(rotate)
    pdf.save(str(path.with_suffix(".out.pdf")))
    pdf.close()
    return path.with_suffix(".out.pdf")


def test_cropped_or_turned_scans_are_left_to_pdfium(tmp_path: Path) -> None:
    plain = _colour_scan(tmp_path / "plain.pdf")
    cropped = _colour_scan(tmp_path / "cropped.pdf", crop=(0, 421, 595.44, 842.04))
    turned = _colour_scan(tmp_path / "turned.pdf", rotate=90)
    pdf = pdfium.PdfDocument(str(plain))
    try:
        assert raster.scan_image(pdf[0], 300) is not None
    finally:
        pdf.close()
    for path in (cropped, turned):
        pdf = pdfium.PdfDocument(str(path))
        try:
            assert raster.scan_image(pdf[0], 300) is None, path.name
        finally:
            pdf.close()
    # What is drawn: the top half only, the blue block in its top left corner.
    image, size = raster.render_with_size(cropped, 1)
    assert abs(size[0] - 595.44) < 1 and abs(size[1] - 421.04) < 1
    assert image.shape == (math.ceil(size[1] * 300 / 72), math.ceil(size[0] * 300 / 72))
    assert image[300, 600] < 128 and image[image.shape[0] - 50, 600] > 200
    # /Rotate 90: the page is shown landscape and its size says so once (not turned twice).
    image, size = raster.render_with_size(turned, 1)
    assert size[0] > size[1] and image.shape[1] > image.shape[0]


def test_dot_of_i_read_as_hook() -> None:
    # Seed scan 4032 (body and appendix) and Lâm Đồng appendix scan: Tesseract
    # reads the dot of an "i" as a hook, "tinh thần" as "tỉnh thần", "chi tiết"
    # as "chỉ tiết"; the word list has "tỉnh thần" too, but correct text never
    # writes it and writes "tinh thần" (corpus bigrams), so the reading loses.
    assert _repaired("phù hợp với tỉnh thần Nghị quyết") == "phù hợp với tinh thần Nghị quyết"
    assert _repaired("Theo phụ lục chỉ tiết đính kèm") == "Theo phụ lục chi tiết đính kèm"
    # Only the i: a hook on another vowel is not taken for a dot ("bảo vệ" stays).
    assert _repaired("nhiệm vụ bảo vệ an ninh") == "nhiệm vụ bảo vệ an ninh"


def test_capitals_of_same_shape_letters_in_running_text() -> None:
    # Lâm Đồng appendix, seed and 91-TTr scans: v, s, c, o look alike in both
    # cases and Tesseract gave whole words capitals.
    assert _repaired("hiện của đơn VỊ.") == "hiện của đơn vị."
    assert _repaired("toàn ngành, lĩnh VỰC. Tăng cường") == "toàn ngành, lĩnh vực. Tăng cường"
    assert _repaired("tăng cường cơ SỞ vật chất") == "tăng cường cơ sở vật chất"
    # Headings, abbreviations and names stay.
    for text in ("I CẢI CÁCH THỂ CHẾ", "Sở Công Thương chủ trì", "theo Chỉ số CCHC cấp tỉnh", "của Chính phủ"):
        assert _repaired(text) == text


def test_dash_told_by_its_width() -> None:
    # Word boxes (points) Tesseract gave on the seed scan, page 8 and 6: a hyphen
    # 3.6 wide and an en dash 6.72 wide (read "-"), one read "—" 6.96 wide, in
    # lines of words 9.84 high; on 91-TTr a hyphen 3.36 wide among words 11.52 high.
    from pipeline.readers.ocr_dashes import restore_dashes

    def line(dash: str, width: float, height: float) -> list[dict]:
        words = [("năm", 0.0, 18.0), (dash, 20.0, 20.0 + width), ("2016", 28.0, 50.0)]
        return [{"text": t, "x0": a, "x1": b, "top": 0.0, "bottom": height} for t, a, b in words]

    cases = [("-", 6.72, 9.84, "–"), ("—", 6.96, 9.84, "–"), ("—-", 6.72, 9.84, "–"), ("-", 3.6, 9.84, "-"),
             ("-", 3.36, 11.52, "-")]
    for read, width, height, printed in cases:
        words = line(read, width, height)
        restore_dashes(words)
        assert words[1]["text"] == printed, (read, width)
