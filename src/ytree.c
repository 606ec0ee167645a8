/*
 * ytree.c - the loader: case-file bytes -> a tree of YAML nodes with
 * positions (see ytree.h).
 *
 * Two passes.  The first checks the bytes ourselves (UTF-16/32, UTF-8,
 * control characters), because libyaml reports those only as a byte offset
 * with its mark stuck at 1:1, and silently converts UTF-16.  The second
 * runs libyaml's event parser and builds the tree, refusing what the case
 * format forbids (anchors, aliases, tags, several documents, complex and
 * duplicate keys) and stopping inside the event loop at the depth and node
 * limits: libyaml 0.2.5 has no nesting limit and is quadratic in depth.
 */
#include "ytree.h"

#include <sys/stat.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <yaml.h>

#include "spcomm_limits.h"
#include "ytree_image.h"

/* Past this many encoding errors the file is not a UTF-8 text with a few
 * stray bytes but something else; more lines of the same say nothing. */
#define MAX_ENCODING_ERRORS 20

/* An alias bomb holds dozens of aliases; the first few locate the problem,
 * the rest would bury every other diagnostic. */
#define MAX_REPEATED_DIAGS 10

/* libyaml reports at most this much of a key or tag in our messages. */
#define MSG_TEXT_MAX 60

#define HINT_UTF8 "save the file as UTF-8 (in most editors: Save As, Encoding: UTF-8)"
#define HINT_QUOTE "close the quote opened here (a quote inside the value is written \\\" " \
	"between double quotes, '' between single quotes)"
#define HINT_TAB "YAML indentation must use spaces: replace the tab with spaces"

/* The keys already seen in one mapping: open addressing, so a mapping of
 * 10,000 keys is checked in linear time. */
struct key_entry {
	const char *key;     /* NULL: free slot */
	size_t len;
	uint64_t hash;
	uint32_t line;       /* 0-based line of the first occurrence */
};

struct key_set {
	struct key_entry *slots;
	size_t cap, n;
};

/* One open sequence or mapping. */
struct frame {
	struct ynode *node;
	/* Mappings: a key was read and its value comes next. */
	bool want_value;
	/* The pending key was refused (complex, duplicate, alias, NUL):
	 * its value is parsed but not linked into the tree. */
	bool key_bad;
	const char *key;
	struct span key_span;
	struct key_set keys;
};

struct loader {
	const char *src;
	size_t len;
	size_t start;          /* 3 after a UTF-8 BOM, else 0 */
	struct arena *a;
	struct diag_list *dl;
	/* libyaml's mark.index counts code points; this cursor maps it to a
	 * byte offset, walking from the last position asked for. */
	size_t cur_cp, cur_byte;
	struct frame stack[LIMIT_YAML_DEPTH];
	size_t depth;
	size_t n_nodes;
	size_t n_docs;
	size_t n_alias_diags, n_tag_diags;
	struct ynode *root;
	/* The text of every distinct key, stored once (intern_key). */
	struct key_set key_texts;
	/* The last scalar read, if quoted over several lines: a quote left
	 * open runs to the next quote, and the error comes after that. */
	bool last_multiline_quote;
	yaml_mark_t last_quote_start, last_quote_end;
};

/* ---- messages ---- */

/*
 * Copy s[0..len) into out for use inside a message: control characters,
 * C1 and bidi controls become escapes so a key or tag taken from the file
 * cannot move the terminal's cursor or reorder the line; long text is cut.
 */
static void
msg_text(char *out, size_t cap, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t o = 0, i = 0, shown = 0;
	while (i < len && o + 12 < cap) {
		if (shown == MSG_TEXT_MAX) {
			memcpy(out + o, "...", 3);
			o += 3;
			break;
		}
		unsigned char c = p[i];
		size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
		uint32_t cp = c;
		if (n > len - i || c < 0xC2 || c > 0xF4)
			n = 1;
		/* Tags may carry %-escaped bytes that are not UTF-8. */
		for (size_t k = 1; k < n; k++) {
			if ((p[i + k] & 0xC0) != 0x80) {
				n = 1;
				break;
			}
		}
		if (n == 2)
			cp = ((uint32_t)(c & 0x1F) << 6) | (p[i + 1] & 0x3F);
		else if (n == 3)
			cp = ((uint32_t)(c & 0x0F) << 12) | ((uint32_t)(p[i + 1] & 0x3F) << 6) |
			    (p[i + 2] & 0x3F);
		if (c < 0x20 || c == 0x7F || (n == 1 && c >= 0x80))
			o += (size_t)snprintf(out + o, cap - o, "\\x%02X", c);
		else if ((cp >= 0x80 && cp < 0xA0) || (cp >= 0x202A && cp <= 0x202E) ||
		    (cp >= 0x2066 && cp <= 0x2069))
			o += (size_t)snprintf(out + o, cap - o, "\\u%04X", (unsigned)cp);
		else {
			memcpy(out + o, p + i, n);
			o += n;
		}
		i += n;
		shown++;
	}
	out[o] = '\0';
}

/* The tag as the user probably wrote it: "tag:yaml.org,2002:str" is "!!str". */
static void
msg_tag(char *out, size_t cap, const char *tag)
{
	static const char core[] = "tag:yaml.org,2002:";
	if (strncmp(tag, core, sizeof core - 1) == 0) {
		const char *rest = tag + sizeof core - 1;
		memcpy(out, "!!", 2);
		msg_text(out + 2, cap - 2, rest, strlen(rest));
	} else {
		msg_text(out, cap, tag, strlen(tag));
	}
}

/* ---- positions ---- */

