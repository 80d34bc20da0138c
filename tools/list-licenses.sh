#!/usr/bin/env bash
# Lists the licence of every runtime dependency of TopicJ's published modules, read from the
# dependencies' own POMs in the local Maven repository (run a build first). Used to keep README's
# "Licences" section true: bash tools/list-licenses.sh
set -euo pipefail
cd "$(dirname "$0")/.."
repo="${MAVEN_REPO:-$HOME/.m2/repository}"
mvn -B -q -o package dependency:list -DskipTests -Dmaven.javadoc.skip=true -Dmaven.source.skip=true -Dassembly.skipAssembly=true -DincludeScope=runtime -DoutputFile=target/deps.txt -DappendOutput=false \
    -pl '!benchmarks,!bom' >/dev/null 2>&1 || true
find . -path '*/target/deps.txt' -exec cat {} + | grep -E '^\s+[^ ]+:[^ ]+:' | sed -E 's/^\s+//; s/ -- .*//' \
  | awk -F: '{print $1":"$2":"$(NF-1)}' | sort -u | while IFS=: read -r g a v; do
    [[ "$g" == org.topicj ]] && continue
    pom="$repo/${g//.//}/$a/$v/$a-$v.pom"
    lic="(no POM)"
    if [[ -f "$pom" ]]; then
      lic=$(python3 - "$pom" "$repo" <<'PY'
import re, sys, os
pom, repo = sys.argv[1], sys.argv[2]
def licenses(path, depth=0):
    s = open(path, encoding='utf-8', errors='replace').read()
    s = re.sub(r'<!--.*?-->', '', s, flags=re.S)
    names = re.findall(r'<license>\s*<name>\s*(.*?)\s*</name>', s, flags=re.S)
    if names or depth > 5:
        return names
    m = re.search(r'<parent>(.*?)</parent>', s, flags=re.S)
    if not m:
        return []
    g = re.search(r'<groupId>(.*?)</groupId>', m.group(1)).group(1).strip()
    a = re.search(r'<artifactId>(.*?)</artifactId>', m.group(1)).group(1).strip()
    v = re.search(r'<version>(.*?)</version>', m.group(1)).group(1).strip()
    p = os.path.join(repo, *g.split('.'), a, v, f'{a}-{v}.pom')
    return licenses(p, depth + 1) if os.path.exists(p) else []
print('; '.join(dict.fromkeys(' '.join(n.split()) for n in licenses(pom))) or '(none declared)')
PY
)
    fi
    printf '%s:%s:%s\t%s\n' "$g" "$a" "$v" "$lic"
  done
