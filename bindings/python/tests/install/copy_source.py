"""Copies the source tree to DESTINATION as a fresh checkout has it (no .git, no build
directories, no egg-info), for the packaging tests: pip and build must work from that.

usage: copy_source.py SOURCE DESTINATION"""
import pathlib
import shutil
import sys


def main(source: pathlib.Path, destination: pathlib.Path) -> None:
    source, destination = source.resolve(), destination.resolve()

    def ignore(directory: str, names: list[str]) -> set[str]:
        here = pathlib.Path(directory)
        skipped = {n for n in names if n in {".git", "__pycache__"} or n.endswith(".egg-info")}
        if here == source:
            skipped |= {n for n in names if n == "build" or n.startswith("build-")}
        # Any build directory (and the destination itself, when it lies inside the source tree).
        for n in names:
            path = here / n
            if path == destination or (path / "CMakeCache.txt").exists():
                skipped.add(n)
        return skipped

    if destination.exists():
        shutil.rmtree(destination)
    shutil.copytree(source, destination, ignore=ignore)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]))
