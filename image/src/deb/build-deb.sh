#!/bin/bash
# Builds the appliance package sargs_<version>_<arch>.deb from the application jars, with dpkg-deb.
#
#   build-deb.sh <maven version> <build timestamp, ISO 8601> <jar directory> <output directory>
#
# Run by the image module's Maven build (profile "appliance"); the image tests run it a second
# time into another directory and compare the two files byte for byte.
#
# Why dpkg-deb and not jdeb: the package is laid out as a tree with exactly the modes we set
# (chmod below), dpkg-deb --root-owner-group makes every entry root:root, and dpkg-deb itself
# writes reproducible archives (sorted entries, SOURCE_DATE_EPOCH for the ar members, mtimes
# clamped by the touch below). It is Debian's own tool, the one lintian and dpkg are tested
# against; jdeb re-implements the format in Java and would add a plugin to trust for the same.
#
# Reproducible: nothing here reads the clock, the user, the host name or the locale; every
# timestamp is the build timestamp given (Maven passes project.build.outputTimestamp).
set -euo pipefail
export LC_ALL=C TZ=UTC
umask 022

if (($# != 4)); then
  echo "usage: build-deb.sh <maven version> <build timestamp, ISO 8601> <jar directory> <output directory>" >&2
  exit 64
fi
maven_version=$1
SOURCE_DATE_EPOCH=$(date --utc --date="$2" +%s)
export SOURCE_DATE_EPOCH
jars=$(cd "$3" && pwd)
out=$4
here=$(cd "$(dirname "$0")" && pwd)
main=$(cd "$here/../main" && pwd)
docs=$(cd "$here/../../../docs" && pwd)
readme=$(cd "$here/../../.." && pwd)/README.md

# Debian version: a snapshot sorts before its release (0.1.0~SNAPSHOT < 0.1.0); a native package,
# so no Debian revision. SARGS_DEB_VERSION overrides it (the upgrade test builds a "newer" one).
version=${SARGS_DEB_VERSION:-${maven_version/-SNAPSHOT/\~SNAPSHOT}}
arch=$(dpkg --print-architecture)
java_home=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v jlink)")")")}

stage=$out/sargs-root
rm -rf "$stage"
mkdir -p "$stage/DEBIAN" "$stage/usr/bin" "$stage/usr/lib/sargs/lib" "$stage/lib/systemd/system" \
  "$stage/etc/sargs" "$stage/usr/share/doc/sargs"

