"""Measured, not told: what a forward pass costs (cost.py) and what compression does (compress.py)."""
