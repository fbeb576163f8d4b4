/* containers.c — checks of the containers family: image config, base image, tools, remote shells */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/common.h"

#include <sys/stat.h>
#include <time.h>

#include "checks/fam_util.h"
#include "checks/families.h"
#include "facts/facts.h"
#include "target/target.h"

#include "util/banned.h"

static const struct tgt_image_config *config_or_absent(struct chk_ctx *ctx)
{
	const struct tgt_image_config *c = tgt_config(ctx->tgt);

	if (!c)
		chk_absent(ctx, "not a container image: no image configuration to examine");
	return c;
}

/* ---- CTR-001: runs as root ---- */

static bool user_is_root(const char *u)
{
	size_t n = strcspn(u, ":");

	return n == 0 || (n == 4 && memcmp(u, "root", 4) == 0) || (n == 1 && u[0] == '0');
}

static void run_root(struct chk_ctx *ctx)
{
	const struct tgt_image_config *c = config_or_absent(ctx);

	if (!c || !user_is_root(c->user))
		return;
	chk_report(ctx, "", 0, c->user, NULL, "the image runs as root (%s)",
		   c->user[0] ? c->user : "no USER set");
}

/* ---- CTR-002: remote shell ports exposed ---- */

static const struct {
	unsigned port;
	const char *what;
} shell_ports[] = {
	{22, "SSH"},     {23, "telnet"}, {512, "rexec"},
	{513, "rlogin"}, {514, "rsh"},   {2222, "SSH (alternate port)"},
	{3389, "RDP"},   {5900, "VNC"},
};

static void run_ports(struct chk_ctx *ctx)
{
	const struct tgt_image_config *c = config_or_absent(ctx);

	if (!c)
		return;
	for (size_t i = 0; i < c->n_exposed_ports; i++) {
		const char *p = c->exposed_ports[i];
		size_t n = strcspn(p, "/");
		unsigned port = 0;
		bool ok = n > 0 && n <= 5;

		for (size_t j = 0; ok && j < n; j++) {
			ok = p[j] >= '0' && p[j] <= '9';
			port = port * 10 + (unsigned)(p[j] - '0');
		}
		if (!ok || (p[n] == '/' && strcmp(p + n + 1, "tcp") != 0))
			continue;
		for (size_t j = 0; j < IA_ARRAY_SIZE(shell_ports); j++)
			if (shell_ports[j].port == port)
				chk_report(ctx, "", 0, p, NULL,
					   "the image exposes port %s (%s remote shell)", p,
					   shell_ports[j].what);
	}
}

/* ---- CTR-003: image older than the maximum lifetime ---- */

static void run_age(struct chk_ctx *ctx)
{
	const struct tgt_image_config *c = config_or_absent(ctx);
	int64_t max_days, now, age;
	char v[96];

	if (!c)
		return;
	max_days = ctx->opts && ctx->opts->max_image_age_days ? ctx->opts->max_image_age_days
							      : CHK_MAX_IMAGE_AGE_DEFAULT;
	if (max_days < 0) {
		chk_gap(ctx, NULL, 0, "image age not checked: turned off (--max-age 0)");
		return;
	}
	now = ctx->opts && ctx->opts->now ? ctx->opts->now : (int64_t)time(NULL);
	if (c->created_ts <= 0) {
		/* reproducible builds record the epoch: the age is unknown, not 56 years */
		chk_gap(ctx, NULL, 0, "image creation date %s: age unknown",
			c->created[0] ? "is the epoch or unreadable" : "not recorded");
		return;
	}
	age = (now - c->created_ts) / 86400;
	if (age <= max_days)
		return;
	snprintf(v, sizeof(v), "%.64s", c->created);
	chk_report(ctx, "", 0, v, NULL,
		   "the image was built %lld days ago, past the maximum lifetime of %lld days",
		   (long long)age, (long long)max_days);
}

/* ---- CTR-004: base image not in the allow-list ---- */

/* The name a label gives the base image ("org.opencontainers.image.base.name=..."), or NULL. */
static const char *base_name(const struct tgt_image_config *c)
{
	static const char key[] = "org.opencontainers.image.base.name=";

	for (size_t i = 0; i < c->n_labels; i++)
		if (strncmp(c->labels[i], key, sizeof(key) - 1) == 0 &&
		    c->labels[i][sizeof(key) - 1])
			return c->labels[i] + sizeof(key) - 1;
	return NULL;
}

