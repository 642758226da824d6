/* shou-sim-orders.c: the order's own steps on the simulated platform */
#include "config.h"

#include "shou-sim-orders.h"

#include "hub/shou-hub-input.h"
#include "hub/shou-hub-store.h"
#include "shou-sim-outbound.h"

static const ShouProfile *
order_profile (ShouSimWorld *world,
               JsonObject   *order)
{
  ShouPlatform platform = SHOU_PLATFORM_TAOBAO;

  g_free (shou_hub_store_get_shop (shou_sim_world_get_db (world),
                                   json_object_get_string_member_with_default (order, "shop_id", ""),
                                   &platform));
  return shou_sim_world_get_profile (world, platform);
}

static ShouOrderState
order_state (JsonObject *order)
{
  ShouOrderState state = SHOU_ORDER_COMPLETED;

  shou_order_state_from_string (json_object_get_string_member_with_default (order, "state", ""), &state);
  return state;
}

static ShouGroupState
group_state (JsonObject *order)
{
  ShouGroupState group = SHOU_GROUP_NONE;

  shou_group_state_from_string (json_object_get_string_member_with_default (order, "group_state", "none"),
                                &group);
  return group;
}

/* Core's next moment for the order, or 0. */
static gint64
next_due (const ShouProfile *profile,
          JsonObject        *order)
{
  gint64 cancel_at = shou_order_unpaid_cancel_at (profile, order_state (order),
                                                  json_object_get_boolean_member_with_default (order, "cod", FALSE),
                                                  json_object_get_int_member_with_default (order, "created_at", 0));
  gint64 refund_at = 0;

  if (group_state (order) == SHOU_GROUP_GROUPING && order_state (order) != SHOU_ORDER_CLOSED)
    {
      gint64 started = json_object_get_int_member_with_default (order, "group_started_at", 0);

      /* Asked at its start, core says when the group runs out. */
      shou_group_evaluate (profile, SHOU_GROUP_GROUPING, started, started, &refund_at);
    }
  if (cancel_at == 0 || (refund_at > 0 && refund_at < cancel_at))
    return refund_at;
  return cancel_at;
}

gboolean
shou_sim_orders_schedule (ShouSimWorld  *world,
                          const char    *merchant_id,
                          JsonObject    *order,
                          GError       **error)
{
  gint64 due = next_due (order_profile (world, order), order);

  return shou_hub_store_set_order_lapse (shou_sim_world_get_db (world), merchant_id,
                                         json_object_get_string_member (order, "id"),
                                         due > 0 ? due + shou_sim_world_get_lapse_grace (world) : 0,
                                         error);
}

static void
close_order (JsonObject *order,
             const char *reason,
             gint64      at)
{
  json_object_set_string_member (order, "state", shou_order_state_to_string (SHOU_ORDER_CLOSED));
  json_object_set_string_member (order, "close_reason", reason);
  json_object_set_int_member (order, "closed_at", at);
}

/* The step due by @cutoff, applied to @order; FALSE when none is. */
static gboolean
apply_due (const ShouProfile *profile,
           JsonObject        *order,
           gint64             cutoff,
           gint64            *out_at)
{
  gint64 due = next_due (profile, order);

  if (due == 0 || due > cutoff)
    return FALSE;
  *out_at = due;
  if (group_state (order) == SHOU_GROUP_GROUPING &&
      shou_group_evaluate (profile, SHOU_GROUP_GROUPING,
                           json_object_get_int_member_with_default (order, "group_started_at", 0),
                           due, NULL) == SHOU_GROUP_FAILED)
    {
      /* 拼单未成功24小时后系统自动退款: the platform refunds the whole order. */
      json_object_set_string_member (order, "group_state", shou_group_state_to_string (SHOU_GROUP_FAILED));
      close_order (order, "group_failed", due);
      return TRUE;
    }
  /* 用户超过24小时未支付订单将自动取消. */
  close_order (order, "unpaid_timeout", due);
  return TRUE;
}

