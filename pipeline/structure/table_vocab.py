"""Header vocabulary of tables in Vietnamese administrative documents (từ vựng tiêu đề bảng).

Cues are compared with header cells after :func:`pipeline.text.fold` (NFC,
government tone marks, case-folded, whitespace collapsed); a cue matches when it
occurs in the cell as whole words. Used by :mod:`pipeline.structure.table_kind`
(what a table holds) and :mod:`pipeline.structure.tables` (which leading rows
are the header).
"""

from __future__ import annotations

import re

#: Ordinal column (số thứ tự): the whole cell is one of these.
ORDINAL_HEADS = frozenset({"stt", "tt", "số tt", "số thứ tự", "thứ tự", "số"})

#: Column naming the work to do (nhiệm vụ, nội dung công việc, hoạt động …).
TASK_HEADS = ("nhiệm vụ", "nội dung công việc", "nội dung nhiệm vụ", "tên nhiệm vụ", "công việc",
              "hoạt động", "nội dung thực hiện", "nội dung triển khai", "giải pháp", "nội dung")

#: Column naming the work as documents to draft or amend (each row is a drafting task:
#: "Các văn bản cần sửa đổi, bổ sung", "Tên văn bản cần xây dựng").
WORK_HEADS = ("văn bản cần", "cần sửa đổi", "cần xây dựng", "cần ban hành", "sửa đổi, bổ sung", "dự thảo",
              "đề án", "dự án")

#: The lead column of an assignment (a table naming who leads each row is a task table
#: unless its header is statistics vocabulary: "Chỉ tiêu | Cơ quan chủ trì, theo dõi").
LEAD_HEADS = ("chủ trì", "phân công", "trách nhiệm thực hiện", "cơ quan thực hiện", "đơn vị thực hiện",
              "chịu trách nhiệm")

#: Statistics columns that keep a table with a lead column out of the task tables.
MEASURE_HEADS = ("chỉ tiêu", "số liệu", "đơn vị tính", "đvt", "thống kê", "mục tiêu", "tốc độ", "bình quân",
                 "tỷ lệ", "giá trị")

#: Column naming who does it (cơ quan/đơn vị chủ trì, trách nhiệm, phân công, phối hợp).
#: (A bare "Đơn vị", "Cơ quan" or "Thực hiện" counts only as a whole cell: "Đơn vị tính" and
#: "Kết quả thực hiện" are statistics columns.)
RESPONSIBLE_HEADS = ("chủ trì", "cơ quan thực hiện", "đơn vị thực hiện", "trách nhiệm", "phân công",
                     "phối hợp", "người thực hiện", "bộ phận thực hiện", "cơ quan, đơn vị thực hiện",
                     "đơn vị chủ trì", "cơ quan chủ trì", "đơn vị phối hợp", "cơ quan phối hợp")

#: Column saying by when (tiến độ, thời gian, thời hạn).
DEADLINE_HEADS = ("tiến độ", "thời gian", "thời hạn", "hạn hoàn thành", "lộ trình")

#: Column saying what comes out (sản phẩm, kết quả đầu ra).
PRODUCT_HEADS = ("sản phẩm", "kết quả đầu ra", "hình thức văn bản")

#: Header cells of tables that are not task tables even when they name a task-like
#: column (matched as substrings): lists of administrative procedures (mã thủ tục, phí,
#: lệ phí), statistics (đơn vị tính, số lượng, tỷ lệ), people (họ và tên), equipment
#: (model, hãng sản xuất, niên hạn), price lists (mức thu, đơn giá, thành tiền).
NOT_TASK_CELLS = ("mã thủ tục", "mã số", "lệ phí", "phí,", "đơn vị tính", "số lượng", "tỷ lệ", "họ và tên",
                  "hãng sản xuất", "model", "tên thủ tục", "mức thu", "đơn giá", "thành tiền", "niên hạn")

#: A header cell counting something ("Số lao động", "Số doanh nghiệp", "Tổng số"): two of
#: them make a statistics table, not a task table ("Số TT", "Số hiệu" excepted).
COUNT_CELL = re.compile(r"^(?:tổng\s+)?số\s+(?!tt\b|thứ tự|hiệu|ký hiệu|văn bản)\w+")

#: Procedure steps (quy trình: Bước 1, Bước 2 …) in the first columns of body rows.
STEP_CELL = re.compile(r"^bước\s*\d+\b")

