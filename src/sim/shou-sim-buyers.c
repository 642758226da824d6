#include "config.h"

#include "shou-sim-buyers.h"
#include "shou-sim-input.h"

struct _ShouSimBuyers
{
  GObject       parent_instance;
  ShouSimWorld *world;
  ShouSimDemo  *demo;
  guint         timer;
};

G_DEFINE_FINAL_TYPE (ShouSimBuyers, shou_sim_buyers, G_TYPE_OBJECT)

static void
shou_sim_buyers_dispose (GObject *object)
{
  ShouSimBuyers *self = SHOU_SIM_BUYERS (object);

  shou_sim_buyers_stop (self);
  g_clear_object (&self->demo);
  g_clear_object (&self->world);
  G_OBJECT_CLASS (shou_sim_buyers_parent_class)->dispose (object);
}

static void
shou_sim_buyers_class_init (ShouSimBuyersClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = shou_sim_buyers_dispose;
}

static void
shou_sim_buyers_init (ShouSimBuyers *self)
{
}

ShouSimBuyers *
shou_sim_buyers_new (ShouSimWorld *world,
                     ShouSimDemo  *demo)
{
  ShouSimBuyers *self = g_object_new (SHOU_TYPE_SIM_BUYERS, NULL);

  self->world = g_object_ref (world);
  self->demo = g_object_ref (demo);
  return self;
}

static gboolean
on_timer_cb (gpointer user_data)
{
  ShouSimBuyers *self = user_data;
  g_autofree char *what = shou_sim_buyers_step (self);

  if (what != NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *stamp = g_date_time_format (now, "%H:%M:%S");

      g_print ("%s buyer %s\n", stamp, what);
    }
  return G_SOURCE_CONTINUE;
}

void
shou_sim_buyers_start (ShouSimBuyers *self,
                       guint          interval_ms)
{
  g_return_if_fail (SHOU_IS_SIM_BUYERS (self));

  shou_sim_buyers_stop (self);
  self->timer = g_timeout_add (MAX (interval_ms, 50), on_timer_cb, self);
}

void
shou_sim_buyers_stop (ShouSimBuyers *self)
{
  g_return_if_fail (SHOU_IS_SIM_BUYERS (self));
  g_clear_handle_id (&self->timer, g_source_remove);
}

/* Applies a buyer event and saves, in one transaction. */
static gboolean
apply_and_save (ShouSimBuyers     *self,
                ShouSimAftersale  *as,
                const ShouEvent   *event,
                ShouSimFailure   **failure)
{
  ShouSimDb *db = shou_sim_world_get_db (self->world);
  g_autoptr(GError) error = NULL;
  gint64 now = shou_sim_world_now (self->world);

  if (!shou_sim_world_apply (self->world, as, event, NULL, now, failure))
    return FALSE;
  if (!shou_sim_db_begin (db, &error) ||
      !shou_sim_world_save (self->world, as, &error) ||
      !shou_sim_db_commit (db, &error))
    {
      shou_sim_db_rollback (db);
      if (failure != NULL)
        *failure = shou_sim_failure_new (500, "internal", "%s", error->message);
      return FALSE;
    }
  return TRUE;
}

static ShouSimAftersale *
open_request (ShouSimBuyers    *self,
              const char       *order_id,
              const char       *line_id,
              ShouRequestType   type,
              gint64            amount,
              const char       *reason,
              const char       *text,
              ShouSimFailure  **failure)
{
  ShouSimDb *db = shou_sim_world_get_db (self->world);
  g_autoptr(ShouSimAftersale) as = NULL;
  g_autoptr(GError) error = NULL;

  if (!shou_sim_db_begin (db, &error))
    {
      *failure = shou_sim_failure_new (500, "internal", "%s", error->message);
      return NULL;
    }
  as = shou_sim_world_open (self->world, order_id, line_id, type, amount, reason, text,
                            shou_sim_world_now (self->world), failure);
  if (as == NULL)
    {
      shou_sim_db_rollback (db);
      return NULL;
    }
  if (!shou_sim_world_save (self->world, as, &error) || !shou_sim_db_commit (db, &error))
    {
      shou_sim_db_rollback (db);
      *failure = shou_sim_failure_new (500, "internal", "%s", error->message);
      return NULL;
    }
  return g_steal_pointer (&as);
}

