/* Fuzz the validators a seller's typing reaches: tracking numbers for every
 * carrier, phones, postcodes, phone masking. */
#include "config.h"

#include <stdint.h>

#include "core/shou-core.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  const ShouCarrier *carriers;
  guint n = 0;

  carriers = shou_carriers_get_all (&n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) error = NULL;

      if (!shou_validate_tracking_number (carriers[i].code, text, &error))
        g_assert_nonnull (error);
    }
  shou_validate_tracking_number ("NO-SUCH-CARRIER", text, NULL);

  if (shou_validate_phone (text, NULL))
    {
      g_autofree char *masked = shou_phone_mask (text);
      g_assert_nonnull (masked);
    }
  shou_validate_postcode (text, NULL);
  return 0;
}
