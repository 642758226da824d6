/* shou-taobao-platform-batch.c: pending agree_refund actions of Taobao and
 * Tmall shops carried together in taobao.rp.refunds.agree calls, per shop,
 * each call within the rule profile's batch limits (issue 23: Taobao 20
 * refunds / 6,000 yuan, Tmall 30 / 10,000 yuan) and the client's pacing.
 * TOP answers per refund (refund_mapping_result): a refund it refused fails
 * alone, the others of its call are done. */
#include "config.h"

#include "hub/platforms/protocol/shou-protocol.h"
#include "shou-taobao-actions.h"
#include "shou-taobao-platform-private.h"

/* The refund_version and refund_phase the seller saw (the stored raw
 * refund): TOP checks the version per refund, so nothing is read first. */
static gint64
seen_version (ShouHubAftersale *as)
{
  JsonObject *raw = json_object_get_object_member (as->doc, "taobao");
  g_autofree char *text = raw ? shou_protocol_json_code (raw, "refund_version") : NULL;

  return text ? g_ascii_strtoll (text, NULL, 10) : 0;
}

static const char *
seen_phase (ShouHubAftersale *as)
{
  JsonObject *raw = json_object_get_object_member (as->doc, "taobao");

  return raw ? shou_protocol_json_string (raw, "refund_phase") : NULL;
}

static void
fail_message (ShouTaobaoPlatform *self,
              ShouHubBatchItem   *item,
              int                 code,
              const char         *message)
{
  g_autoptr(GError) error = g_error_new_literal (SHOU_PROTOCOL_ERROR, code, message);

  item->failure = shou_taobao_failure (self, item->as, error, FALSE);
}

/* Went through: what TOP shows now, read back and stored. */
static void
finish (ShouTaobaoPlatform *self,
        ShouHubBatchItem   *item,
        const char         *session)
{
  g_autoptr(JsonObject) refund = shou_taobao_get_refund (self, item->as->shop_id, session,
                                                         item->as->platform_id, NULL);

  if (refund != NULL)
    shou_taobao_fill_aftersale (item->as, refund, item->as->state.platform);
  else
    item->as->state.version++;
  shou_platform_base_store (&self->base, item->as, &item->failure);
}

/* One taobao.rp.refunds.agree for the items @call indexes. */
static void
agree_call (ShouTaobaoPlatform *self,
            ShouHubBatchItem   *items,
            GArray             *call,
            const char         *session)
{
  g_autofree ShouTaobaoAgree *agrees = g_new0 (ShouTaobaoAgree, call->len);
  g_autoptr(GTree) biz = shou_platform_params_new ();
  g_autoptr(GHashTable) outcomes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *infos = NULL;
  g_autofree char *message = NULL;
  ShouHubAftersale *first = items[g_array_index (call, guint, 0)].as;
  gboolean all_ok = FALSE;

  for (guint k = 0; k < call->len; k++)
    {
      ShouHubBatchItem *item = &items[g_array_index (call, guint, k)];

      agrees[k] = (ShouTaobaoAgree) { item->as->platform_id, item->event->amount_fen,
                                      seen_version (item->as), seen_phase (item->as) };
    }
  infos = shou_taobao_refund_infos (agrees, call->len, first->state.platform == SHOU_PLATFORM_TMALL, &error);
  if (infos != NULL)
    {
      shou_platform_params_set (biz, "refund_infos", infos);
      answer = shou_taobao_client_call (self->client, first->shop_id, "taobao.rp.refunds.agree",
                                        session, biz, &error);
    }
  if (answer != NULL)
    {
      g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), answer);

      if (!shou_taobao_agree_outcomes (node, outcomes, &all_ok, &message, &error))
        g_clear_pointer (&answer, json_object_unref);
    }
  for (guint k = 0; k < call->len; k++)
    {
      ShouHubBatchItem *item = &items[g_array_index (call, guint, k)];
      const char *why = all_ok ? "" : g_hash_table_lookup (outcomes, item->as->platform_id);

      if (answer == NULL)
        item->failure = shou_taobao_failure (self, item->as, error, FALSE);
      else if (why != NULL && *why == '\0')
        finish (self, item, session);
      else
        fail_message (self, item, SHOU_PROTOCOL_ERROR_BUSINESS, why ? why : message);
    }
}