ShouSimAftersale *
shou_sim_buyers_act (ShouSimBuyers    *self,
                     JsonObject       *body,
                     ShouSimFailure  **failure)
{
  static const char *const fields[] = {
    "aftersale_id", "action", "text", "carrier", "tracking_no", "order_id", "line_id", "type",
    "amount_fen", "reason_code", NULL
  };
  static const struct {
    const char    *name;
    ShouEventKind  kind;
  } moves[] = {
    { "reply", SHOU_EVENT_BUYER_REPLY },
    { "accept", SHOU_EVENT_BUYER_ACCEPT },
    { "ship_return", SHOU_EVENT_BUYER_SHIP_RETURN },
    { "cancel", SHOU_EVENT_BUYER_CANCEL },
    { "escalate", SHOU_EVENT_BUYER_ESCALATE },
    { "modify", SHOU_EVENT_BUYER_MODIFY },
    { "confirm_exchange", SHOU_EVENT_BUYER_CONFIRM_EXCHANGE },
    { "platform_refund", SHOU_EVENT_PLATFORM_REFUND },
    { "platform_close", SHOU_EVENT_PLATFORM_CLOSE },
  };
  g_autoptr(ShouSimAftersale) as = NULL;
  const char *action = NULL;
  const char *id = NULL;
  ShouEvent event = { 0 };
  guint m;

  g_return_val_if_fail (SHOU_IS_SIM_BUYERS (self), NULL);

  if (!shou_sim_input_check_fields (body, fields, NULL, failure) ||
      !shou_sim_input_string (body, "action", TRUE, &action, failure))
    return NULL;

  if (g_str_equal (action, "open"))
    {
      const char *order_id = NULL, *line_id = NULL, *type_name = NULL, *reason = NULL, *text = NULL;
      gint64 amount = 0;
      ShouRequestType type;

      if (!shou_sim_input_string (body, "order_id", TRUE, &order_id, failure) ||
          !shou_sim_input_string (body, "line_id", TRUE, &line_id, failure) ||
          !shou_sim_input_string (body, "type", TRUE, &type_name, failure) ||
          !shou_sim_input_amount (body, "amount_fen", TRUE, &amount, failure) ||
          !shou_sim_input_string (body, "reason_code", TRUE, &reason, failure) ||
          !shou_sim_input_string (body, "text", FALSE, &text, failure))
        return NULL;
      if (!shou_request_type_from_string (type_name, &type))
        {
          *failure = shou_sim_failure_bad ("type", "unknown_type", "Unknown request type \"%s\"", type_name);
          return NULL;
        }
      return open_request (self, order_id, line_id, type, amount, reason, text, failure);
    }

  for (m = 0; m < G_N_ELEMENTS (moves); m++)
    if (g_str_equal (moves[m].name, action))
      break;
  if (m == G_N_ELEMENTS (moves))
    {
      *failure = shou_sim_failure_bad ("action", "unknown_action", "Unknown buyer action \"%s\"", action);
      return NULL;
    }
  event.kind = moves[m].kind;

  if (!shou_sim_input_string (body, "aftersale_id", TRUE, &id, failure) ||
      !shou_sim_input_string (body, "text", FALSE, &event.text, failure) ||
      !shou_sim_input_amount (body, "amount_fen", FALSE, &event.amount_fen, failure))
    return NULL;
  if (event.kind == SHOU_EVENT_BUYER_SHIP_RETURN &&
      (!shou_sim_input_string (body, "carrier", TRUE, &event.carrier, failure) ||
       !shou_sim_input_string (body, "tracking_no", TRUE, &event.tracking_no, failure) ||
       !shou_sim_input_tracking (event.carrier, event.tracking_no, failure)))
    return NULL;

  as = shou_sim_db_get_aftersale (shou_sim_world_get_db (self->world), id);
  if (as == NULL)
    {
      *failure = shou_sim_failure_new (404, "not_found", "No such after-sales request");
      return NULL;
    }
  if (!apply_and_save (self, as, &event, failure))
    return NULL;
  return g_steal_pointer (&as);
}

