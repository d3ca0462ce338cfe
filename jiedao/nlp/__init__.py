"""Chinese text tools: tokenising, quantity and target extraction (no Django models)."""
