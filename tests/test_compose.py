"""Checks of the Docker files that need neither Docker nor a database.

docker-compose.yml is validated against the Compose Specification schema kept in
tests/fixtures/compose-spec.json (see tests/fixtures/README.md), and the
variables in .env.example are compared with those the code actually reads.
"""

import ast
import json
import re
from functools import cache
from pathlib import Path

import jsonschema
import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
COMPOSE_FILE = ROOT / "docker-compose.yml"
ENV_EXAMPLE = ROOT / ".env.example"
SCHEMA_FILE = ROOT / "tests" / "fixtures" / "compose-spec.json"
SETTINGS_FILES = [ROOT / "config" / name for name in ("settings.py", "env.py", "gunicorn.py")]
START_SCRIPTS = [ROOT / "docker" / "start-web.sh", ROOT / "docker" / "start-worker.sh"]

# The helpers in config/env.py; their first argument names the variable.
ENV_READERS = {"envstr", "envbool", "envint", "envlist", "envurl"}
# Set by the image (collectstatic writes under it), so compose leaves it alone.
FIXED_BY_IMAGE = {"VAR_DIR"}


@cache
def compose() -> dict:
    return yaml.safe_load(COMPOSE_FILE.read_text(encoding="utf-8"))


def settings_variables() -> set[str]:
    """Names passed to the env helpers or to os.environ/os.getenv in the settings."""
    names = set()
    for path in SETTINGS_FILES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            first = node.args[0]
            if not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
                continue
            func = node.func
            called = func.id if isinstance(func, ast.Name) else ast.unparse(func)
            if called in ENV_READERS or called in {"os.environ.get", "os.getenv"}:
                names.add(first.value)
    return names


def script_variables() -> set[str]:
    names = set()
    for path in START_SCRIPTS:
        names |= set(re.findall(r"\$\{?([A-Z][A-Z0-9_]*)", path.read_text(encoding="utf-8")))
    return names


def compose_variables() -> set[str]:
    """Variables docker compose interpolates; "$$NAME" is left to the container."""
    text = COMPOSE_FILE.read_text(encoding="utf-8")
    return set(re.findall(r"(?<!\$)\$\{([A-Z][A-Z0-9_]*)", text))


def example_variables() -> dict[str, int]:
    """NAME -> line number, for "NAME=value" and "#NAME=value" lines."""
    lines = ENV_EXAMPLE.read_text(encoding="utf-8").splitlines()
    found = {}
    for number, line in enumerate(lines, start=1):
        match = re.match(r"#?([A-Z][A-Z0-9_]*)=", line)
        if match:
            assert match.group(1) not in found, f"{match.group(1)} is listed twice"
            found[match.group(1)] = number
    return found


def test_settings_parser_finds_the_variables_settings_read():
    # Guards the parser itself: if this fails, the comparisons below prove nothing.
    names = settings_variables()
    assert {"DEBUG", "SECRET_KEY", "DATABASE_URL", "CELERY_TASK_TIME_LIMIT", "VAR_DIR"} <= names


def test_it_is_valid_against_the_compose_specification():
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    errors = sorted(validator_class(schema).iter_errors(compose()), key=str)
    assert not errors, "\n".join(
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors
    )


def test_it_defines_web_worker_db_and_redis():
    assert {"web", "worker", "db", "redis"} <= set(compose()["services"])


@pytest.mark.parametrize("service", ["web", "worker"])
def test_django_services_merge_the_anchored_definition(service):
    # Look at the YAML node graph: the merge key must point at the very node
    # that x-django anchors, not at a copy that could drift.
    root = yaml.compose(COMPOSE_FILE.read_text(encoding="utf-8"))
    top = {key.value: value for key, value in root.value}
    services = {key.value: value for key, value in top["services"].value}
    merged = [value for key, value in services[service].value if key.value == "<<"]
    assert merged and merged[0] is top["x-django"]


def test_web_and_worker_share_image_build_and_environment():
    services = compose()["services"]
    anchored = compose()["x-django"]
    for key in ("image", "build", "environment"):
        assert services["web"][key] == services["worker"][key] == anchored[key], key
    assert services["web"]["command"] != services["worker"]["command"]


def test_db_is_postgres_16_with_a_named_volume():
    db = compose()["services"]["db"]
    assert re.fullmatch(r"postgres:16([.-].*)?", db["image"])
    named = set(compose().get("volumes") or {})
    mounts = [volume.split(":") for volume in db["volumes"] if isinstance(volume, str)]
    assert any(
        source in named and target == "/var/lib/postgresql/data" for source, target in mounts
    )
    assert "healthcheck" in db


def test_every_variable_read_is_in_env_example():
    missing = (settings_variables() | script_variables() | compose_variables()) - set(
        example_variables()
    )
    assert not missing, f"add to .env.example: {sorted(missing)}"


def test_every_variable_in_env_example_is_read_somewhere():
    stale = set(example_variables()) - (
        settings_variables() | script_variables() | compose_variables()
    )
    assert not stale, f"nothing reads these .env.example entries: {sorted(stale)}"


def test_each_env_example_variable_has_a_comment_line_above_it():
    lines = ENV_EXAMPLE.read_text(encoding="utf-8").splitlines()
    uncommented = [
        name
        for name, number in example_variables().items()
        if number < 2 or not lines[number - 2].startswith("# ")
    ]
    assert not uncommented


def test_django_containers_get_exactly_the_variables_the_code_reads():
    environment = set(compose()["x-django"]["environment"])
    read = settings_variables() | script_variables()
    assert environment <= read, f"not read by anything: {sorted(environment - read)}"
    assert settings_variables() - FIXED_BY_IMAGE <= environment


@pytest.mark.parametrize("script", START_SCRIPTS, ids=lambda path: path.name)
def test_start_scripts_stop_on_errors_and_exec_the_server(script):
    text = script.read_text(encoding="utf-8")
    assert text.startswith("#!/bin/sh\n")
    assert "set -o errexit -o nounset" in text
    last_command = [line for line in text.splitlines() if line.startswith("exec ")]
    assert len(last_command) == 1
    assert script.stat().st_mode & 0o111, "not executable"


def test_dockerfile_builds_a_slim_non_root_image_with_static_files():
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert re.search(r"^FROM python:3\.12-slim\b", text, re.MULTILINE)
    assert "collectstatic --noinput" in text
    users = re.findall(r"^USER (\S+)", text, re.MULTILINE)
    assert users and users[-1] not in {"root", "0"}