/* Length of the UTF-8 sequence led by c (the text is valid by now). */
static size_t
seq_len(unsigned char c)
{
	return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

/* Byte offset of code point number cp (libyaml's mark.index, which does
 * not count the BOM).  Marks arrive nearly in order, so the cursor moves
 * little and the whole file costs linear time. */
static size_t
cp_to_byte(struct loader *ld, size_t cp)
{
	const unsigned char *s = (const unsigned char *)ld->src;
	while (ld->cur_cp < cp && ld->cur_byte < ld->len) {
		size_t n = seq_len(s[ld->cur_byte]);
		ld->cur_byte = n > ld->len - ld->cur_byte ? ld->len : ld->cur_byte + n;
		ld->cur_cp++;
	}
	while (ld->cur_cp > cp && ld->cur_byte > ld->start) {
		ld->cur_byte--;
		while (ld->cur_byte > ld->start && (s[ld->cur_byte] & 0xC0) == 0x80)
			ld->cur_byte--;
		ld->cur_cp--;
	}
	return ld->cur_byte;
}

static uint32_t
clamp32(size_t v)
{
	return v > UINT32_MAX ? UINT32_MAX : (uint32_t)v;
}

/*
 * Line and column of a mark at byte off.  At the end of a file without a
 * final line break libyaml acts as if there were one and puts its marks at
 * the start of a line that does not exist; move them back to the end of
 * the last line, where an editor (and the excerpt) can show them.
 */
static void
mark_pos(const struct loader *ld, const yaml_mark_t *m, size_t off, uint32_t *line,
    uint32_t *col)
{
	*line = clamp32(m->line);
	*col = clamp32(m->column);
	if (off < ld->len || off == ld->start || m->column != 0 || m->line == 0 ||
	    ld->src[off - 1] == '\n' || ld->src[off - 1] == '\r')
		return;
	size_t ls = off, cps = 0;
	for (; ls > ld->start && ld->src[ls - 1] != '\n' && ld->src[ls - 1] != '\r'; ls--)
		cps += ((unsigned char)ld->src[ls - 1] & 0xC0) != 0x80;
	*line = clamp32(m->line - 1);
	*col = clamp32(cps);
}

static struct span
mark_span(struct loader *ld, const yaml_mark_t *from, const yaml_mark_t *to)
{
	struct span sp;
	sp.offset = cp_to_byte(ld, from->index);
	mark_pos(ld, from, sp.offset, &sp.line, &sp.col);
	sp.end_offset = cp_to_byte(ld, to->index);
	mark_pos(ld, to, sp.end_offset, &sp.end_line, &sp.end_col);
	return sp;
}

/* Span of n bytes at a byte offset, for problems found before libyaml
 * (diag_span_at_offset skips a BOM and counts lines as libyaml does). */
static struct span
byte_span(const struct loader *ld, size_t off, size_t n)
{
	struct span sp = diag_span_at_offset(ld->src, ld->len, off);
	sp.end_line = sp.line;
	sp.end_col = sp.col + 1;
	sp.end_offset = off + n <= ld->len ? off + n : ld->len;
	return sp;
}

/* ---- pass 1: the bytes ---- */

/* UTF-16 or UTF-32, by BOM or by the NUL bytes around ASCII characters
 * (YAML 1.2 section 5.2 detects encodings the same way): the encoding's
 * name for the message, or NULL for a file that may be UTF-8.  libyaml
 * would convert UTF-16 silently; we want one encoding for every case file. */
static const char *
utf16_32_name(const unsigned char *s, size_t len)
{
	if (len >= 4 && s[0] == 0xFF && s[1] == 0xFE && s[2] == 0 && s[3] == 0)
		return "UTF-32 (little-endian, with a byte-order mark)";
	if (len >= 4 && s[0] == 0 && s[1] == 0 && s[2] == 0xFE && s[3] == 0xFF)
		return "UTF-32 (big-endian, with a byte-order mark)";
	if (len >= 2 && s[0] == 0xFF && s[1] == 0xFE)
		return "UTF-16 (little-endian, with a byte-order mark)";
	if (len >= 2 && s[0] == 0xFE && s[1] == 0xFF)
		return "UTF-16 (big-endian, with a byte-order mark)";
	size_t pairs = (len < 16 ? len : 16) / 2, hi = 0, lo = 0;
	for (size_t i = 0; i < pairs; i++) {
		unsigned char a = s[2 * i], b = s[2 * i + 1];
		if (a == 0 && b != 0)
			hi++;
		else if (a != 0 && b == 0)
			lo++;
	}
	/* At least half the pairs: one stray NUL in a UTF-8 file is a
	 * control character, not an encoding. */
	if (!(pairs > 0 && (hi * 2 >= pairs || lo * 2 >= pairs) && (s[0] == 0 || s[1] == 0)))
		return NULL;
	/* An ASCII character in UTF-32 is one byte and three NULs. */
	if (len >= 4 && s[0] != 0 && s[1] == 0 && s[2] == 0 && s[3] == 0)
		return "UTF-32 (little-endian, without a byte-order mark)";
	if (len >= 4 && s[0] == 0 && s[1] == 0 && s[2] == 0 && s[3] != 0)
		return "UTF-32 (big-endian, without a byte-order mark)";
	return s[0] == 0 ? "UTF-16 (big-endian, without a byte-order mark)"
	    : "UTF-16 (little-endian, without a byte-order mark)";
}

static const char *
control_name(uint32_t cp)
{
	switch (cp) {
	case 0x00: return " (NUL)";
	case 0x08: return " (backspace)";
	case 0x0C: return " (form feed)";
	case 0x1B: return " (ESC)";
	case 0x7F: return " (DEL)";
	case 0x85: return " (next line)";
	default: return "";
	}
}

/*
 * Length of a well-formed UTF-8 sequence at s[0..n) (RFC 3629: no
 * overlong forms, no surrogates, nothing above U+10FFFF), or 0.
 */
static size_t
utf8_valid(const unsigned char *s, size_t n, uint32_t *cp)
{
	unsigned char c = s[0];
	size_t need;
	unsigned char lo = 0x80, hi = 0xBF;
	if (c >= 0xC2 && c <= 0xDF)
		need = 2;
	else if (c >= 0xE0 && c <= 0xEF) {
		need = 3;
		if (c == 0xE0)
			lo = 0xA0;
		else if (c == 0xED)
			hi = 0x9F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		need = 4;
		if (c == 0xF0)
			lo = 0x90;
		else if (c == 0xF4)
			hi = 0x8F;
	} else
		return 0;
	if (n < need || s[1] < lo || s[1] > hi)
		return 0;
	for (size_t k = 2; k < need; k++)
		if ((s[k] & 0xC0) != 0x80)
			return 0;
	uint32_t v = c & (0xFF >> (need + 1));
	for (size_t k = 1; k < need; k++)
		v = (v << 6) | (s[k] & 0x3F);
	*cp = v;
	return need;
}

/* Check the bytes; every problem found (up to MAX_ENCODING_ERRORS) is a
 * diagnostic with its real position.  Returns false on any problem. */
static bool
check_bytes(struct loader *ld)
{
	const unsigned char *s = (const unsigned char *)ld->src;
	size_t n_err = 0, i = ld->start;
	while (i < ld->len && n_err < MAX_ENCODING_ERRORS) {
		unsigned char c = s[i];
		if (c >= 0x20 && c < 0x7F) {
			i++;
			continue;
		}
		if (c == '\t' || c == '\n' || c == '\r') {
			i++;
			continue;
		}
		if (c < 0x80) {
			struct span sp = byte_span(ld, i, 1);
			diag_add(ld->dl, DIAG_CONTROL_CHAR, &sp, NULL,
			    "remove it: it may have come from copying text out of another program",
			    "control character U+%04X%s is not allowed (byte offset %zu)",
			    (unsigned)c, control_name(c), i);
			n_err++;
			i++;
			continue;
		}
		uint32_t cp = 0;
		size_t n = utf8_valid(s + i, ld->len - i, &cp);
		if (n == 0) {
			struct span sp = byte_span(ld, i, 1);
			diag_add(ld->dl, DIAG_UTF8, &sp, NULL, HINT_UTF8,
			    "invalid UTF-8 (byte 0x%02X at offset %zu)", (unsigned)c, i);
			n_err++;
			/* Skip the rest of the broken sequence: one report each. */
			for (i++; i < ld->len && (s[i] & 0xC0) == 0x80; i++)
				;
			continue;
		}
		if (cp >= 0x80 && cp <= 0x9F) {
			struct span sp = byte_span(ld, i, n);
			diag_add(ld->dl, DIAG_CONTROL_CHAR, &sp, NULL,
			    "remove it: it often comes from text converted twice between encodings",
			    "control character U+%04X%s is not allowed (byte offset %zu)",
			    (unsigned)cp, control_name(cp), i);
			n_err++;
		} else if (cp == 0x2028 || cp == 0x2029) {
			/* libyaml takes these for line breaks, so its line
			 * numbers would no longer match the editor's; in a
			 * case file they are paste accidents. */
			struct span sp = byte_span(ld, i, n);
			diag_add(ld->dl, DIAG_CONTROL_CHAR, &sp, NULL,
			    "replace it with an ordinary line break or a space",
			    "%s U+%04X is not allowed (byte offset %zu)",
			    cp == 0x2028 ? "line separator" : "paragraph separator",
			    (unsigned)cp, i);
			n_err++;
		} else if (cp == 0xFFFE || cp == 0xFFFF) {
			/* libyaml refuses these noncharacters with a bare offset. */
			struct span sp = byte_span(ld, i, n);
			diag_add(ld->dl, DIAG_CONTROL_CHAR, &sp, NULL, "remove it",
			    "U+%04X is not a character (byte offset %zu)", (unsigned)cp, i);
			n_err++;
		}
		i += n;
	}
	return n_err == 0;
}

/* ---- duplicate keys ---- */

static uint64_t
hash_key(const char *s, size_t len)
{
	uint64_t h = 0xcbf29ce484222325u;  /* FNV-1a */
	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 0x100000001b3u;
	}
	return h;
}

