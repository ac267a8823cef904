"""Joint bodies as voting games: decision rules, power indices, collective-equality checks."""