#: Statistics columns (chỉ tiêu, số liệu, đơn vị tính, thống kê, …; amounts of fee
#: schedules and cost norms: mức thu, định mức, đơn giá).
STATISTICS_HEADS = ("chỉ tiêu", "số liệu", "đơn vị tính", "đvt", "thống kê", "tỷ lệ", "tổng số",
                    "số lượng", "ước th", "ước thực hiện", "so sánh", "kế hoạch năm", "thực hiện năm",
                    "giá trị", "kinh phí", "dự toán", "tăng, giảm", "tốc độ", "bình quân",
                    # fee schedules and cost norms: amounts per item
                    "mức thu", "mức chi", "định mức", "đơn giá", "thành tiền", "số tiền")

#: Ranking columns (xếp hạng, thứ hạng, điểm số with xếp loại).
RANKING_HEADS = ("xếp hạng", "thứ hạng", "xếp loại", "chỉ số", "tổng điểm", "điểm đạt", "điểm")

#: Ranking needs one of these (a bare "điểm"/"chỉ số" column is a statistic; a whole
#: cell "Hạng" counts too, but not "hạng mục").
RANKING_CORE = ("xếp hạng", "thứ hạng", "xếp loại")

#: List columns: names of procedures, members, items (danh mục, thủ tục, họ và tên, chức vụ …).
LIST_HEADS = ("họ và tên", "họ tên", "chức vụ", "chức danh", "thành viên", "tên thủ tục", "thủ tục hành chính",
              "tên tthc", "mã thủ tục", "mã số", "lĩnh vực", "danh mục", "tên", "địa chỉ", "số hiệu",
              "ký hiệu", "cơ quan ban hành", "trích yếu", "ngày ban hành", "văn bản", "loại", "nhóm")

#: Other words that occur only in headers (used to recognise a header row).
OTHER_HEADS = ("cơ quan", "đơn vị", "thực hiện", "ghi chú", "kết quả", "năm", "quý", "tháng", "nội dung", "căn cứ", "yêu cầu", "mức",
               "nguồn", "kinh phí", "ngân sách", "địa bàn", "địa điểm", "đối tượng", "mục tiêu", "phương án",
               "hình thức", "sản phẩm", "tình hình", "lý do", "đề xuất", "kiến nghị", "số tiền")

#: Every header cue, for recognising a header row.
ALL_HEADS = tuple(dict.fromkeys(
    TASK_HEADS + RESPONSIBLE_HEADS + DEADLINE_HEADS + PRODUCT_HEADS + STATISTICS_HEADS + RANKING_HEADS
    + LIST_HEADS + OTHER_HEADS
))

#: Cells of a Decree 30 layout block drawn as a table (header block issuer | national
#: motto, closing block recipients | signature, a form's signature row "(Ký, ghi rõ họ
#: tên)"), matched in folded text.
LAYOUT_CELL = re.compile(r"cộng hòa xã hội chủ nghĩa việt nam|độc lập\s*-\s*tự do\s*-\s*hạnh phúc|^nơi nhận\b|\(ký,")

#: A layout block is small: at most this many rows and columns.
LAYOUT_MAX_ROWS = 4
LAYOUT_MAX_COLS = 3

#: A column-number row under the header: "(1)", "1", "4=3/2", "(5)=(3)-(4)", "A", "B".
COLUMN_NUMBER = re.compile(r"^\(?\d{1,2}\)?(\s*[=+\-*/x×:]\s*\(?\d{1,2}\)?)*$|^\(?[A-Z]\)?$")

#: A number as a statistics cell holds it: "82", "25.898", "99,10", "-3,5", "12%", "1.946 tỷ".
NUMBER_CELL = re.compile(r"^[+\-−]?\(?\d[\d.,\s]*\)?\s*(%|‰)?$")

#: Dotted or underscored blanks of a form to fill in ("……", "....", "____").
BLANK_LEADER = re.compile(r"(\.{4,}|…{2,}|_{4,})")


def cue_in(cues: tuple[str, ...], text: str) -> str | None:
    """The first cue of ``cues`` found in folded ``text`` as whole words, or ``None``."""
    for cue in cues:
        if _word_pattern(cue).search(text):
            return cue
    return None


_PATTERNS: dict[str, re.Pattern[str]] = {}


def _word_pattern(cue: str) -> re.Pattern[str]:
    """``cue`` between word boundaries (memoised)."""
    pattern = _PATTERNS.get(cue)
    if pattern is None:
        pattern = _PATTERNS[cue] = re.compile(rf"(?<!\w){re.escape(cue)}(?!\w)")
    return pattern
