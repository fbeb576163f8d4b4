/* limits.h — every limit imgaudit applies to what an image controls, each with its reason */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef IA_LIMITS_H
#define IA_LIMITS_H

/*
 * An image is hostile input. Every size, count and depth it controls is
 * bounded here. Hitting a limit is an error that names the limit (see
 * ia_err), never a crash and never a silent truncation.
 */

/* Path inside an image, in bytes. Linux's PATH_MAX; longer paths cannot be opened there either. */
#define IA_MAX_PATH 4096
/* One path component. NAME_MAX of every Linux filesystem. */
#define IA_MAX_NAME 255
/* Directory depth of the walk and of a path. Real systems stay under 40; 10,000-deep chains are
 * attacks. */
#define IA_MAX_DEPTH 256
/* Symlinks followed while resolving one path (the kernel allows 40). */
#define IA_MAX_SYMLINK_HOPS 40
/* Entries in the index of one image: a full distribution with desktop is ~500k. */
#define IA_MAX_ENTRIES (4u * 1024 * 1024)
/* Entries in one container layer. */
#define IA_MAX_LAYER_ENTRIES (2u * 1024 * 1024)
/* Layers in one container image (Docker's own limit is 127). */
#define IA_MAX_LAYERS 128
/* Bytes of one file in an image as stored (archives: per entry). */
#define IA_MAX_FILE_SIZE (16ull * 1024 * 1024 * 1024)
/* Bytes of all layers once decompressed. */
#define IA_MAX_IMAGE_SIZE (64ull * 1024 * 1024 * 1024)
/* Decompressed : compressed ratio of a layer before it counts as a decompression bomb
 * (text-heavy layers reach ~20:1; gzip's ceiling is ~1032:1). Checked once a layer passed
 * IA_RATIO_GRACE bytes, so small sparse layers do not trip it. */
#define IA_MAX_RATIO 200
#define IA_RATIO_GRACE (64ull * 1024 * 1024)
/* Bytes of a configuration or database file read whole into memory. */
#define IA_MAX_TEXT_FILE (64u * 1024 * 1024)
/* Bytes of a JSON document from an image (manifest, config, index). */
#define IA_MAX_JSON_FILE (8u * 1024 * 1024)
/* Nesting depth of JSON from an image (jansson's own default cap is 2048). */
#define IA_MAX_JSON_DEPTH 64
/* Values (objects, arrays, members and elements) of one JSON document from an image, counted
 * before it is parsed: jansson builds every one (~250 bytes each), so 8 MB of "[{},{},...]"
 * would cost 700 MB. Real configs and manifests hold a few thousand; a docker-save manifest
 * of many images with IA_MAX_LAYERS layers each stays far below. At most ~25 MB per document. */
#define IA_MAX_JSON_VALUES 100000u
/* One line of a text file. */
#define IA_MAX_LINE (1024u * 1024)
/* Packages in one package database (Debian main has ~64k binary packages). */
#define IA_MAX_PACKAGES 200000
/* Files owned by all packages together: a full desktop distribution lists ~500k. Each costs ~70
 * bytes besides its path (its record and its slot in the by-path map), so a database of
 * millions of tiny "R:x" lines (apk) or .list lines (dpkg) stays near 150 MB, not gigabytes. */
#define IA_MAX_PKG_FILES (2u * 1024 * 1024)
/* Bytes of all package file paths together, as stored: real systems (~500k files of ~70 bytes)
 * need ~35 MB; an rpm header naming one 4 KB directory for millions of one-byte base names, or
 * an apk "F:" line of 4 KB followed by millions of "R:x" lines, must not cost gigabytes. */
#define IA_MAX_PKG_PATH_BYTES (128u * 1024 * 1024)
/* Members listed in group files, all groups together: real systems list a few thousand; each
 * costs a pointer, so "a,a,a,..." lines cannot turn 64 MB of text into 500 MB. */
#define IA_MAX_GROUP_MEMBERS (1024u * 1024)
/* Accounts or groups in passwd/group files. */
#define IA_MAX_ACCOUNTS 100000
/* Findings in one report; past it, one finding says the rest were dropped. */
#define IA_MAX_FINDINGS 100000
/* Problems (malformed files, limits hit) recorded in one audit. */
#define IA_MAX_PROBLEMS 10000
/* Bytes of one string a finding quotes from an image (value seen). */
#define IA_MAX_EVIDENCE 512
/* Bytes of an archive member name quoted in a problem; the rest is counted ("... N bytes"). A
 * GNU long name or pax path may be megabytes; each refused one used to be copied whole. */
