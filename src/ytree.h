/*
 * ytree.h - the loader: case-file bytes -> a tree of YAML nodes, each with
 * its source position.
 *
 * Built on libyaml's event API (never yaml_parser_load, which is quadratic
 * on deep nesting and expands nothing).  The loader enforces the input
 * rules of docs/case-format.md section 1 before any schema is consulted: UTF-8
 * only (checked before libyaml, with the real line:column), one document,
 * no anchors, aliases or tags, no duplicate keys, only scalar keys, and
 * the limits of limits.h (size, depth, node count, scalar length).
 * All scalars are strings; the form gives them types.
 *
 * Every node lives in the arena passed to ytree_load and is freed with it.
 * Only ytree.c includes <yaml.h>.
 */
#ifndef SPCOMM_YTREE_H
#define SPCOMM_YTREE_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "diag.h"

enum ynode_kind { YNODE_SCALAR, YNODE_SEQUENCE, YNODE_MAPPING };

enum yscalar_style { YSTYLE_PLAIN, YSTYLE_QUOTED, YSTYLE_BLOCK };

struct ynode {
	enum ynode_kind kind;
	struct span span;            /* the value */
	/* Set when this node is the value of a mapping member. */
	const char *key;             /* NUL-terminated key text, or NULL */
	struct span key_span;
	/* Scalars: the value, NUL-terminated; len excludes the NUL.  A value
	 * may contain NUL bytes written as "\0": use len, not strlen. */
	const char *text;
	size_t len;
	enum yscalar_style style;
	/* Sequences and mappings: children in document order. */
	struct ynode *parent;
	struct ynode *first_child, *last_child, *next;
	size_t n_children;
};

struct ytree {
	struct ynode *root;  /* NULL when loading failed */
};

/*
 * Parse src[0..len) into tree.  Every problem found is appended to dl
 * (which should have dl->src set to src for excerpts).  Returns true when
 * a tree was built with no error; on false, tree->root may still hold a
 * partial tree or be NULL.  The UTF-8 BOM is accepted; UTF-16/32 files are
 * refused with a clear message.  Deterministic, thread-safe (no globals).
 */
bool ytree_load(const char *src, size_t len, struct arena *arena,
    struct ytree *tree, struct diag_list *dl);

/*
 * Read a case file fully into a malloc'd buffer (NUL-terminated; the
 * caller frees *buf).  Refuses anything but a regular file (FIFO, device,
 * directory) and files over LIMIT_CASE_BYTES, without reading them whole.
 * The path "-" reads standard input (a pipe or terminal too), to its end.
 * Problems go to dl (codes DIAG_IO, DIAG_NOT_REGULAR, DIAG_TOO_LARGE).
 */
bool ytree_read_file(const char *path, char **buf, size_t *len,
    struct diag_list *dl);

/*
 * Read and load a data file of spcomm's own (forms/, locale/): the one
 * way the program reads its YAML data, with the rules and limits of
 * ytree_read_file and ytree_load.  The tree lives in arena.  Every problem
 * is appended to dl naming path (diag_set_file_from), so it prints as
 * "path:line:col: error: ... [code]" whatever file dl is about; a reader
 * adds what it finds in the tree with diag_add_in(dl, path, ...).  When
 * src is not NULL, *src and *src_len receive the file's bytes, copied
 * into arena (NUL-terminated), for positions inside values
 * (ytree_value_span).  False when no tree was built.
 */
bool ytree_load_file(const char *path, struct arena *arena, struct ytree *tree,
    const char **src, size_t *src_len, struct diag_list *dl);

/*
 * The names of the *.yaml files in dir (not hidden ones), sorted, as
 * malloc'd strings in a malloc'd array of *n (free with ytree_names_free):
 * readdir's order depends on the file system.  NULL if dir cannot be
 * opened (errno says why).
 */
char **ytree_yaml_files(const char *dir, size_t *n);
void ytree_names_free(char **names, size_t n);

/*
 * Where bytes [start, end) of scalar n's value were written in src (the
 * file's bytes, as loaded): line and column inside block scalars, folded
 * lines and quoted strings with escapes too, so a caret can point at the
 * exact words of a narrative.  The whole value's span when the value
 * cannot be followed in the source.
 */
struct span ytree_value_span(const struct ynode *n, const char *src, size_t src_len,
    size_t start, size_t end);

/* The member of a mapping with the given key, or NULL. */
const struct ynode *ytree_get(const struct ynode *map, const char *key);

/* Debug dump of a tree with positions, for tests. */
void ytree_dump(FILE *fp, const struct ynode *node, int indent);

#endif
