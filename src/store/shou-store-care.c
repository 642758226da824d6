/* shou-store-care.c: complaints in the cache (shou-store-care.h); the
 * seller's steps through the outbox are in shou-outbox-care.c. */
#include "config.h"

#include "shou-store-care.h"
#include "shou-store-private.h"

const ShouProfile *
shou_store_complaint_profile (ShouStore  *self,
                              JsonObject *complaint)
{
  ShouPlatform platform;

  if (!shou_platform_from_string (jstr (complaint, "platform"), &platform))
    return NULL;
  return shou_store_get_profile (self, platform);
}

/* Inside a transaction: the row of @data (a @kind object as the contract
 * has it) with @pending entries and @conflict. */
gboolean
shou_store_care_write_row (ShouStore   *self,
                           const char  *account_id,
                           const char  *kind,
                           JsonObject  *data,
                           gint64       pending,
                           const char  *conflict,
                           GError     **error)
{
  ShouDb *db = shou_store_get_db (self);
  g_autofree char *text = shou_store_json_to_string (data);
  sqlite3_stmt *stmt;
  gint64 opened_at = 0, version = 0, due_at = 0;
  gboolean open = TRUE;

  jint (data, "opened_at", &opened_at);
  jint (data, "version", &version);
  if (g_str_equal (kind, "complaint"))
    {
      due_at = shou_complaint_next_deadline (data, shou_store_complaint_profile (self, data), g_get_real_time (),
                                             NULL);
      open = shou_store_review_is_null (data, "finished_at");
    }
  else if (g_str_equal (kind, "visit"))
    {
      ShouVisitPlan plan = shou_visit_record_plan (data, g_get_real_time ());

      jint (data, "anchor_at", &opened_at);
      due_at = plan.due_at;
      open = plan.state != SHOU_VISIT_STATE_FINISHED;
    }
  else if (g_str_equal (kind, "incident"))
    open = shou_store_review_is_null (data, "closed_at");
  stmt = shou_db_prepare (db,
                          "INSERT INTO care (account_id, id, kind, shop_id, opened_at, due_at, open, version,"
                          " pending, conflict, data) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"
                          " ON CONFLICT (account_id, id) DO UPDATE SET kind = excluded.kind,"
                          " shop_id = excluded.shop_id, opened_at = excluded.opened_at, due_at = excluded.due_at,"
                          " open = excluded.open, version = excluded.version, pending = excluded.pending,"
                          " conflict = excluded.conflict, data = excluded.data", error);
  if (stmt == NULL)
    return FALSE;
  shou_db_bind_text (stmt, 1, account_id);
  shou_db_bind_text (stmt, 2, jstr (data, "id"));
  shou_db_bind_text (stmt, 3, kind);
  shou_db_bind_text (stmt, 4, jstr (data, "shop_id"));
  shou_db_bind_int (stmt, 5, opened_at);
  shou_db_bind_int (stmt, 6, due_at);
  shou_db_bind_int (stmt, 7, open);
  shou_db_bind_int (stmt, 8, version);
  shou_db_bind_int (stmt, 9, pending);
  shou_db_bind_text (stmt, 10, conflict);
  shou_db_bind_text (stmt, 11, text);
  return shou_db_run (db, stmt, error);
}