#define IA_MAX_QUOTED_NAME 256
/* Problems recorded for one container layer, and for all layers of one image, before one last
 * problem per layer counts the rest: a small layer of 60 refused 1 MiB names listed 32 times
 * must not fill the report. */
#define IA_MAX_LAYER_PROBLEMS 100
#define IA_MAX_IMAGE_PROBLEMS 1000
/* Problems recorded for one malformed file before one last problem counts the rest: a 50 MB
 * file of garbage must not fill the whole problem list (IA_MAX_PROBLEMS) by itself. */
#define IA_MAX_FILE_PROBLEMS 50
/* Bytes of a release file (os-release, *-release, lsb-release): real ones are under 2 KB. */
#define IA_MAX_RELEASE_FILE (64u * 1024)
/* Files in /var/lib/dpkg/status.d (distroless: one per package). */
#define IA_MAX_STATUS_D_FILES IA_MAX_PACKAGES
/* Temporary storage of one archive's extracted file bodies. */
#define IA_MAX_SPOOL (IA_MAX_IMAGE_SIZE)
/* Image manifests read from an archive's index.json (a nested index counts its own) to find the
 * image its manifest.json names, when it holds both: one per image saved; each read is bounded
 * by IA_MAX_JSON_FILE. */
#define IA_MAX_INDEX_MANIFESTS 256
/* Members of a docker-save or OCI layout tar (not of its layers): a few per layer and image;
 * IA_MAX_LAYERS layers of many tagged images stay far below it. */
#define IA_MAX_ARCHIVE_MEMBERS 65536u
/* Symlinked members of a docker-save tar followed while finding one: old docker shares a layer
 * between images as a symlink to the other image's layer.tar (one hop); the image controls
 * these links, so a chain or a loop stops here. */
#define IA_MAX_MEMBER_HOPS 8

/* Disk images. Partitions read from one partition table (GPT's usual array has 128 slots;
 * an MBR chain of logical partitions is cut here, which also ends a looping chain). */
#define IA_MAX_PARTITIONS 256
/* Bytes of a GPT partition entry array (128 entries of 128 bytes are 16 KiB; the format
 * allows more, a hostile header asks for gigabytes). */
#define IA_MAX_GPT_ARRAY (1024u * 1024)
/* Bytes of a qcow2 L1 table checked before libqcow reads the image (disk_img.c): qemu's own
 * limit (QCOW_MAX_L1_SIZE, 32 MiB: 4M entries, 2^40 bytes of disk with 64 KiB clusters times
 * 8192). */
#define IA_MAX_QCOW_L1 (32u * 1024 * 1024)
/* qcow2 backing files followed from one image (a chain; each is opened inside --backing-dir). */
#define IA_MAX_BACKING_FILES 16
/* Extent files of one VMDK descriptor (a 2 TB disk split in 2 GB extents has 1024). */
#define IA_MAX_VMDK_EXTENTS 4096
/* Filesystems of one disk examined and mounts read from its /etc/fstab: real systems have a
 * handful. */
#define IA_MAX_MOUNTS 64
/* Blocks of 64 KiB kept of a qcow2/VMDK/VHD/VHDX disk read through its library (disk_img.c):
 * a compressed qcow2 cluster is inflated whole for each read, and the checks read files in
 * pieces of a few KiB; 128 blocks are 8 MiB. */
#define IA_DISK_CACHE_BLOCKS 128
/* XFS (disk_xfs.c): extents of one file's data fork, after its btree is read (a file
 * written in 4 KiB pieces at random places has one per piece; 1M extents are 16 MiB of map). */
#define IA_MAX_XFS_EXTENTS (1024u * 1024)
/* Levels of an XFS extent btree, the inode root included: XFS itself needs at most 9 for
 * 2^54 blocks; a deeper tree is hostile. */
#define IA_MAX_XFS_BTREE_DEPTH 10
/* Bytes of one XFS directory's data blocks read for its entries (4M entries of 32 bytes). */
#define IA_MAX_XFS_DIR_BYTES (256u * 1024 * 1024)
/* LVM2 (disk_lvm.c): bytes of a volume group's text metadata read from one physical volume.
 * lvm2 keeps the text in a metadata area of 1 MiB by default and needs room for two copies;
 * a VG of a thousand LVs writes a few hundred KiB. A hostile area header asks for terabytes. */
