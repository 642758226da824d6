#include "config.h"

#include <string.h>

#include "shou-sim-demo-texts.h"
#include "shou-sim-demo.h"

struct _ShouSimDemo
{
  GObject       parent_instance;
  ShouSimWorld *world;
  GRand        *rand;
};

G_DEFINE_FINAL_TYPE (ShouSimDemo, shou_sim_demo, G_TYPE_OBJECT)

static void
shou_sim_demo_dispose (GObject *object)
{
  ShouSimDemo *self = SHOU_SIM_DEMO (object);

  g_clear_object (&self->world);
  G_OBJECT_CLASS (shou_sim_demo_parent_class)->dispose (object);
}

static void
shou_sim_demo_finalize (GObject *object)
{
  ShouSimDemo *self = SHOU_SIM_DEMO (object);

  g_clear_pointer (&self->rand, g_rand_free);
  G_OBJECT_CLASS (shou_sim_demo_parent_class)->finalize (object);
}

static void
shou_sim_demo_class_init (ShouSimDemoClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = shou_sim_demo_dispose;
  G_OBJECT_CLASS (klass)->finalize = shou_sim_demo_finalize;
}

static void
shou_sim_demo_init (ShouSimDemo *self)
{
}

ShouSimDemo *
shou_sim_demo_new (ShouSimWorld *world,
                   guint32       seed)
{
  ShouSimDemo *self = g_object_new (SHOU_TYPE_SIM_DEMO, NULL);

  self->world = g_object_ref (world);
  self->rand = g_rand_new_with_seed (seed);
  return self;
}

GRand *
shou_sim_demo_get_rand (ShouSimDemo *self)
{
  return self->rand;
}

const char *
shou_sim_demo_pick_reply (ShouSimDemo *self)
{
  return shou_sim_texts_pick_reply (self->rand);
}

const char *
shou_sim_demo_pick_refusal (ShouSimDemo *self)
{
  return shou_sim_texts_pick_refusal (self->rand);
}

const char *
shou_sim_demo_pick_acceptance (ShouSimDemo *self)
{
  return shou_sim_texts_pick_acceptance (self->rand);
}

char *
shou_sim_demo_pick_escalation (ShouSimDemo  *self,
                               ShouPlatform  platform)
{
  return shou_sim_texts_pick_escalation (self->rand, platform);
}

const char *
shou_sim_demo_pick_buyer_text (ShouSimDemo      *self,
                               const char       *title,
                               ShouOrderState    state,
                               ShouRequestType   type,
                               const char      **out_reason_code)
{
  return shou_sim_texts_pick_buyer_text (self->rand, title, state, type, out_reason_code);
}

const char *
shou_sim_demo_pick_logistics (ShouSimDemo *self,
                              guint        step)
{
  return shou_sim_texts_pick_logistics (self->rand, step);
}

const char *
shou_sim_demo_pick_carrier (ShouSimDemo *self)
{
  return shou_sim_texts_pick_carrier (self->rand);
}

char *
shou_sim_demo_make_tracking (ShouSimDemo *self,
                             const char  *carrier)
{
  return shou_sim_texts_make_tracking (self->rand, carrier);
}

/* Orders */

static char *
make_order_no (ShouSimDemo  *self,
               ShouPlatform  platform,
               gint64        at)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (at / G_USEC_PER_SEC);

  switch (platform)
    {
    case SHOU_PLATFORM_PDD:
      return g_strdup_printf ("%02d%02d%02d-%015" G_GINT64_FORMAT,
                              g_date_time_get_year (dt) % 100, g_date_time_get_month (dt),
                              g_date_time_get_day_of_month (dt),
                              (gint64) g_rand_int (self->rand) * 100000 + g_rand_int_range (self->rand, 0, 99999));
    case SHOU_PLATFORM_DOUYIN:
      return g_strdup_printf ("69%08u%09u", g_rand_int (self->rand) % 100000000u,
                              g_rand_int (self->rand) % 1000000000u);
    case SHOU_PLATFORM_JD:
      return g_strdup_printf ("3%011u", g_rand_int (self->rand) % 100000000u * 1000 +
                              g_rand_int_range (self->rand, 0, 1000));
    case SHOU_PLATFORM_TAOBAO:
    case SHOU_PLATFORM_TMALL:
    case SHOU_N_PLATFORMS:
    default:
      return g_strdup_printf ("3%09u%09u", g_rand_int (self->rand) % 1000000000u,
                              g_rand_int (self->rand) % 1000000000u);
    }
}

/* A buyer's nickname in the style of @platform: a chosen one, or the
 * default the platform gives new users. */
