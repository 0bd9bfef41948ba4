"""``manage.py api_token USERNAME [--name NAME]``: make an API token from the shell (the admin
does the same under API tokens) and print its key, once."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from summit_kb.api_tokens import api_token_create


class Command(BaseCommand):
    help = "Make an API token acting as USERNAME and print its key (shown only once)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("username")
        parser.add_argument("--name", default="API client", help="Who or what uses it.")

    def handle(self, *args, username: str, name: str, **options) -> None:
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"There is no account “{username}”.")
        token, key = api_token_create(user=user, name=name)
        self.stdout.write(key)
        self.stderr.write(
            f"Token “{token.name}” for {username}: keep the key above, it is not stored."
        )
