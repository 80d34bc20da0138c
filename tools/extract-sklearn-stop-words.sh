#!/usr/bin/env bash
# Regenerates topic-core/src/main/resources/org/topicj/text/english-stop-words.txt: scikit-learn's
# ENGLISH_STOP_WORDS (BSD-3-Clause), taken from Debian's python3-sklearn package, one word per line, sorted.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && apt-get download python3-sklearn >/dev/null && dpkg -x python3-sklearn_*.deb pkg)
src="$(find "$work/pkg" -name _stop_words.py | head -n 1)"
python3 - "$src" > "$root/topic-core/src/main/resources/org/topicj/text/english-stop-words.txt" <<'PY'
import ast, sys
tree = ast.parse(open(sys.argv[1]).read())
for node in ast.walk(tree):
    if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "ENGLISH_STOP_WORDS" for t in node.targets):
        words = ast.literal_eval(node.value.args[0])
        print("# scikit-learn ENGLISH_STOP_WORDS (BSD-3-Clause), via tools/extract-sklearn-stop-words.sh")
        print("\n".join(sorted(words)))
PY
