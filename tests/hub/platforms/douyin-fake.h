/* douyin-fake.h: a protocol-level 抖店 open platform gateway on 127.0.0.1
 * for tests, on platform-fake.h. It checks every request's app_key, method
 * (the path with dots), v=2, timestamp and sign (hmac-sha256, or md5 when
 * sign_method is absent or md5, computed here on its own from the official
 * SDK's rule over the query and the param_json body as received, not with
 * the adapter's code) and that param_json's keys come sorted; answers a
 * wrong sign with code 40003 isv.signature-invalid; serves afterSale/List
 * (update_start_time/update_end_time, page from 0, size at most 100,
 * has_more), afterSale/Detail, afterSale/operate (101, 111, 201, 401, each
 * item checked against the request's update_time), address/list and
 * token/create and token/refresh; injects rate limiting (60000) and
 * lapsed tokens (40003 isv.access-token-invalid); moves requests through
 * 抖店's statuses. */
#pragma once

#include "platform-fake.h"

G_BEGIN_DECLS

/* A case's type is afterSale/List's aftersale_type (0 return and refund,
 * 1 refund only after shipment, 2 before shipment), its status the
 * aftersale_status (6 待商家同意, 7 待买家退货, 11 待商家二次同意,
 * 12 售后成功, 27 商家一次拒绝, 28 售后失败), its amount text in fen. */
enum
{
  DY_RETURN_REFUND = 0,
  DY_REFUND_SHIPPED = 1,
  DY_REFUND_UNSHIPPED = 2,
};
enum
{
  DY_WAIT_SELLER = 6,
  DY_WAIT_BUYER_RETURN = 7,
  DY_WAIT_SECOND_REVIEW = 11,
  DY_SUCCESS = 12,
  DY_FAILED = 28,
};

PlatformFake *douyin_fake_new (const char *app_key,
                               const char *app_secret);

G_END_DECLS
