"""The API toolkit below every app: authentication, the JSON error replies, tokens and the
lean request path for token calls. Apps import it; it imports no app."""
