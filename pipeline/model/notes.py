"""Warnings as records (cảnh báo): what a stage could not read cleanly, or completed from elsewhere.

A :class:`Note` is ``(code, field, detail)``: ``code`` is a stable snake_case
identifier from :data:`CODES` (other code and users filter on it, never on the
wording), ``field`` the record field it concerns (``"number"``,
``"issue_date"``, ``"text"`` for a page's text, a task column such as
``"lead_text"`` …; ``None`` for the document as a whole), ``detail`` the
human-readable text with the values involved. Readers put notes on
``Page.warnings``, the structure and tag stages on ``Decision.warnings``; the
``documents`` and ``pages`` datasets store them as
``list<struct<code, field, detail>>``.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Every warning code with its one-line meaning (listed in docs/schema.md). A code is
#: never reused for another meaning; add one here before emitting it.
CODES: dict[str, str] = {
    # --- reading the source (Page.warnings; on the document prefixed "page N: ") ---
    "pdf_junk_before_header": "bytes before the %PDF header were ignored",
    "triage_text_layer_used": "the page's text layer reads as Vietnamese and is used",
    "triage_other_language": "the text layer reads as another language (English, CJK) and is used as it is",
    "triage_no_text_layer": "the page has no text layer: OCR'd",
    "triage_vector_outlines": "the page is drawn as vector outlines without text: OCR'd",
    "triage_unmapped_glyphs": "too many glyphs without a Unicode mapping ((cid:N)): OCR'd",
    "triage_legacy_font": "the text layer uses a legacy TCVN3/VNI font encoding: decoded to Unicode",
    "triage_few_words_over_image": "only a few words over a page image (a stamp or band on a scan): OCR'd",
    "triage_noise": "the text layer is mostly not Vietnamese syllables: OCR'd",
    "triage_mojibake": "mixed-script mojibake words in the text layer: OCR'd",
    "triage_partial_layer": "the text layer covers only part of the page's text ink: OCR'd",
    "legacy_encoding_decoded": "text in a legacy 8-bit Vietnamese encoding (TCVN3, VNI) decoded to Unicode",
    "text_encoding_decoded": "a text file not in UTF-8 (UTF-16, Windows-1258/1252) decoded to Unicode",
    "nul_characters_removed": "NUL characters removed from a text file",
    "embedded_data_dropped": "a long run of characters without a blank (embedded data) left out of an HTML page",
    "ocr_deskewed": "OCR page levelled: skew angle corrected, ruled tables counted",
    "ocr_page_turned": "OCR page turned upright by orientation detection",
    "ocr_closing_reread": "the closing band (recipients, signature) OCR'd again per column",
    "ocr_number_reread": "a handwritten number read again from a digit-only crop",
    "ocr_dashes_by_width": "dashes told apart by their width (hyphen, en dash)",
    "ocr_no_text": "OCR recognised no text on the page",
    "ocr_low_confidence": "mean OCR word confidence below the threshold",
    "ocr_confusion_resolved": "letters OCR read in place of digits in a labelled line corrected",
    "ocr_label_marks_restored": "tone marks of a fixed label (CHỈ THỊ, QUYẾT ĐỊNH …) restored",
    "ocr_esign_box_dropped": "lines of a digital signature's printed box (Ký bởi / Cơ quan / Ngày ký) dropped from an OCR'd page",
    "ocr_title_lead_restored": "the trích yếu's first word 'Về' (việc) restored under the type line",
    "ocr_tone_marks_repaired": "tone marks of OCR'd words repaired from the word list and the document",
    "ocr_stops_repaired": "full stops OCR read inside a sentence made commas or dropped (dust)",
    "ocr_colons_repaired": "colons OCR read between semicolon-separated items made semicolons",
    # --- the header (Decree 30/2020 parts) ---
    "symbol_repaired": "a letter doubled by OCR in the symbol's type code made single",
    "number_stray_stop": "a full stop between the number's sequence and its \"/\" dropped (\"3070. /KH-UBND\")",
    "number_unreadable": "the number is printed but unreadable (handwritten or damaged)",
    "number_misread_digits": "the number looks like misread digits: not completed from elsewhere",
    "day_unreadable": "the day of issue is unreadable (handwritten or damaged)",
    "day_misread_digits": "the day looks like misread digits: not completed from elsewhere",
    "day_month_unreadable": "day and month of issue both unreadable",
    "impossible_date": "the place-date line names a date that does not exist",
    "value_left_blank": "a header value left blank in the source (unsigned draft) that nothing else filled",
    "header_in_title_line": "issuer, number and date printed in the title line (older gazette form)",
    "appendix_standalone": "an appendix file on its own: type 'Phụ lục', issuer from its '(Kèm theo …)' note",
    "task_ordinal_repaired": "a task's TT out of sequence read as the number it must be",
    # --- completion from other evidence (pipeline.structure.completion) ---
    "number_from_stamp": "the number read from the signing stamp (widget annotation), not the text layer",
    "date_from_stamp": "day/month of issue read from the signing stamp, not the text layer",
    "day_from_signing_time": "the unreadable day of issue taken from the digital signature's signing time",
    "date_from_signing_time": "a date of issue left blank taken from the digital signature's signing time",
    "day_month_from_signing_time": "unreadable day and month of issue taken from the signing time they fit",
    "date_from_adoption": "no date line: date of issue from the adoption sentence ('thông qua ngày …')",
    "number_from_file_name": "the unreadable number taken from the file name",
    "doc_type_from_symbol": "no type line: the type from the symbol's type code",
    "doc_type_numbered_letter": "no type line and no type code: a numbered letter (Công văn)",
    "issuer_from_parent_place": "a department named with the place of its parent body",
    "issuer_from_authority": "an issuer block without its place: the body from the authority line",
    "authority_from_issuer": "an authority line ending in a bare unit completed from the issuer block",
    "authority_place_appended": "an authority line ending in a bare unit: the place of issue appended",
    "province_from_text": "a local body's province from the first province its text names",
    # --- the document as a whole (pipeline.ingest) ---
    "no_text": "no text found in the document (scanned or empty?)",
    "not_administrative_document": "no type, number or date found: not recognised as an administrative document",
    "no_tables": "no tables in the document: no appendix tasks",
    # --- tagging (pipeline.nlp) ---
    "agency_unresolved": "an agency-column item resolved to no canonical agency or collective",
    "deadline_unrecognised": "no deadline recognised in a deadline cell",
    "deadline_years_backwards": "a deadline's year range written backwards, read in order",
}


@dataclass(slots=True, frozen=True)
class Note:
    """One warning (cảnh báo): ``code`` from :data:`CODES`, the ``field`` it concerns, a readable ``detail``.

    Raises ``ValueError`` for a code not in :data:`CODES`, so an unregistered
    code never reaches the datasets.
    """

    code: str
    field: str | None
    detail: str

    def __post_init__(self) -> None:
        if self.code not in CODES:
            raise ValueError(f"warning code {self.code!r} is not in pipeline.model.notes.CODES")

    def __str__(self) -> str:
        where = f" [{self.field}]" if self.field else ""
        return f"{self.code}{where}: {self.detail}"

    def as_row(self) -> dict[str, str | None]:
        """The Parquet struct value: ``{"code", "field", "detail"}``."""
        return {"code": self.code, "field": self.field, "detail": self.detail}

    def on_page(self, number: int) -> Note:
        """This page note as a document note: same code and field, detail prefixed ``"page N: "``."""
        return Note(self.code, self.field, f"page {number}: {self.detail}")
