/* shou-outbox-reviews.c: a bad review registered by hand and the seller's
 * follow-up, written locally and queued for the server in one
 * transaction, and the server's answers to them (shou-store-reviews.h). */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "shou-outbox-private.h"
#include "shou-store-reviews.h"

char *
shou_store_register_review (ShouStore   *self,
                            const char  *shop_key,
                            JsonObject  *fields,
                            GError     **error)
{
  static const char *const allowed[] = { "buyer_nick", "rating", "text", "reason_code", "order_id",
                                         "aftersale_id", "reviewed_at", NULL };
  ShouDb *db;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *account_id = NULL;
  g_autofree char *shop = NULL;
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *id = g_strconcat ("local-", uuid, NULL);
  g_autofree char *request_key = g_strconcat ("review:", id, NULL);
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(JsonObject) row = NULL;
  g_autofree char *nick = NULL;
  ShouReviewRating rating;
  ShouReviewReason reason = SHOU_REVIEW_REASON_NONE;
  gint64 now = g_get_real_time ();

  g_return_val_if_fail (SHOU_IS_STORE (self), NULL);
  if (!shou_outbox_care_prepare (self, shop_key, fields, allowed, &account_id, &shop, &nick, &body, error))
    return NULL;
  if (!shou_review_rating_from_string (jstr (fields, "rating"), &rating) ||
      (jstr (fields, "reason_code") && !shou_review_reason_from_string (jstr (fields, "reason_code"), &reason)))
    return shou_outbox_invalid (error, _("Choose the rating and the reason")), NULL;
  if (jstr (fields, "text") && g_utf8_strlen (jstr (fields, "text"), -1) > SHOU_REVIEW_TEXT_MAX)
    return shou_outbox_invalid (error, _("The review's text is too long")), NULL;

  /* Shown at once as the server will have it. */
  row = json_object_new ();
  json_object_set_string_member (row, "id", id);
  json_object_set_string_member (row, "shop_id", shop);
  json_object_set_string_member (row, "buyer_nick", nick);
  json_object_set_string_member (row, "rating", shou_review_rating_to_string (rating));
  json_object_set_string_member (row, "text", jstr (fields, "text") ? jstr (fields, "text") : "");
  json_object_set_string_member (row, "reason_code", shou_review_reason_to_string (reason));
  json_object_set_string_member (row, "source", "manual");
  json_object_set_int_member (row, "reviewed_at", now);
  json_object_set_int_member (row, "buyer_bad_reviews", 1);
  json_object_set_null_member (row, "contacted_at");
  json_object_set_null_member (row, "remedy");
  json_object_set_null_member (row, "changed");
  json_object_set_null_member (row, "settled_at");
  json_object_set_null_member (row, "reply");
  json_object_set_int_member (row, "version", 0);

  db = shou_store_get_db (self);
  if (!shou_db_begin (db, &local_error))
    return PROPAGATE (local_error), NULL;
  if (shou_store_review_write_row (db, account_id, row, 1, NULL, &local_error))
    shou_outbox_insert (db, account_id, request_key, SHOU_OUTBOX_REVIEW_CREATE, id, body, 0, &local_error);
  if (!shou_outbox_commit (self, NULL, g_steal_pointer (&local_error), error))
    return NULL;
  return shou_store_review_key (account_id, id);
}

static const char *
refusal_text (const char *reason)
{
  if (g_strcmp0 (reason, "not_contacted") == 0)
    return _("Contact the buyer first");
  if (g_strcmp0 (reason, "review_settled") == 0)
    return _("This review is settled already");
  if (g_strcmp0 (reason, "already_replied") == 0)
    return _("The public reply has been posted already");
  if (g_strcmp0 (reason, "over_remedy_cap") == 0)
    return _("A price difference refund is at most ¥5 unless the buyer has left six or more bad reviews");
  return _("Fill in the remedy's amount");
}