static gboolean
put_order (ShouSimWorld *world,
           const char   *merchant_id,
           JsonObject   *order,
           gint64        at,
           GError      **error)
{
  ShouHubStore *db = shou_sim_world_get_db (world);
  gint64 version = json_object_get_int_member_with_default (order, "version", 1) + 1;

  json_object_remove_member (order, "version");
  json_object_remove_member (order, "updated_at");
  return shou_hub_store_put_order (db, json_object_get_string_member (order, "id"),
                                   json_object_get_string_member (order, "shop_id"), merchant_id,
                                   order, version, at, error) &&
         shou_sim_orders_schedule (world, merchant_id, order, error);
}

guint
shou_sim_orders_process_lapses (ShouSimWorld *world)
{
  ShouHubStore *db = shou_sim_world_get_db (world);
  gint64 now = shou_sim_world_now (world);
  gint64 cutoff = now - shou_sim_world_get_lapse_grace (world);
  guint total = 0;

  /* Bounded batches; each due order is moved on or unscheduled, so a batch
   * never sees the same order twice. */
  for (guint batch = 0; batch < 100; batch++)
    {
      g_autoptr(GPtrArray) due = shou_hub_store_list_due_orders (db, now, 200);

      if (due->len == 0)
        break;
      for (guint i = 0; i + 1 < due->len; i += 2)
        {
          const char *merchant_id = due->pdata[i];
          const char *order_id = due->pdata[i + 1];
          g_autoptr(JsonObject) order = NULL;
          g_autoptr(GError) error = NULL;
          gint64 at = 0;
          gboolean ok;

          if (!shou_hub_store_begin (db, &error))
            {
              g_warning ("shouhou-sim: order lapse: %s", error->message);
              return total;
            }
          order = shou_hub_store_get_order (db, merchant_id, order_id);
          if (order == NULL)
            ok = shou_hub_store_set_order_lapse (db, merchant_id, order_id, 0, &error);
          else if (apply_due (order_profile (world, order), order, cutoff, &at))
            {
              ok = put_order (world, merchant_id, order, at, &error);
              total++;
            }
          else
            {
              gint64 next = next_due (order_profile (world, order), order);

              /* Not due after all (the order moved on): look again later or never. */
              next = next > 0 ? next + shou_sim_world_get_lapse_grace (world) : 0;
              ok = shou_hub_store_set_order_lapse (db, merchant_id, order_id, next > now ? next : 0, &error);
            }
          if (!ok || !shou_hub_store_commit (db, &error))
            {
              g_warning ("shouhou-sim: order lapse: %s", error->message);
              shou_hub_store_rollback (db);
              return total;
            }
        }
    }
  return total;
}

static void
set_not_allowed (ShouHubFailure **failure,
                 const char      *reason,
                 const char      *message)
{
  *failure = shou_hub_failure_new (422, "not_allowed", "%s", message);
  (*failure)->reason = g_strdup (reason);
}

