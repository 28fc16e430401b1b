# Shared by the benchmark commands: build the jar, start Ledgerline on a fresh durable embedded
# PostgreSQL and stop it again. Source after setting BUILD_DIR, PORT, DATA_DIR, APP_LOG, MAVEN_ARGS
# and APP_ARGS; defines JAR, BUILT_FROM, APP_PID, BASE, PG_PORT and PSQL, and admission_wide_open.
APP_START_WAIT_SECONDS=180
JAR="$BUILD_DIR/ledgerline-0.1.0-SNAPSHOT.jar"
APP_PID=""

# The commit a build is made from, taken as it starts: edits made while a benchmark runs do not
# change what it measured. Kept beside the jar, so that SKIP_BUILD=1 reports the jar's own commit.
BUILT_FROM_FILE="$BUILD_DIR/ledgerline.built-from"
build_app() {
  if [ "${SKIP_BUILD:-0}" != 1 ]; then
    local from; from=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
    [ -z "$(git status --porcelain 2>/dev/null | grep -v '^??' || true)" ] || from="$from with uncommitted changes"
    say "building into $BUILD_DIR"
    # shellcheck disable=SC2086
    mvn -q -B $MAVEN_ARGS -DskipTests -Dbuild.dir="$BUILD_DIR" package
    echo "$from" > "$BUILT_FROM_FILE"
  fi
  [ -f "$JAR" ] || fail "no $JAR; build first"
  BUILT_FROM=$(cat "$BUILT_FROM_FILE" 2>/dev/null || echo "unknown (built before its commit was recorded)")
}

stop_app() {
  if [ -n "$APP_PID" ] && kill -0 "$APP_PID" 2>/dev/null; then
    kill -TERM "$APP_PID"; for _ in $(seq 1 60); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.5; done
    kill -KILL "$APP_PID" 2>/dev/null || true
  fi
  APP_PID=""
  local pidfile="$DATA_DIR/postgres/postmaster.pid"
  if [ -f "$pidfile" ]; then
    local pg; pg=$(head -1 "$pidfile")
    if [ "$(cat /proc/"$pg"/comm 2>/dev/null)" = postgres ]; then kill -INT "$pg" 2>/dev/null || true; fi
  fi
}

start_app() {
  say "starting the app on port $PORT (durable embedded PostgreSQL in $DATA_DIR)"
  # shellcheck disable=SC2086
  "$JAVA_HOME/bin/java" -jar "$JAR" --server.port="$PORT" --ledgerline.data-dir="$DATA_DIR" --ledgerline.demo=false $APP_ARGS > "$APP_LOG" 2>&1 &
  APP_PID=$!
  for i in $(seq 1 $APP_START_WAIT_SECONDS); do
    kill -0 "$APP_PID" 2>/dev/null || { tail -30 "$APP_LOG" >&2; APP_PID=""; fail "the app exited during start-up"; }
    grep -q "Started Ledgerline" "$APP_LOG" && break
    [ "$i" -lt $APP_START_WAIT_SECONDS ] || fail "the app did not start within $APP_START_WAIT_SECONDS s"
    sleep 1
  done
  BASE="http://localhost:$PORT"
  PG_PORT=$(sed -n 4p "$DATA_DIR/postgres/postmaster.pid")
  PSQL=(psql -X -q -t -A -h 127.0.0.1 -p "$PG_PORT" -U postgres)
}

# App arguments that pin every admission class's limits and shares far above what a node can
# serve: admission "off", for measuring the node itself (a capacity probe) or admission's worth.
admission_wide_open() {
  local c wide="" open=2000
  for c in interactive-write interactive-read report bulk; do
    wide="$wide --ledgerline.admission.$c.max=$open --ledgerline.admission.$c.initial=$open --ledgerline.admission.$c.min=$open --ledgerline.admission.$c.company-share-min=$open"
  done
  echo "$wide"
}
