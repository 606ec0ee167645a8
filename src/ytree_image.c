/* ytree_image.c - the data files' trees, parsed at build time (see ytree_image.h). */
#include "ytree_image.h"

#include <sys/stat.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "hash128.h"
#include "spcomm_limits.h"

/*
 * The image: a header, a record per file, then each file's nodes (in
 * document order, each followed by its children) and its strings (each
 * key and scalar value NUL-terminated).  Every field has a fixed size and
 * every record a size that is a multiple of 8, with no padding, so the
 * same trees give the same bytes.  Native byte order: the image is made
 * by the build for its own program, and the header says which.
 */
#define IMAGE_MAGIC "spcomm-trees-1\n"

struct image_header {
	char magic[16];
	uint32_t byte_order;       /* 0x01020304 as written */
	uint32_t node_size, file_size;
	uint32_t n_files;
	uint64_t size;             /* of the whole image */
};

struct image_file {
	unsigned char hash[16];    /* hash128 of the file's bytes */
	unsigned char body[16];    /* hash128 of its node records, then its strings */
	uint64_t src_len;
	uint64_t nodes, n_nodes;   /* offset of the first node record, count */
	uint64_t strings, strings_len;
};

struct image_span {
	uint32_t line, col, end_line, end_col;
	uint64_t offset, end_offset;
};

#define NONE UINT64_MAX

/* An image larger than this is not read (the build's is under 2 MiB). */
#define IMAGE_MAX ((uint64_t)256 << 20)

struct image_node {
	uint32_t kind, style;
	uint64_t n_children;
	struct image_span span, key_span;
	uint64_t key, key_len;     /* in the strings; NONE: no key */
	uint64_t text, text_len;   /* NONE: not a scalar */
};

/* ---- writing (the build's generator) ---- */

struct writer {
	struct image_node *nodes;
	size_t n_nodes, cap_nodes;
	char *strings;
	size_t n_strings, cap_strings;
};

static uint64_t
add_string(struct writer *w, const char *s, size_t len)
{
	if (w->n_strings + len + 1 > w->cap_strings) {
		w->cap_strings = (w->n_strings + len + 1) * 2;
		w->strings = xrealloc(w->strings, w->cap_strings);
	}
	uint64_t at = w->n_strings;
	memcpy(w->strings + at, s, len);
	w->strings[at + len] = '\0';
	w->n_strings += len + 1;
	return at;
}

static struct image_span
image_span(const struct span *s)
{
	return (struct image_span){ s->line, s->col, s->end_line, s->end_col, s->offset,
		s->end_offset };
}

static void
add_node(struct writer *w, const struct ynode *n)
{
	if (w->n_nodes == w->cap_nodes) {
		w->cap_nodes = w->cap_nodes ? w->cap_nodes * 2 : 1024;
		w->nodes = xrealloc(w->nodes, w->cap_nodes * sizeof *w->nodes);
	}
	struct image_node *r = &w->nodes[w->n_nodes++];
	memset(r, 0, sizeof *r);
	r->kind = (uint32_t)n->kind;
	r->style = (uint32_t)n->style;
	r->n_children = n->n_children;
	r->span = image_span(&n->span);
	r->key_span = image_span(&n->key_span);
	r->key = r->text = NONE;
	if (n->key != NULL) {
		r->key_len = strlen(n->key);
		r->key = add_string(w, n->key, r->key_len);
	}
	if (n->kind == YNODE_SCALAR && n->text != NULL) {
		r->text_len = n->len;
		r->text = add_string(w, n->text, n->len);
	}
	for (const struct ynode *c = n->first_child; c != NULL; c = c->next)
		add_node(w, c);
}

