"""The registry's command line: `tic-registry COMMAND` (or `python -m api COMMAND`).

Only the parser lives here, so `--help` answers at once and even when the configuration is
broken; the commands themselves are in ``api.commands``, imported once the settings have been
read. Results go to standard output, errors to standard error with exit code 2 (1 for a failed
`check`), and progress bars, on a terminal only, to standard error.
"""

import argparse
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from pydantic import ValidationError

if TYPE_CHECKING:
    from sqlmodel import Session

PROG = "tic-registry"


class Formatter(argparse.HelpFormatter):
    """Wraps descriptions to the terminal; keeps the examples' lines as written."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        if text.startswith("examples:"):
            return "".join(indent + line for line in text.splitlines(keepends=True))
        return super()._fill_text(text, width, indent)


def _command(
    groups: "argparse._SubParsersAction[argparse.ArgumentParser]",
    name: str,
    summary: str,
    description: str,
    examples: str,
) -> argparse.ArgumentParser:
    return groups.add_parser(
        name,
        help=summary,
        description=description,
        epilog="examples:\n" + examples,
        formatter_class=Formatter,
    )


def _expires_in(command: argparse.ArgumentParser, key: str) -> None:
    command.add_argument(
        "--expires-in", type=float, metavar="DAYS", help=f"{key} stops working after DAYS"
    )


def _key_id(command: argparse.ArgumentParser) -> None:
    command.add_argument("key_id", help="the public id of the key (see keys list)")


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(
        prog=PROG,
        description="Run and administer the trauma-informed care definitions registry. Every "
        "command reads its settings from TIC_* environment variables (or a .env file); "
        "TIC_DATABASE_URL names the database.",
        epilog="examples:\n"
        f"  {PROG} migrate && {PROG} seed && {PROG} serve\n"
        f"  {PROG} keys create --organisation dfe --role submitter --label 'DfE policy team'\n"
        f"  {PROG} check || echo 'not ready'\n"
        f"  {PROG} COMMAND --help",
        formatter_class=Formatter,
    )
    groups = main.add_subparsers(dest="group", required=True, metavar="COMMAND")

    serve = _command(
        groups,
        "serve",
        "serve the API and pages over HTTP (uvicorn)",
        "Serve the registry with uvicorn. Logs go to standard error: plain on a terminal, one "
        "JSON object a line otherwise (TIC_LOG_FORMAT). With several workers, metrics from "
        "every worker are added up through PROMETHEUS_MULTIPROC_DIR (a temporary directory "
        "unless set). X-Forwarded-* headers are trusted from FORWARDED_ALLOW_IPS "
        "(uvicorn's setting; 127.0.0.1 by default).",
        f"  {PROG} serve\n  {PROG} serve --host 0.0.0.0 --port 8080 --workers 4",
    )
    serve.add_argument("--host", help="address to listen on (default: TIC_HOST, 127.0.0.1)")
    serve.add_argument("--port", type=int, help="port to listen on (default: TIC_PORT, 8000)")
    serve.add_argument(
        "--workers", type=int, help="server processes (default: TIC_WORKERS, which is 1)"
    )

    _command(
        groups,
        "migrate",
        "bring the database's schema up to date (Alembic)",
        "Apply every migration the database lacks (alembic upgrade head); safe to run again.",
        f"  {PROG} migrate\n  TIC_DATABASE_URL=postgresql+psycopg://u:p@db/tic {PROG} migrate",
    )
    _command(
        groups,
        "seed",
        "load the seed content; safe to run again",
        "Load the seed content (organisations, the EIF report, frameworks, definitions, "
        "practice models) and analyse any revision the current analyser has not; a second run "
        "changes nothing. The database must be migrated first.",
        f"  {PROG} seed",
    )
    _command(
        groups,
        "check",
        "check the configuration and the database; exit 0 when ready, 1 when not",
        "Check that the settings are valid, the database answers and its schema is at the "
        "newest migration. Prints one line per check and exits 0 when all pass, 1 otherwise: "
        "for scripts and container start-up.",
        f"  {PROG} check\n  until {PROG} check; do sleep 2; done",
    )

    keys = _command(
        groups,
        "keys",
        "create, list, rotate and revoke API keys",
        "API keys: one organisation and one role each (submitter: writes for its own "
        "organisation; steward: runs the registry). Only a hash of each key is stored.",
        f"  {PROG} keys create --organisation dfe --role submitter --expires-in 365\n"
        f"  {PROG} keys rotate 3f9a0c1b2d4e --grace 48",
    ).add_subparsers(dest="command", required=True, metavar="ACTION")
    create = _command(
        keys,
        "create",
        "create a key and print it once",
        "Create a key. The key is printed alone on the last line of the output, once: store "
        "it now.",
        f"  {PROG} keys create --organisation dfe --role submitter --label 'DfE policy team'\n"
        f"  KEY=$({PROG} keys create --organisation dhsc --role steward | tail -n1)",
    )
    create.add_argument("--organisation", required=True, help="organisation slug")
    create.add_argument("--role", required=True, choices=("submitter", "steward"))
    create.add_argument("--label", help="what the key is for (shown in lists)")
    _expires_in(create, "the key")
    listing = _command(
        keys,
        "list",
        "list keys (never their secrets)",
        "List keys with their state: active, expires DATE, expired or revoked.",
        f"  {PROG} keys list\n  {PROG} keys list --organisation dfe",
    )
    listing.add_argument("--organisation", help="only this organisation's keys")
    rotate = _command(
        keys,
        "rotate",
        "replace a key; the old one expires after a grace period",
        "Create a new key for the same organisation, role and label, and let the old key "
        "expire after the grace period, so its holders can switch without an outage. The new "
        "key is printed alone on the last line, once.",
        f"  {PROG} keys rotate 3f9a0c1b2d4e\n  {PROG} keys rotate 3f9a0c1b2d4e --grace 0",
    )
    _key_id(rotate)
    rotate.add_argument(
        "--grace",
        type=float,
        default=24.0,
        metavar="HOURS",
        help="how long the old key keeps working (24; 0 ends it now)",
    )
    _expires_in(rotate, "the new key")
    revoke = _command(
        keys,
        "revoke",
        "revoke a key at once",
        "Revoke a key: it stops working at once.",
        f"  {PROG} keys revoke 3f9a0c1b2d4e",
    )
    _key_id(revoke)

    export = _command(
        groups,
        "export",
        "write the whole registry as one JSON document",
        "Write every table as one versioned JSON document, to a temporary file renamed into "
        "place when complete (readable by its owner only: it holds the keys' hashes).",
        f"  {PROG} export --output registry.json\n  {PROG} export --output - | gzip > reg.json.gz",
    )
    export.add_argument("--output", required=True, help='file to write ("-": standard output)')
    restore = _command(
        groups,
        "import",
        "restore a document written by export",
        "Restore a document written by export into an empty migrated database, or with "
        "--replace delete what the database holds and restore, in one transaction.",
        f"  {PROG} import --input registry.json\n  {PROG} import --input registry.json --replace",
    )
    restore.add_argument("--input", required=True, help='file to read ("-": standard input)')
    restore.add_argument(
        "--replace",
        action="store_true",
        help="delete everything the database holds first (in the same transaction)",
    )
    return main


def main(argv: Sequence[str] | None = None, session: "Session | None" = None) -> int:
    """Run one command; its exit code. ``session``: run on it (tests) instead of the configured
    database."""
    args = parser().parse_args(argv)
    try:
        from api import commands  # reads the settings
    except ValidationError as error:
        for problem in error.errors():
            name = "TIC_" + "_".join(str(part) for part in problem["loc"]).upper()
            print(f"error: invalid configuration: {name}: {problem['msg']}", file=sys.stderr)
        return 1 if args.group == "check" else 2
    return commands.run(args, session)