#define IA_MAX_LVM_METADATA (4u * 1024 * 1024)
/* Sections and values of that text: one LV of one segment is about 15. */
#define IA_MAX_LVM_NODES 200000
/* Nesting of sections in that text: lvm2 writes 4 (VG, logical_volumes, an LV, a segment). */
#define IA_MAX_LVM_DEPTH 8
/* Physical volumes listed by one VG, and logical volumes of a disk presented as volumes
 * (installers make two or three; a VG of thousands is a thin-provisioning host, not a VM). */
#define IA_MAX_LVM_PVS 256
#define IA_MAX_LVM_LVS 256
/* Segments of one LV (each resize that cannot extend the last segment adds one). */
#define IA_MAX_LVM_SEGMENTS 1024
/* Bytes of a VG or LV name: lvm2's own limit (NAME_LEN 128 with its terminating zero). */
#define IA_MAX_LVM_NAME 127

/* Extended attributes of one entry (target/xattr.c and the backends): attributes listed (real
 * files carry a handful: a SELinux label, a capability, two ACLs, some user.*), bytes of a name
 * (Linux's XATTR_NAME_MAX), of one value (XATTR_SIZE_MAX) and of all names and values together
 * (Linux's listxattr returns at most 64 KiB of names). Past them the entry's attributes are not
 * read: an error naming the limit, never a silent cut. */
#define IA_MAX_XATTRS 256u
#define IA_MAX_XATTR_NAME 255u
#define IA_MAX_XATTR_VALUE (64u * 1024)
#define IA_MAX_XATTR_BYTES (256u * 1024)

/* Bytes of one rpm database file (rpmdb.sqlite, Packages, Packages.db): the largest real ones
 * (desktop Fedora/RHEL with ~5,000 packages) stay under 400 MB. Its head (magic number, page
 * size, page count) is checked before anything else is read, and only the pages its header
 * counts are read into memory (rpm_db_extent): a sparse gigabyte of zeros costs 512 bytes. */
#define IA_MAX_RPMDB_FILE (1024u * 1024 * 1024)
/* Index entries of one RPM header blob (rpm's own hdrchkTags bound). */
#define IA_MAX_RPM_HEADER_TAGS 0x10000u
/* Data bytes of one RPM header blob (rpm's own hdrchkData bound). */
#define IA_MAX_RPM_HEADER_DATA (256u * 1024 * 1024)
/* SQLite virtual-machine instructions spent on one rpmdb.sqlite: reading 5,000 rows takes a few
 * million; a hostile schema (views, recursive queries) is stopped here. */
#define IA_MAX_SQLITE_VM_STEPS (2000000000ull)

/* Findings one check reports about one image; past it, one finding counts the rest. An archive
 * unpacked as uid 1000 makes every file "owned by no user": the report must stay readable. */
#define IA_MAX_FINDINGS_PER_CHECK 1000

/* The clause catalogue (data/clauses.txt, or the one of IMGAUDIT_DATADIR): bytes of the file,
 * clauses, sources, bytes of an ID or source key, bytes of a title. The shipped one is 7 KB with
 * 82 clauses of 4 sources, IDs under 12 bytes, titles under 200. */
#define IA_MAX_CLAUSE_FILE (1024u * 1024)
#define IA_MAX_CLAUSES 4096u
#define IA_MAX_CLAUSE_SOURCES 256u
#define IA_MAX_CLAUSE_ID 63u
#define IA_MAX_CLAUSE_TITLE 1024u

/* PAM: includes (@include, include, substack) nested while following one service's password
 * stack. Linux-PAM stops substacks at 16 levels; deeper nesting in an image is a loop or an
 * attack. Files opened while following it: real stacks open fewer than 10, a diamond of
 * includes re-reads files, so the count is bounded too. Bytes of one PAM or pwquality file:
 * real ones are under 10 KB. */
#define IA_MAX_PAM_DEPTH 16
#define IA_MAX_PAM_FILES 128
#define IA_MAX_PAM_FILE (1024u * 1024)
/* PAM password rules of pam_unix, pam_pwquality and pam_cracklib examined in one stack: real
 * stacks have a handful; each pam_pwquality rule re-reads pwquality.conf(.d), so a stack of
 * many such lines would read those files again and again. */
#define IA_MAX_PAM_RULES 256u

