#!/usr/bin/env bash
# Print the path of a Python >= 3.12 interpreter, preferring the version in .python-version.
# The machine's default python3 may be 3.11, on which pip quietly installs Django 5.2.
set -u
want=$(cat "$(dirname "$0")/../.python-version" 2>/dev/null || echo 3.13)
candidates=(
  "${PYTHON:-}"
  "$HOME/.pyenv/versions/$want"*/bin/python
  "$(command -v "python$want" 2>/dev/null)"
  "$(command -v python3.14 2>/dev/null)"
  "$(command -v python3.13 2>/dev/null)"
  "$(command -v python3.12 2>/dev/null)"
  "$(command -v python3 2>/dev/null)"
)
for py in "${candidates[@]}"; do
  [ -n "$py" ] && [ -x "$py" ] || continue
  if "$py" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' 2>/dev/null; then
    echo "$py"
    exit 0
  fi
done
echo "No Python >= 3.12 found (wanted $want from .python-version). Install it, e.g." \
  "'pyenv install $want', or set PYTHON=/path/to/python3.13." >&2
exit 1