/* The entry of key: the earlier one (*found), else a new one holding key
 * and line. */
static struct key_entry *
key_set_put(struct key_set *ks, const char *key, size_t len, uint32_t line, bool *found)
{
	if ((ks->n + 1) * 2 > ks->cap) {
		size_t ncap = ks->cap ? ks->cap * 2 : 16;
		struct key_entry *ns = xcalloc(ncap, sizeof *ns);
		for (size_t i = 0; i < ks->cap; i++) {
			if (ks->slots[i].key == NULL)
				continue;
			size_t j = (size_t)ks->slots[i].hash & (ncap - 1);
			while (ns[j].key != NULL)
				j = (j + 1) & (ncap - 1);
			ns[j] = ks->slots[i];
		}
		free(ks->slots);
		ks->slots = ns;
		ks->cap = ncap;
	}
	uint64_t h = hash_key(key, len);
	size_t j = (size_t)h & (ks->cap - 1);
	for (; ks->slots[j].key != NULL; j = (j + 1) & (ks->cap - 1)) {
		struct key_entry *e = &ks->slots[j];
		if (e->hash == h && e->len == len && memcmp(e->key, key, len) == 0) {
			*found = true;
			return e;
		}
	}
	ks->slots[j].key = key;
	ks->slots[j].len = len;
	ks->slots[j].hash = h;
	ks->slots[j].line = line;
	ks->n++;
	*found = false;
	return &ks->slots[j];
}

/* Look key up; when absent, insert it and return NULL, else return the
 * earlier entry. */
static const struct key_entry *
key_set_add(struct key_set *ks, const char *key, size_t len, uint32_t line)
{
	bool found;
	const struct key_entry *e = key_set_put(ks, key, len, line, &found);
	return found ? e : NULL;
}

/* The text of a key, s[0..len) (libyaml's, short-lived), in the arena
 * once for the file: a list of 8,000 victims repeats the same keys. */
static const char *
intern_key(struct loader *ld, const char *s, size_t len)
{
	bool found;
	struct key_entry *e = key_set_put(&ld->key_texts, s, len, 0, &found);
	if (!found)
		e->key = arena_strndup(ld->a, s, len);
	return e->key;
}

/* ---- pass 2: events to tree ---- */

static void
link_child(struct ynode *parent, struct ynode *child)
{
	child->parent = parent;
	if (parent->last_child != NULL)
		parent->last_child->next = child;
	else
		parent->first_child = child;
	parent->last_child = child;
	parent->n_children++;
}

/* The key of a mapping member: a scalar, without NUL (a "\0" escape would
 * cut the key short at the NUL, so `"name\0x": v` would pass for `name`). */
static void
take_key(struct loader *ld, struct frame *f, struct ynode *k)
{
	f->want_value = true;
	f->key_bad = false;
	if (memchr(k->text, '\0', k->len) != NULL) {
		diag_add(ld->dl, DIAG_CONTROL_CHAR, &k->span, NULL,
		    "remove the \\0 escape from the key",
		    "a key may not contain a NUL character");
		f->key_bad = true;
		return;
	}
	const struct key_entry *first = key_set_add(&f->keys, k->text, k->len, k->span.line);
	if (first != NULL) {
		char shown[MSG_TEXT_MAX * 4 + 16];
		msg_text(shown, sizeof shown, k->text, k->len);
		diag_add(ld->dl, DIAG_YAML_DUPKEY, &k->span, NULL,
		    "each key may appear once in a mapping: merge the two or remove one",
		    "duplicate key '%s' (first at line %u)", shown, (unsigned)first->line + 1);
		f->key_bad = true;
		return;
	}
	f->key = k->text;
	f->key_span = k->span;
}

