/* shou-hub-autorules.c: the hub's runner of automatic rules. Each round
 * reads the requests that changed since the last one (the change feed's
 * positions), judges them with core, queues a match as a held log row
 * under the derived key, and later sends it through the action's own
 * idempotent path. The judging of one merchant happens under one lock, so
 * two hub processes on one database never judge at once; the log's key
 * keeps one row per (rule, request, version) in any case. */
#include "config.h"

#include "hub/shou-hub-autorules.h"
#include "hub/shou-hub-json.h"
#include "hub/shou-hub-routes.h"
#include "hub/shou-hub-store-autorules.h"

/* Requests judged per merchant and round; the rest wait for the next. */
#define PAGE 500
/* A row left "sending" this long (its hub died) is sent again: the
 * action's key replays what was already applied. */
#define SENDING_STALE_USEC (60 * G_USEC_PER_SEC)
#define DAY_USEC (G_GINT64_CONSTANT (86400) * G_USEC_PER_SEC)

gboolean
shou_hub_autorule_runs_here (const ShouAutorule *rule)
{
  return rule->action != SHOU_AUTORULE_NEGOTIATE;
}

char *
shou_hub_autorule_text (const ShouAutorule *rule)
{
  g_autoptr(JsonObject) o = shou_autorule_to_json (rule);

  json_object_remove_member (o, "name");
  json_object_remove_member (o, "enabled");
  return shou_hub_json_to_string (o);
}

/* The buyer a rule counts by: the platform's buyer id, else the nick. */
static const char *
buyer_of (JsonObject *rendered)
{
  const char *id = json_object_get_string_member_with_default (rendered, "buyer_id", NULL);

  if (id != NULL && *id != '\0')
    return id;
  return json_object_get_string_member_with_default (rendered, "buyer_nick", "");
}

typedef struct
{
  ShouHubAftersale *as;
  JsonObject       *rendered;
  ShouAftersale    *aftersale;
} Request;

static void
request_clear (Request *r)
{
  g_clear_pointer (&r->as, shou_hub_aftersale_free);
  g_clear_pointer (&r->rendered, json_object_unref);
  g_clear_pointer (&r->aftersale, shou_aftersale_free);
}

/* Loads @id as the contract shows it and records its buyer. */
static gboolean
load_request (ShouHubContext *ctx,
              const char     *merchant,
              const char     *id,
              Request        *r,
              GError        **error)
{
  r->as = shou_hub_store_get_aftersale (ctx->store, merchant, id);
  if (r->as == NULL)
    return TRUE;
  r->rendered = shou_hub_platform_render_request (ctx->platform, r->as);
  r->aftersale = shou_aftersale_from_json (r->rendered, NULL);
  if (r->aftersale == NULL)
    return TRUE;
  return shou_hub_store_put_autorule_buyer (ctx->store, merchant, id,
                                            shou_platform_to_string (r->aftersale->platform),
                                            buyer_of (r->rendered), r->aftersale->opened_at, error);
}

