/* disk.c — a VM disk image as a target: its volumes, the root filesystem with its fstab mounts */
/* SPDX-License-Identifier: Apache-2.0 */
#include "util/common.h"

#include <ctype.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <sys/mman.h>
#include <unistd.h>

#include "target/disk.h"
#include "util/banned.h"

/* A volume of the disk: a partition, the whole disk or an LVM2 logical volume, what it holds,
 * where it is mounted. */
struct dvol {
	struct tgt_vol vol;
	const struct tgt_part *part;         /* NULL: the whole disk, or an LV */
	char name[2 * IA_MAX_LVM_NAME + 64]; /* "gpt partition 2", "whole disk",
					      * "mbr partition 5 > lvm vg0/root" */
	const char *content;                 /* "ext4", "xfs", "ntfs", "luks", ... (static) */
	struct tgt_fs *fs;                   /* opened filesystem, or NULL */
	char *mount;             /* mount point in the tree, or NULL when not examined */
	char *lv;                /* an LV: "VG/LV", as /dev/VG/LV names it */
	struct tgt_vol_map *map; /* an LV: its pieces (vol.map) */
	char *why;               /* why what it holds is not examined (a problem), or NULL */
	int why_code;
	char *note; /* a note about it, or NULL */
};

struct dfile {
	uint32_t fs;
	uint64_t ino;
};

struct tgt_disk {
	struct tgt_dev dev;
	enum tgt_scheme scheme;
	struct tgt_part *parts;
	size_t n_parts;
	struct dvol *vols;
	size_t n_vols;
	struct tgt_fs *fs[IA_MAX_MOUNTS + 1]; /* by tgt_fs.no */
	uint32_t n_fs;
	struct dfile *files; /* by tgt_entry.blob (0 unused), for every entry */
	size_t n_files, files_cap;
	struct tgt_disk_volume *info_vols;
	struct tgt_disk_info info;
	/* The filesystem and image libraries (libext2fs, libqcow, libvmdk, libvhdi) keep caches and
	 * file positions in their handles and are not thread-safe: checks that read on several
	 * threads (package integrity) take turns here. */
	pthread_mutex_t lock;
};

/* A volume made of pieces: each piece read in turn. */
static ssize_t map_read(const struct tgt_vol *v, void *buf, size_t n, uint64_t off)
{
	size_t lo = 0, hi = v->n_map, done = 0;

	while (hi - lo > 1) { /* the last piece starting at or before off */
		size_t mid = lo + (hi - lo) / 2;

		if (v->map[mid].off <= off)
			lo = mid;
		else
			hi = mid;
	}
	for (size_t i = lo; i < v->n_map && done < n; i++) {
		const struct tgt_vol_map *m = &v->map[i];
		uint64_t at = off + done, in = at - m->off;
		size_t len = n - done;
		ssize_t r;

		if (at < m->off || in >= m->len)
			break; /* not contiguous: cannot happen for a map made by add_lvm */
		if (len > m->len - in)
			len = (size_t)(m->len - in);
		r = tgt_dev_read(v->dev, (char *)buf + done, len, m->dev_off + in);
		if (r < 0)
			return done ? (ssize_t)done : r;
		done += (size_t)r;
		if ((size_t)r < len)
			break;
	}
	return (ssize_t)done;
}

ssize_t tgt_vol_read(void *vol, void *buf, size_t n, uint64_t off)
{
	const struct tgt_vol *v = vol;

	if (off >= v->size)
		return 0;
	if (n > v->size - off)
		n = (size_t)(v->size - off);
	if (v->n_map)
		return map_read(v, buf, n, off);
	return tgt_dev_read(v->dev, buf, n, v->start + off);
}

static ssize_t dev_read_cb(void *ctx, void *buf, size_t n, uint64_t off)
{
	return tgt_dev_read(ctx, buf, n, off);
}

void tgt_disk_file(struct tgt *t, size_t ei, const struct tgt_fs *fs, uint64_t ino)
{
	struct tgt_disk *d = t->disk;

	if (d->n_files == 0)
		d->n_files = 1; /* blob 0: none */
	if (d->n_files >= UINT32_MAX)
		return;
	ia_grow(&d->files, sizeof(*d->files), d->n_files + 1, &d->files_cap);
	d->files[d->n_files] = (struct dfile){fs->no, ino};
	t->v[ei].blob = (uint32_t)d->n_files++;
}

