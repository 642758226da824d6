/* request-list-test-util.c: what test-request-list.c and
 * test-request-list-find.c share: the fixture (a store with requests across
 * views) and the items-changed records.
 *
 * Copyright 2026 The Shouhou authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "request-list-test-util.h"

void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GPtrArray) page = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  gint64 now = g_get_real_time ();

  f->dir = st_make_tmpdir ();
  f->store = st_store_new (f->dir, &f->account);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autofree char *oid = g_strconcat ("o-", rows[i].id, NULL);
      JsonObject *a;

      g_ptr_array_add (page, st_change ("order", st_order (oid, rows[i].shop, rows[i].order_no,
                                                          rows[i].buyer, rows[i].title, 1)));
      a = st_aftersale (rows[i].id, rows[i].shop, oid, rows[i].status,
                        rows[i].deadline_h ? now + rows[i].deadline_h * HOUR : 0, 1);
      json_object_set_int_member (a, "amount_fen", 1000 * (i + 1));
      json_object_set_int_member (a, "opened_at", now - (10 - i) * HOUR);
      if (g_str_equal (rows[i].id, "a5"))
        json_object_set_string_member (json_object_get_object_member (a, "negotiation"), "phase", "round1_done");
      g_ptr_array_add (page, st_change ("aftersale", a));
    }
  st_apply (f->store, f->account, page);
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

void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Changes    *c)
{
  c->calls++;
  c->removed += removed;
  c->added += added;
  if (removed > 0 && added > 0)
    c->mixed++;
  /* More signals of the same refresh follow. */
  if (shou_request_list_is_replacing (SHOU_REQUEST_LIST (model)))
    c->replacing++;
}

void
on_store_changed (ShouStore  *store,
                  const char *request_id,
                  guint      *count)
{
  (*count)++;
}
