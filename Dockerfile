# The image behind docker-compose.yml's web and worker services.
FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 SUMMIT_KB_VAR_DIR=/app/var
WORKDIR /app
COPY pyproject.toml README.md ./
COPY summit_kb summit_kb
COPY extraction extraction
COPY articles articles
COPY entities entities
COPY timeline timeline
COPY templates templates
COPY static static
COPY manage.py ./
RUN pip install --no-cache-dir . && useradd --system --home /app summit && mkdir -p var && chown summit var
USER summit
EXPOSE 8000
