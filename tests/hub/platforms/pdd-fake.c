/* pdd-fake.c: the Pinduoduo gateway fake (see pdd-fake.h). */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "pdd-fake.h"

static JsonObject *
error_answer (gint64      code,
              const char *message,
              const char *sub_code)
{
  JsonObject *root = json_object_new ();
  JsonObject *e = json_object_new ();

  json_object_set_int_member (e, "error_code", code);
  json_object_set_string_member (e, "error_msg", message);
  if (sub_code != NULL)
    json_object_set_string_member (e, "sub_code", sub_code);
  json_object_set_string_member (e, "request_id", "fake");
  json_object_set_object_member (root, "error_response", e);
  return root;
}

/* MD5(secret + sorted name value pairs + secret), upper case: written
 * here again from the SDKs' description, independently of shou-pdd-sign.c. */
static char *
expected_sign (GHashTable *params,
               const char *secret)
{
  g_autoptr(GList) names = g_list_sort (g_hash_table_get_keys (params), (GCompareFunc) strcmp);
  g_autoptr(GString) base = g_string_new (secret);
  g_autofree char *hex = NULL;

  for (GList *l = names; l != NULL; l = l->next)
    if (strcmp (l->data, "sign") != 0)
      {
        g_string_append (base, l->data);
        g_string_append (base, g_hash_table_lookup (params, l->data));
      }
  g_string_append (base, secret);
  hex = g_compute_checksum_for_string (G_CHECKSUM_MD5, base->str, base->len);
  return g_ascii_strup (hex, -1);
}

static JsonObject *
case_entry (FakeCase *c,
            gboolean  detail)
{
  JsonObject *o = json_object_new ();
  g_autofree char *order_sn = g_strdup_printf ("241207-%012" G_GINT64_FORMAT, c->id);
  g_autoptr(GTimeZone) beijing = g_time_zone_new_offset (8 * 3600);
  g_autoptr(GDateTime) at = g_date_time_new_from_unix_utc (c->updated_at);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (at, beijing);
  /* The list writes unix seconds, the detail Beijing time: the SDKs type
   * both string | number without a format, so the adapter reads both. */
  g_autofree char *updated = detail ? g_date_time_format (local, "%Y-%m-%d %H:%M:%S")
                                    : g_strdup_printf ("%" G_GINT64_FORMAT, c->updated_at);
  g_autofree char *created = g_strdup_printf ("%" G_GINT64_FORMAT, c->created_at);

  json_object_set_int_member (o, "id", c->id);
  json_object_set_string_member (o, "order_sn", order_sn);
  json_object_set_int_member (o, "after_sales_status", c->status);
  json_object_set_string_member (o, "updated_time", updated);
  json_object_set_string_member (o, "goods_name", "测试商品");
  json_object_set_string_member (o, "sku_id", "1001");
  json_object_set_int_member (o, "speed_refund_flag", 0);
  if (detail)
    {
      json_object_set_int_member (o, "after_sales_type", c->type);
      json_object_set_string_member (o, "after_sales_reason", "质量问题");
      json_object_set_string_member (o, "express_no", c->tracking ? c->tracking : "");
      json_object_set_int_member (o, "shipping_status", c->type == 1 ? 0 : 1);
      json_object_set_string_member (o, "user_shipping_status", c->type == 1 ? "1" : "2");
      json_object_set_int_member (o, "goods_number", 1);
      if (c->status == 2 || c->status == 3)
        json_object_set_int_member (o, "expire_time", c->updated_at + 48 * 3600);
      else
        json_object_set_null_member (o, "expire_time");
      json_object_set_string_member (o, "remark", "买家的描述");
    }
  else
    {
      json_object_set_string_member (o, "after_sale_reason", "质量问题");
      json_object_set_string_member (o, "refund_amount", c->refund_yuan);
      json_object_set_string_member (o, "order_amount", c->refund_yuan);
      json_object_set_string_member (o, "created_time", created);
      json_object_set_string_member (o, "tracking_number", c->tracking ? c->tracking : "");
      json_object_set_string_member (o, "goods_number", "1");
    }
  return o;
}

