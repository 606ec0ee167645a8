/*
 * arena.h - per-case region allocator.
 *
 * Everything derived from one case (its YAML tree, normalized model, text
 * runs and display list) is allocated from that case's arena and freed
 * with it in one call.  An arena is used by one thread at a time.
 * Allocation failure of the system allocator aborts (see xmalloc): it is
 * not an input error and there is nothing useful left to do.
 */
#ifndef SPCOMM_ARENA_H
#define SPCOMM_ARENA_H

#include <stddef.h>

struct arena_block;
struct arena_cleanup;

struct arena {
	struct arena_block *head;
	size_t used_total; /* bytes handed out, for statistics and tests */
	struct arena_cleanup *cleanups;
};

/* Zero-initialised memory, aligned for any object. */
void *arena_alloc(struct arena *a, size_t size);
/* Copy of s[0..len) with a terminating NUL. */
char *arena_strndup(struct arena *a, const char *s, size_t len);
char *arena_strdup(struct arena *a, const char *s);
/* printf into the arena. */
char *arena_printf(struct arena *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Have arena_free call fn(p) before it frees the blocks, the function
 * registered last first: for memory an owner in the arena keeps outside
 * it, so as to free it before the arena (the display's pages). */
void arena_on_free(struct arena *a, void (*fn)(void *), void *p);
/* Run the cleanups, free every block; the arena can be reused afterwards. */
void arena_free(struct arena *a);

/* malloc/realloc/strdup that abort with a message on exhaustion. */
void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t size);
char *xstrdup(const char *s);

#endif
