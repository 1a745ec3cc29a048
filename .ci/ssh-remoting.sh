#!/usr/bin/env bash
# Best effort: a private sshd on localhost for the PowerShell-over-SSH remoting test (tests/pester/FanOut.Tests.ps1).
# Installs Debian's openssh-server when missing (non-interactive, bounded by timeouts), makes a key for the current
# user, and starts sshd on its own port with its own config and host keys (the system's sshd is left alone), with
# "Subsystem powershell" pointing at the pwsh the build uses (dotnet pwsh). On success it prints the two lines
#   CHIMERA_SSH_PORT=<port>
#   CHIMERA_SSH_KEY=<private key>
# for .ci/run to export; on any failure it says why on stderr and exits non-zero, and the test skips.
set -uo pipefail
port="${CHIMERA_SSH_PORT:-22022}"
state="${TMPDIR:-/tmp}/chimera-sshd-$(id -u)"
say() { echo "ssh-remoting: $*" >&2; }

sudo_cmd=""
if [ "$(id -u)" -ne 0 ]; then
    if sudo -n true 2>/dev/null; then sudo_cmd="sudo -n"; fi
fi

sshd_bin="$(command -v sshd || echo /usr/sbin/sshd)"
if [ ! -x "$sshd_bin" ]; then
    if [ "$(id -u)" -ne 0 ] && [ -z "$sudo_cmd" ]; then say "openssh-server is not installed and there is no root to install it"; exit 1; fi
    export DEBIAN_FRONTEND=noninteractive
    say "installing openssh-server"
    timeout 120 $sudo_cmd apt-get update -qq >/dev/null 2>&1 || say "apt-get update failed or timed out (trying the install anyway)"
    if ! timeout 240 $sudo_cmd apt-get install -y -qq --no-install-recommends -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold openssh-server >/dev/null 2>&1; then
        say "apt-get install openssh-server failed or timed out"; exit 1
    fi
    sshd_bin=/usr/sbin/sshd
fi

dotnet_bin="$(command -v dotnet)" || { say "dotnet not found"; exit 1; }
pwsh_dll="$(timeout 60 dotnet pwsh -NoLogo -NoProfile -Command '[Reflection.Assembly]::GetEntryAssembly().Location' 2>/dev/null | tail -n 1)"
[ -f "$pwsh_dll" ] || { say "cannot locate the pwsh the build uses (dotnet pwsh)"; exit 1; }

mkdir -p "$state" && chmod 700 "$state"
[ -f "$state/host_ed25519" ] || ssh-keygen -q -t ed25519 -N '' -f "$state/host_ed25519" || { say "ssh-keygen (host key) failed"; exit 1; }
[ -f "$state/client_ed25519" ] || ssh-keygen -q -t ed25519 -N '' -f "$state/client_ed25519" || { say "ssh-keygen (client key) failed"; exit 1; }
cp "$state/client_ed25519.pub" "$state/authorized_keys" && chmod 600 "$state/authorized_keys"
cat > "$state/pwsh-sshs" <<WRAP
#!/bin/sh
exec "$dotnet_bin" "$pwsh_dll" -sshs -NoLogo -NoProfile
WRAP
chmod 755 "$state/pwsh-sshs"
cat > "$state/sshd_config" <<CONF
Port $port
ListenAddress 127.0.0.1
HostKey $state/host_ed25519
PidFile $state/sshd.pid
AuthorizedKeysFile $state/authorized_keys
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
StrictModes no
UsePAM no
Subsystem powershell $state/pwsh-sshs
CONF

if [ -f "$state/sshd.pid" ] && kill -0 "$(cat "$state/sshd.pid")" 2>/dev/null; then
    kill "$(cat "$state/sshd.pid")" 2>/dev/null; sleep 1
fi
mkdir -p /run/sshd 2>/dev/null || $sudo_cmd mkdir -p /run/sshd 2>/dev/null || true
runner=""
[ "$(id -u)" -ne 0 ] && [ -n "$sudo_cmd" ] && runner="$sudo_cmd"
# Its own stdio closed: the daemon must not hold the pipe of the caller's $(...) open.
if ! timeout 20 $runner "$sshd_bin" -f "$state/sshd_config" -E "$state/sshd.log" </dev/null >/dev/null 2>&1; then
    say "sshd did not start: $(tail -n 3 "$state/sshd.log" 2>/dev/null)"; exit 1
fi

if ! timeout 20 ssh -q -o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o ConnectTimeout=5 \
        -i "$state/client_ed25519" -p "$port" "$(id -un)@localhost" true; then
    say "sshd started but key login to localhost failed: $(tail -n 3 "$state/sshd.log" 2>/dev/null)"; exit 1
fi

echo "CHIMERA_SSH_PORT=$port"
echo "CHIMERA_SSH_KEY=$state/client_ed25519"