/* Memory one weak-password guess may need (scrypt and yescrypt: 128 x r x N bytes). Debian's
 * yescrypt default takes 16 MiB, scrypt's usual N=2^14 r=8 16 MiB; a hash from an image asking
 * for gigabytes is NOT EXAMINED instead of hashed. */
#define IA_MAX_CRYPT_MEMORY (256ull * 1024 * 1024)

/* Bytes of one version string compared by vulndb (installed, or from a feed): Debian's longest
 * are under 80, rpm's and PyPI's under 100; past 256 it is garbage or an attack, and every
 * comparator stays linear in it without allocating. */
#define IA_MAX_VERSION 256

/* Settings kept from the configuration files of one kind (sysctl assignments): real systems
 * hold a few hundred; a generated or hostile file of IA_MAX_TEXT_FILE bytes could hold
 * millions. */
#define IA_MAX_CONFIG_SETTINGS 65536u

/* Bytes of one file of the host read whole (util/datafile.c): imgaudit's data files (profiles,
 * word lists, SUID sets; the largest today is under 1 MB) and the profiles users name; a wrong
 * path (a disk image) must not be read whole. Each loader passes its own lower bound too. */
#define IA_MAX_DATA_FILE (64u * 1024 * 1024)

/* Outputs of one `scan` (-f FORMAT -o FILE pairs): one per format is plenty; a command line
 * of thousands of -o is a mistake, not a use. */
#define IA_MAX_OUTPUTS 32

/* apt `Packages` indexes (vulndb/packages.c): bytes once decompressed (Debian's and Ubuntu's
 * largest, main and universe for amd64, are under 100 MB of text; a security suite's a few
 * MB), bytes as stored of a file the user names or an image holds (the compressed ones are a
 * fifth of that; a plain one over 64 MiB can be given compressed), and package stanzas in one
 * index (Debian main has ~64k, Ubuntu universe ~65k). */
#define IA_MAX_APT_INDEX (256u * 1024 * 1024)
#define IA_MAX_APT_INDEX_FILE (64u * 1024 * 1024)
#define IA_MAX_APT_INDEX_PACKAGES 200000u
/* Security-suite lists read from one image's /var/lib/apt/lists (check UPD-001): one per
 * suite, component and architecture, so a handful (bookworm-security: 4 components); each may
 * hold IA_MAX_APT_INDEX_PACKAGES stanzas, so their number bounds the memory the check uses. */
#define IA_MAX_APT_LISTS 32u
/* Bytes of an apt Release or InRelease file named to `db import --release` (Debian's main
 * suite's is ~150 KB with its hash lists; only the header before them is read). */
#define IA_MAX_APT_RELEASE_FILE (4u * 1024 * 1024)

/* rpm repository metadata (vulndb/repodata.c, UPD-001 on rpm images): the decompressed text of
 * one primary.xml or updateinfo.xml is bounded by IA_MAX_APT_INDEX (the same decompressor; the
 * largest real ones, EPEL's primary and RHEL AppStream's updateinfo, are under 150 MB) and its
 * stored bytes by IA_MAX_APT_INDEX_FILE; bytes of a repomd.xml (a few KB: one <data> per
 * metadata file); packages kept from all repositories read (RHEL 9 AppStream ~20k, EPEL ~25k
 * with every version); advisories and their package entries (RHEL 8 AppStream: ~6k advisories,
 * ~300k entries over its arches); element depth (primary.xml goes 5 deep, updateinfo 5);
 * bytes of one element's text kept (names, versions, advisory IDs and titles: under 300);
 * repositories read from one image's dnf/yum cache. */
#define IA_MAX_REPOMD_FILE (1u * 1024 * 1024)
#define IA_MAX_RPM_REPO_PACKAGES 500000u
#define IA_MAX_RPM_ADVISORIES 100000u
#define IA_MAX_RPM_ADVISORY_PACKAGES 2000000u
#define IA_MAX_XML_DEPTH 32u
#define IA_MAX_XML_TEXT 1024u
#define IA_MAX_RPM_REPOS 64u
/* Module streams and their packages kept from modules.yaml (RHEL 8 AppStream: ~700 streams,
 * ~60k artifacts over its arches and sources); module configuration files read from one image's
 * /etc/dnf/modules.d (one per module touched) and their bytes. */
#define IA_MAX_RPM_MODULES 50000u
#define IA_MAX_RPM_MODULE_ARTIFACTS 1000000u
#define IA_MAX_DNF_MODULE_FILES 1024u
#define IA_MAX_DNF_MODULE_FILE (64u * 1024)