/* Docker's normalisation: "debian:12" is "docker.io/library/debian:12". */
static void normalise_ref(const char *ref, char *out, size_t cap)
{
	const char *slash = strchr(ref, '/');
	size_t first = slash ? (size_t)(slash - ref) : 0;
	bool registry = slash && (memchr(ref, '.', first) || memchr(ref, ':', first) ||
				  (first == 9 && memcmp(ref, "localhost", 9) == 0));

	if (registry)
		snprintf(out, cap, "%s", ref);
	else if (slash)
		snprintf(out, cap, "docker.io/%s", ref);
	else
		snprintf(out, cap, "docker.io/library/%s", ref);
}

/* true when allowed (a repository or a prefix of repositories) covers ref */
static bool ref_allowed(const char *allowed, const char *ref)
{
	char a[IA_MAX_EVIDENCE], r[IA_MAX_EVIDENCE];
	size_t an;

	normalise_ref(allowed, a, sizeof(a));
	normalise_ref(ref, r, sizeof(r));
	an = strlen(a);
	while (an && a[an - 1] == '/')
		a[--an] = '\0';
	if (strncmp(r, a, an) != 0)
		return false;
	return r[an] == '\0' || r[an] == ':' || r[an] == '@' || r[an] == '/' || a[an - 1] == ':' ||
	       a[an - 1] == '@';
}

static void run_base(struct chk_ctx *ctx)
{
	const struct tgt_image_config *c = config_or_absent(ctx);
	const char *base;

	if (!c)
		return;
	if (!ctx->opts || !ctx->opts->n_base_images) {
		chk_gap(ctx, NULL, 0,
			"base image not checked: no allow-list of base images given "
			"(--allow-base)");
		return;
	}
	base = base_name(c);
	if (!base) {
		chk_gap(ctx, NULL, 0,
			"the image does not name its base image (label "
			"org.opencontainers.image.base.name absent)");
		return;
	}
	for (size_t i = 0; i < ctx->opts->n_base_images; i++)
		if (ref_allowed(ctx->opts->base_images[i], base))
			return;
	chk_report(ctx, "", 0, base, NULL, "base image %s is not in the allow-list", base);
}

/* ---- CTR-005: build and debug tools ---- */

static const struct tool {
	const char *what;
	const char *pkgs[4];
	const char *bins[4]; /* names looked up in the usual bin directories */
} tools[] = {
	{"C compiler", {"gcc", "gcc-12", "clang", "tcc"}, {"gcc", "clang", "tcc", "cc"}},
	{"C++ compiler", {"g++", "g++-12", "gcc-c++"}, {"g++", "clang++", "c++"}},
	{"Go toolchain", {"golang-go", "golang", "go"}, {"go"}},
	{"Rust compiler", {"rustc", "rust", "cargo"}, {"rustc", "cargo"}},
	{"build tool", {"make", "cmake", "autoconf", "build-essential"}, {"make", "cmake"}},
	{"debugger", {"gdb", "lldb", "valgrind"}, {"gdb", "lldb", "valgrind"}},
	{"system call tracer", {"strace", "ltrace"}, {"strace", "ltrace"}},
	{"packet capture tool", {"tcpdump", "wireshark", "tshark"}, {"tcpdump", "tshark"}},
	{"netcat",
	 {"netcat-openbsd", "netcat-traditional", "nmap-ncat", "ncat"},
	 {"nc", "netcat", "ncat"}},
	{"network scanner", {"nmap", "masscan"}, {"nmap", "masscan"}},
	{"socket relay", {"socat"}, {"socat"}},
};

static const char *const bin_dirs[] = {"/usr/bin", "/bin",           "/usr/sbin",
				       "/sbin",    "/usr/local/bin", "/usr/local/sbin"};

/* A binary of the tool outside any package: a regular file, or a link not to busybox
 * (busybox applets are part of the base system and cannot be removed one by one). */
static const char *tool_binary(struct chk_ctx *ctx, const char *name, char *buf, size_t cap)
{
	for (size_t d = 0; d < IA_ARRAY_SIZE(bin_dirs); d++) {
		const struct tgt_entry *e, *to;

		snprintf(buf, cap, "%s/%s", bin_dirs[d], name);
		if (tgt_lookup(ctx->tgt, buf, TGT_NOFOLLOW, &e) < 0)
			continue;
		if (S_ISLNK(e->mode) &&
		    (!e->link || strcmp(fam_basename(e->link), "busybox") == 0 ||
		     tgt_lookup(ctx->tgt, buf, 0, &to) < 0 ||
		     strcmp(fam_basename(to->path), "busybox") == 0))
			continue;
		if (S_ISREG(e->mode) || S_ISLNK(e->mode))
			return buf;
	}
	return NULL;
}

