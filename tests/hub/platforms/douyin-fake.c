/* douyin-fake.c: the 抖店 open platform fake (see douyin-fake.h). Field
 * names: the official Go SDK (public copy zsmhub/doudian-sdk),
 * api/afterSale_List, afterSale_Detail, afterSale_operate, address_list,
 * token_create; codes: the platform's base error table (see
 * tests/data/platforms/README.md). Sub-codes of business failures and the
 * operate status_code are illustrative. */
#include "config.h"

#include <string.h>

#include "douyin-fake.h"

/* {"code", "msg", "sub_code", "sub_msg", "log_id"} */
static JsonObject *
error_answer (gint64      code,
              const char *msg,
              const char *sub_code,
              const char *sub_msg)
{
  JsonObject *root = json_object_new ();

  json_object_set_int_member (root, "code", code);
  json_object_set_string_member (root, "msg", msg);
  json_object_set_string_member (root, "sub_code", sub_code ? sub_code : "");
  json_object_set_string_member (root, "sub_msg", sub_msg ? sub_msg : "");
  json_object_set_string_member (root, "log_id", "fake");
  return root;
}

static JsonObject *
answer (JsonObject *data)
{
  JsonObject *root = error_answer (10000, "success", NULL, NULL);

  json_object_set_object_member (root, "data", data);
  return root;
}

/* The official SDK's rule, written here again: secret + "app_key" K
 * "method" M "param_json" P "timestamp" T "v" V + secret, hmac-sha256 keyed
 * with the secret (or md5 of it), lower-case hex. */
static char *
expected_sign (GHashTable *params,
               const char *secret)
{
  const char *method = g_hash_table_lookup (params, "sign_method");
  g_autofree char *text = g_strconcat (secret, "app_key", g_hash_table_lookup (params, "app_key"),
                                       "method", g_hash_table_lookup (params, "method"),
                                       "param_json", g_hash_table_lookup (params, "@body"),
                                       "timestamp", g_hash_table_lookup (params, "timestamp"),
                                       "v", g_hash_table_lookup (params, "v"), secret, NULL);

  if (method == NULL || strcmp (method, "md5") == 0)
    return g_compute_checksum_for_string (G_CHECKSUM_MD5, text, -1);
  if (strcmp (method, "hmac-sha256") == 0)
    return g_compute_hmac_for_string (G_CHECKSUM_SHA256, (const guchar *) secret, strlen (secret), text, -1);
  return g_strdup ("");
}

/* The body's keys come in byte order at the top (the gateway signs the
 * sorted text). */
static gboolean
sorted_keys (JsonObject *body)
{
  g_autoptr(GList) members = json_object_get_members (body);

  for (GList *l = members; l != NULL && l->next != NULL; l = l->next)
    if (strcmp (l->data, l->next->data) > 0)
      return FALSE;
  return TRUE;
}

static gint64
int_member (JsonObject *o,
            const char *name,
            gint64      otherwise)
{
  JsonNode *node = o ? json_object_get_member (o, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return otherwise;
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return g_ascii_strtoll (json_node_get_string (node), NULL, 10);
  return json_node_get_int (node);
}

static gint64
fen_of (FakeCase *c)
{
  return g_ascii_strtoll (c->refund_yuan, NULL, 10);
}

/* A shipped refund-only case with a tracking number: its parcel is still on
 * its way (got_pkg 0); others have their goods, or none were shipped. */
static gboolean
got_pkg (FakeCase *c)
{
  if (c->type == DY_REFUND_SHIPPED && c->tracking != NULL)
    return FALSE;
  return c->type != DY_REFUND_UNSHIPPED;
}

static JsonObject *
list_item (FakeCase *c)
{
  JsonObject *item = json_object_new ();
  JsonObject *info = json_object_new ();
  JsonObject *order = json_object_new ();
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, c->id);
  g_autofree char *shop_order = g_strdup_printf ("%" G_GINT64_FORMAT, 6000000 + c->id);

  json_object_set_string_member (info, "aftersale_id", id);
  json_object_set_int_member (info, "aftersale_type", c->type);
  json_object_set_int_member (info, "aftersale_status", c->status);
  json_object_set_int_member (info, "update_time", c->updated_at);
  json_object_set_int_member (info, "apply_time", c->created_at);
  json_object_set_int_member (info, "create_time", c->created_at);
  json_object_set_int_member (info, "status_deadline", c->status == DY_WAIT_SELLER ? c->updated_at + 48 * 3600 : 0);
  json_object_set_int_member (info, "refund_amount", fen_of (c));
  json_object_set_int_member (info, "arbitrate_status", 0);
  json_object_set_int_member (info, "got_pkg", got_pkg (c));
  json_object_set_string_member (order, "shop_order_id", shop_order);
  json_object_set_object_member (item, "aftersale_info", info);
  json_object_set_object_member (item, "order_info", order);
  return item;
}

