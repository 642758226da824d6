/* shou-outbox-care.c: a complaint registered by hand and the seller's
 * steps on it, written locally and queued for the server in one
 * transaction, and the server's answers (shou-store-care.h). An entry's
 * request_id is "<kind>:<id>" ("complaint:cp-3"), as reviews' "review:". */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "shou-outbox-private.h"
#include "shou-store-care.h"

static void
shop_platform (ShouDb       *db,
               const char   *account_id,
               const char   *shop_id,
               ShouPlatform *platform)
{
  sqlite3_stmt *stmt = shou_db_prepare (db, "SELECT platform FROM shops WHERE account_id = ?1 AND id = ?2", NULL);

  if (stmt == NULL)
    return;
  shou_db_bind_text (stmt, 1, account_id);
  shou_db_bind_text (stmt, 2, shop_id);
  if (shou_db_step (db, stmt, NULL) == SQLITE_ROW)
    shou_platform_from_string (shou_db_column_text (stmt, 0), platform);
  sqlite3_reset (stmt);
}

char *
shou_store_register_complaint (ShouStore   *self,
                               const char  *shop_key,
                               JsonObject  *fields,
                               GError     **error)
{
  static const char *const allowed[] = { "buyer_nick", "channel", "text", "order_id", "aftersale_id",
                                         "opened_at", NULL };
  ShouDb *db;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *account_id = NULL;
  g_autofree char *shop = NULL;
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *id = g_strconcat ("local-", uuid, NULL);
  g_autofree char *request_key = g_strconcat ("complaint:", id, NULL);
  g_autoptr(JsonObject) body = json_object_new ();
  g_autoptr(JsonObject) row = NULL;
  g_autofree char *nick = NULL;
  ShouComplaintChannel channel = SHOU_COMPLAINT_CHANNEL_PLATFORM;
  ShouPlatform platform = SHOU_PLATFORM_TAOBAO;
  gint64 now = g_get_real_time ();

  g_return_val_if_fail (SHOU_IS_STORE (self), NULL);
  if (shou_outbox_refuse_while_migrating (self, error))
    return NULL;
  if (!shou_store_resolve_shop (self, shop_key, &account_id, &shop))
    {
      g_set_error (error, SHOU_STORE_ERROR, SHOU_STORE_ERROR_NOT_FOUND, _("No such shop"));
      return NULL;
    }
  nick = g_strstrip (g_strdup (jstr (fields, "buyer_nick") ? jstr (fields, "buyer_nick") : ""));
  if (*nick == '\0')
    return shou_outbox_invalid (error, _("Fill in the buyer's nickname")), NULL;
  if (jstr (fields, "channel") && !shou_complaint_channel_from_string (jstr (fields, "channel"), &channel))
    return shou_outbox_invalid (error, _("Choose where the complaint was filed")), NULL;
  if (jstr (fields, "text") && g_utf8_strlen (jstr (fields, "text"), -1) > SHOU_COMPLAINT_TEXT_MAX)
    return shou_outbox_invalid (error, _("The complaint's text is too long")), NULL;
  shop_platform (shou_store_get_db (self), account_id, shop, &platform);

  for (guint i = 0; allowed[i] != NULL; i++)
    if (json_object_has_member (fields, allowed[i]) && !shou_store_review_is_null (fields, allowed[i]))
      json_object_set_member (body, allowed[i], json_node_copy (json_object_get_member (fields, allowed[i])));
  json_object_set_string_member (body, "buyer_nick", nick);
  json_object_set_string_member (body, "shop_id", shop);

  /* Shown at once as the server will have it. */
  row = json_object_new ();
  json_object_set_string_member (row, "id", id);
  json_object_set_string_member (row, "shop_id", shop);
  json_object_set_string_member (row, "platform", shou_platform_to_string (platform));
  json_object_set_string_member (row, "buyer_nick", nick);
  json_object_set_string_member (row, "channel", shou_complaint_channel_to_string (channel));
  json_object_set_string_member (row, "text", jstr (fields, "text") ? jstr (fields, "text") : "");
  json_object_set_string_member (row, "source", "manual");
  json_object_set_int_member (row, "opened_at", now);
  json_object_set_int_member (row, "compensation_fen", 0);
  json_object_set_array_member (row, "evidence", json_array_new ());
  json_object_set_null_member (row, "finished_at");
  json_object_set_int_member (row, "version", 0);

  db = shou_store_get_db (self);
  if (!shou_db_begin (db, &local_error))
    return PROPAGATE (local_error), NULL;
  if (shou_store_care_write_row (self, account_id, "complaint", row, 1, NULL, &local_error))
    shou_outbox_insert (db, account_id, request_key, SHOU_OUTBOX_CARE_CREATE, id, body, 0, &local_error);
  if (!shou_outbox_commit (self, NULL, g_steal_pointer (&local_error), error))
    return NULL;
  return shou_store_review_key (account_id, id);
}

