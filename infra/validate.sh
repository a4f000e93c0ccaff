#!/usr/bin/env bash
# Builds and lints every .bicep file under infra/ (or under the folder given as $1) with the Bicep CLI and fails
# on any error or warning, the linter's rules included (infra/bicepconfig.json sets their levels).
# The Bicep CLI comes from NuGet (package Azure.Bicep.CommandLine.linux-x64, version in Directory.Packages.props)
# through infra/tools/Bicep.csproj, so this needs only the .NET SDK: no Azure CLI, no other download.
set -euo pipefail

infra_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
target_dir="$(cd "${1:-$infra_dir}" && pwd)"
tools_project="$infra_dir/tools/Bicep.csproj"

dotnet restore "$tools_project" --verbosity quiet >/dev/null
bicep="$(dotnet msbuild "$tools_project" -nologo -getProperty:BicepPath)"
if [[ ! -f "$bicep" ]]; then
  echo "validate.sh: the Bicep CLI is not at '$bicep' after restoring $tools_project" >&2
  exit 1
fi
[[ -x "$bicep" ]] || chmod u+x "$bicep"

out_dir="$(mktemp -d)"
trap 'rm -rf "$out_dir"' EXIT

mapfile -t files < <(find "$target_dir" -name '*.bicep' -not -path '*/bin/*' -not -path '*/obj/*' | sort)
if [[ ${#files[@]} -eq 0 ]]; then
  echo "validate.sh: no .bicep files under $target_dir" >&2
  exit 1
fi

echo "Bicep CLI: $("$bicep" --version)"
failed=0
for file in "${files[@]}"; do
  name="${file#"$target_dir"/}"
  for step in build lint; do
    if [[ $step == build ]]; then
      args=(build "$file" --outdir "$out_dir")
    else
      args=(lint "$file")
    fi
    # Diagnostics look like: /path/main.bicep(12,5) : Warning no-unused-params: ...  (Error for errors).
    if output="$("$bicep" "${args[@]}" 2>&1)"; then status=0; else status=$?; fi
    diagnostics="$(grep -E '\) : (Error|Warning) ' <<<"$output" || true)"
    if [[ $status -ne 0 || -n $diagnostics ]]; then
      echo "FAIL bicep $step $name (exit $status)"
      while IFS= read -r line; do echo "  $line"; done <<<"${output:-(no output)}"
      failed=1
    else
      echo "ok   bicep $step $name"
    fi
  done
done

if [[ $failed -ne 0 ]]; then
  echo "validate.sh: Bicep reported errors or warnings (see above)" >&2
  exit 1
fi
echo "validate.sh: ${#files[@]} Bicep files build and lint clean"
