/*
 * package.c - e-mail drafts with GMime 3 (package.h).
 */
#include "package.h"

#include <gmime/gmime.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "sha256.h"

static void
hash_str(struct sha256 *s, const char *t)
{
	if (t != NULL)
		sha256_update(s, t, strlen(t) + 1);
	else
		sha256_update(s, "", 1);
}

/* SHA-256 (hex) of everything the message says: its id and boundary. */
static void
content_hash(const struct package_message *m, char hex[65])
{
	struct sha256 s;
	sha256_init(&s);
	hash_str(&s, m->from);
	for (size_t i = 0; i < m->n_to; i++)
		hash_str(&s, m->to[i]);
	for (size_t i = 0; i < m->n_cc; i++)
		hash_str(&s, m->cc[i]);
	hash_str(&s, m->subject);
	hash_str(&s, m->body);
	sha256_update(&s, &m->date, sizeof m->date);
	for (size_t i = 0; i < m->n_parts; i++) {
		hash_str(&s, m->parts[i].name);
		sha256_update(&s, m->parts[i].data, m->parts[i].len);
	}
	sha256_hex(&s, hex);
}

static void
add_addresses(GMimeMessage *msg, GMimeAddressType type, const char *const *a, size_t n)
{
	InternetAddressList *list = g_mime_message_get_addresses(msg, type);
	for (size_t i = 0; i < n; i++) {
		InternetAddress *ia = internet_address_mailbox_new(NULL, a[i]);
		internet_address_list_add(list, ia);
		g_object_unref(ia);
	}
}

static GMimeObject *
attachment(const struct package_part *p)
{
	GMimePart *part = g_mime_part_new_with_type(p->type, p->subtype);
	GMimeStream *st = g_mime_stream_mem_new_with_buffer((const char *)p->data, p->len);
	GMimeDataWrapper *w = g_mime_data_wrapper_new_with_stream(st,
	    GMIME_CONTENT_ENCODING_DEFAULT);
	g_mime_part_set_content(part, w);
	g_object_unref(w);
	g_object_unref(st);
	g_mime_part_set_filename(part, p->name);
	g_mime_part_set_content_encoding(part, GMIME_CONTENT_ENCODING_BASE64);
	return GMIME_OBJECT(part);
}

static pthread_once_t gmime_once = PTHREAD_ONCE_INIT;

static void
gmime_init_once(void)
{
	g_mime_init();
}

bool
package_build(const struct package_message *m, char **out, size_t *len, char *err,
    size_t errlen)
{
	/* once per process, whichever thread comes first: batch --package
	 * builds drafts in its workers */
	pthread_once(&gmime_once, gmime_init_once);
	char hex[65];
	content_hash(m, hex);

	GMimeMessage *msg = g_mime_message_new(TRUE);
	if (m->from != NULL)
		add_addresses(msg, GMIME_ADDRESS_TYPE_FROM, &m->from, 1);
	add_addresses(msg, GMIME_ADDRESS_TYPE_TO, m->to, m->n_to);
	add_addresses(msg, GMIME_ADDRESS_TYPE_CC, m->cc, m->n_cc);
	g_mime_message_set_subject(msg, m->subject, "utf-8");
	GDateTime *date = g_date_time_new_from_unix_utc(m->date);
	g_mime_message_set_date(msg, date);
	g_date_time_unref(date);
	char id[96];
	snprintf(id, sizeof id, "%.32s@spcomm.invalid", hex);
	g_mime_message_set_message_id(msg, id);
	g_mime_object_set_header(GMIME_OBJECT(msg), "X-Unsent", "1", NULL);

	GMimeMultipart *mp = g_mime_multipart_new_with_subtype("mixed");
	char boundary[80];
	snprintf(boundary, sizeof boundary, "=_spcomm_%.40s", hex + 24);
	g_mime_multipart_set_boundary(mp, boundary);

	GMimeTextPart *text = g_mime_text_part_new_with_subtype("plain");
	g_mime_text_part_set_text(text, m->body);
	g_mime_part_set_content_encoding(GMIME_PART(text), g_mime_part_get_best_content_encoding(
	    GMIME_PART(text), GMIME_ENCODING_CONSTRAINT_7BIT));
	g_mime_multipart_add(mp, GMIME_OBJECT(text));
	g_object_unref(text);
	for (size_t i = 0; i < m->n_parts; i++) {
		GMimeObject *a = attachment(&m->parts[i]);
		g_mime_multipart_add(mp, a);
		g_object_unref(a);
	}
	g_mime_message_set_mime_part(msg, GMIME_OBJECT(mp));
	g_object_unref(mp);

	GMimeFormatOptions *fo = g_mime_format_options_new();
	g_mime_format_options_set_newline_format(fo, GMIME_NEWLINE_FORMAT_DOS);
	g_mime_format_options_set_param_encoding_method(fo, GMIME_PARAM_ENCODING_METHOD_RFC2231);
	GMimeStream *ms = g_mime_stream_mem_new();
	bool ok = g_mime_object_write_to_stream(GMIME_OBJECT(msg), fo, ms) >= 0 &&
	    g_mime_stream_flush(ms) == 0;
	if (ok) {
		GByteArray *ba = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(ms));
		*len = ba->len;
		*out = malloc(ba->len ? ba->len : 1);
		ok = *out != NULL;
		if (ok)
			memcpy(*out, ba->data, ba->len);
		else
			snprintf(err, errlen, "out of memory for a message of %u bytes", ba->len);
	} else {
		snprintf(err, errlen, "GMime could not write the message");
	}
	g_object_unref(ms);
	g_mime_format_options_free(fo);
	g_object_unref(msg);
	return ok;
}