static char *
make_nick (ShouSimDemo  *self,
           ShouPlatform  platform)
{
  if (g_rand_int_range (self->rand, 0, 3) != 0)
    return g_strdup (shou_sim_texts_pick_nick (self->rand));
  switch (platform)
    {
    case SHOU_PLATFORM_TAOBAO:
    case SHOU_PLATFORM_TMALL:
      return g_strdup_printf ("tb%09u", g_rand_int (self->rand) % 1000000000u);
    case SHOU_PLATFORM_JD:
      return g_strdup_printf ("jd_%07x", g_rand_int (self->rand) % 0x10000000u);
    case SHOU_PLATFORM_DOUYIN:
      return g_strdup_printf ("用户%010u", g_rand_int (self->rand) % 1000000000u + 1000000000u);
    case SHOU_PLATFORM_PDD:
      return g_rand_boolean (self->rand)
             ? g_strdup_printf ("pdd%08u", g_rand_int (self->rand) % 100000000u)
             : g_strdup_printf ("拼单达人%02u", g_rand_int_range (self->rand, 1, 100));
    case SHOU_N_PLATFORMS:
    default:
      return g_strdup (shou_sim_texts_pick_nick (self->rand));
    }
}

static void
set_time_or_null (JsonObject *o,
                  const char *name,
                  gint64      value)
{
  if (value > 0)
    json_object_set_int_member (o, name, value);
  else
    json_object_set_null_member (o, name);
}

static JsonObject *
make_order (ShouSimDemo    *self,
            const char     *order_id,
            const char     *shop_id,
            ShouPlatform    platform,
            ShouOrderState  state,
            gboolean        cod,
            gint64          created_at)
{
  JsonObject *order = json_object_new ();
  JsonObject *buyer = json_object_new ();
  JsonArray *lines = json_array_new ();
  g_autofree char *order_no = make_order_no (self, platform, created_at);
  g_autofree char *nick = make_nick (self, platform);
  g_autofree char *name = g_strdup_printf ("%s*", shou_sim_texts_pick_surname (self->rand));
  g_autofree char *phone = g_strdup_printf ("1%d%d****%04d", g_rand_int_range (self->rand, 3, 10),
                                            g_rand_int_range (self->rand, 0, 10),
                                            g_rand_int_range (self->rand, 0, 10000));
  guint n_lines = g_rand_int_range (self->rand, 0, 4) == 0 ? 2 : 1;
  gint64 paid = 0;
  gint64 paid_at = created_at + g_rand_int_range (self->rand, 1, 30) * SHOU_USEC_PER_MINUTE;
  gint64 shipped_at = paid_at + g_rand_int_range (self->rand, 3, 40) * SHOU_USEC_PER_HOUR;
  gint64 completed_at = shipped_at + g_rand_int_range (self->rand, 2, 5) * SHOU_USEC_PER_DAY;

  for (guint i = 0; i < n_lines; i++)
    {
      const ShouSimGoods *g = shou_sim_texts_pick_goods (self->rand);
      JsonObject *line = json_object_new ();
      g_autofree char *line_id = g_strdup_printf ("%s-%u", order_id, i + 1);
      int quantity = g_rand_int_range (self->rand, 0, 5) == 0 ? 2 : 1;

      json_object_set_string_member (line, "id", line_id);
      json_object_set_string_member (line, "title", g->title);
      json_object_set_string_member (line, "sku", g->sku);
      json_object_set_int_member (line, "quantity", quantity);
      json_object_set_int_member (line, "price_fen", g->price_fen);
      json_array_add_object_element (lines, line);
      paid += g->price_fen * quantity;
    }

  json_object_set_string_member (buyer, "nick", nick);
  json_object_set_string_member (buyer, "name", name);
  json_object_set_string_member (buyer, "phone", phone);
  json_object_set_string_member (buyer, "address", shou_sim_texts_pick_place (self->rand));

  json_object_set_string_member (order, "id", order_id);
  json_object_set_string_member (order, "shop_id", shop_id);
  json_object_set_string_member (order, "order_no", order_no);
  json_object_set_string_member (order, "state", shou_order_state_to_string (state));
  json_object_set_boolean_member (order, "cod", cod);
  json_object_set_int_member (order, "paid_fen", state == SHOU_ORDER_PENDING_PAYMENT ? 0 : paid);
  json_object_set_int_member (order, "created_at", created_at);
  set_time_or_null (order, "paid_at", state != SHOU_ORDER_PENDING_PAYMENT ? paid_at : 0);
  set_time_or_null (order, "shipped_at", state == SHOU_ORDER_SHIPPED || state == SHOU_ORDER_COMPLETED ? shipped_at : 0);
  set_time_or_null (order, "completed_at", state == SHOU_ORDER_COMPLETED ? completed_at : 0);
  json_object_set_object_member (order, "buyer", buyer);
  json_object_set_array_member (order, "lines", lines);
  return order;
}

/* Places the order's history just before @opened_at, as a buyer opens a
 * request some time after receiving (or waiting for) the goods. */
