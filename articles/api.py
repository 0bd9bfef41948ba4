"""The articles API: list articles, submit one (POST), follow its processing and read what
the workers found in it (GET); and the quotes."""

from __future__ import annotations

import json

from django.conf import settings
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
)
from rest_framework import permissions, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from articles.models import Article, ArticleStatus, Mention, Quote
from articles.selectors import article_facts, articles_list, quotes_list, quotes_naming
from articles.services import MAX_INPUT_BYTES, article_ingest
from entities.models import Entity
from summit_kb.admin_tools import count_of
from summit_kb.api import (
    READ_ERRORS,
    RETRY_AFTER,
    ApiView,
    NotFound,
    PagePagination,
    RequestTooLarge,
    error_responses,
    too_large_message,
)
from summit_kb.errors import ApplicationError
from summit_kb.partial_dates import Precision, iso_partial_date
from timeline.api import DATE_PATTERN, EntityRefSerializer
from timeline.models import EventKind
from timeline.selectors import entities_by_slugs


class CanAddArticles(permissions.BasePermission):
    message = "Your account may not add articles: ask for the 'add article' permission."

    def has_permission(self, request, view) -> bool:
        if request.method in permissions.SAFE_METHODS:
            return True
        user = request.user
        return bool(user and user.is_authenticated and user.has_perm("articles.add_article"))


class ArticleSubmitSerializer(serializers.Serializer):
    text = serializers.CharField(required=False, allow_blank=True, trim_whitespace=False)
    html = serializers.CharField(required=False, allow_blank=True, trim_whitespace=False)
    url = serializers.URLField(required=False, allow_blank=True, max_length=2000)
    outlet = serializers.CharField(required=False, allow_blank=True, max_length=200)
    headline = serializers.CharField(required=False, allow_blank=True, max_length=500)
    published = serializers.DateTimeField(required=False, allow_null=True)
    byline = serializers.CharField(required=False, allow_blank=True, max_length=300)

    def to_internal_value(self, data):
        if hasattr(data, "dict"):  # a form's QueryDict: one value a field
            data = data.dict()
        if isinstance(data, dict) and isinstance(data.get("published"), str):
            value = data["published"].strip()
            if len(value) == 10:  # a bare YYYY-MM-DD means that day
                data = {**data, "published": f"{value}T00:00:00Z"}
        return super().to_internal_value(data)

    def validate(self, attrs: dict) -> dict:
        text, html = attrs.get("text", ""), attrs.get("html", "")
        if bool(text.strip()) == bool(html.strip()):
            raise serializers.ValidationError(
                "Send the article as exactly one of 'text' or 'html', not empty."
            )
        if len((text or html).encode("utf-8", "surrogatepass")) > MAX_INPUT_BYTES:
            raise serializers.ValidationError("The article is over the limit of 1 MB of text.")
        return attrs


class ArticleStatusSerializer(serializers.ModelSerializer):
    outlet = serializers.CharField(source="outlet.name", allow_null=True, default=None)
    status_url = serializers.SerializerMethodField()
    counts = serializers.SerializerMethodField()

    class Meta:
        model = Article
        fields = [
            "id",
            "headline",
            "outlet",
            "canonical_url",
            "published_at",
            "status",
            "last_error",
            "attempts",
            "pipeline_version",
            "created_at",
            "processed_at",
            "status_url",
            "counts",
        ]

    def get_status_url(self, article: Article) -> str:
        request = self.context.get("request")
        path = f"/api/v1/articles/{article.pk}/"
        return request.build_absolute_uri(path) if request else path

    def get_counts(self, article: Article) -> dict[str, int]:
        return {
            "mentions": article.mentions.count(),
            "quotes": article.quotes.count(),
            "evidence": article.evidence.count(),
        }