gboolean
shou_store_enqueue_review_action (ShouStore         *self,
                                  const char        *key,
                                  ShouReviewAction   action,
                                  JsonObject        *params,
                                  GError           **error)
{
  ShouDb *db;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *account_id = NULL;
  g_autofree char *id = NULL;
  g_autofree char *request_key = NULL;
  g_autoptr(JsonObject) review = NULL;
  g_autoptr(JsonObject) sent = params ? json_object_ref (params) : json_object_new ();
  ShouReviewState state;
  gint64 version = 0, pending = 0, bad = 1, amount = 0;
  const char *reason;

  g_return_val_if_fail (SHOU_IS_STORE (self), FALSE);
  g_return_val_if_fail ((guint) action < SHOU_N_REVIEW_ACTIONS, FALSE);
  if (shou_outbox_refuse_while_migrating (self, error))
    return FALSE;
  db = shou_store_get_db (self);
  if (!shou_store_review_split_key (key, &account_id, &id) || !shou_store_review_find_row (db, account_id, id, &version, &pending, &review) ||
      review == NULL)
    {
      g_set_error (error, SHOU_STORE_ERROR, SHOU_STORE_ERROR_NOT_FOUND, _("No such review"));
      return FALSE;
    }
  state = shou_review_state_from_json (review);
  bad = state.buyer_bad_reviews;
  reason = shou_review_check_action (&state, action);
  if (reason == NULL && action == SHOU_REVIEW_ACTION_OFFER_REMEDY)
    {
      ShouRemedyKind kind;

      if (!shou_remedy_from_string (jstr (sent, "kind"), &kind))
        return shou_outbox_invalid (error, _("Choose a remedy"));
      jint (sent, "amount_fen", &amount);
      reason = shou_review_check_remedy (kind, amount, SHOU_REVIEW_PRICE_DIFFERENCE_CAP_FEN, bad, 0);
    }
  if (reason == NULL && action == SHOU_REVIEW_ACTION_REPLY)
    {
      g_autofree char *text = g_strstrip (g_strdup (jstr (sent, "text") ? jstr (sent, "text") : ""));

      if (*text == '\0')
        return shou_outbox_invalid (error, _("Write the reply first"));
      if (!shou_validate_no_sensitive (text, NULL))
        return shou_outbox_invalid (error, _("The reply mentions another platform or a payment channel"));
    }
  if (reason != NULL)
    return shou_outbox_invalid (error, refusal_text (reason));

  /* Shown at once as the server will have it. */
  shou_review_apply_step (review, action, sent, g_get_real_time ());
  request_key = g_strconcat ("review:", id, NULL);
  if (!shou_db_begin (db, &local_error))
    return PROPAGATE (local_error);
  if (shou_store_review_write_row (db, account_id, review, pending + 1, NULL, &local_error))
    shou_outbox_insert (db, account_id, request_key, SHOU_OUTBOX_REVIEW_ACTION,
                        shou_review_action_to_string (action), sent, version, &local_error);
  return shou_outbox_commit (self, NULL, g_steal_pointer (&local_error), error);
}

/* ---- the server's answers (shou-outbox.c, shou-outbox-conflicts.c) ---- */

gboolean
shou_outbox_set_row_conflict (ShouDb      *db,
                              const char  *table,
                              const char  *account_id,
                              const char  *id,
                              const char  *conflict,
                              GError     **error)
{
  g_autofree char *sql = g_strdup_printf ("UPDATE %s SET pending = max(pending - 1, 0), conflict = ?3"
                                          " WHERE account_id = ?1 AND id = ?2", table);
  sqlite3_stmt *stmt = shou_db_prepare (db, sql, error);

  if (stmt == NULL)
    return FALSE;
  shou_db_bind_text (stmt, 1, account_id);
  shou_db_bind_text (stmt, 2, id);
  shou_db_bind_text (stmt, 3, conflict);
  return shou_db_run (db, stmt, error);
}

