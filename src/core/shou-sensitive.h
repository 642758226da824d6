/* shou-sensitive.h: words that platforms forbid in messages to buyers
 * (other apps, payment channels, other selling platforms). */
#pragma once

#include <glib.h>

#include "shou-types.h"

G_BEGIN_DECLS

typedef enum
{
  SHOU_SENSITIVE_CONTACT,   /* an outside app, payment channel or "add me" */
  SHOU_SENSITIVE_PLATFORM,  /* another selling platform */
  SHOU_SENSITIVE_ABUSE,     /* uncivil language (不文明用语) */
} ShouSensitiveKind;

typedef struct
{
  gsize              start;   /* byte offset into the checked text */
  gsize              end;     /* byte offset, exclusive */
  char              *word;    /* the canonical forbidden word, e.g. "微信" */
  ShouSensitiveKind  kind;
} ShouSensitiveMatch;

/**
 * shou_sensitive_scan:
 * @text: a message to the buyer
 *
 * Finds mentions of third-party platforms and payment channels (支付宝, 微信,
 * QQ, their pinyin, abbreviations, homophones and spaced or punctuated
 * variants such as "V信", "weixin", "zhi fu bao", "Ｑ Ｑ", "微\u200b信"),
 * "加我", and uncivil language, on a normalised copy (compatibility
 * decomposition, case, width, zero-width and bidi controls, spacing).
 * Returns: (transfer full) (element-type ShouSensitiveMatch): matches in
 *   order of position, non-overlapping; empty when clean.
 */
GArray  *shou_sensitive_scan           (const char  *text);
/* Like shou_sensitive_scan(), and also the names of the other selling
 * platforms (淘宝/天猫, 拼多多, 抖音, 京东 and their pinyin) when they are not
 * @platform's own; "京东快递" (the courier) is never flagged. */
GArray  *shou_sensitive_scan_for_platform (const char   *text,
                                           ShouPlatform  platform);
typedef enum
{
  SHOU_BUYER_RISK_NONE    = 0,
  SHOU_BUYER_RISK_ACCOUNT = 1 << 0,  /* offers an outside account (支付宝, 微信, "加我"…) */
  SHOU_BUYER_RISK_LINK    = 1 << 1,  /* a link that is not @platform's own */
} ShouBuyerRisk;

/**
 * shou_sensitive_buyer_risks:
 * What a buyer's text holds that the seller must not act on (seed 003:
 * "对方要是提供支付宝等第三方账户，切勿回复"; "不要去点开客户发的非拼多多链接").
 * @out_word (may be %NULL) gets the first outside account word or link.
 */
ShouBuyerRisk shou_sensitive_buyer_risks (const char   *text,
                                          ShouPlatform  platform,
                                          char        **out_word);

/* Frees the word of a match (the array returned above does this itself). */
void     shou_sensitive_match_clear    (ShouSensitiveMatch *match);

G_END_DECLS
