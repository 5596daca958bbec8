"""Vietnamese patterns for the Decree 30/2020/NĐ-CP layout, named and commented.

Every regex here runs on text already passed through
:func:`pipeline.text.normalize` (NFC, government tone marks, folded spaces).
"""

from __future__ import annotations

import re

from pipeline.model.task_columns import header_vocabulary

#: Tên loại văn bản (Decree 30/2020, Appendix III) as printed in capitals on the
#: type line, mapped to the sentence-case name stored in ``doc_type``.
DOC_TYPES: dict[str, str] = {
    name.upper(): name
    for name in (
        "Quyết định", "Kế hoạch", "Báo cáo", "Tờ trình", "Chỉ thị", "Thông báo",
        "Nghị quyết", "Chương trình", "Đề án", "Phương án", "Hướng dẫn", "Quy chế",
        "Quy định", "Giấy mời", "Biên bản", "Công điện", "Thông tư", "Nghị định",
        "Luật", "Công văn", "Kết luận", "Thông tư liên tịch", "Dự án", "Tờ trình",
        "Hiến pháp", "Bộ luật", "Pháp lệnh", "Lệnh", "Nghị quyết liên tịch",
    )
}

#: "Số: 4032/QĐ-UBND", "Số: 14/2015/QĐ-UBND", "Số:    /KH-UBND" (number left blank
#: until signing), "Luật số: 27/2001/QH10". Group ``number`` is everything after the colon.
NUMBER_LINE = re.compile(
    r"^(?:(?:Luật|Bộ luật|Pháp lệnh|Lệnh)\s+số\s*:|Số\s*[:.]?)\s*(?P<number>\S.*?)\s*$", re.IGNORECASE
)
#: The adoption sentence closing a law or resolution without a date line: "Luật này đã được
#: Quốc hội … khóa X, kỳ họp thứ 9 thông qua ngày 29 tháng 6 năm 2001."
ADOPTED_ON = re.compile(
    r"\bthông qua\s+ngày\s*(?P<day>\d{1,2})\s*tháng\s*(?P<month>\d{1,2})\s*năm\s*(?P<year>(?:19|20)\d\d)",
    re.IGNORECASE,
)
#: A number and symbol: sequence (may be empty; decimal in series such as "66.18/2026/NQ-CP"),
#: optional year, symbol. The symbol starts with a letter (its type code, "TT-BCA"), so an
#: OCR'd "4/#/2020/TT-BCA" is no number (it is read as unreadable, not as symbol "#/2020/…").
NUMBER = re.compile(
    r"^(?P<seq>[0-9]+(?:\.[0-9]+)?[a-zA-Z]?)?\s*/\s*(?:(?P<year>(?:19|20)\d\d)\s*/\s*)?(?P<symbol>[^\W\d_][^\s]*)$"
)

#: A full stop printed (or dust read) between the sequence and the "/" of the number:
#: "Số: 3070. /KH-UBND" (KH 3070/KH-UBND Bỉm Sơn, 2024); the number is "3070/KH-UBND".
NUMBER_STRAY_STOP = re.compile(r"(?<=\d)\.(?=/)")

#: The symbol at the end of a number whose sequence is unreadable (handwritten
#: "Số: ⁄Z⁄46 /QĐ-UBND" as OCR reads it): the last "/" and a capitalised symbol.
TRAILING_SYMBOL = re.compile(r"^(?P<seq>.*?)/(?P<symbol>[A-ZĐ][A-Za-zĐđ]*(?:-[A-ZĐ][A-Za-zĐđ0-9]*)+)$")
#: A place and date line whose day is unreadable (handwritten "ngày 16" read as
#: "ngày 4 6tháng"): at most 8 characters other than "tháng" between "ngày" and "tháng".
PLACE_DATE_ROUGH_DAY = re.compile(
    r"^(?P<place>[^,\d][^,]*?)\s*,\s*ngày(?P<day>(?:(?!tháng).){1,8}?)\s*tháng\s*(?P<month>\d{1,2})"
    r"\s*năm\s*(?P<year>\d\s?\d\s?\d\s?\d)",
    re.IGNORECASE,
)

