"""confed: the Israeli-Palestinian two-state confederation as executable, sourced rules."""
