/* shou-json-check.h: a strict, non-recursive JSON checker (RFC 8259) that
 * runs over the bytes before json-glib builds a tree. json-glib 1.6
 * recurses once per nesting level and accepts comments, single quotes,
 * hexadecimal numbers and duplicate keys; this refuses all of them, and
 * deep nesting, in constant stack. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SHOU_JSON_CHECK_ERROR (shou_json_check_error_quark ())

typedef enum
{
  SHOU_JSON_CHECK_ERROR_SYNTAX,     /* not JSON (comments, 'quotes', 0x1F, NaN…) */
  SHOU_JSON_CHECK_ERROR_ENCODING,   /* not UTF-8, or a NUL or lone surrogate */
  SHOU_JSON_CHECK_ERROR_DEPTH,      /* nested deeper than allowed */
  SHOU_JSON_CHECK_ERROR_DUPLICATE,  /* one object names a member twice */
  SHOU_JSON_CHECK_ERROR_TOO_MANY,   /* the counted array holds too many elements */
} ShouJsonCheckError;

GQuark shou_json_check_error_quark (void);

/* The depth the API's own documents need, with room to spare. */
#define SHOU_JSON_MAX_DEPTH 32

typedef struct
{
  guint        max_depth;          /* 0: SHOU_JSON_MAX_DEPTH */
  gboolean     allow_duplicates;   /* skip the (costlier) duplicate-key check */
  const char  *count_member;       /* a member of the top-level object that is an array… */
  guint        max_count;          /* …with at most this many elements (0: no limit) */
} ShouJsonCheckLimits;

/**
 * shou_json_check:
 * Checks that @data (@length bytes) is one strict JSON value within
 * @limits. Whitespace around it is allowed, nothing else. On success
 * @out_count (may be %NULL) gets the number of elements of the counted
 * array (0 when absent). The error's message is English, for logs.
 */
gboolean shou_json_check (const char                *data,
                          gsize                      length,
                          const ShouJsonCheckLimits *limits,
                          guint                     *out_count,
                          GError                   **error);

G_END_DECLS