static JsonObject *
detail_of (FakeCase *c)
{
  JsonObject *data = json_object_new ();
  JsonObject *process = json_object_new ();
  JsonObject *info = json_object_new ();
  JsonObject *arbitrate = json_object_new ();
  JsonObject *order = json_object_new ();
  JsonObject *sku = json_object_new ();
  JsonArray *skus = json_array_new ();

  json_object_set_int_member (info, "after_sale_id", c->id);
  json_object_set_int_member (info, "after_sale_status", c->status);
  json_object_set_int_member (info, "after_sale_type", c->type);
  json_object_set_int_member (info, "apply_time", c->created_at);
  json_object_set_int_member (info, "update_time", c->updated_at);
  json_object_set_int_member (info, "status_deadline", c->status == DY_WAIT_SELLER ? c->updated_at + 48 * 3600 : 0);
  json_object_set_int_member (info, "refund_total_amount", fen_of (c));
  json_object_set_int_member (info, "refund_post_amount", 0);
  json_object_set_int_member (info, "got_pkg", got_pkg (c));
  json_object_set_int_member (info, "after_sale_apply_count", 1);
  json_object_set_string_member (info, "reason", "质量问题");
  json_object_set_string_member (info, "reason_remark", "买家的说明");
  json_object_set_int_member (arbitrate, "arbitrate_status", 0);
  if (c->tracking != NULL)
    {
      JsonObject *logistics = json_object_new ();
      JsonArray *parcels = json_array_new ();
      JsonObject *parcel = json_object_new ();

      json_object_set_string_member (parcel, "tracking_no", c->tracking);
      json_object_set_string_member (parcel, "company_code", "zhongtong");
      json_object_set_string_member (parcel, "company_name", "中通快递");
      json_array_add_object_element (parcels, parcel);
      json_object_set_array_member (logistics, "order", parcels);
      json_object_set_object_member (process, "logistics_info", logistics);
    }
  json_object_set_object_member (process, "after_sale_info", info);
  json_object_set_object_member (process, "arbitrate_info", arbitrate);
  json_object_set_int_member (sku, "sku_order_id", 7000000 + c->id);
  json_object_set_int_member (sku, "order_status", c->type == DY_REFUND_UNSHIPPED ? 2 : 3);
  json_object_set_int_member (sku, "pay_amount", fen_of (c));
  json_object_set_int_member (sku, "item_quantity", 1);
  json_object_set_string_member (sku, "product_name", "测试商品");
  json_object_set_string_member (sku, "shop_sku_code", "SKU-1");
  json_array_add_object_element (skus, sku);
  json_object_set_int_member (order, "shop_order_id", 6000000 + c->id);
  json_object_set_array_member (order, "sku_order_infos", skus);
  json_object_set_object_member (data, "process_info", process);
  json_object_set_object_member (data, "order_info", order);
  return data;
}

