/* shou-outbox-batch.c: one action on many requests, as one outbox entry
 * per request (shou-batch.h). */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "shou-batch.h"
#include "shou-outbox-private.h"
#include "sync/shou-api-errors.h"

void
shou_batch_item_free (ShouBatchItem *item)
{
  if (item == NULL)
    return;
  g_free (item->request_id);
  g_free (item->shop_id);
  g_free (item->order_no);
  g_free (item->platform);
  g_free (item->reason);
  g_free (item);
}

static void
set_state (ShouBatchItem  *item,
           ShouBatchState  state,
           const char     *reason)
{
  item->state = state;
  g_free (item->reason);
  item->reason = g_strdup (reason);
}

/* What the list shows of the request: its order, amount and shop. */
static gboolean
load_summary (ShouStore     *self,
              ShouBatchItem *item)
{
  ShouDb *db = shou_store_get_db (self);
  sqlite3_stmt *stmt;
  gboolean found = FALSE;

  stmt = shou_db_prepare (db,
                          "SELECT r.order_no, r.amount_fen, coalesce(s.key, r.shop_id), r.platform FROM requests r "
                          "LEFT JOIN shops s ON s.account_id = r.account_id AND s.id = r.shop_id "
                          "WHERE r.key = ?1", NULL);
  if (stmt == NULL)
    return FALSE;
  shou_db_bind_text (stmt, 1, item->request_id);
  if (shou_db_step (db, stmt, NULL) == SQLITE_ROW)
    {
      item->order_no = g_strdup (shou_db_column_text (stmt, 0));
      item->amount_fen = sqlite3_column_int64 (stmt, 1);
      item->shop_id = g_strdup (shou_db_column_text (stmt, 2));
      item->platform = g_strdup (shou_db_column_text (stmt, 3));
      found = TRUE;
    }
  sqlite3_reset (stmt);
  return found;
}

GPtrArray *
shou_store_batch_prepare (ShouStore  *self,
                          GPtrArray  *request_ids,
                          ShouAction  action,
                          const char *shop_id)
{
  GPtrArray *items;

  g_return_val_if_fail (SHOU_IS_STORE (self), NULL);
  g_return_val_if_fail (request_ids != NULL, NULL);
  g_return_val_if_fail (action < SHOU_N_ACTIONS, NULL);

  items = g_ptr_array_new_with_free_func ((GDestroyNotify) shou_batch_item_free);
  for (guint i = 0; i < request_ids->len; i++)
    {
      ShouBatchItem *item = g_new0 (ShouBatchItem, 1);
      g_auto(RequestRow) row = { 0 };
      g_autoptr(GError) error = NULL;

      item->request_id = g_strdup (request_ids->pdata[i]);
      g_ptr_array_add (items, item);
      if (!load_summary (self, item) || !shou_outbox_load_request_row (self, item->request_id, &row, &error))
        {
          set_state (item, SHOU_BATCH_EXCLUDED,
                     error ? error->message : _("The request is no longer in the cache"));
          continue;
        }
      jint (row.effective, "version", &item->version);
      if (shop_id != NULL && g_strcmp0 (shop_id, item->shop_id) != 0)
        set_state (item, SHOU_BATCH_EXCLUDED, _("Belongs to another shop than the chosen address"));
      else if (!shou_outbox_check_allowed (row.effective, action, &error))
        set_state (item, SHOU_BATCH_EXCLUDED, error->message);
      else
        set_state (item, SHOU_BATCH_READY, NULL);
    }
  return items;
}

/* Whether the request's platform has the negotiation tool that comes
 * before a rejection (its rule profile's negotiation.required). */
static gboolean
has_round1_tool (ShouStore  *self,
                 JsonObject *effective)
{
  const ShouProfile *profile = NULL;
  ShouPlatform platform;

  if (shou_platform_from_string (jstr (effective, "platform"), &platform))
    profile = shou_store_get_profile (self, platform);
  return profile != NULL && shou_profile_get_negotiation_required (profile);
}

static gboolean
round_sent (JsonObject *effective)
{
  JsonObject *nego = jobj (effective, "negotiation");
  JsonArray *rounds = jarr (nego, "rounds");
  const char *phase = jstr (nego, "phase");

  return (phase != NULL && g_strcmp0 (phase, "none") != 0) ||
         (rounds != NULL && json_array_get_length (rounds) > 0);
}

GPtrArray *
shou_store_batch_prepare_round1 (ShouStore  *self,
                                 GPtrArray  *request_ids,
                                 const char *platform)
{
  GPtrArray *items;

  g_return_val_if_fail (SHOU_IS_STORE (self), NULL);
  g_return_val_if_fail (request_ids != NULL, NULL);

  items = shou_store_batch_prepare (self, request_ids, SHOU_ACTION_NEGOTIATE, NULL);
  for (guint i = 0; i < items->len; i++)
    {
      ShouBatchItem *item = items->pdata[i];
      g_auto(RequestRow) row = { 0 };

      if (item->state != SHOU_BATCH_READY && item->state != SHOU_BATCH_EXCLUDED)
        continue;
      if (!shou_outbox_load_request_row (self, item->request_id, &row, NULL))
        continue;
      /* The tool's absence says more than the status: it comes first. */
      if (!has_round1_tool (self, row.effective))
        set_state (item, SHOU_BATCH_EXCLUDED, _("Its platform has no negotiation tool before a rejection"));
      else if (item->state != SHOU_BATCH_READY)
        continue;
      else if (round_sent (row.effective))
        set_state (item, SHOU_BATCH_EXCLUDED, _("Round 1 of the negotiation was sent already"));
      else if (platform != NULL && g_strcmp0 (platform, item->platform) != 0)
        set_state (item, SHOU_BATCH_EXCLUDED, _("Another platform than the chosen script’s"));
    }
  return items;
}

