"""Every glossary term as a tab-separated table (key, English, Welsh, note) for review."""

from __future__ import annotations

import sys

from upw_ttg.printing.glossary import review_rows


def main() -> None:
    sys.stdout.write("key\tEnglish\tWelsh\tnote\n")
    for row in review_rows():
        sys.stdout.write("\t".join(row) + "\n")


if __name__ == "__main__":
    main()
