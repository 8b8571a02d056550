"""Build the course list templates (CSV and XLSX) from one set of example rows.

Run from the repository root: ``python docs/college/make_template.py``. The rows are examples for
a made-up Sunderland campus (SR1 3SD); replace them with your own courses.
"""

from __future__ import annotations

import csv
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.datavalidation import DataValidation

__all__ = ["HEADINGS", "EXAMPLES", "write_csv", "write_xlsx"]

HERE = Path(__file__).resolve().parent
HEADINGS = ["title", "level", "route", "campus postcode", "start dates", "duration", "link", "standard", "t level", "soc"]
EXAMPLES = [
    [
        "Level 2 Diploma in Electrical Installation",
        "Level 2",
        "Construction and the built environment",
        "SR1 3SD",
        "September 2026",
        "1 year",
        "https://www.example.ac.uk/courses/electrical-l2",
        "",
        "",
        "5241",
    ],
    [
        "Level 3 Electrical Installation apprenticeship",
        "3",
        "",
        "SR1 3SD",
        "01/09/2026; January 2027",
        "42 months",
        "https://www.example.ac.uk/courses/electrician-apprenticeship",
        "ST0152",
        "",
        "",
    ],
    [
        "T Level in Health",
        "3",
        "Health and science",
        "SR1 3SD",
        "2026-09-07",
        "2 years",
        "https://www.example.ac.uk/courses/t-level-health",
        "",
        "T Level in Health",
        "",
    ],
    [
        "Entry Level 3 Skills for Work",
        "Entry",
        "Business and administration",
        "SR1 3SD",
        "September 2026",
        "36 weeks",
        "https://www.example.ac.uk/courses/skills-for-work",
        "",
        "",
        "",
    ],
]


def write_csv(path: Path) -> None:
    """The CSV template (UTF-8 with a byte-order mark, so Excel opens it correctly)."""
    with open(path, "w", newline="", encoding="utf-8-sig") as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(HEADINGS)
        w.writerows(EXAMPLES)


def write_xlsx(path: Path) -> None:
    """The XLSX template: a 'Courses' sheet with bold headings, a level list and a 'Routes' sheet."""
    from pathways.profile import ROUTES

    wb = Workbook()
    ws = wb.active
    ws.title = "Courses"
    ws.append(HEADINGS)
    for row in EXAMPLES:
        ws.append(row)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for col, width in zip("ABCDEFGHIJ", (48, 10, 40, 16, 26, 12, 52, 12, 22, 8)):
        ws.column_dimensions[col].width = width
    ws.freeze_panes = "A2"
    routes = wb.create_sheet("Routes")
    routes.append(["The 15 occupational routes (use one in the 'route' column)"])
    for r in ROUTES:
        routes.append([r])
    levels = DataValidation(type="list", formula1='"Entry,1,2,3,4,5,6,7"', allow_blank=False)
    levels.error, levels.prompt = "Use Entry or 1 to 7", "Entry, or 1 to 7"
    ws.add_data_validation(levels)
    levels.add("B2:B2001")
    pick = DataValidation(type="list", formula1=f"Routes!$A$2:$A${len(ROUTES) + 1}", allow_blank=True)
    ws.add_data_validation(pick)
    pick.add("C2:C2001")
    wb.properties.creator = "Pathway explorer"
    wb.save(path)


if __name__ == "__main__":
    import sys

    sys.path.insert(0, str(HERE.parents[1]))
    write_csv(HERE / "courses_template.csv")
    write_xlsx(HERE / "courses_template.xlsx")
    print("wrote courses_template.csv and courses_template.xlsx")
