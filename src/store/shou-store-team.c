/* shou-store-team.c: claims and the changes of kinds this version does not
 * know (see shou-store-team.h). */
#include "config.h"

#include <json-glib/json-glib.h>

#include "shou-store-private.h"
#include "shou-store-team.h"

/* Kinds a test pretends not to know (a desktop of an older version). */
static char **forgotten_kinds;

void
shou_store_forget_kinds_for_testing (const char * const *kinds)
{
  g_strfreev (forgotten_kinds);
  forgotten_kinds = g_strdupv ((char **) kinds);
}

gboolean
shou_store_kind_known (const char *kind)
{
  static const char * const known[] = { "order", "aftersale", "address", "claim", "review", "complaint", "visit",
                                        "incident", "annotation", "autorule", NULL };

  if (kind == NULL || !g_strv_contains (known, kind))
    return FALSE;
  return forgotten_kinds == NULL || !g_strv_contains ((const char * const *) forgotten_kinds, kind);
}

void
shou_claim_free (ShouClaim *claim)
{
  if (claim == NULL)
    return;
  g_free (claim->staff_id);
  g_free (claim->name);
  g_free (claim);
}

/* Inside a transaction: the claim row of (account, aftersale). */
static gboolean
write_claim_row (ShouStore   *self,
                 const char  *account_id,
                 const char  *aftersale_id,
                 const char  *staff_id,
                 const char  *name,
                 gint64       expires_at,
                 GError     **error)
{
  sqlite3_stmt *stmt;

  if (name == NULL || expires_at <= 0)
    {
      stmt = shou_db_prepare (self->db, "DELETE FROM claims WHERE account_id = ?1 AND aftersale_id = ?2",
                              error);
      if (stmt == NULL)
        return FALSE;
    }
  else
    {
      stmt = shou_db_prepare (self->db,
                              "INSERT OR REPLACE INTO claims (account_id, aftersale_id, staff_id, name, "
                              "expires_at) VALUES (?1, ?2, ?3, ?4, ?5)", error);
      if (stmt == NULL)
        return FALSE;
      shou_db_bind_text (stmt, 3, staff_id);
      shou_db_bind_text (stmt, 4, name);
      shou_db_bind_int (stmt, 5, expires_at);
    }
  shou_db_bind_text (stmt, 1, account_id);
  shou_db_bind_text (stmt, 2, aftersale_id);
  return shou_db_run (self->db, stmt, error);
}

/* A feed change of kind "claim": {"aftersale_id", "state": "held" |
 * "released" | "expired", "holder": {"staff_id", "name"}, "expires_at",
 * "updated_at"}; only "held" (until expires_at) means someone holds it. */
static gboolean
write_claim (ShouStore   *self,
             const char  *account_id,
             const char  *id,
             JsonObject  *data,
             GError     **error)
{
  JsonObject *holder = jobj (data, "holder");
  const char *aftersale_id = jstr (data, "aftersale_id");
  gint64 expires_at = 0;

  if (aftersale_id == NULL)
    aftersale_id = id;
  if (aftersale_id == NULL)
    return TRUE;
  jint (data, "expires_at", &expires_at);
  if (g_strcmp0 (jstr (data, "state"), "held") != 0)
    holder = NULL;
  return write_claim_row (self, account_id, aftersale_id, jstr (holder, "staff_id"),
                          holder ? jstr (holder, "name") : NULL, holder ? expires_at : 0, error);
}

gboolean
shou_store_apply_other_change (ShouStore   *self,
                               const char  *account_id,
                               JsonObject  *change,
                               const char  *data_text,
                               GError     **error)
{
  g_autofree char *owned = NULL;
  const char *kind = jstr (change, "kind");
  const char *id = jstr (change, "id");
  JsonObject *data = jobj (change, "data");
  sqlite3_stmt *stmt;
  gint64 seq = 0;

  if (kind == NULL || id == NULL || data == NULL)
    return TRUE;
  if (shou_store_kind_known (kind) && g_str_equal (kind, "claim"))
    return write_claim (self, account_id, id, data, error);

  /* Not known here: kept at its latest state for the version that knows. */
  jint (change, "seq", &seq);
  stmt = shou_db_prepare (self->db,
                          "INSERT INTO unknown_changes (account_id, kind, id, seq, data) "
                          "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (account_id, kind, id) DO UPDATE SET "
                          "seq = excluded.seq, data = excluded.data", error);
  if (stmt == NULL)
    return FALSE;
  shou_db_bind_text (stmt, 1, account_id);
  shou_db_bind_text (stmt, 2, kind);
  shou_db_bind_text (stmt, 3, id);
  shou_db_bind_int (stmt, 4, seq);
  shou_db_bind_text (stmt, 5, data_text ? data_text : (owned = shou_store_json_to_string (data)));
  return shou_db_run (self->db, stmt, error);
}

