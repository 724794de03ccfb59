"""On-demand benchmarks: `python -m benchmarks [NAME ...]` prints each figure beside its budget."""
