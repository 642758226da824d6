/* shou-sim-complaints.c: buyers' complaints on the simulated platform
 * (shou-sim-complaints.h). */
#include "config.h"

#include "hub/shou-hub-complaint.h"
#include "hub/shou-hub-visit.h"
#include "shou-sim-complaints.h"

/* What buyers complain about (001 篇二, 002 ⑤). */
static const char *const texts[] = {
  "卖家承诺48小时内发货，到现在还没发货",
  "收到的商品是假货，要求赔偿",
  "客服辱骂买家，态度恶劣",
  "退款申请一直不处理，拖了好几天",
  "快递把包裹弄丢了，卖家不管",
  "商品有质量问题，卖家拒绝售后",
};

/* A demo complaint: its channel, when it was opened (hours before now),
 * and the seller's steps (hours after opening; 0 = not taken). */
typedef struct
{
  const char *channel;
  int         opened_hours_ago;
  int         handled;
  int         compensated;
  int         intervened;
  int         evidence;
  const char *outcome;
  int         finished;
} Stage;

static const Stage stages[] = {
  { "platform", 3, 0, 0, 0, 0, NULL, 0 },               /* new: 21 h left to handle */
  { "platform", 20, 0, 0, 0, 0, NULL, 0 },              /* 4 h left: due soon */
  { "platform", 12, 2, 0, 0, 0, NULL, 0 },              /* handled: the buyer confirms */
  { "platform", 30, 5, 5, 0, 0, NULL, 0 },              /* compensated within 24 h */
  { "platform", 40, 0, 0, 26, 0, NULL, 0 },             /* under intervention: evidence */
  { "12315", 26, 0, 0, 0, 0, NULL, 0 },                 /* from outside the platform */
  { "platform", 46, 3, 3, 0, 0, "resolved", 20 },       /* finished, no penalty */
  { "heimao", 44, 0, 0, 0, 0, NULL, 0 },
};

/* A complaint about @order by its buyer on @channel at @at, made as the
 * platform sends it (not stored). */
static JsonObject *
buyer_complaint (ShouHubStore  *db,
                 GRand         *rand,
                 const char    *merchant,
                 JsonObject    *order,
                 const char    *channel,
                 gint64         at,
                 GError       **error)
{
  g_autoptr(JsonObject) body = json_object_new ();
  g_autoptr(ShouHubFailure) failure = NULL;
  JsonObject *buyer = json_object_get_object_member (order, "buyer");
  JsonObject *complaint;

  json_object_set_string_member (body, "shop_id", json_object_get_string_member (order, "shop_id"));
  json_object_set_string_member (body, "order_id", json_object_get_string_member (order, "id"));
  json_object_set_string_member (body, "buyer_nick",
                                 buyer ? json_object_get_string_member_with_default (buyer, "nick", "买家") : "买家");
  json_object_set_string_member (body, "channel", channel);
  json_object_set_string_member (body, "text", texts[g_rand_int_range (rand, 0, G_N_ELEMENTS (texts))]);
  json_object_set_int_member (body, "opened_at", at);
  complaint = shou_hub_complaint_create (db, merchant, body, "platform", at, &failure);
  if (complaint == NULL)
    g_set_error (error, SHOU_HUB_ERROR, SHOU_HUB_ERROR_INTERNAL, "complaint: %s", failure->message);
  return complaint;
}

char *
shou_sim_complaints_file (ShouHubStore  *db,
                          GRand         *rand,
                          const char    *merchant,
                          gint64         now,
                          GError       **error)
{
  g_autoptr(GPtrArray) ids = shou_hub_store_list_order_ids (db, merchant, 8);
  g_autoptr(JsonObject) order = NULL;
  g_autoptr(JsonObject) complaint = NULL;

  if (ids->len == 0)
    return NULL;
  order = shou_hub_store_get_order (db, merchant, ids->pdata[g_rand_int_range (rand, 0, ids->len)]);
  if (order == NULL)
    return NULL;
  complaint = buyer_complaint (db, rand, merchant, order, "platform", now, error);
  if (complaint == NULL || !shou_hub_store_put_care (db, merchant, "complaint", complaint, error))
    return NULL;
  return g_strdup_printf ("%s %s: filed a complaint", json_object_get_string_member (complaint, "buyer_nick"),
                          json_object_get_string_member (complaint, "id"));
}

static gboolean
step (JsonObject           *complaint,
      ShouComplaintAction   action,
      const char           *outcome,
      gint64                at,
      GError              **error)
{
  g_autoptr(JsonObject) params = json_object_new ();
  g_autoptr(ShouHubFailure) failure = NULL;

  if (action == SHOU_COMPLAINT_ACTION_COMPENSATE)
    json_object_set_int_member (params, "amount_fen", 1000);
  if (action == SHOU_COMPLAINT_ACTION_EVIDENCE)
    json_object_set_string_member (params, "note", "发货记录和聊天截图");
  if (action == SHOU_COMPLAINT_ACTION_FINISH)
    json_object_set_string_member (params, "outcome", outcome);
  /* No profile: the demo's steps are all in time. */
  if (!shou_hub_complaint_apply (complaint, action, params, NULL, at, &failure))
    {
      g_set_error (error, SHOU_HUB_ERROR, SHOU_HUB_ERROR_INTERNAL, "complaint: %s", failure->message);
      return FALSE;
    }
  return TRUE;
}