gboolean
shou_store_replay_unknown_changes (ShouStore  *self,
                                   GError    **error)
{
  g_autoptr(GHashTable) by_account = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                            (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GPtrArray) kinds = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer key, value;
  sqlite3_stmt *stmt;
  int rc;

  stmt = shou_db_prepare (self->db,
                          "SELECT account_id, kind, id, seq, data FROM unknown_changes "
                          "ORDER BY account_id, seq", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = shou_db_step (self->db, stmt, error)) == SQLITE_ROW)
    {
      const char *account_id = shou_db_column_text (stmt, 0);
      const char *kind = shou_db_column_text (stmt, 1);
      g_autoptr(JsonObject) data = NULL;
      JsonObject *change;
      GPtrArray *changes;

      if (!shou_store_kind_known (kind) ||
          (data = shou_store_json_parse (shou_db_column_text (stmt, 4))) == NULL)
        continue;
      change = json_object_new ();
      json_object_set_string_member (change, "kind", kind);
      json_object_set_string_member (change, "id", shou_db_column_text (stmt, 2));
      json_object_set_int_member (change, "seq", sqlite3_column_int64 (stmt, 3));
      json_object_set_object_member (change, "data", g_steal_pointer (&data));
      changes = g_hash_table_lookup (by_account, account_id);
      if (changes == NULL)
        {
          changes = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
          g_hash_table_insert (by_account, g_strdup (account_id), changes);
        }
      g_ptr_array_add (changes, change);
      if (!g_ptr_array_find_with_equal_func (kinds, kind, g_str_equal, NULL))
        g_ptr_array_add (kinds, g_strdup (kind));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return FALSE;

  /* Applied as a page of the feed that leaves the cursor where it is;
   * applying one twice changes nothing (every kind is its latest state). */
  g_hash_table_iter_init (&iter, by_account);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autofree char *cursor = shou_store_get_cursor (self, key);
      GPtrArray *changes = value;

      if (!shou_store_apply_changes (self, key, changes, cursor, error))
        return FALSE;
      for (guint i = 0; i < changes->len; i++)
        {
          stmt = shou_db_prepare (self->db,
                                  "DELETE FROM unknown_changes WHERE account_id = ?1 AND kind = ?2 AND id = ?3",
                                  error);
          if (stmt == NULL)
            return FALSE;
          shou_db_bind_text (stmt, 1, key);
          shou_db_bind_text (stmt, 2, jstr (changes->pdata[i], "kind"));
          shou_db_bind_text (stmt, 3, jstr (changes->pdata[i], "id"));
          if (!shou_db_run (self->db, stmt, error))
            return FALSE;
        }
    }
  return TRUE;
}

