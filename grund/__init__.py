"""What every app shares and that knows no app: form rendering, the local date. It imports only
Django and the standard library; every app may import it, and it imports none (import-linter)."""