/* Alpine APKINDEX.tar.gz (vulndb/apkindex.c, UPD-001 on apk images): bytes as stored (main
 * and community of a release are under 3 MB), bytes of its APKINDEX text and of any entry
 * (community's is ~12 MB), packages kept from all indexes read (edge: ~25k), tar entries in one
 * (apk writes three: the signature, DESCRIPTION, APKINDEX), indexes read from one image's
 * /var/cache/apk (one per repository). */
#define IA_MAX_APKINDEX_FILE (32u * 1024 * 1024)
#define IA_MAX_APKINDEX (64u * 1024 * 1024)
#define IA_MAX_APKINDEX_PACKAGES 200000u
#define IA_MAX_APKINDEX_ENTRIES 16u
#define IA_MAX_APK_INDEXES 32u

/* The end-of-life tables (data/eol/os.tsv and software.tsv, vulndb/eol.c): bytes of one file and
 * its rows. The shipped ones are under 30 KB with under 300 rows; IMGAUDIT_DATADIR may name others.
 */
#define IA_MAX_EOL_FILE (4u * 1024 * 1024)
#define IA_MAX_EOL_ROWS 50000u
/* One downloaded end-of-life feed (db update: endoflife.date's API JSON of one product,
 * distro-info-data's debian.csv or ubuntu.csv; vulndb/import_eol.c): its series (PHP has 20,
 * Ubuntu 45, the largest product under 200) and the bytes of one of its fields (cycle names,
 * labels, codenames are under 40 bytes). The file itself is bounded by IA_MAX_EOL_FILE. */
#define IA_MAX_EOL_CYCLES 2000u
#define IA_MAX_EOL_FIELD 100u
/* Columns of a distro-info-data CSV line (debian.csv has 8, ubuntu.csv 9). */
#define IA_MAX_DISTRO_INFO_COLUMNS 16
/* apt Release/InRelease files (vulndb/release.c): bytes of one line that is read (a hash entry
 * is 64 hex digits, a size and a path of under 100 bytes; longer lines are skipped), and bytes
 * of gpgv's status output kept (two signatures take under 2 KB; the rest is drained). */
#define IA_MAX_APT_RELEASE_LINE 1000u
#define IA_MAX_GPGV_STATUS (256u * 1024)
/* Bytes of a detached Release.gpg (Debian's holds two armoured signatures, under 2 KB; a few
 * more keys take a few KB each), and OpenPGP keyrings one scan or import checks a signature
 * against (scan --keyring: the user's distribution's, a vendor's; each an argument of gpgv). */
#define IA_MAX_APT_RELEASE_SIG (64u * 1024)
#define IA_MAX_KEYRINGS 8u

/* Service configurations (facts/svc_*.c): includes nested while reading one service's files
 * (sshd itself stops at 16, "Include nested too deeply"); files read for one service (a real
 * conf.d holds tens; a hostile one thousands); bytes of one configuration file (the largest
 * real ones, redis.conf and postgresql.conf, are under 120 KB). */
#define IA_MAX_SVC_INCLUDE_DEPTH 16
#define IA_MAX_SVC_FILES 256
#define IA_MAX_SVC_FILE (4u * 1024 * 1024)
/* Blocks nested in an nginx configuration: real ones nest http, server, location and an if or a
 * nested location, under 8; a hostile file could nest without end. */
#define IA_MAX_SVC_BLOCK_DEPTH 64
/* One nginx token (a directive name or argument): longer ones are cut, with an issue; the
 * arguments of one directive kept in its value. */
#define IA_MAX_NGX_TOKEN 4096
#define IA_MAX_NGX_VALUE 8192
/* Apache httpd: variables (Define and envvars) kept, past it a Define is recorded as not
 * examined; modules (LoadModule) kept; bytes of one logical line (continuations joined,
 * variables expanded). Debian's configuration defines under 20 and loads under 60. */
#define IA_MAX_HTTPD_VARS 256
#define IA_MAX_HTTPD_MODS 512
#define IA_MAX_HTTPD_LINE 16384
/* Application settings files (checks/services_app.c: wp-config.php, .env, Spring, Django...):
 * files read (a real image has a handful; the walk stops there and a gap says so), bytes of one
 * file (connection settings are in small files), settings kept of one file. */
#define IA_MAX_APP_FILES 512
#define IA_MAX_APP_FILE (1024u * 1024)
#define IA_MAX_APP_ITEMS 64
/* Tomcat configuration directories examined: /etc/tomcat*, /opt/tomcat*, /opt/apache-tomcat*. */
#define IA_MAX_TOMCAT_DIRS 16

