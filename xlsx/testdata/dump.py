#!/usr/bin/python3
"""Dump an xlsx as JSON with openpyxl (Debian's python3-openpyxl), an xlsx reader
independent of excelize: per sheet, every non-empty cell's value, type and number format,
the merged ranges, the print titles and the page setup."""
import json
import sys

import openpyxl

wb = openpyxl.load_workbook(sys.argv[1])
out = []
for ws in wb.worksheets:
    cells = []
    for row in ws.iter_rows():
        for c in row:
            if c.value is None:
                continue
            cells.append({
                "ref": c.coordinate,
                "value": c.value if isinstance(c.value, str) else repr(c.value),
                "number": isinstance(c.value, (int, float)) and not isinstance(c.value, bool),
                "format": c.number_format,
                "font": c.font.name,
                "bold": bool(c.font.b),
                "wrap": bool(c.alignment.wrap_text),
                "border": c.border.left.style or "",
            })
    out.append({
        "name": ws.title,
        "cells": cells,
        "merged": sorted(str(r) for r in ws.merged_cells.ranges),
        "printTitleRows": ws.print_title_rows or "",
        "paperSize": int(ws.page_setup.paperSize or 0),
        "fitToWidth": int(ws.page_setup.fitToWidth if ws.page_setup.fitToWidth is not None else -1),
        "fitToPage": bool(ws.sheet_properties.pageSetUpPr and ws.sheet_properties.pageSetUpPr.fitToPage),
    })
json.dump(out, sys.stdout, ensure_ascii=False)
