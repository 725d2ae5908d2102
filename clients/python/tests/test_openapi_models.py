"""The client's models against the running service's OpenAPI document and its live answers."""

from __future__ import annotations

import copy
import inspect
import re
from typing import Any

from openapi_check import ANSWERS, HANDLED_PARAMETERS, OPERATIONS, compare, unknown_fields

from precipitate import Client, SimulationRequest, models


def operations(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {op["operationId"]: op for item in document["paths"].values() for op in item.values()}


def request_schema(document: dict[str, Any]) -> dict[str, Any]:
    return operations(document)["simulate"]["requestBody"]["content"]["application/json"]["schema"]


def model_problems(document: dict[str, Any]) -> list[str]:
    """Every difference between the document and the client's models."""
    ops = operations(document)
    problems = compare(request_schema(document), SimulationRequest, "simulate request")
    async_body = ops["simulateAsync"]["requestBody"]["content"]["application/json"]["schema"]
    problems += compare(async_body, SimulationRequest, "simulateAsync request")
    for operation_id, op in ops.items():
        for status, answer in op["responses"].items():
            content = answer.get("content", {})
            if "application/problem+json" in content:
                schema = content["application/problem+json"]["schema"]
                problems += compare(schema, models.Problem, f"{operation_id} {status}")
            elif "application/json" in content:
                model = ANSWERS.get((operation_id, status))
                if model is None:
                    problems.append(f"{operation_id} {status}: a JSON answer the client has no model for")
                else:
                    problems += compare(content["application/json"]["schema"], model, f"{operation_id} {status}")
    return problems


def test_models_match_the_openapi_document(client: Client) -> None:
    assert model_problems(client.openapi()) == []


def test_a_field_the_service_gains_fails_the_check(client: Client) -> None:
    document = client.openapi()
    for where, add in [
        ("job", lambda d: operations(d)["getJob"]["responses"]["200"]),
        ("request", lambda d: operations(d)["simulate"]["requestBody"]),
        ("problem", lambda d: operations(d)["listJobs"]["responses"]["400"]),
    ]:
        changed = copy.deepcopy(document)
        content = add(changed)["content"]
        schema = next(iter(content.values()))["schema"]
        schema["properties"]["new_field"] = {"type": "number"}
        assert any("new_field" in p and "missing from" in p for p in model_problems(changed)), where
    changed = copy.deepcopy(document)
    phases = request_schema(changed)["properties"]["phases"]["items"]["enum"]
    phases.append("NEW_PHASE")
    assert any("enum" in p for p in model_problems(changed))


def test_every_operation_has_a_client_method(client: Client) -> None:
    ops = operations(client.openapi())
    assert sorted(ops) == sorted(OPERATIONS)
    for operation_id, op in ops.items():
        method = OPERATIONS[operation_id]
        if method is None:
            continue
        accepted = set(inspect.signature(method).parameters)
        for parameter in op.get("parameters", []):
            if parameter["in"] in ("query", "header") and parameter["name"] not in HANDLED_PARAMETERS:
                name = re.sub(r"\W", "_", parameter["name"]).lower()
                assert name in accepted, f"{operation_id}: {parameter['name']} has no argument"


def test_live_answers_have_no_field_the_client_lacks(client: Client) -> None:
    request = SimulationRequest.isothermal(0.0072, 0.0057, 180, 1.5, max_points=10)
    result = client.simulate(request, progress=False)
    assert result.job is not None
    accepted = client.submit(request)
    page = client.jobs.list(limit=5)
    answers = [result.job, client.result(result.job_id).results, accepted, page, client.health()]
    assert [unknown_fields(a) for a in answers] == [[]] * len(answers)
    assert result.job.request is not None and result.job.request["simulation_time_hours"] == 1.5