/* "apt-get purge %s" and the like for the image's package manager (a fam_fix template). */
static const char *purge_tmpl(struct chk_ctx *ctx, char buf[160], const char *then)
{
	static const char *const fam[] = {"debian", "alpine", "rhel", "suse"};
	static const char *const cmd[] = {"apt-get purge %s", "apk del %s", "dnf remove %s",
					  "zypper remove %s"};
	const char *f = ctx->facts->os.family;

	for (size_t i = 0; i < IA_ARRAY_SIZE(fam); i++)
		if (f && strcmp(f, fam[i]) == 0) {
			snprintf(buf, 160, "%s%s", cmd[i], then);
			return buf;
		}
	return NULL;
}

static void run_tools(struct chk_ctx *ctx)
{
	for (size_t i = 0; i < IA_ARRAY_SIZE(tools); i++) {
		const struct tool *t = &tools[i];
		bool found = false;

		for (size_t j = 0; j < IA_ARRAY_SIZE(t->pkgs) && t->pkgs[j]; j++) {
			const struct inv_pkg *p = inv_pkg_find(ctx->facts, t->pkgs[j]);
			char v[IA_MAX_EVIDENCE], fix[FAM_MAX_FIX], tb[160];
			const char *tmpl = purge_tmpl(ctx, tb,
						      " in the final stage (use a multi-stage "
						      "build: compile in a builder stage)");

			if (!p)
				continue;
			snprintf(v, sizeof(v), "%s %s", p->name, p->version);
			chk_report(ctx, p->db_path, p->db_line, v,
				   tmpl ? fam_fix(fix, tmpl, p->name) : NULL,
				   "%s installed in the image: package %s", t->what, p->name);
			found = true;
		}
		for (size_t j = 0; !found && j < IA_ARRAY_SIZE(t->bins) && t->bins[j]; j++) {
			char path[64], fix[FAM_MAX_FIX];
			const char *where = tool_binary(ctx, t->bins[j], path, sizeof(path));

			if (!where || inv_owner(ctx->facts, where))
				continue; /* package-owned binaries were reported through the
					     package */
			chk_report(ctx, where, 0, t->bins[j],
				   fam_fix(fix,
					   "rm -f %s in the final stage (use a multi-stage build: "
					   "copy only the artefacts into the final image)",
					   where),
				   "%s present in the image: %s", t->what, where);
			found = true;
		}
	}
}

/* ---- CTR-006: remote shell server in a container image ---- */

static const char *const shell_pkgs[] = {"openssh-server", "dropbear",          "dropbear-bin",
					 "telnetd",        "inetutils-telnetd", "telnet-server",
					 "tinysshd"};
static const char *const shell_bins[] = {"/usr/sbin/sshd", "/usr/sbin/dropbear",
					 "/usr/sbin/in.telnetd", "/usr/sbin/telnetd"};

/* The first remote shell server of the image, as "package openssh-server" or a path, in buf;
 * NULL when there is none. */
static const char *remote_shell(struct chk_ctx *ctx, char *buf, size_t cap)
{
	for (size_t i = 0; i < IA_ARRAY_SIZE(shell_pkgs); i++)
		if (inv_pkg_find(ctx->facts, shell_pkgs[i])) {
			snprintf(buf, cap, "package %s", shell_pkgs[i]);
			return buf;
		}
	for (size_t i = 0; i < IA_ARRAY_SIZE(shell_bins); i++)
		if (fam_file(ctx, shell_bins[i], NULL)) {
			snprintf(buf, cap, "%s", shell_bins[i]);
			return buf;
		}
	return NULL;
}

