"""Demo data: a realistic commune (or a whole province, for the benchmark), reproducible by seed."""
