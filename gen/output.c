// SPDX-License-Identifier: MIT
/* output.c - see output.h. */
#define _GNU_SOURCE
#include "output.h"
#include "util.h"

#include <dirent.h>
#include <elf.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static unsigned long long ull(uint64_t v)
{
	return (unsigned long long)v;
}

/* The index of segment NAME in kexec_load order. */
static int index_of(const struct cp_plan *plan, const char *name)
{
	for (int i = 1; i < plan->nseg; i++)
		if (!strcmp(plan->seg[i].name, name))
			return i;
	return -1;
}

/*
 * "seed" lines: bytes a loader refreshes at every load, and the word that
 * arms them; "check" lines: where codepage.bin holds the sums the loader
 * then computes again (words of the arch's width and order; the CRC32C
 * in its order too, or "-").
 */
static void seeds_txt(const struct cp_plan *plan, struct cp_strbuf *o)
{
	const char *order = plan->arch->elf.data == ELFDATA2MSB ? "be" : "le";

	for (int k = 0; k < plan->nseeds; k++) {
		const struct cp_seed *s = &plan->seeds[k];

		cp_sb_printf(o, "seed segment=%d offset=0x%llx size=0x%llx",
			     index_of(plan, s->segment), ull(s->off),
			     ull(s->size));
		if (s->armed)
			cp_sb_printf(o, " arm=0x%llx:0x%x:%s32",
				     ull(s->arm_off), s->arm_value,
				     s->arm_big ? "be" : "le");
		cp_sb_printf(o, "\n");
	}
	for (int i = 1; i < plan->nseg; i++) {
		const struct cp_segment *s = &plan->seg[i];

		if (!s->s1_at)
			continue;
		cp_sb_printf(o,
			     "check segment=%d sum=%s%u s1=0x%llx s2=0x%llx ",
			     i, order, plan->arch->reg_bytes * 8, ull(s->s1_at),
			     ull(s->s2_at));
		if (s->crc_at)
			cp_sb_printf(o, "crc=0x%llx\n", ull(s->crc_at));
		else
			cp_sb_printf(o, "crc=-\n");
	}
}

static void segments_txt(const struct cp_plan *plan, size_t blob_len,
			 struct cp_strbuf *o)
{
	const struct cp_segment *cp = &plan->seg[0];

	cp_sb_printf(o, "entry 0x%llx\n", ull(cp->mem + plan->entry_off));
	cp_sb_printf(o, "list-entry 0x%llx\n",
		     ull(cp->mem + plan->list_entry_off));
	for (int i = 0; i < plan->nseg; i++) {
		const struct cp_segment *s = &plan->seg[i];

		cp_sb_printf(o,
			     "segment %d mem=0x%llx memsz=0x%llx file=%s "
			     "bufsz=0x%llx\n",
			     i, ull(s->mem), ull(s->memsz), s->file,
			     ull(s->bufsz));
	}
	seeds_txt(plan, o);
	if (blob_len)
		cp_sb_printf(o, "blob file=blob.bin size=0x%llx\n",
			     ull(blob_len));
}

static void json_string(struct cp_strbuf *o, const char *s)
{
	cp_sb_printf(o, "\"");
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			cp_sb_printf(o, "\\%c", *s);
		else if ((unsigned char)*s < 0x20)
			cp_sb_printf(o, "\\u%04x", *s);
		else
			cp_sb_printf(o, "%c", *s);
	}
	cp_sb_printf(o, "\"");
}

static void segments_json(const struct cp_plan *plan, size_t blob_len,
			  struct cp_strbuf *o)
{
	const struct cp_segment *cp = &plan->seg[0];
	const char *sep = "";

