/*
 * mime.h - the e-mail module, loaded when first needed.  package.c (the
 * e-mail draft, with GMime) is built as a module of its own,
 * spcomm_mime.so, rather than into the program: GMime brings GLib, GIO,
 * GPGME and a dozen more libraries whose loading and relocation cost
 * every run several milliseconds, and only `spcomm package` and `batch
 * --package` use them.  This file dlopen()s the module and calls its one
 * entry point, package_build (package.h).
 *
 * Where the module is, is the driver's business (driver_load_mime): the
 * program only knows the path it is given.
 */
#ifndef SPCOMM_MIME_H
#define SPCOMM_MIME_H

#include <stdbool.h>
#include <stddef.h>

#include "package.h"

/* Load the module at path (RTLD_NOW | RTLD_LOCAL: every symbol it needs
 * bound now, none of its own made visible to other code) and resolve
 * package_build.  The first success stays for the life of the process
 * (the module is never unloaded); later calls return true at once
 * whatever path they give.  False with dlerror()'s reason in err (which
 * names the file or the missing symbol), and the next call tries again.
 * Thread-safe. */
bool mime_load(const char *path, char *err, size_t errlen);

/* package_build of the loaded module; false with a reason in err if no
 * mime_load succeeded before, or if package_build fails.  Thread-safe as
 * package_build. */
bool mime_package_build(const struct package_message *m, char **out, size_t *len, char *err,
    size_t errlen);

#endif
