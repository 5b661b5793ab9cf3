#!/bin/sh
# Other producers' PDFs of vanban's documents, for the PDF reader's tests
# (src/import/pdf/tests/samples.rs). Made once, by hand, and committed; run
# again after a change to these samples. Needs vanban built, LibreOffice
# (soffice), Ghostscript (gs) and poppler's pdftocairo.
#   libreoffice/  soffice --headless --convert-to pdf of vanban's DOCX
#   ghostscript/  gs -sDEVICE=pdfwrite of vanban's PDF (re-distilled)
#   cairo/        pdftocairo -pdf of vanban's PDF (cairo's PDF writer)
set -eu
cd "$(dirname "$0")"
root=../../..
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for name in party-cong-van huong-dan-44-HD-BTGHU state-quyet-dinh state-bao-cao party-chuong-trinh-phoi-hop state-chi-thi; do
  "$root/target/debug/vanban" render "$root/samples/$name.yaml" -o "$tmp" >/dev/null
done
mkdir -p libreoffice ghostscript cairo
soffice --headless --convert-to pdf --outdir libreoffice "$tmp"/*.docx >/dev/null
for name in party-cong-van state-bao-cao; do
  gs -q -dNOPAUSE -dBATCH -sDEVICE=pdfwrite -sOutputFile="ghostscript/$name.pdf" "$tmp/$name.pdf"
  pdftocairo -pdf "$tmp/$name.pdf" "cairo/$name.pdf"
done