	cp_sb_printf(o, "{\n  \"format\": \"mkcodepage-segments-v1\",\n");
	cp_sb_printf(o,
		     "  \"arch\": \"%s\",\n  \"protocol\": ", plan->arch->name);
	json_string(o, plan->protocol);
	cp_sb_printf(o, ",\n  \"page_size\": %llu,\n", ull(plan->page_size));
	cp_sb_printf(o, "  \"entry\": \"0x%llx\",\n",
		     ull(cp->mem + plan->entry_off));
	cp_sb_printf(o, "  \"list_entry\": \"0x%llx\",\n",
		     ull(cp->mem + plan->list_entry_off));
	cp_sb_printf(o, "  \"destination_entry\": \"0x%llx\",\n",
		     ull(plan->entry));
	cp_sb_printf(o, "  \"memory\": [");
	for (int i = 0; i < plan->nmemory; i++, sep = ",")
		cp_sb_printf(o,
			     "%s\n    { \"base\": \"0x%llx\", \"size\": "
			     "\"0x%llx\" }",
			     sep, ull(plan->memory[i].base),
			     ull(plan->memory[i].size));
	cp_sb_printf(o, "\n  ],\n  \"segments\": [");
	sep = "";
	for (int i = 0; i < plan->nseg; i++, sep = ",") {
		const struct cp_segment *s = &plan->seg[i];

		cp_sb_printf(o, "%s\n    { \"index\": %d, \"name\": ", sep, i);
		json_string(o, s->name);
		cp_sb_printf(o,
			     ", \"mem\": \"0x%llx\", \"memsz\": \"0x%llx\", "
			     "\"file\": ",
			     ull(s->mem), ull(s->memsz));
		json_string(o, s->file);
		cp_sb_printf(o,
			     ", \"bufsz\": \"0x%llx\", \"load\": \"0x%llx\", "
			     "\"size\": \"0x%llx\", \"exec\": %s }",
			     ull(s->bufsz), ull(s->mem + s->data_off),
			     ull(s->size), s->exec || !i ? "true" : "false");
	}
	cp_sb_printf(o, "\n  ],\n  \"registers\": {");
	sep = "";
	for (int i = 0; plan->arch->registers[i]; i++) {
		if (!plan->regs[i].set)
			continue;
		if (plan->regs[i].runtime)
			cp_sb_printf(o, "%s\n    \"%s\": \"%s\"", sep,
				     plan->arch->registers[i],
				     plan->regs[i].expr);
		else
			cp_sb_printf(o, "%s\n    \"%s\": \"0x%llx\"", sep,
				     plan->arch->registers[i],
				     ull(plan->regs[i].value));
		sep = ",";
	}
	cp_sb_printf(o, "\n  }");
	if (blob_len)
		cp_sb_printf(
			o,
			",\n  \"blob\": { \"file\": \"blob.bin\", \"size\": "
			"\"0x%llx\", \"align\": %llu }",
			ull(blob_len), ull(plan->arch->page_size));
	cp_sb_printf(o, "\n}\n");
}

static void map_txt(const struct cp_plan *plan, const struct cp_image *img,
		    struct cp_strbuf *o)
{
	const struct cp_segment *cp = &plan->seg[0];

