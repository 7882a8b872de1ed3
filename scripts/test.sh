#!/usr/bin/env bash
# The one test command (README, .ci/run): installs what the tests need from Debian's
# packages, starts a throwaway PostgreSQL cluster, runs gofmt, vet and every test against
# the real things (SQLite files, PostgreSQL, Chromium, LibreOffice, openpyxl, poppler),
# then stops and removes the cluster. Run as root on Debian 12 (or with passwordless sudo).
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive

step() { printf '\n== %s (%s)\n' "$1" "$(date +%T)"; }

# --- system packages ------------------------------------------------------------------
# postgresql: the second store; chromium + fonts-noto-cjk: browser tests and PDF export
# (formal Song/Hei glyphs); poppler-utils: pdftoppm/pdftotext to check PDFs;
# python3-openpyxl: a second tool that reads our xlsx back; libreoffice-writer-nogui:
# makes .docx test files with merged cells the way a second tool would.
PKGS=(postgresql chromium fonts-noto-cjk poppler-utils python3-openpyxl libreoffice-writer-nogui)
missing=()
for p in "${PKGS[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
	step "installing ${missing[*]}"
	$SUDO apt-get -o DPkg::Lock::Timeout=600 update -qq
	$SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# --- a throwaway PostgreSQL cluster ---------------------------------------------------
PGVER=$(ls /usr/lib/postgresql | sort -n | tail -1)
PGPORT=${JIXIAO_TEST_PGPORT:-55432}
CLUSTER=jixiao_test
cleanup() {
	$SUDO pg_dropcluster --stop "$PGVER" "$CLUSTER" >/dev/null 2>&1 || true
}
trap cleanup EXIT
# The port may be taken, even by the local end of some outgoing connection (it lies in
# Linux's ephemeral range): then the next ones are tried, unless the port was given.
started=
for try in 0 1 2 3 4 5 6 7 8 9; do
	step "starting PostgreSQL $PGVER on port $PGPORT"
	$SUDO pg_dropcluster --stop "$PGVER" "$CLUSTER" >/dev/null 2>&1 || true
	if $SUDO pg_createcluster "$PGVER" "$CLUSTER" -p "$PGPORT" --start -- --auth-local=trust --auth-host=scram-sha-256 >/dev/null; then
		started=1
		break
	fi
	[ -z "${JIXIAO_TEST_PGPORT:-}" ] || break
	PGPORT=$((PGPORT + 1))
done
[ -n "$started" ] || { echo "PostgreSQL did not start"; exit 1; }
$SUDO su postgres -c "psql -p $PGPORT -q -v ON_ERROR_STOP=1 \
	-c \"CREATE ROLE jixiao LOGIN PASSWORD 'jixiao' CREATEDB\" \
	-c \"CREATE DATABASE jixiao OWNER jixiao ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8' TEMPLATE template0\""
export JIXIAO_TEST_POSTGRES="postgres://jixiao:jixiao@127.0.0.1:$PGPORT/jixiao?sslmode=disable"

# --- Go ---------------------------------------------------------------------------------
step "gofmt"
unformatted=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))
if [ -n "$unformatted" ]; then echo "gofmt would change:"; echo "$unformatted"; exit 1; fi
step "go vet"
go vet ./...
# The binary builds where the README says it runs: Windows (a unit's PC), and the
# domestic ARM and LoongArch servers. Pure Go (modernc.org/sqlite), so no C toolchain.
for target in windows/amd64 linux/arm64 linux/loong64; do
	step "go build ./cmd/jixiao for $target"
	GOOS=${target%/*} GOARCH=${target#*/} go build -o /dev/null ./cmd/jixiao
done
step "go test"
go test -count=1 -timeout 30m ./... 2>&1 | tee /tmp/jixiao-test.log
# The performance goals of the issues at small sizes, SQLite and PostgreSQL, each beside
# its floor (docs/PERFORMANCE.md): fails when a figure misses its goal by more than twice,
# or a workload cannot run. Run after the tests, so that nothing else loads the machine.
step "jixiao bench --quick"
go run ./cmd/jixiao bench --quick
step "done"
