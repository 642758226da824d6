/* shou-hub-sqlite-team.c: the team's tables on the SQLite engine (staff,
 * claims, audit). The engine hands its connection over as object data. */
#include "config.h"

#include "shou-hub-sqlite-team.h"

#define DB(self) ((sqlite3 *) g_object_get_data (G_OBJECT (self), "shou-hub-sqlite"))

static gboolean
sql_error (ShouHubStore  *self,
           GError       **error)
{
  g_set_error (error, SHOU_HUB_STORE_ERROR, SHOU_HUB_STORE_ERROR_SQL, "SQLite: %s", sqlite3_errmsg (DB (self)));
  return FALSE;
}

static sqlite3_stmt *
prepare (ShouHubStore *self,
         const char   *sql)
{
  sqlite3_stmt *st = NULL;

  if (sqlite3_prepare_v2 (DB (self), sql, -1, &st, NULL) != SQLITE_OK)
    g_error ("shouhou-hub: cannot prepare %s: %s", sql, sqlite3_errmsg (DB (self)));
  return st;
}

gboolean
shou_hub_sqlite_add_staff (ShouHubStore        *self,
                           const ShouHubStaff  *staff,
                           const char          *token,
                           GError             **error)
{
  sqlite3_stmt *st = prepare (self, "INSERT INTO staff (merchant_id, staff_id, name, token, role,"
                                    " cap_action_fen, cap_day_fen) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  gboolean ok;

  shou_hub_sqlite_bind_text (st, 1, staff->merchant_id);
  shou_hub_sqlite_bind_text (st, 2, staff->staff_id);
  shou_hub_sqlite_bind_text (st, 3, staff->name);
  shou_hub_sqlite_bind_text (st, 4, token);
  shou_hub_sqlite_bind_text (st, 5, staff->role);
  sqlite3_bind_int64 (st, 6, staff->cap_action_fen);
  sqlite3_bind_int64 (st, 7, staff->cap_day_fen);
  ok = sqlite3_step (st) == SQLITE_DONE || sql_error (self, error);
  sqlite3_finalize (st);
  return ok;
}

static ShouHubStaff *
staff_from_row (sqlite3_stmt *st)
{
  ShouHubStaff *staff = g_new0 (ShouHubStaff, 1);

  staff->merchant_id = shou_hub_sqlite_col_dup (st, 0);
  staff->staff_id = shou_hub_sqlite_col_dup (st, 1);
  staff->name = shou_hub_sqlite_col_dup (st, 2);
  staff->role = shou_hub_sqlite_col_dup (st, 3);
  staff->cap_action_fen = sqlite3_column_int64 (st, 4);
  staff->cap_day_fen = sqlite3_column_int64 (st, 5);
  return staff;
}

ShouHubStaff *
shou_hub_sqlite_lookup_staff (ShouHubStore *self,
                              const char   *token)
{
  sqlite3_stmt *st = prepare (self, "SELECT merchant_id, staff_id, name, role, cap_action_fen, cap_day_fen,"
                                    " token FROM staff");
  ShouHubStaff *staff = NULL;

  /* Every token is compared, in constant time, to the end. */
  while (sqlite3_step (st) == SQLITE_ROW)
    if (shou_hub_token_equal (token, (const char *) sqlite3_column_text (st, 6)) && staff == NULL)
      staff = staff_from_row (st);
  sqlite3_finalize (st);
  return staff;
}

ShouHubStaff *
shou_hub_sqlite_get_staff (ShouHubStore *self,
                           const char   *merchant_id,
                           const char   *staff_id)
{
  sqlite3_stmt *st = prepare (self, "SELECT merchant_id, staff_id, name, role, cap_action_fen, cap_day_fen"
                                    " FROM staff WHERE merchant_id = ?1 AND staff_id = ?2");
  ShouHubStaff *staff = NULL;

  shou_hub_sqlite_bind_text (st, 1, merchant_id);
  shou_hub_sqlite_bind_text (st, 2, staff_id);
  if (sqlite3_step (st) == SQLITE_ROW)
    staff = staff_from_row (st);
  sqlite3_finalize (st);
  return staff;
}

char *
shou_hub_sqlite_get_claim (ShouHubStore *self,
                           const char   *merchant_id,
                           const char   *aftersale_id,
                           gint64       *out_expires_at)
{
  sqlite3_stmt *st = prepare (self, "SELECT staff_id, expires_at FROM claims"
                                    " WHERE merchant_id = ?1 AND aftersale_id = ?2");
  char *holder = NULL;

  shou_hub_sqlite_bind_text (st, 1, merchant_id);
  shou_hub_sqlite_bind_text (st, 2, aftersale_id);
  if (sqlite3_step (st) == SQLITE_ROW)
    {
      holder = shou_hub_sqlite_col_dup (st, 0);
      if (out_expires_at != NULL)
        *out_expires_at = sqlite3_column_int64 (st, 1);
    }
  sqlite3_finalize (st);
  return holder;
}

gboolean
shou_hub_sqlite_put_claim (ShouHubStore  *self,
                           const char    *merchant_id,
                           const char    *aftersale_id,
                           const char    *staff_id,
                           gint64         expires_at,
                           GError       **error)
{
  sqlite3_stmt *st;
  gboolean ok;

  if (staff_id == NULL)
    st = prepare (self, "DELETE FROM claims WHERE merchant_id = ?1 AND aftersale_id = ?2");
  else
    st = prepare (self, "INSERT INTO claims (merchant_id, aftersale_id, staff_id, expires_at)"
                        " VALUES (?1, ?2, ?3, ?4) ON CONFLICT (merchant_id, aftersale_id) DO UPDATE"
                        " SET staff_id = excluded.staff_id, expires_at = excluded.expires_at");
  shou_hub_sqlite_bind_text (st, 1, merchant_id);
  shou_hub_sqlite_bind_text (st, 2, aftersale_id);
  if (staff_id != NULL)
    {
      shou_hub_sqlite_bind_text (st, 3, staff_id);
      sqlite3_bind_int64 (st, 4, expires_at);
    }
  ok = sqlite3_step (st) == SQLITE_DONE || sql_error (self, error);
  sqlite3_finalize (st);
  return ok;
}

gboolean
shou_hub_sqlite_add_audit (ShouHubStore  *self,
                           const char    *merchant_id,
                           const char    *staff_id,
                           const char    *action,
                           const char    *aftersale_id,
                           gint64         amount_fen,
                           const char    *day,
                           guint          status,
                           gint64         at,
                           GError       **error)
{
  sqlite3_stmt *st = prepare (self, "INSERT INTO audit (merchant_id, seq, at, staff_id, action, aftersale_id,"
                                    " amount_fen, day, status) VALUES (?1, (SELECT COALESCE (MAX (seq), 0) + 1"
                                    " FROM audit WHERE merchant_id = ?1), ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  gboolean ok;

  shou_hub_sqlite_bind_text (st, 1, merchant_id);
  sqlite3_bind_int64 (st, 2, at);
  shou_hub_sqlite_bind_text (st, 3, staff_id);
  shou_hub_sqlite_bind_text (st, 4, action);
  shou_hub_sqlite_bind_text (st, 5, aftersale_id);
  sqlite3_bind_int64 (st, 6, amount_fen);
  shou_hub_sqlite_bind_text (st, 7, day);
  sqlite3_bind_int (st, 8, status);
  ok = sqlite3_step (st) == SQLITE_DONE || sql_error (self, error);
  sqlite3_finalize (st);
  return ok;
}

JsonArray *
shou_hub_sqlite_list_audit (ShouHubStore *self,
                            const char   *merchant_id,
                            guint         limit)
{
  sqlite3_stmt *st = prepare (self, "SELECT seq, at, staff_id, action, aftersale_id, amount_fen, status"
                                    " FROM audit WHERE merchant_id = ?1 ORDER BY seq DESC LIMIT ?2");
  JsonArray *entries = json_array_new ();

  shou_hub_sqlite_bind_text (st, 1, merchant_id);
  sqlite3_bind_int (st, 2, limit);
  while (sqlite3_step (st) == SQLITE_ROW)
    {
      JsonObject *e = json_object_new ();

      json_object_set_int_member (e, "seq", sqlite3_column_int64 (st, 0));
      json_object_set_int_member (e, "at", sqlite3_column_int64 (st, 1));
      if (sqlite3_column_type (st, 2) == SQLITE_NULL)
        json_object_set_null_member (e, "staff_id");
      else
        json_object_set_string_member (e, "staff_id", (const char *) sqlite3_column_text (st, 2));
      json_object_set_string_member (e, "action", (const char *) sqlite3_column_text (st, 3));
      json_object_set_string_member (e, "aftersale_id", (const char *) sqlite3_column_text (st, 4));
      json_object_set_int_member (e, "amount_fen", sqlite3_column_int64 (st, 5));
      json_object_set_int_member (e, "status", sqlite3_column_int (st, 6));
      json_array_add_object_element (entries, e);
    }
  sqlite3_finalize (st);
  return entries;
}

gint64
shou_hub_sqlite_day_total (ShouHubStore *self,
                           const char   *merchant_id,
                           const char   *staff_id,
                           const char   *day)
{
  sqlite3_stmt *st = prepare (self, "SELECT COALESCE (SUM (amount_fen), 0) FROM audit WHERE merchant_id = ?1"
                                    " AND staff_id = ?2 AND day = ?3 AND status = 200");
  gint64 total = 0;

  shou_hub_sqlite_bind_text (st, 1, merchant_id);
  shou_hub_sqlite_bind_text (st, 2, staff_id);
  shou_hub_sqlite_bind_text (st, 3, day);
  if (sqlite3_step (st) == SQLITE_ROW)
    total = sqlite3_column_int64 (st, 0);
  sqlite3_finalize (st);
  return total;
}
