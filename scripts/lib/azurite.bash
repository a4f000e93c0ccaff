# Sourced by scripts/test and benchmarks/load-spike, from the repository root. A private Azurite is started
# by the calling script, not by the .NET process that uses it, so that the script's EXIT trap (which must
# call stop_azurite) always ends it: a test host is killed before its own exit handlers run. The one
# exception is the frozen-storage drill, which freezes an Azurite of its own (freezing the shared one would
# stall every test beside it): tests/TestSupport/FreezableAzurite starts it with these flags under
# `setpriv --pdeathsig SIGKILL`, so the kernel kills it with the test host, however that ends.

azurite_pid=""
azurite_log=""

azurite_connection_string() { # blob-port queue-port table-port
  local account=devstoreaccount1
  # The well-known Azurite development key, public by design.
  local key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
  printf 'DefaultEndpointsProtocol=http;AccountName=%s;AccountKey=%s;BlobEndpoint=http://127.0.0.1:%s/%s;QueueEndpoint=http://127.0.0.1:%s/%s;TableEndpoint=http://127.0.0.1:%s/%s;' \
    "$account" "$key" "$1" "$account" "$2" "$account" "$3" "$account"
}

port_listening() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Succeeds when an Azurite (or something) listens on all of the default ports 10000-10002; fails with a
# message when only some are taken, as the local runner does.
azurite_on_default_ports() {
  local count=0 port
  for port in 10000 10001 10002; do
    if port_listening "$port"; then count=$((count + 1)); fi
  done
  if [ "$count" -gt 0 ] && [ "$count" -lt 3 ]; then
    echo "Some but not all of Azurite's ports 10000-10002 are in use; stop whatever holds them and try again." >&2
    exit 1
  fi
  [ "$count" -eq 3 ]
}

# Starts an in-memory Azurite on free ports (it reports the ports it got) and sets
# azurite_connection to reach it.
start_private_azurite() {
  azurite_log=$(mktemp)
  node node_modules/azurite/dist/src/azurite.js \
    --blobHost 127.0.0.1 --blobPort 0 --queueHost 127.0.0.1 --queuePort 0 --tableHost 127.0.0.1 --tablePort 0 \
    --skipApiVersionCheck --loose --disableTelemetry --silent --inMemoryPersistence \
    </dev/null >"$azurite_log" 2>&1 &
  azurite_pid=$!

  local blob="" queue="" table="" tries
  for ((tries = 0; tries < 300; tries++)); do
    blob=$(azurite_port Blob) queue=$(azurite_port Queue) table=$(azurite_port Table)
    if [ -n "$blob" ] && [ -n "$queue" ] && [ -n "$table" ]; then
      azurite_connection=$(azurite_connection_string "$blob" "$queue" "$table")
      return 0
    fi
    kill -0 "$azurite_pid" 2>/dev/null || break
    sleep 0.1
  done
  echo "Azurite did not start:" >&2
  cat "$azurite_log" >&2
  stop_azurite
  exit 1
}

azurite_port() {
  sed -nE "s|.*Azurite $1 service is successfully listening at http://[^:]+:([0-9]+).*|\1|p" "$azurite_log" | head -n 1
}

# Kills (not asks: its node process lingers for about 100 s after SIGTERM) and reaps the private Azurite.
stop_azurite() {
  if [ -n "$azurite_pid" ]; then
    kill -KILL "$azurite_pid" 2>/dev/null || true
    wait "$azurite_pid" 2>/dev/null || true
    azurite_pid=""
  fi
  if [ -n "$azurite_log" ]; then
    rm -f "$azurite_log"
    azurite_log=""
  fi
}