/*
 * Put a new node (NULL for an alias) where the document says: the root, an
 * item of the open sequence, or a key or a value of the open mapping.
 * Refused keys and their values stay out of the tree.
 */
static void
place(struct loader *ld, struct ynode *node)
{
	if (ld->depth == 0) {
		if (ld->root == NULL)
			ld->root = node;
		return;
	}
	struct frame *f = &ld->stack[ld->depth - 1];
	if (f->node->kind == YNODE_SEQUENCE) {
		if (node != NULL)
			link_child(f->node, node);
		return;
	}
	if (!f->want_value) {
		if (node == NULL) {
			/* an alias as a key: already reported */
			f->want_value = true;
			f->key_bad = true;
		} else if (node->kind == YNODE_SCALAR) {
			take_key(ld, f, node);
		} else {
			diag_add(ld->dl, DIAG_YAML_COMPLEX_KEY, &node->span, NULL,
			    "use a plain word as the key",
			    "a key must be a single value, not a %s",
			    node->kind == YNODE_MAPPING ? "mapping" : "list");
			f->want_value = true;
			f->key_bad = true;
		}
		return;
	}
	if (node != NULL && !f->key_bad) {
		node->key = f->key;
		node->key_span = f->key_span;
		link_child(f->node, node);
	}
	f->want_value = false;
	f->key_bad = false;
	f->key = NULL;
}

/* Count one more node; false past LIMIT_YAML_NODES (reported). */
static bool
count_node(struct loader *ld, const yaml_event_t *ev)
{
	if (++ld->n_nodes <= LIMIT_YAML_NODES)
		return true;
	struct span sp = mark_span(ld, &ev->start_mark, &ev->end_mark);
	diag_add(ld->dl, DIAG_YAML_NODES, &sp, NULL,
	    "a case file describes one case: split the data or shorten the lists",
	    "the file holds more than %u values", (unsigned)LIMIT_YAML_NODES);
	return false;
}

/* A new node, in the arena or, when on_stack is not NULL, there; NULL
 * past LIMIT_YAML_NODES. */
static struct ynode *
new_node(struct loader *ld, enum ynode_kind kind, const yaml_event_t *ev,
    struct ynode *on_stack)
{
	if (!count_node(ld, ev))
		return NULL;
	struct ynode *n = on_stack ? memset(on_stack, 0, sizeof *n) : arena_alloc(ld->a, sizeof *n);
	n->kind = kind;
	n->span = mark_span(ld, &ev->start_mark, &ev->end_mark);
	return n;
}

static void
check_props(struct loader *ld, const yaml_event_t *ev, const yaml_char_t *anchor,
    const yaml_char_t *tag)
{
	char shown[MSG_TEXT_MAX * 4 + 16];
	if (anchor != NULL && ld->n_alias_diags++ < MAX_REPEATED_DIAGS) {
		struct span sp = mark_span(ld, &ev->start_mark, &ev->start_mark);
		msg_text(shown, sizeof shown, (const char *)anchor, strlen((const char *)anchor));
		diag_add(ld->dl, DIAG_YAML_ALIAS, &sp, NULL,
		    "write the value out in full at each place it is needed",
		    "anchors and aliases are not allowed (anchor '&%s')", shown);
	}
	if (tag != NULL && ld->n_tag_diags++ < MAX_REPEATED_DIAGS) {
		struct span sp = mark_span(ld, &ev->start_mark, &ev->end_mark);
		msg_tag(shown, sizeof shown, (const char *)tag);
		diag_add(ld->dl, DIAG_YAML_TAG, &sp, NULL,
		    "remove the tag: every value is read as text and the form gives it its type",
		    "tags are not allowed ('%s')", shown);
	}
}

static enum yscalar_style
scalar_style(yaml_scalar_style_t st)
{
	switch (st) {
	case YAML_SINGLE_QUOTED_SCALAR_STYLE:
	case YAML_DOUBLE_QUOTED_SCALAR_STYLE:
		return YSTYLE_QUOTED;
	case YAML_LITERAL_SCALAR_STYLE:
	case YAML_FOLDED_SCALAR_STYLE:
		return YSTYLE_BLOCK;
	default:
		return YSTYLE_PLAIN;
	}
}

/* Open a sequence or mapping; false when the depth or node limit stops
 * the parse. */
static bool
open_collection(struct loader *ld, enum ynode_kind kind, const yaml_event_t *ev)
{
	if (ld->depth == LIMIT_YAML_DEPTH) {
		/* Stop here: libyaml would spend quadratic time on the rest of a
		 * "[[[[..." file before reaching any error of its own. */
		struct span sp = mark_span(ld, &ev->start_mark, &ev->end_mark);
		diag_add(ld->dl, DIAG_YAML_DEPTH, &sp, NULL,
		    "no form nests values this deeply: check the indentation and brackets",
		    "values are nested more than %d levels deep", LIMIT_YAML_DEPTH);
		return false;
	}
	struct ynode *n = new_node(ld, kind, ev, NULL);
	if (n == NULL)
		return false;
	place(ld, n);
	struct frame *f = &ld->stack[ld->depth++];
	memset(f, 0, sizeof *f);
	f->node = n;
	return true;
}

static void
close_collection(struct loader *ld, const yaml_event_t *ev)
{
	if (ld->depth == 0)
		return;
	struct frame *f = &ld->stack[--ld->depth];
	struct span *sp = &f->node->span;
	sp->end_offset = cp_to_byte(ld, ev->end_mark.index);
	mark_pos(ld, &ev->end_mark, sp->end_offset, &sp->end_line, &sp->end_col);
	free(f->keys.slots);
	f->keys.slots = NULL;
}

/* The first tab in the leading whitespace of the line holding byte off,
 * or SIZE_MAX; *col is its column (only spaces and tabs precede it). */
static size_t
leading_tab(const struct loader *ld, size_t off, uint32_t *col)
{
	size_t ls = off;
	while (ls > ld->start && ld->src[ls - 1] != '\n' && ld->src[ls - 1] != '\r')
		ls--;
	for (size_t i = ls; i < ld->len && (ld->src[i] == ' ' || ld->src[i] == '\t'); i++) {
		if (ld->src[i] == '\t') {
			*col = clamp32(i - ls);
			return i;
		}
	}
	return SIZE_MAX;
}