#: A place and date line whose day and month are both unreadable (handwritten "ngày 25
#: tháng 02" read as "ngày<2Õtháng ÓỆ"): at most 8 and 6 characters in the blanks.
PLACE_DATE_ROUGH = re.compile(
    r"^(?P<place>[^,\d][^,]*?)\s*,\s*ngày(?P<day>(?:(?!tháng).){0,8}?)\s*tháng(?P<month>(?:(?!năm).){1,6}?)"
    r"\s*năm\s*(?P<year>\d\s?\d\s?\d\s?\d)",
    re.IGNORECASE,
)

#: Địa danh và thời gian: "Khánh Hòa, ngày 27 tháng 12 năm 2016"; day and month
#: may be blank in unsigned drafts ("ngày    tháng 12 năm 2025").
PLACE_DATE = re.compile(
    r"^(?P<place>[^,\d][^,]*?)\s*,\s*ngày\s*(?P<day>\d{1,2})?\s*tháng\s*(?P<month>\d{1,2})?"
    r"\s*năm\s*(?P<year>\d\s?\d\s?\d\s?\d)",
    re.IGNORECASE,
)

#: A number or place-date line cut short where its text wrapped onto the next line of the same
#: column (a narrow header cell; a Word cell typed with one paragraph per printed line):
#: "Số:" / "2682/QĐ-UBND", "Luật số:" / "27/2001/QH10", "Cần Thơ, ngày 18" / "tháng 11 năm 2025", "Đồng Tháp," / "ngày 19 …".
#: Read joined with its continuation; the join must then match NUMBER_LINE or PLACE_DATE.
WRAPPED_HEAD_START = re.compile(
    r"^(?:(?:(?:Luật|Bộ luật|Pháp lệnh|Lệnh)\s+)?Số\s*:?|[^,\d][^,]{0,40},(?:\s*ngày(?:\s*\d{1,2})?(?:\s*tháng(?:\s*\d{1,2})?(?:\s*năm)?)?)?)\s*$",
    re.IGNORECASE,
)

#: Lines of dashes or underscores drawn under the issuer and the motto.
SEPARATOR = re.compile(r"^[\s\-_–—=.…*]+$")

#: A lone filing code typed into the header block: one token mixing letters and digits ("XV80").
STRAY_CODE = re.compile(r"^(?=\S*\d)(?=\S*[A-Za-z])[A-Za-z0-9]{2,8}$")

#: Quốc hiệu và tiêu ngữ.
MOTTO = re.compile(r"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM|Độc lập\s*[-–—]\s*Tự do\s*[-–—]\s*Hạnh phúc", re.I)

#: The older gazette form that prints issuer, number and date in the title under the type line
#: ("QUYẾT ĐỊNH / CỦA THỦ TƯỚNG CHÍNH PHỦ SỐ 115/2004/QĐ-TTG / NGÀY 25 THÁNG 6 NĂM 2004 VỀ VIỆC …"),
#: as Công báo printed before Decree 110/2004 and legal databases copy it.
TITLE_LINE_HEADER = re.compile(
    r"^CỦA\s+(?P<issuer>.+?)\s+SỐ\s*:?\s*(?P<number>\d[^\s]*/[^\s]+)\s+NGÀY\s+"
    r"(?:(?P<day>\d{1,2})\s+THÁNG\s+(?P<month>\d{1,2})\s+NĂM\s+(?P<year>\d{4})|"
    r"(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})\s*[/.-]\s*(?P<y>\d{4}))\s*(?P<title>.*)$",
    re.IGNORECASE,
)
#: Symbol codes written in mixed case, restored in a number printed in capitals ("QĐ-TTG" → "QĐ-TTg").
MIXED_CASE_CODES = {"TTG": "TTg"}

