/* Emits through libyaml, so the quoting and escaping decisions are the ones
 * PyYAML's dumper makes on top of the same library: a string goes plain only
 * when the resolver would read the plain text back as that string. */
#include "doc/yaml_writer.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <yaml.h>

#include "dsjob.h"
#include "py/pyrepr.h"
#include "doc/yaml_resolve_tag.h"

#define TAG_BINARY "tag:yaml.org,2002:binary"

static int write_handler(void *data, unsigned char *buffer, size_t size)
{
	return buf_append(data, buffer, size) ? 1 : 0;
}

/* yaml_emitter_emit takes the event, also on failure. */
static int emit(yaml_emitter_t *em, yaml_event_t *ev, int made)
{
	if (!made)
		return -1;
	return yaml_emitter_emit(em, ev) ? 0 : -1;
}

static int emit_scalar(yaml_emitter_t *em, const char *tag, const char *text, size_t len,
		       bool plain_ok, yaml_scalar_style_t style)
{
	if (len > INT_MAX)
		return -1;
	yaml_event_t ev;
	int made = yaml_scalar_event_initialize(&ev, NULL, (yaml_char_t *)(uintptr_t)tag,
						(yaml_char_t *)(uintptr_t)text, (int)len,
						!tag && plain_ok, !tag, style);
	return emit(em, &ev, made);
}

static int emit_plain(yaml_emitter_t *em, const char *text)
{
	return emit_scalar(em, NULL, text, strlen(text), true, YAML_ANY_SCALAR_STYLE);
}

/* PyYAML's represent_float: repr(), lower-cased, with ".0" put before an
 * exponent so that YAML 1.1 still reads a float ("1e-05" -> "1.0e-05"). */
static int emit_float(yaml_emitter_t *em, double v)
{
	if (isnan(v))
		return emit_plain(em, ".nan");
	if (isinf(v))
		return emit_plain(em, v > 0 ? ".inf" : "-.inf");
	char repr[40], text[48];
	py_float_repr(repr, sizeof(repr), v);
	const char *e = strchr(repr, 'e');
	if (e && !strchr(repr, '.'))
		snprintf(text, sizeof(text), "%.*s.0%s", (int)(e - repr), repr, e);
	else
		snprintf(text, sizeof(text), "%s", repr);
	return emit_plain(em, text);
}

/* datetime.isoformat(): microseconds only when not zero, offset as +HH:MM. */
static int emit_time(yaml_emitter_t *em, const struct node *n)
{
	const struct node_time *t = &n->u.time;
	char text[80];
	int len = snprintf(text, sizeof(text), "%04d-%02d-%02d", t->year, t->month, t->day);
	if (n->kind == NODE_DATETIME) {
		len += snprintf(text + len, sizeof(text) - (size_t)len, "T%02d:%02d:%02d", t->hour,
				t->minute, t->second);
		if (t->microsecond)
			len += snprintf(text + len, sizeof(text) - (size_t)len, ".%06d",
					t->microsecond);
		if (t->has_tz) {
			int off = t->tz_minutes < 0 ? -t->tz_minutes : t->tz_minutes;
			snprintf(text + len, sizeof(text) - (size_t)len, "%c%02d:%02d",
				 t->tz_minutes < 0 ? '-' : '+', off / 60, off % 60);
		}
	}
	return emit_plain(em, text);
}

