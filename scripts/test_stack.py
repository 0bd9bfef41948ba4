#!/usr/bin/env python3
"""Run the test suite against throwaway PostgreSQL and Redis servers.

``make test`` calls this. It makes sure PostgreSQL, Redis and Chromium are on the
machine (apt-get when root and missing, otherwise it says what to install), starts
PostgreSQL and Redis on free loopback ports in a temporary folder, runs pytest with
``DATABASE_URL`` and ``REDIS_URL`` pointing at them, and stops both afterwards —
also when the tests fail or the run is interrupted. Standard library only.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APT_PACKAGES = ("postgresql", "redis-server", "chromium")


@dataclass(frozen=True)
class Services:
    """Throwaway PostgreSQL and Redis servers on loopback ports."""

    database_url: str
    redis_url: str
    redis_server: str
    workdir: Path
    description: str


@contextmanager
def running_services(database: str = "summit_kb") -> Iterator[Services]:
    """Start PostgreSQL and Redis in a temporary folder; stop and remove them on exit,
    also after an error or an interrupt. Used by the tests and the benchmarks."""
    _ensure_system_packages()
    pg_bin = _postgres_bin_dir()
    redis_server = shutil.which("redis-server") or "/usr/bin/redis-server"
    workdir = Path(tempfile.mkdtemp(prefix="summit-kb-"))
    postgres_user = _postgres_os_user()
    servers: list[subprocess.Popen] = []
    pg_data = workdir / "pg"
    redis_port = 0
    try:
        if postgres_user:
            shutil.chown(workdir, user=postgres_user)
        pg_port, redis_port = _free_port(), _free_port()
        _start_postgres(pg_bin, pg_data, pg_port, workdir, postgres_user, database)
        servers.append(_start_redis(redis_server, redis_port, workdir))
        pg_version = _version([str(pg_bin / "postgres"), "--version"])
        redis_version = _version([redis_server, "--version"]).split(" sha=")[0]
        yield Services(
            database_url=f"postgres://postgres@127.0.0.1:{pg_port}/{database}",
            redis_url=f"redis://127.0.0.1:{redis_port}/0",
            redis_server=redis_server,
            workdir=workdir,
            description=(
                f"{pg_version} on 127.0.0.1:{pg_port}, {redis_version} on 127.0.0.1:{redis_port}"
            ),
        )
    finally:
        for server in servers:
            _stop(server)
        if redis_port:
            _redis_shutdown(redis_port)  # a test may have restarted it on the same port
        if (pg_data / "postmaster.pid").exists():
            _as_user(
                [str(pg_bin / "pg_ctl"), "-D", str(pg_data), "-m", "immediate", "stop"],
                postgres_user,
                check=False,
                stdout=subprocess.DEVNULL,
            )
        shutil.rmtree(workdir, ignore_errors=True)


def main(argv: list[str]) -> int:
    pytest_args = argv[argv.index("--") + 1 :] if "--" in argv else argv
    try:
        with running_services() as services:
            env = dict(os.environ)
            env.update(
                DATABASE_URL=services.database_url,
                REDIS_URL=services.redis_url,
                SUMMIT_KB_TEST_STACK="1",
                SUMMIT_KB_TEST_REDIS_SERVER=services.redis_server,
                SUMMIT_KB_TEST_WORKDIR=str(services.workdir),
                CHROMIUM_PATH=_chromium_path() or "",
                # Playwright's sync API runs an event loop in the test thread; Django must
                # not refuse the ORM there (pytest-django's live_server tests).
                DJANGO_ALLOW_ASYNC_UNSAFE="true",
            )
            chromium = env["CHROMIUM_PATH"] or "none"
            print(f"Test stack: {services.description}, Chromium at {chromium}", flush=True)
            command = [sys.executable, "-m", "pytest", *pytest_args]
            return subprocess.call(command, cwd=ROOT, env=env)
    except KeyboardInterrupt:
        return 130


def _ensure_system_packages() -> None:
    missing = [
        package
        for package, present in (
            ("postgresql", _postgres_bin_dir(required=False) is not None),
            ("redis-server", shutil.which("redis-server") is not None),
            ("chromium", _chromium_path() is not None),
        )
        if not present
    ]
    if not missing:
        return
    if os.geteuid() != 0:
        sys.exit(
            f"make test needs {', '.join(missing)}: install them (sudo apt-get install "
            f"{' '.join(missing)}) or run as root so that make test installs them."
        )
    print(f"Installing {', '.join(missing)} with apt-get…", flush=True)
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run(
        ["apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing],
        check=True,
        env=env,
    )
    # Debian starts the packaged servers on their default ports; the tests use their own.
    for service in ("redis-server", "postgresql"):
        subprocess.run(["service", service, "stop"], check=False, capture_output=True)


def _postgres_bin_dir(required: bool = True) -> Path | None:
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True)
    if candidates:
        return Path(candidates[0]).parent
    initdb = shutil.which("initdb")
    if initdb:
        return Path(initdb).resolve().parent
    if required:
        sys.exit("PostgreSQL's initdb was not found: install the postgresql package.")
    return None


def _chromium_path() -> str | None:
    for name in ("chromium", "chromium-browser"):
        if found := shutil.which(name):
            return found
    return None


def _postgres_os_user() -> str | None:
    """PostgreSQL refuses to run as root: as root, run it as the 'postgres' system user."""
    if os.geteuid() != 0:
        return None
    try:
        pwd.getpwnam("postgres")
    except KeyError:
        subprocess.run(["useradd", "--system", "--no-create-home", "postgres"], check=True)
    return "postgres"


def _as_user(command: list[str], user: str | None, check: bool = True, **kwargs):
    if user:
        command = ["runuser", "-u", user, "--", *command]
    return subprocess.run(command, check=check, **kwargs)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _start_postgres(
    pg_bin: Path, data: Path, port: int, workdir: Path, user: str | None, database: str
) -> None:
    _as_user(
        [str(pg_bin / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8"],
        user,
        stdout=subprocess.DEVNULL,
    )
    # Durability is worth nothing in a throwaway test database; speed is.
    options = (
        f"-p {port} -k {workdir} -c listen_addresses=127.0.0.1 -c fsync=off "
        "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
    )
    _as_user(
        [
            str(pg_bin / "pg_ctl"),
            "-D",
            str(data),
            "-o",
            options,
            "-l",
            str(workdir / "postgres.log"),
            "-w",
            "-t",
            "60",
            "start",
        ],
        user,
        stdout=subprocess.DEVNULL,
    )
    _as_user(
        [
            str(pg_bin / "createdb"),
            "-h",
            "127.0.0.1",
            "-p",
            str(port),
            "-U",
            "postgres",
            database,
        ],
        user,
    )


def _start_redis(redis_server: str, port: int, workdir: Path) -> subprocess.Popen:
    process = subprocess.Popen(
        [
            redis_server,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(workdir),
            "--protected-mode",
            "yes",
        ],
        stdout=open(workdir / "redis.log", "wb"),  # noqa: SIM115 - lives as long as the server
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5) as sock:
                sock.sendall(b"PING\r\n")
                if sock.recv(16).startswith(b"+PONG"):
                    return process
        except OSError:
            time.sleep(0.1)
    _stop(process)
    sys.exit(f"Redis did not start on 127.0.0.1:{port}; see {workdir / 'redis.log'}.")


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def _redis_shutdown(port: int) -> None:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1) as sock:
            sock.sendall(b"SHUTDOWN NOSAVE\r\n")
            sock.recv(64)
    except OSError:
        pass  # nothing listens there any more: that is the point


def _version(command: list[str]) -> str:
    return subprocess.run(command, capture_output=True, text=True).stdout.strip()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