/* Judges one loaded request; TRUE when a rule queued an action. */
static gboolean
judge (ShouHubContext *ctx,
       const char     *merchant,
       GPtrArray      *rules,
       Request        *r,
       gint64          now,
       gint64          undo_window,
       GError        **error)
{
  g_autoptr(GArray) history = NULL;
  g_autofree char *holder = NULL;
  g_autofree char *key = NULL;
  g_autofree char *params_text = NULL;
  g_autoptr(JsonObject) params = NULL;
  ShouAutoruleFacts facts;
  ShouAutoruleDecision d;
  const ShouAutorule *rule;
  ShouHubAutoruleLog log = { 0 };
  g_autoptr(JsonObject) annotation = NULL;
  g_autofree const char **tags = NULL;
  gint64 expires_at = 0, count, amount;
  gboolean added = FALSE;

  shou_autorule_facts_now (r->aftersale, &facts);
  holder = shou_hub_store_get_claim (ctx->store, merchant, r->as->id, &expires_at);
  /* The runner acts as nobody: any live claim is someone else's. */
  facts.claimed_by_other = holder != NULL && expires_at > now;
  /* The team's tags and internal notes (API.md "annotation"): a note
   * blocks every rule, a tag the rule excludes blocks that rule. */
  annotation = shou_hub_store_get_annotation (ctx->store, merchant, r->as->id);
  if (annotation != NULL)
    {
      JsonNode *t = json_object_get_member (annotation, "tags");
      JsonNode *n = json_object_get_member (annotation, "notes");
      JsonArray *list = t != NULL && JSON_NODE_HOLDS_ARRAY (t) ? json_node_get_array (t) : NULL;
      guint len = list ? json_array_get_length (list) : 0;

      tags = g_new0 (const char *, len + 1);
      for (guint i = 0; i < len; i++)
        tags[i] = json_node_get_string (json_array_get_element (list, i));
      facts.tags = tags;
      facts.has_note = n != NULL && JSON_NODE_HOLDS_ARRAY (n) && json_array_get_length (json_node_get_array (n)) > 0;
    }
  history = shou_hub_store_autorule_history (ctx->store, merchant,
                                             shou_platform_to_string (r->aftersale->platform),
                                             buyer_of (r->rendered), r->as->id,
                                             now - SHOU_AUTORULE_HISTORY_DAYS * DAY_USEC);
  facts.history = (const gint64 *) (gpointer) history->data;
  facts.n_history = history->len;

  d = shou_autorule_decide (rules, &facts, now, FALSE);
  if (d.verdict != SHOU_AUTORULE_MATCH)
    return FALSE;
  rule = rules->pdata[d.rule];
  shou_hub_store_autorule_done_since (ctx->store, merchant, rule->id, shou_autorule_day_start (now),
                                      &count, &amount);
  if (!shou_autorule_within_caps (rule, count, amount, r->aftersale->amount_fen))
    return FALSE;

  key = shou_autorule_idempotency_key (rule->id, r->as->id, facts.version);
  params = shou_autorule_action_params (rule, r->aftersale->amount_fen);
  params_text = shou_hub_json_to_string (params);
  log = (ShouHubAutoruleLog) {
    .merchant_id = (char *) merchant, .key = key, .rule_id = rule->id, .rule_name = rule->name,
    .aftersale_id = r->as->id, .action = (char *) shou_autorule_action_to_string (rule->action),
    .params = params_text, .version = facts.version, .queued_at = now, .amount_fen = 0,
  };
  if (rule->action == SHOU_AUTORULE_AGREE_REFUND || rule->action == SHOU_AUTORULE_AGREE_RETURN)
    log.amount_fen = r->aftersale->amount_fen;
  if (shou_autorule_action_outbox (rule->action) == SHOU_N_ACTIONS)
    {
      /* Tag and notify change nothing on the platform: the desktops
       * watching the log show them. */
      log.send_at = now;
      log.state = (char *) "done";
      log.status = 200;
    }
  else
    {
      log.send_at = shou_autorule_send_at (now, undo_window, facts.deadline_at,
                                           SHOU_HUB_AUTORULE_DEADLINE_MARGIN);
      log.state = (char *) "held";
    }
  if (!shou_hub_store_add_autorule_log (ctx->store, &log, &added, error))
    return FALSE;
  return added;
}

static gboolean
any_enabled (GPtrArray *rules)
{
  for (guint i = 0; i < rules->len; i++)
    if (((ShouAutorule *) rules->pdata[i])->enabled)
      return TRUE;
  return FALSE;
}

/* One page of the merchant's changed requests, in one transaction under
 * the merchant's runner lock. Returns: actions queued, or -1. */
