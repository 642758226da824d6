/* store-core-test-util.c: what test-store.c, test-store-outbox.c and
 * test-store-seller.c share: the fixture (a store in a temporary folder) and
 * the basic requests.
 *
 * Copyright 2026 The Shouhou authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "store-core-test-util.h"

void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = st_make_tmpdir ();
  f->store = st_store_new (f->dir, &f->account);
}

void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_assert_finalize_object (f->store);
  st_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->account);
}

/* Five requests across views: r1 due in 2 h, r2 in 30 h, r3 overdue,
 * r4 negotiating, r5 finished. */
void
load_basic_for (Fixture    *f,
                const char *account)
{
  g_autoptr(GPtrArray) page = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  gint64 now = g_get_real_time ();
  JsonObject *nego;

  g_ptr_array_add (page, st_change ("order", st_order ("o1", "shop1", "TB1001", "小明", "纯棉连衣裙", 1)));
  g_ptr_array_add (page, st_change ("order", st_order ("o2", "shop1", "TB1002", "王大锤", "蓝牙耳机", 1)));
  g_ptr_array_add (page, st_change ("order", st_order ("o3", "shop2", "PDD2001", "xiaoli", "保温杯", 1)));
  g_ptr_array_add (page, st_change ("aftersale", st_aftersale ("r1", "shop1", "o1", "wait_seller", now + 2 * HOUR, 1)));
  g_ptr_array_add (page, st_change ("aftersale", st_aftersale ("r2", "shop1", "o2", "wait_seller", now + 30 * HOUR, 1)));
  g_ptr_array_add (page, st_change ("aftersale", st_aftersale ("r3", "shop2", "o3", "wait_seller_receipt", now - HOUR, 1)));
  nego = st_aftersale ("r4", "shop2", "o3", "negotiating", 0, 1);
  json_object_set_string_member (json_object_get_object_member (nego, "negotiation"), "phase", "round1_wait");
  g_ptr_array_add (page, st_change ("aftersale", nego));
  g_ptr_array_add (page, st_change ("aftersale", st_aftersale ("r5", "shop1", "o1", "success", 0, 3)));
  st_apply (f->store, account, page);
}

void
load_basic (Fixture *f)
{
  load_basic_for (f, f->account);
}