/*
 * A key longer than libyaml's limit for simple keys (LIMIT_YAML_KEY_CHARS,
 * YAML 1.2 section 7.4).  libyaml gives up on such a key and reports
 * "could not find expected ':'" (when a key was required: its
 * context_mark is the key's start) or, when the key was optional, some
 * later error at the ':' after it.  Either way the ':' is at the problem
 * mark, on the key's line, more than the limit after the key's start:
 * say so, at the key.
 */
static bool
report_long_key(struct loader *ld, const yaml_parser_t *p, const struct span *sp)
{
	if (sp->offset >= ld->len || ld->src[sp->offset] != ':')
		return false;
	size_t key_off, colon = sp->offset;
	uint32_t key_col;
	if (p->context != NULL && strcmp(p->context, "while scanning a simple key") == 0) {
		if (p->context_mark.line != p->problem_mark.line)
			return false;
		key_off = cp_to_byte(ld, p->context_mark.index);
		key_col = clamp32(p->context_mark.column);
	} else {
		/* The key starts after the indentation, a "- " or "? " or a
		 * flow indicator; a quoted key at its opening quote. */
		size_t i = colon;
		while (i > ld->start && ld->src[i - 1] == ' ')
			i--;
		char q = i > ld->start ? ld->src[i - 1] : 0;
		if (q == '"' || q == '\'') {
			for (i--; i > ld->start && ld->src[i - 1] != q && ld->src[i - 1] != '\n' &&
			    ld->src[i - 1] != '\r'; i--)
				;
			if (i == ld->start || ld->src[i - 1] != q)
				return false;
			i--;
		} else {
			while (i > ld->start && !strchr("\n\r{[,", ld->src[i - 1]))
				i--;
			for (;;) {
				while (ld->src[i] == ' ')
					i++;
				if ((ld->src[i] != '-' && ld->src[i] != '?') || ld->src[i + 1] != ' ')
					break;
				i += 2;
			}
			/* "a: <a long value> b: c" is a value holding ": ",
			 * not a long key */
			for (size_t k = i; k + 1 < colon; k++)
				if ((ld->src[k] == ':' || ld->src[k + 1] == '#') && ld->src[k + 1] == ' ')
					return false;
		}
		key_off = i;
		size_t ls = i;
		while (ls > ld->start && ld->src[ls - 1] != '\n' && ld->src[ls - 1] != '\r')
			ls--;
		key_col = 0;
		for (size_t k = ls; k < key_off; k++)
			key_col += ((unsigned char)ld->src[k] & 0xC0) != 0x80;
	}
	size_t n = 0;
	for (size_t k = key_off; k < colon; k++)
		n += ((unsigned char)ld->src[k] & 0xC0) != 0x80;
	if (n <= LIMIT_YAML_KEY_CHARS)
		return false;
	struct span ksp = *sp;
	ksp.col = key_col;
	ksp.offset = key_off;
	ksp.end_line = sp->line;
	ksp.end_col = sp->col;
	ksp.end_offset = colon;
	diag_add(ld->dl, DIAG_YAML_SYNTAX, &ksp, NULL,
	    "shorten the key; if this is a value, check that the line above ends where it should",
	    "this key is %zu characters long; the limit is %u", n,
	    (unsigned)LIMIT_YAML_KEY_CHARS);
	return true;
}

/* Turn libyaml's error into one diagnostic in the user's terms. */
static void
report_parser_error(struct loader *ld, const yaml_parser_t *p)
{
	const char *problem = p->problem;
	if (p->error == YAML_MEMORY_ERROR || problem == NULL) {
		/* problem is NULL on a memory error: never print it. */
		diag_add(ld->dl, DIAG_YAML_SYNTAX, NULL, NULL, NULL,
		    "the YAML parser ran out of memory");
		return;
	}
	if (p->error == YAML_READER_ERROR) {
		/* Only a byte offset here; pass 1 should have caught these. */
		size_t off = p->problem_offset;
		struct span sp = byte_span(ld, off < ld->len ? off : ld->len, 1);
		diag_add(ld->dl, DIAG_UTF8, &sp, NULL, HINT_UTF8, "%s (byte offset %zu)",
		    problem, off);
		return;
	}
	struct span sp = mark_span(ld, &p->problem_mark, &p->problem_mark);
	sp.end_col = sp.col + 1;
	sp.end_offset = sp.offset < ld->len ? sp.offset + 1 : ld->len;

	/* libyaml says "found character that cannot start any token" and the
	 * like for tabs in indentation; name the real cause at the tab. */
	uint32_t tab_col = 0;
	size_t tab = leading_tab(ld, sp.offset, &tab_col);
	if (tab != SIZE_MAX || strstr(problem, "tab character") != NULL) {
		struct span tsp = sp;
		if (tab != SIZE_MAX) {
			/* libyaml's line (it knows CR line ends), our column. */
			tsp.col = tab_col;
			tsp.end_col = tab_col + 1;
			tsp.offset = tab;
			tsp.end_offset = tab + 1;
		}
		diag_add(ld->dl, DIAG_YAML_TAB, &tsp, NULL, HINT_TAB,
		    "tab character used for indentation");
		return;
	}

	const char *context = p->context;
	/* libyaml reports an unterminated string where the file ends (or
	 * where a "---" line stops it); its context_mark is the opening
	 * quote, which is where the mistake is. */
	if (context != NULL && strcmp(context, "while scanning a quoted scalar") == 0 &&
	    (strcmp(problem, "found unexpected end of stream") == 0 ||
	    strcmp(problem, "found unexpected document indicator") == 0)) {
		struct span csp = mark_span(ld, &p->context_mark, &p->context_mark);
		csp.end_col = csp.col + 1;
		csp.end_offset = csp.offset + 1;
		char quote = csp.offset < ld->len ? ld->src[csp.offset] : '"';
		bool at_end = strcmp(problem, "found unexpected end of stream") == 0;
		diag_add(ld->dl, DIAG_YAML_SYNTAX, &csp, NULL, HINT_QUOTE,
		    "unterminated quoted string: the %s quote opened here is not closed "
		    "before %s", quote == '\'' ? "single" : "double",
		    at_end ? "the end of the file" : "a '---' or '...' line");
		return;
	}
	if (report_long_key(ld, p, &sp))
		return;
	/* `phone: "+31 70 555` with the quote left open: the string runs
	 * to the next quote in the file, and libyaml stumbles right after
	 * it, lines later.  Point at the quote that opened it. */
	if (ld->last_multiline_quote && p->problem_mark.line == ld->last_quote_end.line &&
	    p->problem_mark.index >= ld->last_quote_end.index) {
		struct span qsp = mark_span(ld, &ld->last_quote_start, &ld->last_quote_start);
		qsp.end_col = qsp.col + 1;
		qsp.end_offset = qsp.offset + 1;
		diag_add(ld->dl, DIAG_YAML_SYNTAX, &qsp, NULL, HINT_QUOTE,
		    "the quoted string opened here runs to line %u, where the YAML parser "
		    "then fails (%s); is its closing quote missing?",
		    (unsigned)ld->last_quote_end.line + 1, problem);
		return;
	}
	/* A line that is neither a key nor the value it meant to be: a line
	 * of a text pasted with less indentation than the text's first line,
	 * or "key:value" without the space.  libyaml reports it where it
	 * gave up, often the next key's line; the line it read as a key is
	 * the context mark. */
	if (context != NULL && strcmp(context, "while scanning a simple key") == 0 &&
	    strcmp(problem, "could not find expected ':'") == 0) {
		struct span ksp = mark_span(ld, &p->context_mark, &p->context_mark);
		diag_add(ld->dl, DIAG_YAML_SYNTAX, &ksp, NULL,
		    "a key needs ': ' after it, a colon and a space (occupation: Lawyer); a line "
		    "that continues a text above must be indented at least as much as that "
		    "text's first line",
		    "this line is read as the start of a key, but no ': ' follows it");
		return;
	}
	const char *hint = NULL;
	if (strcmp(problem, "mapping values are not allowed in this context") == 0) {
		hint = "a value containing ': ' must be put in quotes";
	} else if (strcmp(problem, "found character that cannot start any token") == 0) {
		hint = "a value starting with @, ` or % must be put in quotes";
	} else if (strncmp(problem, "did not find expected", 21) == 0) {
		hint = "check the indentation and the brackets and quotes above";
	}
	if (context != NULL && strcmp(context, "while scanning for the next token") != 0)
		diag_add(ld->dl, DIAG_YAML_SYNTAX, &sp, NULL, hint,
		    "%s %s that started at line %u", problem, context,
		    (unsigned)p->context_mark.line + 1);
	else
		diag_add(ld->dl, DIAG_YAML_SYNTAX, &sp, NULL, hint, "%s", problem);
}

