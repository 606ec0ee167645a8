/*
 * trees_gen.c - writes trees.bin (see ytree_image.h): the trees of the
 * data files named on the command line, parsed by the program's own
 * loader, for the program to take instead of parsing them again.
 *
 *   trees_gen FILE.yaml... > trees.bin  (the build: every file of forms/ and locale/)
 *
 * A file that does not load without a diagnostic is left out (the
 * program parses it and reports what it finds), named on standard error.
 */
#include <stdio.h>

#include "../ytree_image.h"

int
main(int argc, char **argv)
{
	if (!ytree_image_write(stdout, (const char *const *)argv + 1, (size_t)(argc - 1), stderr)) {
		perror("trees_gen");
		return 1;
	}
	return 0;
}
