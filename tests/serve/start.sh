# Sourced by the serve, load and browser tests.
# serve_start LOG [serve options...]: starts `$SLANT serve` on a free
# loopback port with its stderr in LOG; sets $spid and $port ($port is
# empty when it did not start within ten seconds or exited).
serve_start() {
  _log=$1; shift
  "$SLANT" serve --no-config --port 0 "$@" 2>"$_log" &
  spid=$!
  port=
  for _ in $(seq 100); do
    port=$(sed -n 's|^slant: serving http://[^ ]*:\([0-9]*\)/ .*|\1|p' "$_log")
    [ -n "$port" ] && return 0
    kill -0 "$spid" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}
