/* shou-sync-engine-push.c: sending the outbox's entries. Their answers are
 * taken one at a time, in the outbox's order; agreements to refund are sent
 * ahead, a bounded number at once, so that a hub can group them into the
 * platform's batch calls (Taobao: 20 a call). */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "shou-api-client.h"
#include "shou-api-errors.h"
#include "shou-secrets.h"
#include "store/shou-outbox.h"
#include "store/shou-store-accounts.h"
#include "store/shou-store-care.h"
#include "store/shou-store-reviews.h"
#include "shou-sync-engine-private.h"

/* -- push -- */

static void
push_result (ShouSyncEngine *self,
             JsonObject     *result,
             GError         *error);
static void
on_review_refetched_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data);
static void
on_care_refetched_cb   (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data);
static char *
care_path              (const ShouOutboxEntry *entry,
                        const char            *tail);

static void
on_refetched_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(ShouSyncEngine) self = user_data;
  g_autoptr(JsonObject) aftersale = NULL;
  g_autoptr(GError) error = NULL;

  aftersale = shou_api_client_get_aftersale_finish (SHOU_API_CLIENT (object), result, &error);
  if (error != NULL && shou_sync_is_cancelled (error))
    {
      shou_sync_on_cancelled (self);
      return;
    }
  if (aftersale != NULL)
    {
      self->writing = TRUE;
      shou_store_apply_aftersale (self->store, shou_sync_run_account (self), aftersale, NULL);
      self->writing = FALSE;
    }
  shou_sync_push_next (self);
}

static void
push_result (ShouSyncEngine *self,
             JsonObject     *result,
             GError         *error)
{
  g_autoptr(ShouOutboxEntry) entry = NULL;
  g_autoptr(GError) store_error = NULL;
  gboolean ok;

  if (error != NULL && shou_sync_is_cancelled (error))
    {
      shou_sync_on_cancelled (self);
      return;
    }
  entry = g_steal_pointer (&self->run_entry);

  self->writing = TRUE;
  if (error == NULL)
    {
      ok = shou_store_outbox_complete (self->store, entry->id, result, &store_error);
      self->writing = FALSE;
      if (!ok)
        {
          shou_sync_account_failed (self, store_error);
          return;
        }
      self->run_pushed++;
      shou_sync_push_next (self);
      return;
    }

  if (shou_api_error_is_transient (error))
    {
      /* Kept with its key; only this entry (and the later ones of its
       * request) waits for its next attempt, so other requests go on.
       * entry->attempts counts the attempts before this one. */
      guint delay = shou_sync_backoff_delay_ms (self, entry->attempts);

      shou_store_outbox_defer (self->store, entry->id, shou_api_error_code_for (error),
                               g_get_real_time () + (gint64) delay * 1000, NULL);
      self->writing = FALSE;
      /* Unreachable: the next entries would fail the same way. */
      if (g_error_matches (error, SHOU_API_ERROR, SHOU_API_ERROR_NETWORK))
        {
          shou_sync_account_failed (self, error);
          return;
        }
      g_debug ("outbox entry %" G_GINT64_FORMAT " failed (attempt %u), again in %u ms",
               entry->id, entry->attempts + 1, delay);
      /* No backoff of the whole run: this entry has its own time. A
       * hub's answer about the platform behind it (a shop's lapsed
       * authorisation, the platform busy) is no failure of the sync: the
       * entry's request says why it waits, the shop shows its state. */
      if (!g_str_has_prefix (shou_api_error_code_for (error), "platform_"))
        shou_sync_note_failure (self, error);
      shou_sync_push_next (self);
      return;
    }

  if (g_error_matches (error, SHOU_API_ERROR, SHOU_API_ERROR_AUTH))
    {
      /* Kept with its key; the same request goes again after the backoff. */
      shou_store_outbox_retry_later (self->store, entry->id, shou_api_error_code_for (error), NULL);
      self->writing = FALSE;
      shou_sync_account_failed (self, error);
      return;
    }

  /* 409, 422, 400, 404: the seller has to see this and choose again. */
  ok = shou_store_outbox_conflict_full (self->store, entry->id,
                                        shou_api_error_get_code (error), error->message,
                                        shou_api_error_get_reason (error), &store_error);
  self->writing = FALSE;
  if (!ok)
    {
      shou_sync_account_failed (self, store_error);
      return;
    }
  if (entry->kind == SHOU_OUTBOX_ACTION)
    {
      shou_api_client_get_aftersale_async (self->run_client, entry->request_id, self->cancellable,
                                           on_refetched_cb, g_object_ref (self));
      return;
    }
  if (entry->kind == SHOU_OUTBOX_CARE_ACTION)
    {
      /* The server's copy replaces the seller's refused step. */
      g_autofree char *path = care_path (entry, NULL);

      shou_api_client_get_json_async (self->run_client, path, self->cancellable,
                                      on_care_refetched_cb, g_object_ref (self));
      return;
    }
  if (entry->kind == SHOU_OUTBOX_REVIEW_ACTION)
    {
      /* The server's copy replaces the seller's refused step. */
      g_autofree char *id = g_uri_escape_string (entry->request_id + strlen ("review:"), NULL, FALSE);
      g_autofree char *path = g_strdup_printf ("/v1/reviews/%s", id);

      shou_api_client_get_json_async (self->run_client, path, self->cancellable,
                                      on_review_refetched_cb, g_object_ref (self));
      return;
    }
  shou_sync_push_next (self);
}

