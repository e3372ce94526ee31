"""`make bench`: every benchmark, each printing its numbers beside the reference they target."""

from bench import analyser, endpoints, similarity

for module in (analyser, similarity, endpoints):
    print(f"\n=== {module.__name__} ===")
    module.run()