static void
retime_order (ShouSimDemo *self,
              JsonObject  *order,
              gint64       opened_at)
{
  ShouOrderState state = SHOU_ORDER_COMPLETED;
  gint64 completed = 0, shipped = 0, paid, created;

  shou_order_state_from_string (json_object_get_string_member (order, "state"), &state);
  if (state == SHOU_ORDER_COMPLETED)
    {
      completed = opened_at - g_rand_int_range (self->rand, 60, 3 * 24 * 60) * SHOU_USEC_PER_MINUTE;
      shipped = completed - g_rand_int_range (self->rand, 2, 5) * SHOU_USEC_PER_DAY;
    }
  else if (state == SHOU_ORDER_SHIPPED)
    shipped = opened_at - g_rand_int_range (self->rand, 60, 2 * 24 * 60) * SHOU_USEC_PER_MINUTE;
  paid = (shipped ? shipped : opened_at) - g_rand_int_range (self->rand, 3, 40) * SHOU_USEC_PER_HOUR;
  created = paid - g_rand_int_range (self->rand, 1, 30) * SHOU_USEC_PER_MINUTE;
  json_object_set_int_member (order, "created_at", created);
  set_time_or_null (order, "paid_at", state != SHOU_ORDER_PENDING_PAYMENT ? paid : 0);
  set_time_or_null (order, "shipped_at", shipped);
  set_time_or_null (order, "completed_at", completed);
}

char *
shou_sim_demo_add_order (ShouSimDemo     *self,
                         const char      *shop_id,
                         ShouOrderState   state,
                         gint64           at,
                         GError         **error)
{
  ShouHubStore *db = shou_sim_world_get_db (self->world);
  g_autofree char *merchant = NULL;
  g_autofree char *order_id = NULL;
  g_autoptr(JsonObject) order = NULL;
  ShouPlatform platform;
  gint64 created;

  merchant = shou_hub_store_get_shop (db, shop_id, &platform);
  if (merchant == NULL)
    {
      g_set_error (error, SHOU_HUB_ERROR, SHOU_HUB_ERROR_NOT_FOUND, "No shop %s", shop_id);
      return NULL;
    }
  order_id = g_strdup_printf ("o-%" G_GINT64_FORMAT, shou_hub_store_next_id (db, "order"));
  /* Old enough for its state's timestamps to lie in the past. */
  created = at - (state == SHOU_ORDER_COMPLETED ? 7 : state == SHOU_ORDER_SHIPPED ? 3 : 0) * SHOU_USEC_PER_DAY
               - SHOU_USEC_PER_HOUR;
  order = make_order (self, order_id, shop_id, platform, state,
                      platform == SHOU_PLATFORM_DOUYIN && g_rand_int_range (self->rand, 0, 4) == 0,
                      created);
  if (!shou_hub_store_put_order (db, order_id, shop_id, merchant, order, 1, at, error))
    return NULL;
  return g_steal_pointer (&order_id);
}

/* Stories: a request's history, replayed through core. */

typedef struct
{
  ShouEventKind kind;
  gint64        offset;      /* after the request opened */
  const char   *text;
  ShouProposal  proposal;
  guint         round;
  gint64        amount_fen;
  gboolean      with_evidence;
} Step;

typedef struct
{
  ShouRequestType type;
  ShouOrderState  order_state;
  const char     *reason;     /* NULL: chosen to fit the goods (add_request) */
  const char     *text;
  Step            steps[8];
  guint           n_steps;
  char            escalation[160];
} Story;

static void
story_add (ShouSimDemo   *self,
           Story         *story,
           ShouEventKind  kind,
           const char    *text)
{
  Step *step;
  gint64 prev = story->n_steps > 0 ? story->steps[story->n_steps - 1].offset : 0;

  g_assert (story->n_steps < G_N_ELEMENTS (story->steps));
  step = &story->steps[story->n_steps++];
  memset (step, 0, sizeof *step);
  step->kind = kind;
  step->text = text;
  step->offset = prev + g_rand_int_range (self->rand, 20, 16 * 60) * SHOU_USEC_PER_MINUTE;
}

