#!/usr/bin/env bash
# Checks that a report PDF has at least <min-pages> pages and turns every page into a PNG
# (70 dpi: enough to judge layout, charts and legibility) for a person to look at.
#
#   tests/browser/pdf-pages.sh <report.pdf> <outdir> <min-pages>
#
# Writes <outdir>/page-1.png … (pdftoppm numbers them with as many digits as the last page
# needs); PNGs of an earlier run in <outdir> are removed first, so no stale page remains.
# Needs poppler-utils (pdfinfo, pdftoppm): scripts/browser-deps.sh installs it.
set -euo pipefail

fail() {
	echo "pdf-pages.sh: $*" >&2
	exit 1
}

[ $# -eq 3 ] || fail "usage: pdf-pages.sh <report.pdf> <outdir> <min-pages>"
pdf=$1
outdir=$2
min_pages=$3
[[ $min_pages =~ ^[0-9]+$ ]] || fail "min-pages must be a whole number, not '$min_pages'"
[ -f "$pdf" ] || fail "no such file: $pdf"
for tool in pdfinfo pdftoppm; do
	command -v "$tool" >/dev/null || fail "$tool not found (run scripts/browser-deps.sh)"
done

# pdfinfo refuses a file that is not a readable PDF (with a line per byte it cannot parse).
info=$(pdfinfo "$pdf" 2>/dev/null) || fail "$pdf is not a readable PDF (pdfinfo refused it)"
pages=$(printf '%s\n' "$info" | awk '/^Pages:/ { print $2 }')
[[ $pages =~ ^[0-9]+$ ]] || fail "pdfinfo gave no page count for $pdf"
if [ "$pages" -lt "$min_pages" ]; then
	fail "$pdf has $pages page(s), expected at least $min_pages"
fi

mkdir -p "$outdir"
rm -f "$outdir"/page-*.png
pdftoppm -png -r 70 "$pdf" "$outdir/page"
written=$(find "$outdir" -maxdepth 1 -name 'page-*.png' | wc -l)
[ "$written" -eq "$pages" ] || fail "pdftoppm wrote $written PNG(s) for $pages page(s)"
echo "$pdf: $pages page(s) (at least $min_pages): $outdir/page-*.png"