ssize_t tgt_disk_pread(const struct tgt *t, const struct tgt_entry *e, void *buf, size_t n,
		       uint64_t off)
{
	const struct tgt_disk *d = t->disk;
	const struct dfile *f;

	if (!S_ISREG(e->mode))
		return S_ISDIR(e->mode) ? -EISDIR : -EINVAL;
	if (!d || e->blob == 0 || e->blob >= d->n_files)
		return -ENOENT;
	f = &d->files[e->blob];
	if (off >= e->size)
		return 0;
	if (n > e->size - off)
		n = (size_t)(e->size - off);
	pthread_mutex_lock((pthread_mutex_t *)&d->lock);
	ssize_t r = d->fs[f->fs]->ops->pread(d->fs[f->fs], f->ino, buf, n, off);
	pthread_mutex_unlock((pthread_mutex_t *)&d->lock);
	return r;
}

int tgt_disk_xattrs(const struct tgt *t, const struct tgt_entry *e, struct tgt_xattrs *out)
{
	const struct tgt_disk *d = t->disk;
	const struct dfile *f;
	int r;

	if (!d || e->blob == 0 || e->blob >= d->n_files)
		return -ENOENT;
	f = &d->files[e->blob];
	pthread_mutex_lock((pthread_mutex_t *)&d->lock);
	r = d->fs[f->fs]->ops->xattrs(d->fs[f->fs], f->ino, out);
	pthread_mutex_unlock((pthread_mutex_t *)&d->lock);
	return r;
}

void tgt_disk_free(struct tgt_disk *d)
{
	if (!d)
		return;
	for (uint32_t i = 0; i < d->n_fs; i++)
		d->fs[i]->ops->close(d->fs[i]);
	for (size_t i = 0; i < d->n_vols; i++) {
		free(d->vols[i].mount);
		free(d->vols[i].lv);
		free(d->vols[i].map);
		free(d->vols[i].why);
		free(d->vols[i].note);
	}
	free(d->vols);
	free(d->parts);
	free(d->files);
	free(d->info_vols);
	tgt_dev_close(&d->dev);
	pthread_mutex_destroy(&d->lock);
	free(d);
}

const struct tgt_disk_info *tgt_disk_info(const struct tgt *t)
{
	return t->disk ? &t->disk->info : NULL;
}

bool tgt_origin(const struct tgt *t, const char *path, struct tgt_origin *out)
{
	const struct tgt_disk *d = t->disk;
	const struct dvol *best = NULL;
	size_t best_len = 0;

	if (!d || path[0] != '/')
		return false;
	for (size_t i = 0; i < d->n_vols; i++) {
		const struct dvol *v = &d->vols[i];
		size_t n;

		if (!v->fs || !v->mount)
			continue;
		n = strcmp(v->mount, "/") == 0 ? 0 : strlen(v->mount);
		if (strncmp(path, v->mount, n) != 0 || (path[n] != '/' && path[n] != '\0'))
			continue;
		if (!best || n > best_len) {
			best = v;
			best_len = n;
		}
	}
	if (!best)
		return false;
	*out = (struct tgt_origin){d->dev.format, best->name, best->content};
	return true;
}

/* ---- what a volume holds ---- */

static bool has(const unsigned char *b, size_t n, size_t off, const char *m, size_t len)
{
	return off + len <= n && memcmp(b + off, m, len) == 0;
}

/* GPT type GUIDs as stored that hold no files: BIOS boot partition. */
static const uint8_t gpt_bios_boot[16] = {0x48, 0x61, 0x68, 0x21, 0x49, 0x64, 0x6f, 0x6e,
					  0x74, 0x4e, 0x65, 0x65, 0x64, 0x45, 0x46, 0x49};

