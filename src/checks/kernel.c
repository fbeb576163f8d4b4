/* kernel.c — checks of the kernel family: sysctl hardening settings kept in files */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/common.h"

#include <fnmatch.h>
#include <sys/stat.h>

#include "checks/fam_util.h"
#include "checks/families.h"
#include "target/target.h"
#include "util/str.h"

#include "util/banned.h"

/*
 * The settings are read the way systemd-sysctl and `sysctl --system` apply
 * them: *.conf in /etc/sysctl.d, /usr/local/lib/sysctl.d, /usr/lib/sysctl.d
 * and /lib/sysctl.d, a file in an earlier directory hiding one of the same
 * name in a later one (a link to /dev/null masks it), all applied in file-name
 * order, then /etc/sysctl.conf (unless a sysctl.d link already applied it).
 * The last assignment of a key wins.
 */

enum kkey {
	K_IP_FORWARD,
	K_IP4_ALL_FORWARDING,
	K_IP6_ALL_FORWARDING,
	K_IP4_ALL_REDIRECTS,
	K_IP4_DEF_REDIRECTS,
	K_IP6_ALL_REDIRECTS,
	K_IP6_DEF_REDIRECTS,
	K_KPTR_RESTRICT,
	K_RANDOMIZE_VA,
	K_SUID_DUMPABLE,
	K_N,
};

static const char *const kkey_name[K_N] = {
	"net.ipv4.ip_forward",
	"net.ipv4.conf.all.forwarding",
	"net.ipv6.conf.all.forwarding",
	"net.ipv4.conf.all.accept_redirects",
	"net.ipv4.conf.default.accept_redirects",
	"net.ipv6.conf.all.accept_redirects",
	"net.ipv6.conf.default.accept_redirects",
	"kernel.kptr_restrict",
	"kernel.randomize_va_space",
	"fs.suid_dumpable",
};

/* The kernel's value when nothing sets the key. */
static const int64_t kkey_default[K_N] = {0, 0, 0, 1, 1, 1, 1, 0, 2, 0};

struct kset {
	bool set;
	int64_t value;
	char path[IA_MAX_PATH];
	unsigned line;
};

struct sysctl_file {
	const char *name; /* basename */
	const char *path;
};

/* What the sysctl files set: parsed once per audit and shared by the family's checks. */
struct sysctl_state {
	struct kset k[K_N];
};

/* The files to apply while loading, hidden ones dropped. */
struct sysctl_files {
	struct sysctl_file *v;
	size_t n, cap;
};

static void sysctl_assign(struct chk_ctx *ctx, struct sysctl_state *s, const char *path,
			  unsigned line, const char *key, const char *v, size_t vn)
{
	for (size_t i = 0; i < K_N; i++) {
		int64_t val;

		if (fnmatch(key, kkey_name[i], 0) != 0)
			continue;
		if (ia_parse_i64(v, vn, INT32_MIN, INT32_MAX, &val) < 0) {
			chk_gap_clauses(ctx, ctx->cur->clause_list, false, path, line,
					"value of %s is not a number", kkey_name[i]);
			continue;
		}
		s->k[i].set = true;
		s->k[i].value = val;
		snprintf(s->k[i].path, sizeof(s->k[i].path), "%s", path);
		s->k[i].line = line;
	}
}

