/* shou-sim-reviews.c: buyers' bad reviews on the simulated platform
 * (shou-sim-reviews.h). */
#include "config.h"

#include "hub/shou-hub-review.h"
#include "shou-sim-reviews.h"

typedef struct
{
  const char *reason;
  const char *rating;
  const char *text;
} ReviewText;

/* What buyers write (seed 001 篇一: quality, size, logistics and service
 * are the usual reasons; some write nothing at all). */
static const ReviewText texts[] = {
  { "quality", "bad", "用了两次就坏了，质量太差，不会再买了" },
  { "quality", "bad", "做工粗糙，线头很多，和价格不符" },
  { "not_as_described", "bad", "实物和图片差别很大，颜色完全不一样" },
  { "size", "neutral", "尺码偏小，建议大家买大一号" },
  { "logistics", "neutral", "东西还行，就是物流太慢了，等了一个星期" },
  { "logistics", "bad", "快递把盒子压坏了，里面的东西也变形了" },
  { "service", "bad", "问客服半天不回，态度很差" },
  { "price", "neutral", "刚买完就降价了，有点亏" },
  { "packaging", "neutral", "包装太简陋了，送人拿不出手" },
  { "none", "bad", "" },
  { "none", "neutral", "" },
};

static JsonObject *
review_body (GRand      *rand,
             JsonObject *order,
             gint64      reviewed_at)
{
  const ReviewText *t = &texts[g_rand_int_range (rand, 0, G_N_ELEMENTS (texts))];
  JsonObject *body = json_object_new ();
  JsonObject *buyer = json_object_get_object_member (order, "buyer");

  json_object_set_string_member (body, "shop_id", json_object_get_string_member (order, "shop_id"));
  json_object_set_string_member (body, "order_id", json_object_get_string_member (order, "id"));
  json_object_set_string_member (body, "buyer_nick",
                                 buyer ? json_object_get_string_member_with_default (buyer, "nick", "买家") : "买家");
  json_object_set_string_member (body, "rating", t->rating);
  json_object_set_string_member (body, "text", t->text);
  json_object_set_string_member (body, "reason_code", t->reason);
  json_object_set_int_member (body, "reviewed_at", reviewed_at);
  return body;
}

/* A review of @order, stored. (transfer full) */
static JsonObject *
add_review (ShouHubStore  *db,
            GRand         *rand,
            const char    *merchant,
            JsonObject    *order,
            gint64         reviewed_at,
            gint64         now,
            GError       **error)
{
  g_autoptr(JsonObject) body = review_body (rand, order, reviewed_at);
  g_autoptr(ShouHubFailure) failure = NULL;
  g_autoptr(JsonObject) review = shou_hub_review_create (db, merchant, body, "platform", now, &failure);

  if (review == NULL)
    {
      g_set_error (error, SHOU_HUB_ERROR, SHOU_HUB_ERROR_INTERNAL, "review: %s", failure->message);
      return NULL;
    }
  if (!shou_hub_store_put_review (db, merchant, review, error))
    return NULL;
  return g_steal_pointer (&review);
}

static JsonObject *
pick_order (ShouHubStore *db,
            const char   *merchant)
{
  g_autoptr(GPtrArray) ids = shou_hub_store_list_order_ids (db, merchant, 8);

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(JsonObject) order = shou_hub_store_get_order (db, merchant, ids->pdata[i]);
      const char *state = order ? json_object_get_string_member (order, "state") : NULL;

      if (g_strcmp0 (state, "shipped") == 0 || g_strcmp0 (state, "completed") == 0)
        return g_steal_pointer (&order);
    }
  return NULL;
}

char *
shou_sim_reviews_leave (ShouHubStore  *db,
                        GRand         *rand,
                        const char    *merchant,
                        gint64         now,
                        GError       **error)
{
  g_autoptr(JsonObject) order = pick_order (db, merchant);
  g_autoptr(JsonObject) review = NULL;

  if (order == NULL)
    return NULL;
  review = add_review (db, rand, merchant, order, now, now, error);
  if (review == NULL)
    return NULL;
  return g_strdup_printf ("%s %s: left a %s review (%s)", json_object_get_string_member (review, "buyer_nick"),
                          json_object_get_string_member (review, "id"),
                          json_object_get_string_member (review, "rating"),
                          json_object_get_string_member (review, "reason_code"));
}

static gboolean
follow_up (ShouHubStore      *db,
           const char        *merchant,
           JsonObject        *review,
           ShouReviewAction   action,
           const char        *params_json,
           gint64             at,
           GError           **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(ShouHubFailure) failure = NULL;
  JsonObject *params;

  if (!json_parser_load_from_data (parser, params_json, -1, error))
    return FALSE;
  params = json_node_get_object (json_parser_get_root (parser));
  if (!shou_hub_review_apply (review, action, params, at, &failure))
    {
      g_set_error (error, SHOU_HUB_ERROR, SHOU_HUB_ERROR_INTERNAL, "review: %s", failure->message);
      return FALSE;
    }
  return TRUE;
}

gboolean
shou_sim_reviews_add_demo (ShouHubStore  *db,
                           GRand         *rand,
                           const char    *merchant,
                           guint          n,
                           gint64         now,
                           GError       **error)
{
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JsonObject) order = pick_order (db, merchant);
      g_autoptr(JsonObject) review = NULL;
      gint64 at = now - g_rand_int_range (rand, 1, 7 * 24) * SHOU_USEC_PER_HOUR;
      guint stage = i % 5;

      if (order == NULL)
        return TRUE;
      review = add_review (db, rand, merchant, order, at, at, error);
      if (review == NULL)
        return FALSE;
      /* 0: new; 1: contacted; 2: remedy offered; 3: settled; 4: replied too. */
      if (stage >= 1 && !follow_up (db, merchant, review, SHOU_REVIEW_ACTION_CONTACT, "{}",
                                    at + SHOU_USEC_PER_HOUR, error))
        return FALSE;
      if (stage >= 2 && !follow_up (db, merchant, review, SHOU_REVIEW_ACTION_OFFER_REMEDY,
                                    "{\"kind\": \"price_difference\", \"amount_fen\": 500}",
                                    at + 2 * SHOU_USEC_PER_HOUR, error))
        return FALSE;
      if (stage >= 3 && !follow_up (db, merchant, review, SHOU_REVIEW_ACTION_MARK_CHANGED,
                                    stage == 3 ? "{\"changed\": true}" : "{\"changed\": false}",
                                    at + 3 * SHOU_USEC_PER_HOUR, error))
        return FALSE;
      if (stage == 4 && !follow_up (db, merchant, review, SHOU_REVIEW_ACTION_REPLY,
                                    "{\"text\": \"亲，非常抱歉给您带来不好的体验，我们已联系您并妥善处理，欢迎随时找客服。\"}",
                                    at + 4 * SHOU_USEC_PER_HOUR, error))
        return FALSE;
      if (stage > 0 && !shou_hub_store_put_review (db, merchant, review, error))
        return FALSE;
    }
  return TRUE;
}
