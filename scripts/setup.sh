#!/usr/bin/env bash
# setup.sh — installs what imgaudit needs to build and to run its tests (Debian 12; as root, or
# through sudo when run as another user). Usage: scripts/setup.sh [--build]: with --build only
# what the build needs (a CI job that audits images, docs/ci.md)
# SPDX-License-Identifier: Apache-2.0
set -euo pipefail

build_deps=(meson ninja-build pkg-config gcc libarchive-dev libjansson-dev libsqlite3-dev
  libssl-dev libcrypt-dev libqcow-dev libvmdk-dev libvhdi-dev libbfio-dev libext2fs-dev
  zlib1g-dev libyaml-dev libyara-dev libcurl4-openssl-dev libclamav-dev)
# the tests: cmocka; a real Debian root (debootstrap); OCI layouts (skopeo); real rpm
# databases (rpm; Berkeley DB's db5.3_load writes the BerkeleyDB ones rpm no longer writes);
# password hashes made by the real tools (whois: mkpasswd, openssl); the sandbox seen from
# outside (strace); the formatting (clang-format); peak memory (time: /usr/bin/time); tars
# libarchive reads with a warning (python3's tarfile); the reports validated against their JSON
# Schemas (python3-jsonschema); VM disk images made without mounting (mke2fs -d, mkfs.xfs -p,
# sfdisk, sgdisk, qemu-img; lvm2 writes LVM2 metadata on a loop device); JUnit XML read by a
# real consumer and its XSD (python3-junitparser, xmllint); the HTML report rendered in a real browser (chromium, headless) with a CJK font for
# the Chinese report's screenshot (fonts-wqy-microhei); harmless files in many container formats
# for the malware scan (clamav-testfiles); the CI examples of docs/ci read as YAML (python3-yaml);
# a loopback HTTPS server for db update (nginx-light); apt InRelease signatures checked as apt
# does, with gpgv against Debian's archive keys (gpgv, debian-archive-keyring); the ssh client and ssh-keygen that probe
# the services root's own sshd (openssh-client; its mosquitto, apache2 and mosquitto_pub come
# from the root, run as nobody with setpriv of util-linux)
test_deps=(openssh-client libcmocka-dev debootstrap skopeo rpm db5.3-util whois openssl zstd tar jq
  ca-certificates strace clang-format time python3-minimal python3-jsonschema e2fsprogs xfsprogs
  fdisk gdisk qemu-utils python3-junitparser libxml2-utils chromium fonts-wqy-microhei clamav-testfiles
  python3-yaml nginx-light lvm2 gpgv debian-archive-keyring)
# rpm repository metadata read with expat (libexpat1-dev); rpm repositories made by the real tools
# and the missing updates dnf itself finds in them (createrepo-c, dnf)
build_deps+=(libexpat1-dev)
test_deps+=(createrepo-c dnf)
# scan --keyring: a Release file signed by a key made in the test with gpg, and apt lists stored
# lz4-compressed as apt stores them (gpg, lz4)
test_deps+=(gpg lz4)

case "${1:-}" in
  --build) test_deps=() ;;
  "") ;;
  *) echo "usage: scripts/setup.sh [--build]" >&2; exit 2 ;;
esac
missing=()
for p in "${build_deps[@]}" "${test_deps[@]}"; do
  dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "setup.sh: everything is installed"
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  if command -v sudo >/dev/null; then
    exec sudo "$0" "$@"
  fi
  echo "setup.sh: missing ${missing[*]}; run as root" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends "${missing[@]}"