static void sysctl_file(struct chk_ctx *ctx, struct sysctl_state *s, const char *path)
{
	struct ia_buf b = IA_BUF_INIT(FAM_MAX_CONF);
	struct fam_text t;
	const char *l;
	size_t n;

	if (fam_read(ctx, path, FAM_MAX_CONF, &b) < 0)
		goto done;
	fam_text_init(&t, path, &b);
	while (fam_next_line(ctx, &t, &l, &n)) {
		const char *k, *v;
		size_t kn, vn;
		char key[256];

		if (n == 0 || l[0] == '#' || l[0] == ';')
			continue;
		if (!ia_split(l, n, '=', &k, &kn, &v, &vn)) {
			chk_gap_clauses(ctx, ctx->cur->clause_list, false, path, t.c.lineno,
					"line ignored by sysctl: no '='");
			continue;
		}
		ia_trim(&k, &kn);
		ia_trim(&v, &vn);
		if (kn && k[0] == '-') { /* "-key = v": errors ignored, still applied */
			k++;
			kn--;
		}
		if (kn == 0 || kn >= sizeof(key))
			continue;
		for (size_t i = 0; i < kn; i++)
			key[i] = k[i] == '/' ? '.' : k[i];
		key[kn] = '\0';
		sysctl_assign(ctx, s, path, t.c.lineno, key, v, vn);
	}
done:
	ia_buf_release(&b);
}

static void sysctl_collect(struct chk_ctx *ctx, const struct tgt_entry *e, void *arg)
{
	struct sysctl_files *fs = arg;
	const char *name = fam_basename(e->path);
	size_t nl = strlen(name);

	if (nl < 6 || strcmp(name + nl - 5, ".conf") != 0)
		return;
	for (size_t i = 0; i < fs->n; i++)
		if (strcmp(fs->v[i].name, name) == 0)
			return; /* hidden by an earlier directory */
	ia_grow(&fs->v, sizeof(*fs->v), fs->n + 1, &fs->cap);
	fs->v[fs->n].name = name;
	fs->v[fs->n].path = e->path;
	fs->n++;
}

static int sysctl_file_cmp(const void *a, const void *b)
{
	return strcmp(((const struct sysctl_file *)a)->name, ((const struct sysctl_file *)b)->name);
}

static bool container_image(struct chk_ctx *ctx)
{
	if (!tgt_config(ctx->tgt))
		return false;
	chk_absent(ctx, "container image: its sysctl files are not applied; the container runtime "
			"and the host set kernel parameters");
	return true;
}

/* Reads every sysctl file of the image into s. */
static void sysctl_load(struct chk_ctx *ctx, struct sysctl_state *s)
{
	static const char *const dirs[] = {"/etc/sysctl.d", "/usr/local/lib/sysctl.d",
					   "/usr/lib/sysctl.d", "/lib/sysctl.d"};
	const struct tgt_entry *conf = NULL, *e;
	struct sysctl_files fs = {0};
	bool conf_done = false;

	for (size_t d = 0; d < IA_ARRAY_SIZE(dirs); d++)
		fam_children(ctx, dirs[d], sysctl_collect, &fs);
	if (fs.n)
		qsort(fs.v, fs.n, sizeof(*fs.v), sysctl_file_cmp);
	if (tgt_lookup(ctx->tgt, "/etc/sysctl.conf", 0, &e) == 0)
		conf = e;
	for (size_t i = 0; i < fs.n; i++) {
		const char *path = fs.v[i].path;

		if (tgt_lookup(ctx->tgt, path, TGT_NOFOLLOW, &e) == 0 && S_ISLNK(e->mode) &&
		    e->link && strcmp(e->link, "/dev/null") == 0)
			continue; /* masked */
		if (conf && tgt_lookup(ctx->tgt, path, 0, &e) == 0 && e == conf)
			conf_done = true;
		sysctl_file(ctx, s, path);
	}
	if (conf && !conf_done)
		sysctl_file(ctx, s, "/etc/sysctl.conf");
	free(fs.v);
}

/* The settings, read once per audit by the first check of the family that runs (KERN-001 in
 * catalogue order): it alone records what could not be read, so a malformed file is reported
 * once; the others share what it found. Owned by ctx->state. */
static const struct sysctl_state *sysctl_get(struct chk_ctx *ctx)
{
	struct sysctl_state *s = chk_memo_get(ctx, "kernel.sysctl");

	if (s)
		return s;
	s = ia_xcalloc(1, sizeof(*s));
	sysctl_load(ctx, s);
	chk_memo_put(ctx, "kernel.sysctl", s, free);
	return s;
}

