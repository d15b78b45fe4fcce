"""A wheel builds with python3-build, offline and without isolation, and holds the package:
the compiled module, the pure-Python files, the stubs, py.typed and the JSON schemas; an sdist
holds every file that build reads."""
import sys
import sysconfig
import tarfile
import zipfile

from source_copy import COPY, run, schemas, version


def test_the_wheel_holds_the_package(tmp_path):
    run(sys.executable, "-m", "build", "--no-isolation", "--wheel", "--outdir", tmp_path, COPY)
    (wheel,) = tmp_path.glob("*.whl")
    tag = f"cp{sys.version_info.major}{sys.version_info.minor}"
    platform = sysconfig.get_platform().replace("-", "_").replace(".", "_")
    assert wheel.name == f"ttplan-{version()}-{tag}-{tag}-{platform}.whl"

    with zipfile.ZipFile(wheel) as z:
        names = set(z.namelist())
        dist_info = f"ttplan-{version()}.dist-info"
        metadata = z.read(f"{dist_info}/METADATA").decode()
    package = {
        "ttplan/__init__.py", "ttplan/__init__.pyi", "ttplan/py.typed", "ttplan/_frames.py",
        "ttplan/_ttplan" + sysconfig.get_config_var("EXT_SUFFIX"),
        *(f"ttplan/schema/{name}" for name in schemas()),
    }
    assert package <= names, sorted(package - names)
    # Nothing else: no sources, tests or build files.
    assert {n for n in names if not n.startswith(dist_info + "/")} == package
    assert "Name: ttplan\n" in metadata and f"Version: {version()}\n" in metadata
    assert "Provides-Extra: pandas\n" in metadata and "Requires-Python: >=3.9\n" in metadata
    assert "For planning and education only" in metadata  # the README is the description


def test_the_sdist_holds_what_the_build_needs(tmp_path):
    # Cheap (nothing is compiled), and keeps MANIFEST.in honest: a wheel built from the sdist
    # needs every file CMake reads for the library and the module.
    run(sys.executable, "-m", "build", "--no-isolation", "--sdist", "--outdir", tmp_path, COPY)
    (sdist,) = tmp_path.glob("*.tar.gz")
    assert sdist.name == f"ttplan-{version()}.tar.gz"
    with tarfile.open(sdist) as t:
        names = {n.split("/", 1)[1] for n in t.getnames() if "/" in n}
    needed = {"pyproject.toml", "setup.py", "CMakeLists.txt", "README.md", "cmake/TtplanEmbed.cmake",
              "cmake/TtplanWarnings.cmake", "src/CMakeLists.txt", "include/ttplan/version.hpp",
              "bindings/python/CMakeLists.txt", "bindings/python/ttplan/__init__.pyi"}
    needed |= {str(p.relative_to(COPY)) for d in ("src", "include", "protocols", "schema", "bindings/python/src")
               for p in (COPY / d).rglob("*") if p.is_file() and "__pycache__" not in p.parts}
    assert needed <= names, sorted(needed - names)
    assert not any(n.startswith(("tests/", "bindings/python/tests/", "build/")) for n in names)
