/* shou-taobao-actions.h: the parameters of TOP's seller actions, checked
 * before anything is sent (bububa/opentaobao model/refund/
 * TaobaoRpRefundsAgreeAPIRequest.go, TaobaoRpRefundsAgreeAPIResponse.go,
 * TaobaoRefundRefuseAPIRequest.go @22cc4846; model/tbrefund/
 * TaobaoRefundRefuseAPIResponse.go, TaobaoRefundMessageAddAPIRequest.go,
 * TaobaoRpRefundInterceptAPIRequest.go @58f344b6..cf123480).
 */
#pragma once

#include <json-glib/json-glib.h>

#include "hub/platforms/protocol/shou-protocol.h"

G_BEGIN_DECLS

/* One refund to agree in taobao.rp.refunds.agree. */
typedef struct
{
  const char *refund_id;
  gint64      amount_fen;      /* refund_infos carries fen ("以分为单位") */
  gint64      refund_version;  /* the version the seller saw */
  const char *phase;           /* "onsale" | "aftersale"; required on Tmall */
} ShouTaobaoAgree;

/**
 * shou_taobao_refund_infos:
 * @agrees: the refunds to agree, @n of them
 * @tmall: the shop is a Tmall shop
 *
 * "refund_id|amount|version|phase" joined by commas (phase left out on
 * Taobao). One call takes at most 20 refunds and 6,000 yuan on Taobao, 30
 * and 10,000 yuan on Tmall.
 * Returns: (transfer full): the refund_infos parameter, or %NULL with
 * SHOU_PROTOCOL_ERROR_BAD_REQUEST.
 */
char    *shou_taobao_refund_infos      (const ShouTaobaoAgree *agrees,
                                        guint                  n,
                                        gboolean               tmall,
                                        GError               **error);

/* Reads a rp_refunds_agree_response: %TRUE for msg_code OP_SUCC; else a
 * SHOU_PROTOCOL_ERROR_BUSINESS naming msg_code (SOME_OP_SUCC, OP_FAILURE_UE)
 * and the first failed refund's message. */
gboolean shou_taobao_agree_result      (JsonNode              *payload,
                                        GError               **error);

/* Reads a rp_refunds_agree_response of a call of several refunds: into
 * @outcomes (refund id -> "" when it went through, else TOP's message) every
 * refund of results.refund_mapping_result; *@all_ok is %TRUE for msg_code
 * OP_SUCC. *@out_message: the call's own message (msg_code when none).
 * %FALSE with SHOU_PROTOCOL_ERROR_MALFORMED when the answer is not an object. */
gboolean shou_taobao_agree_outcomes    (JsonNode              *payload,
                                        GHashTable            *outcomes,
                                        gboolean              *all_ok,
                                        char                 **out_message,
                                        GError               **error);

/* taobao.refund.refuse: refuse_message 2–200 characters; refuse_proof at most
 * 130,000 bytes (0 for none) and required on Tmall, as are refund_phase and
 * refund_version. */
gboolean shou_taobao_check_refuse      (const char            *refuse_message,
                                        gsize                  proof_bytes,
                                        gboolean               tmall,
                                        const char            *refund_phase,
                                        gint64                 refund_version,
                                        GError               **error);

/* taobao.refund.message.add: content present and at most 400 bytes
 * (the image, at most 500 KB, is not carried). */
gboolean shou_taobao_check_message     (const char            *content,
                                        GError               **error);

/* refuse_proof: "最大长度130000字节，支持的图片格式：GIF, JPG, PNG"
 * (TaobaoRefundRefuseAPIRequest.go). taobao.refund.message.add's image
 * takes up to 500 K, so a picture within this limit goes to both. */
#define SHOU_TAOBAO_PROOF_MAX_BYTES 130000

/* Whether a picture can go to TOP as refuse_proof or a message's image:
 * GIF, JPG or PNG (else SHOU_VALIDATE_ERROR_TYPE), 1 to
 * SHOU_TAOBAO_PROOF_MAX_BYTES bytes (else SHOU_VALIDATE_ERROR_TOO_BIG);
 * the messages are translated, for the seller. */
gboolean shou_taobao_check_proof       (const char            *content_type,
                                        gsize                  bytes,
                                        GError               **error);

/* Reads a refund_refuse_response: %TRUE when is_success; else a
 * SHOU_PROTOCOL_ERROR_BUSINESS. */
gboolean shou_taobao_refuse_result     (JsonObject            *payload,
                                        GError               **error);

G_END_DECLS