/* The agrees of @shop_id (indices @pending) in calls within its profile's
 * limits, in the order they came. */
static void
agree_shop (ShouTaobaoPlatform *self,
            ShouHubBatchItem   *items,
            GArray             *pending,
            const char         *shop_id)
{
  g_autofree char *session = shou_taobao_platform_session (self, shop_id);
  g_autoptr(GArray) call = g_array_new (FALSE, FALSE, sizeof (guint));
  const ShouProfile *profile = NULL;
  guint max_count = 1;
  gint64 max_fen = 0;
  gint64 sum = 0;

  for (guint k = 0; k < pending->len; k++)
    {
      guint i = g_array_index (pending, guint, k);
      gint64 amount = items[i].event->amount_fen;

      if (g_strcmp0 (items[i].as->shop_id, shop_id) != 0)
        continue;
      if (session == NULL)
        {
          items[i].failure = shou_hub_failure_new (503, "platform_session_expired",
                                                   "The shop's Taobao authorisation lapsed: authorise it again");
          continue;
        }
      if (profile == NULL)
        {
          profile = shou_hub_platform_get_profile (SHOU_HUB_PLATFORM (self), items[i].as->state.platform);
          max_count = MAX (shou_profile_get_agree_batch (profile, &max_fen), 1);
        }
      if (max_fen > 0 && amount > max_fen)
        {
          /* TOP takes no call above its amount: this refund cannot be agreed here. */
          fail_message (self, &items[i], SHOU_PROTOCOL_ERROR_BAD_REQUEST,
                        "The refund is above what one taobao.rp.refunds.agree call may agree");
          continue;
        }
      if (call->len > 0 && (call->len >= max_count || (max_fen > 0 && sum + amount > max_fen)))
        {
          agree_call (self, items, call, session);
          g_array_set_size (call, 0);
          sum = 0;
        }
      g_array_append_val (call, i);
      sum += amount;
    }
  if (call->len > 0)
    agree_call (self, items, call, session);
}

void
shou_taobao_perform_batch (ShouHubPlatform  *platform,
                           ShouHubBatchItem *items,
                           guint             n,
                           gint64            at)
{
  ShouTaobaoPlatform *self = SHOU_TAOBAO_PLATFORM (platform);
  g_autoptr(GArray) pending = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GPtrArray) shops = g_ptr_array_new ();

  for (guint i = 0; i < n; i++)
    {
      ShouHubAftersale *as = items[i].as;
      const ShouProfile *profile;

      if (items[i].event->kind != SHOU_EVENT_AGREE_REFUND ||
          (items[i].params != NULL && json_object_has_member (items[i].params, "verification_code")))
        {
          /* Other actions, and an agree repeated with its SMS code, one by one. */
          shou_taobao_perform_action (platform, as, items[i].event, items[i].params, at, &items[i].failure);
          continue;
        }
      shou_taobao_parcel_fill (as);
      profile = shou_hub_platform_get_profile (platform, as->state.platform);
      if (!shou_platform_base_check_action (profile, shou_taobao_supported (as), shou_taobao_lacking_message,
                                            as, items[i].event, at, &items[i].failure))
        continue;
      g_array_append_val (pending, i);
      if (!g_ptr_array_find_with_equal_func (shops, as->shop_id, g_str_equal, NULL))
        g_ptr_array_add (shops, as->shop_id);
    }
  for (guint s = 0; s < shops->len; s++)
    agree_shop (self, items, pending, shops->pdata[s]);
}