/* A waiver file (findings/waivers.c): written by hand, a few dozen entries; a file of 1 MiB,
 * 10000 waivers or a value of 4 KiB is not one. */
#define IA_MAX_WAIVER_FILE (1024u * 1024)
#define IA_MAX_WAIVERS 10000u
#define IA_MAX_WAIVER_FIELD 4096u

/* The report's language files (data/i18n/LANG.txt, report/i18n.c): the shipped one is under
 * 20 KB with about 200 entries; IMGAUDIT_DATADIR may name others. */
#define IA_MAX_I18N_FILE (1024u * 1024)
#define IA_MAX_I18N_ENTRIES 4096u
/* Bars of one chart of the HTML report (one per check family): more would not be read. */
#define IA_MAX_CHART_BARS 32
/* Packages the HTML report's chart of pending fixes by age tells apart (one per package with a
 * fixed vulnerability still installed); more are left out of the chart, not of the findings. */
#define IA_MAX_FIX_AGE_PACKAGES 4096

/* Package integrity (checks/integrity.c): bytes of one package file hashed against its recorded
 * digest. Package files are at most a few hundred MB (firmware blobs, JDK modules); a planted
 * huge or sparse file past it is NOT EXAMINED (a gap naming it) instead of hours of reading.
 * Threads hashing package files: one per online CPU, at most this many. */
#define IA_MAX_DIGEST_FILE (2ull * 1024 * 1024 * 1024)
#define IA_MAX_DIGEST_THREADS 8

/* A waiver file (findings/waivers.c): written by hand, a few dozen entries; a file of 1 MiB,
 * 10000 waivers or a value of 4 KiB is not one. */
#define IA_MAX_WAIVER_FILE (1024u * 1024)
#define IA_MAX_WAIVERS 10000u
#define IA_MAX_WAIVER_FIELD 4096u

/* Software outside the package managers (facts/software*.c). Components listed in one image:
 * a large Node.js application holds ~2,000 packages, a Java one a few hundred jars; a hostile
 * image of millions of package.json files stops here. */
#define IA_MAX_COMPONENTS 100000u
/* Bytes of one metadata file read whole (package.json, METADATA, version.php, style.css,
 * readme.txt, a manifest): real ones are under 100 KB. */
#define IA_MAX_SW_FILE (1024u * 1024)
/* Bytes of Composer's installed.json (a large Drupal or Magento site: ~2 MB). */
#define IA_MAX_SW_JSON (16u * 1024 * 1024)
/* Bytes read from the head of a file for its banner or headers (a JavaScript banner is in its
 * first lines; lodash.min.js names its VERSION 66 KB in; WordPress plugin headers and Python
 * METADATA headers come first). */
#define IA_MAX_SW_HEAD (128u * 1024)
/* Bytes of a binary searched for a version string (a Node.js binary is ~100 MB, mysqld ~60 MB;
 * the version strings sit in .rodata, within the first 128 MB). */
#define IA_MAX_SW_SCAN (128u * 1024 * 1024)
/* ELF section headers read to find Go's .go.buildinfo (real binaries: under 64). */
#define IA_MAX_ELF_SECTIONS 4096u
/* Bytes of Go's build information (module path, version, deps): kubectl's is ~40 KB. */
#define IA_MAX_GO_BUILDINFO (4u * 1024 * 1024)
/* Archives inside archives (a jar in a war in an ear is depth 3). */
#define IA_MAX_JAR_DEPTH 3
/* Members of one jar, war or ear read (a fat Spring Boot jar holds ~20,000). */
#define IA_MAX_JAR_MEMBERS 200000u
/* Bytes of a nested jar unpacked into memory to be read in turn (real libraries are under
 * 20 MB). */
#define IA_MAX_NESTED_JAR (64u * 1024 * 1024)
/* Decompressed bytes read from one top-level archive with all it nests: a zip bomb stops here.
 */
#define IA_MAX_JAR_BYTES (256u * 1024 * 1024)

/* The vulnerability database (src/vulndb/db.c and its importers), which reads feeds the user
 * downloaded: hostile input like an image.
 * Bytes of one feed file read whole (a JSON or YAML feed; a zip is streamed): the Debian
 * security tracker's whole JSON export, the largest real one, is under 100 MB. */
