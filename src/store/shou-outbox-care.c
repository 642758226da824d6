/* shou-outbox-care.c: a complaint or a logistics incident registered by
 * hand and the seller's steps on complaints, visits and incidents, written locally and queued for the server in one
 * transaction, and the server's answers (shou-store-care.h). An entry's
 * request_id is "<kind>:<id>" ("complaint:cp-3"), as reviews' "review:". */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "core/shou-validate.h"
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

gboolean
shou_outbox_care_prepare (ShouStore          *self,
                          const char         *shop_key,
                          JsonObject         *fields,
                          const char * const *allowed,
                          char              **account_id,
                          char              **shop,
                          char              **nick,
                          JsonObject        **body,
                          GError            **error)
{
  if (shou_outbox_refuse_while_migrating (self, error))
    return FALSE;
  if (!shou_store_resolve_shop (self, shop_key, account_id, shop))
    {
      g_set_error (error, SHOU_STORE_ERROR, SHOU_STORE_ERROR_NOT_FOUND, _("No such shop"));
      return FALSE;
    }
  *nick = g_strstrip (g_strdup (jstr (fields, "buyer_nick") ? jstr (fields, "buyer_nick") : ""));
  if (**nick == '\0')
    return shou_outbox_invalid (error, _("Fill in the buyer's nickname"));
  *body = json_object_new ();
  for (guint i = 0; allowed[i] != NULL; i++)
    if (json_object_has_member (fields, allowed[i]) && !shou_store_review_is_null (fields, allowed[i]))
      json_object_set_member (*body, allowed[i], json_node_copy (json_object_get_member (fields, allowed[i])));
  json_object_set_string_member (*body, "buyer_nick", *nick);
  json_object_set_string_member (*body, "shop_id", *shop);
  return TRUE;
}

/* A record of @kind registered by hand, shown at once as the server will
 * have it (version 0, a local id), with its create entry: one
 * transaction. (transfer full): its key */
static char *
care_register (ShouStore   *self,
               const char  *kind,
               const char  *account_id,
               const char  *shop,
               const char  *nick,
               JsonObject  *fields,
               JsonObject  *row,
               JsonObject  *body,
               GError     **error)
{
  ShouDb *db = shou_store_get_db (self);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *id = g_strconcat ("local-", uuid, NULL);
  g_autofree char *request_key = g_strconcat (kind, ":", id, NULL);
  ShouPlatform platform = SHOU_PLATFORM_TAOBAO;

  shop_platform (db, account_id, shop, &platform);
  json_object_set_string_member (row, "id", id);
  json_object_set_string_member (row, "shop_id", shop);
  json_object_set_string_member (row, "platform", shou_platform_to_string (platform));
  json_object_set_string_member (row, "buyer_nick", nick);
  json_object_set_string_member (row, "text", jstr (fields, "text") ? jstr (fields, "text") : "");
  if (!json_object_has_member (row, "source"))   /* a visit's is where it came from */
    json_object_set_string_member (row, "source", "manual");
  json_object_set_int_member (row, "opened_at", g_get_real_time ());
  json_object_set_int_member (row, "version", 0);
  if (!shou_db_begin (db, &local_error))
    return PROPAGATE (local_error), NULL;
  if (shou_store_care_write_row (self, account_id, kind, row, 1, NULL, &local_error))
    shou_outbox_insert (db, account_id, request_key, SHOU_OUTBOX_CARE_CREATE, id, body, 0, &local_error);
  if (!shou_outbox_commit (self, NULL, g_steal_pointer (&local_error), error))
    return NULL;
  return shou_store_review_key (account_id, id);
}

/* The cached record with key @key (its account, id, version and queued
 * steps), else SHOU_STORE_ERROR_NOT_FOUND with @missing. */
