/* shou-json-check.c: a strict JSON checker with an explicit stack. */
#include "config.h"

#include <string.h>

#include "shou-json-check.h"

G_DEFINE_QUARK (shou-json-check-error-quark, shou_json_check_error)

typedef struct
{
  gboolean    object;
  gboolean    counted;
  GHashTable *keys;      /* the object's member names, unescaped */
} Frame;

typedef enum
{
  EXPECT_VALUE,
  EXPECT_VALUE_OR_END,   /* just after '[' */
  EXPECT_KEY,            /* after ',' in an object */
  EXPECT_KEY_OR_END,     /* just after '{' */
  EXPECT_COLON,
  EXPECT_COMMA_OR_END,
  EXPECT_NOTHING,        /* the value is complete: only whitespace */
} State;

typedef struct
{
  const char *p;
  const char *end;
  const char *start;
  GError    **error;
} Scan;

static gboolean
fail (Scan               *s,
      ShouJsonCheckError  code,
      const char         *what)
{
  g_set_error (s->error, SHOU_JSON_CHECK_ERROR, code, "%s at byte %" G_GSIZE_FORMAT,
               what, (gsize) (s->p - s->start));
  return FALSE;
}

static void
frame_clear (gpointer data)
{
  Frame *frame = data;

  g_clear_pointer (&frame->keys, g_hash_table_unref);
}

static int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

static gboolean
read_hex4 (Scan     *s,
           gunichar *out)
{
  gunichar value = 0;

  if (s->end - s->p < 4)
    return fail (s, SHOU_JSON_CHECK_ERROR_SYNTAX, "Short \\u escape");
  for (int i = 0; i < 4; i++)
    {
      int h = hex_value (s->p[i]);

      if (h < 0)
        return fail (s, SHOU_JSON_CHECK_ERROR_SYNTAX, "Bad \\u escape");
      value = value * 16 + (gunichar) h;
    }
  s->p += 4;
  *out = value;
  return TRUE;
}

/* At the opening quote. @key (may be NULL) gets the unescaped text. */
static gboolean
read_string (Scan    *s,
             GString *key)
{
  s->p++;
  while (s->p < s->end)
    {
      guchar c = (guchar) *s->p;

      if (c == '"')
        {
          s->p++;
          return TRUE;
        }
      if (c < 0x20)
        return fail (s, SHOU_JSON_CHECK_ERROR_SYNTAX, "Control character in a string");
      if (c != '\\')
        {
          if (key != NULL)
            g_string_append_c (key, (char) c);
          s->p++;
          continue;
        }
      s->p++;
      if (s->p >= s->end)
        break;
      c = (guchar) *s->p++;
      switch (c)
        {
        case '"': case '\\': case '/':
          if (key != NULL)
            g_string_append_c (key, (char) c);
          break;
        case 'b': case 'f': case 'n': case 'r': case 't':
          if (key != NULL)
            g_string_append_c (key, c == 'b' ? '\b' : c == 'f' ? '\f' : c == 'n' ? '\n' : c == 'r' ? '\r' : '\t');
          break;
        case 'u':
          {
            gunichar u = 0;

            if (!read_hex4 (s, &u))
              return FALSE;
            if (u == 0)
              return fail (s, SHOU_JSON_CHECK_ERROR_ENCODING, "NUL in a string");
            if (u >= 0xDC00 && u <= 0xDFFF)
              return fail (s, SHOU_JSON_CHECK_ERROR_ENCODING, "Lone low surrogate");
            if (u >= 0xD800 && u <= 0xDBFF)
              {
                gunichar low = 0;

                if (s->end - s->p < 2 || s->p[0] != '\\' || s->p[1] != 'u')
                  return fail (s, SHOU_JSON_CHECK_ERROR_ENCODING, "Lone high surrogate");
                s->p += 2;
                if (!read_hex4 (s, &low))
                  return FALSE;
                if (low < 0xDC00 || low > 0xDFFF)
                  return fail (s, SHOU_JSON_CHECK_ERROR_ENCODING, "Lone high surrogate");
                u = 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00);
              }
            if (key != NULL)
              g_string_append_unichar (key, u);
          }
          break;
        default:
          s->p--;
          return fail (s, SHOU_JSON_CHECK_ERROR_SYNTAX, "Unknown escape");
        }
    }
  return fail (s, SHOU_JSON_CHECK_ERROR_SYNTAX, "Unterminated string");
}

static gboolean
is_digit (Scan *s)
{
  return s->p < s->end && *s->p >= '0' && *s->p <= '9';
}

