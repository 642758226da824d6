/* shou-hub-routes-autorules.c: desktops edit and watch the automatic
 * rules that run in the hub (API.md "Automatic rules"). The owner edits;
 * every staff member reads, dry-runs and undoes within the window. */
#include "config.h"

#include "hub/shou-hub-autorules.h"
#include "hub/shou-hub-input.h"
#include "hub/shou-hub-store-autorules.h"
#include "shou-hub-routes.h"

static JsonObject *
rules_body (ShouHubContext *ctx,
            const char     *merchant)
{
  g_autoptr(GPtrArray) rules = shou_hub_store_list_autorules (ctx->store, merchant);
  JsonObject *body = json_object_new ();
  JsonArray *list = json_array_new ();

  for (guint i = 0; i < rules->len; i++)
    {
      const ShouAutorule *rule = rules->pdata[i];
      g_autofree char *dry = shou_hub_store_get_autorule_dry_run (ctx->store, merchant, rule->id);
      g_autofree char *text = shou_hub_autorule_text (rule);
      JsonObject *o = shou_autorule_to_json (rule);

      json_object_set_boolean_member (o, "dry_run", g_strcmp0 (dry, text) == 0);
      json_array_add_object_element (list, o);
    }
  json_object_set_array_member (body, "autorules", list);
  json_object_set_string_member (body, "runner", ctx->autorules ? "hub" : "desktop");
  json_object_set_int_member (body, "undo_seconds", ctx->autorule_undo / G_USEC_PER_SEC);
  return body;
}

static void
send_rules (ShouHubContext    *ctx,
            SoupServerMessage *msg,
            const char        *merchant)
{
  g_autoptr(JsonObject) body = rules_body (ctx, merchant);

  shou_hub_http_send_json (ctx, msg, 200, body);
}

/* (transfer full): the rules of a PUT body, else @failure */
static GPtrArray *
parse_rules (ShouHubContext  *ctx,
             const char      *merchant,
             JsonObject      *body,
             ShouHubFailure **failure)
{
  static const char *const fields[] = { "autorules", NULL };
  g_autoptr(GPtrArray) rules = g_ptr_array_new_with_free_func ((GDestroyNotify) shou_autorule_free);
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  JsonNode *node;
  JsonArray *list;

  if (!shou_hub_input_check_fields (body, fields, NULL, failure))
    return NULL;
  node = json_object_get_member (body, "autorules");
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      *failure = shou_hub_failure_bad ("autorules", node ? "wrong_type" : "missing_field",
                                       "autorules is a list of rules");
      return NULL;
    }
  list = json_node_get_array (node);
  if (json_array_get_length (list) > 100)
    {
      *failure = shou_hub_failure_bad ("autorules", "too_many", "At most 100 rules");
      return NULL;
    }
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonNode *e = json_array_get_element (list, i);
      g_autoptr(GError) error = NULL;
      ShouAutorule *rule = JSON_NODE_HOLDS_OBJECT (e) ? shou_autorule_from_json (json_node_get_object (e), &error)
                                                      : NULL;

      if (rule == NULL || g_hash_table_contains (ids, rule->id))
        {
          g_clear_pointer (&rule, shou_autorule_free);
          *failure = shou_hub_failure_bad ("autorules", "wrong_type", "Rule %u: %s", i + 1,
                                           error ? error->message : "a rule's id is repeated");
          return NULL;
        }
      g_ptr_array_add (rules, rule);
      g_hash_table_add (ids, rule->id);
      if (!shou_hub_autorule_runs_here (rule))
        {
          *failure = shou_hub_failure_new (422, "not_allowed", "Rule %u: a negotiation's scripts are on the desktops",
                                           i + 1);
          (*failure)->reason = g_strdup ("scripts_on_desktop");
          return NULL;
        }
      if (rule->enabled)
        {
          g_autofree char *dry = shou_hub_store_get_autorule_dry_run (ctx->store, merchant, rule->id);
          g_autofree char *text = shou_hub_autorule_text (rule);

          if (g_strcmp0 (dry, text) != 0)
            {
              *failure = shou_hub_failure_new (422, "not_allowed", "Rule %u is on without a dry run of it", i + 1);
              (*failure)->reason = g_strdup ("dry_run_needed");
              return NULL;
            }
        }
    }
  return g_steal_pointer (&rules);
}

