"""Prepare the embedded demo: an editor account with a random password, printed once."""

from django.core.management.base import BaseCommand

from entities.services import register_sync
from summit_kb.accounts import editor_create


class Command(BaseCommand):
    help = "Create the demo editor account (new random password each run) and load the register."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--username", default="editor")

    def handle(self, *args, username: str, **options) -> None:
        entries = register_sync()
        _, password = editor_create(username=username)
        self.stdout.write(f"Register: {entries} entities of the story are loaded.")
        self.stdout.write(
            self.style.SUCCESS(
                "\n  Summit KB demo: http://127.0.0.1:8000/admin/\n"
                f"  Log in as {username!r} with password {password!r}\n"
                "  (a new password is made each time `make demo` starts)\n"
            )
        )
