"""One settings object, read from the environment (prefix ``TIC_``)."""

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="TIC_", env_file=".env", extra="ignore")

    database_url: str = "sqlite:///./tic.db"
    sql_echo: bool = False
    # Request bodies above this many bytes are refused with 413 before they are parsed.
    max_body_bytes: int = 64 * 1024
    # Base URL used for absolute links in exports (JSON-LD @id); relative when empty.
    public_base_url: str = ""
    # How long an Idempotency-Key is remembered: a retry after this creates anew.
    idempotency_ttl_hours: float = 24.0
    # Rendered representations of revisions kept per process (about 2 to 6 KB each).
    representation_cache_entries: int = 20_000


settings = Settings()