static int
judge_merchant (ShouHubContext *ctx,
                const char     *merchant,
                gint64          now,
                gint64          undo_window,
                GError        **error)
{
  g_autoptr(GPtrArray) rules = shou_hub_store_list_autorules (ctx->store, merchant);
  g_autoptr(GPtrArray) changed = NULL;
  g_autoptr(GArray) requests = NULL;
  gint64 cursor;
  int queued = 0;

  if (!any_enabled (rules))
    return 0;
  if (!shou_hub_store_begin (ctx->store, error) ||
      !shou_hub_store_lock_key (ctx->store, merchant, "autorule-runner", error))
    goto failed;
  cursor = shou_hub_store_get_autorule_cursor (ctx->store, merchant, shou_autorule_day_start (now));
  changed = shou_hub_store_changed_aftersales (ctx->store, merchant, cursor, PAGE);
  if (changed->len == 0)
    {
      shou_hub_store_rollback (ctx->store);
      return 0;
    }
  /* Every buyer of the page first: a buyer's requests in one page count
   * for each other. */
  requests = g_array_sized_new (FALSE, TRUE, sizeof (Request), changed->len / 2);
  g_array_set_clear_func (requests, (GDestroyNotify) request_clear);
  for (guint i = 0; i + 1 < changed->len; i += 2)
    {
      Request r = { 0 };

      g_array_append_val (requests, r);
      if (!load_request (ctx, merchant, changed->pdata[i],
                         &g_array_index (requests, Request, requests->len - 1), error))
        goto failed;
    }
  for (guint i = 0; i < requests->len; i++)
    {
      Request *r = &g_array_index (requests, Request, i);
      GError *local_error = NULL;

      if (r->aftersale == NULL)
        continue;
      if (judge (ctx, merchant, rules, r, now, undo_window, &local_error))
        queued++;
      else if (local_error != NULL)
        {
          g_propagate_error (error, local_error);
          goto failed;
        }
    }
  if (!shou_hub_store_set_autorule_cursor (ctx->store, merchant,
                                           g_ascii_strtoll (changed->pdata[changed->len - 1], NULL, 10),
                                           shou_autorule_day_start (now), error) ||
      !shou_hub_store_commit (ctx->store, error))
    goto failed;
  return queued;

failed:
  shou_hub_store_rollback (ctx->store);
  return -1;
}

/* Sends one held action as the merchant would (no staff member). */
static gboolean
send_one (ShouHubContext     *ctx,
          ShouHubAutoruleLog *log,
          gint64              now)
{
  g_autoptr(JsonObject) body = json_object_new ();
  g_autoptr(JsonObject) params = shou_hub_json_from_string (log->params);
  g_autofree char *text = NULL;
  ShouHubStaff *caller = ctx->caller;
  ShouAutoruleAction action;
  gboolean replayed;
  guint status;

  if (!shou_hub_store_move_autorule_log (ctx->store, log->merchant_id, log->key, log->state, "sending", 0))
    return FALSE;
  if (!shou_autorule_action_from_string (log->action, &action) ||
      shou_autorule_action_outbox (action) == SHOU_N_ACTIONS)
    {
      shou_hub_store_move_autorule_log (ctx->store, log->merchant_id, log->key, "sending", "failed", 400);
      return FALSE;
    }
  json_object_set_string_member (body, "action", shou_action_to_string (shou_autorule_action_outbox (action)));
  json_object_set_int_member (body, "expected_version", log->version);
  json_object_set_object_member (body, "params", params ? g_steal_pointer (&params) : json_object_new ());
  ctx->caller = NULL;
  status = shou_hub_action_apply (ctx, log->merchant_id, log->aftersale_id, log->key, body, &text, &replayed);
  ctx->caller = caller;
  shou_hub_store_move_autorule_log (ctx->store, log->merchant_id, log->key, "sending",
                                    status == 200 ? "done" : "failed", status);
  return status == 200;
}

guint
shou_hub_autorules_run (ShouHubContext *ctx,
                        gint64          undo_window)
{
  g_autoptr(GPtrArray) merchants = NULL;
  g_autoptr(GPtrArray) due = NULL;
  gint64 now;
  guint n = 0;

  g_return_val_if_fail (ctx != NULL, 0);

  now = shou_hub_platform_now (ctx->platform);
  merchants = shou_hub_store_autorule_merchants (ctx->store);
  for (guint i = 0; i < merchants->len; i++)
    {
      g_autoptr(GError) error = NULL;
      int queued = judge_merchant (ctx, merchants->pdata[i], now, undo_window, &error);

      if (queued < 0)
        g_warning ("shouhou-hub: automatic rules of %s: %s", (char *) merchants->pdata[i], error->message);
      else
        n += queued;
    }
  due = shou_hub_store_due_autorule_log (ctx->store, now, now - SENDING_STALE_USEC, PAGE);
  for (guint i = 0; i < due->len; i++)
    if (send_one (ctx, due->pdata[i], now))
      n++;
  return n;
}

