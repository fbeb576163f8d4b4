/* files_caps.c — file capabilities: the security.capability decoder and check FS-010 (files) */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/common.h"

#include <strings.h>
#include <sys/stat.h>

#include "checks/check.h"
#include "checks/fam_util.h"
#include "checks/files_caps.h"
#include "facts/facts.h"
#include "target/target.h"
#include "util/datafile.h"
#include "util/hmap.h"
#include "util/lines.h"
#include "util/str.h"
#include "util/banned.h"

/* Bytes of one default capability list of data/caps (the shipped one is under 2 KB). */
#define FS_MAX_CAPS_LIST (256u * 1024)
/* Files whose attributes could not be read, or whose capability is malformed, named one gap
 * each; past it one gap counts the rest. */
#define FS_MAX_CAP_GAPS 20u

/* Capability names by bit, as linux/capability.h numbers them (libcap's names). */
static const char *const cap_names[] = {
	"cap_chown",
	"cap_dac_override",
	"cap_dac_read_search",
	"cap_fowner",
	"cap_fsetid",
	"cap_kill",
	"cap_setgid",
	"cap_setuid",
	"cap_setpcap",
	"cap_linux_immutable",
	"cap_net_bind_service",
	"cap_net_broadcast",
	"cap_net_admin",
	"cap_net_raw",
	"cap_ipc_lock",
	"cap_ipc_owner",
	"cap_sys_module",
	"cap_sys_rawio",
	"cap_sys_chroot",
	"cap_sys_ptrace",
	"cap_sys_pacct",
	"cap_sys_admin",
	"cap_sys_boot",
	"cap_sys_nice",
	"cap_sys_resource",
	"cap_sys_time",
	"cap_sys_tty_config",
	"cap_mknod",
	"cap_lease",
	"cap_audit_write",
	"cap_audit_control",
	"cap_setfcap",
	"cap_mac_override",
	"cap_mac_admin",
	"cap_syslog",
	"cap_wake_alarm",
	"cap_block_suspend",
	"cap_audit_read",
	"cap_perfmon",
	"cap_bpf",
	"cap_checkpoint_restore",
};

const char *chk_cap_name(unsigned bit, char tmp[16])
{
	if (bit < IA_ARRAY_SIZE(cap_names))
		return cap_names[bit];
	snprintf(tmp, 16, "cap_%u", bit);
	return tmp;
}

int chk_cap_bit(const char *name, size_t n)
{
	for (size_t i = 0; i < IA_ARRAY_SIZE(cap_names); i++)
		if (strlen(cap_names[i]) == n && strncasecmp(cap_names[i], name, n) == 0)
			return (int)i;
	return -1;
}

/* Capabilities that amount to root: changing identities or capabilities, loading code into the
 * kernel, reading or writing any file, tracing any process, administering the system. */
uint64_t chk_caps_dangerous(uint64_t mask)
{
	static const unsigned bits[] = {0, 1, 2, 3, 6, 7, 8, 16, 17, 19, 21, 27, 31, 32, 33, 39};
	uint64_t d = 0;

	for (size_t i = 0; i < IA_ARRAY_SIZE(bits); i++)
		d |= 1ull << bits[i];
	return mask & d;
}

static uint32_t le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

int chk_caps_decode(const void *buf, size_t n, struct chk_caps *out, const char **why)
{
	const unsigned char *p = buf;
	uint32_t magic;
	size_t want;

	*out = (struct chk_caps){0};
	if (n < 4) {
		*why = "shorter than its revision field";
		return -1;
	}
	magic = le32(p);
	out->version = magic >> 24;
	out->effective = magic & 1;
	want = out->version == 1 ? 12 : out->version == 2 ? 20 : out->version == 3 ? 24 : 0;
	if (!want) {
		*why = "unknown revision (the kernel refuses to run the file)";
		return -1;
	}
	if (n != want) {
		*why = "size does not match its revision (the kernel refuses to run the file)";
		return -1;
	}
	out->permitted = le32(p + 4);
	out->inheritable = le32(p + 8);
	if (out->version >= 2) {
		out->permitted |= (uint64_t)le32(p + 12) << 32;
		out->inheritable |= (uint64_t)le32(p + 16) << 32;
	}
	if (out->version == 3) {
		out->has_rootid = true;
		out->rootid = le32(p + 20);
	}
	return 0;
}

/* "cap_a,cap_b" of mask into out at *len. */
static void names_of(uint64_t mask, char *out, size_t cap, size_t *len)
{
	bool first = true;

	for (unsigned b = 0; b < 64; b++) {
		char tmp[16];
		int k;

		if (!(mask & (1ull << b)))
			continue;
		k = snprintf(out + *len, cap - *len, "%s%s", first ? "" : ",",
			     chk_cap_name(b, tmp));
		if (k < 0 || (size_t)k >= cap - *len) {
			*len = cap - 1;
			return;
		}
		*len += (size_t)k;
		first = false;
	}
}

