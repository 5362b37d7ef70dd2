#!/usr/bin/env python3
"""Proves `check_html.py` can fail (run by `make check-report` before it checks the real reports):
a small well-formed page passes, and each deliberately broken page in tools/report-fixtures/
fails with the problem it was built to have — a legend entry running past its SVG (clipped),
two legend entries on top of each other, a map without labels, an external image (a network
request), a page without an A4 print stylesheet. Exit 0 when the checker judges every fixture as expected."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import check_html  # noqa: E402

FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "report-fixtures")
EXPECT = {
    "good.html": None,
    "clipped-legend.html": "is clipped by its SVG",
    "overlapping-legend.html": "overlap",
    "map-without-labels.html": "no labels",
    "network.html": "network request: http://example.invalid",
    "no-print-style.html": "print: no @page rule",
}


def main():
    d = check_html.driver()
    wrong = 0
    try:
        for name, expected in EXPECT.items():
            problems, _ = check_html.check_file(d, os.path.join(FIXTURES, name))
            if expected is None:
                ok = not problems
            else:
                ok = any(expected in p for p in problems)
            print(f"check-html self-test: {name}: {'as expected' if ok else 'WRONG'}"
                  + (f" ({problems[0] if problems else 'passes'})" if expected or problems else " (passes)"))
            if not ok:
                wrong += 1
                for p in problems:
                    print(f"  - {p}")
    finally:
        d.quit()
    if wrong:
        print(f"check-html self-test: FAILED, {wrong} fixture(s) judged wrongly")
        return 1
    print("check-html self-test: the checker fails every broken fixture and passes the good one")
    return 0


if __name__ == "__main__":
    sys.exit(main())
