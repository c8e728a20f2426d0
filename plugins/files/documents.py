"""The author's identity in documents staff link to, and clearing it.

Word, Excel and LibreOffice write the name of whoever made and last saved a
file into it; PDFs exported from them keep it in their /Info dictionary and
XMP metadata. `identity_fields` names the fields that hold a name (never the
name itself: build logs may be public). `clean_pdf` rewrites a PDF without
its /Info and XMP metadata, which is how every PDF is published. Office and
OpenDocument files are zips of XML: read with a bound on every part (a zip
bomb declares small sizes and inflates to gigabytes) and parsed with
defusedxml (no entity expansion).
"""

from __future__ import annotations

import io
import logging
import zipfile
from pathlib import Path

import defusedxml.ElementTree as SafeXML
from defusedxml import DefusedXmlException
from xml.etree.ElementTree import ParseError

from plugins.common.errors import DocumentError

# pypdf logs what it repairs as warnings, which builds would show as theirs
logging.getLogger("pypdf").setLevel(logging.ERROR)

_PDF_ERRORS = (OSError, ValueError, KeyError, TypeError, AttributeError)
PART_LIMIT = 1 << 20     # metadata parts are a few KB; larger ones are not read

_DC = "{http://purl.org/dc/elements/1.1/}"
_CP = "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}"
_APP = "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}"
_META = "{urn:oasis:names:tc:opendocument:xmlns:meta:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
# (zip part, element path, field name shown to staff)
OFFICE_FIELDS = [("docProps/core.xml", f"{_DC}creator", "author (creator)"),
                 ("docProps/core.xml", f"{_CP}lastModifiedBy", "last modified by"),
                 ("docProps/app.xml", f"{_APP}Company", "company"),
                 ("docProps/app.xml", f"{_APP}Manager", "manager")]
ODF_FIELDS = [("meta.xml", f"{_OFFICE}meta/{_META}initial-creator", "initial creator"),
              ("meta.xml", f"{_OFFICE}meta/{_DC}creator", "creator (last saved by)")]
PDF_FIELDS = {"/Author": "author (/Author)"}
# XMP elements that name people (XMP also keeps the edit history)
XMP_PEOPLE = {b"<dc:creator": "XMP dc:creator", b"<pdf:Author": "XMP pdf:Author",
              b"<xmpMM:History": "XMP edit history"}

HOW_TO_CLEAR = {
    "pdf": "the published copy is cleared of them, but the file in the repository "
           "keeps them; to clear it there too, in Acrobat: File > Properties "
           "(and Tools > Redact > Remove Hidden Information), or export the PDF "
           "again after clearing the original document",
    "office": "in Word, Excel or PowerPoint: File > Info > Check for Issues > Inspect "
              "Document > Document Properties and Personal Information > Remove All, "
              "then save",
    "odf": "in LibreOffice: File > Properties > General > Reset Properties, and Tools "
           "> Options > LibreOffice > Security > Options > Remove personal "
           "information on saving, then save",
}


def identity_fields(path: Path) -> tuple[list[str], str] | None:
    """(the fields of `path` that name a person, how to clear them), or None
    for a file that is not a document the build reads. DocumentError for a
    document that cannot be read."""
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        return _pdf_fields(path), HOW_TO_CLEAR["pdf"]
    if suffix in (".docx", ".xlsx", ".pptx"):
        return _zip_fields(path, OFFICE_FIELDS), HOW_TO_CLEAR["office"]
    if suffix in (".odt", ".ods", ".odp"):
        return _zip_fields(path, ODF_FIELDS), HOW_TO_CLEAR["odf"]
    return None


def _pdf_errors() -> tuple:
    """What pypdf raises for a file it cannot make sense of. (pypdf is
    imported at the first PDF: 80 ms that a site without PDFs does not pay.)"""
    from pypdf.errors import PyPdfError
    return (PyPdfError, *_PDF_ERRORS)


def _pdf_reader(path: Path):
    from pypdf import PdfReader
    try:
        reader = PdfReader(path, strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise DocumentError("it is protected with a password, so readers could not "
                                "open it (save it without one)")
        reader.trailer   # the cross-reference table is read here
        return reader
    except _pdf_errors() as exc:
        raise DocumentError(f"the PDF cannot be read ({exc})") from None


def _pdf_fields(path: Path) -> list[str]:
    reader = _pdf_reader(path)
    try:
        info = reader.metadata or {}
        found = [label for key, label in PDF_FIELDS.items() if str(info.get(key) or "").strip()]
        xmp = reader.trailer["/Root"].get("/Metadata")
        data = xmp.get_object().get_data() if xmp is not None else b""
    except _pdf_errors() as exc:
        raise DocumentError(f"the PDF cannot be read ({exc})") from None
    found += [label for marker, label in XMP_PEOPLE.items() if marker in data]
    return found


def _zip_fields(path: Path, fields: list) -> list[str]:
    found = []
    try:
        with zipfile.ZipFile(path) as archive:
            parts = {}
            for part, element, label in fields:
                if part not in parts:
                    parts[part] = _read_part(archive, part)
                root = parts[part]
                node = root.find(element) if root is not None else None
                if node is not None and (node.text or "").strip():
                    found.append(label)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise DocumentError(f"it is damaged and cannot be opened ({exc})") from None
    return found


def _read_part(archive: zipfile.ZipFile, name: str):
    """The parsed XML of one part, or None when missing, too large or not XML."""
    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    if info.file_size > PART_LIMIT:
        return None
    with archive.open(info) as part:
        data = part.read(PART_LIMIT + 1)     # a size that lies stops here
    if len(data) > PART_LIMIT:
        return None
    try:
        return SafeXML.fromstring(data)
    except (ParseError, DefusedXmlException):
        return None


def clean_pdf(path: Path) -> bytes:
    """The PDF without its /Info dictionary (author, creator, producer,
    dates) and its XMP metadata, the document's and each page's."""
    from pypdf import PdfWriter
    reader = _pdf_reader(path)
    try:
        writer = PdfWriter(clone_from=reader)
        writer.metadata = None
        writer.xmp_metadata = None
        for holder in (writer.root_object, *(page for page in writer.pages)):
            for key in ("/Metadata", "/PieceInfo"):
                if key in holder:
                    del holder[key]
        # the metadata streams are still in the file until unreferenced
        # objects are dropped
        writer.compress_identical_objects(remove_duplicates=False, remove_unreferenced=True)
        data = io.BytesIO()
        writer.write(data)
    except _pdf_errors() as exc:
        raise DocumentError(f"the PDF cannot be read ({exc})") from None
    return data.getvalue()