gboolean
shou_store_care_find_row (ShouDb      *db,
                          const char  *account_id,
                          const char  *id,
                          gint64      *version,
                          gint64      *pending,
                          JsonObject **data)
{
  sqlite3_stmt *stmt = shou_db_prepare (db, "SELECT version, pending, data FROM care"
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
shou_store_write_care (ShouStore   *self,
                       const char  *account_id,
                       const char  *kind,
                       JsonObject  *data,
                       GError     **error)
{
  gint64 version = 0, local_version = 0, pending = 0;

  if (jstr (data, "id") == NULL || jstr (data, "shop_id") == NULL || !jint (data, "version", &version))
    return TRUE;   /* not an object this version can use: skipped */
  /* The seller's queued steps stay shown until the server has a newer
   * version (then the queued entry gets its 409 and says so). */
  if (shou_store_care_find_row (shou_store_get_db (self), account_id, jstr (data, "id"), &local_version, &pending,
                                NULL) &&
      pending > 0 && version <= local_version)
    return TRUE;
  return shou_store_care_write_row (self, account_id, kind, data, pending, NULL, error);
}

gboolean
shou_store_apply_care (ShouStore   *self,
                       const char  *account_id,
                       const char  *kind,
                       JsonObject  *object,
                       GError     **error)
{
  g_return_val_if_fail (SHOU_IS_STORE (self), FALSE);
  if (!shou_store_write_care (self, account_id, kind, object, error))
    return FALSE;
  shou_store_emit_changed (self, NULL);
  return TRUE;
}

JsonObject *
shou_store_care_row_object (sqlite3_stmt *stmt)
{
  JsonObject *object = shou_store_json_parse (shou_db_column_text (stmt, 2));
  g_autofree char *key = NULL;
  const char *conflict = shou_db_column_text (stmt, 4);

  if (object == NULL)
    object = json_object_new ();
  key = shou_store_review_key (shou_db_column_text (stmt, 0), shou_db_column_text (stmt, 1));
  json_object_set_string_member (object, "key", key);
  json_object_set_int_member (object, "pending", sqlite3_column_int64 (stmt, 3));
  if (conflict != NULL)
    {
      JsonObject *c = shou_store_json_parse (conflict);

      if (c != NULL)
        json_object_set_object_member (object, "conflict", c);
    }
  return object;
}

GPtrArray *
shou_store_list_care (ShouStore    *self,
                      const char   *kind,
                      ShouCareList  which,
                      guint         limit)
{
  static const char *const sql[] = {
    /* The next deadline first; those without one after, oldest first. */
    "SELECT account_id, id, data, pending, conflict FROM care WHERE kind = ?2 AND open = 1"
    " ORDER BY due_at = 0, due_at, opened_at, id LIMIT ?1",
    "SELECT account_id, id, data, pending, conflict FROM care WHERE kind = ?2"
    " ORDER BY opened_at DESC, id LIMIT ?1",
  };
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SHOU_IS_STORE (self), list);
  g_return_val_if_fail ((guint) which < G_N_ELEMENTS (sql), list);
  stmt = shou_db_prepare (shou_store_get_db (self), sql[which], NULL);
  if (stmt == NULL)
    return list;
  shou_db_bind_int (stmt, 1, limit);
  shou_db_bind_text (stmt, 2, kind);
  while (shou_db_step (shou_store_get_db (self), stmt, NULL) == SQLITE_ROW)
    g_ptr_array_add (list, shou_store_care_row_object (stmt));
  sqlite3_reset (stmt);
  return list;
}

gboolean
shou_store_has_incident_about (ShouStore  *self,
                               const char *tracking_no,
                               const char *order_no)
{
  /* By its tracking number (any case), else, for a parcel without one, by
   * the order. */
  static const char sql[] =
    "SELECT EXISTS (SELECT 1 FROM care WHERE kind = 'incident' AND ("
    " (?1 <> '' AND lower(json_extract(data, '$.tracking_no')) = lower(?1))"
    " OR (?1 = '' AND ?2 <> '' AND json_extract(data, '$.order_no') = ?2)))";
  sqlite3_stmt *stmt;
  gboolean found = FALSE;

  g_return_val_if_fail (SHOU_IS_STORE (self), FALSE);
  stmt = shou_db_prepare (shou_store_get_db (self), sql, NULL);
  if (stmt == NULL)
    return FALSE;
  shou_db_bind_text (stmt, 1, tracking_no != NULL ? tracking_no : "");
  shou_db_bind_text (stmt, 2, order_no != NULL ? order_no : "");
  if (shou_db_step (shou_store_get_db (self), stmt, NULL) == SQLITE_ROW)
    found = sqlite3_column_int (stmt, 0) != 0;
  sqlite3_reset (stmt);
  return found;
}

JsonObject *
shou_store_get_care (ShouStore  *self,
                     const char *key)
{
  g_autofree char *account_id = NULL;
  g_autofree char *id = NULL;
  JsonObject *object = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SHOU_IS_STORE (self), NULL);
  if (!shou_store_review_split_key (key, &account_id, &id))
    return NULL;
  stmt = shou_db_prepare (shou_store_get_db (self), "SELECT account_id, id, data, pending, conflict FROM care"
                                                    " WHERE account_id = ?1 AND id = ?2", NULL);
  if (stmt == NULL)
    return NULL;
  shou_db_bind_text (stmt, 1, account_id);
  shou_db_bind_text (stmt, 2, id);
  if (shou_db_step (shou_store_get_db (self), stmt, NULL) == SQLITE_ROW)
    object = shou_store_care_row_object (stmt);
  sqlite3_reset (stmt);
  return object;
}

guint
shou_store_count_due_complaints (ShouStore  *self,
                                 const char *shop_key,
                                 gint64      now)
{
  g_autofree char *account_id = NULL;
  g_autofree char *shop = NULL;
  sqlite3_stmt *stmt;
  guint n = 0;

  g_return_val_if_fail (SHOU_IS_STORE (self), 0);
  if (shop_key != NULL && !shou_store_resolve_shop (self, shop_key, &account_id, &shop))
    return 0;
  stmt = shou_db_prepare (shou_store_get_db (self), "SELECT data FROM care WHERE kind = 'complaint' AND open = 1"
                                                    " AND (?1 IS NULL OR (account_id = ?1 AND shop_id = ?2))", NULL);
  if (stmt == NULL)
    return 0;
  shou_db_bind_text (stmt, 1, account_id);
  shou_db_bind_text (stmt, 2, shop);
  while (shou_db_step (shou_store_get_db (self), stmt, NULL) == SQLITE_ROW)
    {
      g_autoptr(JsonObject) complaint = shou_store_json_parse (shou_db_column_text (stmt, 0));
      gint64 due;

      /* The deadline running now (the stored one may have lapsed since). */
      if (complaint == NULL)
        continue;
      due = shou_complaint_next_deadline (complaint, shou_store_complaint_profile (self, complaint), now, NULL);
      if (due > now && due <= now + SHOU_URGENT_WINDOW)
        n++;
    }
  sqlite3_reset (stmt);
  return n;
}

