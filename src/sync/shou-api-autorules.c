/* shou-api-autorules.c: the hub's automatic rules over the API client's
 * JSON calls (shou-api-autorules.h). */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "shou-api-autorules.h"

void
shou_api_autorules_free (ShouApiAutorules *rules)
{
  if (rules == NULL)
    return;
  g_clear_pointer (&rules->rules, g_ptr_array_unref);
  g_clear_pointer (&rules->dry_run, g_hash_table_unref);
  g_free (rules);
}

void
shou_api_autorule_log_free (ShouApiAutoruleLog *log)
{
  if (log == NULL)
    return;
  g_clear_pointer (&log->entries, g_ptr_array_unref);
  g_free (log);
}

static gboolean
unexpected (GError    **error,
            const char *what)
{
  g_set_error (error, SHOU_API_ERROR, SHOU_API_ERROR_BAD_RESPONSE,
               _("The server sent an unexpected answer (%s: %s)"), "autorules", what);
  return FALSE;
}

static JsonArray *
array_member (JsonObject *o,
              const char *name)
{
  JsonNode *node = o ? json_object_get_member (o, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static JsonObject *
object_member (JsonObject *o,
               const char *name)
{
  JsonNode *node = o ? json_object_get_member (o, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static ShouApiAutorules *
decode_rules (JsonObject  *body,
              GError     **error)
{
  g_autoptr(ShouApiAutorules) out = g_new0 (ShouApiAutorules, 1);
  JsonArray *list = array_member (body, "autorules");

  if (list == NULL)
    {
      unexpected (error, "autorules");
      return NULL;
    }
  out->rules = g_ptr_array_new_with_free_func ((GDestroyNotify) shou_autorule_free);
  out->dry_run = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonNode *node = json_array_get_element (list, i);
      ShouAutorule *rule = JSON_NODE_HOLDS_OBJECT (node) ? shou_autorule_from_json (json_node_get_object (node), NULL)
                                                         : NULL;

      if (rule == NULL)
        {
          unexpected (error, "autorules");
          return NULL;
        }
      if (json_object_get_boolean_member_with_default (json_node_get_object (node), "dry_run", FALSE))
        g_hash_table_add (out->dry_run, g_strdup (rule->id));
      g_ptr_array_add (out->rules, rule);
    }
  out->hub = g_strcmp0 (json_object_get_string_member_with_default (body, "runner", "hub"), "desktop") != 0;
  out->undo_seconds = json_object_get_int_member_with_default (body, "undo_seconds", 120);
  return g_steal_pointer (&out);
}

static ShouAutoruleDryRun *
decode_dry_run (JsonObject  *body,
                GError     **error)
{
  JsonObject *o = object_member (body, "dry_run");
  JsonArray *list = array_member (o, "requests");
  ShouAutoruleDryRun *run;

  if (list == NULL)
    {
      unexpected (error, "dry_run");
      return NULL;
    }
  run = g_new0 (ShouAutoruleDryRun, 1);
  run->handled = json_object_get_int_member_with_default (o, "count", 0);
  run->total_fen = json_object_get_int_member_with_default (o, "amount_fen", 0);
  run->capped = json_object_get_int_member_with_default (o, "capped", 0);
  run->hits = g_ptr_array_new_with_free_func ((GDestroyNotify) shou_autorule_hit_free);
  /* The hub lists the oldest first; the cache's dry run the newest. */
  for (guint i = json_array_get_length (list); i-- > 0;)
    {
      JsonObject *h = json_array_get_object_element (list, i);
      ShouAutoruleHit *hit;

      if (h == NULL)
        continue;
      hit = g_new0 (ShouAutoruleHit, 1);
      hit->request_key = g_strdup (json_object_get_string_member_with_default (h, "id", ""));
      hit->arrived_at = json_object_get_int_member_with_default (h, "arrived_at", 0);
      hit->amount_fen = json_object_get_int_member_with_default (h, "amount_fen", 0);
      hit->capped = json_object_get_boolean_member_with_default (h, "capped", FALSE);
      g_ptr_array_add (run->hits, hit);
    }
  return run;
}

static ShouAutoruleLogState
log_state (const char *state)
{
  static const char *const names[] = { "held", "sending", "done", "failed", "undone" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (state, names[i]) == 0)
      return (ShouAutoruleLogState) i;
  return SHOU_AUTORULE_LOG_FAILED;
}

static ShouApiAutoruleLog *
decode_log (JsonObject  *body,
            GError     **error)
{
  JsonArray *list = array_member (body, "log");
  ShouApiAutoruleLog *log;

  if (list == NULL)
    {
      unexpected (error, "log");
      return NULL;
    }
  log = g_new0 (ShouApiAutoruleLog, 1);
  log->now = json_object_get_int_member_with_default (body, "now", g_get_real_time ());
  log->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) shou_autorule_log_entry_free);
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *o = json_array_get_object_element (list, i);
      ShouAutoruleLogEntry *e;

      if (o == NULL)
        continue;
      e = g_new0 (ShouAutoruleLogEntry, 1);
      e->key = g_strdup (json_object_get_string_member_with_default (o, "key", ""));
      e->rule_id = g_strdup (json_object_get_string_member_with_default (o, "rule_id", ""));
      e->rule_name = g_strdup (json_object_get_string_member_with_default (o, "rule_name", ""));
      e->request_key = g_strdup (json_object_get_string_member_with_default (o, "aftersale_id", ""));
      if (!shou_autorule_action_from_string (json_object_get_string_member_with_default (o, "action", ""),
                                             &e->action))
        e->action = SHOU_AUTORULE_NOTIFY;
      e->amount_fen = json_object_get_int_member_with_default (o, "amount_fen", 0);
      e->at = json_object_get_int_member_with_default (o, "queued_at", 0);
      e->send_at = json_object_get_int_member_with_default (o, "send_at", 0);
      e->state = log_state (json_object_get_string_member_with_default (o, "state", NULL));
      g_ptr_array_add (log->entries, e);
    }
  return log;
}