class ArticleListSerializer(serializers.ModelSerializer):
    outlet = serializers.CharField(source="outlet.name", allow_null=True, default=None)
    url = serializers.SerializerMethodField()
    counts = serializers.SerializerMethodField()

    class Meta:
        model = Article
        fields = [
            "id",
            "headline",
            "outlet",
            "canonical_url",
            "published_at",
            "status",
            "processed_at",
            "url",
            "counts",
        ]

    def get_url(self, article: Article) -> str:
        return _absolute(self.context.get("request"), f"/api/v1/articles/{article.pk}/")

    @extend_schema_field(
        {
            "type": "object",
            "required": ["mentions", "quotes", "evidence"],
            "properties": {
                "mentions": {"type": "integer"},
                "quotes": {"type": "integer"},
                "evidence": {"type": "integer"},
            },
        }
    )
    def get_counts(self, article: Article) -> dict[str, int]:
        return {
            "mentions": article.mention_total,
            "quotes": article.quote_total,
            "evidence": article.evidence_total,
        }


class MentionSerializer(serializers.Serializer):
    entity = EntityRefSerializer()
    text = serializers.CharField()
    start = serializers.IntegerField()
    end = serializers.IntegerField()


class ArticleRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    headline = serializers.CharField(allow_blank=True)
    outlet = serializers.CharField(source="outlet.name", allow_null=True, default=None)
    published = serializers.DateTimeField(source="published_at", allow_null=True)
    canonical_url = serializers.URLField(allow_null=True)


class QuoteReportSerializer(serializers.Serializer):
    """One article's report of an utterance."""

    id = serializers.IntegerField(help_text="The quote id of this report.")
    text = serializers.CharField(help_text="The words as this article quotes them.")
    start = serializers.IntegerField(help_text="Offset in the article body.")
    end = serializers.IntegerField()
    article = ArticleRefSerializer()


class QuoteSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    text = serializers.CharField()
    utterance = serializers.IntegerField(
        source="utterance_id",
        allow_null=True,
        help_text="The utterance this quote reports: the same words of the same speaker in "
        "every article that carries them. Lists show each utterance once.",
    )
    reports = serializers.SerializerMethodField(
        help_text="Every article's report of the utterance, the earliest first (this one "
        "among them)."
    )
    speaker = EntityRefSerializer(allow_null=True)
    addressee = EntityRefSerializer(allow_null=True)
    cue = serializers.CharField(allow_blank=True, help_text="said, told, tweeted, added…")
    said_on = serializers.SerializerMethodField(
        help_text="When it was said, ISO cut to the precision; null when the article does not say."
    )
    said_precision = serializers.SerializerMethodField()
    review_status = serializers.CharField()
    confidence = serializers.FloatField(min_value=0, max_value=1)
    start = serializers.IntegerField(help_text="Offset in the article body.")
    end = serializers.IntegerField()
    article = ArticleRefSerializer()

    def get_said_on(self, quote: Quote) -> str | None:
        return iso_partial_date(*quote.said)

    @extend_schema_field({"type": "string", "enum": [*Precision.values, None], "nullable": True})
    def get_said_precision(self, quote: Quote) -> str | None:
        return quote.said[1] or None

    @extend_schema_field(QuoteReportSerializer(many=True))
    def get_reports(self, quote: Quote) -> list[dict]:
        reports = quote.utterance.reports.all() if quote.utterance_id else [quote]
        return QuoteReportSerializer(reports, many=True).data


class ArticleQuoteSerializer(QuoteSerializer):
    """A quote inside its article's answer: the article is the one around it."""

    article = None
    reports = None


class ArticleEventSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="event.id")
    slug = serializers.SlugField(source="event.slug")
    title = serializers.CharField(source="event.title")
    kind = serializers.ChoiceField(source="event.kind", choices=EventKind.choices)
    date = serializers.SerializerMethodField()
    precision = serializers.ChoiceField(source="event.precision", choices=Precision.choices)
    sentence = serializers.CharField(help_text="The sentence of this article that reports it.")
    date_expression = serializers.CharField()

    def get_date(self, evidence) -> str:
        return iso_partial_date(evidence.event.date, evidence.event.precision)


