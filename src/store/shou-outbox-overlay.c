/* shou-outbox-overlay.c: the checks an action passes against a request's
 * effective data (its server data with its queued actions applied, which
 * the store computes: shou-store-overlay.c) before it is queued. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "shou-outbox-private.h"

/* ---- checks before enqueueing ------------------------------------------ */

gboolean
shou_outbox_check_params (const ShouProfile *profile,
                          JsonObject        *effective,
                          ShouAction         action,
                          JsonObject        *params,
                          GError           **error)
{
  static const char *const texts[] = { "text", "message", "explanation", "reason" };
  GError *cause = NULL;
  const char *text;
  gint64 v, amount = 0;

  /* What is queued and sent is the seller's text without zero-width and
   * bidi controls; other control characters are refused. */
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    if ((text = jstr (params, texts[i])) != NULL)
      {
        g_autofree char *clean = shou_text_clean (text, -1, &cause);

        if (clean == NULL)
          return shou_outbox_invalid_from (error, cause);
        if (!g_str_equal (clean, text))
          json_object_set_string_member (params, texts[i], clean);
      }

  switch (action)
    {
    case SHOU_ACTION_AGREE_REFUND:
      jint (effective, "amount_fen", &amount);
      if (!jint (params, "amount_fen", &v) || v <= 0 || (amount > 0 && v > amount))
        return shou_outbox_invalid (error, shou_reason_get_message (SHOU_REASON_AMOUNT_INVALID));
      break;
    case SHOU_ACTION_AGREE_RETURN:
      if (jstr (params, "address_id") == NULL || *jstr (params, "address_id") == '\0')
        return shou_outbox_invalid (error, _("Choose a return address"));
      if ((text = jstr (params, "message")) != NULL &&
          !shou_validate_no_sensitive (text, &cause))
        return shou_outbox_invalid_from (error, cause);
      break;
    case SHOU_ACTION_NEGOTIATE:
      if (!jint (params, "round", &v) || v < 1 || v > 2)
        return shou_outbox_invalid (error, _("The negotiation round must be 1 or 2"));
      text = jstr (params, "text");
      if (text != NULL && !shou_validate_no_sensitive (text, &cause))
        return shou_outbox_invalid_from (error, cause);
      if (text != NULL && profile != NULL && !shou_validate_message (profile, text, &cause))
        return shou_outbox_invalid_from (error, cause);
      break;
    case SHOU_ACTION_REJECT:
      if (jstr (params, "reason_code") == NULL || *jstr (params, "reason_code") == '\0')
        return shou_outbox_invalid (error, shou_reason_get_message (SHOU_REASON_REASON_REQUIRED));
      text = jstr (params, "explanation");
      if (text == NULL || *text == '\0')
        return shou_outbox_invalid (error, shou_reason_get_message (SHOU_REASON_EXPLANATION_REQUIRED));
      if (!shou_validate_no_sensitive (text, &cause))
        return shou_outbox_invalid_from (error, cause);
      break;
    case SHOU_ACTION_REFUSE_RECEIPT:
      if ((text = jstr (params, "reason")) == NULL || *text == '\0')
        return shou_outbox_invalid (error, shou_reason_get_message (SHOU_REASON_REASON_REQUIRED));
      break;
    case SHOU_ACTION_SHIP_EXCHANGE:
      if (!shou_validate_tracking_number (jstr (params, "carrier"),
                                          jstr (params, "tracking_no"), &cause))
        return shou_outbox_invalid_from (error, cause);
      if (shou_carrier_is_other (jstr (params, "carrier")) &&
          !shou_validate_carrier_name (jstr (params, "carrier_name"), &cause))
        return shou_outbox_invalid_from (error, cause);
      break;
    case SHOU_ACTION_APPEAL:
    case SHOU_ACTION_UPLOAD_REFUND_PROOF:
      if (jarr (params, "evidence") == NULL || json_array_get_length (jarr (params, "evidence")) == 0)
        return shou_outbox_invalid (error, shou_reason_get_message (SHOU_REASON_EVIDENCE_REQUIRED));
      break;
    case SHOU_ACTION_MESSAGE:
      text = jstr (params, "text");
      if (text == NULL || *text == '\0')
        return shou_outbox_invalid (error, _("Write a message first"));
      if (!shou_validate_no_sensitive (text, &cause))
        return shou_outbox_invalid_from (error, cause);
      if (profile != NULL && !shou_validate_message (profile, text, &cause))
        return shou_outbox_invalid_from (error, cause);
      break;
    case SHOU_ACTION_CONFIRM_RECEIPT:
    case SHOU_ACTION_INTERCEPT:
    case SHOU_ACTION_AWAIT_RETURN:
    case SHOU_N_ACTIONS:
    default:
      break;
    }
  return TRUE;
}

