# Shared by scripts/demo.sh, scripts/test.sh and scripts/bench.sh: installing what is missing.
# Sourced, not run.

export NEXT_TELEMETRY_DISABLED=1
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

say() { printf '\033[1m[wren %s]\033[0m %s\n' "$(date +%H:%M:%S)" "$*"; }

# Installs Debian packages that are missing; without root or apt, says exactly what to do.
ensure_debs() {
  local missing=()
  local pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ "${#missing[@]}" -eq 0 ] && return 0
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
    say "missing Debian packages: ${missing[*]}"
    say "install them with:  sudo apt-get install -y ${missing[*]}"
    say "or point Wren at an existing IMAP server: see 'Run Wren against your own IMAP server' in README.md"
    return 1
  fi
  say "installing ${missing[*]} (apt-get)"
  # Debian's package scripts would start a system-wide service; Wren runs its own instances.
  printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
  # Postfix's installer would otherwise ask what kind of mail server this is and write a
  # system-wide /etc/postfix/main.cf; Wren's Postfix (scripts/postfix.sh) has its own config.
  if [[ " ${missing[*]} " == *" postfix "* ]]; then
    echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
  fi
  if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
  rm -f /usr/sbin/policy-rc.d
}

# npm ci when node_modules is missing or older than the lock file.
ensure_node_modules() {
  if [ ! -d "$ROOT/node_modules" ] || [ "$ROOT/package-lock.json" -nt "$ROOT/node_modules/.package-lock.json" ]; then
    say "installing npm packages (npm ci)"
    (cd "$ROOT" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

# A TCP port nobody listens on, on 127.0.0.1.
free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

# Sends IMAP commands as user $1 with password $2 to the Dovecot on 127.0.0.1:$3 over bash's
# /dev/tcp (ACL commands, which the seed script has no use for), and fails unless every one is
# answered OK.
imap_commands() {
  local user="$1" pass="$2" port="$3" i=0 out command
  shift 3
  exec 3<>"/dev/tcp/127.0.0.1/$port"
  {
    printf 'a LOGIN %s %s\r\n' "$user" "$pass"
    for command in "$@"; do printf 'c%d %s\r\n' "$i" "$command"; i=$((i + 1)); done
    printf 'z LOGOUT\r\n'
  } >&3
  out="$(tr -d '\r' <&3)"
  exec 3<&-
  for ((i = 0; i < $#; i++)); do
    if ! grep -q "^c$i OK" <<<"$out"; then
      echo "IMAP command failed for $user: ${*:$((i + 1)):1}"$'\n'"$out" >&2
      return 1
    fi
  done
}
