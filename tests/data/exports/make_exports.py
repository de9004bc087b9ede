"""The bundled survey (examples/data/b2b_survey.csv) as three exports of other tools, for the
export reader's tests: the same answers, written the way each tool writes them.

Run from the repository root: python3 tests/data/exports/make_exports.py

- dutch_export.csv: a Dutch CRM export: UTF-8 with a byte-order mark, CRLF line ends, ';' as the
  delimiter, Dutch headers, the question text as the score header, timestamps dd-mm-yyyy hh:mm,
  amounts 1.250,50.
- survey_tool_export.csv: a survey tool's export: ',' as the delimiter, English headers in another
  order, the long question text as the score header, ISO 8601 timestamps in UTC, amounts 1,250.50.
- crm_export.jsonl: JSON Lines: one object per answer, numbers as JSON numbers, ISO timestamps with
  an offset, a missing comment as null.

Each answer's timestamp lies in the quarter of its `period` label (a day and time derived from its
row number), so every file reads back to the same responses as the bundled file. Any further column
of the bundled file (a segment) is copied to every export under its own name, as text.
"""
import csv
import datetime
import json

SOURCE = "examples/data/b2b_survey.csv"
QUESTION_EN = "How likely are you to recommend us to a friend or colleague?"
QUESTION_NL = "Hoe waarschijnlijk is het dat u ons aanbeveelt bij een vriend of collega?"

reader = csv.DictReader(open(SOURCE, newline="", encoding="utf-8"))
rows = list(reader)
KNOWN = ["period", "account", "branch", "arr", "respondent", "role", "score", "comment"]
EXTRA = [column for column in reader.fieldnames if column not in KNOWN]


def moment(index, period):
    """A time within the quarter `period` (e.g. 2026-Q1), the same for every file."""
    year, quarter = int(period[:4]), int(period[-1])
    start = datetime.datetime(year, 3 * quarter - 2, 1)
    offset = datetime.timedelta(days=(index * 37) % 89, minutes=(index * 53) % (24 * 60))
    return start + offset


def grouped(amount, thousands, decimal):
    """8300 as 8,300.00 (thousands ',' and decimal '.') or 8.300,00."""
    whole = f"{int(amount):,}".replace(",", thousands)
    cents = f"{round((amount - int(amount)) * 100):02d}"
    return f"{whole}{decimal}{cents}"


with open("tests/data/exports/dutch_export.csv", "w", newline="", encoding="utf-8-sig") as out:
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(["Ingevuld op", "Bedrijf", "Contactpersoon", "Rol", "Branche", "Jaaromzet", QUESTION_NL, "Toelichting"] + EXTRA)
    for i, r in enumerate(rows):
        when = moment(i, r["period"]).strftime("%d-%m-%Y %H:%M")
        arr = grouped(float(r["arr"]), ".", ",")
        writer.writerow([when, r["account"], r["respondent"], r["role"], r["branch"], arr, r["score"], r["comment"]] + [r[c] for c in EXTRA])

with open("tests/data/exports/survey_tool_export.csv", "w", newline="", encoding="utf-8") as out:
    writer = csv.writer(out, delimiter=",", lineterminator="\n")
    writer.writerow([QUESTION_EN, "Comment", "Submitted at", "Contact", "Role", "Company", "Industry", "ARR"] + EXTRA)
    for i, r in enumerate(rows):
        when = moment(i, r["period"]).strftime("%Y-%m-%dT%H:%M:%SZ")
        arr = grouped(float(r["arr"]), ",", ".")
        writer.writerow([r["score"], r["comment"], when, r["respondent"], r["role"], r["account"], r["branch"], arr] + [r[c] for c in EXTRA])

with open("tests/data/exports/crm_export.jsonl", "w", newline="", encoding="utf-8") as out:
    for i, r in enumerate(rows):
        record = {
            "submitted_at": moment(i, r["period"]).strftime("%Y-%m-%dT%H:%M:%S+01:00"),
            "account": r["account"],
            "respondent": r["respondent"],
            "role": r["role"],
            "branch": r["branch"],
            "arr": int(r["arr"]),
            "score": int(r["score"]),
            "comment": r["comment"] or None,
        }
        record.update({c: r[c] or None for c in EXTRA})
        out.write(json.dumps(record, ensure_ascii=False) + "\n")

print("wrote 3 exports of", len(rows), "answers")
