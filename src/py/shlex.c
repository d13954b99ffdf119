/* shlex.quote and shlex.split, following the state machine of Python's
 * shlex.read_token (posix=True, whitespace_split=True, no commenters). Every
 * character that matters is ASCII, so working byte by byte on UTF-8 text gives
 * the same tokens as Python working on code points. */
#include "py/shlex.h"

#include <string.h>

/* shlex.quote's safe characters, [\w@%+=:,./-] with re.ASCII: a table, as
 * every byte of every argument of every translate is looked up. */
static bool quote_safe(unsigned char c)
{
	static const bool safe[256] = {
		['_'] = 1, ['@'] = 1, ['%'] = 1, ['+'] = 1, ['='] = 1, [':'] = 1, [','] = 1,
		['.'] = 1, ['/'] = 1, ['-'] = 1, ['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1,
		['4'] = 1, ['5'] = 1, ['6'] = 1, ['7'] = 1, ['8'] = 1, ['9'] = 1,
	};
	return safe[c] || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

int shlex_quote(struct buf *out, const char *s, size_t len)
{
	if (len == 0)
		return buf_puts(out, "''") ? 0 : -1;
	size_t i = 0;
	while (i < len && quote_safe((unsigned char)s[i]))
		i++;
	if (i == len)
		return buf_append(out, s, len) ? 0 : -1;
	buf_putc(out, '\'');
	size_t start = 0;
	for (i = 0; i < len; i++) {
		if (s[i] == '\'') {
			buf_append(out, s + start, i - start);
			buf_puts(out, "'\"'\"'");
			start = i + 1;
		}
	}
	buf_append(out, s + start, len - start);
	return buf_putc(out, '\'') ? 0 : -1;
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Reader states, named as shlex names them. */
enum lex_state {
	ST_SPACE,  /* ' ': between tokens */
	ST_WORD,   /* 'a': inside a word */
	ST_SQUOTE, /* "'" */
	ST_DQUOTE, /* '"' */
	ST_ESCAPE, /* '\\' */
};

static int emit(struct arena *a, struct node *seq, struct buf *tok)
{
	struct node *n = node_new_str(a, tok->data ? tok->data : "", tok->len);
	if (!n || seq_push(a, seq, n) != 0)
		return -2;
	buf_reset(tok);
	return 0;
}

int shlex_split(struct arena *a, const char *s, size_t len, struct node **out, const char **errmsg)
{
	*errmsg = NULL;
	*out = NULL;
	struct node *seq = node_new(a, NODE_SEQ, 0, 0);
	if (!seq) {
		*errmsg = "out of memory";
		return -2;
	}
	struct buf tok;
	buf_init(&tok, 0);
	enum lex_state state = ST_SPACE;
	enum lex_state escaped_from = ST_WORD; /* shlex's escapedstate */
	bool quoted = false;		       /* the token had a quoted part, so '' is a token */
	int rc = 0;
	for (size_t i = 0; i <= len && rc == 0; i++) {
		bool eof = i == len;
		char c = eof ? '\0' : s[i];
		switch (state) {
		case ST_SPACE:
		case ST_WORD:
			if (eof || is_space(c)) {
				if (tok.len > 0 || quoted)
					rc = emit(a, seq, &tok);
				quoted = false;
				state = ST_SPACE;
			} else if (c == '\\') {
				escaped_from = ST_WORD;
				state = ST_ESCAPE;
			} else if (c == '\'') {
				state = ST_SQUOTE;
			} else if (c == '"') {
				state = ST_DQUOTE;
			} else {
				buf_putc(&tok, c);
				state = ST_WORD;
			}
			break;
		case ST_SQUOTE:
		case ST_DQUOTE:
			quoted = true;
			if (eof) {
				*errmsg = "No closing quotation";
				rc = -1;
			} else if (c == (state == ST_SQUOTE ? '\'' : '"')) {
				state = ST_WORD;
			} else if (c == '\\' && state == ST_DQUOTE) {
				escaped_from = ST_DQUOTE;
				state = ST_ESCAPE;
			} else {
				buf_putc(&tok, c);
			}
			break;
		case ST_ESCAPE:
			if (eof) {
				*errmsg = "No escaped character";
				rc = -1;
				break;
			}
			/* Inside double quotes only the quote and the backslash
			 * itself can be escaped; otherwise the backslash stays. */
			if (escaped_from == ST_DQUOTE && c != '\\' && c != '"')
				buf_putc(&tok, '\\');
			buf_putc(&tok, c);
			state = escaped_from;
			break;
		}
		if (rc == 0 && tok.failed)
			rc = -2;
	}
	buf_free(&tok);
	if (rc == -2)
		*errmsg = "out of memory";
	if (rc != 0)
		return rc;
	*out = seq;
	return 0;
}