class ArticleFactsSerializer(serializers.Serializer):
    mentions = MentionSerializer(many=True)
    quotes = ArticleQuoteSerializer(many=True)
    events = ArticleEventSerializer(many=True, source="evidence")


class ArticleDetailSerializer(ArticleStatusSerializer):
    """The status answer, plus the byline and what the workers found."""

    facts = serializers.SerializerMethodField()

    class Meta(ArticleStatusSerializer.Meta):
        fields = [*ArticleStatusSerializer.Meta.fields, "byline", "facts"]

    def get_counts(self, article: Article) -> dict[str, int]:
        facts = self.context["facts"]
        return {
            "mentions": len(facts.mentions),
            "quotes": len(facts.quotes),
            "evidence": len(facts.evidence),
        }

    @extend_schema_field(ArticleFactsSerializer)
    def get_facts(self, article: Article) -> dict:
        return ArticleFactsSerializer(self.context["facts"]).data


def _absolute(request, path: str) -> str:
    return request.build_absolute_uri(path) if request else path


class ArticleListView(ApiView):
    """GET: articles, newest first. POST: submit an article (a token with 'add article')."""

    # Reads are public, writes need a token with the permission. IsAuthenticatedOrReadOnly
    # is listed so that the schema documents the reads as needing no token.
    permission_classes = [permissions.IsAuthenticatedOrReadOnly, CanAddArticles]
    pagination_class = PagePagination
    serializer_class = ArticleListSerializer

    @extend_schema(
        operation_id="articles_list",
        summary="Articles, newest first",
        parameters=[
            OpenApiParameter(
                "status", str, enum=ArticleStatus.values, description="Unknown status: 400."
            ),
            OpenApiParameter("outlet", str, description="An outlet's slug."),
            RETRY_AFTER,
        ],
        responses={200: ArticleListSerializer(many=True), **error_responses(*READ_ERRORS)},
    )
    def get(self, request: Request) -> Response:
        params = request.query_params
        state = params.get("status") or None
        if state is not None and state not in ArticleStatus.values:
            raise ApplicationError(
                f"status: {state!r} is not one of {', '.join(ArticleStatus.values)}.",
                {"parameter": "status", "allowed": list(ArticleStatus.values)},
            )
        articles = articles_list(outlet_slug=params.get("outlet") or None).annotate(
            mention_total=count_of(Mention, "article")
        )
        if state:
            articles = articles.filter(status=state)
        page = self.paginate_queryset(articles)
        data = ArticleListSerializer(page, many=True, context={"request": request}).data
        return self.get_paginated_response(data)

    @extend_schema(
        operation_id="articles_create",
        summary="Submit an article",
        request=ArticleSubmitSerializer,
        parameters=[RETRY_AFTER],
        responses={
            201: OpenApiResponse(ArticleStatusSerializer, description="Stored and queued."),
            200: OpenApiResponse(ArticleStatusSerializer, description="Already stored."),
            **error_responses(400, 401, 403, 413, 429),
        },
    )
    def post(self, request: Request) -> Response:
        too_big = _content_length(request) > settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        if too_big:  # refused before a byte is read: the parsers would hold it all in memory
            raise RequestTooLarge(too_large_message(_content_length(request)))
        # JSON, form or multipart alike: the fields as the parser read them. The raw body is
        # never read again (after a multipart parse Django no longer has it).
        serializer = ArticleSubmitSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        # What is stored is the submission as one JSON record, so that parsing the raw input
        # again (reprocessing) finds every field the client sent, whatever its content type.
        record = {
            key: value
            for key, value in request.data.items()
            if key in _RECORD_FIELDS and isinstance(value, str) and value
        }
        result = article_ingest(
            raw=json.dumps(record, ensure_ascii=False),
            filename="submission.json",
            url=data.get("url") or None,
            outlet=data.get("outlet") or None,
            headline=data.get("headline") or None,
            published=data.get("published"),
            submitted_by=request.user,
        )
        body = ArticleStatusSerializer(result.article, context={"request": request}).data
        return Response(
            body, status=status.HTTP_201_CREATED if result.created else status.HTTP_200_OK
        )