	cp_sb_printf(o, "mkcodepage map: arch %s, protocol %s\n\n",
		     plan->arch->name, plan->protocol);
	cp_sb_printf(o,
		     "codepage: %zu bytes at 0x%llx; placed entry 0x%llx, "
		     "list entry 0x%llx\n",
		     img->size, ull(cp->mem), ull(cp->mem + plan->entry_off),
		     ull(cp->mem + plan->list_entry_off));
	cp_sb_printf(o, "destination entry: 0x%llx%s\n", ull(plan->entry),
		     plan->preamble ? " (custom preamble jumps)" : "");
	if (plan->kernel.page_size)
		cp_sb_printf(o, "destination's pages: %llu KiB (its header)\n",
			     ull(plan->kernel.page_size >> 10));
	cp_sb_printf(o,
		     "segments aligned to: %llu KiB (loads under kernels "
		     "with pages of %llu KiB or less)\n\n",
		     ull(plan->page_size >> 10), ull(plan->page_size >> 10));
	cp_sb_printf(o, "memory:\n");
	for (int i = 0; i < plan->nmemory; i++)
		cp_sb_printf(
			o, "  0x%09llx..0x%09llx  %llu KiB\n",
			ull(plan->memory[i].base),
			ull(plan->memory[i].base + plan->memory[i].size - 1),
			ull(plan->memory[i].size >> 10));
	if (plan->nreserved)
		cp_sb_printf(o, "\nkept by the firmware (no segment touches "
				"them):\n");
	for (int i = 0; i < plan->nreserved; i++) {
		const struct cp_reserved *r = &plan->reserved[i];

		cp_sb_printf(o, "  0x%09llx..0x%09llx  %s\n", ull(r->base),
			     ull(r->base + r->size - 1), r->what);
		if (r->told)
			cp_sb_printf(o,
				     "  %24s  told to the destination: %s in "
				     "segment '%s'\n",
				     "", r->told, plan->tree);
	}
	cp_sb_printf(o,
		     "\nsegments (kexec_load order):\n"
		     "  #  %-23s  %-10s  %-10s  %-12s  %s\n",
		     "mem", "memsz", "bufsz", "name", "file");
	for (int i = 0; i < plan->nseg; i++) {
		const struct cp_segment *s = &plan->seg[i];

		cp_sb_printf(o,
			     "  %-2d 0x%09llx..0x%09llx  0x%-8llx  0x%-8llx  "
			     "%-12s  %s%s\n",
			     i, ull(s->mem), ull(s->mem + s->memsz - 1),
			     ull(s->memsz), ull(s->bufsz), s->name, s->file,
			     s->exec ? "  (code)" : "");
	}
	if (plan->nseeds)
		cp_sb_printf(o, "\nfresh at every load (kexec-codepage writes "
				"random bytes, then the sums):\n");
	for (int k = 0; k < plan->nseeds; k++)
		cp_sb_printf(o, "  %s: %llu bytes at 0x%llx of segment '%s'\n",
			     plan->seeds[k].what, ull(plan->seeds[k].size),
			     ull(plan->seeds[k].off), plan->seeds[k].segment);
	cp_sb_printf(o, "\nregisters at the jump:\n");
	for (int i = 0; plan->arch->registers[i]; i++) {
		const struct cp_regval *v = &plan->regs[i];

		if (!v->set)
			continue;
		if (v->runtime)
			cp_sb_printf(o, "  %-4s = %s (at run time)\n",
				     plan->arch->registers[i], v->expr);
		else
			cp_sb_printf(o, "  %-4s = 0x%08llx%s%s\n",
				     plan->arch->registers[i], ull(v->value),
				     v->expr ? "  " : "",
				     v->expr ? v->expr : "");
	}
	cp_sb_printf(o, "  (every other register: 0)\n\n");
	if (plan->arch->describe)
		plan->arch->describe(plan, o);
}

/* ---- staging and committing ------------------------------------------ */

struct stage {
	char *dir;
	struct cp_strlist files;
};

static int stage_file(struct stage *st, const char *name, const void *buf,
		      size_t len)
{
	char *path = cp_path_join(st->dir, name);
	int r = cp_write_file(path, buf, len);

	if (r)
		cp_error(&(struct cp_loc){ .file = path }, write_failed,
			 "cannot write: %s", strerror(errno));
	else
		cp_strlist_add(&st->files, name);
	free(path);
	return r;
}

static void remove_stage(struct stage *st)
{
	for (int i = 0; i < st->files.n; i++) {
		char *p = cp_path_join(st->dir, st->files.v[i]);

		unlink(p);
		free(p);
	}
	rmdir(st->dir);
}