static void run_remote_shell(struct chk_ctx *ctx)
{
	static const char *const units[] = {"ssh.service",   "sshd.service",
					    "ssh.socket",    "dropbear.service",
					    "telnet.socket", "inetutils-telnetd.service"};
	const struct tgt_image_config *c = tgt_config(ctx->tgt);
	char what[96];
	bool found = false;

	/* SR-3.5 is about container images; a VM image needs its SSH server. A directory or host
	 * may be either: without a server the clause holds, with one it cannot be decided here. */
	if (!c) {
		if (remote_shell(ctx, what, sizeof(what)))
			chk_gap(ctx, NULL, 0,
				"not a container image, and it has a remote shell server (%s): "
				"allowed in a VM image, not in a container image; audit the "
				"container image itself",
				what);
		else
			chk_note(ctx, "no remote shell server (SSH, telnet) in the image");
		return;
	}
	for (size_t i = 0; i < IA_ARRAY_SIZE(shell_pkgs); i++) {
		const struct inv_pkg *p = inv_pkg_find(ctx->facts, shell_pkgs[i]);
		char v[IA_MAX_EVIDENCE], fix[FAM_MAX_FIX], tb[160];
		const char *tmpl =
			purge_tmpl(ctx, tb, "; use docker exec / kubectl exec for access");

		if (!p)
			continue;
		snprintf(v, sizeof(v), "%s %s", p->name, p->version);
		chk_report(
			ctx, p->db_path, p->db_line, v, tmpl ? fam_fix(fix, tmpl, p->name) : NULL,
			"remote shell server installed in a container image: package %s", p->name);
		found = true;
	}
	for (size_t i = 0; !found && i < IA_ARRAY_SIZE(shell_bins); i++) {
		if (fam_file(ctx, shell_bins[i], NULL)) {
			chk_report(ctx, shell_bins[i], 0, "", NULL,
				   "remote shell server in a container image: %s", shell_bins[i]);
			found = true;
		}
	}
	for (size_t i = 0; i < IA_ARRAY_SIZE(units); i++) {
		const char *where = fam_unit_enabled(ctx, units[i]);

		if (where)
			chk_report(ctx, where, 0, units[i], NULL,
				   "remote shell service %s enabled in a container image",
				   units[i]);
	}
}

static const struct chk_def containers_checks[] = {
	{
		.id = "CTR-001",
		.title = "container runs as root",
		.severity = FND_SEV_MEDIUM,
		.clauses = CHK_CLAUSES("SR-2.6"),
		.examines = "image config User (empty, root, 0)",
		.remediation = "Add a USER instruction with an unprivileged account (USER 10001 or "
			       "USER app)",
		.run = run_root,
	},
	{
		.id = "CTR-002",
		.title = "remote shell port exposed",
		.severity = FND_SEV_MEDIUM,
		.clauses = CHK_CLAUSES("SR-3.5"),
		.examines = "image config ExposedPorts: 22, 23, 512-514, 2222 (SSH, telnet, "
			    "r-services), 3389, 5900",
		.remediation = "Remove the EXPOSE of remote shell ports; use docker exec / kubectl "
			       "exec for access",
		.run = run_ports,
	},
	{
		.id = "CTR-003",
		.title = "image older than the maximum lifetime",
		.severity = FND_SEV_MEDIUM,
		.clauses = CHK_CLAUSES("SR-3.6"),
		.examines = "image config created, against the maximum age (--max-age, default 90 "
			    "days)",
		.remediation = "Rebuild the image from an updated base and redeploy it",
		.run = run_age,
	},
	{
		.id = "CTR-004",
		.title = "base image not in the allow-list",
		.severity = FND_SEV_HIGH,
		.clauses = CHK_CLAUSES("SR-3.1-3.2"),
		.examines = "label org.opencontainers.image.base.name against the base images the "
			    "user allows (--allow-base)",
		.remediation = "Build FROM an allowed base image, and record it with the label "
			       "org.opencontainers.image.base.name",
		.run = run_base,
	},
	{
		.id = "CTR-005",
		.title = "build or debug tool in a production image",
		.severity = FND_SEV_LOW,
		.clauses = CHK_CLAUSES("SR-7.2"),
		.examines = "packages and binaries in /usr/bin, /bin, /usr/sbin, /sbin, "
			    "/usr/local/{bin,sbin}: compilers, make, cmake, debuggers, strace, "
			    "tcpdump, netcat, nmap, socat (busybox applets excepted)",
		.remediation =
			"Use a multi-stage build: compile in a builder stage and copy only the "
			"artefacts into the final image; remove the tools (apt-get purge ...)",
		.run = run_tools,
	},
	{
		.id = "CTR-006",
		.title = "remote shell server in a container image",
		.severity = FND_SEV_MEDIUM,
		.clauses = CHK_CLAUSES("SR-3.5"),
		.examines =
			"packages openssh-server, dropbear, telnetd; /usr/sbin/sshd, dropbear, "
			"in.telnetd; ssh/dropbear/telnet units enabled (a finding in container "
			"images; in a directory or the host a server leaves SR-3.5 not examined)",
		.remediation = "Remove the SSH or telnet server from the image (apt-get purge "
			       "openssh-server); use docker exec / kubectl exec",
		.run = run_remote_shell,
	},
};
const struct chk_family chk_family_containers = {
	.name = "containers",
	.checks = containers_checks,
	.n_checks = IA_ARRAY_SIZE(containers_checks),
};