static void
put_rules (ShouHubContext    *ctx,
           SoupServerMessage *msg,
           const char        *merchant)
{
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(GPtrArray) rules = NULL;
  g_autoptr(ShouHubFailure) failure = NULL;
  g_autoptr(GError) error = NULL;

  if (ctx->caller != NULL && !g_str_equal (ctx->caller->role, "owner"))
    {
      shou_hub_http_send_error (ctx, msg, 403, "forbidden", "Only the shop's owner edits the automatic rules");
      return;
    }
  body = shou_hub_http_parse_body (ctx, msg);
  if (body == NULL)
    return;
  rules = parse_rules (ctx, merchant, body, &failure);
  if (rules == NULL)
    {
      shou_hub_http_send_failure (ctx, msg, failure);
      return;
    }
  /* The runner reads every request again: a rule turned on judges the
   * ones already open (the log's keys keep anything from acting twice). */
  if (!shou_hub_store_begin (ctx->store, &error) ||
      !shou_hub_store_lock_key (ctx->store, merchant, "autorule-runner", &error) ||
      !shou_hub_store_set_autorules (ctx->store, merchant, rules, &error) ||
      !shou_hub_store_set_autorule_cursor (ctx->store, merchant, 0, 0, &error) ||
      !shou_hub_store_commit (ctx->store, &error))
    {
      shou_hub_store_rollback (ctx->store);
      shou_hub_http_send_error (ctx, msg, 500, "internal", error->message);
      return;
    }
  send_rules (ctx, msg, merchant);
}

static void
dry_run (ShouHubContext    *ctx,
         SoupServerMessage *msg,
         const char        *merchant)
{
  static const char *const fields[] = { "rule", NULL };
  g_autoptr(JsonObject) body = shou_hub_http_parse_body (ctx, msg);
  g_autoptr(ShouHubFailure) failure = NULL;
  g_autoptr(ShouAutorule) rule = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *result;
  JsonNode *node;

  if (body == NULL)
    return;
  if (!shou_hub_input_check_fields (body, fields, NULL, &failure))
    {
      shou_hub_http_send_failure (ctx, msg, failure);
      return;
    }
  node = json_object_get_member (body, "rule");
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    rule = shou_autorule_from_json (json_node_get_object (node), &error);
  if (rule == NULL)
    {
      failure = shou_hub_failure_bad ("rule", node ? "wrong_type" : "missing_field", "%s",
                                      error ? error->message : "rule is a rule object");
      shou_hub_http_send_failure (ctx, msg, failure);
      return;
    }
  g_clear_error (&error);
  result = shou_hub_autorules_dry_run (ctx, merchant, rule, &error);
  if (result == NULL)
    {
      shou_hub_http_send_error (ctx, msg, 500, "internal", error->message);
      return;
    }
  shou_hub_http_send_one (ctx, msg, 200, "dry_run", result);
}

static void
get_log (ShouHubContext    *ctx,
         SoupServerMessage *msg,
         const char        *merchant,
         GHashTable        *query)
{
  g_autoptr(JsonObject) body = json_object_new ();
  const char *limit_text = query ? g_hash_table_lookup (query, "limit") : NULL;
  gint64 limit = 100;

  if (limit_text != NULL &&
      (!g_ascii_string_to_signed (limit_text, 10, 1, 1000, &limit, NULL)))
    {
      g_autoptr(ShouHubFailure) failure = shou_hub_failure_bad ("limit", "out_of_range",
                                                                 "limit is 1 to 1000");

      shou_hub_http_send_failure (ctx, msg, failure);
      return;
    }
  json_object_set_array_member (body, "log", shou_hub_store_list_autorule_log (ctx->store, merchant, limit));
  json_object_set_int_member (body, "now", shou_hub_platform_now (ctx->platform));
  shou_hub_http_send_json (ctx, msg, 200, body);
}

static void
undo (ShouHubContext    *ctx,
      SoupServerMessage *msg,
      const char        *merchant)
{
  static const char *const fields[] = { "key", NULL };
  g_autoptr(JsonObject) body = shou_hub_http_parse_body (ctx, msg);
  g_autoptr(JsonObject) answer = json_object_new ();
  g_autoptr(ShouHubFailure) failure = NULL;
  const char *key = NULL;

  if (body == NULL)
    return;
  if (!shou_hub_input_check_fields (body, fields, NULL, &failure) ||
      !shou_hub_input_string (body, "key", FALSE, &key, &failure))
    {
      shou_hub_http_send_failure (ctx, msg, failure);
      return;
    }
  json_object_set_int_member (answer, "undone",
                              shou_hub_store_undo_autorule_log (ctx->store, merchant, key,
                                                                shou_hub_platform_now (ctx->platform)));
  shou_hub_http_send_json (ctx, msg, 200, answer);
}

void
shou_hub_route_autorules (ShouHubContext    *ctx,
                          SoupServerMessage *msg,
                          const char        *merchant,
                          const char        *method,
                          char             **seg,
                          guint              n,
                          GHashTable        *query)
{
  if (n == 1 && g_str_equal (method, "GET"))
    send_rules (ctx, msg, merchant);
  else if (n == 1)
    put_rules (ctx, msg, merchant);
  else if (n == 2 && g_str_equal (seg[1], "dry-run"))
    dry_run (ctx, msg, merchant);
  else if (n == 2)
    get_log (ctx, msg, merchant, query);
  else
    undo (ctx, msg, merchant);
}