/* A care entry's path: "complaint:cp-3" → /v1/complaints/cp-3[/@tail]. */
static char *
care_path (const ShouOutboxEntry *entry,
           const char            *tail)
{
  const char *colon = strchr (entry->request_id, ':');
  g_autofree char *kind = g_strndup (entry->request_id, colon ? colon - entry->request_id : 0);
  g_autofree char *id = g_uri_escape_string (colon ? colon + 1 : "", NULL, FALSE);

  if (entry->kind == SHOU_OUTBOX_CARE_CREATE)
    return g_strdup_printf ("/v1/%ss", kind);
  return g_strdup_printf ("/v1/%ss/%s%s%s", kind, id, tail ? "/" : "", tail ? tail : "");
}

/* The care record's kind ("complaint") of the entry being sent. */
static char *
care_kind (ShouSyncEngine *self)
{
  const char *request_id = self->run_entry ? self->run_entry->request_id : "";
  const char *colon = strchr (request_id, ':');

  return g_strndup (request_id, colon ? colon - request_id : 0);
}

/* A POST answered with {@member: object}: that object, or the error. */
static void
push_member (ShouSyncEngine *self,
             GObject        *object,
             GAsyncResult   *result,
             const char     *member)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) body = shou_api_client_post_json_finish (SHOU_API_CLIENT (object), result, &error);
  JsonNode *node = body ? json_object_get_member (body, member) : NULL;

  if (error == NULL && (node == NULL || !JSON_NODE_HOLDS_OBJECT (node)))
    error = g_error_new (SHOU_API_ERROR, SHOU_API_ERROR_BAD_RESPONSE, _("The server's answer could not be read"));
  if (error != NULL)
    {
      /* Not in one call: C leaves the arguments' order open, and the error
       * could be taken before it is looked at. */
      push_result (self, NULL, g_steal_pointer (&error));
      return;
    }
  push_result (self, json_node_get_object (node), NULL);
}

static void
on_care_refetched_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(ShouSyncEngine) self = user_data;
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *kind = NULL;
  JsonNode *node;

  body = shou_api_client_get_json_finish (SHOU_API_CLIENT (object), result, &error);
  if (error != NULL && shou_sync_is_cancelled (error))
    {
      shou_sync_on_cancelled (self);
      return;
    }
  kind = g_strdup (body == NULL ? ""
                   : json_object_has_member (body, "complaint") ? "complaint"
                   : json_object_has_member (body, "visit") ? "visit"
                   : json_object_has_member (body, "incident") ? "incident" : "");
  node = *kind ? json_object_get_member (body, kind) : NULL;
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      self->writing = TRUE;
      shou_store_apply_care (self->store, shou_sync_run_account (self), kind, json_node_get_object (node), NULL);
      self->writing = FALSE;
    }
  shou_sync_push_next (self);
}

static void
on_care_sent_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(ShouSyncEngine) self = user_data;
  g_autofree char *kind = care_kind (self);

  push_member (self, object, result, kind);
}

