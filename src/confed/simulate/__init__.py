"""The year-by-year transition of a population under a treaty, and its metrics."""
