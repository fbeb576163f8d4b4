/* kernel.c — checks of the kernel family: sysctl hardening settings kept in files */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/common.h"

#include <fnmatch.h>

#include "checks/fam_util.h"
#include "checks/families.h"
#include "facts/facts.h"
#include "target/target.h"
#include "util/str.h"

#include "util/banned.h"

/*
 * The settings come from the sysctl fact (facts/config.c), read the way
 * systemd-sysctl and `sysctl --system` apply them; the last assignment of a
 * key wins.
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
	const char *path;
	unsigned line;
};

/* What the sysctl files set for the keys of this family. */
struct sysctl_state {
	struct kset k[K_N];
};

static void sysctl_assign(struct chk_ctx *ctx, struct sysctl_state *s, bool report,
			  const struct inv_sysctl_set *a)
{
	for (size_t i = 0; i < K_N; i++) {
		int64_t val;

		if (fnmatch(a->key, kkey_name[i], 0) != 0)
			continue;
		if (ia_parse_i64(a->value, strlen(a->value), INT32_MIN, INT32_MAX, &val) < 0) {
			if (report)
				chk_gap_clauses(ctx, ctx->cur->clause_list, false, a->path, a->line,
						"value of %s is not a number", kkey_name[i]);
			continue;
		}
		s->k[i].set = true;
		s->k[i].value = val;
		s->k[i].path = a->path;
		s->k[i].line = a->line;
	}
}

static bool container_image(struct chk_ctx *ctx)
{
	if (!tgt_config(ctx->tgt))
		return false;
	chk_absent(ctx, "container image: its sysctl files are not applied; the container runtime "
			"and the host set kernel parameters");
	return true;
}

/* The settings of the family's keys from the sysctl fact. The first check of the family that
 * runs (KERN-001 in catalogue order) reports what could not be read in the files, and values
 * that are no number, as its gaps, so a malformed file is reported once. */
static void sysctl_get(struct chk_ctx *ctx, struct sysctl_state *s)
{
	const struct inv_sysctl *sc = &ctx->facts->sysctl;
	bool report = chk_fact_issues(ctx, &sc->issues);

	memset(s, 0, sizeof(*s));
	for (size_t a = 0; a < sc->n; a++)
		sysctl_assign(ctx, s, report, &sc->v[a]);
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
	struct sysctl_state st, *s = &st;

	if (container_image(ctx))
		return;
	sysctl_get(ctx, s);
	report_set(ctx, s, K_IP_FORWARD, nonzero, "the system routes packets between interfaces");
	report_set(ctx, s, K_IP4_ALL_FORWARDING, nonzero,
		   "the system routes packets between interfaces");
	report_set(ctx, s, K_IP6_ALL_FORWARDING, nonzero,
		   "the system routes IPv6 packets between interfaces");
}

static void run_redirects(struct chk_ctx *ctx)
{
	struct sysctl_state st, *s = &st;

	if (container_image(ctx))
		return;
	sysctl_get(ctx, s);
	for (enum kkey i = K_IP4_ALL_REDIRECTS; i <= K_IP6_DEF_REDIRECTS; i++)
		report_set(ctx, s, i, nonzero, "ICMP redirects can rewrite the routing table");
}

static void run_kptr(struct chk_ctx *ctx)
{
	struct sysctl_state st, *s = &st;

	if (container_image(ctx))
		return;
	sysctl_get(ctx, s);
	report_set(ctx, s, K_KPTR_RESTRICT, zero,
		   "kernel addresses are shown to processes without CAP_SYSLOG");
}

static void run_aslr(struct chk_ctx *ctx)
{
	struct sysctl_state st, *s = &st;

	if (container_image(ctx))
		return;
	sysctl_get(ctx, s);
	report_set(ctx, s, K_RANDOMIZE_VA, below2,
		   "address space layout randomisation is weakened or off");
}

static void run_suid_dump(struct chk_ctx *ctx)
{
	struct sysctl_state st, *s = &st;

	/* 2 ("suidsafe") is safe: the kernel then dumps only to a pipe or an absolute path,
	 * readable by root (systemd-coredump sets it so). 1 dumps as the user. */
	if (container_image(ctx))
		return;
	sysctl_get(ctx, s);
	report_set(ctx, s, K_SUID_DUMPABLE, one,
		   "SUID programs dump core as the calling user, exposing their memory");
}

static void run_defaults(struct chk_ctx *ctx)
{
	struct sysctl_state st, *s = &st;
	struct ia_buf unset = IA_BUF_INIT(IA_MAX_EVIDENCE);

	if (container_image(ctx))
		return;
	sysctl_get(ctx, s);
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