guint
shou_store_count_due_visits (ShouStore *self,
                             gint64     now)
{
  sqlite3_stmt *stmt;
  guint n = 0;

  g_return_val_if_fail (SHOU_IS_STORE (self), 0);
  stmt = shou_db_prepare (shou_store_get_db (self), "SELECT count(*) FROM care WHERE kind = 'visit' AND open = 1"
                                                    " AND due_at > 0 AND due_at <= ?1", NULL);
  if (stmt == NULL)
    return 0;
  shou_db_bind_int (stmt, 1, now);
  if (shou_db_step (shou_store_get_db (self), stmt, NULL) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

void
shou_store_count_care (ShouStore      *self,
                       const char     *shop_key,
                       gint64          from,
                       gint64          to,
                       ShouCareCounts *out)
{
  /* ?3, ?4: the shop's account and id, NULL for every shop. */
  static const char *const sql[] = {
    "SELECT reason_code, count(*), total(json_extract(data, '$.changed') = 1) FROM reviews"
    " WHERE reviewed_at >= ?1 AND reviewed_at < ?2 AND (?3 IS NULL OR (account_id = ?3 AND shop_id = ?4))"
    " GROUP BY reason_code",
    "SELECT json_extract(data, '$.outcome'), count(*), sum(open), total(json_extract(data, '$.compensation_fen'))"
    " FROM care WHERE kind = 'complaint' AND opened_at >= ?1 AND opened_at < ?2"
    " AND (?3 IS NULL OR (account_id = ?3 AND shop_id = ?4)) GROUP BY 1",
    "SELECT count(*), sum(open), total(json_extract(data, '$.claim') IS NOT NULL),"
    " total(json_extract(data, '$.claim.amount_fen')), total(json_extract(data, '$.claim.recovered_fen'))"
    " FROM care WHERE kind = 'incident' AND opened_at >= ?1 AND opened_at < ?2"
    " AND (?3 IS NULL OR (account_id = ?3 AND shop_id = ?4))",
  };
  g_autofree char *account_id = NULL;
  g_autofree char *shop = NULL;
  ShouDb *db;

  memset (out, 0, sizeof *out);
  g_return_if_fail (SHOU_IS_STORE (self));
  if (shop_key != NULL && !shou_store_resolve_shop (self, shop_key, &account_id, &shop))
    return;
  db = shou_store_get_db (self);
  for (guint q = 0; q < G_N_ELEMENTS (sql); q++)
    {
      sqlite3_stmt *stmt = shou_db_prepare (db, sql[q], NULL);

      if (stmt == NULL)
        continue;
      shou_db_bind_int (stmt, 1, from);
      shou_db_bind_int (stmt, 2, to);
      shou_db_bind_text (stmt, 3, account_id);
      shou_db_bind_text (stmt, 4, shop);
      while (shou_db_step (db, stmt, NULL) == SQLITE_ROW)
        {
          guint n = sqlite3_column_int64 (stmt, q == 2 ? 0 : 1);

          if (q == 0)
            {
              ShouReviewReason r;

              if (!shou_review_reason_from_string (shou_db_column_text (stmt, 0), &r))
                r = SHOU_REVIEW_REASON_OTHER;
              out->review_reasons[r] += n;
              out->reviews += n;
              out->reviews_changed += sqlite3_column_int64 (stmt, 2);
            }
          else if (q == 1)
            {
              ShouComplaintOutcome o;

              if (shou_complaint_outcome_from_string (shou_db_column_text (stmt, 0), &o))
                out->complaint_outcomes[o] += n;
              out->complaints += n;
              out->complaints_open += sqlite3_column_int64 (stmt, 2);
              out->compensated_fen += sqlite3_column_int64 (stmt, 3);
            }
          else
            {
              out->incidents += n;
              out->incidents_open += sqlite3_column_int64 (stmt, 1);
              out->claims += sqlite3_column_int64 (stmt, 2);
              out->claimed_fen += sqlite3_column_int64 (stmt, 3);
              out->recovered_fen += sqlite3_column_int64 (stmt, 4);
            }
        }
      sqlite3_reset (stmt);
    }
}
