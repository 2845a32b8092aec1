"""The ways to deploy: the Dockerfile, docker-compose.yml and the systemd unit say what
README promises (a user without privileges, a health check on /healthz, data in a volume,
the bot waiting for PostgreSQL, no pip at boot, the usual hardening, no secret inside).

These read the files; they do not build the image (README says how it was tried)."""

from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
SECRET_WORDS = re.compile(r"TOKEN|PASSWORD|SECRET|API_KEY|SALT", re.IGNORECASE)


def dockerfile(path: Path = ROOT / "Dockerfile") -> list[tuple[str, str]]:
    """``[("FROM", "python:3.11-slim AS build"), ...]``: instructions with their
    continuation lines joined and comments left out, as the builder reads them."""
    instructions: list[tuple[str, str]] = []
    pending = ""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip().startswith("#") or not line.strip():
            continue
        pending += line.strip()
        if pending.endswith("\\"):
            pending = pending[:-1].rstrip() + " "
            continue
        word, _, rest = pending.partition(" ")
        instructions.append((word.upper(), rest.strip()))
        pending = ""
    assert not pending, "the Dockerfile ends inside a continued line"
    return instructions


def final_stage(instructions: list[tuple[str, str]]) -> list[tuple[str, str]]:
    last = max(i for i, (word, _) in enumerate(instructions) if word == "FROM")
    return instructions[last:]


def exec_form(argument: str) -> list[str]:
    """``CMD ["python", "-m", "bot"]`` -> the list (the exec form: no shell, signals reach
    the bot)."""
    value = json.loads(argument)
    assert isinstance(value, list) and all(isinstance(v, str) for v in value), argument
    return value


def env_of(instructions: list[tuple[str, str]]) -> dict[str, str]:
    env: dict[str, str] = {}
    for word, rest in instructions:
        if word == "ENV":
            for item in shlex.split(rest):
                key, _, value = item.partition("=")
                env[key] = value
    return env


def test_the_image_runs_the_bot_as_a_user_without_privileges():
    steps = dockerfile()
    args = {rest.split("=", 1)[0]: rest.split("=", 1)[1] for w, rest in steps if w == "ARG"}
    assert re.fullmatch(r"python:3\.11-slim(-\w+)?", args["PYTHON_IMAGE"])
    assert all(rest.startswith("${PYTHON_IMAGE}") for w, rest in steps if w == "FROM")
    run = final_stage(steps)
    users = [rest for word, rest in run if word == "USER"]
    assert users and users[-1] not in {"root", "0", "0:0", "root:root"}
    assert exec_form(dict(run)["CMD"]) == ["python", "-m", "bot", "run"]
    # the user is set before the command runs, and the code is not theirs to change
    order = [word for word, _ in run]
    assert order.index("USER") < order.index("CMD")
    copies = [rest for word, rest in run if word == "COPY"]
    assert copies and all("--chown" not in rest for rest in copies)


def test_the_project_is_installed_from_pyproject_without_the_test_extras():
    runs = " ".join(rest for word, rest in dockerfile() if word == "RUN")
    installs = [i.strip() for i in re.findall(r"pip install ([^&;]+)", runs)]
    assert installs == ["."], installs  # pyproject.toml's dependencies, not editable
    assert "[test]" not in runs and "requirements" not in runs
    copied = " ".join(rest for word, rest in dockerfile() if word == "COPY")
    assert "pyproject.toml" in copied
    for package in ("bot", "handlers", "metrics", "services", "storage", "views"):
        assert re.search(rf"\b{package}\b", copied), package


def test_the_health_check_asks_the_bot_and_the_data_is_a_volume():
    run = final_stage(dockerfile())
    (health,) = [rest for word, rest in run if word == "HEALTHCHECK"]
    options, _, command = health.partition("CMD ")
    assert exec_form(command) == ["python", "-m", "bot", "healthcheck"]
    assert re.search(r"--interval=\d+s", options) and re.search(r"--timeout=\d+s", options)
    volumes = [exec_form(rest) for word, rest in run if word == "VOLUME"]
    assert volumes == [["/data"]]
    env = env_of(run)
    assert env["DATABASE_URL"] == "sqlite+aiosqlite:////data/iron_funnel.db"
    assert env["WEB_HOST"] == "0.0.0.0"  # reachable through a published port
    assert env["BACKUP_DIR"].startswith("/data/")
    exposed = [rest for word, rest in run if word == "EXPOSE"]
    assert exposed == [env["WEB_PORT"]]


def test_no_secret_is_baked_into_the_image():
    steps = dockerfile()
    for word, rest in steps:
        if word in {"ENV", "ARG", "LABEL"}:
            assert not SECRET_WORDS.search(rest), (word, rest)
        if word == "COPY":
            assert ".env" not in rest and not rest.startswith(". "), rest
    ignored = (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines()
    for pattern in (".env", ".git", ".venv/", "data/", "*.db", "tests/"):
        assert pattern in ignored, pattern


def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))


