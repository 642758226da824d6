/* request-list-test-util.h: what test-request-list.c and
 * test-request-list-find.c share: the fixture (a store with requests across
 * views) and the items-changed records.
 *
 * Copyright 2026 The Shouhou authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <locale.h>
#include "store/shou-request-item-private.h"
#include "store/shou-store-private.h"
#include "store-test-util.h"

#define HOUR G_TIME_SPAN_HOUR

typedef struct
{
  char      *dir;
  ShouStore *store;
  char      *account;
} Fixture;

static const struct {
  const char *id, *shop, *order_no, *buyer, *title, *status;
  int deadline_h;   /* 0 = none */
} rows[] = {
  { "a1", "shop1", "TB0001", "小明",    "纯棉连衣裙 夏季",  "wait_seller",         5 },
  { "a2", "shop1", "TB0002", "王大锤",  "蓝牙耳机",         "wait_seller",         1 },
  { "a3", "shop1", "TB0003", "alice",   "Wireless mouse",   "wait_seller",         0 },
  { "a4", "shop2", "PDD0004", "小明明",  "不锈钢保温杯",     "wait_seller_receipt", 48 },
  { "a5", "shop2", "PDD0005", "bob_99", "连衣裙 碎花",      "negotiating",         10 },
  { "a6", "shop2", "2026111112345678901", "张三",    "手机壳",           "success",             0 },
  { "a7", "shop1", "TB0007", "李四",    "100% 纯棉T恤",     "intervention",        20 },
};

#define ASSERT_IDS(list, expected) G_STMT_START { \
  g_autofree char *_got = st_list_ids (list); \
  g_assert_cmpstr (_got, ==, expected); \
} G_STMT_END

typedef struct
{
  guint calls;
  guint removed;               /* in all, since the last reset */
  guint added;
  guint mixed;                 /* signals that both removed and added */
  guint replacing;             /* signals seen while is_replacing */
} Changes;

void fixture_setup (Fixture       *f,
                    gconstpointer  data);
void fixture_teardown (Fixture       *f,
                       gconstpointer  data);
void on_items_changed (GListModel *model,
                       guint       position,
                       guint       removed,
                       guint       added,
                       Changes    *c);
void on_store_changed (ShouStore  *store,
                       const char *request_id,
                       guint      *count);