/* ---- calls --------------------------------------------------------------- */

typedef enum { CALL_RULES, CALL_DRY_RUN, CALL_LOG, CALL_UNDO } CallKind;

static void
on_json_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CallKind kind = GPOINTER_TO_INT (g_task_get_task_data (task));
  GError *error = NULL;
  g_autoptr(JsonObject) body = shou_api_client_send_json_finish (SHOU_API_CLIENT (object), result, &error);
  gpointer out = NULL;
  GDestroyNotify free_out = NULL;

  if (body == NULL && error == NULL)
    unexpected (&error, "empty");
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  switch (kind)
    {
    case CALL_RULES:
      out = decode_rules (body, &error);
      free_out = (GDestroyNotify) shou_api_autorules_free;
      break;
    case CALL_DRY_RUN:
      out = decode_dry_run (body, &error);
      free_out = (GDestroyNotify) shou_autorule_dry_run_free;
      break;
    case CALL_LOG:
      out = decode_log (body, &error);
      free_out = (GDestroyNotify) shou_api_autorule_log_free;
      break;
    case CALL_UNDO:
    default:
      g_task_return_int (task, json_object_get_int_member_with_default (body, "undone", 0));
      return;
    }
  if (out == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, out, free_out);
}

static GTask *
new_task (ShouApiClient       *self,
          gpointer             tag,
          CallKind             kind,
          GCancellable        *cancellable,
          GAsyncReadyCallback  callback,
          gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, tag);
  g_task_set_task_data (task, GINT_TO_POINTER (kind), NULL);
  return task;
}

static gpointer
finish_pointer (ShouApiClient  *self,
                GAsyncResult   *result,
                GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
shou_api_client_autorules_async (ShouApiClient       *self,
                                 GPtrArray           *rules,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(JsonObject) body = NULL;
  GTask *task;

  g_return_if_fail (SHOU_IS_API_CLIENT (self));

  if (rules != NULL)
    {
      JsonArray *list = json_array_new ();

      for (guint i = 0; i < rules->len; i++)
        json_array_add_object_element (list, shou_autorule_to_json (rules->pdata[i]));
      body = json_object_new ();
      json_object_set_array_member (body, "autorules", list);
    }
  task = new_task (self, shou_api_client_autorules_async, CALL_RULES, cancellable, callback, user_data);
  shou_api_client_send_json_async (self, rules ? "PUT" : "GET", "/v1/autorules", body, cancellable, on_json_cb, task);
}

ShouApiAutorules *
shou_api_client_autorules_finish (ShouApiClient  *self,
                                  GAsyncResult   *result,
                                  GError        **error)
{
  return finish_pointer (self, result, error);
}

void
shou_api_client_autorule_dry_run_async (ShouApiClient       *self,
                                        const ShouAutorule  *rule,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_autoptr(JsonObject) body = json_object_new ();

  g_return_if_fail (SHOU_IS_API_CLIENT (self));
  g_return_if_fail (rule != NULL);

  json_object_set_object_member (body, "rule", shou_autorule_to_json (rule));
  shou_api_client_send_json_async (self, "POST", "/v1/autorules/dry-run", body, cancellable, on_json_cb,
                                   new_task (self, shou_api_client_autorule_dry_run_async, CALL_DRY_RUN,
                                             cancellable, callback, user_data));
}

ShouAutoruleDryRun *
shou_api_client_autorule_dry_run_finish (ShouApiClient  *self,
                                         GAsyncResult   *result,
                                         GError        **error)
{
  return finish_pointer (self, result, error);
}

void
shou_api_client_autorule_log_async (ShouApiClient       *self,
                                    guint                limit,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autofree char *path = g_strdup_printf ("/v1/autorules/log?limit=%u", CLAMP (limit, 1, 1000));

  g_return_if_fail (SHOU_IS_API_CLIENT (self));
  shou_api_client_send_json_async (self, "GET", path, NULL, cancellable, on_json_cb,
                                   new_task (self, shou_api_client_autorule_log_async, CALL_LOG,
                                             cancellable, callback, user_data));
}

ShouApiAutoruleLog *
shou_api_client_autorule_log_finish (ShouApiClient  *self,
                                     GAsyncResult   *result,
                                     GError        **error)
{
  return finish_pointer (self, result, error);
}

void
shou_api_client_autorule_undo_async (ShouApiClient       *self,
                                     const char          *key,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(JsonObject) body = json_object_new ();

  g_return_if_fail (SHOU_IS_API_CLIENT (self));
  if (key != NULL)
    json_object_set_string_member (body, "key", key);
  shou_api_client_send_json_async (self, "POST", "/v1/autorules/log/undo", body, cancellable, on_json_cb,
                                   new_task (self, shou_api_client_autorule_undo_async, CALL_UNDO,
                                             cancellable, callback, user_data));
}

gint64
shou_api_client_autorule_undo_finish (ShouApiClient  *self,
                                      GAsyncResult   *result,
                                      GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), -1);
  return g_task_propagate_int (G_TASK (result), error);
}