# 1. The runtime: the JDK modules the jars use, as jdeps finds them, plus those it cannot see
#    because they are reached only through a provider or a name in the config:
#    jdk.crypto.cryptoki  SunPKCS11 (the token), loaded by name in hsm-bridge;
#    jdk.crypto.ec        EC keys and ECDHE in TLS (a JCA provider);
#    jdk.charsets         windows-1257 for Latvijas Banka's statistics files (statistics.encoding).
used=$("$java_home/bin/jdeps" --multi-release 17 --ignore-missing-deps --print-module-deps \
  --class-path "$jars/*" "$jars"/*.jar 2>/dev/null)
# (jdeps also names the libraries' own modules, e.g. Netty's: only the JDK's go to jlink.)
modules=$(printf '%s\n' ${used//,/ } jdk.crypto.cryptoki jdk.crypto.ec jdk.charsets | grep -E '^(java|jdk)\.' \
  | sort -u | paste -sd, -)
"$java_home/bin/jlink" --add-modules "$modules" --output "$stage/usr/lib/sargs/runtime" \
  --strip-debug --no-header-files --no-man-pages --compress=2 --dedup-legal-notices=error-if-not-same-content
# The runtime's provider list names only providers whose module it has. The JDK's list also names
# XMLDSig, SunPCSC and JdkSASL, whose modules are not linked: the first lookup past them (opening
# the token looks up SunPKCS11, the last) searches the whole class path for each of them instead,
# which verifies BouncyCastle's signed jar and instantiates its providers three times: about a
# fifth of the main thread's time to ready (bench/RESULTS.md, "Start-up: the critical path").
# A provider this table does not know fails the build, so that a new JDK's list is looked at.
security="$stage/usr/lib/sargs/runtime/conf/security/java.security"
awk -v linked=",java.base,$modules," '
  BEGIN {
    n = split("SUN=java.base SunRsaSign=java.base SunEC=jdk.crypto.ec SunJSSE=java.base SunJCE=java.base" \
      " SunJGSS=java.security.jgss SunSASL=java.security.sasl XMLDSig=java.xml.crypto SunPCSC=java.smartcardio" \
      " JdkLDAP=java.naming JdkSASL=jdk.security.jgss SunPKCS11=jdk.crypto.cryptoki", pairs, " ")
    for (i = 1; i <= n; i++) { split(pairs[i], kv, "="); module[kv[1]] = kv[2] }
  }
  /^security\.provider\.[0-9]+=/ {
    name = substr($0, index($0, "=") + 1)
    if (!(name in module)) { print "build-deb: security provider " name " has no known module" > "/dev/stderr"; exit 1 }
    if (index(linked, "," module[name] ",") == 0) next
    print "security.provider." ++kept "=" name
    next
  }
  { print }' "$security" > "$security.linked"
mv "$security.linked" "$security"
# Native code stripped as Debian strips its own (dh_strip): symbols are no use on the appliance.
find "$stage/usr/lib/sargs/runtime" -type f \( -name '*.so' -o -perm /111 \) -print0 | sort -z \
  | while IFS= read -r -d '' f; do
      if [ "$(head -c 4 "$f" | od -An -c | tr -d ' ')" = '177ELF' ]; then
        strip --remove-section=.comment --remove-section=.note --strip-unneeded "$f"
      fi
    done

# 2. The application: the runtime class path, nothing else (the Maven build copies only the
#    runtime scope of gateway and provisioning: no sandbox, bench, testkit or test jar).
#    Native code ships for both appliance platforms; only this architecture's is kept.
cp "$jars"/*.jar "$stage/usr/lib/sargs/lib/"
case $arch in
  amd64) rm -f "$stage"/usr/lib/sargs/lib/*-linux-aarch_64.jar ;;
  arm64) rm -f "$stage"/usr/lib/sargs/lib/*-linux-x86_64.jar ;;
esac

# 3. The operator commands: every launcher in src/main/bin becomes /usr/bin/<name>.
for launcher in "$main"/bin/*; do
  install -m 0755 "$launcher" "$stage/usr/bin/$(basename "$launcher")"
done

# 4. The unit, the config (a conffile: dpkg keeps the admin's edits), the docs.
install -m 0644 "$main/systemd/sargs.service" "$stage/lib/systemd/system/sargs.service"
install -m 0644 "$main/config/sargs.yaml" "$stage/etc/sargs/sargs.yaml"
install -m 0644 "$readme" "$stage/usr/share/doc/sargs/README.md"
for doc in running-the-gateway.md hsm.md problem-types.md treasury.md statistics.md openapi.yaml; do
  [ -f "$docs/$doc" ] && install -m 0644 "$docs/$doc" "$stage/usr/share/doc/sargs/$doc"
done
install -m 0644 "$here/copyright" "$stage/usr/share/doc/sargs/copyright"
sed "s/@VERSION@/$version/" "$here/changelog" | gzip -9n > "$stage/usr/share/doc/sargs/changelog.gz"

# 5. Control data.
install -m 0755 "$here/postinst" "$here/prerm" "$here/postrm" "$stage/DEBIAN/"
printf '/etc/sargs/sargs.yaml\n' > "$stage/DEBIAN/conffiles"
installed_kib=$(du -s --apparent-size --block-size=1024 --exclude=DEBIAN "$stage" | cut -f1)
sed -e "s/@VERSION@/$version/" -e "s/@ARCH@/$arch/" -e "s/@INSTALLED_SIZE@/$installed_kib/" \
  "$here/control" > "$stage/DEBIAN/control"
(cd "$stage" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | sort -z \
  | xargs -0 md5sum > DEBIAN/md5sums)

# 6. Modes and times as intended, whatever the checkout's umask and clock were.
find "$stage" -type d -exec chmod 0755 {} +
find "$stage" -type f -perm /111 -exec chmod 0755 {} +
find "$stage" -type f ! -perm /111 -exec chmod 0644 {} +
chmod 0644 "$stage/DEBIAN/control" "$stage/DEBIAN/conffiles" "$stage/DEBIAN/md5sums"
find "$stage" -exec touch --no-dereference --date="@$SOURCE_DATE_EPOCH" {} +

deb=$out/sargs_${version}_${arch}.deb
# gzip, not xz: the jars and the runtime's modules are compressed already, xz would save 6% of the
# size for ten times the CPU on every build.
dpkg-deb --root-owner-group -Zgzip -z9 --build "$stage" "$deb" >/dev/null
echo "$deb"
