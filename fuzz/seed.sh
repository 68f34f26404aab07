#!/bin/sh
# Seeds fuzz/corpus/pipeline (git-ignored) with every workbook in tests/fixtures/
# (bad/ and fuzz/ included) and input/, plus an uncompressed ("stored") copy of each
# zip-based one, so that byte mutations reach the XML instead of a deflate stream.
set -eu
cd "$(dirname "$0")/.."
mkdir -p fuzz/corpus/pipeline
find tests/fixtures input -type f \( -name '*.xls*' -o -name '*.ods' \) \
    -exec cp {} fuzz/corpus/pipeline/ \;
python3 - <<'PY'
import glob, io, os, zipfile
out = "fuzz/corpus/pipeline"
for path in sorted(glob.glob(out + "/*")):
    name = os.path.basename(path)
    if name.startswith("stored-") or "bomb" in name or not zipfile.is_zipfile(path):
        continue
    try:
        src = zipfile.ZipFile(path)
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as dst:
            for info in src.infolist():
                dst.writestr(zipfile.ZipInfo(info.filename, (2023, 1, 1, 0, 0, 0)), src.read(info))
    except Exception:
        continue
    with open(os.path.join(out, "stored-" + name), "wb") as f:
        f.write(buf.getvalue())
PY
ls fuzz/corpus/pipeline | wc -l
