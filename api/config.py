"""One settings object, read from the environment (prefix ``TIC_``)."""

from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="TIC_", env_file=".env", extra="ignore")

    database_url: str = "sqlite:///./tic.db"
    sql_echo: bool = False
    # Request bodies above this many bytes are refused with 413 before they are parsed.
    max_body_bytes: int = 64 * 1024
    # The registry's public base URL (https://registry.example.gov.uk): JSON-LD @ids and problem
    # types start with it. When empty, the base the request was sent to is used.
    public_base_url: str = ""
    # A request whose response has not started after this many seconds (a hung database) gets
    # 503 with Retry-After; its write, if any, is not committed. 0 turns the deadline off.
    request_timeout: float = 20.0
    # How long to wait to connect (PostgreSQL) or for SQLite's write lock, and (PostgreSQL) for
    # one statement, before giving up with 503.
    database_connect_timeout: float = 10.0
    database_statement_timeout: float = 15.0
    # What 503 answers advise clients to wait before retrying, in seconds.
    retry_after_seconds: int = 5
    # Rate limits ("N/second|minute|hour", moving windows per process): every request per client
    # address, requests with an API key per key, and anonymous analyses, comparisons and
    # matrices (the costliest) per address.
    rate_limit_enabled: bool = True
    rate_limit_per_address: str = "600/minute"
    rate_limit_per_key: str = "1200/minute"
    rate_limit_anonymous_compute: str = "60/minute"
    # Browser origins allowed to call the API (CORS); none by default. A JSON list in the
    # environment: TIC_CORS_ORIGINS='["https://example.gov.uk"]'.
    cors_origins: list[str] = []
    # How long an Idempotency-Key is remembered: a retry after this creates anew.
    idempotency_ttl_hours: float = 24.0
    # Rendered representations of revisions kept per process (about 2 to 6 KB each).
    representation_cache_entries: int = 20_000
    # Where `tic-registry serve` listens unless given --host / --port (the container: 0.0.0.0).
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    # Server processes `tic-registry serve` starts when not given --workers (the container sets
    # it). Each has its own caches and rate-limit counters; metrics are added up across them.
    workers: int = Field(default=1, ge=1, le=64)
    # Log lines: "auto" is plain on a terminal and JSON otherwise; "json" or "plain" force one.
    log_format: Literal["auto", "json", "plain"] = "auto"
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"


settings = Settings()