#: Opening words of the preamble (legal bases, recitals) that end the title.
PREAMBLE_START = re.compile(r"^(Căn cứ|Xét đề nghị|Theo đề nghị|Thực hiện|Xét)\b")

#: Headings that open the text under a title: a preamble heading or the first chapter.
TITLE_END_HEADING = re.compile(r"^(?:LỜI NÓI ĐẦU|LỜI MỞ ĐẦU|MỤC LỤC|Chương\s+(?:[IVXLC]+|\d+)\b)", re.IGNORECASE)

#: "(Ban hành kèm theo Quyết định số …)" under an attached plan's title.
ATTACHED_BY = re.compile(r"^\(?\s*(Ban hành )?kèm theo", re.IGNORECASE)

#: Nơi nhận (recipients) heading.
RECIPIENTS_HEAD = re.compile(r"^Nơi nhận\s*:?", re.IGNORECASE)

#: Thẩm quyền ký (signing capacity): TM. (thay mặt), KT. (ký thay), Q. (quyền),
#: TL. (thừa lệnh), TUQ. (thừa ủy quyền).
CAPACITY = re.compile(r"^\**(?P<cap>TM|KT|Q|TL|TUQ)\s*\.\s*(?P<rest>.+)$")

#: Chức vụ (position) of a signer, in capitals: "PHÓ CHỦ TỊCH", "THỦ TƯỚNG", "BỘ TRƯỞNG",
#: "GIÁM ĐỐC", "PHÓ TRƯỞNG BAN", "CỤC TRƯỞNG", "CHÁNH VĂN PHÒNG", "CHỦ NHIỆM", "TỔ TRƯỞNG THƯỜNG TRỰC".
POSITION = re.compile(
    r"^(?:PHÓ\s+|Q\.\s*)?(?:CHỦ TỊCH|THỦ TƯỚNG|(?:TỔNG\s+)?GIÁM ĐỐC|TRƯỞNG\b|CHÁNH\b|CHỦ NHIỆM|THỐNG ĐỐC|"
    r"BÍ THƯ|TỔNG THANH TRA|TỔNG KIỂM TOÁN|(?:[A-ZĐÀ-Ỹ]+\s+){1,2}TRƯỞNG\b)"
)
#: Military, police and academic ranks printed before a signer's name ("Đại tá", "Thiếu tướng", "TS.").
SIGNER_RANK = re.compile(
    r"^(?:(?:Đại|Thượng|Trung|Thiếu)\s+(?:tá|tướng|úy|uý)|Đại tướng|(?:PGS\.\s*)?TS\.?|ThS\.?|GS\.(?:\s*TS\.)?|BS\.|KS\.)\s+"
)
#: Running head of a gazette print in the page's top margin: "CÔNG BÁO/Số 242/Ngày 22-04-2026 50".
RUNNING_HEAD = re.compile(r"^CÔNG BÁO\s*/\s*Số\s*\d+", re.IGNORECASE)

#: Lines in the signature column that are not the signer's name.
NOT_A_NAME = re.compile(r"^\(?\s*(đã ký|ký|ký tên|ký, ghi rõ|ký và đóng dấu)\b", re.IGNORECASE)

#: Roman numerals used for appendix sections and plan parts (I … XX).
ROMAN = re.compile(r"^(?P<numeral>X{0,2}(?:IX|IV|V?I{0,3}))(?:\s*[.:\-–]\s*|\s+|$)(?P<title>.*)$")

#: Roman numerals I … XX in order, to infer a section numeral lost in an export.
ROMAN_NUMERALS: tuple[str, ...] = (
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X",
    "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII", "XVIII", "XIX", "XX",
)