/* Reports key i when set to a value for which bad() holds. */
static void report_set(struct chk_ctx *ctx, const struct sysctl_state *s, enum kkey i,
		       bool (*bad)(int64_t), const char *why)
{
	char value[320];

	if (!s->k[i].set || !bad(s->k[i].value))
		return;
	snprintf(value, sizeof(value), "%s = %lld", kkey_name[i], (long long)s->k[i].value);
	chk_report(ctx, s->k[i].path, s->k[i].line, value, NULL, "%s: %s", value, why);
}

static bool nonzero(int64_t v)
{
	return v != 0;
}
static bool zero(int64_t v)
{
	return v == 0;
}
static bool below2(int64_t v)
{
	return v < 2;
}
static bool one(int64_t v)
{
	return v == 1;
}

static void run_forwarding(struct chk_ctx *ctx)
{
	const struct sysctl_state *s;

	if (container_image(ctx))
		return;
	s = sysctl_get(ctx);
	report_set(ctx, s, K_IP_FORWARD, nonzero, "the system routes packets between interfaces");
	report_set(ctx, s, K_IP4_ALL_FORWARDING, nonzero,
		   "the system routes packets between interfaces");
	report_set(ctx, s, K_IP6_ALL_FORWARDING, nonzero,
		   "the system routes IPv6 packets between interfaces");
}

static void run_redirects(struct chk_ctx *ctx)
{
	const struct sysctl_state *s;

	if (container_image(ctx))
		return;
	s = sysctl_get(ctx);
	for (enum kkey i = K_IP4_ALL_REDIRECTS; i <= K_IP6_DEF_REDIRECTS; i++)
		report_set(ctx, s, i, nonzero, "ICMP redirects can rewrite the routing table");
}

static void run_kptr(struct chk_ctx *ctx)
{
	const struct sysctl_state *s;

	if (container_image(ctx))
		return;
	s = sysctl_get(ctx);
	report_set(ctx, s, K_KPTR_RESTRICT, zero,
		   "kernel addresses are shown to processes without CAP_SYSLOG");
}

static void run_aslr(struct chk_ctx *ctx)
{
	const struct sysctl_state *s;

	if (container_image(ctx))
		return;
	s = sysctl_get(ctx);
	report_set(ctx, s, K_RANDOMIZE_VA, below2,
		   "address space layout randomisation is weakened or off");
}

static void run_suid_dump(struct chk_ctx *ctx)
{
	const struct sysctl_state *s;

	/* 2 ("suidsafe") is safe: the kernel then dumps only to a pipe or an absolute path,
	 * readable by root (systemd-coredump sets it so). 1 dumps as the user. */
	if (container_image(ctx))
		return;
	s = sysctl_get(ctx);
	report_set(ctx, s, K_SUID_DUMPABLE, one,
		   "SUID programs dump core as the calling user, exposing their memory");
}

static void run_defaults(struct chk_ctx *ctx)
{
	const struct sysctl_state *s;
	struct ia_buf unset = IA_BUF_INIT(IA_MAX_EVIDENCE);

	if (container_image(ctx))
		return;
	s = sysctl_get(ctx);
	/* Only accept_redirects: the one setting the standards name whose kernel default (1) is
	 * unsafe. kptr_restrict's default 0 is harmless on kernels that hash %p and restrict
	 * kallsyms through perf_event_paranoid (Debian, RHEL); reporting it would be noise. */
	for (enum kkey i = K_IP4_ALL_REDIRECTS; i <= K_IP6_DEF_REDIRECTS; i++)
		if (!s->k[i].set)
			ia_buf_addf(&unset, "%s%s", unset.len ? " " : "", kkey_name[i]);
	if (unset.len)
		chk_report(
			ctx, "", 0, unset.data, NULL,
			"no sysctl file sets %s: the kernel default %lld applies (ICMP redirects "
			"accepted)",
			unset.data, (long long)kkey_default[K_IP4_ALL_REDIRECTS]);
	ia_buf_release(&unset);
}

