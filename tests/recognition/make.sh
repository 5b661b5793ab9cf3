#!/usr/bin/env bash
# Makes the generated part of the recognition test set, once; the outputs are
# committed, so `cargo test` needs neither poppler nor LibreOffice.
#   vanban/NAME.txt       pdftotext of vanban's own PDF of samples/NAME.yaml
#   vanban-raw/NAME.txt   the same with -raw (content-stream order, as a PDF
#                         viewer's copy gives it)
#   libreoffice/NAME.pdf  LibreOffice's PDF of vanban's DOCX of the sample
#   libreoffice/NAME.txt  pdftotext of that PDF
# Needs poppler-utils and libreoffice-writer (Debian).
set -euo pipefail
cd "$(dirname "$0")/../.."
here=tests/recognition
out=$(mktemp -d /tmp/vanban-set.XXXXXX)
profile=$(mktemp -d /tmp/vanban-lo.XXXXXX)
trap 'rm -rf "$out" "$profile"' EXIT
cargo run --quiet -- render samples/*.yaml -o "$out" >/dev/null
mkdir -p "$here/vanban" "$here/vanban-raw" "$here/libreoffice" "$out/lo"
HOME=$profile soffice -env:UserInstallation=file://$profile --headless \
  --convert-to pdf --outdir "$out/lo" "$out"/*.docx >/dev/null 2>&1
for pdf in "$out"/*.pdf; do
  name=$(basename "$pdf" .pdf)
  pdftotext -enc UTF-8 "$pdf" "$here/vanban/$name.txt"
  pdftotext -enc UTF-8 -raw "$pdf" "$here/vanban-raw/$name.txt"
  cp "$out/lo/$name.pdf" "$here/libreoffice/$name.pdf"
  pdftotext -enc UTF-8 "$out/lo/$name.pdf" "$here/libreoffice/$name.txt"
done
pdftotext -v 2>&1 | head -1
soffice --version
