#!/usr/bin/env bash
# The Debian package, installed as an operator would: cpack builds pavikit_*.deb from the build tree, apt installs
# it (with the dependencies it declares, from Debian's mirror) into a fresh Debian 12 minbase root, and the test
# checks the files, the pavi-gateway user and folders, that pavi-gateway runs inside the root as its user with the
# sample configuration, that the unit passes `systemd-analyze verify`, and that a purge cleans up.
#
# A missing dependency declaration shows as a binary that cannot start in the root: minbase has none of the
# libraries. The pristine root comes from debootstrap once and is copied for every run (PAVIKIT_DEBOOTSTRAP_CACHE
# moves that cache). Needs root (chroot, ownerships), debootstrap and the mirror (PAVIKIT_DEBIAN_MIRROR); exits
# 77 (skipped) when one of them is missing.
#
# usage: package_install.sh <build dir> <work dir>
set -euo pipefail

build_dir=$(cd "$1" && pwd)
work_dir=$2
mirror=${PAVIKIT_DEBIAN_MIRROR:-http://deb.debian.org/debian}
cache=${PAVIKIT_DEBOOTSTRAP_CACHE:-$work_dir/bookworm-minbase}
root=$work_dir/root

skip() { echo "package_install: SKIPPED: $*"; exit 77; }
fail() { echo "package_install: FAILED: $*" >&2; exit 1; }
step() { echo "package_install: $(date -u +%T) $*"; }

[ "$(id -u)" -eq 0 ] || skip "needs root (chroot, file ownerships)"
command -v debootstrap >/dev/null || skip "debootstrap is not installed (ci/install-deps.sh lists it)"
command -v cpack >/dev/null || skip "cpack is not installed"
mkdir -p "$work_dir"

step "cpack"
rm -rf "$work_dir/cpack"
(cd "$build_dir" && cpack -G DEB -B "$work_dir/cpack" >"$work_dir/cpack.log" 2>&1) ||
  { cat "$work_dir/cpack.log"; fail "cpack"; }
deb=$(ls "$work_dir"/cpack/pavikit_*.deb)
[ -f "$deb" ] || fail "no pavikit_*.deb in $work_dir/cpack"
depends=$(dpkg-deb -f "$deb" Depends)
echo "package_install: $(basename "$deb"): Depends: $depends"
depends_names=$(tr ',' '\n' <<<"$depends" | sed -e 's/^ *//' -e 's/ .*//')
for package in libc6 libstdc++6 libssl3 libcurl4 libpugixml1v5 libpng16-16 passwd ca-certificates; do
  grep -qxF "$package" <<<"$depends_names" || fail "Depends lacks $package"
done
dpkg-deb -c "$deb" >"$work_dir/contents.txt"
for file in ./usr/bin/pavi-gateway ./usr/bin/pavi ./usr/lib/systemd/system/pavi-gateway.service \
            ./etc/pavi-gateway/pavi-gateway.xml ./usr/share/doc/pavikit/PRODUCTION.md; do
  grep -q " $file\$" "$work_dir/contents.txt" || fail "$file is not in the package"
done

if [ ! -f "$cache/.pavikit-complete" ]; then
  step "debootstrap --variant=minbase bookworm (once, into $cache)"
  rm -rf "$cache"
  debootstrap --variant=minbase bookworm "$cache" "$mirror" >"$work_dir/debootstrap.log" 2>&1 ||
    { tail -20 "$work_dir/debootstrap.log"; skip "debootstrap failed (no access to $mirror?)"; }
  touch "$cache/.pavikit-complete"
fi

step "fresh root"
rm -rf "$root"
cp -a "$cache" "$root"
cp /etc/resolv.conf "$root/etc/resolv.conf"
echo "deb $mirror bookworm main" >"$root/etc/apt/sources.list"
cp "$deb" "$root/tmp/pavikit.deb"
in_root() { chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive LC_ALL=C "$@"; }

step "apt-get install ./pavikit.deb"
in_root apt-get update -q >"$work_dir/apt.log" 2>&1 || { tail -20 "$work_dir/apt.log"; skip "apt-get update failed"; }
in_root apt-get install -y -q --no-install-recommends /tmp/pavikit.deb >>"$work_dir/apt.log" 2>&1 ||
  { tail -30 "$work_dir/apt.log"; fail "the package does not install"; }

step "checks"
for file in /usr/bin/pavi-gateway /usr/bin/pavi /usr/lib/systemd/system/pavi-gateway.service \
            /etc/pavi-gateway/pavi-gateway.xml /etc/pavi-gateway/ipblacklist.txt /etc/pavi-gateway/ipwhitelist.txt \
            /usr/share/doc/pavikit/examples/pavi-gateway.sample.xml; do
  [ -f "$root$file" ] || fail "$file missing after install"
done
in_root getent passwd pavi-gateway | grep -q ':/var/lib/pavi-gateway:/usr/sbin/nologin$' ||
  fail "no system user pavi-gateway with home /var/lib/pavi-gateway and no shell"
[ "$(in_root stat -c '%U:%G %a' /var/lib/pavi-gateway)" = "pavi-gateway:pavi-gateway 750" ] || fail "/var/lib/pavi-gateway"
[ "$(in_root stat -c '%U:%G %a' /var/log/pavi-gateway)" = "pavi-gateway:pavi-gateway 750" ] || fail "/var/log/pavi-gateway"
[ "$(in_root stat -c '%U:%G %a' /etc/pavi-gateway/pavi-gateway.xml)" = "root:pavi-gateway 640" ] ||
  fail "/etc/pavi-gateway/pavi-gateway.xml must be root:pavi-gateway 640"
grep -q "ExecStart=/usr/bin/pavi-gateway --cfgfile /etc/pavi-gateway/pavi-gateway.xml" \
  "$root/usr/lib/systemd/system/pavi-gateway.service" || fail "the unit's ExecStart"
in_root pavi-gateway --help >"$work_dir/help.txt" 2>&1 || { cat "$work_dir/help.txt"; fail "pavi-gateway --help in the root"; }
grep -q "usage: pavi-gateway" "$work_dir/help.txt" || fail "pavi-gateway --help printed no usage"
in_root pavi --help >"$work_dir/pavi-help.txt" 2>&1 || { cat "$work_dir/pavi-help.txt"; fail "pavi --help in the root"; }

# The service as the unit starts it: its user, its working directory, the sample configuration (ports moved off
# the defaults, which another gateway on this machine may hold: the root shares the host's network).
port=$((20000 + RANDOM % 20000))
in_root setpriv --reuid=pavi-gateway --regid=pavi-gateway --clear-groups sh -c \
  "cd /var/lib/pavi-gateway && exec timeout -s TERM 3 pavi-gateway --cfgfile /etc/pavi-gateway/pavi-gateway.xml \
   --wsport $port --telnport $((port + 1))" >"$work_dir/run.txt" 2>&1 || true
grep -q "Passerelle prête" "$work_dir/run.txt" || { cat "$work_dir/run.txt"; fail "pavi-gateway did not start as pavi-gateway"; }
grep -q "pavi-gateway: stopping" "$work_dir/run.txt" || { cat "$work_dir/run.txt"; fail "no graceful stop on SIGTERM"; }

if command -v systemd-analyze >/dev/null; then
  step "systemd-analyze verify"
  # On the host's systemd (the minbase root has none), with ExecStart pointing at the root's binary so that
  # verify also checks the installed program is there and executable.
  mkdir -p "$work_dir/unit"
  sed "s#^ExecStart=/usr/bin/#ExecStart=$root/usr/bin/#" "$root/usr/lib/systemd/system/pavi-gateway.service" \
    >"$work_dir/unit/pavi-gateway.service"
  systemd-analyze verify "$work_dir/unit/pavi-gateway.service" >"$work_dir/verify.txt" 2>&1 ||
    { cat "$work_dir/verify.txt"; fail "systemd-analyze verify"; }
  if grep -q "pavi-gateway.service" "$work_dir/verify.txt"; then cat "$work_dir/verify.txt"; fail "unit warnings"; fi
else
  echo "package_install: systemd-analyze is not available: the unit was not verified"
fi

step "purge"
in_root apt-get purge -y -q pavikit >>"$work_dir/apt.log" 2>&1 || { tail -20 "$work_dir/apt.log"; fail "purge"; }
[ ! -e "$root/usr/bin/pavi-gateway" ] || fail "pavi-gateway left after purge"
[ ! -e "$root/var/lib/pavi-gateway" ] || fail "/var/lib/pavi-gateway left after purge"
[ ! -e "$root/etc/pavi-gateway/pavi-gateway.xml" ] || fail "the configuration left after purge"

rm -rf "$root"
step "OK"
