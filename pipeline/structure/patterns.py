"""Vietnamese patterns for the Decree 30/2020/NĐ-CP layout, named and commented.

Every regex here runs on text already passed through
:func:`pipeline.text.normalize` (NFC, government tone marks, folded spaces).
"""

from __future__ import annotations

import re

#: Tên loại văn bản (Decree 30/2020, Appendix III) as printed in capitals on the
#: type line, mapped to the sentence-case name stored in ``doc_type``.
DOC_TYPES: dict[str, str] = {
    name.upper(): name
    for name in (
        "Quyết định", "Kế hoạch", "Báo cáo", "Tờ trình", "Chỉ thị", "Thông báo",
        "Nghị quyết", "Chương trình", "Đề án", "Phương án", "Hướng dẫn", "Quy chế",
        "Quy định", "Giấy mời", "Biên bản", "Công điện", "Thông tư", "Nghị định",
        "Luật", "Công văn", "Kết luận", "Thông tư liên tịch", "Dự án", "Tờ trình",
    )
}

#: "Số: 4032/QĐ-UBND", "Số: 14/2015/QĐ-UBND", "Số:    /KH-UBND" (number left blank
#: until signing). Group ``number`` is everything after the colon.
NUMBER_LINE = re.compile(r"^Số\s*[:.]?\s*(?P<number>\S.*?)\s*$", re.IGNORECASE)
#: A number and symbol: sequence (may be empty), optional year, symbol.
NUMBER = re.compile(
    r"^(?P<seq>[0-9]+[a-zA-Z]?)?\s*/\s*(?:(?P<year>(?:19|20)\d\d)\s*/\s*)?(?P<symbol>[^\s/][^\s]*)$"
)

#: Địa danh và thời gian: "Khánh Hòa, ngày 27 tháng 12 năm 2016"; day and month
#: may be blank in unsigned drafts ("ngày    tháng 12 năm 2025").
PLACE_DATE = re.compile(
    r"^(?P<place>[^,\d][^,]*?)\s*,\s*ngày\s*(?P<day>\d{1,2})?\s*tháng\s*(?P<month>\d{1,2})?"
    r"\s*năm\s*(?P<year>\d{4})",
    re.IGNORECASE,
)

#: Lines of dashes or underscores drawn under the issuer and the motto.
SEPARATOR = re.compile(r"^[\s\-_–—=.…*]+$")

#: Quốc hiệu và tiêu ngữ.
MOTTO = re.compile(r"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM|Độc lập\s*-\s*Tự do\s*-\s*Hạnh phúc", re.I)

#: Opening words of the preamble (legal bases, recitals) that end the title.
PREAMBLE_START = re.compile(r"^(Căn cứ|Xét đề nghị|Theo đề nghị|Thực hiện|Xét)\b")

#: "(Ban hành kèm theo Quyết định số …)" under an attached plan's title.
ATTACHED_BY = re.compile(r"^\(?\s*(Ban hành )?kèm theo", re.IGNORECASE)

#: Nơi nhận (recipients) heading.
RECIPIENTS_HEAD = re.compile(r"^Nơi nhận\s*:?", re.IGNORECASE)

#: Thẩm quyền ký (signing capacity): TM. (thay mặt), KT. (ký thay), Q. (quyền),
#: TL. (thừa lệnh), TUQ. (thừa ủy quyền).
CAPACITY = re.compile(r"^(?P<cap>TM|KT|Q|TL|TUQ)\s*\.\s*(?P<rest>.+)$")

#: Lines in the signature column that are not the signer's name.
NOT_A_NAME = re.compile(r"^\(?\s*(đã ký|ký|ký tên|ký, ghi rõ|ký và đóng dấu)\b", re.IGNORECASE)

#: Roman numerals used for appendix sections and plan parts (I … XX).
ROMAN = re.compile(r"^(?P<numeral>X{0,2}(?:IX|IV|V?I{0,3}))(?:\s*[.:\-–]\s*|\s+|$)(?P<title>.*)$")

#: Roman numerals I … XX in order, to infer a section numeral lost in an export.
ROMAN_NUMERALS: tuple[str, ...] = (
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X",
    "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII", "XVIII", "XIX", "XX",
)

#: "năm 2017", "giai đoạn 2026-2030": the plan's year (first year of a range).
PLAN_YEAR = re.compile(r"(?:năm|giai đoạn)\s+((?:19|20)\d\d)", re.IGNORECASE)

#: Appendix column headers, matched on folded header text, in priority order.
COLUMN_HEADERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ordinal", ("stt", "tt", "số tt", "số thứ tự")),
    ("assignment", ("phân công",)),
    ("lead", ("chủ trì",)),
    ("coordinate", ("phối hợp",)),
    ("monitor", ("theo dõi", "đôn đốc", "kiểm tra")),
    ("deadline", ("tiến độ", "thời gian", "thời hạn")),
    ("product", ("sản phẩm", "kết quả")),
    ("task", ("nhiệm vụ", "nội dung", "tên nhiệm vụ")),
)