static const char *probe(struct dvol *v)
{
	unsigned char b[4096] = {0}, bt[8] = {0};
	ssize_t n = tgt_vol_read(&v->vol, b, sizeof(b), 0);

	if (n < 0)
		return "unreadable";
	(void)tgt_vol_read(&v->vol, bt, sizeof(bt), 0x10040);
	if (v->part && memcmp(v->part->gpt_type, gpt_bios_boot, 16) == 0)
		return "bios-boot";
	if (has(b, (size_t)n, 1080, "\x53\xef", 2))
		return "ext";
	if (has(b, (size_t)n, 0, "XFSB", 4))
		return "xfs";
	if (has(b, (size_t)n, 0, "LUKS\xba\xbe", 6))
		return "luks";
	if (has(b, (size_t)n, 3, "NTFS    ", 8))
		return "ntfs";
	if (memcmp(bt, "_BHRfS_M", 8) == 0)
		return "btrfs";
	if (has(b, (size_t)n, 512, "LABELONE", 8) && has(b, (size_t)n, 536, "LVM2 001", 8))
		return "lvm2";
	if (has(b, (size_t)n, 4086, "SWAPSPACE2", 10) || has(b, (size_t)n, 4086, "SWAP-SPACE", 10))
		return "swap";
	if (has(b, (size_t)n, 510, "\x55\xaa", 2) &&
	    (has(b, (size_t)n, 82, "FAT32", 5) || has(b, (size_t)n, 54, "FAT1", 4)))
		return "vfat";
	if (v->part && v->part->mbr_type == 0x82)
		return "swap";
	return "unknown";
}

/* Why a volume is not examined (a problem), or NULL when it holds no files. */
static const char *why_not(const struct dvol *v)
{
	const char *content = v->content;

	static const struct {
		const char *content, *why;
	} tab[] = {
		{"luks", "LUKS encrypted volume: not examined (no key is used)"},
		{"ntfs", "NTFS volume: not examined (imgaudit reads ext2/3/4 and XFS)"},
		{"btrfs", "btrfs volume: not examined (imgaudit reads ext2/3/4 and XFS)"},
		{"lvm2", "LVM2 physical volume: its logical volumes are not examined"},
		{"vfat", "FAT volume (EFI system or boot partition): not examined"},
		{"unreadable", "volume cannot be read: not examined"},
		{"unknown", "volume holds no filesystem imgaudit knows: not examined"},
	};

	if (v->why)
		return v->why;
	if (v->note)
		return NULL; /* an LVM2 PV whose LVs are volumes of their own */
	for (size_t i = 0; i < IA_ARRAY_SIZE(tab); i++)
		if (strcmp(tab[i].content, content) == 0)
			return tab[i].why;
	return NULL;
}

/* ---- LVM2 logical volumes ---- */

