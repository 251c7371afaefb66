"""An OpenDocument spreadsheet (.ods) with typed cells, written with the standard library.

HMRC's Gift Aid schedule template is an .ods file. Cells written here are typed (text, date or
number), so a value such as ``=cmd`` or ``+1`` is plain text to the spreadsheet and is never run
as a formula: no leading quote has to be added to defuse it, and HMRC gets the value as typed.
"""

import datetime
import decimal
import io
import zipfile
from xml.sax.saxutils import escape, quoteattr

MIMETYPE = "application/vnd.oasis.opendocument.spreadsheet"

_NAMESPACES = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0"'
)
# Dates shown day first with a two-digit year (as HMRC's template, DD/MM/YY); amounts with pence.
_STYLES = (
    '<office:automatic-styles><number:date-style style:name="day-first">'
    '<number:day number:style="long"/><number:text>/</number:text>'
    '<number:month number:style="long"/><number:text>/</number:text><number:year/>'
    '</number:date-style><number:number-style style:name="pounds">'
    '<number:number number:decimal-places="2" number:min-integer-digits="1"/></number:number-style>'
    '<style:style style:name="date" style:family="table-cell" style:data-style-name="day-first"/>'
    '<style:style style:name="amount" style:family="table-cell" style:data-style-name="pounds"/>'
    "</office:automatic-styles>"
)
_MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
    'manifest:version="1.2">'
    f'<manifest:file-entry manifest:full-path="/" manifest:version="1.2" manifest:media-type="{MIMETYPE}"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
    "</manifest:manifest>"
)


def _paragraph(text):
    # Characters XML 1.0 cannot hold (other control characters) are dropped.
    cleaned = "".join(ch for ch in text if ch >= " " or ch in "\t\n")
    return f"<text:p>{escape(cleaned)}</text:p>"


def cell_xml(value):
    """One cell: a date as a date, a number as a float, anything else as text; None is empty."""
    if value is None or value == "":
        return "<table:table-cell/>"
    if isinstance(value, datetime.date):
        return (
            f'<table:table-cell table:style-name="date" office:value-type="date" '
            f'office:date-value="{value.isoformat()}">{_paragraph(value.strftime("%d/%m/%y"))}</table:table-cell>'
        )
    if isinstance(value, int | float | decimal.Decimal) and not isinstance(value, bool):
        return (
            f'<table:table-cell table:style-name="amount" office:value-type="float" '
            f'office:value="{value}">{_paragraph(str(value))}</table:table-cell>'
        )
    return f'<table:table-cell office:value-type="string">{_paragraph(str(value))}</table:table-cell>'


def content_xml(rows, sheet_name):
    body = "".join(
        "<table:table-row>" + "".join(cell_xml(value) for value in row) + "</table:table-row>" for row in rows
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<office:document-content {_NAMESPACES} office:version="1.2">{_STYLES}'
        f"<office:body><office:spreadsheet><table:table table:name={quoteattr(sheet_name)}>"
        f"{body}</table:table></office:spreadsheet></office:body></office:document-content>"
    )


def ods_bytes(rows, sheet_name="Sheet1"):
    """The .ods file's bytes; `mimetype` comes first and uncompressed, as the format requires."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), MIMETYPE, compress_type=zipfile.ZIP_STORED)
        archive.writestr("META-INF/manifest.xml", _MANIFEST, compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr("content.xml", content_xml(rows, sheet_name), compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()