bool
ytree_image_write(FILE *fp, const char *const *files, size_t n, FILE *err)
{
	struct image_file *recs = xcalloc(n ? n : 1, sizeof *recs);
	struct writer *ws = xcalloc(n ? n : 1, sizeof *ws);
	size_t n_recs = 0;
	for (size_t i = 0; i < n; i++) {
		char *buf = NULL;
		size_t len = 0;
		struct diag_list dl;
		struct arena a = { 0 };
		struct ytree tree;
		diag_list_init(&dl, NULL);
		bool ok = ytree_read_file(files[i], &buf, &len, &dl) &&
		    ytree_load(buf, len, &a, &tree, &dl) && dl.n_items == 0 && tree.root != NULL;
		if (ok) {
			struct hash128 h;
			hash128_init(&h);
			hash128_update(&h, buf, len);
			hash128_digest(&h, recs[n_recs].hash);
			recs[n_recs].src_len = len;
			(void)add_string(&ws[n_recs], "", 0); /* never an empty table */
			add_node(&ws[n_recs], tree.root);
			n_recs++;
		} else if (err != NULL) {
			fprintf(err, "%s: left out of the image (it does not load without a "
			    "diagnostic)\n", files[i]);
		}
		arena_free(&a);
		diag_list_free(&dl);
		free(buf);
	}
	struct image_header hd;
	memset(&hd, 0, sizeof hd);
	memcpy(hd.magic, IMAGE_MAGIC, sizeof hd.magic);
	hd.byte_order = 0x01020304;
	hd.node_size = sizeof(struct image_node);
	hd.file_size = sizeof(struct image_file);
	hd.n_files = (uint32_t)n_recs;
	uint64_t at = sizeof hd + n_recs * sizeof *recs;
	for (size_t i = 0; i < n_recs; i++) {
		struct hash128 h;
		hash128_init(&h);
		hash128_update(&h, ws[i].nodes, ws[i].n_nodes * sizeof(struct image_node));
		hash128_update(&h, ws[i].strings, ws[i].n_strings);
		hash128_digest(&h, recs[i].body);
		recs[i].nodes = at;
		recs[i].n_nodes = ws[i].n_nodes;
		at += ws[i].n_nodes * sizeof(struct image_node);
		recs[i].strings = at;
		recs[i].strings_len = ws[i].n_strings;
		at += (ws[i].n_strings + 7) / 8 * 8;
	}
	hd.size = at;
	static const char zeros[8];
	bool ok = fwrite(&hd, sizeof hd, 1, fp) == 1 &&
	    (n_recs == 0 || fwrite(recs, sizeof *recs, n_recs, fp) == n_recs);
	for (size_t i = 0; ok && i < n_recs; i++) {
		size_t pad = (8 - ws[i].n_strings % 8) % 8;
		ok = fwrite(ws[i].nodes, sizeof(struct image_node), ws[i].n_nodes, fp) == ws[i].n_nodes &&
		    fwrite(ws[i].strings, 1, ws[i].n_strings, fp) == ws[i].n_strings &&
		    fwrite(zeros, 1, pad, fp) == pad;
	}
	for (size_t i = 0; i < n; i++) {
		free(ws[i].nodes);
		free(ws[i].strings);
	}
	free(ws);
	free(recs);
	return ok && fflush(fp) == 0 && !ferror(fp);
}

/* ---- reading ---- */

/*
 * Only the header and the file records are read when the image is taken
 * into use; a file's nodes and strings are read (pread) when its tree is
 * asked for, and checked against its record's hash then.  A render needs
 * the trees of five of the build's twelve files (the forms it uses, the
 * country list, one catalog): about 410 KB of a 1.4 MB image.  Read, not
 * mapped: a file rewritten in place while the process runs (a `cp` or an
 * install over it) would change under a mapping, or fault with SIGBUS
 * where it shrank; read, a part that changed fails its hash or comes
 * short, and the file is parsed.
 */
static int image_fd = -1;
static struct image_file *image_files;   /* the records, NULL: no image */
static uint32_t image_n_files;
static size_t image_size;                /* of the whole image, checked at use */