/* A random story for @platform; the request ends wherever core lets it. */
static void
make_story (ShouSimDemo  *self,
            ShouPlatform  platform,
            Story        *story)
{
  int plot = g_rand_int_range (self->rand, 0, 14);
  g_autofree char *escalation = shou_sim_demo_pick_escalation (self, platform);

  memset (story, 0, sizeof *story);
  g_strlcpy (story->escalation, escalation, sizeof story->escalation);
  story->order_state = g_rand_boolean (self->rand) ? SHOU_ORDER_COMPLETED : SHOU_ORDER_SHIPPED;
  story->type = SHOU_REQUEST_RETURN_REFUND;

  switch (plot)
    {
    case 0: /* unshipped refund, waiting for the seller */
      story->type = SHOU_REQUEST_REFUND_ONLY;
      story->order_state = SHOU_ORDER_PENDING_SHIPMENT;
      story->reason = g_rand_boolean (self->rand) ? "late_shipping" : "not_wanted";
      story->text = g_str_equal (story->reason, "late_shipping") ? "说好48小时内发货，到现在还没发"
                                                                 : "拍错规格了，麻烦退一下";
      break;
    case 1: /* return waiting for the seller */
      break;
    case 2: /* refund only after shipment, waiting */
      story->type = SHOU_REQUEST_REFUND_ONLY;
      break;
    case 3: /* agreed, buyer must ship */
      story_add (self, story, SHOU_EVENT_AGREE_RETURN, "请在7天内寄回，不要使用到付");
      break;
    case 4: /* shipped back, seller must confirm receipt */
      story_add (self, story, SHOU_EVENT_AGREE_RETURN, "");
      story_add (self, story, SHOU_EVENT_BUYER_SHIP_RETURN, NULL);
      story_add (self, story, SHOU_EVENT_LOGISTICS_UPDATE, shou_sim_texts_pick_logistics (self->rand, 1));
      break;
    case 5: /* negotiation round 1 */
      story_add (self, story, SHOU_EVENT_NEGOTIATE, "您好，非常抱歉给您带来不便，能否提供一下商品问题的照片？我们核实后马上为您处理");
      story->steps[story->n_steps - 1].round = 1;
      break;
    case 6: /* round 1 answered; round 2 sent */
      story_add (self, story, SHOU_EVENT_NEGOTIATE, "您好，麻烦您提供一下问题照片，我们帮您核实");
      story->steps[story->n_steps - 1].round = 1;
      story_add (self, story, SHOU_EVENT_BUYER_REPLY, shou_sim_texts_pick_reply (self->rand));
      story_add (self, story, SHOU_EVENT_NEGOTIATE, "核实后为您补偿部分金额，商品无需退回，您看可以吗？");
      story->steps[story->n_steps - 1].round = 2;
      story->steps[story->n_steps - 1].proposal = SHOU_PROPOSAL_PARTIAL_REFUND;
      story->steps[story->n_steps - 1].amount_fen = 1000;
      story->steps[story->n_steps - 1].with_evidence = TRUE;
      break;
    case 7: /* refused by the seller */
      story->order_state = SHOU_ORDER_COMPLETED;
      story_add (self, story, SHOU_EVENT_NEGOTIATE, "您好，商品已经使用过，需要不影响二次销售才能办理退货，还请您理解");
      story->steps[story->n_steps - 1].round = 1;
      story_add (self, story, SHOU_EVENT_BUYER_REPLY, shou_sim_texts_pick_reply (self->rand));
      story_add (self, story, SHOU_EVENT_NEGOTIATE, "可以为您换一件新的，您看可以吗？");
      story->steps[story->n_steps - 1].round = 2;
      story->steps[story->n_steps - 1].proposal = SHOU_PROPOSAL_EXCHANGE;
      story->steps[story->n_steps - 1].with_evidence = TRUE;
      story_add (self, story, SHOU_EVENT_BUYER_REPLY, "不接受，我就要退货退款");
      story_add (self, story, SHOU_EVENT_REJECT, "退回商品有明显使用痕迹，影响二次销售");
      story->steps[story->n_steps - 1].with_evidence = TRUE;
      break;
    case 8: /* escalated after a refusal */
      story->order_state = SHOU_ORDER_COMPLETED;
      story_add (self, story, SHOU_EVENT_NEGOTIATE, "您好，商品已经使用过，需要不影响二次销售才能办理退货，还请您理解");
      story->steps[story->n_steps - 1].round = 1;
      story_add (self, story, SHOU_EVENT_BUYER_REPLY, shou_sim_texts_pick_reply (self->rand));
      story_add (self, story, SHOU_EVENT_NEGOTIATE, "可以为您补偿10元，您看可以吗？");
      story->steps[story->n_steps - 1].round = 2;
      story->steps[story->n_steps - 1].proposal = SHOU_PROPOSAL_COMPENSATION;
      story->steps[story->n_steps - 1].amount_fen = 1000;
      story->steps[story->n_steps - 1].with_evidence = TRUE;
      story_add (self, story, SHOU_EVENT_BUYER_REPLY, "不接受");
      story_add (self, story, SHOU_EVENT_REJECT, "商品经检测无质量问题，属于正常使用磨损");
      story->steps[story->n_steps - 1].with_evidence = TRUE;
      story_add (self, story, SHOU_EVENT_BUYER_ESCALATE, story->escalation);
      break;
    case 9: /* refunded */
      story->type = SHOU_REQUEST_REFUND_ONLY;
      story_add (self, story, SHOU_EVENT_AGREE_REFUND, NULL);
      break;
    case 10: /* return completed */
      story_add (self, story, SHOU_EVENT_AGREE_RETURN, "");
      story_add (self, story, SHOU_EVENT_BUYER_SHIP_RETURN, NULL);
      story_add (self, story, SHOU_EVENT_CONFIRM_RECEIPT, NULL);
      break;
    case 11: /* withdrawn */
      story_add (self, story, SHOU_EVENT_BUYER_CANCEL, NULL);
      break;
    case 12: /* exchange waiting for the seller to ship */
      story->type = SHOU_REQUEST_EXCHANGE;
      story_add (self, story, SHOU_EVENT_AGREE_RETURN, "收到后给您换大一码发出");
      story_add (self, story, SHOU_EVENT_BUYER_SHIP_RETURN, NULL);
      story_add (self, story, SHOU_EVENT_CONFIRM_RECEIPT, NULL);
      break;
    case 13: /* cash on delivery, receipt confirmed: refund proof due */
    default:
      story_add (self, story, SHOU_EVENT_AGREE_RETURN, "");
      story_add (self, story, SHOU_EVENT_BUYER_SHIP_RETURN, NULL);
      story_add (self, story, SHOU_EVENT_CONFIRM_RECEIPT, NULL);
      break;
    }

  /* Platforms without the negotiation tool: a direct refusal or agreement. */
  if (plot >= 5 && plot <= 8 && platform != SHOU_PLATFORM_PDD)
    {
      if (plot == 5 || plot == 6)
        {
          story->n_steps = 0;
          story_add (self, story, SHOU_EVENT_MESSAGE, "您好，麻烦您提供一下商品问题的照片，我们核实后马上处理");
        }
      else
        {
          story->n_steps = 0;
          story_add (self, story, SHOU_EVENT_REJECT, "退回商品有明显使用痕迹，影响二次销售");
          story->steps[0].with_evidence = TRUE;
          if (plot == 8)
            story_add (self, story, SHOU_EVENT_BUYER_ESCALATE, story->escalation);
        }
    }
}

