"""What the packages cost to make and to download: `cpack` of a release build
with the .deb compressed by xz (the default, cmake/Packaging.cmake) and by zstd
(CMake's level), and the .tar.gz, side by side in alternating rounds. Prints
medians of wall and CPU seconds and each package's size.

usage: python3 benchmarks/package_compression.py BUILD_DIR [--runs 3]
"""

import argparse
import glob
import os
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import timing  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("build_dir")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    config = os.path.join(os.path.abspath(args.build_dir), "CPackConfig.cmake")
    scratch = tempfile.mkdtemp(prefix="package-compression-")
    contenders = {
        "deb, xz (default)": ["-G", "DEB", "-D", "CPACK_DEBIAN_COMPRESSION_TYPE=xz"],
        "deb, zstd": ["-G", "DEB", "-D", "CPACK_DEBIAN_COMPRESSION_TYPE=zstd"],
        "tar.gz": ["-G", "TGZ"],
    }
    commands = {label: [["cpack", "--config", config, *flags, "-B", os.path.join(scratch, str(i))]]
                for i, (label, flags) in enumerate(contenders.items())}
    sizes = {}

    def after_each(label, record):
        out = commands[label][0][-1]
        package = [p for p in glob.glob(os.path.join(out, "lance-bridge*")) if os.path.isfile(p)]
        sizes[label] = os.path.getsize(package[0])
        shutil.rmtree(out)

    try:
        results = timing.run_rounds(commands, args.runs, after_each=after_each)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    print(timing.markdown_table(results, "deb, xz (default)"))
    print()
    for label, size in sizes.items():
        print(f"{label}: {size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
