/* walk.c — the index of a root directory or of the live host, by one walk with an explicit stack */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/common.h"

#include <dirent.h>
#include <fcntl.h>
#include <linux/magic.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "target/internal.h"
#include "util/banned.h"

/* statfs magics of filesystems that are kernel interfaces, not files of the system */
static const unsigned long pseudo_fs[] = {
	PROC_SUPER_MAGIC,
	SYSFS_MAGIC,
	DEVPTS_SUPER_MAGIC,
	CGROUP_SUPER_MAGIC,
	CGROUP2_SUPER_MAGIC,
	DEBUGFS_MAGIC,
	TRACEFS_MAGIC,
	SECURITYFS_MAGIC,
	BPF_FS_MAGIC,
	PSTOREFS_MAGIC,
	0x62656570 /* configfs */,
	0x65735543 /* fusectl */,
	0x19800202 /* mqueue */,
	BINFMTFS_MAGIC,
	HUGETLBFS_MAGIC,
	EFIVARFS_MAGIC,
	NSFS_MAGIC,
	0x0187 /* autofs */,
	SELINUX_MAGIC,
	SMACK_MAGIC,
};

/* top-level directories of the host that are never files of the system */
static const char *const host_skip[] = {"proc", "sys", "dev", "run"};

struct frame {
	DIR *d;
	size_t plen; /* length of the directory's path in the path buffer */
	dev_t dev;
	unsigned depth; /* of the directory: the root is 0 */
};

struct devtab {
	dev_t dev[64];
	unsigned n;
	unsigned last;
};

/* hard-link identity: the inode number with the index of its device in the top 16 bits */
static uint64_t file_id(struct devtab *dt, const struct stat *st)
{
	unsigned i;

	if (dt->n && dt->dev[dt->last] == st->st_dev)
		return ((uint64_t)dt->last << 48) | (st->st_ino & 0xffffffffffffull);
	for (i = 0; i < dt->n; i++)
		if (dt->dev[i] == st->st_dev)
			break;
	if (i == dt->n && dt->n < IA_ARRAY_SIZE(dt->dev))
		dt->dev[dt->n++] = st->st_dev;
	if (i >= IA_ARRAY_SIZE(dt->dev))
		i = IA_ARRAY_SIZE(dt->dev) -
		    1; /* 64+ filesystems: identity may merge, never splits */
	dt->last = i;
	return ((uint64_t)i << 48) | (st->st_ino & 0xffffffffffffull);
}

static void fill(struct tgt_entry *e, const struct stat *st, struct devtab *dt)
{
	e->mode = st->st_mode;
	e->uid = st->st_uid;
	e->gid = st->st_gid;
	e->size = S_ISREG(st->st_mode) || S_ISLNK(st->st_mode) ? (uint64_t)st->st_size : 0;
	e->mtime = st->st_mtim.tv_sec;
	e->nlink = st->st_nlink > UINT32_MAX ? UINT32_MAX : (uint32_t)st->st_nlink;
	e->file_id = file_id(dt, st);
}

/* Whether the filesystem of device dev is devtmpfs: its statfs magic is tmpfs's, so the type
 * comes from the kernel's mount table of this process. */
static bool is_devtmpfs(dev_t dev)
{
	FILE *f = fopen("/proc/self/mountinfo", "re");
	char line[8192];
	bool found = false, start = true;

	if (!f)
		return false;
	/* "ID PARENT MAJ:MIN ROOT MOUNTPOINT OPTIONS... - FSTYPE SOURCE SUPEROPTS" */
	while (!found && fgets(line, sizeof(line), f)) {
		bool whole = strchr(line, '\n') != NULL;
		char *p = line, *end;
		unsigned long maj, min;
		const char *sep;

		if (start) {
			for (int k = 0; k < 2 && p; k++)
				p = strchr(p, ' ') ? strchr(p, ' ') + 1 : NULL;
			maj = p ? strtoul(p, &end, 10) : 0;
			min = p && *end == ':' ? strtoul(end + 1, &end, 10) : 0;
			sep = strstr(line, " - ");
			found = p && *end == ' ' && sep && makedev(maj, min) == dev &&
				strncmp(sep + 3, "devtmpfs ", 9) == 0;
		}
		start = whole; /* the rest of a line longer than the buffer is skipped */
	}
	fclose(f);
	return found;
}