static const char *
first_reason_code (ShouSimDemo  *self,
                   ShouPlatform  platform)
{
  guint n = 0;
  const ShouRejectReason *reasons =
    shou_profile_get_reject_reasons (shou_sim_world_get_profile (self->world, platform), &n);

  return n > 0 ? reasons[g_rand_int_range (self->rand, 0, n)].code : NULL;
}

/* Replays @story on a fresh request at @base; stops at the first step core
 * refuses (the request stays where it is). */
static ShouHubAftersale *
play_story (ShouSimDemo *self,
            const Story *story,
            JsonObject  *order,
            const char  *merchant,
            const char  *line_id,
            gint64       amount_fen,
            JsonObject  *address,
            gint64       base,
            const char  *evidence_sha,
            gint64      *out_last)
{
  ShouHubAftersale *as;
  ShouPlatform platform;
  gint64 last = base;

  as = shou_sim_world_open_on (self->world, order, merchant, TRUE, line_id, story->type, amount_fen, -1,
                               story->reason, story->text, NULL, base, NULL);
  if (as == NULL)
    return NULL;
  platform = as->state.platform;

  for (guint i = 0; i < story->n_steps; i++)
    {
      const Step *step = &story->steps[i];
      g_autoptr(JsonObject) params = json_object_new ();
      g_autofree char *tracking = NULL;
      g_autofree char *explanation = NULL;
      ShouEvent event = { 0 };
      gint64 at = base + step->offset;
      const char *carrier = NULL;

      event.kind = step->kind;
      event.text = step->text;
      event.round = step->round;
      event.proposal = step->proposal;
      event.amount_fen = step->amount_fen;
      if (step->with_evidence && evidence_sha != NULL)
        {
          JsonArray *list = json_array_new ();

          g_autoptr(GBytes) png = shou_sim_texts_tiny_png ();

          shou_hub_doc_attach_evidence (as, evidence_sha, "image/png", g_bytes_get_size (png),
                                        "product_photo", SHOU_ACTOR_SELLER, at);
          json_array_add_string_element (list, evidence_sha);
          json_object_set_array_member (params, "evidence", list);
          event.n_evidence = 1;
        }
      switch (step->kind)
        {
        case SHOU_EVENT_AGREE_REFUND:
          event.amount_fen = as->state.amount_fen;
          break;
        case SHOU_EVENT_AGREE_RETURN:
          event.address_id = json_object_get_string_member (address, "id");
          json_object_set_object_member (params, "address", json_object_ref (address));
          break;
        case SHOU_EVENT_NEGOTIATE:
          {
            JsonArray *scripts = json_array_new ();

            json_array_add_string_element (scripts, shou_sim_texts_pick_r1_script (self->rand));
            json_object_set_array_member (params, "scripts", scripts);
          }
          break;
        case SHOU_EVENT_REJECT:
          {
            const ShouRejectReason *reason;

            event.reason_code = first_reason_code (self, platform);
            reason = event.reason_code
              ? shou_profile_find_reject_reason (shou_sim_world_get_profile (self->world, platform),
                                                 event.reason_code)
              : NULL;
            if (reason != NULL)
              {
                explanation = g_strdup_printf ("经核实：%s。已与买家沟通并附上凭证，请平台知悉。", reason->text);
                event.text = explanation;
              }
          }
          break;
        case SHOU_EVENT_BUYER_SHIP_RETURN:
          carrier = shou_sim_texts_pick_carrier (self->rand);
          tracking = shou_sim_demo_make_tracking (self, carrier);
          event.carrier = carrier;
          event.tracking_no = tracking;
          break;
        case SHOU_EVENT_OPEN:
        case SHOU_EVENT_BUYER_REPLY:
        case SHOU_EVENT_BUYER_ACCEPT:
        case SHOU_EVENT_BUYER_CANCEL:
        case SHOU_EVENT_BUYER_ESCALATE:
        case SHOU_EVENT_BUYER_MODIFY:
        case SHOU_EVENT_BUYER_CONFIRM_EXCHANGE:
        case SHOU_EVENT_CONFIRM_RECEIPT:
        case SHOU_EVENT_REFUSE_RECEIPT:
        case SHOU_EVENT_SHIP_EXCHANGE:
        case SHOU_EVENT_UPLOAD_REFUND_PROOF:
        case SHOU_EVENT_MESSAGE:
        case SHOU_EVENT_LOGISTICS_UPDATE:
        case SHOU_EVENT_LAPSE:
        case SHOU_EVENT_PLATFORM_REFUND:
        case SHOU_EVENT_PLATFORM_CLOSE:
        case SHOU_N_EVENTS:
        default:
          break;
        }
      if (!shou_sim_world_apply (self->world, as, &event, params, at, NULL))
        break;
      last = at;
    }
  *out_last = last;
  return as;
}