/* Decimal only: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
static gboolean
read_number (Scan *s)
{
  if (*s->p == '-')
    s->p++;
  if (!is_digit (s))
    return fail (s, SHOU_JSON_CHECK_ERROR_SYNTAX, "Bad number");
  if (*s->p == '0')
    s->p++;
  else
    while (is_digit (s))
      s->p++;
  if (s->p < s->end && *s->p == '.')
    {
      s->p++;
      if (!is_digit (s))
        return fail (s, SHOU_JSON_CHECK_ERROR_SYNTAX, "Bad fraction");
      while (is_digit (s))
        s->p++;
    }
  if (s->p < s->end && (*s->p == 'e' || *s->p == 'E'))
    {
      s->p++;
      if (s->p < s->end && (*s->p == '+' || *s->p == '-'))
        s->p++;
      if (!is_digit (s))
        return fail (s, SHOU_JSON_CHECK_ERROR_SYNTAX, "Bad exponent");
      while (is_digit (s))
        s->p++;
    }
  return TRUE;
}

static gboolean
read_literal (Scan       *s,
              const char *word)
{
  gsize n = strlen (word);

  if ((gsize) (s->end - s->p) < n || memcmp (s->p, word, n) != 0)
    return fail (s, SHOU_JSON_CHECK_ERROR_SYNTAX, "Unexpected character");
  s->p += n;
  return TRUE;
}

gboolean
shou_json_check (const char                *data,
                 gsize                      length,
                 const ShouJsonCheckLimits *limits,
                 guint                     *out_count,
                 GError                   **error)
{
  static const ShouJsonCheckLimits defaults = { 0, FALSE, NULL, 0 };
  g_autoptr(GArray) stack = g_array_new (FALSE, TRUE, sizeof (Frame));
  g_autoptr(GString) key = g_string_new (NULL);
  Scan s = { data, data + length, data, error };
  State state = EXPECT_VALUE;
  guint max_depth;
  guint count = 0;
  gboolean count_next = FALSE;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  if (limits == NULL)
    limits = &defaults;
  max_depth = limits->max_depth > 0 ? limits->max_depth : SHOU_JSON_MAX_DEPTH;
  g_array_set_clear_func (stack, frame_clear);
  if (out_count != NULL)
    *out_count = 0;

  /* With an explicit length g_utf8_validate also refuses a NUL byte. */
  if (!g_utf8_validate (data, (gssize) length, NULL))
    return fail (&s, SHOU_JSON_CHECK_ERROR_ENCODING, "Not UTF-8 text");

  for (;;)
    {
      Frame *top;
      gboolean value_done = FALSE;
      gboolean ok;
      char c;

      while (s.p < s.end && (*s.p == ' ' || *s.p == '\t' || *s.p == '\n' || *s.p == '\r'))
        s.p++;
      if (s.p >= s.end)
        break;
      c = *s.p;
      top = stack->len > 0 ? &g_array_index (stack, Frame, stack->len - 1) : NULL;

      switch (state)
        {
        case EXPECT_VALUE_OR_END:
          if (c == ']')
            {
              s.p++;
              g_array_set_size (stack, stack->len - 1);
              value_done = TRUE;
              break;
            }
          G_GNUC_FALLTHROUGH;
        case EXPECT_VALUE:
          if (top != NULL && top->counted && ++count > limits->max_count && limits->max_count > 0)
            return fail (&s, SHOU_JSON_CHECK_ERROR_TOO_MANY, "Too many elements");
          ok = TRUE;
          if (c == '{' || c == '[')
            {
              Frame frame = { c == '{', !(c == '{') && count_next, NULL };

              if (stack->len >= max_depth)
                return fail (&s, SHOU_JSON_CHECK_ERROR_DEPTH, "Nested too deeply");
              if (frame.object && !limits->allow_duplicates)
                frame.keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
              g_array_append_val (stack, frame);
              s.p++;
              state = frame.object ? EXPECT_KEY_OR_END : EXPECT_VALUE_OR_END;
            }
          else if (c == '"')
            ok = value_done = read_string (&s, NULL);
          else if (c == '-' || (c >= '0' && c <= '9'))
            ok = value_done = read_number (&s);
          else if (c == 't')
            ok = value_done = read_literal (&s, "true");
          else if (c == 'f')
            ok = value_done = read_literal (&s, "false");
          else if (c == 'n')
            ok = value_done = read_literal (&s, "null");
          else
            return fail (&s, SHOU_JSON_CHECK_ERROR_SYNTAX, "Unexpected character");
          if (!ok)
            return FALSE;
          count_next = FALSE;
          break;

        case EXPECT_KEY_OR_END:
        case EXPECT_KEY:
          if (c == '}' && state == EXPECT_KEY_OR_END)
            {
              s.p++;
              g_array_set_size (stack, stack->len - 1);
              value_done = TRUE;
              break;
            }
          if (c != '"')
            return fail (&s, SHOU_JSON_CHECK_ERROR_SYNTAX, "Expected a member name");
          g_string_truncate (key, 0);
          if (!read_string (&s, key))
            return FALSE;
          if (top->keys != NULL)
            {
              if (g_hash_table_contains (top->keys, key->str))
                return fail (&s, SHOU_JSON_CHECK_ERROR_DUPLICATE, "Duplicate member name");
              g_hash_table_add (top->keys, g_strndup (key->str, key->len));
            }
          count_next = stack->len == 1 && limits->count_member != NULL &&
                       g_str_equal (key->str, limits->count_member);
          state = EXPECT_COLON;
          break;

        case EXPECT_COLON:
          if (c != ':')
            return fail (&s, SHOU_JSON_CHECK_ERROR_SYNTAX, "Expected ':'");
          s.p++;
          state = EXPECT_VALUE;
          break;

        case EXPECT_COMMA_OR_END:
          s.p++;
          if (c == ',')
            state = top->object ? EXPECT_KEY : EXPECT_VALUE;
          else if ((c == '}' && top->object) || (c == ']' && !top->object))
            {
              g_array_set_size (stack, stack->len - 1);
              value_done = TRUE;
            }
          else
            {
              s.p--;
              return fail (&s, SHOU_JSON_CHECK_ERROR_SYNTAX, "Expected ',' or the end");
            }
          break;

        case EXPECT_NOTHING:
        default:
          return fail (&s, SHOU_JSON_CHECK_ERROR_SYNTAX, "Text after the value");
        }

      if (value_done)
        state = stack->len == 0 ? EXPECT_NOTHING : EXPECT_COMMA_OR_END;
    }

  if (state != EXPECT_NOTHING)
    return fail (&s, SHOU_JSON_CHECK_ERROR_SYNTAX, "Incomplete JSON");
  if (out_count != NULL)
    *out_count = count;
  return TRUE;
}