static void
on_review_refetched_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(ShouSyncEngine) self = user_data;
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *review;

  body = shou_api_client_get_json_finish (SHOU_API_CLIENT (object), result, &error);
  if (error != NULL && shou_sync_is_cancelled (error))
    {
      shou_sync_on_cancelled (self);
      return;
    }
  review = body ? json_object_get_member (body, "review") : NULL;
  if (review != NULL && JSON_NODE_HOLDS_OBJECT (review))
    {
      self->writing = TRUE;
      shou_store_apply_review (self->store, shou_sync_run_account (self), json_node_get_object (review), NULL);
      self->writing = FALSE;
    }
  shou_sync_push_next (self);
}

static void
on_review_sent_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(ShouSyncEngine) self = user_data;

  push_member (self, object, result, "review");
}

static void
on_order_sent_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(ShouSyncEngine) self = user_data;

  push_member (self, object, result, "order");
}

static void
on_annotation_sent_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(ShouSyncEngine) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) body = NULL;
  JsonObject *result_object;
  JsonNode *annotation;

  body = shou_api_client_post_json_finish (SHOU_API_CLIENT (object), result, &error);
  annotation = body ? json_object_get_member (body, "annotation") : NULL;
  if (error == NULL && (annotation == NULL || !JSON_NODE_HOLDS_OBJECT (annotation)))
    error = g_error_new (SHOU_API_ERROR, SHOU_API_ERROR_BAD_RESPONSE, _("The server's answer could not be read"));
  /* The object is read before the error is handed on. */
  result_object = error == NULL ? json_node_get_object (annotation) : NULL;
  push_result (self, result_object, g_steal_pointer (&error));
}

static void
on_action_sent_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(ShouSyncEngine) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) aftersale = NULL;

  aftersale = shou_api_client_post_action_finish (SHOU_API_CLIENT (object), result, &error);
  push_result (self, aftersale, error);
}

/* An agreement sent ahead of its turn: its answer, once it came. */
typedef struct
{
  gint64      entry_id;
  gboolean    done;
  gboolean    waiting;   /* its turn came before its answer */
  JsonObject *result;
  GError     *error;
} PushSlot;

static void
push_slot_free (PushSlot *slot)
{
  g_clear_pointer (&slot->result, json_object_unref);
  g_clear_error (&slot->error);
  g_free (slot);
}

typedef struct
{
  ShouSyncEngine *self;
  gint64          entry_id;
} PushAhead;

void
shou_sync_push_forget (ShouSyncEngine *self)
{
  if (self->push_ahead != NULL)
    g_hash_table_remove_all (self->push_ahead);
}

static void
on_ahead_sent_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  PushAhead *ahead = user_data;
  g_autoptr(ShouSyncEngine) self = ahead->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) aftersale = NULL;
  PushSlot *slot;

  aftersale = shou_api_client_post_action_finish (SHOU_API_CLIENT (object), result, &error);
  /* The run that sent it ended: the entry goes again with its key. */
  slot = self->push_ahead ? g_hash_table_lookup (self->push_ahead, &ahead->entry_id) : NULL;
  g_free (ahead);
  if (slot == NULL)
    return;
  if (!slot->waiting)
    {
      slot->done = TRUE;
      slot->result = g_steal_pointer (&aftersale);
      slot->error = g_steal_pointer (&error);
      return;
    }
  g_hash_table_remove (self->push_ahead, &slot->entry_id);
  push_result (self, aftersale, error);
}

/* Sends the next ready agreements after @first (which goes the usual
 * way), each with its own key, before their turn. */