gboolean
shou_sim_complaints_add_demo (ShouHubStore  *db,
                              GRand         *rand,
                              const char    *merchant,
                              guint          n,
                              gint64         now,
                              GError       **error)
{
  g_autoptr(GPtrArray) ids = shou_hub_store_list_order_ids (db, merchant, n);

  for (guint i = 0; i < n && i < ids->len; i++)
    {
      const Stage *s = &stages[i % G_N_ELEMENTS (stages)];
      g_autoptr(JsonObject) order = shou_hub_store_get_order (db, merchant, ids->pdata[i]);
      g_autoptr(JsonObject) complaint = NULL;
      gint64 at = now - s->opened_hours_ago * SHOU_USEC_PER_HOUR;

      if (order == NULL)
        continue;
      complaint = buyer_complaint (db, rand, merchant, order, s->channel, at, error);
      if (complaint == NULL)
        return FALSE;
      if ((s->handled && !s->compensated &&
           !step (complaint, SHOU_COMPLAINT_ACTION_HANDLE, NULL, at + s->handled * SHOU_USEC_PER_HOUR, error)) ||
          (s->compensated &&
           !step (complaint, SHOU_COMPLAINT_ACTION_COMPENSATE, NULL, at + s->compensated * SHOU_USEC_PER_HOUR,
                  error)) ||
          (s->intervened &&
           !step (complaint, SHOU_COMPLAINT_ACTION_INTERVENE, NULL, at + s->intervened * SHOU_USEC_PER_HOUR,
                  error)) ||
          (s->evidence &&
           !step (complaint, SHOU_COMPLAINT_ACTION_EVIDENCE, NULL, at + s->evidence * SHOU_USEC_PER_HOUR, error)) ||
          (s->finished &&
           !step (complaint, SHOU_COMPLAINT_ACTION_FINISH, s->outcome, at + s->finished * SHOU_USEC_PER_HOUR,
                  error)) ||
          !shou_hub_store_put_care (db, merchant, "complaint", complaint, error))
        return FALSE;
    }
  return TRUE;
}

/* Demo visits, anchored so that some are due now: (days since the
 * settlement, outcomes already recorded). */
static const struct
{
  int              days_ago;
  ShouVisitSource  source;
  ShouVisitOutcome week;
} visits[] = {
  { 8, SHOU_VISIT_SOURCE_COMPLAINT, SHOU_VISIT_OUTCOME_PENDING },     /* the week's visit is due */
  { 10, SHOU_VISIT_SOURCE_REVIEW, SHOU_VISIT_OUTCOME_PENDING },       /* late */
  { 31, SHOU_VISIT_SOURCE_SERVICE_CARD, SHOU_VISIT_OUTCOME_SATISFIED }, /* the month's is due */
  { 3, SHOU_VISIT_SOURCE_COMPLAINT, SHOU_VISIT_OUTCOME_PENDING },     /* upcoming */
};

gboolean
shou_sim_visits_add_demo (ShouHubStore  *db,
                          const char    *merchant,
                          gint64         now,
                          GError       **error)
{
  g_autoptr(GPtrArray) ids = shou_hub_store_list_order_ids (db, merchant, G_N_ELEMENTS (visits));

  for (guint i = 0; i < G_N_ELEMENTS (visits) && i < ids->len; i++)
    {
      g_autoptr(JsonObject) order = shou_hub_store_get_order (db, merchant, ids->pdata[i]);
      g_autoptr(JsonObject) visit = NULL;
      g_autofree char *id = NULL;
      JsonObject *buyer;
      gint64 anchor = now - visits[i].days_ago * SHOU_USEC_PER_DAY;

      if (order == NULL)
        continue;
      buyer = json_object_get_object_member (order, "buyer");
      id = g_strdup_printf ("vs-%" G_GINT64_FORMAT, shou_hub_store_next_id (db, "visit"));
      visit = shou_visit_record_new (id, json_object_get_string_member (order, "shop_id"),
                                     buyer ? json_object_get_string_member_with_default (buyer, "nick", "买家")
                                           : "买家",
                                     json_object_get_string_member (order, "id"),
                                     json_object_get_string_member (order, "order_no"), visits[i].source, NULL,
                                     anchor, anchor);
      if (visits[i].week != SHOU_VISIT_OUTCOME_PENDING)
        shou_visit_record_apply (visit, visits[i].week, "买家表示满意", anchor + 8 * SHOU_USEC_PER_DAY);
      if (!shou_hub_store_put_care (db, merchant, "visit", visit, error))
        return FALSE;
    }
  return TRUE;
}
