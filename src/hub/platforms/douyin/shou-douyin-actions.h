/* shou-douyin-actions.h: the business parameters of afterSale/operate
 * (official Go SDK, zsmhub/doudian-sdk @93c52ff5
 * api/afterSale_operate/request/afterSale_operate_request.go), checked before
 * anything is sent.
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* One piece of evidence: type 1 image, 2 video, 3 audio, 4 text. */
typedef struct
{
  gint64      type;
  const char *url;
  const char *desc;   /* nullable */
} ShouDouyinEvidence;

/* At most this many pieces of evidence per operation (platform-apis.md). */
#define SHOU_DOUYIN_EVIDENCE_MAX 4

typedef struct
{
  gint64                    type;                /* shou_douyin_operate_type() */
  const char               *aftersale_id;
  gint64                    update_time;         /* the version the seller saw; 0 skips the check */
  const char               *reason;              /* refusals: required */
  const char               *remark;              /* refusals: required */
  gint64                    reject_reason_code;  /* refusals: from afterSale/rejectReasonCodeList */
  const ShouDouyinEvidence *evidence;
  guint                     n_evidence;
  gint64                    receiver_address_id; /* 101 (agree return): required */
} ShouDouyinOperate;

/**
 * shou_douyin_operate_params:
 *
 * {"type", "items": [{"aftersale_id", "update_time", "reason", "remark",
 * "reject_reason_code", "evidence": [{"type", "url", "desc"}], "logistics":
 * {"receiver_address_id"}}]} with only the members that apply. A refusal
 * (102, 112, 202) needs reason, remark and reject_reason_code; 101 needs the
 * return address id; at most SHOU_DOUYIN_EVIDENCE_MAX pieces of evidence.
 * Returns: (transfer full): the object for shou_douyin_request_params(), or
 * %NULL with SHOU_PROTOCOL_ERROR_BAD_REQUEST.
 */
JsonNode *shou_douyin_operate_params (const ShouDouyinOperate *op,
                                      GError                 **error);

G_END_DECLS