_RECORD_FIELDS = ("text", "html", "url", "outlet", "headline", "published", "byline")


def _content_length(request: Request) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


class ArticleDetailView(ApiView):
    permission_classes = [permissions.AllowAny]
    serializer_class = ArticleDetailSerializer

    @extend_schema(
        operation_id="articles_retrieve",
        summary="One article: its processing status and the facts found in it",
        parameters=[RETRY_AFTER],
        responses={200: ArticleDetailSerializer, **error_responses(404, 429)},
    )
    def get(self, request: Request, pk: int) -> Response:
        facts = article_facts(article_id=pk)
        if facts is None:
            raise NotFound(f"There is no article {pk}.", {"article": pk})
        context = {"request": request, "facts": facts}
        return Response(ArticleDetailSerializer(facts.article, context=context).data)


# --- quotes ----------------------------------------------------------------------------------


def _entity_param(request: Request, name: str) -> list[Entity]:
    slugs = [slug for slug in request.query_params.getlist(name) if slug]
    if not slugs:
        return []
    try:
        found = entities_by_slugs(slugs)
    except ApplicationError as exc:
        slug = exc.extra.get("slug")
        raise ApplicationError(
            f"{name}: there is no entity {slug!r}.", {"parameter": name, "slug": slug}
        ) from None
    return list({entity.pk: entity for entity in found.values()}.values())


def _article_param(request: Request) -> int | None:
    value = request.query_params.get("article") or None
    if value is None:
        return None
    if not value.isascii() or not value.isdigit() or int(value) > 2**63 - 1:
        raise ApplicationError(
            f"article: {value!r} is not an article id.", {"parameter": "article"}
        )
    if not Article.objects.filter(pk=int(value)).exists():
        raise ApplicationError(f"article: there is no article {value}.", {"parameter": "article"})
    return int(value)


class QuoteListView(ApiView):
    permission_classes = [permissions.AllowAny]
    pagination_class = PagePagination
    serializer_class = QuoteSerializer

    @extend_schema(
        operation_id="quotes_list",
        summary="Quotes, in the order they were said",
        description="Rejected quotes are left out. A quote the article does not date is "
        "dated by the article's publication day.",
        parameters=[
            OpenApiParameter(
                "speaker",
                str,
                many=True,
                explode=True,
                description="Entity slug, repeatable: quotes of any of them. Unknown: 400.",
            ),
            OpenApiParameter(
                "about",
                str,
                description="Entity slug: quotes that name it inside the quote or in the "
                "quote's sentence. Unknown: 400.",
            ),
            OpenApiParameter(
                "article", int, description="Quotes of this article. Unknown id: 400."
            ),
            OpenApiParameter(
                "from",
                str,
                pattern=DATE_PATTERN,
                description="YYYY, YYYY-MM or YYYY-MM-DD; matched by the quote's precision. "
                "Not a real date: 400.",
            ),
            OpenApiParameter(
                "to", str, pattern=DATE_PATTERN, description="As `from`, the end of the range."
            ),
            OpenApiParameter(
                "words",
                str,
                description="Words the quote contains, all of them, any case (at most 8).",
            ),
            RETRY_AFTER,
        ],
        responses={200: QuoteSerializer(many=True), **error_responses(*READ_ERRORS)},
    )
    def get(self, request: Request) -> Response:
        params = request.query_params
        speakers = _entity_param(request, "speaker")
        about = _entity_param(request, "about")
        article_id = _article_param(request)
        quotes = quotes_list(
            speakers=speakers,
            since=params.get("from") or None,
            until=params.get("to") or None,
            words=params.get("words") or None,
        )
        if about:
            quotes = quotes_naming(quotes, entity=about[0])
        if article_id is not None:
            quotes = quotes.filter(article_id=article_id)
        quotes = quotes.order_by(*quotes.query.order_by, "id")  # stable across pages
        page = self.paginate_queryset(quotes)
        return self.get_paginated_response(QuoteSerializer(page, many=True).data)
