/* core-rules-test-util.h: what test-core-rules.c and
 * test-core-rules-platforms.c share: opening a request and applying an event
 * that must succeed or fail.
 *
 * Copyright 2026 The Shouhou authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "core-test-util.h"

#define HOUR SHOU_USEC_PER_HOUR

#define DAY  SHOU_USEC_PER_DAY

#define MINUTE SHOU_USEC_PER_MINUTE

#define apply_ok core_test_apply_ok

void open_request (const ShouProfile *profile,
                   ShouRequestState  *state,
                   ShouRequestType    type,
                   ShouOrderState     order_state,
                   gboolean           cod);
void apply_fails (const ShouProfile *profile,
                  ShouRequestState  *state,
                  const ShouEvent   *event,
                  gint64             now,
                  ShouReason         reason);
