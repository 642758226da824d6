/* security-test-util.c: what test-security.c and test-security-tls.c share:
 * a private HOME and the captured log.
 *
 * Copyright 2026 The Shouhou authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "security-test-util.h"
char *home;
GString *captured_log;
GMutex log_lock;

GLogWriterOutput
capture_writer (GLogLevelFlags   level,
                const GLogField *fields,
                gsize            n_fields,
                gpointer         user_data)
{
  g_mutex_lock (&log_lock);
  for (gsize i = 0; i < n_fields; i++)
    if (fields[i].length < 0 && (g_str_equal (fields[i].key, "MESSAGE") || g_str_equal (fields[i].key, "GLIB_DOMAIN")))
      g_string_append_printf (captured_log, "%s ", (const char *) fields[i].value);
  g_string_append_c (captured_log, '\n');
  g_mutex_unlock (&log_lock);

  /* Problems still show (and stay fatal under G_DEBUG=fatal-warnings). */
  if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    return g_log_writer_default (level, fields, n_fields, user_data);
  return G_LOG_WRITER_HANDLED;
}
