"""The articles API: submit an article (POST), follow its processing (GET)."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import permissions, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from articles.models import Article
from articles.services import MAX_INPUT_BYTES, article_ingest
from summit_kb.errors import ApplicationError


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

    def to_internal_value(self, data):
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


class ArticleSubmitView(APIView):
    permission_classes = [CanAddArticles]

    @extend_schema(
        request=ArticleSubmitSerializer,
        responses={
            201: OpenApiResponse(ArticleStatusSerializer, description="Stored and queued."),
            200: OpenApiResponse(ArticleStatusSerializer, description="Already stored."),
        },
    )
    def post(self, request: Request) -> Response:
        serializer = ArticleSubmitSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            raw = request.body.decode("utf-8")
        except UnicodeDecodeError:
            raise ApplicationError("The request body is not UTF-8 text.") from None
        result = article_ingest(
            raw=raw,
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


class ArticleStatusView(APIView):
    permission_classes = [permissions.AllowAny]

    @extend_schema(responses=ArticleStatusSerializer)
    def get(self, request: Request, pk: int) -> Response:
        article = get_object_or_404(Article.objects.select_related("outlet"), pk=pk)
        return Response(ArticleStatusSerializer(article, context={"request": request}).data)