static void add_text(char *out, size_t cap, size_t *len, const char *s)
{
	int k = snprintf(out + *len, cap - *len, "%s", s);

	*len = k < 0 || (size_t)k >= cap - *len ? cap - 1 : *len + (size_t)k;
}

void chk_caps_text(const struct chk_caps *c, char *out, size_t cap)
{
	uint64_t both = c->permitted & c->inheritable, p = c->permitted & ~both,
		 i = c->inheritable & ~both;
	size_t len = 0;

	out[0] = '\0';
	if (cap < 2)
		return;
	if (both) {
		names_of(both, out, cap, &len);
		add_text(out, cap, &len, c->effective ? "=eip" : "=ip");
	}
	if (p) {
		add_text(out, cap, &len, len ? " " : "");
		names_of(p, out, cap, &len);
		add_text(out, cap, &len, c->effective ? "=ep" : "=p");
	}
	if (i) {
		add_text(out, cap, &len, len ? " " : "");
		names_of(i, out, cap, &len);
		add_text(out, cap, &len, "=i");
	}
	if (!len)
		add_text(out, cap, &len, "(none)");
	if (c->has_rootid) {
		char r[32];

		snprintf(r, sizeof(r), " [rootid=%u]", c->rootid);
		add_text(out, cap, &len, r);
	}
}

/* ---- FS-010 ---- */

/* The default set of an OS family: path -> the capabilities it may hold. */
struct cap_defaults {
	struct ia_buf list;
	struct ia_hmap paths; /* -> index into masks */
	uint64_t *masks;
	size_t n, cap;
	bool loaded;
};

/* Reads data/caps/FAMILY.txt: "PATH cap_a,cap_b" a line. */
static int load_defaults(const char *family, struct cap_defaults *d, struct ia_err *err)
{
	struct ia_lines c;
	const char *l;
	size_t n;
	char rel[64];

	snprintf(rel, sizeof(rel), "caps/%s.txt", family);
	if (ia_data_read(rel, FS_MAX_CAPS_LIST, &d->list, err) < 0)
		return -1;
	ia_lines_init(&c, d->list.data, d->list.len);
	while (ia_lines_next(&c, &l, &n) > 0) {
		size_t pl;
		uint64_t mask = 0;

		ia_trim(&l, &n);
		if (!n || l[0] == '#')
			continue;
		pl = strcspn(l, " \t");
		if (pl >= n)
			continue;
		for (size_t k = pl; k < n;) {
			size_t s, e;

			while (k < n && (l[k] == ' ' || l[k] == '\t' || l[k] == ','))
				k++;
			s = k;
			while (k < n && l[k] != ',' && l[k] != ' ' && l[k] != '\t')
				k++;
			e = k;
			if (e > s && chk_cap_bit(l + s, e - s) >= 0)
				mask |= 1ull << chk_cap_bit(l + s, e - s);
		}
		/* the list is ours: terminate each path in place for the map's keys */
		((char *)l)[pl] = '\0';
		ia_grow(&d->masks, sizeof(*d->masks), d->n + 1, &d->cap);
		d->masks[d->n] = mask;
		ia_hmap_put(&d->paths, l, (uint32_t)d->n++);
	}
	d->loaded = true;
	return 0;
}

static void release_defaults(struct cap_defaults *d)
{
	ia_hmap_release(&d->paths);
	free(d->masks);
	ia_buf_release(&d->list);
}

/* What FS-010 saw of the image. */
struct caps_scan {
	size_t files, with_caps, defaults, gaps;
	size_t not_exec;  /* regular files without an execute bit: not read */
	bool unsupported; /* the directory's filesystem keeps no extended attributes */
	const char *family;
	struct cap_defaults def;
	bool no_defaults; /* family unknown, or no data/caps list for it */
	char no_defaults_why[256];
	size_t not_compared;
};

static void cap_gap(struct chk_ctx *ctx, struct caps_scan *s, const char *path, const char *why)
{
	if (s->gaps++ < FS_MAX_CAP_GAPS)
		chk_gap(ctx, path, 0, "%s: its capabilities are not examined", why);
}

