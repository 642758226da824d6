/* Fuzz the sensitive-word guard: matches are in bounds, ordered and
 * non-overlapping, on any bytes (valid UTF-8 or not). */
#include "config.h"

#include <stdint.h>

#include "core/shou-core.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  gsize len = strlen (text);
  g_autoptr(GArray) matches = NULL;
  gsize last_end = 0;

  if (!g_utf8_validate (text, -1, NULL))
    return 0;

  matches = shou_sensitive_scan (text);
  g_assert_nonnull (matches);
  for (guint i = 0; i < matches->len; i++)
    {
      ShouSensitiveMatch *m = &g_array_index (matches, ShouSensitiveMatch, i);

      g_assert_cmpuint (m->start, <, m->end);
      g_assert_cmpuint (m->end, <=, len);
      g_assert_cmpuint (m->start, >=, last_end);
      last_end = m->end;
    }
  g_assert_true ((matches->len == 0) == shou_validate_no_sensitive (text, NULL));
  return 0;
}
