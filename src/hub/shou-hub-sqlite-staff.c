/* shou-hub-sqlite-staff.c: staff management on the SQLite engine. */
#include "config.h"

#include "hub/shou-hub-sqlite.h"
#include "shou-hub-staff.h"

#define DB(self) ((sqlite3 *) g_object_get_data (G_OBJECT (self), "shou-hub-sqlite"))

GPtrArray *
shou_hub_sqlite_list_staff (ShouHubStore *self,
                            const char   *merchant_id)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) shou_hub_staff_free);
  sqlite3_stmt *st = NULL;

  if (sqlite3_prepare_v2 (DB (self), "SELECT staff_id, name, role, cap_action_fen, cap_day_fen FROM staff"
                          " WHERE merchant_id = ?1 ORDER BY staff_id", -1, &st, NULL) != SQLITE_OK)
    return out;
  shou_hub_sqlite_bind_text (st, 1, merchant_id);
  while (sqlite3_step (st) == SQLITE_ROW)
    {
      ShouHubStaff *staff = g_new0 (ShouHubStaff, 1);

      staff->merchant_id = g_strdup (merchant_id);
      staff->staff_id = shou_hub_sqlite_col_dup (st, 0);
      staff->name = shou_hub_sqlite_col_dup (st, 1);
      staff->role = shou_hub_sqlite_col_dup (st, 2);
      staff->cap_action_fen = sqlite3_column_int64 (st, 3);
      staff->cap_day_fen = sqlite3_column_int64 (st, 4);
      g_ptr_array_add (out, staff);
    }
  sqlite3_finalize (st);
  return out;
}

gboolean
shou_hub_sqlite_remove_staff (ShouHubStore  *self,
                              const char    *merchant_id,
                              const char    *staff_id,
                              GError       **error)
{
  static const char * const sql[] = {
    "DELETE FROM claims WHERE merchant_id = ?1 AND staff_id = ?2",
    "DELETE FROM staff WHERE merchant_id = ?1 AND staff_id = ?2",
  };
  gboolean found = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (sql); i++)
    {
      sqlite3_stmt *st = NULL;
      int rc;

      if (sqlite3_prepare_v2 (DB (self), sql[i], -1, &st, NULL) != SQLITE_OK)
        {
          g_set_error (error, SHOU_HUB_STORE_ERROR, SHOU_HUB_STORE_ERROR_SQL, "SQLite: %s",
                       sqlite3_errmsg (DB (self)));
          return FALSE;
        }
      shou_hub_sqlite_bind_text (st, 1, merchant_id);
      shou_hub_sqlite_bind_text (st, 2, staff_id);
      rc = sqlite3_step (st);
      sqlite3_finalize (st);
      if (rc != SQLITE_DONE)
        {
          g_set_error (error, SHOU_HUB_STORE_ERROR, SHOU_HUB_STORE_ERROR_SQL, "SQLite: %s",
                       sqlite3_errmsg (DB (self)));
          return FALSE;
        }
      found = sqlite3_changes (DB (self)) > 0;
    }
  return found;
}
