/* taobao-fake.h: a protocol-level TOP gateway (Taobao/Tmall) on 127.0.0.1
 * for tests, on platform-fake.h. It checks every request's app_key,
 * timestamp and sign (hmac-sha256 or md5, computed here on its own from
 * TOP's published rule, not with the adapter's code) and answers a wrong
 * one with error 25; serves taobao.refunds.receive.get (pages at most 100,
 * use_has_next), taobao.refund.get, taobao.rp.refunds.agree (refund_infos
 * with refund_version, up to 20 refunds / 6,000 yuan a call, each refund's
 * outcome its own; above 1,000 yuan a refund first fails asking for the
 * SMS code, then takes code 123456), taobao.rp.returngoods.agree,
 * taobao.logistics.address.search, taobao.refund.refuse (refuse_message
 * 2–200 characters, refund_version; refused before shipment; refuse_proof a
 * file part of at most 130,000 bytes, GIF/JPG/PNG),
 * taobao.refund.message.add (content at most 400 bytes; image a file part
 * of at most 500 K) — a multipart call's file parts left out of the sign — and
 * taobao.rp.refund.intercept (refund_version; a shipped order only) and the
 * token calls; injects flow
 * control (7) and session-expired (27) answers; moves refunds through
 * TOP's statuses. */
#pragma once

#include "platform-fake.h"

G_BEGIN_DECLS

/* A case's status (index into TOP's words) and type (dispute_type). */
enum
{
  TB_WAIT_SELLER_AGREE,
  TB_WAIT_BUYER_RETURN_GOODS,
  TB_WAIT_SELLER_CONFIRM_GOODS,
  TB_SELLER_REFUSE_BUYER,
  TB_CLOSED,
  TB_SUCCESS,
};
enum
{
  TB_REFUND,
  TB_REFUND_AND_RETURN,
  TB_REFUND_SHIPPED,    /* refund only, the order shipped and not signed (WAIT_BUYER_CONFIRM_GOODS) */
};

#define TB_FAKE_SMS_CODE "123456"

PlatformFake *taobao_fake_new (const char *app_key,
                               const char *app_secret);
/* TOP's word for a fake status. */
const char   *taobao_fake_status_name (int status);

G_END_DECLS