/* Whether the next scalar is the key of a member of the open mapping. */
static bool
next_is_key(const struct loader *ld)
{
	return ld->depth > 0 && ld->stack[ld->depth - 1].node->kind == YNODE_MAPPING &&
	    !ld->stack[ld->depth - 1].want_value;
}

/* Handle one event; false stops the parse. */
static bool
on_event(struct loader *ld, const yaml_event_t *ev)
{
	struct ynode *n, key;
	switch (ev->type) {
	case YAML_DOCUMENT_START_EVENT:
		if (++ld->n_docs > 1) {
			struct span sp = mark_span(ld, &ev->start_mark, &ev->end_mark);
			diag_add(ld->dl, DIAG_YAML_MULTIDOC, &sp, NULL,
			    "one case per file: remove the '---' line or split the file",
			    "a second YAML document starts here; a case file holds one");
			return false;
		}
		return true;
	case YAML_SCALAR_EVENT:
		check_props(ld, ev, ev->data.scalar.anchor, ev->data.scalar.tag);
		/* a key of the open mapping is kept as its text and position in
		 * the node of its value (place): its own node needs no room */
		bool is_key = next_is_key(ld);
		if ((n = new_node(ld, YNODE_SCALAR, ev, is_key ? &key : NULL)) == NULL)
			return false;
		const char *text = (const char *)ev->data.scalar.value;
		size_t len = ev->data.scalar.length;
		n->text = is_key ? intern_key(ld, text, len) : arena_strndup(ld->a, text, len);
		n->len = len;
		n->style = scalar_style(ev->data.scalar.style);
		ld->last_multiline_quote = n->style == YSTYLE_QUOTED &&
		    ev->start_mark.line != ev->end_mark.line;
		ld->last_quote_start = ev->start_mark;
		ld->last_quote_end = ev->end_mark;
		if (n->len > LIMIT_SCALAR_BYTES)
			diag_add(ld->dl, DIAG_SCALAR_TOO_LONG, &n->span, NULL,
			    "shorten it or put the material in an attachment",
			    "this value is %zu bytes long; the limit is %u",
			    n->len, (unsigned)LIMIT_SCALAR_BYTES);
		place(ld, n);
		return true;
	case YAML_ALIAS_EVENT:
		if (!count_node(ld, ev))
			return false;
		if (ld->n_alias_diags++ < MAX_REPEATED_DIAGS) {
			char shown[MSG_TEXT_MAX * 4 + 16];
			struct span sp = mark_span(ld, &ev->start_mark, &ev->end_mark);
			const char *a = (const char *)ev->data.alias.anchor;
			msg_text(shown, sizeof shown, a, strlen(a));
			diag_add(ld->dl, DIAG_YAML_ALIAS, &sp, NULL,
			    "write the value out in full at each place it is needed",
			    "anchors and aliases are not allowed (alias '*%s')", shown);
		}
		place(ld, NULL);
		return true;
	case YAML_SEQUENCE_START_EVENT:
		check_props(ld, ev, ev->data.sequence_start.anchor, ev->data.sequence_start.tag);
		return open_collection(ld, YNODE_SEQUENCE, ev);
	case YAML_MAPPING_START_EVENT:
		check_props(ld, ev, ev->data.mapping_start.anchor, ev->data.mapping_start.tag);
		return open_collection(ld, YNODE_MAPPING, ev);
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		close_collection(ld, ev);
		return true;
	default:
		return true;
	}
}

bool
ytree_load(const char *src, size_t len, struct arena *arena, struct ytree *tree,
    struct diag_list *dl)
{
	size_t errors_before = dl->n_errors;
	struct loader ld;
	yaml_parser_t parser;
	bool parser_live = false;

	memset(&ld, 0, sizeof ld);
	tree->root = NULL;
	ld.src = src;
	ld.len = len;
	ld.a = arena;
	ld.dl = dl;

