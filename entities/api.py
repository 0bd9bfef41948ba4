"""The entities API: the register with aliases, roles and how often each entity appears."""

from __future__ import annotations

from django.http import HttpResponsePermanentRedirect
from django.urls import reverse
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import permissions, serializers
from rest_framework.request import Request
from rest_framework.response import Response

from entities.models import Entity, EntityKind, ReviewStatus
from entities.selectors import entities_with_counts, entity_live_get
from summit_kb.api import (
    READ_ERRORS,
    RETRY_AFTER,
    ApiView,
    NotFound,
    PagePagination,
    error_responses,
)
from summit_kb.errors import ApplicationError


class AliasSerializer(serializers.Serializer):
    text = serializers.CharField()
    kind = serializers.CharField()


class CountsSerializer(serializers.Serializer):
    mentions = serializers.IntegerField(source="mention_count")
    quotes = serializers.IntegerField(source="quote_count", help_text="Quotes the entity said.")
    events = serializers.IntegerField(source="event_count", help_text="Events it took part in.")


class EntitySerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField()
    kind = serializers.ChoiceField(choices=EntityKind.choices)
    description = serializers.CharField(
        allow_blank=True, help_text="Role or short description: 'President of Russia'."
    )
    review_status = serializers.ChoiceField(choices=ReviewStatus.choices)
    wikidata_id = serializers.CharField(allow_blank=True)
    aliases = AliasSerializer(many=True, source="aliases.all")
    counts = CountsSerializer(source="*")
    url = serializers.SerializerMethodField()
    timeline_url = serializers.SerializerMethodField()
    quotes_url = serializers.SerializerMethodField()

    def _absolute(self, path: str) -> str:
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path

    def get_url(self, entity: Entity) -> str:
        return self._absolute(reverse("api-entity-detail", args=[entity.slug]))

    def get_timeline_url(self, entity: Entity) -> str:
        return self._absolute(f"{reverse('api-timeline')}?entity={entity.slug}")

    def get_quotes_url(self, entity: Entity) -> str:
        return self._absolute(f"{reverse('api-quotes')}?speaker={entity.slug}")


def _choice(request: Request, name: str, allowed: list[str]) -> str | None:
    value = request.query_params.get(name) or None
    if value is not None and value not in allowed:
        raise ApplicationError(
            f"{name}: {value!r} is not one of {', '.join(allowed)}.",
            {"parameter": name, "allowed": allowed},
        )
    return value


class EntityListView(ApiView):
    permission_classes = [permissions.AllowAny]
    pagination_class = PagePagination
    serializer_class = EntitySerializer

    @extend_schema(
        operation_id="entities_list",
        summary="Entities of the register",
        description="People, organisations and places, by name; merged entities are left out "
        "(their slugs redirect), rejected ones unless asked for.",
        parameters=[
            OpenApiParameter("kind", str, enum=EntityKind.values, description="Unknown: 400."),
            OpenApiParameter(
                "review_status",
                str,
                enum=ReviewStatus.values,
                description="confirmed, candidate or rejected (rejected ones only appear "
                "when asked for). Unknown: 400.",
            ),
            OpenApiParameter(
                "search", str, description="Part of the name or of an alias, any case."
            ),
            RETRY_AFTER,
        ],
        responses={200: EntitySerializer(many=True), **error_responses(*READ_ERRORS)},
    )
    def get(self, request: Request) -> Response:
        entities = entities_with_counts(
            kind=_choice(request, "kind", EntityKind.values),
            review_status=_choice(request, "review_status", ReviewStatus.values),
            search=(request.query_params.get("search") or "").strip() or None,
        )
        page = self.paginate_queryset(entities)
        serializer = EntitySerializer(page, many=True, context={"request": request})
        return self.get_paginated_response(serializer.data)


class EntityDetailView(ApiView):
    permission_classes = [permissions.AllowAny]
    serializer_class = EntitySerializer

    @extend_schema(
        operation_id="entities_retrieve",
        summary="One entity",
        description="A merged entity's old slug answers 301 with the live entity's URL.",
        parameters=[RETRY_AFTER],
        responses={
            200: EntitySerializer,
            301: OpenApiResponse(description="The slug was merged: see Location."),
            **error_responses(404, 429),
        },
    )
    def get(self, request: Request, slug: str) -> Response | HttpResponsePermanentRedirect:
        entity, merged = entity_live_get(slug=slug)
        if entity is None:
            raise NotFound(f"There is no entity {slug!r}.", {"slug": slug})
        if merged:
            return HttpResponsePermanentRedirect(
                request.build_absolute_uri(reverse("api-entity-detail", args=[entity.slug]))
            )
        return Response(EntitySerializer(entity, context={"request": request}).data)