guint
shou_batch_exclude_other_shops (GPtrArray  *items,
                                const char *shop_id,
                                const char *reason)
{
  guint n = 0;

  g_return_val_if_fail (items != NULL, 0);

  if (shop_id == NULL || *shop_id == '\0')
    return 0;
  for (guint i = 0; i < items->len; i++)
    {
      ShouBatchItem *item = items->pdata[i];

      if (item->state == SHOU_BATCH_READY && g_strcmp0 (item->shop_id, shop_id) != 0)
        {
          set_state (item, SHOU_BATCH_EXCLUDED, reason);
          n++;
        }
    }
  return n;
}

ShouBatchItem *
shou_batch_first_ready (GPtrArray *items)
{
  g_return_val_if_fail (items != NULL, NULL);

  for (guint i = 0; i < items->len; i++)
    if (((ShouBatchItem *) items->pdata[i])->state == SHOU_BATCH_READY)
      return items->pdata[i];
  return NULL;
}

guint
shou_store_batch_enqueue (ShouStore  *self,
                          GPtrArray  *items,
                          ShouAction  action,
                          JsonObject *params)
{
  guint queued = 0;

  g_return_val_if_fail (SHOU_IS_STORE (self), 0);
  g_return_val_if_fail (items != NULL, 0);

  for (guint i = 0; i < items->len; i++)
    {
      ShouBatchItem *item = items->pdata[i];
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonObject) own = NULL;

      if (item->state != SHOU_BATCH_READY)
        continue;
      /* A batch refund is each request's full amount, as the seller saw
       * it in the confirmation's total. */
      if (action == SHOU_ACTION_AGREE_REFUND)
        {
          g_autoptr(GList) members = params ? json_object_get_members (params) : NULL;

          own = json_object_new ();
          for (GList *l = members; l != NULL; l = l->next)
            json_object_set_member (own, l->data, json_node_copy (json_object_get_member (params, l->data)));
          json_object_set_int_member (own, "amount_fen", item->amount_fen);
        }
      /* One transaction per request: each is durable on its own, and a
       * request the store refuses leaves the others queued. */
      if (shou_outbox_enqueue_action (self, item->request_id, action, own ? own : params,
                                      item->version, NULL, &item->entry_id, &error))
        {
          set_state (item, SHOU_BATCH_QUEUED, NULL);
          queued++;
        }
      else
        set_state (item, SHOU_BATCH_FAILED, error->message);
    }
  return queued;
}

gboolean
shou_store_batch_refresh (ShouStore *self,
                          GPtrArray *items)
{
  ShouDb *db;
  sqlite3_stmt *stmt;
  gboolean finished = TRUE;

  g_return_val_if_fail (SHOU_IS_STORE (self), TRUE);
  g_return_val_if_fail (items != NULL, TRUE);

  db = shou_store_get_db (self);
  /* The conflict of a refused entry is on its request, in codes. */
  stmt = shou_db_prepare (db,
                          "SELECT o.state, o.last_error, json_extract(r.conflict, '$.code'), "
                          "json_extract(r.conflict, '$.reason') FROM outbox o "
                          "LEFT JOIN requests r ON r.account_id = o.account_id AND r.id = o.request_id "
                          "WHERE o.id = ?1", NULL);
  if (stmt == NULL)
    return TRUE;
  for (guint i = 0; i < items->len; i++)
    {
      ShouBatchItem *item = items->pdata[i];
      const char *state;

      if (item->state != SHOU_BATCH_QUEUED)
        continue;
      sqlite3_bind_int64 (stmt, 1, item->entry_id);
      if (shou_db_step (db, stmt, NULL) != SQLITE_ROW)
        set_state (item, SHOU_BATCH_FAILED, _("The queued action is gone"));
      else if (g_strcmp0 ((state = shou_db_column_text (stmt, 0)), "done") == 0)
        set_state (item, SHOU_BATCH_DONE, NULL);
      else if (g_strcmp0 (state, "conflict") == 0)
        {
          g_autofree char *reason = NULL;

          reason = shou_api_error_describe (shou_db_column_text (stmt, 2), shou_db_column_text (stmt, 3));
          set_state (item, SHOU_BATCH_FAILED, reason);
        }
      else if (g_strcmp0 (state, "dropped") == 0)
        set_state (item, SHOU_BATCH_FAILED, _("Withdrawn after a conflict"));
      else
        finished = FALSE;
      sqlite3_reset (stmt);
    }
  return finished;
}

guint
shou_batch_count (GPtrArray      *items,
                  ShouBatchState  state)
{
  guint n = 0;

  g_return_val_if_fail (items != NULL, 0);

  for (guint i = 0; i < items->len; i++)
    n += ((ShouBatchItem *) items->pdata[i])->state == state;
  return n;
}

GPtrArray *
shou_batch_request_ids (GPtrArray      *items,
                        ShouBatchState  state)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (items != NULL, ids);

  for (guint i = 0; i < items->len; i++)
    if (((ShouBatchItem *) items->pdata[i])->state == state)
      g_ptr_array_add (ids, g_strdup (((ShouBatchItem *) items->pdata[i])->request_id));
  return ids;
}