static char *vfmt(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *vfmt(const char *fmt, ...)
{
	char b[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(b, sizeof(b), fmt, ap);
	va_end(ap);
	return ia_xstrdup(b);
}

/* The volume of physical volume id among the first n volumes (those read as PVs), or -1. */
static ptrdiff_t pv_volume(const struct tgt_lvm *pvs, size_t n, const char *id)
{
	for (size_t i = 0; i < n; i++)
		if (pvs[i].pv_id[0] && strcmp(pvs[i].pv_id, id) == 0)
			return (ptrdiff_t)i;
	return -1;
}

/* The pieces of a linear LV on the PV volumes of this disk, or NULL with why set. */
static struct tgt_vol_map *lv_map(struct tgt_disk *d, const struct tgt_lvm *pvs, size_t n_pv,
				  const struct tgt_lvm *vg, const struct tgt_lvm_lv *lv,
				  ptrdiff_t *on, char *why, size_t cap)
{
	struct tgt_vol_map *map = ia_xcalloc(lv->n_seg, sizeof(*map));
	uint64_t es = vg->extent_size;

	*on = -2; /* -2: none yet; -1: several volumes */
	for (size_t s = 0; s < lv->n_seg; s++) {
		const struct tgt_lvm_seg *g = &lv->seg[s];
		const struct tgt_lvm_pvref *pv = &vg->pv[g->pv];
		ptrdiff_t m = pv_volume(pvs, n_pv, pv->id);
		uint64_t end;

		if (m < 0) {
			snprintf(why, cap,
				 "its extents lie on physical volume %s (id %s), which is not on "
				 "this "
				 "disk (a volume group across several disks is not read)",
				 pv->name, pv->id);
			free(map);
			return NULL;
		}
		end = pv->pe_start + (g->pv_ext + g->count) * es; /* < 2^63: limits of the reader */
		if (end > d->vols[m].vol.size) {
			snprintf(why, cap,
				 "a segment ends at byte %llu of physical volume %s, past the end "
				 "of "
				 "its %.48s (%llu bytes)",
				 (unsigned long long)end, pv->name, d->vols[m].name,
				 (unsigned long long)d->vols[m].vol.size);
			free(map);
			return NULL;
		}
		map[s] = (struct tgt_vol_map){g->lv_ext * es,
					      d->vols[m].vol.start + pv->pe_start + g->pv_ext * es,
					      g->count * es};
		*on = *on == -2 || *on == m ? m : -1;
	}
	return map;
}

/* Adds the visible LVs of volume group vg (as read from one of its PVs) as volumes. */
static void add_vg(struct tgt *t, struct tgt_disk *d, const struct tgt_lvm *pvs, size_t n_pv,
		   const struct tgt_lvm *vg, size_t *cap)
{
	for (size_t k = 0; k < vg->n_pv; k++) {
		ptrdiff_t m = pv_volume(pvs, n_pv, vg->pv[k].id);

		if (m < 0)
			continue;
		free(d->vols[m].why);
		d->vols[m].why = NULL;
		free(d->vols[m].note);
		d->vols[m].note = vfmt("LVM2 physical volume %s of volume group %s: its logical "
				       "volumes are read as volumes",
				       vg->pv[k].name, vg->vg);
	}
	for (size_t i = 0; i < vg->n_lv; i++) {
		const struct tgt_lvm_lv *lv = &vg->lv[i];
		struct dvol *v;
		char why[512];
		ptrdiff_t on = -1;
		struct tgt_vol_map *map = NULL;

		if (d->n_vols - n_pv >= IA_MAX_LVM_LVS) {
			ia_problem_add(
				&t->problems, "disk", vg->vg, 0, -IA_ETOOBIG,
				"more than IA_MAX_LVM_LVS (%d) logical volumes on this disk: "
				"%s/%s and the rest are not examined",
				IA_MAX_LVM_LVS, vg->vg, lv->name);
			return;
		}
		snprintf(why, sizeof(why), "%s", lv->why);
		if (!why[0])
			map = lv_map(d, pvs, n_pv, vg, lv, &on, why, sizeof(why));
		ia_grow(&d->vols, sizeof(*d->vols), d->n_vols + 1, cap);
		v = &d->vols[d->n_vols++];
		memset(v, 0, sizeof(*v));
		v->lv = vfmt("%s/%s", vg->vg, lv->name);
		if (on >= 0)
			snprintf(v->name, sizeof(v->name), "%.48s > lvm %.256s", d->vols[on].name,
				 v->lv);
		else
			snprintf(v->name, sizeof(v->name), "lvm %.256s", v->lv);
		v->vol.dev = &d->dev;
		if (!map) {
			v->content = "lvm2-lv";
			v->why = vfmt("LVM2 logical volume %s: not examined: %s", v->lv, why);
			v->why_code = strstr(why, "imgaudit reads") || strstr(why, "not read")
					      ? -IA_EUNSUPPORTED
					      : -IA_ECORRUPT;
			continue;
		}
		v->map = map;
		v->vol.map = map;
		v->vol.n_map = lv->n_seg;
		v->vol.start = map[0].dev_off;
		v->vol.size = lv->extents * vg->extent_size;
		v->content = probe(v);
	}
}

/* Reads the LVM2 physical volumes among the volumes; the linear LVs of their volume groups
 * become volumes after them (each VG once, from the PV with its newest metadata). */
static void add_lvm(struct tgt *t, struct tgt_disk *d)
{
	size_t n_pv = d->n_vols, cap = d->n_vols;
	struct tgt_lvm *pvs = ia_xcalloc(n_pv ? n_pv : 1, sizeof(*pvs));
	bool any = false;

	for (size_t i = 0; i < n_pv; i++) {
		struct dvol *v = &d->vols[i];
		struct ia_err e = {0};
		int r;

		if (strcmp(v->content, "lvm2") != 0)
			continue;
		any = true;
		r = tgt_lvm_read(tgt_vol_read, &v->vol, v->vol.size, &pvs[i], &e);
		if (r < 0) {
			char at[32] = "";

			if (e.line)
				snprintf(at, sizeof(at), "metadata line %u: ", e.line);
			v->why = vfmt("LVM2 physical volume: %s%s: its logical volumes are not "
				      "examined",
				      at, e.msg);
			v->why_code = r;
		}
	}
	for (size_t i = 0; any && i < n_pv; i++) {
		bool newest = pvs[i].vg[0] != '\0';

		for (size_t j = 0; j < n_pv && newest; j++)
			if (j != i && pvs[j].vg[0] && strcmp(pvs[j].vg_id, pvs[i].vg_id) == 0 &&
			    (pvs[j].seqno > pvs[i].seqno ||
			     (pvs[j].seqno == pvs[i].seqno && j < i)))
				newest = false;
		if (newest)
			add_vg(t, d, pvs, n_pv, &pvs[i], &cap);
	}
	for (size_t i = 0; i < n_pv; i++)
		tgt_lvm_free(&pvs[i]);
	free(pvs);
}

/* Opens the filesystem of every volume that holds ext2/3/4 or XFS; the others keep their
 * content. */
static void open_filesystems(struct tgt *t, struct tgt_disk *d)
{
	for (size_t i = 0; i < d->n_vols; i++) {
		struct dvol *v = &d->vols[i];
		struct ia_err e = {0};
		int r;

		bool xfs = strcmp(v->content, "xfs") == 0;

		if (strcmp(v->content, "ext") != 0 && !xfs)
			continue;
		if (d->n_fs >= IA_MAX_MOUNTS) {
			ia_problem_add(&t->problems, "disk", v->name, 0, -IA_ETOOBIG,
				       "more than IA_MAX_MOUNTS (%d) filesystems: not examined",
				       IA_MAX_MOUNTS);
			v->content = "unknown";
			continue;
		}
		r = xfs ? tgt_xfs_open(&v->vol, &v->fs, &e) : tgt_ext_open(&v->vol, &v->fs, &e);
		if (r < 0) {
			ia_problem_add(&t->problems, "disk", v->name, 0, r,
				       "%s filesystem: %s: not examined", xfs ? "xfs" : "ext",
				       e.msg);
			v->content = xfs ? "xfs (unreadable)" : "ext (unreadable)";
			continue;
		}
		v->content = v->fs->type;
		v->fs->no = d->n_fs;
		d->fs[d->n_fs++] = v->fs;
	}
}

/* ---- /etc/fstab ---- */

static bool ieq(const char *a, const char *b)
{
	return strcasecmp(a, b) == 0;
}

/* The partition number at the end of a kernel device name of the first disk ("/dev/vda3",
 * "/dev/sda3", "/dev/xvda3", "/dev/nvme0n1p3", "/dev/mmcblk0p3"), or 0. */
static unsigned devname_part(const char *s)
{
	static const char *const pre[] = {"/dev/sda", "/dev/vda",      "/dev/xvda",
					  "/dev/hda", "/dev/nvme0n1p", "/dev/mmcblk0p"};

	for (size_t i = 0; i < IA_ARRAY_SIZE(pre); i++) {
		size_t n = strlen(pre[i]);
		char *end;
		unsigned long v;

		if (strncmp(s, pre[i], n) != 0 || !isdigit((unsigned char)s[n]))
			continue;
		v = strtoul(s + n, &end, 10);
		return *end == '\0' && v > 0 && v < 1000 ? (unsigned)v : 0;
	}
	return 0;
}

/* true when spec names logical volume lv ("VG/LV") as udev does: /dev/VG/LV, or the
 * device-mapper name VG-LV (each '-' of either doubled) under /dev/mapper or
 * /dev/disk/by-id/dm-name- */
static bool lv_spec(const char *spec, const char *lv)
{
	static const char *const pre[] = {"/dev/mapper/", "/dev/disk/by-id/dm-name-"};
	char dm[2 * (2 * IA_MAX_LVM_NAME + 2)];
	size_t w = 0;

	if (strncmp(spec, "/dev/", 5) == 0 && strcmp(spec + 5, lv) == 0)
		return true;
	for (const char *p = lv; *p && w + 3 < sizeof(dm); p++) {
		if (*p == '-')
			dm[w++] = '-';
		dm[w++] = *p == '/' ? '-' : *p;
	}
	dm[w] = '\0';
	for (size_t i = 0; i < IA_ARRAY_SIZE(pre); i++)
		if (strncmp(spec, pre[i], strlen(pre[i])) == 0 &&
		    strcmp(spec + strlen(pre[i]), dm) == 0)
			return true;
	return false;
}

/* The volume /etc/fstab's first field names, or NULL. */
static struct dvol *fstab_volume(struct tgt_disk *d, const char *spec)
{
	static const struct {
		const char *pre, *alt;
		int key; /* 0 fs UUID, 1 fs label, 2 PARTUUID */
	} keys[] = {{"UUID=", "/dev/disk/by-uuid/", 0},
		    {"LABEL=", "/dev/disk/by-label/", 1},
		    {"PARTUUID=", "/dev/disk/by-partuuid/", 2}};
	unsigned pn = devname_part(spec);

	for (size_t i = 0; i < d->n_vols; i++) {
		struct dvol *v = &d->vols[i];

		if (pn && v->part && v->part->number == pn)
			return v;
		if (v->lv && lv_spec(spec, v->lv))
			return v;
		for (size_t k = 0; k < IA_ARRAY_SIZE(keys); k++) {
			const char *val = NULL;

			if (strncmp(spec, keys[k].pre, strlen(keys[k].pre)) == 0)
				val = spec + strlen(keys[k].pre);
			else if (strncmp(spec, keys[k].alt, strlen(keys[k].alt)) == 0)
				val = spec + strlen(keys[k].alt);
			if (!val || !*val)
				continue;
			if ((keys[k].key == 0 && v->fs && ieq(val, v->fs->uuid)) ||
			    (keys[k].key == 1 && v->fs && strcmp(val, v->fs->label) == 0) ||
			    (keys[k].key == 2 && v->part && ieq(val, v->part->uuid)))
				return v;
		}
	}
	return NULL;
}

/* A mount point as an image path: absolute, normalised, no "..": else false. */
static bool mount_path(const char *in, char *out, size_t cap)
{
	char tmp[IA_MAX_PATH + 1];
	long n;

	if (in[0] != '/' || strlen(in) > IA_MAX_PATH)
		return false;
	n = tgt_norm_name(in + 1, tmp);
	if (n < 0 || (size_t)n + 1 > cap || strcmp(tmp, "/") == 0)
		return false;
	memcpy(out, tmp, (size_t)n + 1);
	return true;
}

/* Types of /etc/fstab lines that hold no file of the image on this disk. */
static bool not_on_disk(const char *type)
{
	static const char *const tab[] = {
		"swap",     "proc",     "sysfs",  "tmpfs",   "devpts",     "nfs",      "nfs4",
		"cifs",     "smbfs",    "none",   "bind",    "9p",         "virtiofs", "fuse",
		"devtmpfs", "efivarfs", "cgroup", "cgroup2", "securityfs", "debugfs"};

	for (size_t i = 0; i < IA_ARRAY_SIZE(tab); i++)
		if (strcmp(type, tab[i]) == 0 || strncmp(type, "fuse.", 5) == 0)
			return true;
	return false;
}

/* One /etc/fstab line: the volume it mounts gets its mount point. */
static void fstab_line(struct tgt *t, struct tgt_disk *d, char *line, unsigned no)
{
	char *f[3] = {0}, *p = line, mnt[IA_MAX_PATH + 1];
	struct dvol *v;

	for (int i = 0; i < 3; i++) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p || *p == '#')
			return;
		f[i] = p;
		while (*p && *p != ' ' && *p != '\t')
			p++;
		if (*p)
			*p++ = '\0';
	}
	if (strcmp(f[1], "/") == 0 || not_on_disk(f[2]) || f[1][0] != '/')
		return;
	v = fstab_volume(d, f[0]);
	if (!mount_path(f[1], mnt, sizeof(mnt))) {
		ia_problem_add(&t->problems, "disk", "/etc/fstab", no, -IA_ECORRUPT,
			       "mount point '%.256s' is not a path inside the image: not examined",
			       f[1]);
		return;
	}
	if (!v || !v->fs) {
		ia_problem_add(&t->problems, "disk", "/etc/fstab", no, -IA_EUNSUPPORTED,
			       "%s (%.256s) is mounted at %s but %s: what it holds is not examined",
			       f[0], f[2], mnt,
			       v ? why_not(v) ? why_not(v) : v->content
				 : "it is not a volume of this disk that imgaudit reads");
		if (v && !v->mount)
			v->mount = ia_xstrdup(mnt); /* its not-examined problem is this one */
		return;
	}
	if (v->mount)
		return; /* the root, or mounted once already */
	for (size_t i = 0; i < d->n_vols; i++)
		if (d->vols[i].mount && strcmp(d->vols[i].mount, mnt) == 0)
			return;
	v->mount = ia_xstrdup(mnt);
}