static bool is_pseudo(int fd)
{
	struct statfs sf;
	struct stat st;

	if (fstatfs(fd, &sf) != 0)
		return false;
	for (size_t i = 0; i < IA_ARRAY_SIZE(pseudo_fs); i++)
		if ((unsigned long)sf.f_type == pseudo_fs[i])
			return true;
	return (unsigned long)sf.f_type == TMPFS_MAGIC && fstat(fd, &st) == 0 &&
	       is_devtmpfs(st.st_dev);
}

/* Adds the entry path (length plen; name in directory dfd, stat st) to the index, with its
 * symlink target. */
static void add_walked(struct tgt *t, struct devtab *dt, int dfd, const char *name,
		       const char *path, size_t plen, const struct stat *st)
{
	char link[IA_MAX_PATH + 1];
	size_t ei;

	link[0] = '\0';
	if (S_ISLNK(st->st_mode)) {
		ssize_t n = readlinkat(dfd, name, link, sizeof(link) - 1);

		if (n < 0)
			n = 0;
		link[n] = '\0';
	}
	/* tgt_push may move t->v: the index first */
	ei = tgt_push(t, path, plen, S_ISLNK(st->st_mode) ? link : NULL);
	fill(&t->v[ei], st, dt);
}

/* Opens the root of the walk (the target directory, or / for the host) as entry "/" and as a
 * directory stream (*d, on device *dev). Returns 0 or a negative code (err set). */
static int open_root(struct tgt *t, bool host, struct devtab *dt, DIR **d, dev_t *dev,
		     struct ia_err *err)
{
	struct stat st;
	int r, fd;