static JsonObject *
serve_list (PlatformFake    *self,
            GHashTable *params)
{
  gint64 from = platform_fake_param_int (params, "start_updated_at", -1);
  gint64 to = platform_fake_param_int (params, "end_updated_at", -1);
  gint64 page = platform_fake_param_int (params, "page", 1);
  gint64 size = platform_fake_param_int (params, "page_size", 100);
  g_autoptr(GPtrArray) hits = NULL;
  JsonObject *root;
  JsonObject *body;
  JsonArray *list;

  if (from < 0 || to < from || to - from > 1800)
    return error_answer (50001, "开始时间结束时间间距不超过 30 分钟", "invalid_time_range");
  if (page < 1 || size < 1 || size > 100)
    return error_answer (50001, "page_size 最大 100", "invalid_page_size");
  root = json_object_new ();
  body = json_object_new ();
  list = json_array_new ();
  hits = platform_fake_window (self, from, to);
  for (gint64 i = (page - 1) * size; i < MIN ((gint64) hits->len, page * size); i++)
    json_array_add_object_element (list, case_entry (hits->pdata[i], FALSE));
  json_object_set_int_member (body, "total_count", hits->len);
  json_object_set_array_member (body, "refund_list", list);
  json_object_set_object_member (root, "refund_increment_get_response", body);
  return root;
}

static JsonObject *
agree (PlatformFake    *self,
       const char *type,
       GHashTable *params)
{
  const char *text = g_hash_table_lookup (params, "request");
  g_autoptr(JsonNode) node = text ? json_from_string (text, NULL) : NULL;
  JsonObject *request = node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  gboolean returngoods = g_str_equal (type, "pdd.refund.returngoods.agree");
  FakeCase *c;
  JsonObject *root;
  JsonObject *response;
  JsonObject *result;
  gint64 id;

  if (request == NULL)
    return error_answer (50001, "request 必填", "missing_request");
  id = json_object_get_int_member_with_default (request, "after_sales_id", 0);
  c = platform_fake_lookup (self, id);
  if (c == NULL)
    return error_answer (50002, "售后单不存在", "after_sales_not_found");
  if (returngoods ? c->status != 3
                  : !(c->status == 2 || (c->status == 7 && c->tracking != NULL) || c->status == 3))
    return error_answer (50003, "当前售后状态不允许该操作", "status_not_allow");
  if (returngoods && g_strcmp0 (json_object_get_string_member_with_default (request, "return_address_id", ""), "9001") != 0 &&
      g_strcmp0 (json_object_get_string_member_with_default (request, "return_address_id", ""), "9002") != 0)
    return error_answer (50004, "退货地址不存在", "address_not_found");
  platform_fake_note_action (self, type, text);
  c->status = returngoods ? 7 : 4;
  c->updated_at = self->now;
  root = json_object_new ();
  response = json_object_new ();
  result = json_object_new ();
  json_object_set_int_member (result, "after_sales_id", id);
  json_object_set_boolean_member (result, returngoods ? "success" : "succ", TRUE);
  json_object_set_string_member (result, "message", "操作成功");
  json_object_set_object_member (response, "result", result);
  json_object_set_object_member (root, "response", response);
  return root;
}

static JsonObject *
new_token (PlatformFake    *self,
           const char *response_key)
{
  JsonObject *root = json_object_new ();
  JsonObject *body = json_object_new ();
  g_autofree char *access = NULL;
  g_autofree char *refresh = NULL;

  platform_fake_new_tokens (self, &access, &refresh);
  json_object_set_string_member (body, "access_token", access);
  json_object_set_string_member (body, "refresh_token", refresh);
  json_object_set_int_member (body, "expires_in", 86400);
  json_object_set_int_member (body, "refresh_token_expires_in", 30 * 86400);
  json_object_set_string_member (body, "owner_id", "7001");
  json_object_set_object_member (root, response_key, body);
  return root;
}

