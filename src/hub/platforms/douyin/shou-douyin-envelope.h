/* shou-douyin-envelope.h: reading a 抖店 response.
 *
 * {"code": 10000, "msg": "success", "sub_code": "", "sub_msg": "",
 *  "log_id": "…", "data": {…}} (official Go SDK core/
 * doudian_op_api_base_response.go; codes from the platform's base error table
 * "平台基础错误码汇总", op.jinritemai.com/docs/guide-docs/212/1427). The SDK
 * asks for these codes with the header x-open-no-old-err-code: 1, and so
 * must the adapter.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "hub/platforms/protocol/shou-protocol.h"

G_BEGIN_DECLS

#define SHOU_DOUYIN_CODE_SUCCESS 10000

ShouProtocolError shou_douyin_classify      (gint64              code,
                                             const char         *sub_code);

/* %TRUE with "data" (an empty object when the body has none) for code 10000;
 * else %FALSE with a SHOU_PROTOCOL_ERROR and, for an envelope, its fault. */
gboolean          shou_douyin_envelope_read (const char         *body,
                                             gssize              length,
                                             JsonNode          **out_data,
                                             ShouProtocolFault **out_fault,
                                             GError            **error);

G_END_DECLS
