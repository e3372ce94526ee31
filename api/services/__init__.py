"""Database-facing operations shared by routers, the seed and the CLI."""
