FROM python:3.11-slim
ENV PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /app
COPY pyproject.toml README.md ./
COPY api/ api/
COPY seed/ seed/
COPY alembic/ alembic/
RUN pip install . && useradd --create-home app && mkdir /data && chown app /data
USER app
ENV TIC_DATABASE_URL=sqlite:////data/tic.db
EXPOSE 8000
# Migrate and seed (both idempotent) before serving, so a new volume starts populated.
CMD ["sh", "-c", "alembic upgrade head && python -m seed && exec uvicorn api.main:app --host 0.0.0.0 --port 8000 --no-server-header"]
