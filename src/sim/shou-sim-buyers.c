#include "config.h"

#include "shou-sim-buyers.h"
#include "shou-sim-complaints.h"
#include "shou-sim-reviews.h"
#include "hub/shou-hub-input.h"

struct _ShouSimBuyers
{
  GObject       parent_instance;
  ShouSimWorld *world;
  ShouSimDemo  *demo;
  guint         timer;
  gint64        reply_delay;   /* how soon buyers answer a round the seller just sent */
  guint         steps;
  GRand        *review_rand;   /* its own, so that the other moves stay as they were */
  GRand        *complaint_rand;
};

/* Every REVIEW_EVERY-th step a buyer leaves a bad or neutral review. */
#define REVIEW_EVERY 10
/* Every COMPLAINT_EVERY-th step a buyer files a complaint (issue 28). */
#define COMPLAINT_EVERY 20

/* At speed 1 a buyer answers a fresh negotiation round after 90 s, so that a
 * person walks through both rounds and the rejection in a few minutes; a
 * round older than FRESH_ROUND is left to the random moves. */
#define REPLY_DELAY (90 * G_USEC_PER_SEC)
#define FRESH_ROUND (2 * SHOU_USEC_PER_HOUR)

G_DEFINE_FINAL_TYPE (ShouSimBuyers, shou_sim_buyers, G_TYPE_OBJECT)

static void
shou_sim_buyers_dispose (GObject *object)
{
  ShouSimBuyers *self = SHOU_SIM_BUYERS (object);

  shou_sim_buyers_stop (self);
  g_clear_object (&self->demo);
  g_clear_object (&self->world);
  g_clear_pointer (&self->review_rand, g_rand_free);
  g_clear_pointer (&self->complaint_rand, g_rand_free);
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
  self->reply_delay = REPLY_DELAY;
  self->review_rand = g_rand_new_with_seed (REVIEW_EVERY);
  self->complaint_rand = g_rand_new_with_seed (COMPLAINT_EVERY);
}

void
shou_sim_buyers_set_speed (ShouSimBuyers *self,
                           double         speed)
{
  g_return_if_fail (SHOU_IS_SIM_BUYERS (self));
  g_return_if_fail (speed > 0);

  self->reply_delay = (gint64) (REPLY_DELAY / speed);
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
                ShouHubAftersale  *as,
                const ShouEvent   *event,
                ShouHubFailure   **failure)
{
  ShouHubStore *db = shou_sim_world_get_db (self->world);
  g_autoptr(GError) error = NULL;
  gint64 now = shou_sim_world_now (self->world);

  if (!shou_sim_world_apply (self->world, as, event, NULL, now, failure))
    return FALSE;
  if (!shou_hub_store_begin (db, &error) ||
      !shou_sim_world_save (self->world, as, &error) ||
      !shou_hub_store_commit (db, &error))
    {
      shou_hub_store_rollback (db);
      if (failure != NULL)
        *failure = shou_hub_failure_new (500, "internal", "%s", error->message);
      return FALSE;
    }
  return TRUE;
}

static ShouHubAftersale *
open_request (ShouSimBuyers    *self,
              const char       *order_id,
              const char       *line_id,
              ShouRequestType   type,
              gint64            amount,
              gint64            keep,
              const char       *reason,
              const char       *text,
              const char       *version,
              gboolean          express,
              ShouHubFailure  **failure)
{
  ShouHubStore *db = shou_sim_world_get_db (self->world);
  g_autoptr(ShouHubAftersale) as = NULL;
  g_autoptr(GError) error = NULL;

  if (!shou_hub_store_begin (db, &error))
    {
      *failure = shou_hub_failure_new (500, "internal", "%s", error->message);
      return NULL;
    }
  as = shou_sim_world_open (self->world, order_id, line_id, type, amount, keep, reason, text,
                            version, shou_sim_world_now (self->world), failure);
  if (as == NULL)
    {
      shou_hub_store_rollback (db);
      return NULL;
    }
  /* 极速退款 (000 ⑵): the platform pays the buyer at once; the goods are to follow. */
  if (express)
    {
      as->state.express_paid = TRUE;
      as->state.express_paid_at = shou_sim_world_now (self->world);
    }
  if (!shou_sim_world_save (self->world, as, &error) || !shou_hub_store_commit (db, &error))
    {
      shou_hub_store_rollback (db);
      *failure = shou_hub_failure_new (500, "internal", "%s", error->message);
      return NULL;
    }
  return g_steal_pointer (&as);
}

