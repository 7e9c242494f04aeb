#!/usr/bin/env bash
# Fails when a layer reaches upward: core/ must not include Qt or anything from plugins/, ui/
# or app/; plugins/ must not include ui/ or app/.
set -euo pipefail
root=${1:-$(dirname "$0")/..}
cd "$root"
fail=0
if bad=$(grep -rnE '#include *[<"](Q[A-Za-z]|Qt)' core); then
  echo "core/ includes Qt:"; echo "$bad"; fail=1
fi
if bad=$(grep -rnE '#include *"(plugins|ui|app)/' core); then
  echo "core/ includes an upper layer:"; echo "$bad"; fail=1
fi
if bad=$(grep -rnE '#include *"(ui|app)/' plugins); then
  echo "plugins/ include ui/ or app/:"; echo "$bad"; fail=1
fi
[ "$fail" = 0 ] && echo "layering ok"
exit "$fail"