static void read_fstab(struct tgt *t, struct tgt_disk *d, struct dvol *root)
{
	struct ia_buf b = IA_BUF_INIT(IA_MAX_TEXT_FILE);
	unsigned no = 0, mounts = 0;
	char *p, *end;

	if (root->fs->ops->read_file(root->fs, "etc/fstab", IA_MAX_TEXT_FILE, &b) < 0 ||
	    ia_buf_addc(&b, '\0') < 0) {
		ia_buf_release(&b);
		return;
	}
	for (p = b.data; *p && mounts < IA_MAX_MOUNTS; p = end) {
		end = strchr(p, '\n');
		end = end ? end + 1 : p + strlen(p);
		if (end[-1] == '\n')
			end[-1] = '\0';
		fstab_line(t, d, p, ++no);
		mounts++;
	}
	ia_buf_release(&b);
}

/* ---- the index ---- */

static struct dvol *find_root(struct tgt *t, struct tgt_disk *d)
{
	struct dvol *root = NULL;

	for (size_t i = 0; i < d->n_vols; i++) {
		struct dvol *v = &d->vols[i];

		if (!v->fs || !v->fs->ops->exists(v->fs, "etc/os-release"))
			continue;
		if (!root) {
			root = v;
			continue;
		}
		ia_problem_add(&t->problems, "disk", v->name, 0, -IA_EUNSUPPORTED,
			       "another root filesystem (%s, with etc/os-release): not examined "
			       "(the system of %s is)",
			       v->content, root->name);
	}
	if (!root) /* no os-release: the filesystem holding etc/fstab, else the only one */
		for (size_t i = 0; i < d->n_vols && !root; i++)
			if (d->vols[i].fs && d->vols[i].fs->ops->exists(d->vols[i].fs, "etc/fstab"))
				root = &d->vols[i];
	if (!root && d->n_fs == 1)
		for (size_t i = 0; i < d->n_vols && !root; i++)
			if (d->vols[i].fs)
				root = &d->vols[i];
	return root;
}