gint64
shou_outbox_move_queued (ShouDb      *db,
                         const char  *account_id,
                         const char  *old_key,
                         const char  *new_key,
                         gint64       old_version,
                         gint64       new_version,
                         GError     **error)
{
  /* Only a step follows an object: its create entry is the one answered. */
  sqlite3_stmt *stmt = shou_db_prepare (db, "UPDATE outbox SET request_id = ?3,"
                                            " expected_version = iif(expected_version = ?4, ?5, expected_version)"
                                            " WHERE account_id = ?1 AND request_id = ?2 AND state = 'queued'"
                                            " AND kind LIKE '%\\_action' ESCAPE '\\'", error);

  if (stmt == NULL)
    return -1;
  shou_db_bind_text (stmt, 1, account_id);
  shou_db_bind_text (stmt, 2, old_key);
  shou_db_bind_text (stmt, 3, new_key);
  shou_db_bind_int (stmt, 4, old_version);
  shou_db_bind_int (stmt, 5, new_version);
  if (!shou_db_run (db, stmt, error))
    return -1;
  return shou_db_changes (db);
}

gboolean
shou_store_review_complete (ShouStore       *self,
                            const EntryRow  *row,
                            JsonObject      *result,
                            GError         **error)
{
  ShouDb *db = shou_store_get_db (self);
  const char *old_id = row->request_id + strlen ("review:");
  const char *new_id = jstr (result, "id");
  g_autofree char *new_key = NULL;
  g_autoptr(JsonObject) local = NULL;
  gint64 version = 0, local_version = 0, pending = 0, remaining;

  if (!g_str_has_prefix (row->request_id, "review:") || new_id == NULL || !jint (result, "version", &version))
    return TRUE;
  new_key = g_strconcat ("review:", new_id, NULL);
  shou_store_review_find_row (db, row->account_id, old_id, &local_version, &pending, &local);
  remaining = shou_outbox_move_queued (db, row->account_id, row->request_id, new_key, row->expected_version, version, error);
  if (remaining < 0)
    return FALSE;
  if (!g_str_equal (old_id, new_id))
    {
      sqlite3_stmt *stmt = shou_db_prepare (db, "DELETE FROM reviews WHERE account_id = ?1 AND id = ?2", error);

      if (stmt == NULL)
        return FALSE;
      shou_db_bind_text (stmt, 1, row->account_id);
      shou_db_bind_text (stmt, 2, old_id);
      if (!shou_db_run (db, stmt, error))
        return FALSE;
    }
  if (remaining > 0 && local != NULL)
    {
      /* The later steps stay shown on top of the server's copy. */
      static const char *const from_server[] = { "id", "version", "order_id", "order_no", "buyer_bad_reviews",
                                                 "created_at", "updated_at", "reviewed_at" };

      for (guint i = 0; i < G_N_ELEMENTS (from_server); i++)
        if (json_object_has_member (result, from_server[i]))
          json_object_set_member (local, from_server[i],
                                  json_node_copy (json_object_get_member (result, from_server[i])));
      return shou_store_review_write_row (db, row->account_id, local, remaining, NULL, error);
    }
  return shou_store_review_write_row (db, row->account_id, result, 0, NULL, error);
}

gboolean
shou_store_review_conflict (ShouStore       *self,
                            const EntryRow  *row,
                            const char      *code,
                            const char      *message,
                            const char      *reason,
                            GError         **error)
{
  g_autoptr(JsonObject) conflict = json_object_new ();
  g_autofree char *text = NULL;

  json_object_set_string_member (conflict, "code", code ? code : "");
  json_object_set_string_member (conflict, "action", row->action);
  if (reason != NULL)
    json_object_set_string_member (conflict, "reason", reason);
  json_object_set_string_member (conflict, "message", message ? message : "");
  text = shou_store_json_to_string (conflict);
  return shou_outbox_set_row_conflict (shou_store_get_db (self), "reviews", row->account_id,
                          row->request_id + strlen ("review:"), text, error);
}

