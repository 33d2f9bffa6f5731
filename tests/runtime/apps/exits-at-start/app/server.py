"""Runtime test app: needs DATABASE_URL, which the stack does not set, and exits at start."""
import os
import sys

if "DATABASE_URL" not in os.environ:
    print("fatal: DATABASE_URL is not set", file=sys.stderr, flush=True)
    sys.exit(3)