/* Removes entries with the path of an earlier one (a hostile directory holding a name twice):
 * the first is kept. */
static void drop_duplicates(struct tgt *t)
{
	size_t w = 0;

	tgt_index_finish(t);
	for (size_t i = 0; i < t->len; i++) {
		if (w > 0 && strcmp(t->v[w - 1].path, t->v[i].path) == 0) {
			ia_problem_add(&t->problems, "index", t->v[i].path, 0, -IA_ECORRUPT,
				       "the path is listed twice in its directory: the second "
				       "entry is not indexed");
			continue;
		}
		t->v[w++] = t->v[i];
	}
	if (w != t->len) {
		t->len = w;
		tgt_index_finish(t);
	}
}

static int build_index(struct tgt *t, struct tgt_disk *d, struct dvol *root, struct ia_err *err)
{
	const char *skip[IA_MAX_MOUNTS + 1];
	size_t n_skip = 0;
	int r;

	root->mount = ia_xstrdup("/");
	read_fstab(t, d, root);
	for (size_t i = 0; i < d->n_vols; i++)
		if (d->vols[i].fs && d->vols[i].mount && &d->vols[i] != root &&
		    n_skip < IA_ARRAY_SIZE(skip))
			skip[n_skip++] = d->vols[i].mount;
	r = root->fs->ops->walk(root->fs, t, "/", skip, n_skip, err);
	for (size_t i = 0; r == 0 && i < d->n_vols; i++) {
		struct dvol *v = &d->vols[i];

		if (v == root || !v->fs)
			continue;
		if (!v->mount) {
			ia_problem_add(&t->notes, "disk", v->name, 0, 0,
				       "%s filesystem not mounted by /etc/fstab: not examined",
				       v->content);
			continue;
		}
		r = v->fs->ops->walk(v->fs, t, v->mount, skip, n_skip, err);
	}
	if (r < 0)
		return r;
	drop_duplicates(t);
	return 0;
}

