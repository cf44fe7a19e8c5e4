"""Open a deck the app wrote with python-pptx (a reader written apart from
ours) and check what a board member would see and edit.

    python3 tests/reference/check_pptx.py deck.pptx expected.json

expected.json: {"titles": [...], "slides": [ids...], "charts": [ids...], "notes": "text"}.
Checks: 16:9; one slide per expected title, in order, each title an
editable text placeholder holding exactly that text; a PNG picture on every
chart slide (and its SVG beside it where written); a real table on the
overview and leaderboard slides; the notes of every slide holding the
definitions. Prints 'N passed, N failed' and exits non-zero on a failure.
"""
import json
import sys

from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER


def main():
    path, expected_path = sys.argv[1], sys.argv[2]
    expected = json.load(open(expected_path, encoding="utf-8"))
    prs = Presentation(path)
    passed, failed = 0, 0

    def check(ok, what):
        nonlocal passed, failed
        if ok:
            passed += 1
        else:
            failed += 1
            print(f"FAIL {what}")

    check((prs.slide_width, prs.slide_height) == (12192000, 6858000), "16:9 slide size")
    slides = list(prs.slides)
    check(len(slides) == len(expected["titles"]), f"{len(slides)} slides, expected {len(expected['titles'])}")
    for slide, title, slide_id in zip(slides, expected["titles"], expected["slides"]):
        shape = slide.shapes.title
        check(shape is not None and shape.is_placeholder and shape.placeholder_format.type == PP_PLACEHOLDER.TITLE,
              f"{slide_id}: the title is a title placeholder")
        check(shape is not None and shape.text_frame.text == title, f"{slide_id}: title {shape.text_frame.text if shape else None!r} == {title!r}")
        pictures = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE and s.name != "Logo"]
        charts = [p for p in pictures if p.image.content_type == "image/png" and p._element.xpath(".//a:blip/@r:embed")]
        if slide_id in expected["charts"]:
            check(len(charts) >= 1 and len(charts[0].image.blob) > 0, f"{slide_id}: a PNG chart")
            svg = slide.part.rels
            check(any(r.reltype.endswith("/image") and r.target_ref.endswith(".svg") for r in svg.values()),
                  f"{slide_id}: the chart's SVG beside the PNG")
        if slide_id in ("overview", "leaderboard"):
            tables = [s for s in slide.shapes if s.has_table]
            check(len(tables) == 1 and len(tables[0].table.rows) >= 2, f"{slide_id}: a table")
        notes = slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""
        check(expected["notes"] in notes, f"{slide_id}: the definitions in the notes")
    print(f"pptx: {passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
