#!/usr/bin/env bash
# The README's main command: installs what is missing, builds Cherha, and runs the
# product's main job: the booking server with a demo center (staff, devices and today's
# bookings, all synthetic) and the front-desk client logged in as the demo clerk at window 1,
# after a short tour of the `cherha` command line. Closing the desk stops the server.
# CHERHA_LANG=en: English (Ukrainian is the default). CHERHA_PORT: another port than 8470.
# CHERHA_DEMO_SECONDS=N: stop after N seconds (for a check; the desk then runs under Xvfb
# when there is no display). Without a display the server alone runs.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
jobs="${CHERHA_JOBS:-$(nproc)}"

bash scripts/install-deps.sh
echo "==> Configure and build (preset default)"
cmake --preset default >/dev/null
cmake --build --preset default -j "$jobs" --target cherha cherha-server cherha-desk cherha_translations

cherha="$root/build/default/src/cli/cherha"
work="$root/build/demo"
rm -rf "$work" && mkdir -p "$work"
step() { printf '\n\033[1m$ cherha %s\033[0m\n' "$*"; "$cherha" "$@" || true; }

echo
echo "==> Cherha command-line demonstration (all data below is synthetic)"
today="$(date +%F)"

# A synthetic RNOKPP: born 1994-08-12, a woman (the 9th digit is even).
step id check 3455712360
step id check 3455712361          # one digit mistyped: the reason names the check digit
step id check АВ123456            # old passport book
step id check ab123456 --type passport_book   # Latin look-alikes are the same letters
step translit "Згурський Олексій Ярославович"
printf 'P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\r\nL898902C36UTO7408122F1204159ZE184226B<<<<<10\r\n' \
    > "$work/specimen-mrz.txt"
printf '\n\033[1m$ cherha mrz parse < specimen-mrz.txt\033[0m   (ICAO 9303 specimen)\n'
"$cherha" mrz parse < "$work/specimen-mrz.txt" || true

step token keygen --out "$work/center-key.pem"
token="$("$cherha" token sign --key "$work/center-key.pem" --booking 1001 --center 1 \
          --day "$today" --slot 10:30 --channel online)"
printf '\n\033[1m$ cherha token sign --key center-key.pem --booking 1001 --center 1 --day %s --slot 10:30\033[0m\n%s\n' \
    "$today" "$token"
step qr encode "$token" --out "$work/booking-qr.png"
step qr encode "$token" --out "$work/booking-qr.svg"
step qr decode "$work/booking-qr.png"
step token verify "$token" --keys "$work" --center 1
step token verify "$token" --keys "$work" --center 2     # another center's code
# The demo center's practical driving exam today, and what can be booked right now.
step slots --schedule resources/demo/center-schedule.json --day "$today" --service exam-practical \
    --now "$(date --iso-8601=seconds)"

echo
echo "==> The QR images are in $work; 'cherha --help' lists every command."

# The booking server with the demo center, on a fresh data directory each time.
port="${CHERHA_PORT:-8470}"
data="$work/data"
cat <<EOF

==> The booking server with a demo center (docs/api.md has every endpoint). In another terminal:
    curl -s http://127.0.0.1:$port/api/v1/services
    curl -s "http://127.0.0.1:$port/api/v1/services/vehicle-registration/slots?day=$today"
    curl -s -X POST http://127.0.0.1:$port/api/v1/auth/login \\
         -d '{"login":"clerk1","password":"demo-clerk1-pass","window":"w1"}'
    curl -s http://127.0.0.1:$port/api/v1/queue -H "Authorization: Bearer <token from the login>"
    $cherha user list --data $data
Stop the server with Ctrl+C.
EOF
server=("$root/build/default/src/server/cherha-server" --data "$data" --port "$port" --demo)
desk=("$root/build/default/src/desk/cherha-desk" --server "http://127.0.0.1:$port" --login clerk1
      --window w1 --data-dir "$work/desk" --lang "${CHERHA_LANG:-uk}")
seconds="${CHERHA_DEMO_SECONDS:-}"
if [ -z "${DISPLAY:-}" ] && [ -z "$seconds" ]; then
    echo "==> No display: the desk client needs one (run this in a desktop session). Server only."
    exec "${server[@]}"
fi

"${server[@]}" &
server_pid=$!
trap 'kill -TERM "$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
    curl -sf "http://127.0.0.1:$port/api/v1/health" >/dev/null 2>&1 && break
    kill -0 "$server_pid" 2>/dev/null || { echo "error: the server did not start" >&2; exit 1; }
    sleep 0.1
done
echo "==> The desk client, logged in as the demo clerk (clerk1) at window 1."
echo "    F2 calls the next visitor; scan or type a booking code; Ctrl+Enter checks the document."
export CHERHA_DESK_PASSWORD=demo-clerk1-pass  # the demo's published password, never a real one
if [ -n "$seconds" ]; then
    if [ -n "${DISPLAY:-}" ]; then
        timeout --signal=TERM "$seconds" "${desk[@]}" || [ $? -eq 124 ]
    else
        timeout --signal=TERM "$seconds" xvfb-run -a "${desk[@]}" || [ $? -eq 124 ]
    fi
else
    "${desk[@]}"
fi