gboolean
shou_outbox_check_allowed (JsonObject  *effective,
                           ShouAction   action,
                           GError     **error)
{
  const char *name = shou_action_to_string (action);
  JsonArray *allowed = jarr (effective, "allowed_actions");
  JsonArray *blocked = jarr (effective, "blocked_actions");

  if (allowed == NULL)
    return TRUE;
  for (guint i = 0; i < json_array_get_length (allowed); i++)
    if (g_strcmp0 (json_array_get_string_element (allowed, i), name) == 0)
      return TRUE;

  for (guint i = 0; blocked && i < json_array_get_length (blocked); i++)
    {
      JsonObject *b = jarr_obj (blocked, i);
      ShouReason reason;

      if (b == NULL)
        continue;
      if (g_strcmp0 (jstr (b, "action"), name) != 0)
        continue;
      if (shou_reason_from_string (jstr (b, "reason"), &reason) && reason != SHOU_REASON_NONE)
        return shou_outbox_invalid (error, shou_reason_get_message (reason));
      if (jstr (b, "message"))
        return shou_outbox_invalid (error, jstr (b, "message"));
    }
  return shou_outbox_invalid (error, _("This action is not possible at this step"));
}

void
shou_outbox_request_row_clear (RequestRow *row)
{
  g_clear_pointer (&row->account_id, g_free);
  g_clear_pointer (&row->id, g_free);
  g_clear_pointer (&row->effective, json_object_unref);
  g_clear_pointer (&row->conflict, g_free);
}

/* @request_id is the request's key. */
gboolean
shou_outbox_load_request_row (ShouStore   *self,
                              const char  *request_id,
                              RequestRow  *row,
                              GError     **error)
{
  ShouDb *db = shou_store_get_db (self);
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = shou_db_prepare (db,
                          "SELECT r.account_id, coalesce(d.local_data, d.server_data), r.conflict, r.id "
                          "FROM requests r JOIN request_data d ON d.rid = r.rid WHERE r.key = ?1",
                          &local_error);
  if (stmt == NULL)
    return PROPAGATE (local_error);
  shou_db_bind_text (stmt, 1, request_id);
  rc = shou_db_step (db, stmt, &local_error);
  if (rc < 0)
    return PROPAGATE (local_error);
  if (rc != SQLITE_ROW)
    {
      g_set_error (error, SHOU_STORE_ERROR, SHOU_STORE_ERROR_NOT_FOUND,
                   _("The after-sales request %s is not in the cache"), request_id);
      return FALSE;
    }
  row->account_id = g_strdup (shou_db_column_text (stmt, 0));
  row->effective = shou_store_json_parse (shou_db_column_text (stmt, 1));
  row->conflict = g_strdup (shou_db_column_text (stmt, 2));
  row->id = g_strdup (shou_db_column_text (stmt, 3));
  sqlite3_reset (stmt);
  if (row->effective == NULL)
    {
      g_set_error (error, SHOU_STORE_ERROR, SHOU_STORE_ERROR_SQL,
                   _("The cached request %s is damaged"), request_id);
      return FALSE;
    }
  return TRUE;
}