#define IA_MAX_VULN_FEED_FILE (192u * 1024 * 1024)
/* Values of one JSON feed, counted before jansson builds them (~250 bytes each): the whole
 * tracker export holds about 5 million; 12 million cost at most ~3 GB. */
#define IA_MAX_VULN_JSON_VALUES (12u * 1000 * 1000)
/* Bytes of one OSV record (in a directory or a zip): real ones are under 1 MB (GHSA records
 * with expanded version lists reach a few hundred KB). */
#define IA_MAX_OSV_RECORD (8u * 1024 * 1024)
/* Ranges (affected entries x ranges, plus listed versions) of one OSV record: the largest real
 * ones (jackson-databind, the Linux kernel in Ubuntu) hold a few hundred. */
#define IA_MAX_OSV_RANGES 10000u
/* Events of one OSV range: real ones hold a handful (introduced/fixed pairs). */
#define IA_MAX_OSV_EVENTS 1000u
/* Bytes of one version in a Node.js security WG range ("^8.1.4", ">=1.12.3-rc.1"): real ones
 * are under 20. */
#define IA_MAX_NSWG_VERSION 64
/* Intervals of one Node.js security WG range expression, after the patched set is taken out:
 * real ones have at most 5 alternatives ("8.x || 7.x || ..."), so at most ten pieces. */
#define IA_MAX_NSWG_INTERVALS 64
/* Records of one directory or zip dump: osv.dev's largest per-ecosystem dump (npm, with the
 * malicious-package records) holds ~250k. */
#define IA_MAX_VULN_FEED_MEMBERS (2u * 1000 * 1000)
/* Bytes unpacked from one zip dump: the largest real ones are ~3 GB unpacked. */
#define IA_MAX_VULN_ZIP_BYTES (16ull * 1024 * 1024 * 1024)
/* Directory depth of a directory of OSV records (advisory-database nests year/month/id). */
#define IA_MAX_VULN_DIR_DEPTH 8
/* Affected entries stored from one feed: every real feed together holds a few million; the
 * database stays under a few GB. */
#define IA_MAX_VULN_ROWS (20u * 1000 * 1000)
/* Bytes of an advisory ID or package name from a feed (real ones under 100). */
#define IA_MAX_VULN_ID 255
/* Bytes kept of an advisory's summary or alias list (longer text is cut on a character
 * boundary; the details live in the feed). */
#define IA_MAX_VULN_TEXT 4096
/* `db update` (src/vulndb/fetch.c), downloading from servers the user may not control.
 * Bytes of one downloaded feed: osv.dev's largest per-ecosystem zip dumps are ~1-2 GB. */
#define IA_MAX_VULN_DOWNLOAD (4ull * 1024 * 1024 * 1024)
/* Redirects followed for one download (mirrors and storage buckets use one or two). */
#define IA_MAX_FETCH_REDIRECTS 5
/* Seconds to connect, and seconds a download may stall (under 1 byte/s) before it stops: a
 * dead server fails the source instead of hanging the update. */
#define IA_FETCH_CONNECT_SECONDS 30
#define IA_FETCH_STALL_SECONDS 60
/* Lines of a downloaded Release file searched for a checksum (Debian's main suite's lists
 * ~10k files). */
#define IA_MAX_FETCH_RELEASE_LINES 200000u
/* Sources of one `db update` (the default list holds about a dozen). */
#define IA_MAX_UPDATE_SOURCES 256u
/* KiB of SQLite page cache of the vulnerability database while a scan matches (used only as
 * pages are read): the pages one scan touches (index and advisories of its release's
 * packages) stay in memory instead of being read again for each lookup. */
#define IA_VULN_DB_CACHE_KIB 32768
/* Advisory entries that match one package version (one vdb_match call), held and sorted
 * before they are handed on: the Linux kernel in an old release matches a few thousand. */
#define IA_MAX_VULN_MATCHES 100000u

/* Content scanning (checks/malware.c, YARA). Bytes of one rule file (ours are under 64 KB;
 * large public sets reach a few MB) and rule files taken from one --rules directory. */
#define IA_MAX_RULE_FILE (16u * 1024 * 1024)
#define IA_MAX_RULE_FILES 4096u
/* Bytes of one file scanned: miners are under 10 MB, webshells under 1 MB; a bigger file (a
 * sparse disk image, a database) is NOT EXAMINED rather than read for minutes. ClamAV's own
 * default is 100 MB (MaxFileSize); 1 GiB made a live host with disk images in /tmp read for
 * tens of minutes. */
