"""Pure comparison logic: no HTTP, no database."""