#: Task-table column headers (tiêu đề cột), matched on folded header text, in
#: priority order: the first field whose cue occurs in a header cell takes the
#: column ("Cơ quan chủ trì thực hiện" is the lead, not an assignment; "Phân công
#: nhiệm vụ" an assignment, not a task; "Nhiệm vụ thực hiện" a task). ``ordinal``
#: cues must equal the whole cell (or start it, "Thứ tự các bước"). Issue 11 item 3;
#: the vocabulary lives in the task-column registry (:mod:`pipeline.model.task_columns`).
COLUMN_HEADERS: tuple[tuple[str, tuple[str, ...]], ...] = header_vocabulary()

#: A column-number row under a header: "(1) (2) (3)", "1 2 3", "A B 1", "4=3/2", "(5)=(3)+(4)".
COLUMN_NUMBER_CELL = re.compile(r"^\(?[0-9A-Z]{1,2}\)?(?:\s*[=+\-*/x×]\s*\(?[0-9A-Z]{1,2}\)?)*$")

#: Ordinal of a task row as printed: "1", "1.", "2)", "1.1", "1.2.3", "a", "a)", "b.", "-", "+", "*",
#: "Bước 1", "Mục 2", "Mẫu số 01". Group ``number`` holds the numeral(s).
ORDINAL = re.compile(
    r"^(?:(?:Bước|Mục|Mẫu số|Nhiệm vụ)\s+)?(?P<number>\d{1,3}(?:\.\d{1,3}){0,3}|[a-zđ])"
    r"\s*[.):]?$|^[-+*•–]$",
    re.IGNORECASE,
)

#: A section (group) row's marker in the ordinal cell: Roman numeral (I, II), capital
#: letter (A, B), "Phần I", "Phần thứ nhất", "Chương II", then an optional title.
SECTION_MARK = re.compile(
    r"^(?:(?:Phần|Chương|Mục)\s+(?:thứ\s+\w+|[IVXLC]+|\d+)|(?P<roman>X{0,2}(?:IX|IV|V?I{1,3}|V|X))|"
    r"(?P<letter>[A-DĐ]))(?:\s*[.:\-–)]\s*|\s+|$)(?P<title>.*)$",
    re.DOTALL,
)

#: A table's label line above it: "Phụ lục II", "PHỤ LỤC 3" (group ``label``), or a
#: numbered heading "II. Đánh giá cấp Nhà nước", "B. DANH MỤC …" (``numeral``, ``title``).
TABLE_LABEL = re.compile(r"^(?P<label>Phụ\s*lục\s+(?:[IVX]+|\d+)(?:\.\d+)?)\b", re.IGNORECASE)
TABLE_HEADING = re.compile(r"^(?P<numeral>X{0,2}(?:IX|IV|V?I{1,3}|V|X)|[A-DĐ])\s*\.\s*(?P<title>\S.*)$")

#: A closing total or note row of a procedure-step table ("Tổng thời gian giải quyết …",
#: "- Thời gian giải quyết TTHC:"), and a "Ghi chú:" / "Lưu ý:" note row.
NOTE_ROW = re.compile(r"^[-–+*]?\s*(?:Tổng(?:\s+cộng|\s+thời gian)?|Ghi chú|Lưu ý|Thời gian giải quyết)\b", re.IGNORECASE)


# --- Citations of other documents (issue 3) -------------------------------------

