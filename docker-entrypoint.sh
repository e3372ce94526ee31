#!/bin/sh
# What the container does when it starts, and what tests/test_container.py runs outside one:
# bring the schema up to date and load the seed content (both idempotent, so a restart or a new
# volume is safe), then serve. Settings come from TIC_* variables: TIC_DATABASE_URL, TIC_HOST,
# TIC_PORT, TIC_WORKERS (see the README's configuration table).
set -eu
tic-registry migrate
tic-registry seed
exec tic-registry serve "$@"