static JsonObject *
serve (PlatformFake    *self,
       GHashTable *params)
{
  const char *type = g_hash_table_lookup (params, "type");
  const char *sign = g_hash_table_lookup (params, "sign");
  const char *token = g_hash_table_lookup (params, "access_token");
  g_autofree char *expected = expected_sign (params, self->secret);
  gint64 id;
  FakeCase *c;

  if (type == NULL || g_strcmp0 (g_hash_table_lookup (params, "client_id"), self->client_id) != 0 ||
      g_hash_table_lookup (params, "timestamp") == NULL)
    return error_answer (10001, "公共参数错误", NULL);
  if (sign == NULL || strcmp (sign, expected) != 0)
    {
      self->bad_signs++;
      return error_answer (10016, "签名错误", NULL);
    }
  if (platform_fake_take_flow_control (self))
    {
      return error_answer (52101, "当前接口被限流，请稍后重试", NULL);
    }
  if (g_str_equal (type, "pdd.pop.auth.token.create"))
    {
      /* The wording of an expired code is our guess (unpublished). */
      if (g_strcmp0 (g_hash_table_lookup (params, "code"), "old-code") == 0)
        return error_answer (50005, "code 已过期", "invalid_code");
      if (g_strcmp0 (g_hash_table_lookup (params, "code"), "good-code") != 0)
        return error_answer (50005, "code 无效", "invalid_code");
      platform_fake_counted (self, type);
      return new_token (self, "pop_auth_token_create_response");
    }
  if (g_str_equal (type, "pdd.pop.auth.token.refresh"))
    {
      if (!g_hash_table_contains (self->refresh, g_hash_table_lookup (params, "refresh_token") ? (char *) g_hash_table_lookup (params, "refresh_token") : ""))
        return error_answer (10019, "access_token已过期", NULL);
      platform_fake_counted (self, type);
      return new_token (self, "pop_auth_token_refresh_response");
    }
  if (token == NULL || !g_hash_table_contains (self->tokens, token))
    return error_answer (10019, "access_token已过期", NULL);
  platform_fake_counted (self, type);
  if (g_str_equal (type, "pdd.refund.list.increment.get"))
    return serve_list (self, params);
  if (g_str_equal (type, "pdd.refund.information.get"))
    {
      JsonObject *root;

      id = platform_fake_param_int (params, "after_sales_id", 0);
      c = platform_fake_lookup (self, id);
      if (c == NULL)
        return error_answer (50002, "售后单不存在", "after_sales_not_found");
      root = case_entry (c, TRUE);
      return root;
    }
  if (g_str_equal (type, "pdd.refund.agree") || g_str_equal (type, "pdd.refund.returngoods.agree"))
    return agree (self, type, params);
  if (g_str_equal (type, "pdd.refund.address.list.get"))
    {
      JsonObject *root = json_object_new ();
      JsonObject *body = json_object_new ();
      JsonArray *list = json_array_new ();

      for (int i = 0; i < 2; i++)
        {
          JsonObject *a = json_object_new ();

          json_object_set_string_member (a, "refund_address_id", i == 0 ? "9001" : "9002");
          json_object_set_string_member (a, "refund_name", "售后部");
          json_object_set_string_member (a, "refund_phone", "13800000000");
          json_object_set_string_member (a, "province_name", "上海");
          json_object_set_string_member (a, "city_name", "上海市");
          json_object_set_string_member (a, "district_name", "长宁区");
          json_object_set_string_member (a, "refund_address", i == 0 ? "娄山关路 1 号" : "仙霞路 2 号");
          json_object_set_string_member (a, "is_default", i == 0 ? "1" : "0");
          json_array_add_object_element (list, a);
        }
      json_object_set_array_member (body, "refund_address_list", list);
      json_object_set_object_member (root, "refund_address_list_get_response", body);
      return root;
    }
  return error_answer (10002, "接口不存在", NULL);
}

PlatformFake *
pdd_fake_new (const char *client_id,
              const char *client_secret)
{
  return platform_fake_new ("/api/router", client_id, client_secret, serve);
}