def test_compose_starts_the_bot_once_postgresql_answers():
    services = compose()["services"]
    db, bot = services["db"], services["bot"]
    assert db["image"].startswith("postgres:")
    health = db["healthcheck"]
    assert "pg_isready" in " ".join(health["test"])
    assert {"interval", "retries"} <= set(health)
    assert bot["depends_on"] == {"db": {"condition": "service_healthy"}}
    assert bot["build"] == "."
    url = bot["environment"]["DATABASE_URL"]
    assert url.startswith("postgresql+asyncpg://") and "@db:5432/" in url
    assert bot["env_file"] == ".env"  # BOT_TOKEN and the other settings
    assert bot["environment"]["WEB_HOST"] == "0.0.0.0"


def test_compose_keeps_the_data_in_named_volumes_and_no_secret_in_the_file():
    spec = compose()
    named = set(spec["volumes"])
    mounts = {
        name: [volume.split(":", 1) for volume in service.get("volumes", [])]
        for name, service in spec["services"].items()
    }
    assert ["pgdata", "/var/lib/postgresql/data"] in mounts["db"]
    assert ["botdata", "/data"] in mounts["bot"]
    assert {source for pairs in mounts.values() for source, _ in pairs} <= named
    # every secret comes from .env, by reference
    for service in spec["services"].values():
        for key, value in (service.get("environment") or {}).items():
            if SECRET_WORDS.search(key):
                assert re.fullmatch(r"\$\{[A-Z_]+(:\?[^}]*)?\}", str(value)), key
            for secret in re.findall(r"://[^:]+:([^@]+)@", str(value)):
                assert secret.startswith("${"), key
    assert "POSTGRES_PASSWORD=" in (ROOT / ".env.example").read_text(encoding="utf-8")


UNIT = ROOT / "deploy" / "iron-funnel.service"


def unit_keys(path: Path = UNIT) -> dict[str, dict[str, list[str]]]:
    sections: dict[str, dict[str, list[str]]] = {}
    current = ""
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("["):
            current = line.strip("[]")
            sections.setdefault(current, {})
            continue
        key, _, value = line.partition("=")
        sections[current].setdefault(key.strip(), []).append(value.strip())
    return sections


def test_the_unit_installs_nothing_at_boot_and_is_hardened():
    service = unit_keys()["Service"]
    (start,) = service["ExecStart"]
    assert start == "/opt/iron-funnel/.venv/bin/python -m bot run"  # it migrates itself
    everything = UNIT.read_text(encoding="utf-8")
    assert "ExecStartPre" not in service and "pip" not in everything
    assert "make" not in " ".join(v for values in service.values() for v in values)
    expected = {
        "NoNewPrivileges": "yes",
        "ProtectSystem": "strict",
        "PrivateTmp": "yes",
        "ProtectHome": "yes",
        "Restart": "on-failure",
        "User": "ironfunnel",
        "ReadWritePaths": "/opt/iron-funnel/data",
        "EnvironmentFile": "/opt/iron-funnel/.env",
        "WorkingDirectory": "/opt/iron-funnel",
    }
    assert {key: service.get(key, [None])[-1] for key in expected} == expected


def test_run_migrates_the_database_itself():
    """What lets the unit drop ``ExecStartPre=make migrate``."""
    source = (ROOT / "bot" / "__main__.py").read_text(encoding="utf-8")
    run_bot = source[source.index("async def run_bot") :]
    run_bot = run_bot[: run_bot.index("\ndef ") if "\ndef " in run_bot else None]
    assert "await migrate.upgrade(db)" in run_bot.split("create_bot(")[0]


def test_systemd_accepts_the_unit(tmp_path: Path):
    """``systemd-analyze verify`` on the unit, its paths moved under tmp_path (it checks
    that ExecStart is there): no unknown key, no bad value, nothing to warn about."""
    analyze = shutil.which("systemd-analyze")
    assert analyze, "systemd-analyze is missing: apt-get install systemd"
    app = tmp_path / "app"
    (app / ".venv" / "bin").mkdir(parents=True)
    (app / "data").mkdir()
    python = app / ".venv" / "bin" / "python"
    python.write_text("#!/bin/sh\n")
    python.chmod(0o755)
    (app / ".env").write_text("BOT_TOKEN=\n")
    unit = tmp_path / "iron-funnel.service"
    unit.write_text(UNIT.read_text(encoding="utf-8").replace("/opt/iron-funnel", str(app)))
    result = subprocess.run(
        [analyze, "verify", str(unit)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == "" and result.stdout.strip() == ""


def test_readme_documents_the_three_ways_to_run_it():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "docker compose up -d" in readme and "docker build" in readme
    assert "python -m bot healthcheck" in readme
    for line in ("ExecStart=/opt/iron-funnel/.venv/bin/python -m bot run", "ProtectSystem=strict"):
        assert line in readme, line
    assert "ExecStartPre=" not in readme
    unit = UNIT.read_text(encoding="utf-8")
    assert unit[unit.index("[Unit]") :] in readme  # the unit README shows is the file
