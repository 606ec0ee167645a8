/*
 * fuzz_ytree.c - libFuzzer harness for the loader: any bytes -> ytree_load.
 * Invariants checked beyond "no crash": a false result comes with an
 * error, and every node's span lies inside the input.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "diag.h"
#include "ytree.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check_spans(const struct ynode *n, size_t len, int depth)
{
	if (n == NULL || depth > 64)
		return;
	if (n->span.offset > len || n->span.end_offset > len)
		abort();
	for (const struct ynode *c = n->first_child; c; c = c->next)
		check_spans(c, len, depth + 1);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* ytree_load reads a NUL-terminated copy, as ytree_read_file gives */
	char *src = malloc(size + 1);
	if (src == NULL)
		return 0;
	memcpy(src, data, size);
	src[size] = '\0';
	struct arena a = { 0 };
	struct diag_list dl;
	diag_list_init(&dl, "fuzz.yaml");
	dl.src = src;
	dl.src_len = size;
	struct ytree t = { 0 };
	bool ok = ytree_load(src, size, &a, &t, &dl);
	if (!ok && dl.n_errors == 0)
		abort();
	if (ok)
		check_spans(t.root, size, 0);
	diag_list_free(&dl);
	arena_free(&a);
	free(src);
	return 0;
}
