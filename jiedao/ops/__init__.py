"""Running the platform: process supervision for `make run` (no Django imports here)."""