#: Types of cited documents, as printed (any case), mapped to the base type.
#: Longest first so "Thông tư liên tịch" wins over "Thông tư".
CITED_TYPES: dict[str, str] = {
    "bộ luật": "Bộ luật", "luật": "Luật", "pháp lệnh": "Pháp lệnh", "hiến pháp": "Hiến pháp",
    "nghị định": "Nghị định", "nghị quyết liên tịch": "Nghị quyết liên tịch",
    "nghị quyết": "Nghị quyết", "quyết định": "Quyết định",
    "thông tư liên tịch": "Thông tư liên tịch", "thông tư": "Thông tư", "chỉ thị": "Chỉ thị",
    "kế hoạch hành động": "Kế hoạch", "kế hoạch": "Kế hoạch",
    "chương trình hành động": "Chương trình", "chương trình": "Chương trình",
    "công văn": "Công văn", "văn bản": "Công văn", "tờ trình": "Tờ trình", "báo cáo": "Báo cáo",
    "kết luận": "Kết luận", "thông báo kết luận": "Thông báo", "thông báo": "Thông báo",
    "đề án": "Đề án", "hướng dẫn": "Hướng dẫn", "công điện": "Công điện", "đơn đề nghị": "Đơn đề nghị",
    "quy định": "Quy định", "quy chế": "Quy chế", "phương án": "Phương án",
}
#: Acts cited by name, usually without a number ("Luật Tổ chức chính quyền địa phương").
NAMED_ACTS = frozenset({"Luật", "Bộ luật", "Pháp lệnh", "Hiến pháp"})

CITED_TYPE_ALTERNATION = "|".join(sorted((re.escape(k) for k in CITED_TYPES), key=len, reverse=True))
#: A document type word at a word start (case-insensitive, matched on the text).
CITED_TYPE = re.compile(rf"(?<![\w/])(?P<type>{CITED_TYPE_ALTERNATION})(?!\w)", re.IGNORECASE)

#: Number and symbol of a cited document: "30c/NQ-CP", "14/2015/QĐ-UBND",
#: "202-KL/BCS", "285/CCTTHC", "04/2010/TTLT-UBDT-BNV", "629/QĐ-BNN-QLCL".
DOC_NUMBER = re.compile(
    r"(?P<number>\d{1,5}[a-zA-Z]?(?:-[A-ZĐ]{1,6})?\s?/\s?(?:(?:19|20)\d\d\s?/\s?)?"
    r"[A-ZĐ][A-ZĐa-zđ0-9&.]*(?:-[A-ZĐ0-9][A-ZĐa-zđ0-9&]*)*"
    r"|\d{1,5}-[A-ZĐ]{1,6}/[A-ZĐ][A-ZĐ0-9&-]*)"
)
#: "số" before a number (may be glued or missing).
NUMBER_WORD = re.compile(r"\s*(?:số\s*[:.]?\s*)?", re.IGNORECASE)

