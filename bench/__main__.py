"""`make bench`: every benchmark, each printing its numbers beside the reference they target.
`make bench-quick` (``--quick``): the analyser's timing and the scale table at 1,000
definitions with short load runs, for everyday use.

Each run's wall time is printed beside its budget, with the other kind's last wall time (kept
in build/bench-times.json) so both are seen together, and where it went: each module's wall
time and, in the scale benchmark, each size's load, start and measuring (``bench.phases``),
kept beside the totals.
"""

import argparse
import json
import os
import time
from datetime import UTC, datetime
from pathlib import Path

from bench import analyser, endpoints, pages, phases, reads, scale, similarity
from bench.phases import phase

BUDGETS_S = {"make bench": 15 * 60, "make bench-quick": 3 * 60}
TIMES = Path(__file__).resolve().parent.parent / "build" / "bench-times.json"


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="the everyday subset")
    quick = parser.parse_args().quick
    started = time.perf_counter()
    if quick:
        print("\n=== bench.analyser (timing) ===")
        with phase("bench.analyser (timing)"):
            analyser.timing()
        print("\n=== bench.scale --quick ===")
        with phase("bench.scale --quick"):
            scale.run(quick=True)
    else:
        for module in (analyser, similarity, endpoints, pages, reads, scale):
            print(f"\n=== {module.__name__} ===")
            with phase(module.__name__):
                module.run()
    took = time.perf_counter() - started
    name = "make bench-quick" if quick else "make bench"
    try:
        times = json.loads(TIMES.read_text())
    except (OSError, ValueError):
        times = {}
    times[name] = {
        "seconds": round(took),
        "at": datetime.now(UTC).isoformat(timespec="seconds"),
        "load_average": round(os.getloadavg()[0], 1),
        "phases_s": phases.recorded(),
    }
    TIMES.parent.mkdir(exist_ok=True)
    TIMES.write_text(json.dumps(times, indent=2))
    print(f"\nwhere the wall time went (load average now {os.getloadavg()[0]:.1f}):")
    print(phases.table(took))
    print("\nwall time (budget on 2 CPUs):")
    for what, budget in BUDGETS_S.items():
        if what in times:
            seconds = times[what]["seconds"]
            this = "this run" if what == name else f"last run {times[what]['at']}"
            met = "met" if seconds < budget else "OVER"
            print(
                f"  {what:<17} {seconds / 60:5.1f} min  (budget {budget // 60} min: {met}; {this})"
            )
        else:
            print(f"  {what:<17} not run yet here (budget {budget // 60} min)")


main()
