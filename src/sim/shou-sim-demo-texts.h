/* shou-sim-demo-texts.h: the demo's goods and buyers' words, picked with
 * the caller's random source. */
#pragma once

#include "core/shou-core.h"

G_BEGIN_DECLS

typedef struct
{
  const char *title;
  const char *sku;
  gint64      price_fen;
} ShouSimGoods;

const char         *shou_sim_texts_pick_reply       (GRand            *rand);
const char         *shou_sim_texts_pick_refusal     (GRand            *rand);
const char         *shou_sim_texts_pick_acceptance  (GRand            *rand);
char               *shou_sim_texts_pick_escalation  (GRand            *rand,
                                                     ShouPlatform      platform);
const char         *shou_sim_texts_pick_buyer_text  (GRand            *rand,
                                                     const char       *title,
                                                     ShouOrderState    state,
                                                     ShouRequestType   type,
                                                     const char      **out_reason_code);
const char         *shou_sim_texts_pick_logistics   (GRand            *rand,
                                                     guint             step);
const char         *shou_sim_texts_pick_carrier     (GRand            *rand);
char               *shou_sim_texts_make_tracking    (GRand            *rand,
                                                     const char       *carrier);
const char         *shou_sim_texts_pick_nick        (GRand            *rand);
const char         *shou_sim_texts_pick_surname     (GRand            *rand);
const char         *shou_sim_texts_pick_place       (GRand            *rand);
const char         *shou_sim_texts_pick_r1_script   (GRand            *rand);
const ShouSimGoods *shou_sim_texts_pick_goods       (GRand            *rand);
/* The smallest valid PNG. (transfer full) */
GBytes             *shou_sim_texts_tiny_png         (void);

G_END_DECLS
