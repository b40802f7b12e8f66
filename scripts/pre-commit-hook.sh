#!/bin/sh
# The pre-commit hook (.pre-commit-hooks.yaml, `language: script`): pre-commit
# runs it from its own clone of this repository with the staged .ldif and .csv
# files as arguments, in the user's repository. The CLI is built into that
# clone on first use (npm ci and esbuild, about a minute), then reused.
set -e
root=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
if [ ! -f "$root/dist/cli.js" ]; then
  echo "pingone-sync-lint: building the CLI (first run only)" >&2
  (cd "$root" && npm ci --no-audit --no-fund --loglevel=error >&2 && node esbuild.mjs --production >&2)
fi
exec node "$root/dist/cli.js" "$@"
