/*
 * replay.c - run a fuzz harness over files without libFuzzer, so that
 * every build (gcc too) replays the corpus and the regression inputs.
 * Usage: replay_X FILE... ; prints "N passed, 0 failed".
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
main(int argc, char **argv)
{
	int n = 0;
	for (int i = 1; i < argc; i++) {
		FILE *fp = fopen(argv[i], "rb");
		if (fp == NULL) {
			perror(argv[i]);
			return 1;
		}
		size_t cap = 1 << 16, len = 0;
		uint8_t *buf = malloc(cap);
		size_t got;
		while (buf != NULL && (got = fread(buf + len, 1, cap - len, fp)) > 0) {
			len += got;
			if (len == cap) {
				uint8_t *nb = realloc(buf, cap *= 2);
				if (nb == NULL) {
					free(buf);
					buf = NULL;
				} else {
					buf = nb;
				}
			}
		}
		fclose(fp);
		if (buf == NULL)
			return 1;
		LLVMFuzzerTestOneInput(buf, len);
		free(buf);
		n++;
	}
	printf("%d passed, 0 failed\n", n);
	return 0;
}