ShouSimAftersale *
shou_sim_buyers_logistics (ShouSimBuyers    *self,
                           JsonObject       *body,
                           ShouSimFailure  **failure)
{
  static const char *const fields[] = { "aftersale_id", "text", NULL };
  g_autoptr(ShouSimAftersale) as = NULL;
  const char *id = NULL;
  ShouEvent event = { 0 };

  if (!shou_sim_input_check_fields (body, fields, NULL, failure) ||
      !shou_sim_input_string (body, "aftersale_id", TRUE, &id, failure) ||
      !shou_sim_input_string (body, "text", TRUE, &event.text, failure))
    return NULL;
  as = shou_sim_db_get_aftersale (shou_sim_world_get_db (self->world), id);
  if (as == NULL)
    {
      *failure = shou_sim_failure_new (404, "not_found", "No such after-sales request");
      return NULL;
    }
  if (!json_object_has_member (as->doc, "return_shipment") ||
      JSON_NODE_HOLDS_NULL (json_object_get_member (as->doc, "return_shipment")))
    {
      *failure = shou_sim_failure_new (422, "not_allowed", "The buyer has not shipped a return");
      (*failure)->reason = g_strdup ("not_returned");
      return NULL;
    }
  event.kind = SHOU_EVENT_LOGISTICS_UPDATE;
  if (!apply_and_save (self, as, &event, failure))
    return NULL;
  return g_steal_pointer (&as);
}

/* Random moves */

static char *
describe (ShouSimAftersale *as,
          const char       *what)
{
  JsonObject *line = json_object_get_object_member (as->doc, "line");

  return g_strdup_printf ("%s %s (%s, %s): %s",
                          json_object_get_string_member_with_default (as->doc, "buyer_nick", "?"),
                          as->id, shou_platform_to_string (as->state.platform),
                          line ? json_object_get_string_member_with_default (line, "title", "") : "",
                          what);
}

static ShouSimAftersale *
sample (ShouSimBuyers     *self,
        ShouRequestStatus  status)
{
  g_autoptr(GPtrArray) ids = shou_sim_db_sample_aftersales (shou_sim_world_get_db (self->world), status, 1);

  if (ids->len == 0)
    return NULL;
  return shou_sim_db_get_aftersale (shou_sim_world_get_db (self->world), ids->pdata[0]);
}

static char *
try_event (ShouSimBuyers     *self,
           ShouRequestStatus  status,
           ShouEvent         *event,
           const char        *what)
{
  g_autoptr(ShouSimAftersale) as = sample (self, status);

  if (as == NULL || g_strcmp0 (as->merchant_id, "scale") == 0)
    return NULL;
  if (!apply_and_save (self, as, event, NULL))
    return NULL;
  return describe (as, what);
}

static char *
try_open (ShouSimBuyers *self)
{
  ShouSimDb *db = shou_sim_world_get_db (self->world);
  g_autoptr(GPtrArray) orders = shou_sim_db_list_order_ids (db, "demo", 8);
  GRand *rand = shou_sim_demo_get_rand (self->demo);

  for (guint i = 0; i < orders->len; i++)
    {
      g_autoptr(JsonObject) order = shou_sim_db_get_order (db, orders->pdata[i], NULL);
      g_autoptr(ShouSimAftersale) as = NULL;
      g_autofree char *existing = NULL;
      JsonObject *line = json_array_get_object_element (json_object_get_array_member (order, "lines"), 0);
      const char *line_id = json_object_get_string_member (line, "id");
      const char *state = json_object_get_string_member (order, "state");
      const char *reason = NULL;
      const char *text;
      ShouRequestType type;
      gint64 amount;

      existing = shou_sim_db_find_line_request (db, line_id);
      if (existing != NULL)
        continue;
      text = shou_sim_demo_pick_buyer_text (self->demo, &reason);
      if (g_str_equal (state, "pending_shipment"))
        type = SHOU_REQUEST_REFUND_ONLY;
      else
        type = g_rand_int_range (rand, 0, 4) == 0 ? SHOU_REQUEST_REFUND_ONLY :
               g_rand_int_range (rand, 0, 5) == 0 ? SHOU_REQUEST_EXCHANGE : SHOU_REQUEST_RETURN_REFUND;
      amount = json_object_get_int_member (line, "price_fen") * json_object_get_int_member (line, "quantity");
      as = open_request (self, orders->pdata[i], line_id, type, amount, reason, text, NULL);
      if (as != NULL)
        return describe (as, "opened a new request");
    }
  return NULL;
}