/* Where the running deadline should land, relative to now. */
static gint64
pick_deadline_offset (ShouSimDemo *self,
                      gint64       grace)
{
  int roll = g_rand_int_range (self->rand, 0, 100);

  if (roll < 12 && grace > 10 * SHOU_USEC_PER_MINUTE)
    return -(gint64) g_rand_double_range (self->rand, 5 * 60, 0.8 * grace / G_USEC_PER_SEC) * G_USEC_PER_SEC;
  if (roll < 30)
    return (gint64) g_rand_int_range (self->rand, 10, 120) * SHOU_USEC_PER_MINUTE;
  if (roll < 55)
    return (gint64) g_rand_int_range (self->rand, 2, 24) * SHOU_USEC_PER_HOUR;
  return (gint64) g_rand_int_range (self->rand, 24, 24 * 6) * SHOU_USEC_PER_HOUR;
}

static gint64
running_deadline (ShouSimDemo      *self,
                  ShouHubAftersale *as,
                  gint64            at)
{
  ShouEvaluation eval;

  shou_rules_evaluate (shou_sim_world_request_profile (self->world, as), &as->state, at, &eval);
  if (eval.nego_wait_until > 0 && (eval.deadline_at == 0 || eval.nego_wait_until < eval.deadline_at))
    return eval.nego_wait_until;
  return eval.deadline_at;
}

static JsonObject *
make_address (ShouSimDemo *self,
              const char  *name,
              const char  *phone,
              const char  *province,
              const char  *city,
              const char  *district,
              const char  *street,
              const char  *postcode,
              gboolean     is_default)
{
  JsonObject *a = json_object_new ();

  json_object_set_string_member (a, "name", name);
  json_object_set_string_member (a, "phone", phone);
  json_object_set_string_member (a, "province", province);
  json_object_set_string_member (a, "city", city);
  json_object_set_string_member (a, "district", district);
  json_object_set_string_member (a, "street", street);
  json_object_set_string_member (a, "postcode", postcode);
  json_object_set_boolean_member (a, "is_default", is_default);
  return a;
}

typedef struct
{
  const char   *id;
  const char   *merchant;
  ShouPlatform  platform;
  const char   *name;
  guint         n_requests;
  guint         n_spare_orders;
} DemoShop;

static const DemoShop demo_shops[] = {
  { "shop-taobao", "demo", SHOU_PLATFORM_TAOBAO, "暖阳小屋 淘宝店", 55, 15 },
  { "shop-tmall", "demo", SHOU_PLATFORM_TMALL, "暖阳家居旗舰店", 45, 15 },
  { "shop-pdd", "demo", SHOU_PLATFORM_PDD, "暖阳好物 拼多多店", 60, 15 },
  { "shop-douyin", "demo", SHOU_PLATFORM_DOUYIN, "暖阳生活 抖店", 45, 15 },
  { "shop-jd", "demo", SHOU_PLATFORM_JD, "暖阳家居 京东店", 35, 10 },
  { "shop-other", "other", SHOU_PLATFORM_PDD, "山野茶铺 拼多多店", 12, 5 },
};