#define IA_MAX_SCAN_FILE (256ull * 1024 * 1024)
/* Files up to IA_SCAN_BLOCK are read whole and scanned at once; bigger ones in blocks of that
 * size overlapping by IA_SCAN_OVERLAP (YARA matches no string longer than 4 KB across them), so
 * each scanning thread holds one block: the scan's memory stays under 100 MiB on any image. */
#define IA_SCAN_BLOCK (16u * 1024 * 1024)
#define IA_SCAN_OVERLAP (4u * 1024)
/* Bytes of the start of a file scanned in blocks kept while it is scanned: the conditions the
 * rules check after the scan (uint32(0) == 0x464c457f, a header field) read there, and without
 * it YARA would fetch (read) the whole first block again. */
#define IA_SCAN_HEAD (64u * 1024)
/* Scanning threads: one per core, at most this many (each holds up to IA_SCAN_BLOCK). */
#define IA_MAX_SCAN_THREADS 8
/* Seconds the rules may spend on one file (a pathological file against a user's slow regular
 * expression); past it the file is NOT EXAMINED. Ours scan a 16 MB block in well under 1 s. */
#define IA_MAX_SCAN_SECONDS 60
/* An ELF program's machine code (executable sections inside executable segments) is not run
 * through the rules: these sections and segments are taken from its headers, at most this many
 * of each (real programs have under 20 sections with code and 1-3 executable segments); past
 * it the rest is scanned as it is. */
#define IA_MAX_ELF_CODE_RANGES 32u
/* Code sections smaller than this are scanned with the rest (not worth splitting the scan). */
#define IA_MIN_ELF_CODE_SKIP 4096u
/* scan --clamav (libclamav) unpacks archives found in the image (zip, tar, gzip, bzip2, 7z, cab,
 * arj, cpio ...; rar only with libclamav's non-free unrar module) within these bounds, each one
 * file's: bytes unpacked and scanned in all (an archive bomb stops there), size of one member,
 * nesting depth, members, and seconds. Past one, the rest is not scanned and MAL-003 says so (NOT
 * EXAMINED for that file). */
#define IA_CLAM_MAX_SCANSIZE (256ull * 1024 * 1024)
#define IA_CLAM_MAX_FILESIZE (64ull * 1024 * 1024)
#define IA_CLAM_MAX_RECURSION 8u
#define IA_CLAM_MAX_FILES 2000u
#define IA_CLAM_MAX_SCANTIME_MS 60000u

/* TLS material (checks/tls.c). Bytes of one certificate or key file read: a single certificate
 * or key is a few KB, the largest CA bundles about 250 KB; a bigger file is NOT EXAMINED. */
#define IA_MAX_CERT_FILE (2u * 1024 * 1024)
/* PEM blocks parsed in one file (a CA bundle holds about 150); the rest is NOT EXAMINED. */
#define IA_MAX_PEM_BLOCKS 1024u
/* Certificate and key files examined in one image (candidates by name and place; a real image
 * has tens); past it the rest are NOT EXAMINED (one gap). */
#define IA_MAX_CERT_FILES 20000u
/* Findings listed one by one per TLS or secrets check; past it one finding gives the count. */
#define IA_MAX_TLS_LISTED 100u
/* Credential files (SEC-002, checks/secrets.c: .netrc, .pgpass, cloud CLI credentials...): bytes
 * of one read as text; real ones are a few KB, a bigger one is NOT EXAMINED (a gap names it). */
#define IA_MAX_SECRET_FILE (8u * 1024 * 1024)
/* Files the secret scan reads in one image; past it the rest are NOT EXAMINED (one gap). */
#define IA_MAX_SECRET_FILES 200000u
/* Bytes of one file the content scan of SEC-001 reads: credentials live in small text files
 * (configuration, scripts, .env, logs). It takes its bytes from the content pass shared with
 * the integrity and malware families, which reads files up to IA_SCAN_BLOCK whole: a file up
 * to that size costs no read of its own, a bigger one (a disk image, a database, a big
 * library) is not read for secrets and is listed as not examined (the first
 * IA_MAX_SECRET_BIG_LISTED one by one, then a count). It was IA_MAX_SCAN_FILE (1 GiB) on a
 * thread of its own, which made the live-host audit read tens of GB. */
#define IA_MAX_SECRET_SCAN IA_SCAN_BLOCK
#define IA_MAX_SECRET_BIG_LISTED 50u

#endif
