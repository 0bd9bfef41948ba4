#!/usr/bin/env python3
"""``make drill``: a repeatable fault drill against the real stack.

Starts PostgreSQL and Redis the way ``scripts/test_stack.py`` does, migrates, serves the
project with gunicorn and runs a Celery worker with beat (the sweep), then:

- posts 200 articles while the worker is ``kill -9``-ed twice;
- stops Redis while 30 articles are posted;
- stops PostgreSQL for 10 s in the middle of a batch;
- posts one article 20 times in parallel;
- sends the table of bad submissions through the API, the admin and the CLI;
- runs Schemathesis over every operation and content type of the live API;
- renders script payloads in Chromium.

One line a probe with its figures, PASS or FAIL; the exit status is the number of failed
probes. Takes a few minutes (more on a loaded machine), so it is not part of `make test`;
the tests of each defect are.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from http.cookiejar import CookieJar
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import test_stack  # noqa: E402 - the throwaway servers of `make test`

PROCESSED_WITHIN = 120  # seconds: every article processed this long after a fault ends
RESULTS: list[tuple[str, bool, str]] = []


def story(tag: str) -> str:
    return (
        f"Harbour Report {tag}\n\n"
        "July 4, 2018\n\n"
        f"Harbour officials met in Turku on Tuesday to discuss the ferry timetable {tag}, "
        "and the talks will resume next week, a spokesman said.\n"
    )


class Stack:
    """gunicorn and a Celery worker (with beat) on the throwaway servers."""

    def __init__(self, services: test_stack.Services) -> None:
        self.services = services
        self.port = test_stack._free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.env = dict(
            os.environ,
            DATABASE_URL=services.database_url,
            REDIS_URL=services.redis_url,
            DJANGO_SETTINGS_MODULE="summit_kb.settings",
            DJANGO_DEBUG="false",
            DJANGO_LOG_LEVEL="WARNING",
            API_ANON_RATE="100000/minute",
            API_USER_RATE="100000/minute",
            SUMMIT_KB_VAR_DIR=str(services.workdir / "var"),
        )
        self.web: subprocess.Popen | None = None
        self.worker: subprocess.Popen | None = None
        self.logs = services.workdir

    def start_web(self) -> None:
        self.web = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "summit_kb.wsgi:application",
                f"--bind=127.0.0.1:{self.port}",
                "--workers=3",
                "--timeout=60",
                "--log-level=warning",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=open(self.logs / "web.log", "ab"),  # noqa: SIM115 - lives with the server
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        wait_for(lambda: http("GET", "/healthz", base=self.base)[0] == 200, 60, "gunicorn")

    def start_worker(self) -> None:
        self.worker = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "summit_kb",
                "worker",
                "-B",
                f"--schedule={self.logs / 'beat-schedule'}",
                "--loglevel=WARNING",
                "--concurrency=2",
                "--hostname=drill@%h",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=open(self.logs / "worker.log", "ab"),  # noqa: SIM115
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        from summit_kb.celery import app

        def answers() -> bool:
            replies = app.control.ping(timeout=0.5) or []
            return any(name.startswith("drill@") for reply in replies for name in reply)

        wait_for(answers, 90, "the Celery worker")

    def kill_worker(self) -> None:
        if self.worker and self.worker.poll() is None:
            os.killpg(self.worker.pid, signal.SIGKILL)
            self.worker.wait(timeout=20)

    def stop(self) -> None:
        for process in (self.worker, self.web):
            if process and process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)

    # --- PostgreSQL and Redis, stopped and started again on their ports -----------------

    def _pg(self, *args: str) -> None:
        pg_bin = test_stack._postgres_bin_dir()
        user = test_stack._postgres_os_user()
        test_stack._as_user(
            [str(pg_bin / "pg_ctl"), "-D", str(self.services.workdir / "pg"), *args],
            user,
            stdout=subprocess.DEVNULL,
        )

    def stop_postgres(self) -> None:
        # A fast shutdown: connections are cut as in an outage. (Not "immediate": the test
        # servers run with synchronous_commit=off, so a crash would lose the last commits
        # the server had acknowledged — a property of the throwaway server, not the app.)
        self._pg("-m", "fast", "-w", "stop")

    def start_postgres(self) -> None:
        port = urllib.parse.urlsplit(self.services.database_url).port
        options = (
            f"-p {port} -k {self.services.workdir} -c listen_addresses=127.0.0.1 "
            "-c fsync=off -c synchronous_commit=on -c max_connections=200"
        )
        self._pg("-o", options, "-l", str(self.services.workdir / "postgres.log"), "-w", "start")

    def stop_redis(self) -> None:
        test_stack._redis_shutdown(urllib.parse.urlsplit(self.services.redis_url).port)

    def start_redis(self) -> None:
        port = urllib.parse.urlsplit(self.services.redis_url).port
        test_stack._start_redis(self.services.redis_server, port, self.services.workdir)


def http(
    method: str,
    path: str,
    *,
    base: str,
    body: bytes | None = None,
    headers: dict[str, str] | None = None,
    opener: urllib.request.OpenerDirector | None = None,
    timeout: float = 30,
) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(base + path, data=body, method=method, headers=headers or {})
    try:
        with (opener or urllib.request.build_opener()).open(request, timeout=timeout) as answer:
            return answer.status, dict(answer.headers), answer.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()
    except OSError:
        return 0, {}, b""


def wait_for(condition: Callable[[], bool], timeout: float, what: str) -> float:
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        try:
            if condition():
                return time.monotonic() - started
        except Exception:  # a server on its way up or down
            pass
        time.sleep(0.5)
    raise TimeoutError(f"{what} did not come within {timeout:.0f} s")


def report(name: str, passed: bool, figures: str) -> None:
    RESULTS.append((name, passed, figures))
    print(f"{'PASS' if passed else 'FAIL'}  {name:<34} {figures}", flush=True)


# --- the probes ----------------------------------------------------------------------------


class Drill:
    def __init__(self, stack: Stack, token: str) -> None:
        self.stack = stack
        self.auth = {"Authorization": f"Token {token}", "Content-Type": "application/json"}

    def post(self, fields: dict, timeout: float = 30) -> tuple[int, dict]:
        status, _, body = http(
            "POST",
            "/api/v1/articles/",
            base=self.stack.base,
            body=json.dumps(fields).encode(),
            headers=self.auth,
            timeout=timeout,
        )
        try:
            return status, json.loads(body or b"{}")
        except ValueError:
            return status, {"message": body[:200].decode(errors="replace")}

    def states(self, ids: list[int]) -> dict[str, int]:
        from django.db import connection
        from django.db.models import Count

        from articles.models import Article

        connection.close_if_unusable_or_obsolete()
        rows = Article.objects.filter(pk__in=ids).values("status").annotate(n=Count("pk"))
        return {row["status"]: row["n"] for row in rows}

    def wait_processed(self, ids: list[int], timeout: float) -> float:
        return wait_for(
            lambda: self.states(ids).get("processed", 0) == len(ids), timeout, "processing"
        )

    def facts_doubled(self, ids: list[int]) -> int:
        """Rows written twice for one article (a second processing that added, not replaced)."""
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute(
                'SELECT count(*) FROM (SELECT article_id, start, "end" FROM articles_quote '
                "WHERE article_id = ANY(%s) GROUP BY 1, 2, 3 HAVING count(*) > 1) AS d",
                [ids],
            )
            quotes = cursor.fetchone()[0]
            cursor.execute(
                "SELECT count(*) FROM (SELECT article_id, event_id, start FROM "
                "timeline_evidence WHERE article_id = ANY(%s) GROUP BY 1, 2, 3 "
                "HAVING count(*) > 1) AS d",
                [ids],
            )
            return quotes + cursor.fetchone()[0]

    def longest_processing(self) -> float:
        from django.db import connection
        from django.utils import timezone

        from articles.models import Article, ArticleStatus

        connection.close_if_unusable_or_obsolete()
        oldest = (
            Article.objects.filter(status=ArticleStatus.PROCESSING)
            .order_by("status_changed_at")
            .values_list("status_changed_at", flat=True)
            .first()
        )
        return (timezone.now() - oldest).total_seconds() if oldest else 0.0

    # 1 ------------------------------------------------------------------------------------
    def worker_killed_twice(self) -> None:
        ids: list[int] = []
        errors: list[int] = []
        longest = [0.0]
        stop = threading.Event()

        def watch() -> None:
            while not stop.is_set():
                with contextlib.suppress(Exception):
                    longest[0] = max(longest[0], self.longest_processing())
                time.sleep(1)

        watcher = threading.Thread(target=watch, daemon=True)
        watcher.start()
        started = time.monotonic()
        for n in range(200):
            status, body = self.post({"text": story(f"kill-{n}")})
            (ids.append(body["id"]) if status in (200, 201) else errors.append(status))
            if n in (66, 133):
                self.stack.kill_worker()
                time.sleep(1)
                self.stack.start_worker()
        back = time.monotonic()
        try:
            self.wait_processed(ids, PROCESSED_WITHIN + 120)
            done = time.monotonic() - back
        except TimeoutError:
            done = float("inf")
        stop.set()
        watcher.join()
        states = self.states(ids)
        doubled = self.facts_doubled(ids)
        passed = (
            len(ids) == 200
            and not errors
            and states.get("processed") == 200
            and doubled == 0
            and longest[0] <= PROCESSED_WITHIN
        )
        report(
            "worker kill -9 twice, 200 posts",
            passed,
            f"stored {len(set(ids))}/200, processed {states.get('processed', 0)}, "
            f"doubled rows {doubled}, longest in processing {longest[0]:.0f} s, "
            f"all done {done:.0f} s after the restart (posting took "
            f"{back - started:.0f} s)",
        )

    # 2 ------------------------------------------------------------------------------------
    def redis_stopped(self) -> None:
        self.stack.stop_redis()
        ids, refused = [], []
        for n in range(30):
            status, body = self.post({"text": story(f"redis-{n}")})
            (ids.append(body["id"]) if status in (200, 201) else refused.append(status))
        queued = self.states(ids).get("queued", 0)
        self.stack.start_redis()
        try:
            within = self.wait_processed(ids, PROCESSED_WITHIN + 60)
        except TimeoutError:
            within = float("inf")
        report(
            "Redis stopped, 30 posts",
            len(ids) == 30 and within <= PROCESSED_WITHIN,
            f"stored {len(ids)}/30 (refused {len(refused)}), queued during the outage "
            f"{queued}, all processed {within:.0f} s after Redis returned",
        )

    # 3 ------------------------------------------------------------------------------------
    def postgres_stopped(self) -> None:
        ids: list[int] = []
        for n in range(10):
            status, body = self.post({"text": story(f"pg-a-{n}")})
            if status in (200, 201):
                ids.append(body["id"])
        from django.db import connections

        connections.close_all()
        self.stack.stop_postgres()
        down = time.monotonic()
        api = http("GET", "/api/v1/timeline/", base=self.stack.base)
        page = http("GET", "/timeline/", base=self.stack.base)
        post, _post_body = self.post({"text": story("pg-during")})
        api_json = api[1].get("Content-Type", "").startswith("application/json")
        page_html = page[1].get("Content-Type", "").startswith("text/html")
        time.sleep(max(0.0, 10 - (time.monotonic() - down)))
        self.stack.start_postgres()
        outage = time.monotonic() - down
        for n in range(10):
            status, body = self.post({"text": story(f"pg-b-{n}")})
            if status in (200, 201):
                ids.append(body["id"])
        try:
            within = self.wait_processed(ids, PROCESSED_WITHIN + 60)
        except TimeoutError:
            within = float("inf")
        doubled = self.facts_doubled(ids)
        report(
            "PostgreSQL stopped 10 s mid-batch",
            api[0] == 503
            and api_json
            and page[0] == 503
            and page_html
            and post == 503
            and len(ids) == 20
            and within <= PROCESSED_WITHIN
            and doubled == 0,
            f"outage {outage:.0f} s: API {api[0]} {'JSON' if api_json else '?'}, page "
            f"{page[0]} {'HTML' if page_html else '?'}, POST {post}; after it 20/{len(ids)} "
            f"stored, all processed {within:.0f} s later, doubled rows {doubled}",
        )

    # 4 ------------------------------------------------------------------------------------
    def parallel_identical_posts(self) -> None:
        fields = {"text": story("parallel"), "url": "https://harbour.example/parallel"}
        with ThreadPoolExecutor(max_workers=20) as pool:
            answers = list(pool.map(lambda _: self.post(fields), range(20)))
        ids = {body.get("id") for status, body in answers if status in (200, 201)}
        created = sum(1 for status, _ in answers if status == 201)
        from articles.models import Article

        stored = Article.objects.filter(canonical_url="https://harbour.example/parallel").count()
        report(
            "20 parallel identical posts",
            len(ids) == 1 and created == 1 and stored == 1,
            f"answers {sorted(s for s, _ in answers).count(201)}×201 "
            f"{sorted(s for s, _ in answers).count(200)}×200, ids {len(ids)}, rows {stored}",
        )

    # 5 ------------------------------------------------------------------------------------
    def bad_inputs(self, editor: str, password: str) -> None:
        from articles.models import Article
        from tests.hostile_inputs import BAD_SUBMISSIONS

        before = Article.objects.count()
        problems: list[str] = []
        # The API.
        for name, fields, words in BAD_SUBMISSIONS:
            status, body = self.post(fields)
            if status != 400 or words.lower() not in body.get("message", "").lower():
                problems.append(f"API {name}: {status} {body.get('message')!r}")
        # The admin, signed in as an editor: each record pasted as JSON.
        opener = _admin_login(self.stack.base, editor, password)
        for name, fields, words in BAD_SUBMISSIONS:
            status, text = _admin_paste(self.stack.base, opener, json.dumps(fields))
            if status != 200 or words.lower() not in text.lower() or "Traceback" in text:
                problems.append(f"admin {name}: {status}")
        # The CLI: one file a record, all in one run.
        folder = Path(tempfile.mkdtemp(prefix="drill-bad-"))
        for n, (_, fields, _) in enumerate(BAD_SUBMISSIONS):
            (folder / f"{n:02d}.json").write_text(json.dumps(fields), encoding="utf-8")
        cli = subprocess.run(
            [sys.executable, "manage.py", "ingest", str(folder)],
            cwd=ROOT,
            env=self.stack.env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        failed_lines = [line for line in cli.stderr.splitlines() if line.startswith("failed:")]
        if "Traceback" in cli.stderr or len(failed_lines) != len(BAD_SUBMISSIONS):
            problems.append(f"CLI: {cli.stdout.strip()!r} {cli.stderr[-300:]!r}")
        stored = Article.objects.count() - before
        from summit_kb.celery import app

        alive = _worker_answers(app)
        report(
            "bad input: API, admin, CLI",
            not problems and stored == 0 and alive,
            f"{len(BAD_SUBMISSIONS)} kinds × 3 ways in, clear refusals "
            f"{3 * len(BAD_SUBMISSIONS) - len(problems)}/{3 * len(BAD_SUBMISSIONS)}, "
            f"stored {stored}, worker alive {alive}" + (f"; {problems[:3]}" if problems else ""),
        )

    # 6 ------------------------------------------------------------------------------------
    def schemathesis(self, token: str) -> None:
        import schemathesis
        from schemathesis import GenerationMode

        from tests.summit_kb import test_openapi

        schema = schemathesis.openapi.from_url(f"{self.stack.base}/api/schema/?format=json")
        failures: list[str] = []
        operations = media = 0
        for result in schema.get_all_operations():
            operation = result.ok()
            operations += 1
            writes = operation.method.upper() == "POST"
            headers = {"Authorization": f"Token {token}"} if writes else {}
            for media_type in operation.get_request_payload_content_types() or [None]:
                media += 1
                for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
                    failures += test_openapi._fuzz(operation, mode, headers, media_type)
                if media_type is not None:
                    failures += test_openapi._send(operation, media_type, headers)
        server_errors = sum("Server error" in failure for failure in failures)
        report(
            "Schemathesis, every operation/type",
            not failures,
            f"{operations} operations, {media} operation×content types, "
            f"{server_errors} × 500, {len(failures)} failed checks"
            + (f"; {failures[0][:200]}" if failures else ""),
        )

    # 7 ------------------------------------------------------------------------------------
    def payloads_in_chromium(self) -> None:
        from entities.models import Entity
        from tests.hostile_inputs import XSS_PAYLOADS, xss_article

        status, body = self.post(xss_article(7))
        article_id = body.get("id")
        self.wait_processed([article_id], 120)
        person = Entity.objects.filter(kind="person").order_by("pk").first()
        person.name = f"{person.name} {XSS_PAYLOADS[0]}"
        person.description = f"Described {XSS_PAYLOADS[1]}"
        person.save()
        dialogs: list[str] = []
        violations: list[str] = []
        from playwright.sync_api import sync_playwright

        paths = [
            "/",
            "/timeline/",
            "/entities/",
            person.get_absolute_url(),
            f"/articles/{article_id}/",
            "/quotes/",
            "/articles/",
            "/search/?q=Turku",
            "/api/docs/",
        ]
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=test_stack._chromium_path() or "/usr/bin/chromium",
                headless=True,
                args=["--no-sandbox", "--disable-gpu"],
            )
            page = browser.new_page()
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            page.on(
                "console",
                lambda m: "Content Security Policy" in m.text and violations.append(m.text),
            )
            for path in paths:
                page.goto(self.stack.base + path, wait_until="networkidle")
            links = page.locator('a[href^="javascript"]').count()
            browser.close()
        report(
            "script payloads in Chromium",
            status in (200, 201) and not dialogs and not violations and links == 0,
            f"{len(paths)} pages, {len(XSS_PAYLOADS)} payloads, dialogs {len(dialogs)}, "
            f"CSP violations {len(violations)}, javascript: links {links}",
        )


def _worker_answers(app) -> bool:
    """A ping on a fresh broker connection: the pooled one may be a Redis connection from
    before the Redis probe restarted the server."""
    for _ in range(3):
        try:
            with app.connection_for_write() as connection:
                return bool(app.control.ping(timeout=2, connection=connection))
        except Exception:
            time.sleep(1)
    return False


def _admin_login(base: str, username: str, password: str) -> urllib.request.OpenerDirector:
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    _, _, page = http("GET", "/admin/login/", base=base, opener=opener)
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1).decode()
    form = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token, "username": username, "password": password}
    ).encode()
    http(
        "POST",
        "/admin/login/?next=/admin/",
        base=base,
        body=form,
        opener=opener,
        headers={"Referer": base + "/admin/login/"},
    )
    return opener


def _admin_paste(base: str, opener, text: str) -> tuple[int, str]:
    add = "/admin/articles/article/add/"
    _, _, page = http("GET", add, base=base, opener=opener)
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1).decode()
    form = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "text": text}).encode()
    status, _, answer = http(
        "POST", add, base=base, body=form, opener=opener, headers={"Referer": base + add}
    )
    return status, answer.decode(errors="replace")


def main() -> int:
    only = set(sys.argv[1:])  # probe names to run, e.g. `drill.py postgres_stopped`
    started = time.monotonic()
    with test_stack.running_services(database="summit_kb_drill") as services:
        stack = Stack(services)
        os.environ.update({k: v for k, v in stack.env.items() if k not in os.environ})
        os.environ.update(
            DATABASE_URL=services.database_url,
            REDIS_URL=services.redis_url,
            DJANGO_SETTINGS_MODULE="summit_kb.settings",
            SUMMIT_KB_VAR_DIR=stack.env["SUMMIT_KB_VAR_DIR"],
            DJANGO_ALLOW_ASYNC_UNSAFE="true",
        )
        import django

        django.setup()
        from django.core.management import call_command

        from summit_kb.accounts import editor_create
        from summit_kb.api_tokens import api_token_create

        call_command("migrate", verbosity=0)
        editor, password = editor_create(username="drill-editor")
        token = api_token_create(user=editor, name="test client")[1]
        print(f"Drill stack: {services.description}", flush=True)
        try:
            stack.start_web()
            stack.start_worker()
            drill = Drill(stack, token)
            probes = {
                "worker_killed_twice": drill.worker_killed_twice,
                "redis_stopped": drill.redis_stopped,
                "postgres_stopped": drill.postgres_stopped,
                "parallel_identical_posts": drill.parallel_identical_posts,
                "bad_inputs": lambda: drill.bad_inputs("drill-editor", password),
                "schemathesis": lambda: drill.schemathesis(token),
                "payloads_in_chromium": drill.payloads_in_chromium,
            }
            for name, probe in probes.items():
                if only and name not in only:
                    continue
                try:
                    probe()
                except Exception as exc:  # a probe that breaks is a failed probe
                    report(name, False, f"{type(exc).__name__}: {exc}"[:300])
        finally:
            stack.stop()
    failed = sum(not passed for _, passed, _ in RESULTS)
    print(
        f"{len(RESULTS) - failed}/{len(RESULTS)} probes passed in "
        f"{time.monotonic() - started:.0f} s (load average {os.getloadavg()[0]:.1f})",
        flush=True,
    )
    return failed


if __name__ == "__main__":
    sys.exit(main())
