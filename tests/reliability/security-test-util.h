/* security-test-util.h: what test-security.c and test-security-tls.c share:
 * a private HOME and the captured log.
 *
 * Copyright 2026 The Shouhou authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <fcntl.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <unistd.h>
#include "sim/sim-test-util.h"
#include "sim/shou-sim-db.h"
#include "sync/shou-secrets.h"
#include "sync/sync-test-util.h"

extern char *home;
extern GString *captured_log;
extern GMutex log_lock;

GLogWriterOutput capture_writer (GLogLevelFlags   level,
                                 const GLogField *fields,
                                 gsize            n_fields,
                                 gpointer         user_data);
