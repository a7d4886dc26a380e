"""The framework definitions and the JSON schema shipped with the product, found through the
package (``importlib.resources``), so an installed wheel has them wherever it is installed.

``prongsai/frameworks/definitions/`` holds one YAML file per fiscal year × variant and
``framework.schema.json``; the loader validates every definition against that schema.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from pathlib import Path

SCHEMA_NAME = "framework.schema.json"


def definitions_dir() -> Path:
    """The folder of shipped definitions (installed packages are plain folders on disk)."""
    return Path(str(files("prongsai.frameworks") / "definitions"))


def definition_paths() -> list[Path]:
    """Every shipped framework definition, by file name."""
    return sorted(definitions_dir().glob("*.yaml"))


def definition_path(name: str) -> Path:
    """A shipped definition by file name, e.g. ``ita-2567-police.yaml``."""
    path = definitions_dir() / name
    if path.name != name or path.suffix != ".yaml" or not path.is_file():
        raise FileNotFoundError(f"no shipped framework definition {name!r}")
    return path


@cache
def schema_text() -> str:
    return (files("prongsai.frameworks") / "definitions" / SCHEMA_NAME).read_text(encoding="utf-8")
