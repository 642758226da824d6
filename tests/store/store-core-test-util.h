/* store-core-test-util.h: what test-store.c, test-store-outbox.c and
 * test-store-seller.c share: the fixture (a store in a temporary folder) and
 * the basic requests.
 *
 * Copyright 2026 The Shouhou authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <locale.h>
#include <sqlite3.h>
#include "store-test-util.h"
#include "sync/shou-api-errors.h"

#define HOUR G_TIME_SPAN_HOUR

typedef struct
{
  char      *dir;
  ShouStore *store;
  char      *account;
} Fixture;

static const guint8 png_bytes[] = {
  0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R',
  0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0, 0x90, 0x77, 0x53, 0xde,
  0, 0, 0, 0, 'I', 'E', 'N', 'D', 0xae, 0x42, 0x60, 0x82,
};

void fixture_setup (Fixture       *f,
                    gconstpointer  data);
void fixture_teardown (Fixture       *f,
                       gconstpointer  data);
void load_basic_for (Fixture    *f,
                     const char *account);
void load_basic (Fixture *f);
