# A small non-root image: the registry's wheel and its runtime dependencies, nothing else.
# What it runs (docker-entrypoint.sh) is exercised outside Docker by tests/test_container.py,
# which installs the same wheel into a clean venv and runs the same script.

# Build the wheel (templates, static files, migrations and seed data included).
FROM python:3.11-slim AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /src
COPY pyproject.toml README.md ./
COPY api/ api/
COPY seed/ seed/
COPY alembic/ alembic/
RUN pip wheel --no-deps --wheel-dir /wheels .

FROM python:3.11-slim
ENV PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1 PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1
RUN --mount=type=bind,from=build,source=/wheels,target=/wheels \
    pip install /wheels/*.whl \
    && useradd --create-home --uid 10001 app \
    && mkdir /data && chown app /data
COPY docker-entrypoint.sh /usr/local/bin/docker-entrypoint.sh
USER app
WORKDIR /home/app
# SQLite on the /data volume unless TIC_DATABASE_URL names another database (compose.yaml:
# PostgreSQL). Logs are JSON lines on standard error.
ENV TIC_DATABASE_URL=sqlite:////data/tic.db \
    TIC_HOST=0.0.0.0 \
    TIC_PORT=8000 \
    TIC_WORKERS=2 \
    TIC_LOG_FORMAT=json
VOLUME ["/data"]
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen(f\"http://127.0.0.1:{os.environ['TIC_PORT']}/readyz\", timeout=4)"]
ENTRYPOINT ["docker-entrypoint.sh"]