static const char *
refusal_text (const char *reason)
{
  if (g_strcmp0 (reason, "complaint_finished") == 0)
    return _("This complaint is finished already");
  if (g_strcmp0 (reason, "already_handled") == 0)
    return _("This complaint has been handled already");
  if (g_strcmp0 (reason, "already_compensated") == 0)
    return _("Compensation has been paid already");
  if (g_strcmp0 (reason, "already_intervened") == 0)
    return _("The platform has intervened already");
  if (g_strcmp0 (reason, "not_platform") == 0)
    return _("Only a complaint on the platform is intervened in");
  if (g_strcmp0 (reason, "evidence_closed") == 0)
    return _("The 72-hour evidence period is over");
  return _("Only after the platform intervenes");
}

gboolean
shou_store_enqueue_complaint_action (ShouStore            *self,
                                     const char           *key,
                                     ShouComplaintAction   action,
                                     JsonObject           *params,
                                     GError              **error)
{
  ShouDb *db;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *account_id = NULL;
  g_autofree char *id = NULL;
  g_autofree char *request_key = NULL;
  g_autoptr(JsonObject) complaint = NULL;
  g_autoptr(JsonObject) sent = params ? json_object_ref (params) : json_object_new ();
  ShouComplaintOutcome outcome = SHOU_COMPLAINT_OUTCOME_RESOLVED;
  gint64 version = 0, pending = 0, amount = 0;
  const char *reason;

  g_return_val_if_fail (SHOU_IS_STORE (self), FALSE);
  g_return_val_if_fail ((guint) action < SHOU_N_COMPLAINT_ACTIONS, FALSE);
  if (shou_outbox_refuse_while_migrating (self, error))
    return FALSE;
  db = shou_store_get_db (self);
  if (!shou_store_review_split_key (key, &account_id, &id) ||
      !shou_store_care_find_row (db, account_id, id, &version, &pending, &complaint) || complaint == NULL)
    {
      g_set_error (error, SHOU_STORE_ERROR, SHOU_STORE_ERROR_NOT_FOUND, _("No such complaint"));
      return FALSE;
    }
  if (action == SHOU_COMPLAINT_ACTION_COMPENSATE && (!jint (sent, "amount_fen", &amount) || amount < 1))
    return shou_outbox_invalid (error, _("Fill in the compensation's amount"));
  if (action == SHOU_COMPLAINT_ACTION_FINISH && !shou_complaint_outcome_from_string (jstr (sent, "outcome"), &outcome))
    return shou_outbox_invalid (error, _("Choose how the complaint ended"));
  if (action == SHOU_COMPLAINT_ACTION_EVIDENCE)
    {
      g_autofree char *note = g_strstrip (g_strdup (jstr (sent, "note") ? jstr (sent, "note") : ""));

      if (*note == '\0')
        return shou_outbox_invalid (error, _("Describe the evidence first"));
    }
  if (jstr (sent, "note") && !shou_validate_no_sensitive (jstr (sent, "note"), NULL))
    return shou_outbox_invalid (error, _("The note mentions another platform or a payment channel"));
  reason = shou_complaint_check_action (complaint, action, outcome, shou_store_complaint_profile (self, complaint),
                                        g_get_real_time ());
  if (reason != NULL)
    return shou_outbox_invalid (error, refusal_text (reason));

  /* Shown at once as the server will have it. */
  shou_complaint_apply_step (complaint, action, sent, g_get_real_time ());
  request_key = g_strconcat ("complaint:", id, NULL);
  if (!shou_db_begin (db, &local_error))
    return PROPAGATE (local_error);
  if (shou_store_care_write_row (self, account_id, "complaint", complaint, pending + 1, NULL, &local_error))
    shou_outbox_insert (db, account_id, request_key, SHOU_OUTBOX_CARE_ACTION,
                        shou_complaint_action_to_string (action), sent, version, &local_error);
  return shou_outbox_commit (self, NULL, g_steal_pointer (&local_error), error);
}

/* ---- the server's answers (shou-outbox.c, shou-outbox-conflicts.c) ---- */

