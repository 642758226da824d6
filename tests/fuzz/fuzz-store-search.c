/* Fuzz the search box through the store: any text typed into it becomes
 * bound parameters and a quoted FTS5 string, never SQL or FTS syntax. The
 * cache is a real SQLite file in a temporary folder, made once per process;
 * SQLite's own error log must stay silent while searching (the store's
 * list model swallows errors, so the log is where a broken query shows). */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdlib.h>

#include "store/store-test-util.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static ShouStore *store;
static ShouRequestList *list;
static char *dir;
static gboolean searching;
static GString *sql_errors;

static void
on_sqlite_log (void       *user_data,
               int         code,
               const char *message)
{
  int primary = code & 0xff;

  /* Notices, warnings (automatic indexes) and re-prepares are not errors. */
  if (!searching || primary == SQLITE_NOTICE || primary == SQLITE_WARNING || primary == SQLITE_SCHEMA)
    return;
  g_string_append_printf (sql_errors, "[%d] %s\n", code, message);
}

static void
cleanup (void)
{
  g_clear_object (&list);
  g_clear_object (&store);
  if (dir != NULL)
    st_rm_rf (dir);
  g_clear_pointer (&dir, g_free);
}

static void
setup (void)
{
  static const char *const buyers[] = {
    "小明", "tb_8812\"quote", "王 五", "O'Brien", "100%_纯棉", "a\\b", "NEAR", "张*", "AND OR NOT", "",
  };
  static const char *const titles[] = {
    "纯棉T恤 男款 夏季", "儿童保温杯 316不锈钢", "\"加厚\" 羽绒服 -", "*星号* (括号) [方括号]",
    "蓝牙耳机 TWS", "LIKE '%' ESCAPE", "床上四件套", "手机壳 iPhone 15", "零食大礼包", "",
  };
  static const char *const statuses[] = {
    "wait_seller", "negotiating", "wait_buyer_return", "wait_seller_receipt", "refused",
    "intervention", "success", "closed",
  };
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autofree char *account_id = NULL;

  sql_errors = g_string_new (NULL);
  sqlite3_config (SQLITE_CONFIG_LOG, on_sqlite_log, NULL);
  dir = st_make_tmpdir ();
  store = st_store_new (dir, &account_id);
  for (guint i = 0; i < 120; i++)
    {
      g_autofree char *oid = g_strdup_printf ("o-%u", i);
      g_autofree char *aid = g_strdup_printf ("as-%u", i);
      g_autofree char *order_no = g_strdup_printf ("%" G_GUINT64_FORMAT, (guint64) 260101000000u + i * 7919u);

      g_ptr_array_add (changes, st_change ("order", st_order (oid, i % 2 ? "shop1" : "shop2", order_no,
                                                              buyers[i % G_N_ELEMENTS (buyers)],
                                                              titles[i % G_N_ELEMENTS (titles)], 1)));
      g_ptr_array_add (changes, st_change ("aftersale",
                                           st_aftersale (aid, i % 2 ? "shop1" : "shop2", oid,
                                                         statuses[i % G_N_ELEMENTS (statuses)],
                                                         i % 3 ? 1700000000000000 + i * G_TIME_SPAN_HOUR : 0, 1)));
    }
  st_apply (store, account_id, changes);
  list = shou_request_list_new (store);
  atexit (cleanup);
}

static void
check_list (guint total)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));
  g_autoptr(ShouRequestItem) first = NULL;
  g_autoptr(ShouRequestItem) past = NULL;

  g_assert_cmpuint (n, <=, total);
  first = g_list_model_get_item (G_LIST_MODEL (list), 0);
  past = g_list_model_get_item (G_LIST_MODEL (list), n);
  g_assert_true ((first != NULL) == (n > 0));
  g_assert_null (past);
  if (first != NULL)
    g_assert_nonnull (shou_request_item_get_id (first));
  if (n > 1)
    {
      g_autoptr(ShouRequestItem) last = g_list_model_get_item (G_LIST_MODEL (list), n - 1);
      g_assert_nonnull (last);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = NULL;
  guint total;
  ShouView view = SHOU_VIEW_ALL;

  if (store == NULL)
    setup ();
  if (size > 4096)
    return 0;
  /* The first byte picks the view and shop, as the sidebar would. */
  if (size > 0)
    {
      view = data[0] % SHOU_N_VIEWS;
      data++;
      size--;
    }
  /* GTK hands the search entry's text over as valid UTF-8. */
  text = g_utf8_make_valid ((const char *) data, size);

  shou_request_list_set_search (list, NULL);
  shou_request_list_set_shop_id (list, (view & 1) ? "shop1" : NULL);
  shou_request_list_set_view (list, view);
  total = g_list_model_get_n_items (G_LIST_MODEL (list));

  searching = TRUE;
  shou_request_list_set_search (list, text);
  check_list (total);
  shou_request_list_set_sort (list, (size > 0 ? data[0] : 0) % SHOU_N_SORTS, size % 2);
  check_list (total);
  searching = FALSE;
  shou_request_list_set_sort (list, SHOU_SORT_DEADLINE, FALSE);

  if (sql_errors->len > 0)
    g_error ("SQLite reported errors while searching for “%s”:\n%s", text, sql_errors->str);
  return 0;
}