#define SYSCTL_FILES                                                                               \
	"/etc/sysctl.conf, /etc/sysctl.d, /usr/local/lib/sysctl.d, /usr/lib/sysctl.d, "            \
	"/lib/sysctl.d (*.conf, systemd-sysctl precedence)"

static const struct chk_def kernel_checks[] = {
	{
		.id = "KERN-001",
		.title = "IP forwarding enabled",
		.severity = FND_SEV_LOW,
		.clauses = CHK_CLAUSES("SR-2.1"),
		.examines = "net.ipv4.ip_forward, net.ipv4.conf.all.forwarding, "
			    "net.ipv6.conf.all.forwarding in " SYSCTL_FILES,
		.remediation = "Unless the image is a router or VPN gateway, remove the setting or "
			       "set it to 0 in /etc/sysctl.d/60-hardening.conf",
		.run = run_forwarding,
	},
	{
		.id = "KERN-002",
		.title = "ICMP redirects accepted by configuration",
		.severity = FND_SEV_LOW,
		.clauses = CHK_CLAUSES("SR-2.1"),
		.examines = "net.ipv{4,6}.conf.{all,default}.accept_redirects in " SYSCTL_FILES,
		.remediation = "Set net.ipv4.conf.all.accept_redirects = 0 and "
			       "net.ipv4.conf.default.accept_redirects = 0 (likewise net.ipv6) in "
			       "/etc/sysctl.d/60-hardening.conf",
		.run = run_redirects,
	},
	{
		.id = "KERN-003",
		.title = "kernel pointer restriction turned off",
		.severity = FND_SEV_LOW,
		.clauses = CHK_CLAUSES("SR-2.1"),
		.examines = "kernel.kptr_restrict in " SYSCTL_FILES,
		.remediation =
			"Set kernel.kptr_restrict = 1 (or 2) in /etc/sysctl.d/60-hardening.conf",
		.run = run_kptr,
	},
	{
		.id = "KERN-004",
		.title = "address space layout randomisation weakened",
		.severity = FND_SEV_MEDIUM,
		.clauses = CHK_CLAUSES("SR-2.1"),
		.examines = "kernel.randomize_va_space in " SYSCTL_FILES,
		.remediation = "Remove the setting or set kernel.randomize_va_space = 2",
		.run = run_aslr,
	},
	{
		.id = "KERN-005",
		.title = "core dumps of SUID programs allowed",
		.severity = FND_SEV_MEDIUM,
		.clauses = CHK_CLAUSES("SR-2.1"),
		.examines = "fs.suid_dumpable in " SYSCTL_FILES,
		.remediation = "Set fs.suid_dumpable = 0 (or 2 with a root-owned core_pattern pipe "
			       "such as systemd-coredump)",
		.run = run_suid_dump,
	},
	{
		.id = "KERN-006",
		.title = "ICMP redirects accepted by kernel default",
		.severity = FND_SEV_INFO,
		.clauses = CHK_CLAUSES("SR-2.1"),
		.examines =
			"whether any of " SYSCTL_FILES
			" sets net.ipv{4,6}.conf.{all,default}.accept_redirects (kernel default 1)",
		.remediation = "Set net.ipv4.conf.all.accept_redirects = 0 and "
			       "net.ipv4.conf.default.accept_redirects = 0 (likewise net.ipv6) in "
			       "/etc/sysctl.d/60-hardening.conf",
		.run = run_defaults,
	},
};
const struct chk_family chk_family_kernel = {
	.name = "kernel",
	.checks = kernel_checks,
	.n_checks = IA_ARRAY_SIZE(kernel_checks),
};
