#!/usr/bin/python3
"""LibreOffice Calc, driven over UNO, for .ci/check-clients (never part of vanban).

  calc.py fill FORM OUT      fills a form from `vanban form` as a clerk would, saves it as .xlsx
  calc.py totals WORKBOOK    checks tong-hop.xlsx: Calc's recalculated totals equal the stored
                             ones, and a figure changed in a cell moves its total
  calc.py number FORM        checks the form's rule on the document number's cells: Calc
                             takes 57, 57b and "118" and refuses 0, 5.5, 57bc and 5.5b
  calc.py quit               closes LibreOffice

Needs a running soffice listening on port 2002 (check-clients starts one).
"""
import re
import sys
import time
import zipfile

import uno
from com.sun.star.beans import PropertyValue


def connect():
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(60):
        try:
            ctx = resolver.resolve("uno:socket,host=localhost,port=2002;urp;StarOffice.ComponentContext")
            return ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        except Exception:
            time.sleep(1)
    raise SystemExit("LibreOffice did not answer on port 2002")


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def open_doc(desktop, path):
    url = uno.systemPathToFileUrl(path)
    return desktop.loadComponentFromURL(url, "_blank", 0, (prop("Hidden", True),))


def fill(desktop, form, out):
    doc = open_doc(desktop, form)
    sheet = doc.Sheets.getByName("Báo cáo")
    keys = []
    col = 0
    # Row 1 names the columns in Vietnamese; row 2 holds the keys.
    while sheet.getCellByPosition(col, 1).getString():
        keys.append(sheet.getCellByPosition(col, 1).getString())
        col += 1
    filled = 0
    for row in range(2, 200):
        if not sheet.getCellByPosition(0, row).getString():
            break
        r = row - 2
        if r >= 20:  # the last units of the list do not report
            continue
        dv = 20 + (r * 7) % 31
        numbers = {"number": r + 3, "dang_vien": dv, "hoc_tap": dv - r % 3, "so_tay": dv - r % 5,
                   "ho_dan": 300 + r * 11, "ho_thanh_toan": 100 + r * 5, "mo_hinh": r % 3}
        texts = {"issuer.superior": "ĐẢNG BỘ XÃ BÌNH AN", "issuer.name": f"CHI BỘ SỐ {r + 1}",
                 "issuer.abbr": "CB", "signature.prefix": "T/M", "signature.on_behalf": "CHI BỘ",
                 "signature.position": "BÍ THƯ", "signature.name": f"Nguyễn Văn {r + 1}",
                 "situation": "Ý thứ nhất.\nÝ thứ hai."}
        for c, key in enumerate(keys):
            cell = sheet.getCellByPosition(c, row)
            if key in numbers:
                cell.setValue(numbers[key])
            elif key == "date":
                # Typed as clerks type it: Calc makes the first a date; the
                # second stays text or becomes a date, as its locale reads it.
                day = 22 + r % 7
                cell.setFormula(f"2026-10-{day:02d}" if r % 2 else f"{day:02d}/10/2026")
            elif key in texts:
                cell.setString(texts[key])
        filled += 1
    doc.storeToURL(uno.systemPathToFileUrl(out), (prop("FilterName", "Calc MS Excel 2007 XML"),))
    doc.close(True)
    print(f"filled {filled} rows")


def stored_totals(path):
    """The total row's stored values, read from the file itself."""
    with zipfile.ZipFile(path) as z:
        xml = z.read("xl/worksheets/sheet1.xml").decode()
    rows = re.findall(r'<row r="(\d+)"[^>]*>(.*?)</row>', xml, re.S)
    for number, body in rows:
        if "SUM(" in body:
            cells = re.findall(r'<c r="([A-Z]+)\d+"[^>]*>(?:<f>([^<]*)</f>)?<v>([^<]*)</v>', body)
            return int(number) - 1, {c: (f, float(v)) for c, f, v in cells if f}
    raise SystemExit("no total row")


def totals(desktop, path):
    row, stored = stored_totals(path)
    doc = open_doc(desktop, path)
    sheet = doc.Sheets.getByName("Tổng hợp")
    doc.calculateAll()
    bad = 0
    col_index = lambda letters: sum((ord(ch) - 64) * 26 ** i for i, ch in enumerate(reversed(letters))) - 1
    for letters, (formula, value) in sorted(stored.items()):
        theirs = sheet.getCellByPosition(col_index(letters), row).getValue()
        ok = abs(theirs - value) < 1e-9
        bad += not ok
        print(f"{'ok  ' if ok else 'FAIL'} {letters}{row + 1} ={formula}: vanban {value}, Calc {theirs}")
    # A figure edited by a clerk moves its total.
    first = min(stored, key=col_index)
    c = col_index(first)
    before = sheet.getCellByPosition(c, row).getValue()
    cell = sheet.getCellByPosition(c, 4)
    cell.setValue(cell.getValue() + 5)
    doc.calculateAll()
    after = sheet.getCellByPosition(c, row).getValue()
    moved = abs(after - before - 5) < 1e-9
    print(f"{'ok  ' if moved else 'FAIL'} editing {first}5 by +5 moves the total from {before} to {after}")
    doc.close(True)
    return bad + (not moved)


def number_rule(desktop, form):
    """The form's validation of the `number` column, evaluated by Calc on
    values a clerk may type: the rule's own formula, in a spare cell."""
    doc = open_doc(desktop, form)
    sheet = doc.Sheets.getByName("Báo cáo")
    col = 0
    while sheet.getCellByPosition(col, 1).getString() not in ("number", ""):
        col += 1
    cell = sheet.getCellByPosition(col, 2)
    rule = cell.Validation.getFormula1()
    spare = sheet.getCellByPosition(col + 60, 2)
    cases = [(57, True), ("57b", True), ("57B", True), ("118", True), (0, False), (5.5, False),
             ("57bc", False), ("5.5b", False), ("b", False), ("0b", False)]
    bad = 0
    for value, allowed in cases:
        if isinstance(value, str):
            cell.setString(value)
        else:
            cell.setValue(value)
        spare.setFormula("=" + rule)
        doc.calculateAll()
        taken = spare.getError() == 0 and spare.getValue() != 0
        bad += taken != allowed
        print(f"{'ok  ' if taken == allowed else 'FAIL'} {value!r}: {'taken' if taken else 'refused'}")
    doc.close(True)
    return bad


if __name__ == "__main__":
    desktop = connect()
    if sys.argv[1] == "fill":
        fill(desktop, sys.argv[2], sys.argv[3])
    elif sys.argv[1] == "totals":
        sys.exit(1 if totals(desktop, sys.argv[2]) else 0)
    elif sys.argv[1] == "number":
        sys.exit(1 if number_rule(desktop, sys.argv[2]) else 0)
    elif sys.argv[1] == "quit":
        try:
            desktop.terminate()
        except Exception:
            pass  # the bridge closes as LibreOffice quits
