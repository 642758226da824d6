/* core-rules-test-util.c: what test-core-rules.c and
 * test-core-rules-platforms.c share: opening a request and applying an event
 * that must succeed or fail.
 *
 * Copyright 2026 The Shouhou authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "core-rules-test-util.h"

/* A request of @type opened at CORE_TEST_T0 for 25 yuan paid, 20 asked. */
void
open_request (const ShouProfile *profile,
              ShouRequestState  *state,
              ShouRequestType    type,
              ShouOrderState     order_state,
              gboolean           cod)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (shou_request_state_init (state, profile, type, order_state, cod,
                                          2000, 2500, CORE_TEST_T0, &error));
  g_assert_no_error (error);
}

void
apply_fails (const ShouProfile *profile,
             ShouRequestState  *state,
             const ShouEvent   *event,
             gint64             now,
             ShouReason         reason)
{
  ShouRequestState before = *state;
  g_autoptr(GError) error = NULL;

  g_assert_false (shou_rules_apply (profile, state, event, now, &error));
  if (!g_error_matches (error, SHOU_RULES_ERROR, (int) reason))
    g_error ("%s: expected %s, got %s", shou_event_kind_to_string (event->kind),
             shou_reason_to_string (reason),
             error ? shou_reason_to_string (error->code) : "success");
  g_assert_cmpmem (&before, sizeof before, state, sizeof *state);
}