	const unsigned char *s = (const unsigned char *)src;
	/* Whole-file problems point at 1:1, so that editors and the JSON
	 * output have a position for them too. */
	struct span start = { .end_col = 1, .end_offset = len > 0 ? 1 : 0 };
	const char *enc = utf16_32_name(s, len);
	if (enc != NULL) {
		diag_add(dl, DIAG_ENCODING, &start, NULL, HINT_UTF8,
		    "case files must be UTF-8; this file is %s", enc);
		goto done;
	}
	if (len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
		ld.start = 3;
	ld.cur_byte = ld.start;
	if (!check_bytes(&ld))
		goto done;

	if (!yaml_parser_initialize(&parser)) {
		diag_add(dl, DIAG_YAML_SYNTAX, NULL, NULL, NULL,
		    "the YAML parser ran out of memory");
		goto done;
	}
	parser_live = true;
	yaml_parser_set_input_string(&parser, s, len);
	for (;;) {
		yaml_event_t ev;
		if (!yaml_parser_parse(&parser, &ev)) {
			report_parser_error(&ld, &parser);
			break;
		}
		bool go_on = on_event(&ld, &ev);
		bool end = ev.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&ev);
		if (!go_on)
			break;
		if (end) {
			/* No document, or "---" with nothing after it. */
			if (ld.n_docs == 0 || (ld.root != NULL && ld.root->kind == YNODE_SCALAR &&
			    ld.root->len == 0 && ld.root->style == YSTYLE_PLAIN))
				diag_add(dl, DIAG_EMPTY, &start, NULL,
				    "write the case as 'key: value' lines (see cases/ for examples)",
				    len == 0 ? "the case file is empty (0 bytes)"
				    : "the case file is empty: it holds only blank lines, comments "
				    "or document markers");
			break;
		}
	}

done:
	/* One way out: the key sets of the collections still open when the
	 * parse stopped, the table of key texts, and the parser. */
	for (size_t i = 0; i < ld.depth; i++)
		free(ld.stack[i].keys.slots);
	free(ld.key_texts.slots);
	if (parser_live)
		yaml_parser_delete(&parser);
	tree->root = ld.root;
	return dl->n_errors == errors_before;
}

/* ---- reading the file ---- */

static void
io_error(struct diag_list *dl, const char *what, int err)
{
	char buf[256];
	/* strerror_r (XSI, with _POSIX_C_SOURCE): strerror may share a buffer
	 * between threads. */
	if (strerror_r(err, buf, sizeof buf) != 0)
		snprintf(buf, sizeof buf, "error %d", err);
	diag_add(dl, DIAG_IO, NULL, NULL, NULL, "%s: %s", what, buf);
}

static const char *
file_kind(mode_t m)
{
	if (S_ISDIR(m))
		return "a directory";
	if (S_ISFIFO(m))
		return "a FIFO (named pipe)";
	if (S_ISCHR(m))
		return "a character device";
	if (S_ISBLK(m))
		return "a block device";
	if (S_ISSOCK(m))
		return "a socket";
	return "not a regular file";
}

bool
ytree_read_file(const char *path, char **bufp, size_t *lenp, struct diag_list *dl)
{
	char *buf = NULL;
	size_t used = 0, cap;
	bool ok = false;
	struct stat st;

	*bufp = NULL;
	*lenp = 0;
	/* "-" is standard input, which may be a pipe or a terminal (read as
	 * `cat -` does); any other path must name a regular file.  O_NONBLOCK:
	 * opening a FIFO with no writer must not hang the batch; fstat then
	 * refuses it without reading. */
	bool from_stdin = strcmp(path, "-") == 0;
	int fd = from_stdin ? fcntl(STDIN_FILENO, F_DUPFD_CLOEXEC, 0)
	    : open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0) {
		io_error(dl, "cannot open the file", errno);
		return false;
	}
	if (fstat(fd, &st) != 0) {
		io_error(dl, "cannot examine the file", errno);
		goto out;
	}
	if (!S_ISREG(st.st_mode) && !(from_stdin && !S_ISDIR(st.st_mode) && !S_ISBLK(st.st_mode))) {
		const char *kind = file_kind(st.st_mode);
		diag_add(dl, DIAG_NOT_REGULAR, NULL, NULL, "give the path of a .yaml case file",
		    "this is %s, not a case file", kind);
		goto out;
	}
	if (st.st_size < 0 || (uintmax_t)st.st_size > LIMIT_CASE_BYTES) {
		diag_add(dl, DIAG_TOO_LARGE, NULL, NULL,
		    "a case file is typed text; put large material in attachments",
		    "the file is %jd bytes; the limit is %u bytes (8 MiB)",
		    (intmax_t)st.st_size, (unsigned)LIMIT_CASE_BYTES);
		goto out;
	}
	/* One byte more than announced, so growth since fstat is noticed. */
	cap = (size_t)st.st_size + 2;
	buf = xmalloc(cap);
	for (;;) {
		if (used + 1 == cap) {
			if (used > LIMIT_CASE_BYTES)
				break;
			cap = cap * 2 > LIMIT_CASE_BYTES + 2 ? LIMIT_CASE_BYTES + 2 : cap * 2;
			buf = xrealloc(buf, cap);
		}
		ssize_t n = read(fd, buf + used, cap - 1 - used);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			io_error(dl, "cannot read the file", errno);
			goto out;
		}
		if (n == 0)
			break;
		used += (size_t)n;
	}
	if (used > LIMIT_CASE_BYTES) {
		diag_add(dl, DIAG_TOO_LARGE, NULL, NULL,
		    "a case file is typed text; put large material in attachments",
		    "the file is larger than the limit of %u bytes (8 MiB)",
		    (unsigned)LIMIT_CASE_BYTES);
		goto out;
	}
	buf[used] = '\0';
	*bufp = buf;
	*lenp = used;
	buf = NULL;
	ok = true;
out:
	free(buf);
	close(fd);
	return ok;
}

bool
ytree_load_file(const char *path, struct arena *arena, struct ytree *tree,
    const char **src, size_t *src_len, struct diag_list *dl)
{
	size_t first = dl->n_items, len = 0;
	char *buf = NULL;
	*tree = (struct ytree){ 0 };
	/* the build's tree of these very bytes, if it has one (ytree_image.h) */
	bool ok = ytree_read_file(path, &buf, &len, dl) &&
	    (ytree_image_tree(buf, len, arena, tree) || ytree_load(buf, len, arena, tree, dl));
	diag_set_file_from(dl, first, path);
	if (ok && src != NULL) {
		*src = arena_strndup(arena, buf, len);
		*src_len = len;
	}
	free(buf);
	return ok;
}

