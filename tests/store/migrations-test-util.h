/* migrations-test-util.h: what test-store-migrations.c and
 * test-store-migrations-live.c share: old caches written as their version
 * wrote them (two accounts, a big one) and the checks after migrating.
 *
 * Copyright 2026 The Shouhou authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <locale.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include "store/shou-store-private.h"
#include "store-test-util.h"

/* Two hours from @now, and two days. */
#define DUE_SOON(now) ((now) + 2 * G_TIME_SPAN_HOUR)

#define DUE_LATER(now) ((now) + 48 * G_TIME_SPAN_HOUR)

#define SHA_SHARED "5a3b1c0e9d8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b"

#define BIG_N 8000

typedef struct
{
  int    fd;        /* child: tells the parent where it is, then waits */
  double first;     /* parent: the first fraction reported */
  double last;
  guint  calls;
  guint  ticks;     /* main loop turns seen during an async open */
} ProgressLog;

void fill_v6_two_accounts (ShouDb     *db,
                           const char *dir,
                           gint64      now);
gint64 count_rows (ShouStore  *store,
                   const char *sql);
void assert_two_accounts_read (ShouStore *store,
                               gint64     now);
void make_big_v6_n (const char *path,
                    int         n);
void make_big_v6 (const char *path);
void assert_big_migrated (ShouStore *store);
void record_progress_cb (double   fraction,
                         gpointer user_data);
