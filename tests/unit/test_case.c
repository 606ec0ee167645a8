/*
 * test_case.c - the accessors of the normalized case: the path of a value
 * as a walk builds it (case_path_buf).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "case.h"
#include "harness.h"

/* Top level, members, items, and back up: the path reads as diagnostics
 * write it, and a pop restores exactly what was there. */
static void
test_path_segments(void)
{
	struct case_path_buf p;
	case_path_init(&p);
	CHECK_STR(p.s, "");
	size_t m0 = case_path_push_key(&p, "victims");
	CHECK_STR(p.s, "victims");
	size_t m1 = case_path_push_index(&p, 2);
	CHECK_STR(p.s, "victims[2]");
	size_t m2 = case_path_push_key(&p, "name");
	size_t m3 = case_path_push_key(&p, "family");
	CHECK_STR(p.s, "victims[2].name.family");
	case_path_pop(&p, m3);
	CHECK_STR(p.s, "victims[2].name");
	case_path_pop(&p, m2);
	m2 = case_path_push_key(&p, "consent");
	CHECK_STR(p.s, "victims[2].consent");
	case_path_pop(&p, m1);
	CHECK_STR(p.s, "victims");
	case_path_pop(&p, m0);
	CHECK_STR(p.s, "");
	CHECK_INT(p.len, 0);
	/* an item at the top has no dot before it either */
	case_path_push_index(&p, 0);
	case_path_push_key(&p, "id");
	CHECK_STR(p.s, "[0].id");
	case_path_free(&p);
	CHECK(p.s == NULL);
}

/* A child of a value: an item of a list by its index, a member of a
 * record by its field's name. */
static void
test_path_child(void)
{
	struct form_field list_f = { .name = "victims", .type = FT_LIST };
	struct form_field rec_f = { .name = "victim", .type = FT_RECORD };
	struct form_field name_f = { .name = "name", .type = FT_RECORD };
	struct form_field age_f = { .name = "age_at_event", .type = FT_INT };
	struct cval name = { .field = &name_f }, age = { .field = &age_f };
	struct cval *members[] = { &name, &age };
	struct cval item = { .field = &rec_f, .kids = members, .n_kids = 2 };
	struct cval *items[] = { &item, &item, &item, &item };
	struct cval list = { .field = &list_f, .kids = items, .n_kids = 4 };
	struct case_path_buf p;
	case_path_init(&p);
	size_t m0 = case_path_push_key(&p, "victims");
	size_t m1 = case_path_push_child(&p, &list, 3);
	CHECK_STR(p.s, "victims[3]");
	size_t m2 = case_path_push_child(&p, &item, 1);
	CHECK_STR(p.s, "victims[3].age_at_event");
	case_path_pop(&p, m2);
	case_path_push_child(&p, &item, 0);
	CHECK_STR(p.s, "victims[3].name");
	case_path_pop(&p, m1);
	case_path_pop(&p, m0);
	CHECK_STR(p.s, "");
	case_path_free(&p);
}

/* Deep and long paths outgrow the first buffer: every prefix is still
 * exact after the buffer moves, on the way down and on the way up. */
static void
test_path_grows(void)
{
	enum { DEPTH = 200 };
	char want[DEPTH * 80];
	size_t marks[DEPTH], lens[DEPTH + 1];
	struct case_path_buf p;
	case_path_init(&p);
	size_t w = 0;
	lens[0] = 0;
	want[0] = '\0';
	for (int i = 0; i < DEPTH; i++) {
		char key[64];
		/* keys of every length from 1 to 50 characters, and indices */
		int n = 1 + i % 50;
		memset(key, 'a' + i % 26, (size_t)n);
		key[n] = '\0';
		if (i % 3 == 2) {
			marks[i] = case_path_push_index(&p, (size_t)i * 1000);
			w += (size_t)snprintf(want + w, sizeof want - w, "[%d]", i * 1000);
		} else {
			marks[i] = case_path_push_key(&p, key);
			w += (size_t)snprintf(want + w, sizeof want - w, "%s%s", w ? "." : "", key);
		}
		lens[i + 1] = w;
		CHECK_INT(p.len, w);
		CHECK(strcmp(p.s, want) == 0);
	}
	for (int i = DEPTH - 1; i >= 0; i--) {
		case_path_pop(&p, marks[i]);
		CHECK_INT(p.len, lens[i]);
		CHECK(strncmp(p.s, want, lens[i]) == 0 && p.s[lens[i]] == '\0');
	}
	case_path_free(&p);
}

int
main(void)
{
	RUN(test_path_segments);
	RUN(test_path_child);
	RUN(test_path_grows);
	return harness_done();
}
