/* Fuzz the text normaliser and cleaner (core/shou-sensitive.c,
 * core/shou-validate.c): the cleaned text is valid UTF-8 without zero-width,
 * bidi or control characters, never longer, a fixed point; the guard's
 * spans on it and on the original are in bounds; the buyer-risk check says
 * a word exactly when it finds a risk, on every platform. */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "core/shou-core.h"
#include "core/shou-sensitive.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
check_spans (const char *text)
{
  g_autoptr(GArray) matches = shou_sensitive_scan (text);
  gsize len = strlen (text);
  gsize last_end = 0;

  for (guint i = 0; i < matches->len; i++)
    {
      ShouSensitiveMatch *m = &g_array_index (matches, ShouSensitiveMatch, i);

      g_assert_cmpuint (m->start, <, m->end);
      g_assert_cmpuint (m->end, <=, len);
      g_assert_cmpuint (m->start, >=, last_end);
      g_assert_true (g_utf8_validate (text + m->start, (gssize) (m->end - m->start), NULL));
      g_assert_nonnull (m->word);
      last_end = m->end;
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *clean = shou_text_clean ((const char *) data, (gssize) size, NULL);
  g_autofree char *again = NULL;

  if (clean == NULL)
    return 0;
  g_assert_true (g_utf8_validate (clean, -1, NULL));
  g_assert_cmpuint (strlen (clean), <=, size);
  for (const char *p = clean; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      g_assert_false (shou_text_is_invisible_control (c));
      g_assert_true (g_unichar_type (c) != G_UNICODE_CONTROL || c == '\n' || c == '\t' || c == '\r');
    }
  again = shou_text_clean (clean, -1, NULL);
  g_assert_cmpstr (again, ==, clean);

  /* The original had no NUL (it cleaned), so it is a C string of @size bytes. */
  {
    g_autofree char *original = g_strndup ((const char *) data, size);

    check_spans (original);
    check_spans (clean);
    for (ShouPlatform p = 0; p < SHOU_N_PLATFORMS; p++)
      {
        g_autofree char *word = NULL;
        ShouBuyerRisk risks = shou_sensitive_buyer_risks (original, p, &word);

        g_assert_true ((risks == SHOU_BUYER_RISK_NONE) == (word == NULL));
      }
  }
  return 0;
}
