/* shou-sync-engine-claims.c: the claim on the request the window shows.
 * The window says which request it shows (the store's "claim-wanted");
 * the engine takes its claim on the hub, renews the lease while it is
 * shown, and releases it when the window shows another or none. What the
 * hub answers (our claim, or a 409 naming the holder) goes to the store. */
#include "config.h"

#include "shou-api-error.h"
#include "store/shou-store-team.h"
#include "shou-sync-engine-private.h"

/* The hub's lease is 120 s: renewed at half of it. */
#define RENEW_SECONDS 60
/* A 409 says who holds it, not until when: shown for one lease. */
#define HOLDER_LEASE (120 * G_USEC_PER_SEC)

typedef struct
{
  ShouSyncEngine *self;
  char           *key;
  gboolean        release;
} ClaimCall;

static void
claim_call_free (ClaimCall *call)
{
  g_object_unref (call->self);
  g_free (call->key);
  g_free (call);
}

static void
on_claim_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  ClaimCall *call = user_data;
  ShouSyncEngine *self = call->self;
  g_autoptr(JsonObject) claim = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) store_error = NULL;

  claim = shou_api_client_claim_finish (SHOU_API_CLIENT (object), result, &error);
  if (self->store == NULL)
    ;
  else if (claim != NULL)
    {
      JsonObject *holder = json_object_get_object_member (claim, "holder");

      shou_store_set_claim (self->store, call->key,
                            json_object_get_string_member_with_default (holder, "staff_id", NULL),
                            json_object_get_string_member (holder, "name"),
                            json_object_get_int_member (claim, "expires_at"), &store_error);
    }
  else if (error == NULL && call->release)
    shou_store_set_claim (self->store, call->key, NULL, NULL, 0, &store_error);
  else if (g_strcmp0 (shou_api_error_get_code (error), "claimed") == 0 &&
           shou_api_error_get_holder_name (error) != NULL)
    shou_store_set_claim (self->store, call->key, shou_api_error_get_holder_staff_id (error),
                          shou_api_error_get_holder_name (error),
                          shou_sync_engine_get_server_now (self) + HOLDER_LEASE, &store_error);
  else if (error != NULL)
    g_debug ("Claim on %s: %s", call->key, error->message);
  if (store_error != NULL)
    g_debug ("Could not record the claim on %s: %s", call->key, store_error->message);
  claim_call_free (call);
}

static void
send_claim (ShouSyncEngine *self,
            const char     *key,
            gboolean        release,
            gboolean        take_over)
{
  g_autofree char *account_id = NULL;
  g_autofree char *request_id = NULL;
  g_autoptr(GError) error = NULL;
  ShouApiClient *client;
  ClaimCall *call;

  if (!shou_store_get_request_ids (self->store, key, &account_id, &request_id))
    return;
  client = shou_sync_get_client (self, account_id, &error);
  if (client == NULL)
    {
      g_debug ("No claim on %s: %s", key, error->message);
      return;
    }
  call = g_new0 (ClaimCall, 1);
  call->self = g_object_ref (self);
  call->key = g_strdup (key);
  call->release = release;
  shou_api_client_claim_async (client, request_id, release, take_over, NULL, on_claim_cb, call);
}

static gboolean
on_renew_cb (gpointer user_data)
{
  ShouSyncEngine *self = user_data;

  if (self->claim_key != NULL)
    send_claim (self, self->claim_key, FALSE, FALSE);
  return G_SOURCE_CONTINUE;
}

static void
on_claim_wanted_cb (ShouStore      *store,
                    const char     *key,
                    gboolean        take_over,
                    ShouSyncEngine *self)
{
  if (g_strcmp0 (key, self->claim_key) != 0)
    {
      g_clear_handle_id (&self->claim_renew_id, g_source_remove);
      if (self->claim_key != NULL)
        {
          g_autoptr(ShouClaim) claim = shou_store_get_claim (store, self->claim_key,
                                                            shou_sync_engine_get_server_now (self));

          /* Only our own claim is released: another's stays theirs. */
          if (claim != NULL && claim->mine)
            send_claim (self, self->claim_key, TRUE, FALSE);
        }
      g_free (self->claim_key);
      self->claim_key = g_strdup (key);
      if (key != NULL)
        self->claim_renew_id = g_timeout_add_seconds (RENEW_SECONDS, on_renew_cb, self);
    }
  else if (key == NULL)
    return;
  send_claim (self, key, FALSE, take_over);
}

void
shou_sync_claims_attach (ShouSyncEngine *self)
{
  self->claim_handler = g_signal_connect (self->store, "claim-wanted",
                                          G_CALLBACK (on_claim_wanted_cb), self);
}

void
shou_sync_claims_detach (ShouSyncEngine *self)
{
  g_clear_handle_id (&self->claim_renew_id, g_source_remove);
  if (self->store != NULL)
    g_clear_signal_handler (&self->claim_handler, self->store);
  g_clear_pointer (&self->claim_key, g_free);
}

/* ---- the owner's view of the team ---------------------------------------- */

static void
on_team_json_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  JsonObject *json = shou_api_client_get_json_finish (SHOU_API_CLIENT (object), result, &error);

  if (json == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, json, (GDestroyNotify) json_object_unref);
}

void
shou_sync_engine_get_audit_async (ShouSyncEngine      *self,
                                  const char          *account_id,
                                  guint                limit,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *path = NULL;
  GError *error = NULL;
  ShouApiClient *client;

  g_return_if_fail (SHOU_IS_SYNC_ENGINE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, shou_sync_engine_get_audit_async);
  client = shou_sync_get_client (self, account_id, &error);
  if (client == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  path = g_strdup_printf ("/v1/audit?limit=%u", CLAMP (limit, 1, 500));
  shou_api_client_get_json_async (client, path, cancellable, on_team_json_cb, g_steal_pointer (&task));
}

JsonObject *
shou_sync_engine_get_audit_finish (ShouSyncEngine  *self,
                                   GAsyncResult    *result,
                                   GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
on_team_call_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  JsonObject *json = shou_api_client_send_json_finish (SHOU_API_CLIENT (object), result, &error);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, json ? json : json_object_new (), (GDestroyNotify) json_object_unref);
}

void
shou_sync_engine_team_call_async (ShouSyncEngine      *self,
                                  const char          *account_id,
                                  const char          *method,
                                  const char          *path,
                                  JsonObject          *body,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  ShouApiClient *client;

  g_return_if_fail (SHOU_IS_SYNC_ENGINE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, shou_sync_engine_team_call_async);
  client = shou_sync_get_client (self, account_id, &error);
  if (client == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  shou_api_client_send_json_async (client, method, path, body, cancellable, on_team_call_cb,
                                   g_steal_pointer (&task));
}

JsonObject *
shou_sync_engine_team_call_finish (ShouSyncEngine  *self,
                                   GAsyncResult    *result,
                                   GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
