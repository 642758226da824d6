/* Fuzz rule-profile loading: any bytes either load into a profile that
 * answers every query, or fail with an error that names the file. */
#include "config.h"

#include <stdint.h>

#include "core/shou-core.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShouProfile) profile = NULL;

  profile = shou_profile_new_from_data ((const char *) data, size, "fuzz.json", &error);
  if (profile == NULL)
    {
      g_assert_nonnull (error);
      g_assert_nonnull (strstr (error->message, "fuzz.json"));
      return 0;
    }

  for (ShouOrderState s = 0; s < SHOU_N_ORDER_STATES; s++)
    shou_profile_get_open_types (profile, s);
  for (ShouRequestStatus st = 0; st < SHOU_N_STATUSES; st++)
    for (ShouRequestType t = 0; t < SHOU_N_REQUEST_TYPES; t++)
      {
        shou_profile_find_deadline (profile, st, t, TRUE, TRUE, FALSE);
        shou_profile_find_deadline (profile, st, t, FALSE, FALSE, TRUE);
      }

  /* A loaded profile must drive the state machine without crashing. */
  for (ShouRequestType t = 0; t < SHOU_N_REQUEST_TYPES; t++)
    {
      ShouRequestState state;
      ShouEvaluation eval;

      if (!shou_request_state_init (&state, profile, t, SHOU_ORDER_SHIPPED, FALSE,
                                    1000, 1000, 1700000000000000, NULL))
        continue;
      shou_rules_evaluate (profile, &state, 1700000000000000, &eval);
      shou_rules_lapse (profile, &state, 1700000000000000 + 400 * SHOU_USEC_PER_DAY, NULL);
    }
  return 0;
}
