"""The population as weighted rows, built from sourced reference data, and its projection."""
