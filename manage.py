#!/usr/bin/env python
"""Django's command-line utility, with one-sentence errors for bad configuration."""

import os
import sys

# Commands that talk to the database right away: check it is reachable first, so that an
# unreachable DATABASE_URL is one sentence rather than a traceback halfway through.
_DATABASE_COMMANDS = frozenset(
    {"runserver", "migrate", "createsuperuser", "ingest", "reprocess", "demo_setup", "shell"}
)


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "summit_kb.settings")
    from django.core.management import execute_from_command_line

    from summit_kb.startup import run_or_explain

    def start() -> None:
        import django

        django.setup()

    command = sys.argv[1] if len(sys.argv) > 1 else ""
    run_or_explain(start, check_database=command in _DATABASE_COMMANDS)
    run_or_explain(lambda: execute_from_command_line(sys.argv))


if __name__ == "__main__":
    main()
