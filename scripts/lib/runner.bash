# Sourced, from the repository root, by scripts that run the built local runner as a background process against a
# private Azurite (benchmarks/load-spike, scripts/smoke --local): after scripts/lib/azurite.bash and
# start_private_azurite. The caller's EXIT trap must call stop_local_runner (and stop_azurite).

runner_pid=""
runner_url=""
runner_log=""

# Asks (TERM) a process to end, kills it after 10 s, and reaps it.
stop_pid() {
  kill -TERM "$1" 2>/dev/null || return 0
  local tries
  for ((tries = 0; tries < 100; tries++)); do
    kill -0 "$1" 2>/dev/null || break
    sleep 0.1
  done
  kill -KILL "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}

# start_local_runner DLL LOG PREFIX [NAME=value ...]: starts the runner DLL on a free loopback port with
# storage prefix PREFIX (both Storage__Prefix and the triggers' flat StoragePrefix) and the given settings, writing
# its output to LOG; sets runner_url and runner_pid, and returns once /api/health answers (2 minutes at most).
start_local_runner() {
  local dll="$1" log="$2" prefix="$3"
  shift 3
  local port
  port=$(node -e "const s = require('node:net').createServer().listen(0, '127.0.0.1', () => { console.log(s.address().port); s.close(); })")
  runner_url="http://127.0.0.1:$port"
  runner_log="$log"
  env AzureWebJobsStorage="$azurite_connection" Storage__Prefix="$prefix" StoragePrefix="$prefix" \
    Site__BaseUrl="$runner_url" "$@" \
    dotnet "$dll" --urls "$runner_url" </dev/null >"$log" 2>&1 &
  runner_pid=$!

  local tries
  for ((tries = 0; tries < 600; tries++)); do
    kill -0 "$runner_pid" 2>/dev/null || break
    if node -e "fetch(process.argv[1]).then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))" "$runner_url/api/health"; then
      return 0
    fi
    sleep 0.2
  done
  echo "The local runner did not start:" >&2
  cat "$log" >&2
  stop_local_runner
  return 1
}

stop_local_runner() {
  if [ -n "$runner_pid" ]; then
    stop_pid "$runner_pid"
    runner_pid=""
  fi
}
