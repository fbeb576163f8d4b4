#!/bin/sh
# make-rpmdb.sh — builds two small RPMs and installs them with Debian's rpm into DIR/root
# SPDX-License-Identifier: Apache-2.0
# Usage: make-rpmdb.sh DIR. Writes DIR/root/var/lib/rpm/rpmdb.sqlite, DIR/qa.tsv (rpm -qa in the
# columns of the expected lists in tests/data/rpmdb) and DIR/dump.txt (rpm -qa --dump lines, reduced to
# "path digest mode config"). Nothing outside DIR is written (HOME points into it).
set -eu
dir=$1
export HOME="$dir/home"
mkdir -p "$HOME" "$dir/root"
top="$dir/top"

spec() { # name epoch-line
	cat >"$dir/$1.spec" <<SPEC
Name: $1
Version: 1.2
Release: 3.ia
$2
Summary: imgaudit test package
License: MIT
Vendor: imgaudit tests
BuildArch: noarch
%description
imgaudit rpmdb reader test
%install
mkdir -p %{buildroot}/etc/$1 %{buildroot}/usr/bin
echo conf > %{buildroot}/etc/$1/$1.conf
printf '#!/bin/sh\necho $1\n' > %{buildroot}/usr/bin/$1
chmod 4755 %{buildroot}/usr/bin/$1
ln -s $1 %{buildroot}/usr/bin/$1-link
%files
%config(noreplace) /etc/$1/$1.conf
/usr/bin/$1
/usr/bin/$1-link
%dir /etc/$1
SPEC
	# no post-install helpers (strip, brp-*), no debug packages: only rpm itself is needed
	rpmbuild -bb --define "_topdir $top" --define '_build_id_links none' \
		--define '__os_install_post %{nil}' --define 'debug_package %{nil}' \
		--define '_binary_payload w9.gzdio' "$dir/$1.spec"
}
spec ia-epoch 'Epoch: 4'
spec ia-plain ''
rpm --root "$dir/root" --dbpath /var/lib/rpm --define '_db_backend sqlite' -i --nodeps \
	--noscripts --justdb "$top"/RPMS/noarch/*.rpm
rpm --root "$dir/root" --dbpath /var/lib/rpm --define '_db_backend sqlite' -qa --qf \
	'%|EPOCH?{%{EPOCH}}:{}|\t%{NAME}\t%{VERSION}\t%{RELEASE}\t%|ARCH?{%{ARCH}}:{}|\t%{SOURCERPM}\t%|VENDOR?{%{VENDOR}}:{}|\n' \
	>"$dir/qa.tsv"
rpm --root "$dir/root" --dbpath /var/lib/rpm --define '_db_backend sqlite' -qa --dump |
	awk '{ printf "%s %s %s %s\n", $1, $4, $5, $8 }' >"$dir/dump.txt"