static JsonObject *
serve_list (PlatformFake *self,
            JsonObject   *body)
{
  gint64 from = int_member (body, "update_start_time", -1);
  gint64 to = int_member (body, "update_end_time", -1);
  gint64 page = int_member (body, "page", 0);
  gint64 size = int_member (body, "size", 10);
  g_autoptr(GPtrArray) hits = NULL;
  JsonObject *data;
  JsonArray *items;

  if (from < 0 || to < from)
    return error_answer (40004, "非法的参数", "isv.parameter-invalid:update_start_time", NULL);
  if (page < 0 || size < 1 || size > 100)
    return error_answer (40004, "非法的参数", "isv.parameter-invalid:size", "每页数量，最多100个");
  hits = platform_fake_window (self, from, to);
  data = json_object_new ();
  items = json_array_new ();
  for (gint64 i = page * size; i < MIN ((gint64) hits->len, (page + 1) * size); i++)
    json_array_add_object_element (items, list_item (hits->pdata[i]));
  json_object_set_array_member (data, "items", items);
  json_object_set_boolean_member (data, "has_more", (page + 1) * size < (gint64) hits->len);
  json_object_set_int_member (data, "total", hits->len);
  json_object_set_int_member (data, "page", page);
  json_object_set_int_member (data, "size", size);
  return answer (data);
}

static JsonObject *
operate_item (gint64      id,
              gint64      status_code,
              const char *status_msg)
{
  JsonObject *data = json_object_new ();
  JsonArray *items = json_array_new ();
  JsonObject *item = json_object_new ();

  json_object_set_int_member (item, "aftersale_id", id);
  json_object_set_int_member (item, "status_code", status_code);
  json_object_set_string_member (item, "status_msg", status_msg);
  json_array_add_object_element (items, item);
  json_object_set_array_member (data, "items", items);
  return answer (data);
}

/* {"type", "items": [{"aftersale_id", "update_time", "logistics": {…}}]} */
static JsonObject *
serve_operate (PlatformFake *self,
               JsonObject   *body,
               const char   *text)
{
  gint64 type = int_member (body, "type", 0);
  JsonNode *node = json_object_get_member (body, "items");
  JsonArray *items = node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
  JsonObject *item = items && json_array_get_length (items) == 1 ? json_array_get_object_element (items, 0) : NULL;
  JsonObject *logistics = item && json_object_has_member (item, "logistics")
                            ? json_object_get_object_member (item, "logistics") : NULL;
  gint64 id = int_member (item, "aftersale_id", 0);
  FakeCase *c = platform_fake_lookup (self, id);
  char name[32];
  int next;

  if (item == NULL)
    return error_answer (40002, "缺少必选参数", "isv.missing-parameter:items", NULL);
  if (c == NULL)
    return operate_item (id, 1001, "售后单不存在");
  if (int_member (item, "update_time", 0) != c->updated_at)
    return operate_item (id, 1002, "售后单已更新，请刷新后重试");
  if (type == 101 && c->type == DY_RETURN_REFUND && c->status == DY_WAIT_SELLER)
    {
      gint64 address = int_member (logistics, "receiver_address_id", 0);

      if (address != 9001 && address != 9002)
        return operate_item (id, 1003, "退货地址不存在");
      next = DY_WAIT_BUYER_RETURN;
    }
  else if ((type == 201 && c->type == DY_REFUND_SHIPPED && c->status == DY_WAIT_SELLER) ||
           (type == 401 && c->type == DY_REFUND_UNSHIPPED && c->status == DY_WAIT_SELLER) ||
           (type == 111 && c->type == DY_RETURN_REFUND && c->status == DY_WAIT_SECOND_REVIEW))
    next = DY_SUCCESS;
  else
    return operate_item (id, 1004, "当前售后状态不支持该操作");
  g_snprintf (name, sizeof name, "afterSale/operate:%" G_GINT64_FORMAT, type);
  platform_fake_note_action (self, name, text);
  c->status = next;
  c->updated_at = self->now;
  c->version++;
  return operate_item (id, 0, "success");
}

/* afterSale/applyLogisticsIntercept {after_sale_id, op_from,
 * intercept_targets: [{company_code, tracking_no}]}: the case's own parcel
 * on its way is intercepted; a tracking number starting with "NOX" is one
 * the courier cannot intercept (failed_count 1 with unavailable_reason). */
