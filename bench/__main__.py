"""`make bench`: every benchmark, each printing its numbers beside the reference they target."""

from bench import analyser, endpoints, pages, reads, similarity

for module in (analyser, similarity, endpoints, pages, reads):
    print(f"\n=== {module.__name__} ===")
    module.run()