/* base64.encodebytes: lines of 76 characters, each ending in a newline. */
static int emit_binary(yaml_emitter_t *em, const struct str *s)
{
	static const char alphabet[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	struct buf b;
	buf_init(&b, 0);
	const unsigned char *p = (const unsigned char *)s->ptr;
	for (size_t i = 0; i < s->len; i += 3) {
		unsigned v = (unsigned)p[i] << 16;
		size_t left = s->len - i;
		if (left > 1)
			v |= (unsigned)p[i + 1] << 8;
		if (left > 2)
			v |= p[i + 2];
		char quad[4] = {alphabet[v >> 18], alphabet[(v >> 12) & 63],
				left > 1 ? alphabet[(v >> 6) & 63] : '=',
				left > 2 ? alphabet[v & 63] : '='};
		buf_append(&b, quad, 4);
		if ((i / 3 + 1) % 19 == 0 || left <= 3)
			buf_putc(&b, '\n');
	}
	int rc = b.failed ? -1
			  : emit_scalar(em, TAG_BINARY, buf_cstr(&b), b.len, false,
					YAML_LITERAL_SCALAR_STYLE);
	buf_free(&b);
	return rc;
}

static int emit_node(yaml_emitter_t *em, const struct node *n);

static int emit_seq(yaml_emitter_t *em, const struct node *n)
{
	yaml_event_t ev;
	if (emit(em, &ev,
		 yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1,
						      YAML_BLOCK_SEQUENCE_STYLE)))
		return -1;
	for (size_t i = 0; i < n->u.seq.count; i++)
		if (emit_node(em, n->u.seq.items[i]))
			return -1;
	return emit(em, &ev, yaml_sequence_end_event_initialize(&ev));
}

static int emit_map(yaml_emitter_t *em, const struct node *n)
{
	yaml_event_t ev;
	if (emit(em, &ev,
		 yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1, YAML_BLOCK_MAPPING_STYLE)))
		return -1;
	for (size_t i = 0; i < n->u.map.count; i++)
		if (emit_node(em, n->u.map.items[i].key) || emit_node(em, n->u.map.items[i].value))
			return -1;
	return emit(em, &ev, yaml_mapping_end_event_initialize(&ev));
}

static int emit_node(yaml_emitter_t *em, const struct node *n)
{
	switch (n->kind) {
	case NODE_NULL:
		return emit_plain(em, "null");
	case NODE_BOOL:
		return emit_plain(em, n->u.boolean ? "true" : "false");
	case NODE_INT:
		return emit_scalar(em, NULL, n->u.integer.text.ptr, n->u.integer.text.len, true,
				   YAML_ANY_SCALAR_STYLE);
	case NODE_FLOAT:
		return emit_float(em, n->u.real);
	case NODE_STR:
		return emit_scalar(em, NULL, n->u.str.ptr, n->u.str.len,
				   yaml_resolve_plain(n->u.str.ptr, n->u.str.len) == YTAG_STR,
				   YAML_ANY_SCALAR_STYLE);
	case NODE_DATE:
	case NODE_DATETIME:
		return emit_time(em, n);
	case NODE_BINARY:
		return emit_binary(em, &n->u.str);
	case NODE_SEQ:
		return emit_seq(em, n);
	case NODE_MAP:
		return emit_map(em, n);
	}
	return -1;
}

static int emit_document(yaml_emitter_t *em, const struct node *root)
{
	yaml_event_t ev;
	if (emit(em, &ev, yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING)) ||
	    emit(em, &ev, yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1)) ||
	    emit_node(em, root) || emit(em, &ev, yaml_document_end_event_initialize(&ev, 1)) ||
	    emit(em, &ev, yaml_stream_end_event_initialize(&ev)))
		return -1;
	return yaml_emitter_flush(em) ? 0 : -1;
}

int yaml_write(struct buf *out, const struct node *root)
{
	yaml_emitter_t em;
	if (!yaml_emitter_initialize(&em))
		return DSJ_ENOMEM;
	yaml_emitter_set_output(&em, write_handler, out);
	yaml_emitter_set_indent(&em, 2);
	yaml_emitter_set_width(&em, -1);
	yaml_emitter_set_unicode(&em, 1);
	int rc = emit_document(&em, root);
	bool memory = em.error == YAML_MEMORY_ERROR || out->failed;
	yaml_emitter_delete(&em);
	if (rc)
		return memory ? DSJ_ENOMEM : DSJ_EINPUT;
	return 0;
}
