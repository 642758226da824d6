/* Fuzz the evidence content sniffer and the profile-based evidence check. */
#include "config.h"

#include <stdint.h>

#include "core/shou-core.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static ShouProfiles *profiles;
  const char *type;

  if (profiles == NULL)
    profiles = shou_profiles_get_default ();

  type = shou_sniff_content_type (data, size);
  if (type != NULL)
    g_assert_true (g_str_equal (type, "image/jpeg") ||
                   g_str_equal (type, "image/png") ||
                   g_str_equal (type, "application/pdf") ||
                   g_str_has_prefix (type, "image/") ||
                   g_str_has_prefix (type, "video/"));

  for (ShouPlatform p = 0; p < SHOU_N_PLATFORMS; p++)
    {
      const char *ct = NULL;
      g_autoptr(GError) error = NULL;

      if (!shou_validate_evidence (shou_profiles_get (profiles, p), data, size, 0, &ct, &error))
        g_assert_nonnull (error);
      else
        g_assert_nonnull (ct);
    }
  return 0;
}