/* ---- access ---- */

const struct ynode *
ytree_get(const struct ynode *map, const char *key)
{
	if (map == NULL || map->kind != YNODE_MAPPING)
		return NULL;
	for (const struct ynode *c = map->first_child; c != NULL; c = c->next)
		if (c->key != NULL && strcmp(c->key, key) == 0)
			return c;
	return NULL;
}

static void
dump_text(FILE *fp, const char *s, size_t len)
{
	fputc('"', fp);
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '"' || c == '\\')
			fprintf(fp, "\\%c", c);
		else if (c == '\n')
			fputs("\\n", fp);
		else if (c < 0x20 || c == 0x7F)
			fprintf(fp, "\\x%02X", c);
		else
			fputc(c, fp);
	}
	fputc('"', fp);
}

/*
 * One line per node, positions 1-based:
 *   mapping 1:1-4:1
 *     name@2:3 scalar plain 2:9-2:14 "Chen"
 *     - sequence ...
 */
void
ytree_dump(FILE *fp, const struct ynode *node, int indent)
{
	static const char *const kinds[] = { "scalar", "sequence", "mapping" };
	static const char *const styles[] = { "plain", "quoted", "block" };
	if (node == NULL) {
		fprintf(fp, "%*s(null)\n", indent, "");
		return;
	}
	fprintf(fp, "%*s", indent, "");
	if (node->key != NULL)
		fprintf(fp, "%s@%u:%u ", node->key, (unsigned)node->key_span.line + 1,
		    (unsigned)node->key_span.col + 1);
	else if (node->parent != NULL)
		fputs("- ", fp);
	fprintf(fp, "%s", kinds[node->kind]);
	if (node->kind == YNODE_SCALAR)
		fprintf(fp, " %s", styles[node->style]);
	fprintf(fp, " %u:%u-%u:%u", (unsigned)node->span.line + 1,
	    (unsigned)node->span.col + 1, (unsigned)node->span.end_line + 1,
	    (unsigned)node->span.end_col + 1);
	if (node->kind == YNODE_SCALAR) {
		fputc(' ', fp);
		dump_text(fp, node->text, node->len);
	}
	fputc('\n', fp);
	for (const struct ynode *c = node->first_child; c != NULL; c = c->next)
		ytree_dump(fp, c, indent + 2);
}

static int
cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

char **
ytree_yaml_files(const char *dir, size_t *n)
{
	*n = 0;
	DIR *d = opendir(dir);
	if (d == NULL)
		return NULL;
	char **names = xcalloc(1, sizeof *names);
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		size_t len = strlen(e->d_name);
		if (len < 6 || e->d_name[0] == '.' || strcmp(e->d_name + len - 5, ".yaml") != 0)
			continue;
		names = xrealloc(names, (*n + 1) * sizeof *names);
		names[(*n)++] = xstrdup(e->d_name);
	}
	closedir(d);
	qsort(names, *n, sizeof *names, cmp_name);
	return names;
}

void
ytree_names_free(char **names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

/* The bytes of one escape sequence of a double-quoted scalar at src[p]
 * ('\\' included), and whether it stands for white space (a line break, a
 * tab), which the value's own white space already accounts for. */
static size_t
escape_len(const char *src, size_t p, size_t stop, bool *blank)
{
	size_t n = 2;
	char e = p + 1 < stop ? src[p + 1] : '\0';
	*blank = e == 'n' || e == 't' || e == 'r' || e == ' ' || e == '_' || e == 'N' ||
	    e == 'L' || e == 'P' || e == '\n' || e == '\t' || e == '0' || e == 'a' ||
	    e == 'b' || e == 'e' || e == 'f' || e == 'v';
	if (e == 'x')
		n += 2;
	else if (e == 'u')
		n += 4;
	else if (e == 'U')
		n += 8;
	return p + n <= stop ? n : stop - p;
}

struct span
ytree_value_span(const struct ynode *n, const char *src, size_t src_len, size_t start, size_t end)
{
	struct span whole = n->span;
	if (src == NULL || n->kind != YNODE_SCALAR || start >= end || end > n->len ||
	    n->span.offset >= src_len)
		return whole;
	size_t p = n->span.offset;
	size_t stop = n->span.end_offset < src_len ? n->span.end_offset : src_len;
	char quote = 0;
	if (n->style == YSTYLE_QUOTED && (src[p] == '"' || src[p] == '\''))
		quote = src[p++];
	else if (n->style == YSTYLE_BLOCK)
		while (p < stop && src[p] != '\n')
			p++; /* the header line: '|', '>', indicators, a comment */
	size_t s_at = SIZE_MAX, e_at = SIZE_MAX;
	/* The value's bytes that are not white space come in the same order
	 * in the source; indentation, line breaks, quotes and escapes come
	 * between them. */
	for (size_t i = 0; i < end;) {
		unsigned char c = (unsigned char)n->text[i];
		if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
			i++;
			continue;
		}
		size_t at = SIZE_MAX, len = 1;
		while (p < stop) {
			unsigned char d = (unsigned char)src[p];
			if (quote == '"' && d == '\\' && c != '\\') {
				bool blank;
				size_t el = escape_len(src, p, stop, &blank);
				if (!blank) {
					at = p;
					len = el;
					/* the escape stands for one character of the value */
					while (i + 1 < n->len &&
					    ((unsigned char)n->text[i + 1] & 0xC0) == 0x80)
						i++;
					break;
				}
				p += el;
				continue;
			}
			if (d == c) {
				at = p;
				if (quote == '\'' && c == '\'' && p + 1 < stop && src[p + 1] == '\'')
					len = 2;
				else if (quote == '"' && c == '\\')
					len = 2;
				break;
			}
			if (d == ' ' || d == '\n' || d == '\t' || d == '\r')
				p++;
			else
				return whole; /* lost: the whole value is the best answer */
		}
		if (at == SIZE_MAX)
			return whole;
		if (i >= start && s_at == SIZE_MAX)
			s_at = at;
		p = at + len;
		i++;
		if (i >= end)
			e_at = p;
	}
	if (s_at == SIZE_MAX || e_at == SIZE_MAX)
		return whole;
	struct span sp = diag_span_at_offset(src, src_len, s_at);
	struct span ep = diag_span_at_offset(src, src_len, e_at);
	sp.end_line = ep.line;
	sp.end_col = ep.col;
	sp.end_offset = e_at;
	return sp;
}