/* Old files named in OUTDIR/segments.txt that this run does not write. */
static void remove_stale(const char *outdir, const struct cp_strlist *now)
{
	char *txt = cp_path_join(outdir, "segments.txt");
	size_t len;
	char *old = (char *)cp_read_file(txt, &len), *p;

	free(txt);
	for (p = old; p && (p = strstr(p, " file=")); p++) {
		char name[256];
		int keep = 0;

		if (sscanf(p, " file=%255s", name) != 1 || strchr(name, '/'))
			continue;
		for (int i = 0; i < now->n; i++)
			keep |= !strcmp(now->v[i], name);
		if (!keep) {
			char *f = cp_path_join(outdir, name);

			unlink(f);
			free(f);
		}
	}
	free(old);
}

static int commit(struct stage *st, const char *outdir)
{
	struct stat sb;

	if (stat(outdir, &sb) && errno == ENOENT)
		return rename(st->dir, outdir) ? -1 : 0;
	if (!S_ISDIR(sb.st_mode)) {
		errno = ENOTDIR;
		return -1;
	}
	remove_stale(outdir, &st->files);
	for (int i = 0; i < st->files.n; i++) {
		char *from = cp_path_join(st->dir, st->files.v[i]);
		char *to = cp_path_join(outdir, st->files.v[i]);
		int r = rename(from, to);

		free(from);
		free(to);
		if (r)
			return -1;
	}
	rmdir(st->dir);
	return 0;
}

static int stage_all(struct stage *st, const struct cp_plan *plan,
		     const char *elf_path, const struct cp_image *img,
		     const unsigned char *blob, size_t blob_len)
{
	struct cp_strbuf sb = { 0 };
	size_t len;
	unsigned char *elf = cp_read_file(elf_path, &len);
	int err;

	if (!elf)
		return -1;
	err = stage_file(st, "codepage.elf", elf, len);
	free(elf);
	for (int i = 0; i < plan->nseg && !err; i++) {
		const struct cp_segment *s = &plan->seg[i];

		err = stage_file(st, s->file, i ? s->buf : img->bytes,
				 i ? s->bufsz : img->size);
	}
	if (!err) {
		segments_txt(plan, blob_len, &sb);
		err = stage_file(st, "segments.txt", sb.s, sb.len);
		sb.len = 0;
	}
	if (!err) {
		segments_json(plan, blob_len, &sb);
		err = stage_file(st, "segments.json", sb.s, sb.len);
		sb.len = 0;
	}
	if (!err) {
		map_txt(plan, img, &sb);
		err = stage_file(st, "map.txt", sb.s, sb.len);
	}
	if (!err && blob_len)
		err = stage_file(st, "blob.bin", blob, blob_len);
	cp_sb_free(&sb);
	return err;
}

int cp_output_write(const struct cp_plan *plan, const char *outdir,
		    const char *elf_path, const struct cp_image *img,
		    const unsigned char *blob, size_t blob_len)
{
	char *parent = cp_dirname(outdir);
	char *tmpl =
		cp_xasprintf("%s/.%s.tmpXXXXXX", parent, cp_basename(outdir));
	struct stage st = { 0 };
	int err;

	free(parent);
	st.dir = mkdtemp(tmpl);
	if (!st.dir && errno == ENOENT) {
		cp_error(
			&(struct cp_loc){ .file = outdir }, write_failed,
			"its parent directory does not exist; create it first");
		free(tmpl);
		return -1;
	}
	if (st.dir) {
		mode_t mask = umask(0);

		umask(mask); /* mkdtemp makes 0700; OUTDIR is for sharing */
		chmod(st.dir, 0777 & ~mask);
	}
	if (!st.dir) {
		cp_error(&(struct cp_loc){ .file = outdir }, write_failed,
			 "cannot create a staging directory beside it: %s",
			 strerror(errno));
		free(tmpl);
		return -1;
	}
	err = stage_all(&st, plan, elf_path, img, blob, blob_len);
	if (!err && commit(&st, outdir)) {
		cp_error(&(struct cp_loc){ .file = outdir }, write_failed,
			 "cannot move the outputs into place: %s",
			 strerror(errno));
		err = -1;
	}
	if (err)
		remove_stage(&st);
	cp_strlist_free(&st.files);
	free(tmpl);
	return err;
}