guint
shou_store_count_unknown_changes (ShouStore  *self,
                                  const char *kind)
{
  sqlite3_stmt *stmt;
  guint n = 0;

  g_return_val_if_fail (SHOU_IS_STORE (self), 0);
  stmt = shou_db_prepare (self->db, "SELECT count(*) FROM unknown_changes WHERE ?1 IS NULL OR kind = ?1",
                          NULL);
  if (stmt == NULL)
    return 0;
  shou_db_bind_text (stmt, 1, kind);
  if (shou_db_step (self->db, stmt, NULL) == SQLITE_ROW)
    n = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

ShouClaim *
shou_store_get_claim (ShouStore  *self,
                      const char *request_key,
                      gint64      now)
{
  sqlite3_stmt *stmt;
  ShouClaim *claim = NULL;

  g_return_val_if_fail (SHOU_IS_STORE (self), NULL);
  if (request_key == NULL)
    return NULL;
  stmt = shou_db_prepare (self->db,
                          "SELECT c.staff_id, c.name, c.expires_at, c.staff_id IS a.staff_id "
                          "FROM requests r JOIN claims c ON c.account_id = r.account_id "
                          "AND c.aftersale_id = r.id LEFT JOIN accounts a ON a.id = r.account_id "
                          "WHERE r.key = ?1 AND c.expires_at > ?2", NULL);
  if (stmt == NULL)
    return NULL;
  shou_db_bind_text (stmt, 1, request_key);
  shou_db_bind_int (stmt, 2, now);
  if (shou_db_step (self->db, stmt, NULL) == SQLITE_ROW)
    {
      claim = g_new0 (ShouClaim, 1);
      claim->staff_id = g_strdup (shou_db_column_text (stmt, 0));
      claim->name = g_strdup (shou_db_column_text (stmt, 1));
      claim->expires_at = sqlite3_column_int64 (stmt, 2);
      claim->mine = sqlite3_column_int (stmt, 3) != 0;
    }
  sqlite3_reset (stmt);
  return claim;
}

char *
shou_store_get_request_staff_id (ShouStore  *self,
                                 const char *request_key)
{
  sqlite3_stmt *stmt;
  char *ret = NULL;

  g_return_val_if_fail (SHOU_IS_STORE (self), NULL);
  stmt = shou_db_prepare (self->db,
                          "SELECT a.staff_id FROM requests r JOIN accounts a ON a.id = r.account_id "
                          "WHERE r.key = ?1", NULL);
  if (stmt == NULL)
    return NULL;
  shou_db_bind_text (stmt, 1, request_key);
  if (shou_db_step (self->db, stmt, NULL) == SQLITE_ROW)
    ret = g_strdup (shou_db_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return ret;
}

gboolean
shou_store_set_claim (ShouStore   *self,
                      const char  *request_key,
                      const char  *staff_id,
                      const char  *name,
                      gint64       expires_at,
                      GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *account_id = NULL;
  g_autofree char *request_id = NULL;

  g_autoptr(ShouClaim) before = NULL;
  g_autoptr(ShouClaim) after = NULL;
  gint64 now = g_get_real_time ();

  g_return_val_if_fail (SHOU_IS_STORE (self), FALSE);
  if (!shou_store_resolve_request (self, request_key, &account_id, &request_id))
    return TRUE;
  before = shou_store_get_claim (self, request_key, now);
  if (!shou_db_begin (self->db, &local_error))
    return shou_store_propagate (error, g_steal_pointer (&local_error));
  if (!write_claim_row (self, account_id, request_id, staff_id, name, expires_at, &local_error) ||
      !shou_db_commit (self->db, &local_error))
    {
      shou_db_rollback (self->db);
      return shou_store_propagate (error, g_steal_pointer (&local_error));
    }
  /* Rows and the pane show another staff member's claim: only a change of
   * that refreshes them (a renewal, or our own claim, changes nothing
   * shown; a list refresh would take the keyboard focus off its row). */
  after = shou_store_get_claim (self, request_key, now);
  if (g_strcmp0 (before && !before->mine ? before->name : NULL, after && !after->mine ? after->name : NULL) != 0)
    shou_store_emit_request_changed (self, account_id, request_id);
  return TRUE;
}

static guint claim_wanted_signal;

void
shou_store_team_class_init (GObjectClass *klass)
{
  claim_wanted_signal =
    g_signal_new ("claim-wanted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_BOOLEAN);
}

void
shou_store_want_claim (ShouStore  *self,
                       const char *request_key,
                       gboolean    take_over)
{
  g_return_if_fail (SHOU_IS_STORE (self));
  g_signal_emit (self, claim_wanted_signal, 0, request_key, take_over);
}

gboolean
shou_store_get_request_ids (ShouStore   *self,
                            const char  *request_key,
                            char       **account_id,
                            char       **request_id)
{
  g_return_val_if_fail (SHOU_IS_STORE (self), FALSE);
  return shou_store_resolve_request (self, request_key, account_id, request_id);
}