#: A date: "08/11/2011", "8-11-2011", "08 tháng 9 năm 2009", "ngày20/6/2013".
DATE = re.compile(
    r"(?P<day>\d{1,2})\s*(?:/|-|\.|\s+tháng\s+)\s*(?P<month>\d{1,2})\s*(?:/|-|\.|\s+năm\s+)\s*(?P<year>(?:19|20)\d\d)",
    re.IGNORECASE,
)
#: "ngày DATE" right after a number or a law's name (a comma may come first).
DATE_AFTER = re.compile(r"\s*,?\s*(?:ban hành\s+)?ngày\s*" + DATE.pattern, re.IGNORECASE)
#: "năm 2003" after a law's name: the year only (no date).
YEAR_AFTER = re.compile(r"\s*,?\s*năm\s+(?P<year>(?:19|20)\d\d)\b", re.IGNORECASE)
#: "của <issuer>" right after the number/date.
OF_ISSUER = re.compile(r"\s*,?\s*của\s*", re.IGNORECASE)
#: Where a stated issuer ends and the description (trích yếu) begins.
ISSUER_END = re.compile(
    r"\s+(?:về việc|về|v/v|ban hành|phê duyệt|quy định|hướng dẫn|thực hiện|sửa đổi|bổ sung|"
    r"công bố|thành lập|triển khai|giao|tại|kèm theo|Kết luận|thông báo|ngày|số|như sau|đã|đến|cho|"
    r"gắn với|để|nhằm|trong|theo|đối với|được|đang|sẽ|có hiệu lực)\b"
    r"|\s*[;,.:()“”\"]|\s*$",
)
#: Position words dropped from a stated issuer ("Giám đốc Sở Nội vụ" → "Sở Nội vụ").
POSITION_PREFIX = re.compile(
    r"^(?:(?:Phó\s+)?(?:Bộ trưởng|Thứ trưởng|Tổng Giám đốc|Giám đốc|Chủ tịch|Chủ nhiệm|Vụ trưởng|"
    r"Cục trưởng|Chi cục trưởng|Viện trưởng|Tổ trưởng|Thủ trưởng|Trưởng ban|Trưởng|Chánh án|Chánh)"
    r"\s+)(?=[A-ZĐÂĂÊÔƠƯÀ-Ỹ]|UBND|HĐND)",
)
#: Abbreviations spelt out in stated issuers.
ISSUER_ABBREVIATIONS: tuple[tuple[str, str], ...] = (
    (r"\bUBND\b", "Ủy ban nhân dân"),
    (r"\bHĐND\b", "Hội đồng nhân dân"),
    (r"\bUBMTTQ\s*VN\b", "Ủy ban Mặt trận Tổ quốc Việt Nam"),
)
#: Central bodies whose name is complete on its own (what follows is the title).
CENTRAL_BODIES = (
    "Ủy ban Thường vụ Quốc hội", "Thủ tướng Chính phủ", "Văn phòng Chính phủ", "Chính phủ", "Quốc hội",
    "Chủ tịch nước",
)
#: A proposer named before "tại <citation>" in a recital ("Giám đốc Sở Nội vụ tại Tờ trình …").
AT_CITATION = re.compile(r"\s+tại\s*$", re.IGNORECASE)
#: Separators between chained documents sharing one "Căn cứ" (and in recitals).
CHAIN_GAP = re.compile(r"^[\s,;:]*(?:(?:và|cùng)\s+)?(?:các\s+văn\s+bản\s*:?\s*)?$", re.IGNORECASE)
#: Type codes of a document symbol ("QĐ" in "4032/QĐ-UBND") for typeless "số …" mentions.
SYMBOL_TYPES: dict[str, str] = {
    "QĐ": "Quyết định", "NQ": "Nghị quyết", "NĐ": "Nghị định", "TT": "Thông tư", "TTLT": "Thông tư liên tịch",
    "CT": "Chỉ thị", "KH": "Kế hoạch", "CTr": "Chương trình", "TB": "Thông báo", "BC": "Báo cáo",
    "TTr": "Tờ trình", "KL": "Kết luận", "HD": "Hướng dẫn", "CĐ": "Công điện", "ĐA": "Đề án", "CV": "Công văn",
    "PA": "Phương án",
}

# --- Preamble, body, closing (issue 3) ---------------------------------------------

