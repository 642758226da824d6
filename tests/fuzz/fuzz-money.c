/* Fuzz money and time parsing: never crash, and what parses round-trips. */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "core/shou-core.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  gint64 fen = 0;
  gint64 usec = 0;
  int wd = 0;

  if (shou_money_parse (text, &fen, NULL))
    {
      g_autofree char *plain = shou_money_format_plain (fen);
      gint64 again = -1;

      g_assert_true (fen >= 0 && fen <= SHOU_MONEY_MAX_FEN);
      g_assert_true (shou_money_parse (plain, &again, NULL));
      g_assert_cmpint (again, ==, fen);
    }

  shou_duration_parse (text, &usec, &wd, NULL);
  shou_time_parse_iso8601 (text, &usec, NULL);
  return 0;
}