char *
shou_sim_buyers_step (ShouSimBuyers *self)
{
  GRand *rand;

  g_return_val_if_fail (SHOU_IS_SIM_BUYERS (self), NULL);

  rand = shou_sim_demo_get_rand (self->demo);
  /* A few attempts: a sampled request may not accept the move right now. */
  for (guint attempt = 0; attempt < 6; attempt++)
    {
      int roll = g_rand_int_range (rand, 0, 100);
      ShouEvent event = { 0 };
      g_autofree char *tracking = NULL;
      char *what = NULL;

      if (roll < 28)
        {
          gboolean accept = g_rand_int_range (rand, 0, 4) == 0;

          event.kind = accept ? SHOU_EVENT_BUYER_ACCEPT : SHOU_EVENT_BUYER_REPLY;
          event.text = shou_sim_demo_pick_reply (self->demo);
          what = try_event (self, SHOU_STATUS_NEGOTIATING, &event,
                            accept ? "accepted the seller's proposal" : "replied to the negotiation");
        }
      else if (roll < 46)
        {
          event.kind = SHOU_EVENT_BUYER_SHIP_RETURN;
          event.carrier = shou_sim_demo_pick_carrier (self->demo);
          tracking = shou_sim_demo_make_tracking (self->demo, event.carrier);
          event.tracking_no = tracking;
          what = try_event (self, SHOU_STATUS_WAIT_BUYER_RETURN, &event, "shipped the return");
        }
      else if (roll < 60)
        {
          g_autoptr(ShouSimAftersale) as = sample (self, SHOU_STATUS_WAIT_SELLER_RECEIPT);
          JsonObject *ship = as ? json_object_get_object_member (as->doc, "return_shipment") : NULL;

          if (ship != NULL && g_strcmp0 (as->merchant_id, "scale") != 0)
            {
              guint step = json_array_get_length (json_object_get_array_member (ship, "events"));

              if (step < 6)
                {
                  event.kind = SHOU_EVENT_LOGISTICS_UPDATE;
                  event.text = shou_sim_demo_pick_logistics (self->demo, step);
                  if (apply_and_save (self, as, &event, NULL))
                    what = describe (as, event.text);
                }
            }
        }
      else if (roll < 68)
        {
          event.kind = SHOU_EVENT_BUYER_CANCEL;
          what = try_event (self, SHOU_STATUS_WAIT_SELLER, &event, "withdrew the request");
        }
      else if (roll < 78)
        {
          event.kind = SHOU_EVENT_BUYER_ESCALATE;
          event.text = shou_sim_demo_pick_escalation (self->demo);
          what = try_event (self, SHOU_STATUS_REFUSED, &event, "asked the platform to intervene");
        }
      else if (roll < 83)
        {
          event.kind = SHOU_EVENT_BUYER_MODIFY;
          event.text = "补充了商品照片，重新提交申请";
          what = try_event (self, SHOU_STATUS_REFUSED, &event, "modified and re-submitted");
        }
      else if (roll < 88)
        {
          gboolean for_buyer = g_rand_boolean (rand);

          event.kind = for_buyer ? SHOU_EVENT_PLATFORM_REFUND : SHOU_EVENT_PLATFORM_CLOSE;
          what = try_event (self, SHOU_STATUS_INTERVENTION, &event,
                            for_buyer ? "the platform ruled for the buyer" : "the platform ruled for the seller");
        }
      else
        what = try_open (self);

      if (what != NULL)
        return what;
    }
  return NULL;
}
