"""The registry's seed content (data/*.json) and its idempotent loader."""
