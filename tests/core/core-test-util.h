/* core-test-util.h: shared helpers for the core tests */
#pragma once

#include <stdlib.h>
#include <string.h>
#include <glib/gstdio.h>

#include "core/shou-core.h"

G_BEGIN_DECLS

/* Monday 2026-11-09 10:00 China Standard Time, UTC microseconds. */
#define CORE_TEST_T0 ((gint64) 1794189600 * G_USEC_PER_SEC)

ShouProfiles *core_test_profiles         (void);
ShouProfile  *core_test_profile          (ShouPlatform        platform,
                                          const char         *version);
/* An event of @kind with valid parameters for @profile. */
ShouEvent     core_test_event            (const ShouProfile  *profile,
                                          ShouEventKind       kind);

/* Applies an event of @kind with valid parameters at @now; aborts with the
 * reason if the rules refuse it, and checks that the version moved by one. */
void          core_test_apply_ok         (const ShouProfile  *profile,
                                          ShouRequestState   *state,
                                          ShouEventKind       kind,
                                          gint64              now);

G_END_DECLS
