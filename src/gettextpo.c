/* gettextpo.c - libgettextpo, loaded when first needed (see gettextpo.h). */
#include "gettextpo.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef SPCOMM_GETTEXTPO_SONAME
#define SPCOMM_GETTEXTPO_SONAME "libgettextpo.so.0"
#endif

struct gettextpo gettextpo;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static bool loaded;   /* under lock */

bool
gettextpo_load(char *err, size_t errlen)
{
	pthread_mutex_lock(&lock);
	bool ok = loaded;
	if (ok) {
		pthread_mutex_unlock(&lock);
		return true;
	}
	const char *env = getenv("SPCOMM_GETTEXTPO");
	const char *path = env != NULL && *env != '\0' ? env : SPCOMM_GETTEXTPO_SONAME;
	dlerror();
	void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
	const char *why = NULL;
	struct gettextpo t;
	if (h == NULL && (why = dlerror()) == NULL)
		why = "dlopen failed";
	/* ISO C has no conversion from void * to a function pointer; POSIX
	 * (dlsym) guarantees the bytes are the function's address */
#define GETTEXTPO_RESOLVE(ret, field, symbol, params) \
	if (why == NULL) { \
		void *sym = dlsym(h, symbol); \
		if (sym == NULL && (why = dlerror()) == NULL) \
			why = "no " symbol " in it"; \
		else \
			memcpy(&t.field, &sym, sizeof t.field); \
	}
	GETTEXTPO_FUNCTIONS(GETTEXTPO_RESOLVE)
#undef GETTEXTPO_RESOLVE
	if (why == NULL) {
		gettextpo = t;
		loaded = ok = true;
	} else {
		snprintf(err, errlen, "cannot load libgettextpo, which reads and writes PO files "
		    "(Debian's package libgettextpo0): %s", why);
		if (h != NULL)
			dlclose(h);
	}
	pthread_mutex_unlock(&lock);
	return ok;
}
