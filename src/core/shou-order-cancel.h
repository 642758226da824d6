/* shou-order-cancel.h: cancelling an order itself (Douyin, seed 004):
 *
 * 1、货到付款订单取消: "用户提交订单后无法取消,商家在待确认和备货中两个环节时可操作取消
 *    (注:需与用户沟通无问题后操作,未沟通会被处罚),订单若为已发货状态均无法取消".
 * 2、在线支付订单取消: "用户在待支付时可取消订单,支付后可联系客服处理取消订单,
 *    商家任何环节下均不可取消订单,用户超过24小时未支付订单将自动取消".
 *
 * Pure functions over the order's state and payment kind; the numbers and
 * whether a rule holds at all are the profile's facts (`online-unpaid-cancel`,
 * `online-merchant-never-cancels`, `cod-merchant-cancel`; Douyin's). A
 * platform whose profile states none of them keeps its after-sales flow.
 */
#pragma once

#include <glib.h>

#include "shou-profile.h"
#include "shou-types.h"

G_BEGIN_DECLS

/**
 * shou_order_unpaid_cancel_at:
 * @created_at: when the buyer submitted the order
 *
 * Returns: when an online-payment order still unpaid then cancels by
 *   itself (the 24th hour: the order is closed at that moment), or 0 when
 *   no such deadline runs (paid, cash on delivery, no rule).
 */
gint64   shou_order_unpaid_cancel_at      (const ShouProfile *profile,
                                           ShouOrderState     state,
                                           gboolean           cod,
                                           gint64             created_at);
/* A buyer's own cancellation of an unpaid order: shou_rules_buyer_cancels_alone(). */
/**
 * shou_order_merchant_can_cancel:
 * @buyer_consulted: the merchant talked to the buyer and the buyer agreed
 *
 * Whether the merchant may cancel an order in @state now: only a
 * cash-on-delivery order, only while it is 待确认 or 备货中, and only after
 * talking to the buyer.
 * Returns: %FALSE with a %SHOU_RULES_ERROR (code: a ShouReason):
 *   not_for_platform (no rule in the profile), online_payment,
 *   already_shipped, finished (closed), wrong_status, buyer_not_consulted.
 */
gboolean shou_order_merchant_can_cancel   (const ShouProfile *profile,
                                           ShouOrderState     state,
                                           gboolean           cod,
                                           gboolean           buyer_consulted,
                                           GError           **error);
/* Whether @state is one of a cash-on-delivery order's states before it
 * ships (待确认, 备货中). */
gboolean shou_order_state_is_cod_unshipped (ShouOrderState    state);
/* Why an order closed, from its `close_reason` (API.md: unpaid_timeout,
 * buyer_cancelled, group_failed, merchant_cancelled, refunded), in the UI's
 * language; a code this build does not know gets a general sentence, never
 * the server's text. NULL for a NULL or empty @code. */
const char *shou_order_close_reason_get_label (const char *code);

G_END_DECLS