static JsonObject *
serve_intercept (PlatformFake *self,
                 JsonObject   *body,
                 const char   *text)
{
  FakeCase *c = platform_fake_lookup (self, int_member (body, "after_sale_id", 0));
  JsonNode *node = json_object_get_member (body, "intercept_targets");
  JsonArray *targets = node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
  JsonObject *target = targets && json_array_get_length (targets) == 1 ? json_array_get_object_element (targets, 0) : NULL;
  const char *tracking = target ? json_object_get_string_member_with_default (target, "tracking_no", "") : "";
  JsonObject *data, *result;
  JsonArray *results;
  gboolean ok;

  if (c == NULL)
    return error_answer (50002, "业务处理失败", "isv.business-failed:aftersale-not-exist", "售后单不存在");
  if (target == NULL || int_member (body, "op_from", 0) != 1 ||
      g_strcmp0 (json_object_get_string_member_with_default (target, "company_code", ""), "zhongtong") != 0)
    return error_answer (40004, "非法的参数", "isv.parameter-invalid:intercept_targets", NULL);
  if (c->type != DY_REFUND_SHIPPED || c->tracking == NULL || strcmp (tracking, c->tracking) != 0)
    return error_answer (50002, "业务处理失败", "isv.business-failed:no-parcel", "包裹不存在");
  ok = !g_str_has_prefix (tracking, "NOX");
  data = json_object_new ();
  results = json_array_new ();
  result = json_object_new ();
  json_object_set_string_member (result, "tracking_no", tracking);
  json_object_set_boolean_member (result, "is_success", ok);
  json_array_add_object_element (results, result);
  json_object_set_array_member (data, "intercept_results", results);
  json_object_set_int_member (data, "success_count", ok ? 1 : 0);
  json_object_set_int_member (data, "failed_count", ok ? 0 : 1);
  json_object_set_int_member (data, "unavailable_reason_code", ok ? 0 : 12);
  json_object_set_string_member (data, "unavailable_reason", ok ? "" : "快递公司不支持拦截");
  if (ok)
    platform_fake_note_action (self, "afterSale/applyLogisticsIntercept", text);
  return answer (data);
}

static JsonObject *
serve_addresses (void)
{
  JsonObject *data = json_object_new ();
  JsonArray *list = json_array_new ();

  for (int i = 0; i < 2; i++)
    {
      JsonObject *a = json_object_new ();

      json_object_set_int_member (a, "address_id", 9001 + i);
      json_object_set_string_member (a, "reciever_name", "售后部");
      json_object_set_int_member (a, "is_default", i == 0);
      json_object_set_string_member (a, "receiver_provinc", "北京市");
      json_object_set_string_member (a, "receiver_city", "北京市");
      json_object_set_string_member (a, "receiver_district", "海淀区");
      json_object_set_string_member (a, "receiver_detail", i == 0 ? "知春路 1 号" : "中关村大街 2 号");
      json_array_add_object_element (list, a);
    }
  json_object_set_array_member (data, "address_list", list);
  json_object_set_int_member (data, "total", 2);
  return answer (data);
}

/* data {access_token, expires_in (seconds to live), refresh_token, scope,
 * shop_id, shop_name} */
static JsonObject *
new_token (PlatformFake *self)
{
  g_autofree char *access = NULL;
  g_autofree char *refresh = NULL;
  JsonObject *data = json_object_new ();

  platform_fake_new_tokens (self, &access, &refresh);
  json_object_set_string_member (data, "access_token", access);
  json_object_set_int_member (data, "expires_in", 7 * 86400);
  json_object_set_string_member (data, "refresh_token", refresh);
  json_object_set_string_member (data, "scope", "SCOPE");
  json_object_set_int_member (data, "shop_id", 4463798);
  json_object_set_string_member (data, "shop_name", "测试抖店");
  return answer (data);
}