typedef struct
{
  gint64 day;
  gint64 count;
  gint64 amount;
} DayTotal;

JsonObject *
shou_hub_autorules_dry_run (ShouHubContext     *ctx,
                            const char         *merchant,
                            const ShouAutorule *rule,
                            GError            **error)
{
  g_autoptr(GPtrArray) rules = g_ptr_array_new ();
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GArray) requests = NULL;
  g_autofree char *text = NULL;
  JsonObject *result;
  JsonArray *list = json_array_new ();
  DayTotal day = { -1, 0, 0 };
  gint64 now, count = 0, amount = 0, capped = 0;

  now = shou_hub_platform_now (ctx->platform);
  g_ptr_array_add (rules, (gpointer) rule);
  ids = shou_hub_store_autorule_recent (ctx->store, merchant, now - SHOU_HUB_AUTORULE_DRY_RUN_DAYS * DAY_USEC,
                                        10000);
  requests = g_array_sized_new (FALSE, TRUE, sizeof (Request), ids->len);
  g_array_set_clear_func (requests, (GDestroyNotify) request_clear);
  for (guint i = 0; i < ids->len; i++)
    {
      Request r = { 0 };

      g_array_append_val (requests, r);
      if (!load_request (ctx, merchant, ids->pdata[i], &g_array_index (requests, Request, i), error))
        {
          json_array_unref (list);
          return NULL;
        }
    }
  for (guint i = 0; i < requests->len; i++)
    {
      Request *r = &g_array_index (requests, Request, i);
      g_autoptr(GArray) history = NULL;
      ShouAutoruleFacts facts;
      gint64 at;
      gboolean over;
      JsonObject *hit;

      if (r->aftersale == NULL)
        continue;
      at = shou_autorule_facts_at_arrival (r->aftersale,
                                           shou_hub_platform_get_request_profile (ctx->platform, r->as), &facts);
      if (at == 0)
        continue;
      history = shou_hub_store_autorule_history (ctx->store, merchant,
                                                 shou_platform_to_string (r->aftersale->platform),
                                                 buyer_of (r->rendered), r->as->id,
                                                 at - SHOU_AUTORULE_HISTORY_DAYS * DAY_USEC);
      facts.history = (const gint64 *) (gpointer) history->data;
      facts.n_history = history->len;
      if (shou_autorule_decide (rules, &facts, at, TRUE).verdict != SHOU_AUTORULE_MATCH)
        continue;
      if (shou_autorule_day_start (at) != day.day)
        day = (DayTotal) { shou_autorule_day_start (at), 0, 0 };
      over = !shou_autorule_within_caps (rule, day.count, day.amount, r->aftersale->amount_fen);
      hit = json_object_new ();
      json_object_set_string_member (hit, "id", r->as->id);
      json_object_set_int_member (hit, "arrived_at", at);
      json_object_set_int_member (hit, "amount_fen", r->aftersale->amount_fen);
      json_object_set_boolean_member (hit, "capped", over);
      json_array_add_object_element (list, hit);
      if (over)
        {
          capped++;
          continue;
        }
      day.count++;
      day.amount += r->aftersale->amount_fen;
      count++;
      amount += r->aftersale->amount_fen;
    }
  text = shou_hub_autorule_text (rule);
  if (!shou_hub_store_put_autorule_dry_run (ctx->store, merchant, rule->id, text, error))
    {
      json_array_unref (list);
      return NULL;
    }
  result = json_object_new ();
  json_object_set_int_member (result, "count", count);
  json_object_set_int_member (result, "amount_fen", amount);
  json_object_set_int_member (result, "capped", capped);
  json_object_set_array_member (result, "requests", list);
  return result;
}
