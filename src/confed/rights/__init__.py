"""The rights engine: per-type decisions gathered to weighted rows, and their trace."""