static JsonObject *
care_find (ShouStore   *self,
           const char  *key,
           char       **account_id,
           char       **id,
           gint64      *version,
           gint64      *pending,
           const char  *missing,
           GError     **error)
{
  JsonObject *object = NULL;

  if (shou_outbox_refuse_while_migrating (self, error))
    return NULL;
  if (!shou_store_review_split_key (key, account_id, id) ||
      !shou_store_care_find_row (shou_store_get_db (self), *account_id, *id, version, pending, &object) ||
      object == NULL)
    {
      g_set_error_literal (error, SHOU_STORE_ERROR, SHOU_STORE_ERROR_NOT_FOUND, missing);
      return NULL;
    }
  return object;
}

/* Writes @object (the step already applied, shown at once as the server
 * will have it) and queues the step @action with @sent: one transaction. */
static gboolean
care_queue_step (ShouStore   *self,
                 const char  *kind,
                 const char  *account_id,
                 const char  *id,
                 JsonObject  *object,
                 gint64       version,
                 gint64       pending,
                 const char  *action,
                 JsonObject  *sent,
                 GError     **error)
{
  ShouDb *db = shou_store_get_db (self);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *request_key = g_strconcat (kind, ":", id, NULL);

  if (!shou_db_begin (db, &local_error))
    return PROPAGATE (local_error);
  if (shou_store_care_write_row (self, account_id, kind, object, pending + 1, NULL, &local_error))
    shou_outbox_insert (db, account_id, request_key, SHOU_OUTBOX_CARE_ACTION, action, sent, version, &local_error);
  return shou_outbox_commit (self, NULL, g_steal_pointer (&local_error), error);
}

char *
shou_store_register_complaint (ShouStore   *self,
                               const char  *shop_key,
                               JsonObject  *fields,
                               GError     **error)
{
  static const char *const allowed[] = { "buyer_nick", "channel", "text", "order_id", "aftersale_id",
                                         "opened_at", NULL };
  g_autofree char *account_id = NULL;
  g_autofree char *shop = NULL;
  g_autofree char *nick = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(JsonObject) row = json_object_new ();
  ShouComplaintChannel channel = SHOU_COMPLAINT_CHANNEL_PLATFORM;

  g_return_val_if_fail (SHOU_IS_STORE (self), NULL);
  if (!shou_outbox_care_prepare (self, shop_key, fields, allowed, &account_id, &shop, &nick, &body, error))
    return NULL;
  if (jstr (fields, "channel") && !shou_complaint_channel_from_string (jstr (fields, "channel"), &channel))
    return shou_outbox_invalid (error, _("Choose where the complaint was filed")), NULL;
  if (jstr (fields, "text") && g_utf8_strlen (jstr (fields, "text"), -1) > SHOU_COMPLAINT_TEXT_MAX)
    return shou_outbox_invalid (error, _("The complaint's text is too long")), NULL;
  json_object_set_string_member (row, "channel", shou_complaint_channel_to_string (channel));
  json_object_set_int_member (row, "compensation_fen", 0);
  json_object_set_array_member (row, "evidence", json_array_new ());
  json_object_set_null_member (row, "finished_at");
  return care_register (self, "complaint", account_id, shop, nick, fields, row, body, error);
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

/* The server's time now as of the account's last sync (its clock offset):
 * a step's deadline is the server's, which test controls and a skewed
 * local clock can move away from this machine's. */
static gint64
server_now (ShouStore  *self,
            const char *account_id)
{
  return g_get_real_time () + shou_store_get_clock_offset (self, account_id);
}

gboolean
shou_store_enqueue_complaint_action (ShouStore            *self,
                                     const char           *key,
                                     ShouComplaintAction   action,
                                     JsonObject           *params,
                                     GError              **error)
{
  g_autofree char *account_id = NULL;
  g_autofree char *id = NULL;
  g_autoptr(JsonObject) complaint = NULL;
  g_autoptr(JsonObject) sent = params ? json_object_ref (params) : json_object_new ();
  ShouComplaintOutcome outcome = SHOU_COMPLAINT_OUTCOME_RESOLVED;
  gint64 version = 0, pending = 0, amount = 0;
  const char *reason;

  g_return_val_if_fail (SHOU_IS_STORE (self), FALSE);
  g_return_val_if_fail ((guint) action < SHOU_N_COMPLAINT_ACTIONS, FALSE);
  complaint = care_find (self, key, &account_id, &id, &version, &pending, _("No such complaint"), error);
  if (complaint == NULL)
    return FALSE;
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
                                        server_now (self, account_id));
  if (reason != NULL)
    return shou_outbox_invalid (error, refusal_text (reason));

  shou_complaint_apply_step (complaint, action, sent, server_now (self, account_id));
  return care_queue_step (self, "complaint", account_id, id, complaint, version, pending,
                          shou_complaint_action_to_string (action), sent, error);
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
  g_autofree char *account_id = NULL;
  g_autofree char *id = NULL;
  g_autoptr(JsonObject) visit = NULL;
  g_autoptr(JsonObject) sent = json_object_new ();
  gint64 version = 0, pending = 0, now;
  const char *reason;

  g_return_val_if_fail (SHOU_IS_STORE (self), FALSE);
  g_return_val_if_fail (outcome != SHOU_VISIT_OUTCOME_PENDING, FALSE);
  visit = care_find (self, key, &account_id, &id, &version, &pending, _("No such visit"), error);
  if (visit == NULL)
    return FALSE;
  now = server_now (self, account_id);
  reason = shou_visit_record_check (visit, now);
  if (g_strcmp0 (reason, "not_due") == 0)
    return shou_outbox_invalid (error, _("This visit is not due yet"));
  if (reason != NULL)
    return shou_outbox_invalid (error, _("Every visit has been made"));

  json_object_set_string_member (sent, "outcome", shou_visit_outcome_to_string (outcome));
  if (note != NULL && *note != '\0')
    json_object_set_string_member (sent, "note", note);
  shou_visit_record_apply (visit, outcome, note, now);
  return care_queue_step (self, "visit", account_id, id, visit, version, pending, "record", sent, error);
}