static void
push_ahead (ShouSyncEngine        *self,
            const ShouOutboxEntry *first)
{
  g_autoptr(GPtrArray) wave = NULL;

  if (self->push_ahead == NULL)
    self->push_ahead = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                              (GDestroyNotify) push_slot_free);
  if (self->push_ahead_max <= 1 || g_hash_table_size (self->push_ahead) > 0)
    return;
  wave = shou_store_outbox_next_actions (self->store, shou_sync_run_account (self), first->action,
                                         self->push_ahead_max);
  for (guint i = 0; i < wave->len; i++)
    {
      ShouOutboxEntry *entry = wave->pdata[i];
      PushSlot *slot;
      PushAhead *ahead;

      if (entry->id == first->id)
        continue;
      if (!shou_store_outbox_mark_sending (self->store, entry->id, NULL))
        break;
      slot = g_new0 (PushSlot, 1);
      slot->entry_id = entry->id;
      g_hash_table_insert (self->push_ahead, &slot->entry_id, slot);
      ahead = g_new0 (PushAhead, 1);
      ahead->self = g_object_ref (self);
      ahead->entry_id = entry->id;
      shou_api_client_post_action_async (self->run_client, entry->request_id, entry->action,
                                         entry->params, entry->expected_version,
                                         entry->idempotency_key, self->cancellable,
                                         on_ahead_sent_cb, ahead);
    }
}

/* @entry's answer, when it was sent ahead: TRUE when taken (now, or when
 * it comes). */
static gboolean
take_ahead (ShouSyncEngine *self)
{
  PushSlot *slot;
  g_autoptr(JsonObject) result = NULL;
  g_autoptr(GError) error = NULL;

  slot = self->push_ahead ? g_hash_table_lookup (self->push_ahead, &self->run_entry->id) : NULL;
  if (slot == NULL)
    return FALSE;
  if (!slot->done)
    {
      slot->waiting = TRUE;
      return TRUE;
    }
  result = g_steal_pointer (&slot->result);
  error = g_steal_pointer (&slot->error);
  g_hash_table_remove (self->push_ahead, &self->run_entry->id);
  push_result (self, result, error);
  return TRUE;
}

static void
on_evidence_sent_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(ShouSyncEngine) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) evidence = NULL;

  evidence = shou_api_client_upload_evidence_finish (SHOU_API_CLIENT (object), result, &error);
  push_result (self, evidence, error);
}

static void
on_address_sent_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(ShouSyncEngine) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) address = NULL;

  address = shou_api_client_address_finish (SHOU_API_CLIENT (object), result, &error);
  push_result (self, address, error);
}

