/* shou-store-reviews.c: bad reviews in the cache (shou-store-reviews.h);
 * the seller's follow-up through the outbox is in shou-outbox-reviews.c. */
#include "config.h"

#include "shou-store-private.h"
#include "shou-store-reviews.h"

/* A review's key: its account and its id (server or local). */
char *
shou_store_review_key (const char *account_id,
          const char *id)
{
  return g_strconcat (account_id, "|", id, NULL);
}

gboolean
shou_store_review_split_key (const char  *key,
           char       **account_id,
           char       **id)
{
  const char *bar = key ? strchr (key, '|') : NULL;

  if (bar == NULL || bar == key || bar[1] == '\0')
    return FALSE;
  *account_id = g_strndup (key, bar - key);
  *id = g_strdup (bar + 1);
  return TRUE;
}

gboolean
shou_store_review_is_null (JsonObject *obj,
         const char *name)
{
  JsonNode *node = obj ? json_object_get_member (obj, name) : NULL;

  return node == NULL || JSON_NODE_HOLDS_NULL (node);
}

/* Inside a transaction: the row of @data (a review as the contract has
 * it), with @pending entries and @conflict. */
gboolean
shou_store_review_write_row (ShouDb      *db,
           const char  *account_id,
           JsonObject  *data,
           gint64       pending,
           const char  *conflict,
           GError     **error)
{
  g_autofree char *text = shou_store_json_to_string (data);
  sqlite3_stmt *stmt;
  gint64 reviewed_at = 0, version = 0;

  jint (data, "reviewed_at", &reviewed_at);
  jint (data, "version", &version);
  stmt = shou_db_prepare (db,
                          "INSERT INTO reviews (account_id, id, shop_id, rating, reason_code, reviewed_at,"
                          " contacted, settled, replied, version, pending, conflict, data)"
                          " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)"
                          " ON CONFLICT (account_id, id) DO UPDATE SET shop_id = excluded.shop_id,"
                          " rating = excluded.rating, reason_code = excluded.reason_code,"
                          " reviewed_at = excluded.reviewed_at, contacted = excluded.contacted,"
                          " settled = excluded.settled, replied = excluded.replied, version = excluded.version,"
                          " pending = excluded.pending, conflict = excluded.conflict, data = excluded.data", error);
  if (stmt == NULL)
    return FALSE;
  shou_db_bind_text (stmt, 1, account_id);
  shou_db_bind_text (stmt, 2, jstr (data, "id"));
  shou_db_bind_text (stmt, 3, jstr (data, "shop_id"));
  shou_db_bind_text (stmt, 4, jstr (data, "rating") ? jstr (data, "rating") : "bad");
  shou_db_bind_text (stmt, 5, jstr (data, "reason_code") ? jstr (data, "reason_code") : "none");
  shou_db_bind_int (stmt, 6, reviewed_at);
  shou_db_bind_int (stmt, 7, !shou_store_review_is_null (data, "contacted_at"));
  shou_db_bind_int (stmt, 8, !shou_store_review_is_null (data, "settled_at"));
  shou_db_bind_int (stmt, 9, !shou_store_review_is_null (data, "reply"));
  shou_db_bind_int (stmt, 10, version);
  shou_db_bind_int (stmt, 11, pending);
  shou_db_bind_text (stmt, 12, conflict);
  shou_db_bind_text (stmt, 13, text);
  return shou_db_run (db, stmt, error);
}

/* The row's version and queued entries; FALSE when there is none. */
gboolean
shou_store_review_find_row (ShouDb      *db,
          const char  *account_id,
          const char  *id,
          gint64      *version,
          gint64      *pending,
          JsonObject **data)
{
  sqlite3_stmt *stmt = shou_db_prepare (db, "SELECT version, pending, data FROM reviews"
                                            " WHERE account_id = ?1 AND id = ?2", NULL);
  gboolean found = FALSE;

  if (stmt == NULL)
    return FALSE;
  shou_db_bind_text (stmt, 1, account_id);
  shou_db_bind_text (stmt, 2, id);
  if (shou_db_step (db, stmt, NULL) == SQLITE_ROW)
    {
      found = TRUE;
      *version = sqlite3_column_int64 (stmt, 0);
      *pending = sqlite3_column_int64 (stmt, 1);
      if (data != NULL)
        *data = shou_store_json_parse (shou_db_column_text (stmt, 2));
    }
  sqlite3_reset (stmt);
  return found;
}