static JsonObject *
serve (PlatformFake *self,
       GHashTable   *params)
{
  const char *path = g_hash_table_lookup (params, "@path");
  const char *text = g_hash_table_lookup (params, "@body");
  const char *method = g_hash_table_lookup (params, "method");
  const char *sign = g_hash_table_lookup (params, "sign");
  const char *token = g_hash_table_lookup (params, "access_token");
  g_autofree char *expected = NULL;
  g_autofree char *api = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;
  JsonObject *body;

  if (path == NULL || text == NULL || method == NULL || g_hash_table_lookup (params, "timestamp") == NULL ||
      g_strcmp0 (g_hash_table_lookup (params, "v"), "2") != 0)
    return error_answer (40001, "缺少必选参数", "isv.missing-parameter", NULL);
  api = g_strdelimit (g_strdup (path + 1), "/", '.');
  if (strcmp (api, method) != 0)
    return error_answer (40003, "非法的参数", "isv.method-invalid", NULL);
  if (g_strcmp0 (g_hash_table_lookup (params, "app_key"), self->client_id) != 0)
    return error_answer (40003, "非法的参数", "isv.app-key-invalid", NULL);
  expected = expected_sign (params, self->secret);
  if (sign == NULL || strcmp (sign, expected) != 0 ||
      !json_parser_load_from_data (parser, text, -1, NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root) ||
      !sorted_keys (json_node_get_object (root)))
    {
      self->bad_signs++;
      return error_answer (40003, "非法的参数", "isv.signature-invalid", "签名错误");
    }
  body = json_node_get_object (root);
  if (platform_fake_take_flow_control (self))
    return error_answer (60000, "触发限流", "isv.api-frequency-limit", "请求过于频繁");
  if (strcmp (method, "token.create") == 0)
    {
      const char *grant = json_object_get_string_member_with_default (body, "grant_type", "");

      /* A self-use app names its shop (4463798 here); a tool app's code. */
      if (g_strcmp0 (grant, "authorization_self") == 0 ? int_member (body, "shop_id", 0) != 4463798
          : g_strcmp0 (grant, "authorization_code") != 0 ||
            g_strcmp0 (json_object_get_string_member_with_default (body, "code", ""), "good-code") != 0)
        return error_answer (50002, "业务处理失败", "isv.business-failed:code-invalid", "授权码无效");
      platform_fake_counted (self, method);
      return new_token (self);
    }
  if (strcmp (method, "token.refresh") == 0)
    {
      const char *refresh = json_object_get_string_member_with_default (body, "refresh_token", "");

      if (!g_hash_table_contains (self->refresh, refresh))
        return error_answer (50002, "业务处理失败", "dop.token-generate-failed:token-expired", "refresh_token 已过期");
      platform_fake_counted (self, method);
      return new_token (self);
    }
  if (token == NULL || !g_hash_table_contains (self->tokens, token))
    return error_answer (40003, "非法的参数", "isv.access-token-invalid", "access_token 不存在或已过期");
  platform_fake_counted (self, method);
  if (strcmp (method, "afterSale.List") == 0)
    return serve_list (self, body);
  if (strcmp (method, "afterSale.Detail") == 0)
    {
      FakeCase *c = platform_fake_lookup (self, int_member (body, "after_sale_id", 0));

      return c ? answer (detail_of (c))
               : error_answer (50002, "业务处理失败", "isv.business-failed:aftersale-not-exist", "售后单不存在");
    }
  if (strcmp (method, "afterSale.operate") == 0)
    return serve_operate (self, body, text);
  if (strcmp (method, "afterSale.applyLogisticsIntercept") == 0)
    return serve_intercept (self, body, text);
  if (strcmp (method, "address.list") == 0)
    return serve_addresses ();
  return error_answer (70000, "接口已下线", "isv.method-not-exist", NULL);
}

PlatformFake *
douyin_fake_new (const char *app_key,
                 const char *app_secret)
{
  return platform_fake_new ("/", app_key, app_secret, serve);
}