void
ytree_image_forget(void)
{
	if (image_fd >= 0)
		close(image_fd);
	image_fd = -1;
	free(image_files);
	image_files = NULL;
	image_n_files = 0;
	image_size = 0;
}

/* n bytes of fd at off into buf: false if it has fewer (it shrank) or
 * fails. */
static bool
read_all(int fd, unsigned char *buf, size_t n, uint64_t off)
{
	while (n > 0) {
		ssize_t got = pread(fd, buf, n, (off_t)off);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			return false;
		buf += got;
		n -= (size_t)got;
		off += (uint64_t)got;
	}
	return true;
}

bool
ytree_image_use(const char *path)
{
	ytree_image_forget();
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);  /* a FIFO must not block */
	if (fd < 0)
		return false;
	struct stat st;
	struct image_header hd;
	struct image_file *recs = NULL;
	memset(&hd, 0, sizeof hd);
	bool ok = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
	    (uint64_t)st.st_size >= sizeof hd && (uint64_t)st.st_size <= IMAGE_MAX &&
	    read_all(fd, (unsigned char *)&hd, sizeof hd, 0);
	uint64_t need = sizeof hd + (uint64_t)hd.n_files * sizeof(struct image_file);
	ok = ok && memcmp(hd.magic, IMAGE_MAGIC, sizeof hd.magic) == 0 &&
	    hd.byte_order == 0x01020304 && hd.node_size == sizeof(struct image_node) &&
	    hd.file_size == sizeof(struct image_file) && hd.size == (uint64_t)st.st_size &&
	    need <= hd.size && (recs = malloc(need - sizeof hd + 1)) != NULL &&
	    read_all(fd, (unsigned char *)recs, (size_t)(need - sizeof hd), sizeof hd);
	if (!ok) {
		free(recs);
		close(fd);
		return false;
	}
	image_fd = fd;
	image_files = recs;
	image_n_files = hd.n_files;
	image_size = (size_t)hd.size;
	return true;
}

static bool
span_ok(const struct image_span *s, size_t len)
{
	return s->offset <= s->end_offset && s->end_offset <= len;
}

static struct span
node_span(const struct image_span *s)
{
	return (struct span){ .line = s->line, .col = s->col, .end_line = s->end_line,
		.end_col = s->end_col, .offset = (size_t)s->offset, .end_offset = (size_t)s->end_offset };
}

/* The string at off..off+len of strings[0..n), NUL-terminated there; NULL
 * if it is not all inside. */
static const char *
string_at(const char *strings, uint64_t n, uint64_t off, uint64_t len)
{
	if (off >= n || len >= n - off || strings[off + len] != '\0')
		return NULL;
	return strings + off;
}

/* The tree of file f from its records and strings, checked as it is
 * built; false (the arena keeps what was allocated) when anything in it
 * is out of place. */