/* The id of the cached order numbered @number in the shop, and its
 * buyer's nickname (may be %NULL), or %NULL. */
static char *
find_order (ShouDb      *db,
            const char  *account_id,
            const char  *shop,
            const char  *number,
            char       **nick)
{
  sqlite3_stmt *stmt = shou_db_prepare (db, "SELECT id, data FROM orders WHERE account_id = ?1 AND shop_id = ?2"
                                            " AND order_no = ?3", NULL);
  char *order_id = NULL;

  if (stmt == NULL)
    return NULL;
  shou_db_bind_text (stmt, 1, account_id);
  shou_db_bind_text (stmt, 2, shop);
  shou_db_bind_text (stmt, 3, number);
  if (shou_db_step (db, stmt, NULL) == SQLITE_ROW)
    {
      g_autoptr(JsonObject) order = shou_store_json_parse (shou_db_column_text (stmt, 1));
      JsonNode *buyer = order ? json_object_get_member (order, "buyer") : NULL;

      order_id = g_strdup (shou_db_column_text (stmt, 0));
      if (buyer != NULL && JSON_NODE_HOLDS_OBJECT (buyer))
        *nick = g_strdup (json_object_get_string_member_with_default (json_node_get_object (buyer), "nick", NULL));
    }
  sqlite3_reset (stmt);
  return order_id;
}

