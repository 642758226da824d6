/* shou-order-cancel.c: cancelling an order itself (Douyin, seed 004 §1–2) */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "shou-order-cancel.h"
#include "shou-reason-text.h"
#include "shou-rules.h"

#define UNPAID_CANCEL_FACT "online-unpaid-cancel"
#define MERCHANT_NEVER_FACT "online-merchant-never-cancels"
#define COD_CANCEL_FACT "cod-merchant-cancel"

static gboolean
fail (GError   **error,
      ShouReason reason)
{
  g_set_error_literal (error, SHOU_RULES_ERROR, (int) reason, shou_reason_get_message (reason));
  return FALSE;
}

gboolean
shou_order_state_is_cod_unshipped (ShouOrderState state)
{
  return state == SHOU_ORDER_PENDING_CONFIRM || state == SHOU_ORDER_STOCKING;
}

gint64
shou_order_unpaid_cancel_at (const ShouProfile *profile,
                             ShouOrderState     state,
                             gboolean           cod,
                             gint64             created_at)
{
  const ShouProfileFact *fact;

  g_return_val_if_fail (profile != NULL, 0);
  g_return_val_if_fail ((guint) state < SHOU_N_ORDER_STATES, 0);

  fact = shou_profile_find_fact (profile, UNPAID_CANCEL_FACT);
  if (fact == NULL || fact->duration <= 0 || cod || state != SHOU_ORDER_PENDING_PAYMENT)
    return 0;
  /* 用户超过24小时未支付订单将自动取消: at the 24th hour. */
  return created_at + fact->duration;
}

gboolean
shou_order_merchant_can_cancel (const ShouProfile *profile,
                                ShouOrderState     state,
                                gboolean           cod,
                                gboolean           buyer_consulted,
                                GError           **error)
{
  g_return_val_if_fail (profile != NULL, FALSE);
  g_return_val_if_fail ((guint) state < SHOU_N_ORDER_STATES, FALSE);

  if (!cod)
    {
      /* 商家任何环节下均不可取消订单. */
      if (shou_profile_find_fact (profile, MERCHANT_NEVER_FACT) != NULL)
        return fail (error, SHOU_REASON_ONLINE_PAYMENT);
      return fail (error, SHOU_REASON_NOT_FOR_PLATFORM);
    }
  if (shou_profile_find_fact (profile, COD_CANCEL_FACT) == NULL)
    return fail (error, SHOU_REASON_NOT_FOR_PLATFORM);

  switch (state)
    {
    case SHOU_ORDER_PENDING_CONFIRM:
    case SHOU_ORDER_STOCKING:
      /* 需与用户沟通无问题后操作,未沟通会被处罚. */
      if (!buyer_consulted)
        return fail (error, SHOU_REASON_BUYER_NOT_CONSULTED);
      return TRUE;
    case SHOU_ORDER_SHIPPED:
    case SHOU_ORDER_COMPLETED:
      /* 订单若为已发货状态均无法取消: the buyer asks the platform instead. */
      return fail (error, SHOU_REASON_ALREADY_SHIPPED);
    case SHOU_ORDER_CLOSED:
      return fail (error, SHOU_REASON_FINISHED);
    case SHOU_ORDER_PENDING_PAYMENT:
    case SHOU_ORDER_PENDING_SHIPMENT:
      return fail (error, SHOU_REASON_WRONG_STATUS);
    case SHOU_N_ORDER_STATES:
    default:
      g_assert_not_reached ();
    }
  return FALSE;
}

static const ShouCodeText close_reasons[] = {
  /* Translators: why an order closed (004 2、: 用户超过24小时未支付订单将自动取消) */
  { "unpaid_timeout", N_("Not paid in time: closed by the platform") },
  /* Translators: why an order closed (004 2、: 用户在待支付时可取消订单) */
  { "buyer_cancelled", N_("Cancelled by the buyer") },
  /* Translators: why an order closed (003: 拼单未成功24小时后系统自动退款) */
  { "group_failed", N_("Group not formed: refunded by the platform") },
  /* Translators: why an order closed: the seller cancelled it (004 1、) */
  { "merchant_cancelled", N_("Cancelled by the seller") },
  /* Translators: why an order closed: a refund before it shipped */
  { "refunded", N_("Refunded before shipment") },
};

const char *
shou_order_close_reason_get_label (const char *code)
{
  const char *text;

  if (code == NULL || *code == '\0')
    return NULL;
  text = shou_code_text_lookup (close_reasons, G_N_ELEMENTS (close_reasons), code);
  /* Translators: why an order closed, when this version does not know the platform's reason */
  return text != NULL ? _(text) : _("Closed for another reason");
}
