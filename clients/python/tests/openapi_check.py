"""Compares the client's pydantic models with JSON Schemas of the service's OpenAPI document."""

from __future__ import annotations

import types
import typing
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel

from precipitate import Client, Jobs, calibration_models, models
from precipitate.calibrations import Calibrations
from precipitate.sweeps import Sweeps

SCALARS: dict[str, tuple[type, ...]] = {
    "string": (str, datetime),
    "integer": (int,),
    "number": (float,),
    "boolean": (bool,),
}

# Each operation of the document, and what of the client carries it out. An operation the service gains
# fails test_every_operation_has_a_client_method until it is added here and to the client.
OPERATIONS: dict[str, Any] = {
    "simulate": Client.simulate,
    "simulateAsync": Client.submit,
    "listJobs": Jobs.list,
    "getJob": Jobs.get,
    "deleteJob": Jobs.delete,
    "getResults": Client.result,
    "getFile": Client.download,
    "health": Client.health,
    "openapi": Client.openapi,
    "docs": None,  # the HTML page for browsers
    "createSweep": Sweeps.start,
    "getSweep": Sweeps.get,
    "getSweepResults": Sweeps.results,
    "deleteSweep": Sweeps.delete,
    "createCalibration": Calibrations.start,
    "getCalibration": Calibrations.get,
    "getCalibrationResults": Calibrations.results,
    "deleteCalibration": Calibrations.delete,
    "docsAsset": None,
}

# JSON answers: (operationId, status) -> model.
ANSWERS: dict[tuple[str, str], type[BaseModel]] = {
    ("simulate", "200"): models.Job,
    ("simulate", "202"): models.Job,
    ("simulateAsync", "202"): models.Accepted,
    ("listJobs", "200"): models.JobPage,
    ("getJob", "200"): models.Job,
    ("deleteJob", "200"): models.Job,
    ("getResults", "200"): models.Results,
    ("health", "200"): models.Health,
    ("createSweep", "202"): models.Sweep,
    ("getSweep", "200"): models.Sweep,
    ("deleteSweep", "200"): models.Sweep,
    ("getSweepResults", "200"): models.SweepResults,
    ("createCalibration", "202"): calibration_models.Calibration,
    ("getCalibration", "200"): calibration_models.Calibration,
    ("deleteCalibration", "200"): calibration_models.Calibration,
    ("getCalibrationResults", "200"): calibration_models.CalibrationResults,
}

# Parameters the client sets itself rather than taking from the caller.
HANDLED_PARAMETERS = {"Prefer"}


def _variants(annotation: Any) -> tuple[list[Any], bool]:
    """The non-None members of an annotation's union, and whether None is allowed."""
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        args = typing.get_args(annotation)
        return [a for a in args if a is not type(None)], type(None) in args
    return [annotation], annotation is type(None)


def _field(model: type[BaseModel], name: str) -> Any:
    for field_name, info in model.model_fields.items():
        if (info.alias or field_name) == name:
            return info
    return None


def _object(schema: dict[str, Any], model: type[BaseModel], path: str) -> list[str]:
    problems: list[str] = []
    properties: dict[str, Any] = schema["properties"]
    required = set(schema.get("required", []))
    for name, sub in properties.items():
        info = _field(model, name)
        if info is None:
            problems.append(f"{path}/{name}: in the service's document, missing from {model.__name__}")
            continue
        if info.is_required() != (name in required):
            problems.append(f"{path}/{name}: required {name in required} in the document, not in the client")
        problems += compare(sub, info.annotation, f"{path}/{name}")
    undocumented = getattr(model, "UNDOCUMENTED", {})
    for field_name, info in model.model_fields.items():
        name = info.alias or field_name
        if name not in properties and name not in undocumented:
            problems.append(f"{path}/{name}: in {model.__name__}, not in the service's document")
    return problems


def compare(schema: dict[str, Any], annotation: Any, path: str) -> list[str]:
    """Every way in which `annotation` does not describe `schema` (empty when they match)."""
    declared = schema.get("type")
    kinds = set(declared if isinstance(declared, list) else [declared] if declared else [])
    options, nullable = _variants(annotation)
    if "null" in kinds and not nullable:
        return [f"{path}: may be null in the document, not in the client"]
    kinds.discard("null")
    if "properties" in schema:
        found = [o for o in options if isinstance(o, type) and issubclass(o, BaseModel)]
        if not found:
            return [f"{path}: an object with properties in the document, {annotation} in the client"]
        return _object(schema, found[0], path)
    if "enum" in schema:
        literals = [o for o in options if typing.get_origin(o) is Literal]
        values = set(typing.get_args(literals[0])) if literals else set()
        if values != set(schema["enum"]):
            return [f"{path}: enum {sorted(schema['enum'])} in the document, {sorted(values)} in the client"]
        return []
    if kinds == {"array"}:
        lists = [o for o in options if typing.get_origin(o) is list]
        if not lists:
            return [f"{path}: an array in the document, {annotation} in the client"]
        return compare(schema.get("items", {}), typing.get_args(lists[0])[0], f"{path}/items")
    if kinds == {"object"}:
        if any(typing.get_origin(o) is dict or (isinstance(o, type) and issubclass(o, BaseModel)) for o in options):
            return []
        return [f"{path}: an object in the document, {annotation} in the client"]
    for kind in kinds:
        allowed = SCALARS.get(kind, ())
        if not any(o in allowed for o in options):
            return [f"{path}: {kind} in the document, {annotation} in the client"]
    return []


def unknown_fields(value: Any, path: str = "") -> list[str]:
    """Fields of a live answer that the client's models do not declare (kept in model_extra)."""
    found: list[str] = []
    if isinstance(value, BaseModel):
        found += [f"{path}/{name}" for name in (value.model_extra or {})]
        for name in type(value).model_fields:
            found += unknown_fields(getattr(value, name), f"{path}/{name}")
    elif isinstance(value, list):
        for i, item in enumerate(value):
            found += unknown_fields(item, f"{path}/{i}")
    elif isinstance(value, dict):
        for key, item in value.items():
            found += unknown_fields(item, f"{path}/{key}")
    return found