gboolean
shou_store_care_complete (ShouStore       *self,
                          const EntryRow  *row,
                          JsonObject      *result,
                          GError         **error)
{
  ShouDb *db = shou_store_get_db (self);
  const char *colon = strchr (row->request_id, ':');
  g_autofree char *kind = colon ? g_strndup (row->request_id, colon - row->request_id) : NULL;
  const char *old_id = colon ? colon + 1 : NULL;
  const char *new_id = jstr (result, "id");
  g_autofree char *new_key = NULL;
  g_autoptr(JsonObject) local = NULL;
  gint64 version = 0, local_version = 0, pending = 0, remaining;

  if (kind == NULL || new_id == NULL || !jint (result, "version", &version))
    return TRUE;
  new_key = g_strconcat (kind, ":", new_id, NULL);
  shou_store_care_find_row (db, row->account_id, old_id, &local_version, &pending, &local);
  remaining = shou_outbox_move_queued (db, row->account_id, row->request_id, new_key, row->expected_version,
                                       version, error);
  if (remaining < 0)
    return FALSE;
  if (!g_str_equal (old_id, new_id))
    {
      sqlite3_stmt *stmt = shou_db_prepare (db, "DELETE FROM care WHERE account_id = ?1 AND id = ?2", error);

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
      static const char *const from_server[] = { "id", "version", "order_id", "order_no", "platform",
                                                 "created_at", "updated_at", "opened_at" };

      for (guint i = 0; i < G_N_ELEMENTS (from_server); i++)
        if (json_object_has_member (result, from_server[i]))
          json_object_set_member (local, from_server[i],
                                  json_node_copy (json_object_get_member (result, from_server[i])));
      return shou_store_care_write_row (self, row->account_id, kind, local, remaining, NULL, error);
    }
  return shou_store_care_write_row (self, row->account_id, kind, result, 0, NULL, error);
}

gboolean
shou_store_care_conflict (ShouStore       *self,
                          const EntryRow  *row,
                          const char      *code,
                          const char      *message,
                          const char      *reason,
                          GError         **error)
{
  g_autoptr(JsonObject) conflict = json_object_new ();
  g_autofree char *text = NULL;
  const char *colon = strchr (row->request_id, ':');

  json_object_set_string_member (conflict, "code", code ? code : "");
  json_object_set_string_member (conflict, "action", row->action);
  if (reason != NULL)
    json_object_set_string_member (conflict, "reason", reason);
  json_object_set_string_member (conflict, "message", message ? message : "");
  text = shou_store_json_to_string (conflict);
  return shou_outbox_set_row_conflict (shou_store_get_db (self), "care", row->account_id,
                                       colon ? colon + 1 : row->request_id, text, error);
}

gboolean
shou_store_enqueue_visit_record (ShouStore         *self,
                                 const char        *key,
                                 ShouVisitOutcome   outcome,
                                 const char        *note,
                                 GError           **error)
{
  ShouDb *db;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *account_id = NULL;
  g_autofree char *id = NULL;
  g_autofree char *request_key = NULL;
  g_autoptr(JsonObject) visit = NULL;
  g_autoptr(JsonObject) sent = json_object_new ();
  gint64 version = 0, pending = 0, now = g_get_real_time ();
  const char *reason;

  g_return_val_if_fail (SHOU_IS_STORE (self), FALSE);
  g_return_val_if_fail (outcome != SHOU_VISIT_OUTCOME_PENDING, FALSE);
  if (shou_outbox_refuse_while_migrating (self, error))
    return FALSE;
  db = shou_store_get_db (self);
  if (!shou_store_review_split_key (key, &account_id, &id) ||
      !shou_store_care_find_row (db, account_id, id, &version, &pending, &visit) || visit == NULL)
    {
      g_set_error (error, SHOU_STORE_ERROR, SHOU_STORE_ERROR_NOT_FOUND, _("No such visit"));
      return FALSE;
    }
  reason = shou_visit_record_check (visit, now);
  if (g_strcmp0 (reason, "not_due") == 0)
    return shou_outbox_invalid (error, _("This visit is not due yet"));
  if (reason != NULL)
    return shou_outbox_invalid (error, _("Every visit has been made"));

  json_object_set_string_member (sent, "outcome", shou_visit_outcome_to_string (outcome));
  if (note != NULL && *note != '\0')
    json_object_set_string_member (sent, "note", note);
  /* Shown at once as the server will have it. */
  shou_visit_record_apply (visit, outcome, note, now);
  request_key = g_strconcat ("visit:", id, NULL);
  if (!shou_db_begin (db, &local_error))
    return PROPAGATE (local_error);
  if (shou_store_care_write_row (self, account_id, "visit", visit, pending + 1, NULL, &local_error))
    shou_outbox_insert (db, account_id, request_key, SHOU_OUTBOX_CARE_ACTION, "record", sent, version, &local_error);
  return shou_outbox_commit (self, NULL, g_steal_pointer (&local_error), error);
}