char *
shou_store_register_service_card (ShouStore   *self,
                                  const char  *shop_key,
                                  const char  *order_no,
                                  GError     **error)
{
  ShouDb *db = shou_store_get_db (self);
  g_autofree char *account_id = NULL;
  g_autofree char *shop = NULL;
  g_autofree char *order_id = NULL;
  g_autofree char *nick = NULL;
  g_autofree char *number = g_strstrip (g_strdup (order_no ? order_no : ""));
  g_autoptr(JsonObject) body = json_object_new ();
  g_autoptr(JsonObject) row = NULL;
  gint64 now = g_get_real_time ();

  g_return_val_if_fail (SHOU_IS_STORE (self), NULL);
  if (shou_outbox_refuse_while_migrating (self, error))
    return NULL;
  if (!shou_store_resolve_shop (self, shop_key, &account_id, &shop))
    {
      g_set_error (error, SHOU_STORE_ERROR, SHOU_STORE_ERROR_NOT_FOUND, _("No such shop"));
      return NULL;
    }
  order_id = find_order (db, account_id, shop, number, &nick);
  if (order_id == NULL)
    return shou_outbox_invalid (error, _("No order of this shop has that number")), NULL;
  json_object_set_string_member (body, "shop_id", shop);
  json_object_set_string_member (body, "order_id", order_id);
  /* Visits from the sale on (000 ⑹), shown at once as the server will have them. */
  row = shou_visit_record_new ("", shop, nick ? nick : "", order_id, number, SHOU_VISIT_SOURCE_SERVICE_CARD, NULL,
                               now, now);
  return care_register (self, "visit", account_id, shop, nick ? nick : "", body, row, body, error);
}

static const char *
incident_refusal (const char *reason)
{
  if (g_strcmp0 (reason, "incident_closed") == 0)
    return _("This incident is closed already");
  if (g_strcmp0 (reason, "already_resent") == 0)
    return _("The parcel has been resent already");
  if (g_strcmp0 (reason, "already_claimed") == 0)
    return _("A claim has been filed with the courier already");
  if (g_strcmp0 (reason, "no_claim") == 0)
    return _("File a claim with the courier first");
  if (g_strcmp0 (reason, "claim_settled") == 0)
    return _("The courier has answered the claim already");
  if (g_strcmp0 (reason, "over_claim") == 0)
    return _("More than the claim's amount");
  return _("Record the courier's answer to the claim first");
}

/* The carrier and tracking number in @fields, when given, are a real pair:
 * *@normal is the number to send. */
static gboolean
check_tracking (JsonObject  *fields,
                gboolean     required,
                char       **normal,
                GError     **error)
{
  const char *carrier = jstr (fields, "carrier");
  const char *tracking = jstr (fields, "tracking_no");

  if (!required && (carrier == NULL || *carrier == '\0') && (tracking == NULL || *tracking == '\0'))
    return TRUE;
  if (shou_carrier_find (carrier) == NULL)
    return shou_outbox_invalid (error, _("Choose the courier"));
  if (!shou_validate_tracking_number (carrier, tracking, NULL))
    return shou_outbox_invalid (error, _("This is not a tracking number of that courier"));
  *normal = shou_tracking_number_normalize (tracking);
  return TRUE;
}

char *
shou_store_register_incident (ShouStore   *self,
                              const char  *shop_key,
                              JsonObject  *fields,
                              GError     **error)
{
  static const char *const allowed[] = { "buyer_nick", "kind", "text", "order_id", "aftersale_id", "opened_at",
                                         NULL };
  g_autofree char *account_id = NULL;
  g_autofree char *shop = NULL;
  g_autofree char *nick = NULL;
  g_autofree char *tracking = NULL;
  g_autofree char *number = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(JsonObject) row = json_object_new ();
  ShouIncidentKind kind;

  g_return_val_if_fail (SHOU_IS_STORE (self), NULL);
  if (!shou_outbox_care_prepare (self, shop_key, fields, allowed, &account_id, &shop, &nick, &body, error))
    return NULL;
  if (!shou_incident_kind_from_string (jstr (fields, "kind"), &kind))
    return shou_outbox_invalid (error, _("Choose what happened to the parcel")), NULL;
  if (jstr (fields, "text") && g_utf8_strlen (jstr (fields, "text"), -1) > SHOU_COMPLAINT_TEXT_MAX)
    return shou_outbox_invalid (error, _("The description is too long")), NULL;
  if (!check_tracking (fields, FALSE, &tracking, error))
    return NULL;
  /* Raised from an order: its number (a request's order, or typed). */
  number = g_strstrip (g_strdup (jstr (fields, "order_no") ? jstr (fields, "order_no") : ""));
  if (*number != '\0')
    {
      g_autofree char *buyer = NULL;
      g_autofree char *order_id = find_order (shou_store_get_db (self), account_id, shop, number, &buyer);

      if (order_id == NULL)
        return shou_outbox_invalid (error, _("No order of this shop has that number")), NULL;
      json_object_set_string_member (body, "order_id", order_id);
      json_object_set_string_member (row, "order_id", order_id);
      json_object_set_string_member (row, "order_no", number);
    }
  if (tracking != NULL)
    {
      json_object_set_string_member (body, "carrier", jstr (fields, "carrier"));
      json_object_set_string_member (body, "tracking_no", tracking);
    }
  json_object_set_string_member (row, "kind", shou_incident_kind_to_string (kind));
  if (tracking != NULL)
    json_object_set_string_member (row, "carrier", jstr (fields, "carrier"));
  json_object_set_string_member (row, "tracking_no", tracking);
  json_object_set_null_member (row, "resend");
  json_object_set_null_member (row, "claim");
  json_object_set_null_member (row, "closed_at");
  return care_register (self, "incident", account_id, shop, nick, fields, row, body, error);
}

