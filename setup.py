"""Builds ttplan's compiled module with CMake for setuptools (see pyproject.toml).

CMake configures the project with the Python module on and the tool, the C API, the tests and
the benchmarks off, builds only the `_ttplan` target (the library and the module), and the
module is copied to where setuptools packs it. Environment:

- CMAKE_ARGS: more configure arguments, e.g. "-DCMAKE_BUILD_TYPE=Debug -DTTPLAN_WERROR=ON";
- CMAKE_BUILD_PARALLEL_LEVEL: parallel jobs (default: every processor);
- CMAKE_GENERATOR, CMAKE_CXX_COMPILER_LAUNCHER (e.g. ccache): read by CMake itself.

Warnings are not errors here (TTPLAN_WERROR=OFF): a compiler newer than the ones ttplan is
tested with must not stop an installation. The project's own builds keep them errors.
"""
import os
import pathlib
import re
import shlex
import shutil
import subprocess
import sys

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

ROOT = pathlib.Path(__file__).resolve().parent


def version() -> str:
    # Written once, in include/ttplan/version.hpp, as CMake reads it too.
    text = (ROOT / "include" / "ttplan" / "version.hpp").read_text()
    parts = []
    for part in ("MAJOR", "MINOR", "PATCH"):
        found = re.search(rf"#define TTPLAN_VERSION_{part} (\d+)", text)
        if not found:
            raise RuntimeError(f"include/ttplan/version.hpp: no TTPLAN_VERSION_{part}")
        parts.append(found.group(1))
    return ".".join(parts)


class CMakeExtension(Extension):
    """An extension CMake builds: setuptools compiles no sources itself."""

    def __init__(self, name: str, target: str) -> None:
        super().__init__(name, sources=[])
        self.target = target


class CMakeBuild(build_ext):
    def build_extension(self, ext: Extension) -> None:
        if not isinstance(ext, CMakeExtension):
            return super().build_extension(ext)
        cmake = shutil.which("cmake")
        if cmake is None:
            raise RuntimeError("building ttplan needs CMake 3.25 or later on PATH (Debian: cmake)")
        build_dir = pathlib.Path(self.build_temp).resolve()
        configure = [
            cmake, "-S", str(ROOT), "-B", str(build_dir),
            "-DCMAKE_BUILD_TYPE=Release",
            f"-DPython3_EXECUTABLE={sys.executable}",
            "-DTTPLAN_BUILD_PYTHON=ON",
            "-DTTPLAN_BUILD_TESTS=OFF",
            "-DTTPLAN_BUILD_CLI=OFF",
            "-DTTPLAN_BUILD_C_API=OFF",
            "-DTTPLAN_BUILD_BENCH=OFF",
            "-DTTPLAN_INSTALL=OFF",
            "-DTTPLAN_WERROR=OFF",
            *shlex.split(os.environ.get("CMAKE_ARGS", "")),
        ]
        subprocess.run(configure, check=True)
        build = [cmake, "--build", str(build_dir), "--target", ext.target]
        if self.parallel:
            build += ["-j", str(self.parallel)]
        elif "CMAKE_BUILD_PARALLEL_LEVEL" not in os.environ:
            build += ["-j", str(os.cpu_count() or 1)]
        subprocess.run(build, check=True)

        # CMake names the module for the interpreter it was configured with, as setuptools does.
        built = build_dir / "bindings" / "python" / "ttplan" / pathlib.Path(self.get_ext_filename(ext.name)).name
        if not built.is_file():
            raise RuntimeError(f"CMake built no {built}; is {sys.executable} the interpreter it found?")
        destination = pathlib.Path(self.get_ext_fullpath(ext.name))
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(built, destination)


setup(
    version=version(),
    ext_modules=[CMakeExtension("ttplan._ttplan", target="_ttplan")],
    cmdclass={"build_ext": CMakeBuild},
)