gboolean
shou_store_write_review (ShouStore   *self,
                         const char  *account_id,
                         JsonObject  *data,
                         GError     **error)
{
  ShouDb *db = shou_store_get_db (self);
  gint64 version = 0, local_version = 0, pending = 0;

  if (jstr (data, "id") == NULL || jstr (data, "shop_id") == NULL || !jint (data, "version", &version))
    return TRUE;   /* not a review this version can use: skipped */
  /* The seller's queued follow-up stays shown until the server has a
   * newer version (then the queued entry gets its 409 and says so). */
  if (shou_store_review_find_row (db, account_id, jstr (data, "id"), &local_version, &pending, NULL) &&
      pending > 0 && version <= local_version)
    return TRUE;
  return shou_store_review_write_row (db, account_id, data, pending, NULL, error);
}

GPtrArray *
shou_store_list_reviews (ShouStore      *self,
                         ShouReviewList  which,
                         guint           limit)
{
  static const char *const sql[] = {
    "SELECT account_id, id, data, pending, conflict FROM reviews ORDER BY reviewed_at DESC, id LIMIT ?1",
    "SELECT account_id, id, data, pending, conflict FROM reviews WHERE replied = 0"
    " ORDER BY reviewed_at, id LIMIT ?1",
    "SELECT account_id, id, data, pending, conflict FROM reviews WHERE settled = 0"
    " ORDER BY reviewed_at, id LIMIT ?1",
  };
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SHOU_IS_STORE (self), list);
  g_return_val_if_fail ((guint) which < G_N_ELEMENTS (sql), list);
  stmt = shou_db_prepare (shou_store_get_db (self), sql[which], NULL);
  if (stmt == NULL)
    return list;
  shou_db_bind_int (stmt, 1, limit);
  while (shou_db_step (shou_store_get_db (self), stmt, NULL) == SQLITE_ROW)
    g_ptr_array_add (list, shou_store_care_row_object (stmt));
  sqlite3_reset (stmt);
  return list;
}

JsonObject *
shou_store_get_review (ShouStore  *self,
                       const char *key)
{
  g_autofree char *account_id = NULL;
  g_autofree char *id = NULL;
  JsonObject *review = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SHOU_IS_STORE (self), NULL);
  if (!shou_store_review_split_key (key, &account_id, &id))
    return NULL;
  stmt = shou_db_prepare (shou_store_get_db (self), "SELECT account_id, id, data, pending, conflict FROM reviews"
                                                    " WHERE account_id = ?1 AND id = ?2", NULL);
  if (stmt == NULL)
    return NULL;
  shou_db_bind_text (stmt, 1, account_id);
  shou_db_bind_text (stmt, 2, id);
  if (shou_db_step (shou_store_get_db (self), stmt, NULL) == SQLITE_ROW)
    review = shou_store_care_row_object (stmt);
  sqlite3_reset (stmt);
  return review;
}

guint
shou_store_count_review_reasons (ShouStore *self,
                                 gint64     since,
                                 guint     *counts)
{
  sqlite3_stmt *stmt;
  guint total = 0;

  g_return_val_if_fail (SHOU_IS_STORE (self), 0);
  memset (counts, 0, SHOU_N_REVIEW_REASONS * sizeof *counts);
  stmt = shou_db_prepare (shou_store_get_db (self), "SELECT reason_code, count(*) FROM reviews"
                                                    " WHERE reviewed_at >= ?1 GROUP BY reason_code", NULL);
  if (stmt == NULL)
    return 0;
  shou_db_bind_int (stmt, 1, since);
  while (shou_db_step (shou_store_get_db (self), stmt, NULL) == SQLITE_ROW)
    {
      ShouReviewReason r;
      guint n = sqlite3_column_int64 (stmt, 1);

      if (!shou_review_reason_from_string (shou_db_column_text (stmt, 0), &r))
        r = SHOU_REVIEW_REASON_OTHER;
      counts[r] += n;
      total += n;
    }
  sqlite3_reset (stmt);
  return total;
}

gboolean
shou_store_apply_review (ShouStore   *self,
                         const char  *account_id,
                         JsonObject  *review,
                         GError     **error)
{
  g_return_val_if_fail (SHOU_IS_STORE (self), FALSE);
  if (!shou_store_write_review (self, account_id, review, error))
    return FALSE;
  shou_store_emit_changed (self, NULL);
  return TRUE;
}
