/*
 * translit_rules.h - ICU transliterators that can be opened from their
 * rules, without ICU's registry of transliterators.
 *
 * Opening a transliterator by its ID (utrans_openU(u"Russian-Latin/BGN"))
 * first builds ICU's registry of every transliterator it has: about 140
 * million instructions, 40 ms, in every process that meets a Cyrillic
 * name or a Traditional Chinese one, seven times the rest of a batch
 * document.  The rules themselves parse in a few million.  But a rule
 * set that names another transliterator ("::NFC;", or "::Null;" between
 * passes) sends ICU back to the registry, so the build asks ICU once for
 * each set's rules (src/gen/translit_gen.c) and writes them here as
 * passes with no such line:
 *
 *   - a global filter ("::[ЁА-яё];") is kept, and repeated at the head of
 *     every pass, as ICU applies it to every pass of the compound;
 *   - "::Null;" separates passes: each pass is opened on its own and the
 *     passes run one after the other;
 *   - "::NFC;" right after the filter is dropped: a filter whose
 *     characters never compose with one another leaves it nothing to do
 *     (the check below is what says so).
 *
 * The generator checks the passes against ICU's own transliterator
 * before writing them (every character of the rules alone, all triples
 * of a small alphabet or every rule's source in random company, and
 * random strings), and writes no passes for a set that fails or has a
 * line of another shape: the program then opens that one by its ID, as
 * before.  tests/unit/test_intl.c compares the two again.
 */
#ifndef SPCOMM_TRANSLIT_RULES_H
#define SPCOMM_TRANSLIT_RULES_H

#include <stddef.h>
#include <stdint.h>

#define TRANSLIT_RULES_MAX_PASSES 4

struct translit_rules {
	const char *id;          /* the ICU ID the passes stand for (ASCII) */
	unsigned n_passes;       /* 0: open id through ICU's registry */
	/* each pass's rules, UTF-16 (ICU's UChar), NUL-terminated */
	const uint16_t *pass[TRANSLIT_RULES_MAX_PASSES];
};

/* The transliterators the program opens by rules, in the order of
 * TRANSLIT_RULES_IDS. */
#define TRANSLIT_RULES_IDS { "Russian-Latin/BGN", "Traditional-Simplified" }
#define TRANSLIT_RULES_COUNT 2
extern const struct translit_rules translit_rules[TRANSLIT_RULES_COUNT];

#endif
