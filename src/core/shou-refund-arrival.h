/* shou-refund-arrival.h: when a refund reaches the buyer, per payment
 * channel (003: 退回到余额的订单退款审核后24小时内到账，银行卡2-6天到账，信用卡
 * 3-7天到账), and the reply that tells the buyer so. */
#pragma once

#include "shou-profile.h"

G_BEGIN_DECLS

typedef enum
{
  SHOU_PAY_BALANCE,       /* the account balance (余额, 零钱) */
  SHOU_PAY_BANK_CARD,     /* a debit card (银行卡) */
  SHOU_PAY_CREDIT_CARD,   /* a credit card (信用卡) */
  SHOU_N_PAY_CHANNELS
} ShouPayChannel;

/* The longest wait after the refund is approved: the profile's fact
 * ("refund-arrival-balance", "-bank-card", "-credit-card"), else seed 003's. */
gint64  shou_refund_arrival_max   (const ShouProfile *profile,
                                   ShouPayChannel     channel);

/* Returns: (transfer full): the reply to "when does my refund arrive", in
 * the Chinese a seller sends a buyer, free of the words platforms forbid. */
char   *shou_refund_arrival_reply (const ShouProfile *profile,
                                   ShouPayChannel     channel);

G_END_DECLS