static gboolean
add_addresses (ShouSimDemo  *self,
               const char   *shop_id,
               const char   *merchant,
               JsonObject  **out_first,
               GError      **error)
{
  ShouHubStore *db = shou_sim_world_get_db (self->world);
  g_autoptr(JsonObject) a = make_address (self, "周敏（售后仓）", "13857196624", "浙江省", "杭州市",
                                          "余杭区", "仓前街道文一西路1500号 3号仓 售后组", "311121", TRUE);
  g_autoptr(JsonObject) b = make_address (self, "刘强（退货处）", "0571-88812345", "浙江省", "金华市",
                                          "义乌市", "福田街道商城大道88号 B座退货处", "322000", FALSE);
  g_autofree char *id_a = g_strdup_printf ("addr-%" G_GINT64_FORMAT, shou_hub_store_next_id (db, "address"));
  g_autofree char *id_b = g_strdup_printf ("addr-%" G_GINT64_FORMAT, shou_hub_store_next_id (db, "address"));

  if (!shou_hub_store_put_address (db, id_a, shop_id, merchant, a, 1, FALSE, error) ||
      !shou_hub_store_put_address (db, id_b, shop_id, merchant, b, 1, FALSE, error))
    return FALSE;
  *out_first = shou_hub_store_get_address (db, merchant, id_a);
  return TRUE;
}

static gboolean
add_request (ShouSimDemo   *self,
             const char    *shop_id,
             const char    *merchant,
             ShouPlatform   platform,
             JsonObject    *address,
             const char    *evidence_sha,
             gint64         now,
             gboolean       quick,
             GError       **error)
{
  ShouHubStore *db = shou_sim_world_get_db (self->world);
  g_autoptr(ShouHubAftersale) as = NULL;
  g_autoptr(JsonObject) order = NULL;
  g_autofree char *order_id = NULL;
  g_autofree char *line_id = NULL;
  JsonObject *line;
  Story story;
  gint64 base, last = 0, deadline, amount, target;
  gboolean cod;
  guint32 state_seed;

  make_story (self, platform, &story);
  cod = platform == SHOU_PLATFORM_DOUYIN && g_rand_int_range (self->rand, 0, 3) == 0 &&
        story.order_state != SHOU_ORDER_PENDING_SHIPMENT;

  order_id = g_strdup_printf ("o-%" G_GINT64_FORMAT, shou_hub_store_next_id (db, "order"));
  order = make_order (self, order_id, shop_id, platform, story.order_state, cod,
                      now - g_rand_int_range (self->rand, 8, 25) * SHOU_USEC_PER_DAY);

  line = json_array_get_object_element (json_object_get_array_member (order, "lines"), 0);
  line_id = g_strdup (json_object_get_string_member (line, "id"));
  amount = json_object_get_int_member (line, "price_fen") * json_object_get_int_member (line, "quantity");
  if (g_rand_int_range (self->rand, 0, 6) == 0 && amount > 2000)
    amount = amount / 2;
  /* The buyer's reason and words fit the goods and the order's state. */
  if (story.reason == NULL)
    story.text = shou_sim_demo_pick_buyer_text (self, json_object_get_string_member (line, "title"),
                                                story.order_state, story.type, &story.reason);

  if (quick)
    {
      base = now - g_rand_int_range (self->rand, 60, 3 * 24 * 60) * SHOU_USEC_PER_MINUTE;
      story.n_steps = MIN (story.n_steps, 2);
      retime_order (self, order, base);
      as = play_story (self, &story, order, merchant, line_id, amount, address, base, evidence_sha, &last);
    }
  else
    {
      /* Play once to learn where the deadline lands, then again shifted so
       * that it falls at the chosen distance from now. Same seed, same story. */
      state_seed = g_rand_int (self->rand);
      g_rand_set_seed (self->rand, state_seed);
      retime_order (self, order, now - 3 * SHOU_USEC_PER_DAY);
      as = play_story (self, &story, order, merchant, line_id, amount, address, now - 3 * SHOU_USEC_PER_DAY,
                       evidence_sha, &last);
      if (as == NULL)
        return shou_hub_store_put_order (db, order_id, shop_id, merchant, order, 1, now, error);
      /* Offsets relative to the first play's opening time. */
      last -= now - 3 * SHOU_USEC_PER_DAY;
      deadline = running_deadline (self, as, now - 3 * SHOU_USEC_PER_DAY + last);
      if (deadline > 0)
        deadline -= now - 3 * SHOU_USEC_PER_DAY;
      if (deadline > 0 && !shou_status_is_finished (as->state.status))
        {
          target = pick_deadline_offset (self, shou_sim_world_get_lapse_grace (self->world));
          base = now + target - deadline;
          base = MIN (base, now - last - 5 * SHOU_USEC_PER_MINUTE);
        }
      else
        base = now - last - g_rand_int_range (self->rand, 10, 8 * 24 * 60) * SHOU_USEC_PER_MINUTE;
      g_clear_pointer (&as, shou_hub_aftersale_free);
      g_rand_set_seed (self->rand, state_seed);
      retime_order (self, order, base);
      as = play_story (self, &story, order, merchant, line_id, amount, address, base, evidence_sha, &last);
    }
  if (!shou_hub_store_put_order (db, order_id, shop_id, merchant, order, 1, now, error))
    return FALSE;
  if (as == NULL)
    return TRUE;
  return shou_sim_world_save (self->world, as, error);
}

