"""The API's documentation at ``/docs``, rendered by our own template from the OpenAPI
document (no third-party script, nothing fetched from elsewhere: it works offline and
under the pages' Content-Security-Policy)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

METHODS = ("get", "post", "put", "patch", "delete")


def api_docs(schema: Mapping[str, Any]) -> dict[str, Any]:
    """The OpenAPI document as the docs page shows it: title, description, and each
    operation (method, path, summary, description, parameters, request body, responses)
    grouped by tag, in the document's order."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for path, item in schema.get("paths", {}).items():
        for method in METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            tag = (operation.get("tags") or ["other"])[0]
            groups.setdefault(tag, []).append(_operation(schema, method, path, operation))
    info = schema.get("info", {})
    return {
        "title": info.get("title", "API"),
        "version": info.get("version", ""),
        "description": info.get("description", ""),
        "openapi": schema.get("openapi", ""),
        "groups": [{"tag": tag, "operations": ops} for tag, ops in groups.items()],
    }


def _operation(
    schema: Mapping[str, Any], method: str, path: str, operation: Mapping[str, Any]
) -> dict[str, Any]:
    params = [
        {
            "name": p.get("name"),
            "in": p.get("in"),
            "required": bool(p.get("required")),
            "type": _type(schema, p.get("schema", {})),
            "description": p.get("description") or p.get("schema", {}).get("description", ""),
        }
        for p in operation.get("parameters", [])
    ]
    body = operation.get("requestBody", {}).get("content", {}).get("application/json")
    return {
        "id": f"{method}{path}".replace("/", "-").replace("{", "").replace("}", "").strip("-"),
        "method": method.upper(),
        "path": path,
        "summary": operation.get("summary", ""),
        "description": operation.get("description", ""),
        "parameters": params,
        "body": _body(schema, body) if body else None,
        "responses": [
            {"status": status, "description": r.get("description", "")}
            for status, r in operation.get("responses", {}).items()
        ],
    }


def _resolve(schema: Mapping[str, Any], node: Mapping[str, Any]) -> Mapping[str, Any]:
    ref = node.get("$ref")
    if not isinstance(ref, str) or not ref.startswith("#/"):
        return node
    found: Any = schema
    for part in ref[2:].split("/"):
        found = found.get(part, {}) if isinstance(found, Mapping) else {}
    return found if isinstance(found, Mapping) else {}


def _type(schema: Mapping[str, Any], node: Mapping[str, Any]) -> str:
    """A parameter's type in a few words: ``string``, ``integer ≥ 1``, ``string or null``."""
    node = _resolve(schema, node)
    if "anyOf" in node:
        return " or ".join(_type(schema, n) for n in node["anyOf"])
    kind = str(node.get("type", "any"))
    if "enum" in node:
        kind += " (" + ", ".join(str(v) for v in node["enum"]) + ")"
    if "minimum" in node:
        kind += f" ≥ {node['minimum']}"
    if "maximum" in node:
        kind += f" ≤ {node['maximum']}"
    if "maxLength" in node:
        kind += f", at most {node['maxLength']} characters"
    return kind


def _body(schema: Mapping[str, Any], content: Mapping[str, Any]) -> dict[str, Any]:
    shape = _resolve(schema, content.get("schema", {}))
    required = set(shape.get("required", []))
    fields = [
        {"name": name, "type": _type(schema, spec), "required": name in required}
        for name, spec in shape.get("properties", {}).items()
    ]
    example = content.get("example")
    shown = json.dumps(example, indent=2, ensure_ascii=False) if example is not None else ""
    return {"fields": fields, "example": shown}