JsonObject *
shou_sim_orders_form_group (ShouSimWorld    *world,
                            JsonObject      *body,
                            ShouHubFailure **failure)
{
  static const char *const fields[] = { "order_id", "state", NULL };
  ShouHubStore *db = shou_sim_world_get_db (world);
  g_autoptr(JsonObject) order = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *merchant = NULL;
  const char *order_id = NULL;
  const char *state = NULL;
  gint64 now = shou_sim_world_now (world);

  if (!shou_hub_input_check_fields (body, fields, NULL, failure) ||
      !shou_hub_input_string (body, "order_id", TRUE, &order_id, failure) ||
      !shou_hub_input_string (body, "state", FALSE, &state, failure))
    return NULL;
  if (state != NULL && !g_str_equal (state, "formed"))
    {
      *failure = shou_hub_failure_bad ("state", "unknown_state", "A group can only be made to form");
      return NULL;
    }
  /* Due steps first: a group past its 24 h has already failed. */
  shou_sim_orders_process_lapses (world);
  if (!shou_hub_store_begin (db, &error))
    {
      *failure = shou_hub_failure_new (500, "internal", "%s", error->message);
      return NULL;
    }
  merchant = shou_hub_store_find_owner (db, "orders", order_id);
  order = merchant ? shou_hub_store_get_order (db, merchant, order_id) : NULL;
  if (order == NULL)
    {
      shou_hub_store_rollback (db);
      *failure = shou_hub_failure_new (404, "not_found", "No such order");
      return NULL;
    }
  if (group_state (order) != SHOU_GROUP_GROUPING ||
      shou_group_evaluate (order_profile (world, order), SHOU_GROUP_GROUPING,
                           json_object_get_int_member_with_default (order, "group_started_at", 0),
                           now, NULL) != SHOU_GROUP_GROUPING)
    {
      shou_hub_store_rollback (db);
      set_not_allowed (failure, "wrong_status", "The order's group is not forming");
      return NULL;
    }
  json_object_set_string_member (order, "group_state", shou_group_state_to_string (SHOU_GROUP_FORMED));
  json_object_set_int_member (order, "group_formed_at", now);
  if (!put_order (world, merchant, order, now, &error) || !shou_hub_store_commit (db, &error))
    {
      shou_hub_store_rollback (db);
      *failure = shou_hub_failure_new (500, "internal", "%s", error->message);
      return NULL;
    }
  return shou_hub_store_get_order (db, merchant, order_id);
}

JsonObject *
shou_sim_orders_cancel (ShouSimWorld    *world,
                        const char      *merchant_id,
                        const char      *order_id,
                        gboolean         buyer_consulted,
                        gint64           at,
                        ShouHubFailure **failure)
{
  ShouHubStore *db = shou_sim_world_get_db (world);
  g_autoptr(JsonObject) order = shou_hub_store_get_order (db, merchant_id, order_id);
  g_autoptr(GError) error = NULL;

  if (order == NULL)
    {
      *failure = shou_hub_failure_new (404, "not_found", "No such order");
      return NULL;
    }
  if (!shou_order_merchant_can_cancel (order_profile (world, order), order_state (order),
                                       json_object_get_boolean_member_with_default (order, "cod", FALSE),
                                       buyer_consulted, &error))
    {
      *failure = shou_hub_failure_from_rules (error);
      return NULL;
    }
  close_order (order, "merchant_cancelled", at);
  if (!put_order (world, merchant_id, order, at, &error))
    {
      *failure = shou_hub_failure_new (500, "internal", "%s", error->message);
      return NULL;
    }
  return shou_hub_store_get_order (db, merchant_id, order_id);
}

/* The parcel moved: each line's open request is rendered and saved again. */
static gboolean
parcel_moved (JsonObject  *order,
              const char  *merchant_id,
              gpointer     data,
              GError     **error)
{
  ShouSimWorld *world = data;
  ShouHubStore *db = shou_sim_world_get_db (world);
  JsonArray *lines = json_object_has_member (order, "lines") ? json_object_get_array_member (order, "lines") : NULL;

  for (guint i = 0; lines != NULL && i < json_array_get_length (lines); i++)
    {
      JsonObject *line = json_array_get_object_element (lines, i);
      g_autofree char *id = NULL;
      g_autoptr(ShouHubAftersale) as = NULL;

      if (line == NULL || !json_object_has_member (line, "id"))
        continue;
      id = shou_hub_store_find_line_request (db, merchant_id, json_object_get_string_member (line, "id"));
      as = id != NULL ? shou_hub_store_get_aftersale (db, merchant_id, id) : NULL;
      if (as == NULL || shou_status_is_finished (as->state.status))
        continue;
      /* Same version (no event happened to the request), new change_seq. */
      if (!shou_sim_world_save (world, as, error))
        return FALSE;
    }
  return TRUE;
}

JsonObject *
shou_sim_orders_move_parcel (ShouSimWorld    *world,
                             JsonObject      *body,
                             ShouHubFailure **failure)
{
  return shou_sim_outbound_step_full (shou_sim_world_get_db (world), body, shou_sim_world_now (world),
                                      parcel_moved, world, failure);
}