#: Kinds of preamble clauses, at the start of a paragraph (capitalised).
#: "Căn cứ" in any case after its capital (OCR reads "Căn Cứ", portal exports print "CĂN CỨ").
BASIS_KIND = re.compile(r"^(?P<kind>C(?i:ăn cứ)|Xét đề nghị|Theo đề nghị|Thực hiện|Xét)\b\s*")
#: The enacting formula line ending the preamble: "QUYẾT ĐỊNH:" / "QUYẾT NGHỊ:".
ENACTING = re.compile(r"^(QUYẾT ĐỊNH|QUYẾT NGHỊ|CHỈ THỊ|BAN HÀNH)\s*:?\s*$")
#: "Điều 1." / "Điều 3 ." / "Điều 1:" with an optional heading after it; "Điều 1" alone on its
#: line (laws and the Constitution print article headings without a full stop).
ARTICLE = re.compile(r"^Điều\s+(?P<number>\d+[a-z]?)\s*(?:[.:]\s*(?P<rest>.*)|$)", re.DOTALL)
#: Articles are numbered in sequence: a "Điều n." more than this far past the last article is a
#: quoted article of another act ("… tại Điều 10." wrapped to the start of a line), not a new one.
ARTICLE_STEP_MAX = 3
#: Numbered clause "1." / "2)" and lettered point "a)" / "đ)".
CLAUSE = re.compile(r"^(?P<number>\d{1,2})\s*[.)]\s+(?P<rest>\S.*)$", re.DOTALL)
POINT = re.compile(r"^(?P<number>[a-zđ])\s*\)\s*(?P<rest>\S.*)$", re.DOTALL)
#: A bullet item "- …", "+ …", "• …" (not "- 2020;" which continues a range).
BULLET = re.compile(r"^(?P<mark>[-–+•*])\s+(?!(?:19|20)\d\d\s*[;,.)]|(?:19|20)\d\d$)(?P<rest>\S.*)$", re.DOTALL)
#: A plan section "I. MỤC TIÊU" (Roman numeral, then a capitalised title).
SECTION = re.compile(r"^(?P<numeral>X{0,2}(?:IX|IV|V?I{1,3}|V|X))\s*[.:\-–]\s*(?P<title>\S.*)$", re.DOTALL)
#: Part heading "Phần I" in long plans.
PART_HEADING = re.compile(r"^Phần\s+(?P<numeral>[IVX]+|thứ\s+\w+)\b", re.IGNORECASE)
#: "Lưu: VT, NC" — the archive note closing the recipients.
ARCHIVE = re.compile(r"^[-–+•]?\s*Lưu\s*:?\s*(?P<note>.*)$", re.IGNORECASE)
#: "Kính gửi: …" of submissions and letters.
ADDRESSEE = re.compile(r"^Kính\s+gửi\s*:?\s*(?P<to>.*)$", re.IGNORECASE)
#: "V/v: …" trích yếu of an official letter (công văn).
LETTER_TITLE = re.compile(r"^(?:V/v|Về việc)\s*:?\s*(?P<title>\S.*)$", re.IGNORECASE)
#: The sender line of a Công điện (telegram) under its title: "THỦ TƯỚNG CHÍNH PHỦ điện:" (the
#: sender in capitals: checked by the caller).
TELEGRAM_SENDER = re.compile(r"^(?P<sender>\S.*?)\s+(?:điện|ĐIỆN)\s*:\s*$")
#: A letter's trích yếu printed "Về …" (not "V/v"): taken only right under the number line.
LETTER_ABOUT = re.compile(r"^(?P<title>Về\s+\S.*)$")
#: The enacting authority line (thẩm quyền ban hành) above "Căn cứ".
AUTHORITY = re.compile(
    r"^(?:CHỦ TỊCH|PHÓ CHỦ TỊCH|ỦY BAN|BỘ TRƯỞNG|THỦ TƯỚNG|GIÁM ĐỐC|HỘI ĐỒNG|TRƯỞNG BAN|CHÍNH PHỦ|"
    r"UBND|TỔNG GIÁM ĐỐC|CHÁNH|CỤC TRƯỞNG|VỤ TRƯỞNG)\b"
)
#: Units after which a place name is expected ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH" lacks it).
BARE_UNIT_END = re.compile(r"\s(?:tỉnh|thành phố|huyện|quận|thị xã)$", re.IGNORECASE)
#: Provinces that are centrally-run cities ("thành phố Cần Thơ").
CITY_PROVINCES = frozenset({"Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Huế"})
#: First words of an issuing body, in any case ("Ủy ban nhân dân …", "UBND tỉnh …", "Bộ Nội vụ").
ISSUER_START = re.compile(
    r"^(?:ủy ban|uỷ ban|ubnd|hđnd|hội đồng|bộ|sở|ban|văn phòng|thủ tướng|chính phủ|tổng cục|cục|chi cục|"
    r"công an|thanh tra|trung tâm|đảng ủy|tỉnh ủy)\b",
    re.IGNORECASE,
)
