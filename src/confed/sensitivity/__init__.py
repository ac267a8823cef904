"""Which assumptions drive which conclusions: ranges, global sensitivity, distributed runs."""