void
shou_sync_push_next (ShouSyncEngine *self)
{
  g_autoptr(GError) error = NULL;
  ShouOutboxEntry *entry;
  guint remaining;

  entry = shou_store_outbox_next (self->store, shou_sync_run_account (self));
  if (entry == NULL)
    {
      shou_sync_account_done (self);
      return;
    }
  remaining = shou_store_count_account_pending (self->store, shou_sync_run_account (self));
  shou_sync_set_progress (self, (double) self->run_pushed / (self->run_pushed + MAX (remaining, 1)));

  self->run_entry = entry;
  /* Sent ahead already: its answer is taken now, or when it comes. */
  if (entry->kind == SHOU_OUTBOX_ACTION && take_ahead (self))
    return;
  if (!shou_store_outbox_mark_sending (self->store, entry->id, &error))
    {
      g_clear_pointer (&self->run_entry, shou_outbox_entry_free);
      shou_sync_account_failed (self, error);
      return;
    }

  switch (entry->kind)
    {
    case SHOU_OUTBOX_ACTION:
      if (g_strcmp0 (entry->action, "agree_refund") == 0)
        push_ahead (self, entry);
      shou_api_client_post_action_async (self->run_client, entry->request_id, entry->action,
                                         entry->params, entry->expected_version,
                                         entry->idempotency_key, self->cancellable,
                                         on_action_sent_cb, g_object_ref (self));
      break;

    case SHOU_OUTBOX_EVIDENCE:
      {
        const char *sha = json_object_get_string_member_with_default (entry->params, "sha256", "");
        g_autofree char *path = shou_store_get_evidence_path (self->store, sha);
        g_autoptr(GBytes) bytes = NULL;
        char *data = NULL;
        gsize len = 0;

        if (path == NULL || !g_file_get_contents (path, &data, &len, NULL))
          {
            g_autoptr(GError) missing = g_error_new (SHOU_API_ERROR, SHOU_API_ERROR_BAD_REQUEST,
                                                     _("The evidence file is missing from the data folder"));
            push_result (self, NULL, missing);
            return;
          }
        bytes = g_bytes_new_take (data, len);
        shou_api_client_upload_evidence_async (self->run_client, entry->request_id,
                                               json_object_get_string_member_with_default (entry->params, "kind", "other"),
                                               json_object_get_string_member_with_default (entry->params, "content_type", "application/octet-stream"),
                                               bytes, self->cancellable,
                                               on_evidence_sent_cb, g_object_ref (self));
      }
      break;

    case SHOU_OUTBOX_ADDRESS_CREATE:
    case SHOU_OUTBOX_ADDRESS_UPDATE:
    case SHOU_OUTBOX_ADDRESS_DELETE:
      {
        const char *shop_id = entry->request_id;
        const char *method = entry->kind == SHOU_OUTBOX_ADDRESS_CREATE ? "POST" :
                             entry->kind == SHOU_OUTBOX_ADDRESS_UPDATE ? "PUT" : "DELETE";

        if (g_str_has_prefix (shop_id, "shop:"))
          shop_id += strlen ("shop:");
        shou_api_client_address_async (self->run_client, method, shop_id, entry->action,
                                       entry->params, entry->expected_version, self->cancellable,
                                       on_address_sent_cb, g_object_ref (self));
      }
      break;

    case SHOU_OUTBOX_REVIEW_CREATE:
      shou_api_client_post_json_async (self->run_client, "/v1/reviews", entry->params, entry->idempotency_key,
                                       self->cancellable, on_review_sent_cb, g_object_ref (self));
      break;

    case SHOU_OUTBOX_REVIEW_ACTION:
      {
        g_autofree char *id = g_uri_escape_string (entry->request_id + strlen ("review:"), NULL, FALSE);
        g_autofree char *path = g_strdup_printf ("/v1/reviews/%s/actions", id);
        g_autoptr(JsonObject) body = json_object_new ();

        json_object_set_string_member (body, "action", entry->action);
        json_object_set_int_member (body, "expected_version", entry->expected_version);
        json_object_set_object_member (body, "params",
                                       entry->params ? json_object_ref (entry->params) : json_object_new ());
        shou_api_client_post_json_async (self->run_client, path, body, entry->idempotency_key,
                                         self->cancellable, on_review_sent_cb, g_object_ref (self));
      }
      break;

    case SHOU_OUTBOX_CARE_CREATE:
    case SHOU_OUTBOX_CARE_ACTION:
      {
        g_autofree char *path = care_path (entry, "actions");
        g_autoptr(JsonObject) body = NULL;

        if (entry->kind == SHOU_OUTBOX_CARE_ACTION)
          {
            body = json_object_new ();
            json_object_set_string_member (body, "action", entry->action);
            json_object_set_int_member (body, "expected_version", entry->expected_version);
            json_object_set_object_member (body, "params",
                                           entry->params ? json_object_ref (entry->params) : json_object_new ());
          }
        shou_api_client_post_json_async (self->run_client, path, body ? body : entry->params,
                                         entry->idempotency_key, self->cancellable, on_care_sent_cb,
                                         g_object_ref (self));
      }
      break;

    case SHOU_OUTBOX_ORDER_CANCEL:
      {
        /* request_id "order:<id>" (shou-store-orders.h). */
        g_autofree char *id = g_uri_escape_string (entry->request_id + strlen ("order:"), NULL, FALSE);
        g_autofree char *path = g_strdup_printf ("/v1/orders/%s/cancel", id);
        g_autoptr(JsonObject) body = json_object_new ();

        json_object_set_int_member (body, "expected_version", entry->expected_version);
        json_object_set_boolean_member (body, "buyer_consulted",
                                        entry->params != NULL &&
                                        json_object_get_boolean_member_with_default (entry->params, "buyer_consulted", FALSE));
        shou_api_client_post_json_async (self->run_client, path, body, entry->idempotency_key,
                                         self->cancellable, on_order_sent_cb, g_object_ref (self));
      }
      break;

    case SHOU_OUTBOX_ANNOTATION:
      {
        g_autofree char *id = g_uri_escape_string (strchr (entry->request_id, ':') + 1, NULL, FALSE);
        g_autofree char *path = g_strdup_printf ("/v1/aftersales/%s/annotations", id);

        shou_api_client_post_json_async (self->run_client, path, entry->params, entry->idempotency_key,
                                         self->cancellable, on_annotation_sent_cb, g_object_ref (self));
      }
      break;

    default:
      g_assert_not_reached ();
    }
}
