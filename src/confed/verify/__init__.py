"""Invariants checked over the whole person-type space, every phase and every body."""
