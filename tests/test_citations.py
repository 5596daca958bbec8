"""The citation grammar on real phrasings taken from the corpus.

Each case is a sentence as printed in one of the corpus documents (source in the
id), the citations expected in it — (type, number, ISO date, issuer) — and,
for preamble clauses, which of them are bases of their own (a chain sharing one
"Căn cứ" versus a document named inside another's description). Input goes
through the same text preparation as documents: NFC with government tone marks,
glued syllables separated (web copies).
"""

from __future__ import annotations

import pytest

from pipeline.structure.citations import parse_citations, top_level
from pipeline.text import normalize
from pipeline.text.syllables import unglue

CG = "Chính phủ"
TTG = "Thủ tướng Chính phủ"
UB_KH = "Ủy ban nhân dân tỉnh Khánh Hòa"

# (source, text, [(type, number, date, issuer)], indexes of top-level bases or None)
CASES = [
    ("4032 căn cứ 1", "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19/6/2015;",
     [("Luật", None, "2015-06-19", None)], [0]),
    ("4032 căn cứ 2 (chain)",
     "Căn cứ Nghị quyết số 30c/NQ-CP ngày 08/11/2011 của Chính phủ ban hành Chương trình tổng thể cải cách "
     "hành chính nhà nước giai đoạn 2011- 2020, Nghị quyết số 76/NQ-CP ngày 13/6/2013 sửa đổi, bổ sung một số "
     "điều của Nghị quyết số 30c/NQ-CP ngày 08/11/2011 của Chính phủ;",
     [("Nghị quyết", "30c/NQ-CP", "2011-11-08", CG), ("Nghị quyết", "76/NQ-CP", "2013-06-13", None),
      ("Nghị quyết", "30c/NQ-CP", "2011-11-08", CG)], [0, 1]),
    ("4032 căn cứ 3", "Căn cứ Quyết định số 3377/QĐ-UBND ngày 14/12/2011 của Ủy ban nhân dân tỉnh Khánh Hòa ban "
     "hành Chương trình cải cách hành chính tỉnh Khánh Hòa giai đoạn 2011 - 2020;",
     [("Quyết định", "3377/QĐ-UBND", "2011-12-14", UB_KH)], [0]),
    ("4032 recital", "Xét đề nghị của Giám đốc Sở Nội vụ tại Công văn số 2722/SNV-CCHC ngày 20/12/2016,",
     [("Công văn", "2722/SNV-CCHC", "2016-12-20", "Sở Nội vụ")], [0]),
    ("4032 plan I.2", "Triển khai toàn diện, hiệu quả cơ chế một cửa, cơ chế một cửa liên thông theo Quyết định số "
     "14/2015/QĐ-UBND ngày 30/6/2015 của UBND tỉnh gắn với đẩy mạnh tin học hóa",
     [("Quyết định", "14/2015/QĐ-UBND", "2015-06-30", "Ủy ban nhân dân tỉnh")], None),
    ("03 law by abbreviation", "Căn cứ Luật Tổ chức HĐND và UBND ngày 26 tháng 11 năm 2003;",
     [("Luật", None, "2003-11-26", None)], [0]),
    ("03 letter without 'số'", "Căn cứ Công văn 285/CCTTHC ngày 08 tháng 9 năm 2009 của Tổ công tác chuyên trách "
     "cải cách thủ tục hành chính của Thủ tướng Chính phủ về chuẩn bị công bố cơ sở dữ liệu quốc gia về thủ tục "
     "hành chính;",
     [("Công văn", "285/CCTTHC", "2009-09-08",
       "Tổ công tác chuyên trách cải cách thủ tục hành chính của Thủ tướng Chính phủ")], [0]),
    ("03 recital citing nothing", "Xét đề nghị Giám đốc Sở Thông tin và Truyền thông và Tổ trưởng Tổ công tác "
     "chuyên trách thực hiện Đề án 30 của Ủy ban nhân dân tỉnh,", [], []),
    ("06 two proposers", "Xét đề nghị của Trưởng Ban Quản lý Khu kinh tế Vân Phong tại Tờ trình số 06/TTr-KKT ngày "
     "28 tháng 3 năm 2014 và đề nghị của Giám đốc Sở Nội vụ tại Công văn số 821/SNV-CCHC ngày 12 tháng 5 năm 2014,",
     [("Tờ trình", "06/TTr-KKT", "2014-03-28", "Ban Quản lý Khu kinh tế Vân Phong"),
      ("Công văn", "821/SNV-CCHC", "2014-05-12", "Sở Nội vụ")], [0, 1]),
    ("06 prime minister", "Căn cứ Quyết định số 93/2007/QĐ-TTg ngày 22 tháng 6 năm 2007 của Thủ tướng Chính phủ ban "
     "hành Quy chế thực hiện cơ chế một cửa, cơ chế một cửa liên thông tại cơ quan hành chính nhà nước ở địa phương;",
     [("Quyết định", "93/2007/QĐ-TTg", "2007-06-22", TTG)], [0]),
    ("09 law with year only", "Căn cứ Luật Tổ chức Hội đồng nhân dân và Ủy ban nhân dân năm 2003;",
     [("Luật", None, None, None)], [0]),
    ("09 glued words", "Căn cứ Thông tư số 05/2006/TT-BNV ngày 30/5/2006 của Bộ Nội vụ hướng dẫnthực hiện một số "
     "điều quy định tại Nghị định số 159/2005/NĐ-CP ngày 27/12/2005 củaChính phủ về phân loại đơn vị hành chính xã, "
     "phường, thị trấn;",
     [("Thông tư", "05/2006/TT-BNV", "2006-05-30", "Bộ Nội vụ"),
      ("Nghị định", "159/2005/NĐ-CP", "2005-12-27", CG)], [0]),
    ("09 five proposers", "Theo đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số 1133/TTr-SNV ngày20/6/2013; Ủy ban "
     "nhân dân huyện Long Thành tại Tờ trình số 218/TTr-UBND ngày25/12/2012; Ủy ban nhân dân huyện Nhơn Trạch tại "
     "tờ trình 10/TTr-UBND ngày08/01/2013; Ủy ban nhân dân huyện Trảng Bom tại Tờ trình số 03/TTr-UBND "
     "ngày16/01/2013 và Ủy ban nhân dân huyện Thống Nhất tại Tờ Trình số 01/TTr-UBND ngày05/01/2013,",
     [("Tờ trình", "1133/TTr-SNV", "2013-06-20", "Sở Nội vụ"),
      ("Tờ trình", "218/TTr-UBND", "2012-12-25", "Ủy ban nhân dân huyện Long Thành"),
      ("Tờ trình", "10/TTr-UBND", "2013-01-08", "Ủy ban nhân dân huyện Nhơn Trạch"),
      ("Tờ trình", "03/TTr-UBND", "2013-01-16", "Ủy ban nhân dân huyện Trảng Bom"),
      ("Tờ trình", "01/TTr-UBND", "2013-01-05", "Ủy ban nhân dân huyện Thống Nhất")], [0, 1, 2, 3, 4]),
    ("12 law in lower case", "Căn cứ Luật tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
     [("Luật", None, "2015-06-19", None)], [0]),
    ("12 decree naming a law", "Căn cứ Nghị định số 34/2016/NĐ-CP ngày 14 tháng 5 năm 2016 của Chính phủ quy định "
     "chi tiết một số điều và biện pháp thi hành Luật Ban hành văn bản quy phạm pháp luật;",
     [("Nghị định", "34/2016/NĐ-CP", "2016-05-14", CG), ("Luật", None, None, None)], [0]),
    ("15 notice of conclusions", "Thực hiện Thông báo số 04/TB-VPCP ngày 07 tháng 01 năm 2016 của Văn phòng Chính "
     "phủ Kết luận của Phó Thủ tướng Vũ Đức Đam tại cuộc họp Ban Chỉ đạo liên ngành Trung ương về vệ sinh an toàn "
     "thực phẩm;",
     [("Thông báo", "04/TB-VPCP", "2016-01-07", "Văn phòng Chính phủ")], [0]),
    ("15 minister's decision", "Thực hiện Quyết định số 629/QĐ-BNN-QLCL ngày 02 tháng 3 năm 2016 của Bộ trưởng Bộ "
     "Nông nghiệp và Phát triển nông thôn ban hành Kế hoạch hành động Năm cao điểm vệ sinh an toàn thực phẩm;",
     [("Quyết định", "629/QĐ-BNN-QLCL", "2016-03-02", "Bộ Nông nghiệp và Phát triển nông thôn")], [0]),
    ("18 narrative mentions", "Trong thời gian qua, thực hiện chỉ đạo của UBND tỉnh tại Chỉ thị số 07/CT-UBND ngày "
     "31/5/2021; các văn bản: số 4011/UBND-VX2 ngày 15/6/2021, số 1071/UBND-VX2 ngày 23/02/2022 và số "
     "4761/UBND-VX2 ngày 30/6/2022 về việc nâng cao chất lượng",
     [("Chỉ thị", "07/CT-UBND", "2021-05-31", "Ủy ban nhân dân tỉnh"),
      ("Công văn", "4011/UBND-VX2", "2021-06-15", None), ("Công văn", "1071/UBND-VX2", "2022-02-23", None),
      ("Công văn", "4761/UBND-VX2", "2022-06-30", None)], None),
    ("21 decree without 'số'", "Căn cứ Nghị định 06/2010/NĐ-CP ngày 25/01/2010 của Chính phủ quy định những người "
     "là công chức;",
     [("Nghị định", "06/2010/NĐ-CP", "2010-01-25", CG)], [0]),
    ("21 action programme", "Căn cứ Chương trình hành động số 04/CTr-UBND ngày 23/7/2009 của Uỷ ban nhân dân tỉnh "
     "thực hiện Kế hoạch số 60-KH/TU ngày 27/4/2009 của Ban Chấp hành Đảng bộ tỉnh thực hiện Nghị quyết Hội nghị "
     "lần thứ 9 Ban Chấp hành Trung ương Đảng khóa X;",
     [("Chương trình", "04/CTr-UBND", "2009-07-23", "Ủy ban nhân dân tỉnh"),
      ("Kế hoạch", "60-KH/TU", "2009-04-27", "Ban Chấp hành Đảng bộ tỉnh")], [0]),
    ("24 joint circular", "Căn cứ Thông tư liên tịch số 04/2010/TTLT-UBDT-BNV ngày 17 tháng 9 năm 2010 của Ủy ban "
     "Dân tộc và Bộ Nội vụ hướng dẫn chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức;",
     [("Thông tư liên tịch", "04/2010/TTLT-UBDT-BNV", "2010-09-17", "Ủy ban Dân tộc và Bộ Nội vụ")], [0]),
    ("24 party conclusion", "Căn cứ Kết luận số 202-KL/BCS ngày 23 tháng 9 năm 2013 của Ban cán sự Đảng Ủy ban nhân "
     "dân tỉnh Kon Tum về công tác tổ chức – cán bộ;",
     [("Kết luận", "202-KL/BCS", "2013-09-23", "Ban cán sự Đảng Ủy ban nhân dân tỉnh Kon Tum")], [0]),
    ("24 replaced act in the body", "Quyết định này có hiệu lực thi hành sau 10 ngày, kể từ ngày ký và thay thế "
     "Quyết định số 45/2005/QĐ-UBND ngày 01 tháng 9 năm 2005 của Ủy ban nhân dân tỉnh quy định về tổ chức",
     [("Quyết định", "45/2005/QĐ-UBND", "2005-09-01", "Ủy ban nhân dân tỉnh")], None),
    ("27 comma before 'ngày'", "Thực hiện Quyết định số 2430/QĐ-UBND , ngày 7/5/2014 của UBND Thành phố Hà Nội về "
     "việc ban hành quy chế phối hợp công bố",
     [("Quyết định", "2430/QĐ-UBND", "2014-05-07", "Ủy ban nhân dân thành phố Hà Nội")], [0]),
    ("30 ministry letter", "Thực hiện Công văn số 2717/LĐTBXH-PC ngày 08 tháng 8 năm 2012 của Bộ Lao động - Thương "
     "binh và Xã hội về việc tiếp tục thực hiện Đề án 31 đến năm 2016",
     [("Công văn", "2717/LĐTBXH-PC", "2012-08-08", "Bộ Lao động - Thương binh và Xã hội")], [0]),
    ("2536 two laws in one clause", "Căn cứ Luật Luật sư ngày 29 tháng 6 năm 2006, Luật sửa đổi, bổ sung một số "
     "điều của Luật Luật sư ngày 20 tháng 11 năm 2012;",
     [("Luật", None, "2006-06-29", None), ("Luật", None, "2012-11-20", None)], [0, 1]),
    ("2536 national assembly", "Căn cứ Nghị quyết số 202/2025/QH15 ngày 12 tháng 6 năm 2025 của Quốc hội về việc "
     "sắp xếp đơn vị hành chính cấp tỉnh;",
     [("Nghị quyết", "202/2025/QH15", "2025-06-12", "Quốc hội")], [0]),
    ("2536 chain with ';'", "Căn cứ Nghị định số 123/2013/NĐ-CP ngày 14 tháng 10 năm 2013 của Chính phủ quy định chi "
     "tiết một số điều và biện pháp thi hành Luật Luật sư ; Nghị định số 137/2018/NĐ-CP ngày 08 tháng 10 năm 2018 "
     "sửa đổi, bổ sung một số điều của Nghị định số 123/2013/NĐ-CP ngày 14 tháng 10 năm 2013 của Chính phủ;",
     [("Nghị định", "123/2013/NĐ-CP", "2013-10-14", CG), ("Luật", None, None, None),
      ("Nghị định", "137/2018/NĐ-CP", "2018-10-08", None), ("Nghị định", "123/2013/NĐ-CP", "2013-10-14", CG)],
     [0, 2]),
    ("2536 petition and submission", "Theo đề nghị của Đoàn Luật sư tỉnh Lâm Đồng (cũ), Đoàn Luật sư tỉnh Bình Thuận "
     "(cũ), Đoàn Luật sư tỉnh Đắk Nông (cũ) tại Đơn đề nghị số 258/ĐĐN-ĐLS ngày 27 tháng 11 năm 2025 và Sở Tư pháp "
     "tại Tờ trình số 141/TTr-STP ngày 09 tháng 12 năm 2025.",
     [("Đơn đề nghị", "258/ĐĐN-ĐLS", "2025-11-27",
       "Đoàn Luật sư tỉnh Lâm Đồng (cũ), Đoàn Luật sư tỉnh Bình Thuận (cũ), Đoàn Luật sư tỉnh Đắk Nông (cũ)"),
      ("Tờ trình", "141/TTr-STP", "2025-12-09", "Sở Tư pháp")], [0, 1]),
    ("666 chain with ',' and ';'", "Thực hiện Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ ban hành Chương "
     "trình tổng thể cải cách hành chính nhà nước giai đoạn 2021 - 2030, Quyết định số 1187/QĐ-BNV ngày 15/10/2025 "
     "của Bộ trưởng Bộ Nội vụ phê duyệt Đề án “Xác định Chỉ số cải cách hành chính của các bộ, cơ quan ngang bộ, Uỷ "
     "ban nhân dân tỉnh, thành phố trực thuộc Trung ương”; Công văn số 4625/BNV-CCHC ngày 02/7/2026 của Bộ Nội vụ "
     "về việc xây dựng kế hoạch cải cách hành chính và thực hiện chế độ báo cáo định kỳ;",
     [("Nghị quyết", "76/NQ-CP", "2021-07-15", CG), ("Quyết định", "1187/QĐ-BNV", "2025-10-15", "Bộ Nội vụ"),
      ("Công văn", "4625/BNV-CCHC", "2026-07-02", "Bộ Nội vụ")], [0, 1, 2]),
    ("1187 government office notice", "Căn cứ Thông báo số 292/TB-VPCP ngày 09 tháng 6 năm 2025 của Văn phòng Chính "
     "phủ về kết luận Phiên họp lần thứ hai Ban Chỉ đạo của Chính phủ;",
     [("Thông báo", "292/TB-VPCP", "2025-06-09", "Văn phòng Chính phủ")], [0]),
    ("Lâm Đồng plan scheme", "Tiếp tục tổ chức thực hiện Phương án số 7178/PA-UBND ngày 14/11/2025 của Ủy ban nhân "
     "dân tỉnh",
     [("Phương án", "7178/PA-UBND", "2025-11-14", "Ủy ban nhân dân tỉnh")], None),
    ("Lâm Đồng plan decree in brackets", "(theo Nghị định số 118/2025/NĐ-CP của Chính phủ)",
     [("Nghị định", "118/2025/NĐ-CP", None, CG)], None),
]


@pytest.mark.parametrize("source,text,expected,bases", CASES, ids=[c[0] for c in CASES])
def test_citation_grammar(source: str, text: str, expected: list, bases: list | None) -> None:
    clause = unglue(normalize(text))
    found = parse_citations(clause)
    got = [
        (c.cited_type, c.cited_number, c.cited_date.isoformat() if c.cited_date else None, c.cited_issuer)
        for c in found
    ]
    assert got == expected
    for c in found:
        assert clause[c.start : c.end] == c.text
    if bases is not None:
        recital = clause.startswith(("Xét", "Theo đề nghị"))
        chosen = top_level(clause, found, recital=recital)
        assert [found.index(c) for c in chosen] == bases


def test_at_least_25_phrasings() -> None:
    assert len(CASES) >= 25