	t->rootfd = open(host ? "/" : t->spec, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (t->rootfd < 0) {
		r = -errno;
		return ia_err_set(err, r, t->spec, 0, "cannot open directory: %s", strerror(-r));
	}
	if (fstat(t->rootfd, &st) != 0) {
		r = -errno;
		return ia_err_set(err, r, t->spec, 0, "cannot stat directory: %s", strerror(-r));
	}
	tgt_push(t, "/", 1, NULL);
	fill(&t->v[0], &st, dt);
	if (!host && is_pseudo(t->rootfd))
		return ia_err_set(err, -IA_EUNSUPPORTED, t->spec, 0,
				  "a pseudo filesystem (proc, sysfs, devtmpfs, ...), not an image");

	fd = dup(t->rootfd);
	*d = fd >= 0 ? fdopendir(fd) : NULL;
	if (!*d) {
		r = -errno;
		if (fd >= 0)
			close(fd);
		return ia_err_set(err, r, t->spec, 0, "cannot read directory: %s", strerror(-r));
	}
	*dev = st.st_dev;
	return 0;
}

/*
 * The directory path (entry name of directory f, stat st) opened to be walked, or NULL when it
 * is not (a pseudo filesystem, too deep, unreadable: noted or recorded as a problem).
 */
static DIR *open_subdir(struct tgt *t, bool host, const struct frame *f, int dfd, const char *name,
			const char *path, const struct stat *st)
{
	DIR *d;
	int fd;

	if (host && f->depth == 0) {
		bool skip = false;

		for (size_t i = 0; i < IA_ARRAY_SIZE(host_skip); i++)
			skip |= strcmp(name, host_skip[i]) == 0;
		if (skip) {
			ia_problem_add(&t->notes, "index", path, 0, 0,
				       "not walked: pseudo filesystem");
			return NULL;
		}
	}
	if (f->depth + 1 >= IA_MAX_DEPTH) {
		ia_problem_add(&t->problems, "index", path, 0, -IA_ETOOBIG,
			       "directory deeper than IA_MAX_DEPTH (%d): its contents are "
			       "not indexed",
			       IA_MAX_DEPTH);
		return NULL;
	}
	fd = openat(dfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0) {
		ia_problem_add(&t->problems, "index", path, 0, -errno, "cannot open directory: %s",
			       strerror(errno));
		return NULL;
	}
	/* in every directory target: a chroot with /proc mounted inside must not show
	 * the host's processes as files of the image */
	if (st->st_dev != f->dev && is_pseudo(fd)) {
		close(fd);
		ia_problem_add(&t->notes, "index", path, 0, 0, "not walked: pseudo filesystem");
		return NULL;
	}
	d = fdopendir(fd);
	if (!d) {
		ia_problem_add(&t->problems, "index", path, 0, -errno, "cannot read directory: %s",
			       strerror(errno));
		close(fd);
		return NULL;
	}
	return d;
}

int tgt_walk_dir(struct tgt *t, struct ia_err *err)
{
	const bool host = t->kind == TGT_HOST;
	char path[IA_MAX_PATH + 1];
	struct frame *stack = NULL;
	size_t sp = 0, scap = 0;
	struct devtab dt = {0};
	struct stat st;
	dev_t dev = 0;
	int r;
	DIR *d;

	r = open_root(t, host, &dt, &d, &dev, err);
	if (r < 0)
		return r;
	ia_grow(&stack, sizeof(*stack), 1, &scap);
	stack[sp++] = (struct frame){d, 0, dev, 0};
	path[0] = '\0';

	while (sp > 0) {
		struct frame *f = &stack[sp - 1];
		struct dirent *de;
		size_t nlen, plen;
		int dfd;

		errno = 0;
		de = readdir(f->d);
		if (!de) {
			if (errno) {
				path[f->plen] = '\0';
				ia_problem_add(&t->problems, "index", f->plen ? path : "/", 0,
					       -errno, "cannot read directory: %s",
					       strerror(errno));
			}
			closedir(f->d);
			sp--;
			continue;
		}
		if (de->d_name[0] == '.' &&
		    (de->d_name[1] == '\0' || (de->d_name[1] == '.' && de->d_name[2] == '\0')))
			continue;
		nlen = strlen(de->d_name);
		if (f->plen + 1 + nlen > IA_MAX_PATH) {
			path[f->plen] = '\0';
			ia_problem_add(
				&t->problems, "index", f->plen ? path : "/", 0, -ENAMETOOLONG,
				"entry name too long for %d bytes, not indexed", IA_MAX_PATH);
			continue;
		}
		plen = f->plen + 1 + nlen;
		path[f->plen] = '/';
		memcpy(path + f->plen + 1, de->d_name, nlen + 1);
		if (tgt_excluded(t, path, false))
			continue; /* --exclude: not indexed, a directory not walked */
		dfd = dirfd(f->d);
		if (fstatat(dfd, de->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
			ia_problem_add(&t->problems, "index", path, 0, -errno, "cannot stat: %s",
				       strerror(errno));
			continue;
		}
		if (t->len >= t->lim.max_entries) {
			/* at "/": what is not indexed may lie anywhere in the tree */
			ia_problem_add(&t->problems, "index", "/", 0, -IA_ETOOBIG,
				       "more than IA_MAX_ENTRIES (%u) entries: indexed up to %s, "
				       "the rest of the image is not",
				       t->lim.max_entries, path);
			break;
		}
		add_walked(t, &dt, dfd, de->d_name, path, plen, &st);
		if (!S_ISDIR(st.st_mode))
			continue;

		d = open_subdir(t, host, f, dfd, de->d_name, path, &st);
		if (!d)
			continue;
		ia_grow(&stack, sizeof(*stack), sp + 1, &scap);
		f = &stack[sp - 1];
		stack[sp++] = (struct frame){d, plen, st.st_dev, f->depth + 1};
	}
	while (sp > 0)
		closedir(stack[--sp].d);
	free(stack);
	tgt_index_finish(t);
	return 0;
}
