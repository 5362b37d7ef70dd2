#!/usr/bin/env bash
# The GIS check must fail on what issue 18 found in layers.gpkg: a coverage style whose classes
# stop at 3 cameras (stretches seen by more are not drawn) and an update_time GDAL warns about.
# Usage: check_gis_selftest.sh LAYERS.gpkg
set -euo pipefail
src=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
run_check() { QT_QPA_PLATFORM=offscreen /usr/bin/python3 "$(dirname "$0")/check_gis.py" "$1" >"$tmp/log" 2>&1; }

cp "$src" "$tmp/ranges.gpkg"
# Cut the last graduated range (seen by 4 or more) out of the QML: those stretches lose their symbol.
sqlite3 "$tmp/ranges.gpkg" "UPDATE layer_styles SET styleQML = substr(styleQML, 1, instr(styleQML, '<range lower=\"3\"') - 1) || substr(styleQML, instr(styleQML, '</ranges>')) WHERE f_table_name = 'coverage'"
if run_check "$tmp/ranges.gpkg"; then
  echo "check-gis selftest: FAILED: a coverage style without the 4+ cameras class passed"; exit 1
fi
grep -q "coverage: .* would not be drawn" "$tmp/log" || { cat "$tmp/log"; echo "check-gis selftest: FAILED: undrawn coverage stretches not reported"; exit 1; }

cp "$src" "$tmp/time.gpkg"
sqlite3 "$tmp/time.gpkg" "UPDATE layer_styles SET update_time = '2000-01-01T00:00:00Z'"
if run_check "$tmp/time.gpkg"; then
  echo "check-gis selftest: FAILED: an update_time GDAL warns about passed"; exit 1
fi
grep -q "ogrinfo prints on stderr" "$tmp/log" || { cat "$tmp/log"; echo "check-gis selftest: FAILED: GDAL warning not reported"; exit 1; }
echo "check-gis selftest: a style missing the 4+ cameras class and a non-conformant update_time are both rejected"