/* One file with a decoded capability value: compared with the default set, reported. */
static void judge(struct chk_ctx *ctx, struct caps_scan *s, const struct tgt_entry *e,
		  const struct chk_caps *c)
{
	uint64_t granted = c->permitted | c->inheritable, danger;
	char text[512], fix[FAM_MAX_FIX];
	uint32_t idx;

	if (!granted)
		return; /* no capability set: grants nothing */
	s->with_caps++;
	if (s->no_defaults) {
		s->not_compared++;
		return;
	}
	if (ia_hmap_get(&s->def.paths, e->path, strlen(e->path), &idx) &&
	    (granted & ~s->def.masks[idx]) == 0) {
		s->defaults++;
		return;
	}
	chk_caps_text(c, text, sizeof(text));
	danger = chk_caps_dangerous(granted);
	{
		char dn[256] = "";
		size_t dl = 0;
		const struct chk_detail d[] = {{"capabilities", text},
					       {"root_equivalent", danger ? dn : "none"}};

		names_of(danger, dn, sizeof(dn), &dl);
		chk_report_detail(ctx, danger ? FND_SEV_HIGH : chk_severity(ctx->opts, ctx->cur), d,
				  IA_ARRAY_SIZE(d), e->path, 0, text,
				  fam_fix(fix,
					  "setcap -r %s, or remove the program if it is not needed",
					  e->path),
				  "file capabilities %s on %s are not in %s's default set%s", text,
				  e->path, s->family, danger ? ": they give root's power" : "");
	}
}

/* The capability of one regular file, read and judged. */
static void scan_file(struct chk_ctx *ctx, struct caps_scan *s, const struct tgt_entry *e)
{
	unsigned char v[64];
	ssize_t n = tgt_xattr_get(ctx->tgt, e, "security.capability", v, sizeof(v));
	struct chk_caps c;
	const char *why;

	s->files++;
	if (n == -ENODATA)
		return;
	if (n == -ENOTSUP) {
		s->unsupported = true;
		return;
	}
	if (n == -ERANGE) {
		cap_gap(ctx, s, e->path, "security.capability malformed: longer than any revision");
		return;
	}
	if (n < 0) {
		char m[160];

		snprintf(m, sizeof(m), "extended attributes not read (%s)", ia_strerror((int)n));
		cap_gap(ctx, s, e->path, m);
		return;
	}
	if (chk_caps_decode(v, (size_t)n, &c, &why) < 0) {
		char m[160];

		snprintf(m, sizeof(m), "security.capability malformed: %s", why);
		cap_gap(ctx, s, e->path, m);
		return;
	}
	judge(ctx, s, e, &c);
}

void chk_run_file_caps(struct chk_ctx *ctx)
{
	struct caps_scan s = {.family = ctx->facts->os.family};
	struct ia_err err = {0};

	if (!s.family || !*s.family) {
		s.no_defaults = true;
		snprintf(s.no_defaults_why, sizeof(s.no_defaults_why), "the OS family is unknown");
	} else if (load_defaults(s.family, &s.def, &err) < 0) {
		s.no_defaults = true;
		snprintf(s.no_defaults_why, sizeof(s.no_defaults_why),
			 "no default set for OS family '%.32s' (%.160s)", s.family, err.msg);
	}
	for (size_t i = 0; i < tgt_count(ctx->tgt) && !s.unsupported; i++) {
		const struct tgt_entry *e = tgt_at(ctx->tgt, i);

		/* the kernel gives a file's capabilities when it is executed (execve): a file no
		 * one may execute holds none that act */
		if (S_ISREG(e->mode) && (e->mode & 0111))
			scan_file(ctx, &s, e);
		else if (S_ISREG(e->mode))
			s.not_exec++;
	}
	if (s.unsupported)
		chk_gap(ctx, NULL, 0,
			"the filesystem holding this directory keeps no extended attributes "
			"(listxattr: not supported): file capabilities not examined");
	if (s.gaps > FS_MAX_CAP_GAPS)
		chk_gap(ctx, NULL, 0, "%zu more files whose capabilities could not be read",
			s.gaps - FS_MAX_CAP_GAPS);
	if (s.not_compared)
		chk_gap(ctx, NULL, 0, "%zu files with capabilities not compared: %s",
			s.not_compared, s.no_defaults_why);
	if (!s.unsupported && s.no_defaults)
		chk_note(ctx,
			 "security.capability of %zu executable files read: %zu with capabilities "
			 "(%zu regular files without an execute bit not read: capabilities act "
			 "when a file is executed)",
			 s.files, s.with_caps, s.not_exec);
	else if (!s.unsupported)
		chk_note(ctx,
			 "security.capability of %zu executable files read: %zu with capabilities, "
			 "%zu of them in data/caps/%s.txt (%zu regular files without an execute "
			 "bit not read: capabilities act when a file is executed)",
			 s.files, s.with_caps, s.defaults, s.family, s.not_exec);
	if (tgt_config(ctx->tgt))
		chk_note(ctx, "a container image's capabilities are those its layers' tar headers "
			      "record (pax SCHILY.xattr.security.capability, as docker save writes "
			      "them)");
	release_defaults(&s.def);
}
