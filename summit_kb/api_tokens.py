"""API tokens: made in the admin (or ``manage.py api_token``), sent by API clients as
``Authorization: Token <key>``, revoked in the admin; their last use is recorded.

The key is 40 random characters, shown once; the database keeps its SHA-256 only, so a
copy of the database gives nobody a working key. (A slow hash would add nothing: the key
is random, not a password a person chose.)
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.contrib.auth.models import User
from django.db.models import Q
from django.utils import timezone
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions
from rest_framework.request import Request

from summit_kb.models import ApiToken

# A token used every second would otherwise write its row every second.
LAST_USE_PRECISION = timedelta(minutes=1)


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def api_token_key_set(*, token: ApiToken) -> str:
    """Give an unsaved token a new random key; returns the key, which is not stored."""
    key = secrets.token_hex(20)
    token.digest, token.prefix = _digest(key), key[:8]
    return key


def api_token_create(
    *, user: User, name: str, created_by: User | None = None
) -> tuple[ApiToken, str]:
    """A new token for ``user`` and its key, in clear, once."""
    token = ApiToken(name=name.strip() or "API client", user=user, created_by=created_by)
    key = api_token_key_set(token=token)
    token.save()
    return token, key


def api_tokens_revoke(*, tokens, by: User | None) -> int:
    """Revoke the tokens not revoked yet; returns how many. Requests with them get 401."""
    return tokens.filter(revoked_at__isnull=True).update(revoked_at=timezone.now(), revoked_by=by)


def api_token_authenticate(*, key: str) -> ApiToken | None:
    """The live token with this key, its last use recorded; None for an unknown or revoked
    key. One query, plus one conditional update at most once a minute per token."""
    token = (
        ApiToken.objects.select_related("user")
        .filter(digest=_digest(key), revoked_at__isnull=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USE_PRECISION:
        ApiToken.objects.filter(pk=token.pk).filter(
            Q(last_used_at__isnull=True) | Q(last_used_at__lte=now - LAST_USE_PRECISION)
        ).update(last_used_at=now)
        token.last_used_at = now
    return token


class ApiTokenAuthentication(authentication.BaseAuthentication):
    """DRF authentication by ``Authorization: Token <key>``."""

    keyword = "Token"

    def authenticate(self, request: Request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(
                "Invalid token header: send “Authorization: Token <key>”."
            )
        try:
            key = header[1].decode("ascii")
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed("Invalid token: not a key.") from None
        token = api_token_authenticate(key=key)
        if token is None:
            raise exceptions.AuthenticationFailed("Invalid token: unknown or revoked.")
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed("Invalid token: the account is inactive.")
        return token.user, token

    def authenticate_header(self, request: Request) -> str:
        return self.keyword


class ApiTokenScheme(OpenApiAuthenticationExtension):
    """How the schema (and Swagger UI's Authorize button) describes the token."""

    target_class = ApiTokenAuthentication
    name = "tokenAuth"

    def get_security_definition(self, auto_schema) -> dict:
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "`Token <key>`: an API token made in the admin (API tokens).",
        }


def public_reads_need_no_token(result: dict, generator, request, public) -> dict:
    """A drf-spectacular postprocessing hook: reads are public, so their operations list no
    security requirement (Swagger UI draws no padlock on them); writes keep theirs."""
    for operations in result.get("paths", {}).values():
        for method, operation in operations.items():
            if method in ("get", "head", "options"):
                operation["security"] = []
    return result