ShouHubAftersale *
shou_sim_buyers_act (ShouSimBuyers    *self,
                     JsonObject       *body,
                     ShouHubFailure  **failure)
{
  static const char *const fields[] = {
    "aftersale_id", "action", "text", "carrier", "carrier_name", "tracking_no", "order_id", "line_id", "type",
    "amount_fen", "keep_fen", "reason_code", "profile_version", "express", NULL
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
  g_autoptr(ShouHubAftersale) as = NULL;
  const char *action = NULL;
  const char *id = NULL;
  ShouEvent event = { 0 };
  guint m;

  g_return_val_if_fail (SHOU_IS_SIM_BUYERS (self), NULL);

  if (!shou_hub_input_check_fields (body, fields, NULL, failure) ||
      !shou_hub_input_string (body, "action", TRUE, &action, failure))
    return NULL;

  if (g_str_equal (action, "open"))
    {
      const char *order_id = NULL, *line_id = NULL, *type_name = NULL, *reason = NULL, *text = NULL;
      const char *version = NULL;
      gboolean by_keep = json_object_has_member (body, "keep_fen");
      gint64 amount = 0;
      gint64 keep = -1;
      gboolean express = FALSE;
      ShouRequestType type;

      /* Either the refund (amount_fen) or, as Taobao's form asks, what the
       * buyer still pays the seller (keep_fen, 001 篇六); not both. */
      if (by_keep && json_object_has_member (body, "amount_fen"))
        {
          *failure = shou_hub_failure_bad ("keep_fen", "conflicting_fields",
                                           "Give amount_fen or keep_fen, not both");
          return NULL;
        }
      if (!shou_hub_input_string (body, "order_id", TRUE, &order_id, failure) ||
          !shou_hub_input_string (body, "line_id", TRUE, &line_id, failure) ||
          !shou_hub_input_string (body, "type", TRUE, &type_name, failure) ||
          !shou_hub_input_amount (body, by_keep ? "keep_fen" : "amount_fen", TRUE,
                                  by_keep ? &keep : &amount, failure) ||
          !shou_hub_input_string (body, "reason_code", TRUE, &reason, failure) ||
          !shou_hub_input_string (body, "text", FALSE, &text, failure) ||
          !shou_hub_input_string (body, "profile_version", FALSE, &version, failure) ||
          !shou_hub_input_bool (body, "express", &express, failure))
        return NULL;
      if (!shou_request_type_from_string (type_name, &type))
        {
          *failure = shou_hub_failure_bad ("type", "unknown_type", "Unknown request type \"%s\"", type_name);
          return NULL;
        }
      if (express && type != SHOU_REQUEST_REFUND_ONLY && type != SHOU_REQUEST_RETURN_REFUND)
        {
          *failure = shou_hub_failure_bad ("express", "not_for_type", "An express refund is a refund");
          return NULL;
        }
      return open_request (self, order_id, line_id, type, amount, keep, reason, text, version, express, failure);
    }

  for (m = 0; m < G_N_ELEMENTS (moves); m++)
    if (g_str_equal (moves[m].name, action))
      break;
  if (m == G_N_ELEMENTS (moves))
    {
      *failure = shou_hub_failure_bad ("action", "unknown_action", "Unknown buyer action \"%s\"", action);
      return NULL;
    }
  event.kind = moves[m].kind;

  if (!shou_hub_input_string (body, "aftersale_id", TRUE, &id, failure) ||
      !shou_hub_input_string (body, "text", FALSE, &event.text, failure) ||
      !shou_hub_input_amount (body, "amount_fen", FALSE, &event.amount_fen, failure))
    return NULL;
  if (event.kind == SHOU_EVENT_BUYER_SHIP_RETURN &&
      !shou_hub_input_shipment (body, &event.carrier, &event.tracking_no, &event.carrier_name, failure))
    return NULL;

  as = shou_sim_world_find_request (self->world, id);
  if (as == NULL)
    {
      *failure = shou_hub_failure_new (404, "not_found", "No such after-sales request");
      return NULL;
    }
  if (!apply_and_save (self, as, &event, failure))
    return NULL;
  return g_steal_pointer (&as);
}

ShouHubAftersale *
shou_sim_buyers_logistics (ShouSimBuyers    *self,
                           JsonObject       *body,
                           ShouHubFailure  **failure)
{
  static const char *const fields[] = { "aftersale_id", "text", NULL };
  g_autoptr(ShouHubAftersale) as = NULL;
  const char *id = NULL;
  ShouEvent event = { 0 };

  if (!shou_hub_input_check_fields (body, fields, NULL, failure) ||
      !shou_hub_input_string (body, "aftersale_id", TRUE, &id, failure) ||
      !shou_hub_input_string (body, "text", TRUE, &event.text, failure))
    return NULL;
  as = shou_sim_world_find_request (self->world, id);
  if (as == NULL)
    {
      *failure = shou_hub_failure_new (404, "not_found", "No such after-sales request");
      return NULL;
    }
  if (!json_object_has_member (as->doc, "return_shipment") ||
      JSON_NODE_HOLDS_NULL (json_object_get_member (as->doc, "return_shipment")))
    {
      *failure = shou_hub_failure_new (422, "not_allowed", "The buyer has not shipped a return");
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
describe (ShouHubAftersale *as,
          const char       *what)
{
  JsonObject *line = json_object_get_object_member (as->doc, "line");

  return g_strdup_printf ("%s %s (%s, %s): %s",
                          json_object_get_string_member_with_default (as->doc, "buyer_nick", "?"),
                          as->id, shou_platform_to_string (as->state.platform),
                          line ? json_object_get_string_member_with_default (line, "title", "") : "",
                          what);
}

static ShouHubAftersale *
sample (ShouSimBuyers     *self,
        ShouRequestStatus  status)
{
  g_autoptr(GPtrArray) ids = shou_hub_store_sample_aftersales (shou_sim_world_get_db (self->world), status, 1);

  if (ids->len == 0)
    return NULL;
  return shou_sim_world_find_request (self->world, ids->pdata[0]);
}

static char *
try_event (ShouSimBuyers     *self,
           ShouRequestStatus  status,
           ShouEvent         *event,
           const char        *what)
{
  g_autoptr(ShouHubAftersale) as = sample (self, status);

  if (as == NULL || g_strcmp0 (as->merchant_id, "scale") == 0)
    return NULL;
  if (!apply_and_save (self, as, event, NULL))
    return NULL;
  return describe (as, what);
}

static char *
try_open (ShouSimBuyers *self)
{
  ShouHubStore *db = shou_sim_world_get_db (self->world);
  g_autoptr(GPtrArray) orders = shou_hub_store_list_order_ids (db, "demo", 8);
  GRand *rand = shou_sim_demo_get_rand (self->demo);

  for (guint i = 0; i < orders->len; i++)
    {
      g_autoptr(JsonObject) order = shou_hub_store_get_order (db, "demo", orders->pdata[i]);
      g_autoptr(ShouHubAftersale) as = NULL;
      g_autofree char *existing = NULL;
      JsonObject *line = json_array_get_object_element (json_object_get_array_member (order, "lines"), 0);
      const char *line_id = json_object_get_string_member (line, "id");
      const char *state = json_object_get_string_member (order, "state");
      const char *reason = NULL;
      const char *text;
      ShouRequestType type;
      gint64 amount;

      ShouOrderState order_state = SHOU_ORDER_COMPLETED;

      existing = shou_hub_store_find_line_request (db, "demo", line_id);
      if (existing != NULL)
        continue;
      shou_order_state_from_string (state, &order_state);
      if (order_state == SHOU_ORDER_PENDING_SHIPMENT)
        type = SHOU_REQUEST_REFUND_ONLY;
      else
        type = g_rand_int_range (rand, 0, 4) == 0 ? SHOU_REQUEST_REFUND_ONLY :
               g_rand_int_range (rand, 0, 5) == 0 ? SHOU_REQUEST_EXCHANGE : SHOU_REQUEST_RETURN_REFUND;
      /* Reasons and words that fit the goods and the order. */
      text = shou_sim_demo_pick_buyer_text (self->demo, json_object_get_string_member (line, "title"),
                                            order_state, type, &reason);
      amount = json_object_get_int_member (line, "price_fen") * json_object_get_int_member (line, "quantity");
      as = open_request (self, orders->pdata[i], line_id, type, amount, -1, reason, text, NULL, FALSE, NULL);
      if (as != NULL)
        return describe (as, "opened a new request");
    }
  return NULL;
}

/* The seller's round waiting for the buyer's answer, or NULL. */
static JsonObject *
pending_round (ShouHubAftersale *as)
{
  JsonObject *nego = json_object_get_object_member (as->doc, "negotiation");
  JsonArray *rounds = nego && json_object_has_member (nego, "rounds")
                      ? json_object_get_array_member (nego, "rounds") : NULL;
  guint n = rounds ? json_array_get_length (rounds) : 0;
  JsonObject *last;

  if (n == 0)
    return NULL;
  last = json_array_get_object_element (rounds, n - 1);
  if (!JSON_NODE_HOLDS_NULL (json_object_get_member (last, "reply")) ||
      json_object_get_boolean_member_with_default (last, "accepted", FALSE))
    return NULL;
  return last;
}

/* A buyer accepts only a round that proposes something (a proposal or an
 * amount), and only after answering an earlier round: a round-1 message
 * that offers nothing is never accepted, and buyers talk before they agree. */
gboolean
shou_sim_buyers_may_accept (ShouHubAftersale *as)
{
  JsonObject *nego = json_object_get_object_member (as->doc, "negotiation");
  JsonArray *rounds = nego && json_object_has_member (nego, "rounds")
                      ? json_object_get_array_member (nego, "rounds") : NULL;
  JsonObject *last = pending_round (as);
  const char *proposal;
  gboolean replied_before = FALSE;

  if (last == NULL)
    return FALSE;
  proposal = json_object_get_string_member_with_default (last, "proposal", "none");
  if (g_strcmp0 (proposal, "none") == 0 &&
      json_object_get_int_member_with_default (last, "amount_fen", 0) <= 0)
    return FALSE;
  for (guint i = 0; i + 1 < json_array_get_length (rounds); i++)
    {
      JsonObject *r = json_array_get_object_element (rounds, i);

      if (json_object_has_member (r, "reply") && !JSON_NODE_HOLDS_NULL (json_object_get_member (r, "reply")))
        replied_before = TRUE;
    }
  return replied_before;
}

/* Answers @as's pending round: round 1 with an answer; a proposal is
 * accepted when it is generous (a refund or compensation of at least 80 %
 * of the amount asked for) or, with @may_roll, one time in four. */
static char *
answer_round (ShouSimBuyers    *self,
              ShouHubAftersale *as,
              gboolean          may_roll)
{
  JsonObject *last = pending_round (as);
  ShouEvent event = { 0 };
  gboolean accept = FALSE;

  if (last == NULL)
    return NULL;
  if (shou_sim_buyers_may_accept (as))
    {
      gint64 offered = json_object_get_int_member_with_default (last, "amount_fen", 0);

      accept = offered * 5 >= as->state.amount_fen * 4 ||
               (may_roll && g_rand_int_range (shou_sim_demo_get_rand (self->demo), 0, 4) == 0);
    }
  if (accept)
    {
      event.kind = SHOU_EVENT_BUYER_ACCEPT;
      event.text = shou_sim_demo_pick_acceptance (self->demo);
    }
  else
    {
      event.kind = SHOU_EVENT_BUYER_REPLY;
      event.text = json_object_get_int_member_with_default (last, "round", 1) >= 2
                   ? shou_sim_demo_pick_refusal (self->demo)
                   : shou_sim_demo_pick_reply (self->demo);
    }
  if (!apply_and_save (self, as, &event, NULL))
    return NULL;
  return describe (as, accept ? "accepted the seller's proposal" : "replied to the negotiation");
}

/* A round the seller sent a little while ago gets its answer first, so a
 * person trying the demo sees the negotiation move on. */
static char *
answer_fresh_round (ShouSimBuyers *self)
{
  ShouHubStore *db = shou_sim_world_get_db (self->world);
  g_autoptr(GPtrArray) ids = shou_hub_store_sample_aftersales (db, SHOU_STATUS_NEGOTIATING, 1000);
  gint64 now = shou_sim_world_now (self->world);

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(ShouHubAftersale) as = shou_sim_world_find_request (self->world, ids->pdata[i]);
      JsonObject *last = as ? pending_round (as) : NULL;
      gint64 sent_at;

      if (last == NULL || g_strcmp0 (as->merchant_id, "scale") == 0)
        continue;
      sent_at = json_object_get_int_member_with_default (last, "sent_at", 0);
      if (sent_at > now - self->reply_delay || sent_at < now - FRESH_ROUND)
        continue;
      return answer_round (self, as, FALSE);
    }
  return NULL;
}

typedef char *(*CareMove) (ShouHubStore *db, GRand *rand, const char *merchant, gint64 now, GError **error);

/* A buyer's review or complaint, in a transaction of its own. */
static char *
leave_review (ShouSimBuyers *self,
              CareMove       move,
              GRand         *rand)
{
  ShouHubStore *db = shou_sim_world_get_db (self->world);
  g_autoptr(GError) error = NULL;
  char *what = NULL;

  if (!shou_hub_store_begin (db, &error))
    return NULL;
  what = move (db, rand, "demo", shou_sim_world_now (self->world), &error);
  if (what == NULL || !shou_hub_store_commit (db, &error))
    {
      shou_hub_store_rollback (db);
      if (error != NULL)
        g_warning ("A buyer's review or complaint failed: %s", error->message);
      g_clear_pointer (&what, g_free);
    }
  return what;
}

char *
shou_sim_buyers_step (ShouSimBuyers *self)
{
  char *fresh;

  GRand *rand;

  g_return_val_if_fail (SHOU_IS_SIM_BUYERS (self), NULL);

  rand = shou_sim_demo_get_rand (self->demo);
  /* Besides the round's move (so that a round is still one request's
   * move, as GET /v1/test/step counts them). */
  if (++self->steps % REVIEW_EVERY == 0)
    g_free (leave_review (self, shou_sim_reviews_leave, self->review_rand));
  if (self->steps % COMPLAINT_EVERY == 0)
    g_free (leave_review (self, shou_sim_complaints_file, self->complaint_rand));
  if ((fresh = answer_fresh_round (self)) != NULL)
    return fresh;
  /* A few attempts: a sampled request may not accept the move right now. */
  for (guint attempt = 0; attempt < 6; attempt++)
    {
      int roll = g_rand_int_range (rand, 0, 100);
      ShouEvent event = { 0 };
      g_autofree char *tracking = NULL;
      char *what = NULL;

      if (roll < 28)
        {
          g_autoptr(ShouHubAftersale) as = sample (self, SHOU_STATUS_NEGOTIATING);

          if (as != NULL && g_strcmp0 (as->merchant_id, "scale") != 0)
            what = answer_round (self, as, TRUE);
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
          g_autoptr(ShouHubAftersale) as = sample (self, SHOU_STATUS_WAIT_SELLER_RECEIPT);
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
          g_autoptr(ShouHubAftersale) as = sample (self, SHOU_STATUS_REFUSED);
          g_autofree char *text = NULL;

          if (as != NULL && g_strcmp0 (as->merchant_id, "scale") != 0)
            {
              text = shou_sim_demo_pick_escalation (self->demo, as->state.platform);
              event.kind = SHOU_EVENT_BUYER_ESCALATE;
              event.text = text;
              if (apply_and_save (self, as, &event, NULL))
                what = describe (as, "asked the platform to intervene");
            }
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
