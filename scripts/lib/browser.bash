# Sourced by .ci/run and scripts/test: finds the Chromium-family browser the page tests drive and exports
# GOODTHINGS_CHROMIUM (which tests/TestSupport/Browser/AxeBrowser.cs reads) with its path. Only bash builtins and
# the commands it looks for are used, so tests/Infra.Tests can run it with a PATH of stubs.
#   GOODTHINGS_CHROMIUM  a browser chosen by hand: wins over the lookup
#   GOODTHINGS_OS_RELEASE  the os-release file to read (default /etc/os-release), for those tests

browser_names=(chromium google-chrome chromium-browser)

# GOODTHINGS_CHROMIUM if set, else the first of browser_names on PATH. Fails without a message.
find_browser() {
  if [ -n "${GOODTHINGS_CHROMIUM:-}" ]; then
    [ -x "$GOODTHINGS_CHROMIUM" ] && export GOODTHINGS_CHROMIUM
    return
  fi
  local name path
  for name in "${browser_names[@]}"; do
    if path="$(command -v "$name")" && [ -x "$path" ]; then
      export GOODTHINGS_CHROMIUM="$path"
      return 0
    fi
  done
  return 1
}

# The ID of the operating system (debian, ubuntu, ...), from os-release.
os_id() {
  local line file="${GOODTHINGS_OS_RELEASE:-/etc/os-release}"
  [ -r "$file" ] || return 0
  while IFS= read -r line; do
    case "$line" in
      ID=*) line="${line#ID=}"; line="${line//\"/}"; echo "${line//\'/}"; return 0 ;;
    esac
  done <"$file"
}

# find_browser, installing Debian's chromium with apt when none is found on Debian. Only there: Ubuntu's chromium
# package is a transitional one for a snap, which does not run in CI (GitHub's Ubuntu runners ship Google Chrome).
ensure_browser() {
  if find_browser; then
    echo "Browser for the page tests: $GOODTHINGS_CHROMIUM"
    return 0
  fi
  if [ -n "${GOODTHINGS_CHROMIUM:-}" ]; then
    echo "GOODTHINGS_CHROMIUM is '$GOODTHINGS_CHROMIUM', which is not an executable file: point it at Chromium or Google Chrome, or unset it." >&2
    return 1
  fi
  if [ "$(os_id)" = debian ]; then
    local sudo=""
    [ "$EUID" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends chromium
    if find_browser; then
      echo "Browser for the page tests: $GOODTHINGS_CHROMIUM (installed with apt)"
      return 0
    fi
  fi
  echo "No browser for the page tests: none of ${browser_names[*]} is on PATH. Install Chromium (Debian: apt-get install chromium) or Google Chrome, or set GOODTHINGS_CHROMIUM to its path." >&2
  return 1
}