gboolean
shou_store_enqueue_incident_action (ShouStore           *self,
                                    const char          *key,
                                    ShouIncidentAction   action,
                                    JsonObject          *params,
                                    GError             **error)
{
  g_autofree char *account_id = NULL;
  g_autofree char *id = NULL;
  g_autofree char *tracking = NULL;
  g_autoptr(JsonObject) incident = NULL;
  g_autoptr(JsonObject) sent = params ? json_object_ref (params) : json_object_new ();
  ShouIncidentClaimStatus status = SHOU_INCIDENT_CLAIM_FILED;
  gint64 version = 0, pending = 0, amount = 0, recovered = 0;
  const char *reason;

  g_return_val_if_fail (SHOU_IS_STORE (self), FALSE);
  g_return_val_if_fail ((guint) action < SHOU_N_INCIDENT_ACTIONS, FALSE);
  incident = care_find (self, key, &account_id, &id, &version, &pending, _("No such incident"), error);
  if (incident == NULL)
    return FALSE;
  if (action == SHOU_INCIDENT_ACTION_RESEND)
    {
      if (!check_tracking (sent, TRUE, &tracking, error))
        return FALSE;
      json_object_set_string_member (sent, "tracking_no", tracking);
    }
  if (action == SHOU_INCIDENT_ACTION_CLAIM && (!jint (sent, "amount_fen", &amount) || amount < 1))
    return shou_outbox_invalid (error, _("Fill in the claim's amount"));
  if (action == SHOU_INCIDENT_ACTION_CLAIM_RESULT &&
      (!shou_incident_claim_status_from_string (jstr (sent, "status"), &status) ||
       status == SHOU_INCIDENT_CLAIM_FILED))
    return shou_outbox_invalid (error, _("Choose what the courier answered"));
  if (status == SHOU_INCIDENT_CLAIM_PAID && (!jint (sent, "recovered_fen", &recovered) || recovered < 1))
    return shou_outbox_invalid (error, _("Fill in the amount the courier paid"));
  if (jstr (sent, "note") && !shou_validate_no_sensitive (jstr (sent, "note"), NULL))
    return shou_outbox_invalid (error, _("The note mentions another platform or a payment channel"));
  reason = shou_incident_check_action (incident, action);
  if (reason == NULL && status == SHOU_INCIDENT_CLAIM_PAID)
    {
      JsonNode *claim = json_object_get_member (incident, "claim");
      gint64 claimed = 0;

      if (claim != NULL && JSON_NODE_HOLDS_OBJECT (claim))
        jint (json_node_get_object (claim), "amount_fen", &claimed);
      if (recovered > claimed)
        reason = "over_claim";
    }
  if (reason != NULL)
    return shou_outbox_invalid (error, incident_refusal (reason));

  shou_incident_apply_step (incident, action, sent, g_get_real_time ());
  return care_queue_step (self, "incident", account_id, id, incident, version, pending,
                          shou_incident_action_to_string (action), sent, error);
}
