/*
 * heap.c - the main thread's heap on transparent huge pages: see
 * spc_heap_init in spcomm.h, and docs/architecture.md, "Start-up".
 */
#define _DEFAULT_SOURCE 1      /* MADV_HUGEPAGE, mallopt, mallinfo2 */
#include "spcomm.h"

#include <malloc.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(memory_sanitizer)
#define HEAP_FOREIGN_MALLOC 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define HEAP_FOREIGN_MALLOC 1
#endif

/* A huge page (x86-64, and arm64 with 4 KiB pages); the part of the heap
 * put on them, which a short document's run fills but little beyond; the
 * size from which blocks are mapped apart (mmap) rather than taken from
 * the heap, where they would fault page by page. */
#define HEAP_HUGE ((uintptr_t)2 << 20)
#define HEAP_ADVISED ((uintptr_t)8 << 20)
#define HEAP_MMAP_FROM ((int)4 << 20)

/* glibc 2.33 and later (mallinfo2), on Linux (MADV_HUGEPAGE) */
#if defined(__GLIBC__) && (__GLIBC__ > 2 || __GLIBC_MINOR__ >= 33) && defined(MADV_HUGEPAGE) && \
    !defined(HEAP_FOREIGN_MALLOC)
/* The start of the heap below the first huge-page boundary, kept
 * allocated (never touched: it costs no memory) so that the run's blocks
 * start at the boundary. */
static void *below_boundary;

void
spc_heap_init(void)
{
	static bool done;      /* once: a second call would advise 8 MiB more */
	if (done)
		return;
	done = true;
	/* glibc's main arena: the free space at its top starts keepcost
	 * bytes below the break (none under valgrind or another malloc) */
	struct mallinfo2 mi = mallinfo2();
	char *brk_now = sbrk(0);
	if (brk_now == (char *)-1 || mi.keepcost == 0 || mi.keepcost > (size_t)(uintptr_t)brk_now)
		return;
	uintptr_t top = (uintptr_t)brk_now - mi.keepcost;
	uintptr_t a = (top + 4096 + HEAP_HUGE - 1) & ~(HEAP_HUGE - 1);
	/* One block from the top to a + HEAP_ADVISED, so that nothing in
	 * [a, a + HEAP_ADVISED) is written (malloc writes chunk headers at
	 * their ends) before it is advised: a page touched before would keep
	 * its 2 MiB in small pages. */
	if (mallopt(M_MMAP_THRESHOLD, 32 << 20) != 1 || mallopt(M_TRIM_THRESHOLD, 64 << 20) != 1)
		return;
	char *block = malloc(a + HEAP_ADVISED - top - 2 * sizeof(size_t));
	/* only where the block is what is expected, from the top (another
	 * malloc, or one that took it elsewhere: no advice): the advised
	 * range is then inside the block */
	if (block != NULL && (uintptr_t)block >= top + 2 * sizeof(size_t) && (uintptr_t)block < a) {
		madvise((void *)a, HEAP_ADVISED, MADV_HUGEPAGE);
		/* the block shrunk to the part below a, in place: the rest goes
		 * back to the free top, from which the run allocates */
		below_boundary = realloc(block, a - (uintptr_t)block - 4 * sizeof(size_t));
		if (below_boundary == NULL)
			below_boundary = block;
	} else {
		free(block);
	}
	mallopt(M_MMAP_THRESHOLD, HEAP_MMAP_FROM);
}
#else
void
spc_heap_init(void)
{
}
#endif
