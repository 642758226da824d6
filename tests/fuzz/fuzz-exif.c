/* Fuzz location stripping for JPEG evidence: whatever the bytes, the result
 * carries no location, is never longer, and stripping it again changes
 * nothing; anything that is not a JPEG comes back as it was. */
#include "config.h"

#include <stdint.h>

#include "core/shou-core.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) in = g_bytes_new (data, size);
  g_autoptr(GBytes) out = shou_evidence_strip_gps (in);
  g_autoptr(GBytes) again = shou_evidence_strip_gps (out);
  gboolean jpeg = size >= 4 && data[0] == 0xff && data[1] == 0xd8 && data[2] == 0xff;

  g_assert_cmpuint (g_bytes_get_size (out), <=, size);
  g_assert_false (shou_evidence_has_location (out));
  g_assert_true (g_bytes_equal (again, out));
  if (!jpeg)
    g_assert_true (g_bytes_equal (in, out));
  return 0;
}
