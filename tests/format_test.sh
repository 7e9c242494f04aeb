#!/usr/bin/env bash
# Fails listing every C++ file that clang-format would change.
set -uo pipefail
root=$1; clang_format=${2:-clang-format}
cd "$root"
bad=()
while IFS= read -r f; do
  "$clang_format" --dry-run --Werror "$f" >/dev/null 2>&1 || bad+=("$f")
done < <(find app core plugins ui tests -name '*.cpp' -o -name '*.hpp' 2>/dev/null | sort)
if [ ${#bad[@]} -gt 0 ]; then
  echo "not formatted (run clang-format -i on them):"; printf '  %s\n' "${bad[@]}"; exit 1
fi
echo "all formatted"
