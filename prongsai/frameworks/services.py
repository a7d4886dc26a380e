"""Writes for frameworks: import a definition from an uploaded YAML or XLSX file."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .loader import FrameworkInvalid, check_definition, framework_load, parse_yaml
from .models import Framework
from .xlsx import read_workbook

MAX_DEFINITION_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class ImportOutcome:
    framework: Framework | None
    created: bool
    problems: list[str]
    checked_only: bool = False


def framework_import(
    *, actor: Any, content: bytes, filename: str, check_only: bool = False
) -> ImportOutcome:
    """Validate an uploaded definition (``.yaml``/``.yml`` or ``.xlsx``) and load it.

    Nothing is written when any problem is found, or when ``check_only`` is set. Messages for
    a workbook name the sheet and row behind each problem.
    """
    if len(content) > MAX_DEFINITION_BYTES:
        return ImportOutcome(None, False, ["the file is larger than 5 MB"])
    name = filename.lower()
    locate = str
    if name.endswith((".yaml", ".yml")):
        try:
            text = content.decode("utf-8")
        except UnicodeDecodeError:
            return ImportOutcome(None, False, ["the file is not UTF-8 text"])
        data, parse_problems = parse_yaml(text)
        if parse_problems:
            return ImportOutcome(None, False, [str(p) for p in parse_problems])
    elif name.endswith(".xlsx"):
        read = read_workbook(content)
        if read.problems or read.definition is None:
            return ImportOutcome(None, False, [str(p) for p in read.problems])
        data, locate = read.definition, read.locate  # type: ignore[assignment]
    else:
        return ImportOutcome(None, False, ["upload a .yaml or .xlsx file"])
    problems = check_definition(data)
    if problems:
        return ImportOutcome(None, False, [locate(p) for p in problems])
    if check_only:
        return ImportOutcome(None, False, [], checked_only=True)
    try:
        result = framework_load(actor=actor, data=data, source_name=filename)
    except FrameworkInvalid as exc:  # changed between check and load (concurrent upload)
        return ImportOutcome(None, False, [locate(p) for p in exc.problems])
    return ImportOutcome(result.framework, result.created, [])
