/*
 * mime.c - the e-mail module, loaded when first needed.  See mime.h.
 */
#include "mime.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static package_build_fn build;   /* set once, under lock */

bool
mime_load(const char *path, char *err, size_t errlen)
{
	pthread_mutex_lock(&lock);
	bool ok = build != NULL;
	if (!ok) {
		dlerror();
		void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
		void *sym = h != NULL ? dlsym(h, "package_build") : NULL;
		if (sym != NULL) {
			/* ISO C has no conversion from void * to a function
			 * pointer; POSIX (dlsym) guarantees the bytes are the
			 * function's address */
			memcpy(&build, &sym, sizeof build);
			ok = true;
		} else {
			const char *why = dlerror();
			snprintf(err, errlen, "%s", why ? why : "no package_build in it");
			if (h != NULL)
				dlclose(h);
		}
	}
	pthread_mutex_unlock(&lock);
	return ok;
}

bool
mime_package_build(const struct package_message *m, char **out, size_t *len, char *err,
    size_t errlen)
{
	pthread_mutex_lock(&lock);
	package_build_fn f = build;
	pthread_mutex_unlock(&lock);
	if (f == NULL) {
		snprintf(err, errlen, "the e-mail module is not loaded");
		return false;
	}
	return f(m, out, len, err, errlen);
}