static gboolean
add_tiny_evidence (ShouSimDemo  *self,
                   const char   *merchant,
                   char        **out_sha,
                   GError      **error)
{
  g_autoptr(GBytes) bytes = shou_sim_texts_tiny_png ();

  *out_sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  return shou_hub_store_put_evidence (shou_sim_world_get_db (self->world), merchant, *out_sha, "image/png", bytes, error);
}

gboolean
shou_sim_demo_populate (ShouSimDemo  *self,
                        GError      **error)
{
  ShouHubStore *db = shou_sim_world_get_db (self->world);
  g_autofree char *sha = NULL;
  gint64 now = shou_sim_world_now (self->world);

  if (!shou_hub_store_begin (db, error))
    return FALSE;
  if (!shou_hub_store_add_merchant (db, "demo", "暖阳家居（演示商家）", "demo-token-7d1f0c52a9e4", error) ||
      !shou_hub_store_add_merchant (db, "other", "山野茶铺（隔离测试商家）", "other-token-3b86e1f07c2d", error) ||
      !add_tiny_evidence (self, "demo", &sha, error))
    goto fail;
  g_clear_pointer (&sha, g_free);
  if (!add_tiny_evidence (self, "other", &sha, error))
    goto fail;

  for (guint s = 0; s < G_N_ELEMENTS (demo_shops); s++)
    {
      const DemoShop *shop = &demo_shops[s];
      g_autoptr(JsonObject) address = NULL;

      if (!shou_hub_store_add_shop (db, shop->id, shop->merchant, shop->platform, shop->name, error) ||
          !add_addresses (self, shop->id, shop->merchant, &address, error))
        goto fail;
      for (guint i = 0; i < shop->n_requests; i++)
        if (!add_request (self, shop->id, shop->merchant, shop->platform, address, sha, now, FALSE, error))
          goto fail;
      for (guint i = 0; i < shop->n_spare_orders; i++)
        {
          g_autofree char *id = shou_sim_demo_add_order (self, shop->id,
                                                         g_rand_boolean (self->rand) ? SHOU_ORDER_SHIPPED
                                                                                     : SHOU_ORDER_COMPLETED,
                                                         now - g_rand_int_range (self->rand, 0, 48) * SHOU_USEC_PER_HOUR,
                                                         error);
          if (id == NULL)
            goto fail;
        }
    }
  return shou_hub_store_commit (db, error);

fail:
  shou_hub_store_rollback (db);
  return FALSE;
}

gboolean
shou_sim_demo_scale (ShouSimDemo  *self,
                     guint         n,
                     GError      **error)
{
  static const ShouPlatform platforms[] = {
    SHOU_PLATFORM_TAOBAO, SHOU_PLATFORM_TMALL, SHOU_PLATFORM_PDD, SHOU_PLATFORM_DOUYIN, SHOU_PLATFORM_JD,
  };
  ShouHubStore *db = shou_sim_world_get_db (self->world);
  g_autofree char *sha = NULL;
  JsonObject *addresses[G_N_ELEMENTS (platforms)] = { NULL, };
  gboolean ok = FALSE;
  g_autofree char *existing = NULL;
  gint64 now = shou_sim_world_now (self->world);

  shou_hub_store_set_bulk (db, TRUE);
  if (!shou_hub_store_begin (db, error) || !add_tiny_evidence (self, "scale", &sha, error))
    goto fail;

  existing = shou_hub_store_get_token (db, "scale");
  if (existing == NULL &&
      !shou_hub_store_add_merchant (db, "scale", "压测商家", "scale-token-5e0b7d3c", error))
    goto fail;
  for (guint p = 0; p < G_N_ELEMENTS (platforms); p++)
    {
      g_autofree char *shop_id = g_strdup_printf ("shop-scale-%s", shou_platform_to_string (platforms[p]));
      g_autofree char *owner = shou_hub_store_get_shop (db, shop_id, NULL);

      if (owner == NULL &&
          !shou_hub_store_add_shop (db, shop_id, "scale", platforms[p], shop_id, error))
        goto fail;
      if (!add_addresses (self, shop_id, "scale", &addresses[p], error))
        goto fail;
    }
  for (guint i = 0; i < n; i++)
    {
      guint p = i % G_N_ELEMENTS (platforms);
      g_autofree char *shop_id = g_strdup_printf ("shop-scale-%s", shou_platform_to_string (platforms[p]));

      if (!add_request (self, shop_id, "scale", platforms[p], addresses[p], sha, now, TRUE, error))
        goto fail;
    }
  ok = shou_hub_store_commit (db, error);

fail:
  if (!ok)
    shou_hub_store_rollback (db);
  shou_hub_store_set_bulk (db, FALSE);
  for (guint p = 0; p < G_N_ELEMENTS (platforms); p++)
    g_clear_pointer (&addresses[p], json_object_unref);
  return ok;
}
