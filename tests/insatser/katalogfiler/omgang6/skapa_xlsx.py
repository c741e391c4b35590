"""Writes ange.xlsx as Excel saves a catalogue kept in a workbook: a merged title row over the
header, a hidden sheet of lookup lists, dates as serial numbers and trailing empty rows. Kept so
that the file can be made again; the register refuses it (it reads JSON only)."""

import zipfile
from pathlib import Path

OX = "http://schemas.openxmlformats.org"
PKG = f"{OX}/package/2006"
REL = f"{OX}/officeDocument/2006/relationships"
MAIN = f"{OX}/spreadsheetml/2006/main"
TYP = "application/vnd.openxmlformats"
ARK = f"{TYP}-officedocument.spreadsheetml"

FILER = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<Types xmlns="{PKG}/content-types">'
        f'<Default Extension="rels" ContentType="{TYP}-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{ARK}.sheet.main+xml"/>'
        f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{ARK}.worksheet+xml"/>'
        f'<Override PartName="/xl/worksheets/sheet2.xml" ContentType="{ARK}.worksheet+xml"/>'
        "</Types>"
    ),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<Relationships xmlns="{PKG}/relationships">'
        f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/>'
        "</Relationships>"
    ),
    "xl/workbook.xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<workbook xmlns="{MAIN}" xmlns:r="{REL}">'
        '<sheets><sheet name="Katalog" sheetId="1" r:id="rId1"/>'
        '<sheet name="Listor" sheetId="2" state="hidden" r:id="rId2"/></sheets></workbook>'
    ),
    "xl/_rels/workbook.xml.rels": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<Relationships xmlns="{PKG}/relationships">'
        f'<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>'
        f'<Relationship Id="rId2" Type="{REL}/worksheet" Target="worksheets/sheet2.xml"/>'
        "</Relationships>"
    ),
    "xl/worksheets/sheet1.xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<worksheet xmlns="{MAIN}"><sheetData>'
        '<row r="1"><c r="A1" t="inlineStr">'
        "<is><t>Ånge kommun – insatser utan behovsprövning</t></is></c></row>"
        '<row r="2"><c r="A2" t="inlineStr"><is><t>Insats</t></is></c>'
        '<c r="C2" t="inlineStr"><is><t>Beslut</t></is></c></row>'
        '<row r="3"><c r="A3" t="inlineStr"><is><t>Namn</t></is></c>'
        '<c r="B3" t="inlineStr"><is><t>Regel</t></is></c>'
        '<c r="C3" t="inlineStr"><is><t>Beslutsdatum</t></is></c>'
        '<c r="D3" t="inlineStr"><is><t>Gäller från</t></is></c></row>'
        '<row r="4"><c r="A4" t="inlineStr"><is><t>Familjerådgivning</t></is></c>'
        '<c r="B4" t="inlineStr"><is><t>14:4</t></is></c><c r="C4"><v>46260</v></c>'
        '<c r="D4"><v>46266</v></c></row>'
        '<row r="5"><c r="A5" t="inlineStr"><is><t>Anhörigträff</t></is></c>'
        '<c r="B5" t="inlineStr"><is><t>14:5</t></is></c><c r="C5"><v>46260</v></c></row>'
        '<row r="6"/><row r="7"/><row r="8"/><row r="1048576"/>'
        "</sheetData>"
        '<mergeCells count="2"><mergeCell ref="A1:D1"/><mergeCell ref="A2:B2"/></mergeCells>'
        "</worksheet>"
    ),
    "xl/worksheets/sheet2.xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<worksheet xmlns="{MAIN}"><sheetData>'
        '<row r="1"><c r="A1" t="inlineStr"><is><t>14:3</t></is></c></row>'
        '<row r="2"><c r="A2" t="inlineStr"><is><t>14:4</t></is></c></row>'
        '<row r="3"><c r="A3" t="inlineStr"><is><t>14:5</t></is></c></row>'
        "</sheetData></worksheet>"
    ),
}

if __name__ == "__main__":
    ut = Path(__file__).with_name("ange.xlsx")
    with zipfile.ZipFile(ut, "w", zipfile.ZIP_DEFLATED) as z:
        for namn, text in FILER.items():
            z.writestr(zipfile.ZipInfo(namn, date_time=(2026, 10, 1, 12, 0, 0)), text)