static bool
build_nodes(const struct image_file *f, const struct image_node *recs, const char *strings,
    struct arena *arena, struct ytree *tree)
{
	struct ynode *nodes = arena_alloc(arena, (size_t)f->n_nodes * sizeof *nodes);
	/* the containers whose children are still to come, and how many */
	struct { struct ynode *node; uint64_t left; } stack[LIMIT_YAML_DEPTH + 2];
	size_t depth = 0;
	for (size_t i = 0; i < f->n_nodes; i++) {
		const struct image_node *r = &recs[i];
		struct ynode *n = &nodes[i];
		memset(n, 0, sizeof *n);
		if (r->kind > YNODE_MAPPING || r->style > YSTYLE_BLOCK ||
		    !span_ok(&r->span, (size_t)f->src_len) || !span_ok(&r->key_span, (size_t)f->src_len) ||
		    (r->kind == YNODE_SCALAR && r->n_children != 0) ||
		    (r->kind == YNODE_SCALAR) != (r->text != NONE) ||
		    r->n_children > f->n_nodes - 1 - i)
			return false;
		n->kind = (enum ynode_kind)r->kind;
		n->style = (enum yscalar_style)r->style;
		n->span = node_span(&r->span);
		n->key_span = node_span(&r->key_span);
		if (r->key != NONE && (n->key = string_at(strings, f->strings_len, r->key,
		    r->key_len)) == NULL)
			return false;
		if (r->text != NONE) {
			if ((n->text = string_at(strings, f->strings_len, r->text, r->text_len)) == NULL)
				return false;
			n->len = (size_t)r->text_len;
		}
		if (i == 0) {
			if (n->key != NULL)
				return false;
		} else {
			if (depth == 0)
				return false;   /* a second root */
			struct ynode *p = stack[depth - 1].node;
			/* a mapping's members have keys, a sequence's items none */
			if ((p->kind == YNODE_MAPPING) != (n->key != NULL))
				return false;
			n->parent = p;
			if (p->last_child != NULL)
				p->last_child->next = n;
			else
				p->first_child = n;
			p->last_child = n;
			p->n_children++;
			if (--stack[depth - 1].left == 0)
				depth--;
		}
		/* a container stays on the stack while children are to come */
		if (r->n_children > 0) {
			if (depth == sizeof stack / sizeof stack[0])
				return false;
			stack[depth].node = n;
			stack[depth++].left = r->n_children;
		}
	}
	if (depth != 0)
		return false;
	tree->root = &nodes[0];
	return true;
}

/* The tree of file f, its part of the image read and its hash checked
 * first; false when it cannot be read, fails the hash or fails
 * build_nodes. */
static bool
build_tree(const struct image_file *f, struct arena *arena, struct ytree *tree)
{
	if (f->n_nodes == 0 || f->n_nodes > LIMIT_YAML_NODES + 1 ||
	    f->nodes > image_size || f->n_nodes > (image_size - f->nodes) / sizeof(struct image_node) ||
	    f->nodes % 8 != 0 || f->strings > image_size || f->strings_len > image_size - f->strings)
		return false;
	/* the node records in a buffer of their own, the strings where the
	 * tree keeps them */
	size_t nodes_len = (size_t)f->n_nodes * sizeof(struct image_node);
	struct image_node *recs = malloc(nodes_len);
	char *strings = arena_alloc(arena, (size_t)f->strings_len + 1);
	if (recs == NULL || !read_all(image_fd, (unsigned char *)recs, nodes_len, f->nodes) ||
	    !read_all(image_fd, (unsigned char *)strings, (size_t)f->strings_len, f->strings)) {
		free(recs);
		return false;
	}
	strings[f->strings_len] = '\0';
	/* a damaged image must not give another tree */
	struct hash128 h;
	unsigned char body[16];
	hash128_init(&h);
	hash128_update(&h, recs, nodes_len);
	hash128_update(&h, strings, (size_t)f->strings_len);
	hash128_digest(&h, body);
	bool ok = memcmp(body, f->body, sizeof body) == 0 && build_nodes(f, recs, strings, arena, tree);
	free(recs);
	return ok;
}

bool
ytree_image_tree(const char *src, size_t len, struct arena *arena, struct ytree *tree)
{
	if (image_files == NULL)
		return false;
	const struct image_file *files = image_files;
	unsigned char hash[16];
	bool hashed = false;
	for (uint32_t i = 0; i < image_n_files; i++) {
		if (files[i].src_len != len)
			continue;
		if (!hashed) {
			struct hash128 h;
			hash128_init(&h);
			hash128_update(&h, src, len);
			hash128_digest(&h, hash);
			hashed = true;
		}
		if (memcmp(files[i].hash, hash, sizeof hash) != 0)
			continue;
		struct ytree t = { 0 };
		if (!build_tree(&files[i], arena, &t))
			return false;
		*tree = t;
		return true;
	}
	return false;
}
