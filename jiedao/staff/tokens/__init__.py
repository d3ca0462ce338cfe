"""A person's API tokens on the staff pages: the list (never the secret) and revocation."""