/* Problems for the volumes that hold something not examined; notes for those without files. */
static void report_volumes(struct tgt *t, struct tgt_disk *d)
{
	for (size_t i = 0; i < d->n_vols; i++) {
		const struct dvol *v = &d->vols[i];
		const char *why = why_not(v);

		if (v->note)
			ia_problem_add(&t->notes, "disk", v->name, 0, 0, "%s", v->note);
		if (v->fs || strstr(v->content, "(unreadable)"))
			continue; /* examined, not mounted (noted), or its problem is recorded */
		if (why && !v->mount)
			ia_problem_add(&t->problems, "disk", v->name, 0,
				       v->why_code ? v->why_code : -IA_EUNSUPPORTED, "%s", why);
		else if (!why && !v->note)
			ia_problem_add(&t->notes, "disk", v->name, 0, 0, "%s: holds no files",
				       v->content);
	}
}

static void make_info(struct tgt_disk *d)
{
	static const char *const schemes[] = {"none", "mbr", "gpt"};

	free(d->info_vols);
	d->info_vols = ia_xcalloc(d->n_vols ? d->n_vols : 1, sizeof(*d->info_vols));
	for (size_t i = 0; i < d->n_vols; i++) {
		const struct dvol *v = &d->vols[i];

		d->info_vols[i] = (struct tgt_disk_volume){
			.partition = v->name,
			.content = v->content,
			.mount = v->fs ? v->mount : NULL,
			.start = v->vol.start,
			.size = v->vol.size,
		};
	}
	d->info = (struct tgt_disk_info){
		.format = d->dev.format,
		.size = d->dev.size,
		.partitions = schemes[d->scheme],
		.volumes = d->info_vols,
		.n_volumes = d->n_vols,
	};
}