/*
 * NAME as GNU make reads it in a rule (and gcc -MD writes it): a space,
 * tab, '#' or ':' after a backslash, '$' doubled, '%' quoted in a target
 * (else the rule is a pattern rule), and a run of backslashes doubled where
 * it stands before one of those or at the end (else it would quote what
 * follows). -1 for a byte make cannot read in a name (a newline, say).
 */
static int make_name(struct cp_strbuf *sb, const char *name, int target)
{
	for (const char *p = name;; p++) {
		size_t run = strspn(p, "\\");
		char c = p[run];
		int quote = c == ' ' || c == '\t' || c == '#' || c == ':' ||
			    (target && c == '%');

		if ((unsigned char)c < 0x20 && c && c != '\t')
			return -1;
		cp_sb_printf(sb, "%.*s", (int)run, p);
		if (run && (quote || !c))
			cp_sb_printf(sb, "%.*s", (int)run, p);
		p += run;
		if (!c)
			return 0;
		if (c == '$')
			cp_sb_printf(sb, "$$");
		else
			cp_sb_printf(sb, quote ? "\\%c" : "%c", c);
	}
}

/* OUTDIR/segments.txt OUTDIR/codepage.bin OUTDIR/codepage.elf: */
static int make_targets(struct cp_strbuf *sb, const char *outdir, int blob)
{
	static const char *const made[] = { "segments.txt", "codepage.bin",
					    "codepage.elf", "blob.bin" };
	size_t n = blob ? 4 : 3;

	for (size_t i = 0; i < n; i++) {
		if (make_name(sb, outdir, 1))
			return -1;
		cp_sb_printf(sb, "/%s%s", made[i], i + 1 < n ? " " : ":");
	}
	return 0;
}

/* The rule, then an empty rule per input (so make goes on when one is
 * deleted); the first name make cannot read, or NULL. */
static const char *make_rule(struct cp_strbuf *sb, const char *outdir,
			     const struct cp_strlist *deps, int blob)
{
	if (make_targets(sb, outdir, blob))
		return outdir;
	for (int i = 0; i < deps->n; i++) {
		cp_sb_printf(sb, " \\\n  ");
		if (make_name(sb, deps->v[i], 0))
			return deps->v[i];
	}
	cp_sb_printf(sb, "\n");
	for (int i = 0; i < deps->n; i++) {
		cp_sb_printf(sb, "\n");
		make_name(sb, deps->v[i], 1); /* read above */
		cp_sb_printf(sb, ":\n");
	}
	return NULL;
}

char *cp_output_make_rule(const char *depfile, const char *outdir,
			  const struct cp_strlist *deps, int blob)
{
	struct cp_strbuf sb = { 0 };
	const char *bad = make_rule(&sb, outdir, deps, blob);

	if (!bad)
		return sb.s;
	cp_error(&(struct cp_loc){ .file = depfile }, bad_name,
		 "'%s' cannot be named in a depfile: make reads no name with "
		 "a newline or another control character; rename it",
		 bad);
	cp_sb_free(&sb);
	return NULL;
}

int cp_output_depfile(const char *path, const char *rule)
{
	char *tmp = cp_xasprintf("%s.tmp", path);
	int err = cp_write_file(tmp, rule, strlen(rule));

	if (!err)
		err = rename(tmp, path);
	if (err) {
		cp_error(&(struct cp_loc){ .file = path }, write_failed,
			 "cannot write the depfile: %s", strerror(errno));
		unlink(tmp);
	}
	free(tmp);
	return err ? -1 : 0;
}