static void make_volumes(struct tgt *t, struct tgt_disk *d)
{
	d->parts = ia_xcalloc(IA_MAX_PARTITIONS, sizeof(*d->parts));
	d->scheme = tgt_part_scan(dev_read_cb, &d->dev, d->dev.size, d->parts, IA_MAX_PARTITIONS,
				  &d->n_parts, &t->problems);
	d->vols = ia_xcalloc(d->n_parts ? d->n_parts : 1, sizeof(*d->vols));
	if (d->scheme == TGT_SCHEME_NONE) {
		d->vols[0] = (struct dvol){
			{&d->dev, 0, d->dev.size}, NULL, "whole disk", NULL, NULL, NULL};
		d->n_vols = 1;
		return;
	}
	for (size_t i = 0; i < d->n_parts; i++) {
		struct dvol *v = &d->vols[d->n_vols++];

		v->vol = (struct tgt_vol){&d->dev, d->parts[i].start, d->parts[i].size};
		v->part = &d->parts[i];
		snprintf(v->name, sizeof(v->name), "%s partition %u",
			 d->scheme == TGT_SCHEME_GPT ? "gpt" : "mbr", d->parts[i].number);
	}
}

/* No Linux root: a Windows disk, or nothing readable. The index holds "/" alone, so that the
 * audit reports every clause NOT EXAMINED with the reason, never clean. */
static int no_root(struct tgt *t, struct tgt_disk *d, struct ia_err *err)
{
	const struct dvol *ntfs = NULL;
	bool known = false;

	for (size_t i = 0; i < d->n_vols; i++) {
		if (strcmp(d->vols[i].content, "ntfs") == 0 && !ntfs)
			ntfs = &d->vols[i];
		known |= strcmp(d->vols[i].content, "unknown") != 0;
	}
	if (!known)
		return ia_err_set(err, -IA_EUNSUPPORTED, t->spec, 0,
				  "a %s disk image with %s partition table, but no volume imgaudit "
				  "recognises (ext2/3/4, XFS; LUKS, NTFS, btrfs, LVM2 are named)",
				  d->dev.format,
				  d->scheme == TGT_SCHEME_NONE ? "no" : d->info.partitions);
	if (ntfs)
		ia_problem_add(&t->problems, "disk", ntfs->name, 0, -IA_EUNSUPPORTED,
			       "Windows disk: not examined (NTFS volume of %llu MiB; imgaudit "
			       "reads Linux systems on ext2/3/4 and XFS)",
			       (unsigned long long)(ntfs->vol.size >> 20));
	else
		ia_problem_add(&t->problems, "disk", "/", 0, -IA_EUNSUPPORTED,
			       "no Linux root filesystem on this disk: nothing examined");
	report_volumes(t, d);
	tgt_push(t, "/", 1, NULL);
	t->v[0].mode = S_IFDIR | 0755;
	t->v[0].file_id = 1;
	tgt_index_finish(t);
	return 0;
}

int tgt_open_disk(struct tgt *t, const char *backing_dir, struct ia_err *err)
{
	struct tgt_disk *d = ia_xcalloc(1, sizeof(*d));

	pthread_mutex_init(&d->lock, NULL);
	struct dvol *root;
	int r;

	t->disk = d;
	r = tgt_dev_open(t->spec, backing_dir, &d->dev, err);
	if (r < 0)
		return r;
	make_volumes(t, d);
	for (size_t i = 0; i < d->n_vols; i++)
		d->vols[i].content = probe(&d->vols[i]);
	add_lvm(t, d);
	open_filesystems(t, d);
	make_info(d);
	root = find_root(t, d);
	if (!root)
		return no_root(t, d, err);
	r = build_index(t, d, root, err);
	report_volumes(t, d);
	make_info(d);
	return r;
}
