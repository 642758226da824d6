/* taobao-fake.c: the TOP gateway fake (see taobao-fake.h). */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "taobao-fake.h"

static const char *const statuses[] = {
  "WAIT_SELLER_AGREE", "WAIT_BUYER_RETURN_GOODS", "WAIT_SELLER_CONFIRM_GOODS",
  "SELLER_REFUSE_BUYER", "CLOSED", "SUCCESS",
};

const char *
taobao_fake_status_name (int status)
{
  return status >= 0 && status < (int) G_N_ELEMENTS (statuses) ? statuses[status] : "CLOSED";
}

/* {"error_response": {code, msg, sub_code, sub_msg, request_id}} */
static JsonObject *
error_answer (gint64      code,
              const char *msg,
              const char *sub_code,
              const char *sub_msg)
{
  JsonObject *root = json_object_new ();
  JsonObject *e = json_object_new ();

  json_object_set_int_member (e, "code", code);
  json_object_set_string_member (e, "msg", msg);
  if (sub_code != NULL)
    json_object_set_string_member (e, "sub_code", sub_code);
  if (sub_msg != NULL)
    json_object_set_string_member (e, "sub_msg", sub_msg);
  json_object_set_string_member (e, "request_id", "fake");
  json_object_set_object_member (root, "error_response", e);
  return root;
}

static JsonObject *
answer (const char *key,
        JsonObject *body)
{
  JsonObject *root = json_object_new ();

  json_object_set_string_member (body, "request_id", "fake");
  json_object_set_object_member (root, key, body);
  return root;
}

/* TOP's rule, written here again: the parameters but sign and the byte[]
 * ones (file parts of a multipart call, "@file:…" here; open.taobao.com
 * docId 101617: "除去sign参数和byte[]类型的参数"), empty values left out,
 * sorted by name, name+value concatenated; hmac-sha256 keyed
 * with the secret, or md5 over secret+text+secret; upper-case hex. */
static char *
expected_sign (GHashTable *params,
               const char *secret)
{
  g_autoptr(GList) names = g_list_sort (g_hash_table_get_keys (params), (GCompareFunc) strcmp);
  g_autoptr(GString) text = g_string_new (NULL);
  const char *method = g_hash_table_lookup (params, "sign_method");
  g_autofree char *hex = NULL;

  for (GList *l = names; l != NULL; l = l->next)
    if (strcmp (l->data, "sign") != 0 && *(const char *) l->data != '@' &&
        *(const char *) g_hash_table_lookup (params, l->data) != '\0')
      {
        g_string_append (text, l->data);
        g_string_append (text, g_hash_table_lookup (params, l->data));
      }
  if (g_strcmp0 (method, "hmac-sha256") == 0)
    hex = g_compute_hmac_for_string (G_CHECKSUM_SHA256, (const guchar *) secret, strlen (secret), text->str, text->len);
  else
    {
      g_string_prepend (text, secret);
      g_string_append (text, secret);
      hex = g_compute_checksum_for_string (G_CHECKSUM_MD5, text->str, text->len);
    }
  return g_ascii_strup (hex, -1);
}

static char *
cst (gint64 unix_seconds)
{
  g_autoptr(GTimeZone) beijing = g_time_zone_new_offset (8 * 3600);
  g_autoptr(GDateTime) at = g_date_time_new_from_unix_utc (unix_seconds);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (at, beijing);

  return g_date_time_format (local, "%Y-%m-%d %H:%M:%S");
}

static gint64
from_cst (const char *text)
{
  g_autoptr(GTimeZone) beijing = g_time_zone_new_offset (8 * 3600);
  g_autoptr(GDateTime) dt = NULL;
  int y, mo, d, h, mi, s;

  if (text == NULL || sscanf (text, "%d-%d-%d %d:%d:%d", &y, &mo, &d, &h, &mi, &s) != 6)
    return -1;
  dt = g_date_time_new (beijing, y, mo, d, h, mi, s);
  return dt ? g_date_time_to_unix (dt) : -1;
}

static gint64
refund_version (FakeCase *c)
{
  return c->updated_at * 1000 + c->version % 1000;
}

/* A refund with the fields of Refund.go (bububa/opentaobao). */
static JsonObject *
refund_of (FakeCase *c,
           gboolean  detail)
{
  JsonObject *o = json_object_new ();
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, c->id);
  g_autofree char *modified = cst (c->updated_at);

  json_object_set_string_member (o, "refund_id", id);
  json_object_set_string_member (o, "status", statuses[c->status]);
  json_object_set_string_member (o, "modified", modified);
  if (!detail)
    return o;
  {
    g_autofree char *tid = g_strdup_printf ("%" G_GINT64_FORMAT, 3000000 + c->id);
    g_autofree char *oid = g_strdup_printf ("%" G_GINT64_FORMAT, 4000000 + c->id);
    g_autofree char *created = cst (c->created_at);
    g_autofree char *timeout = cst (c->updated_at + 72 * 3600);
    JsonObject *remind = json_object_new ();

    json_object_set_string_member (o, "tid", tid);
    json_object_set_string_member (o, "oid", oid);
    json_object_set_string_member (o, "title", "测试商品");
    json_object_set_int_member (o, "num", 1);
    json_object_set_string_member (o, "refund_fee", c->refund_yuan);
    json_object_set_string_member (o, "total_fee", c->refund_yuan);
    json_object_set_string_member (o, "payment", c->refund_yuan);
    json_object_set_string_member (o, "created", created);
    json_object_set_string_member (o, "reason", "质量问题");
    json_object_set_string_member (o, "desc", "买家的说明");
    json_object_set_boolean_member (o, "has_good_return", c->type == TB_REFUND_AND_RETURN);
    json_object_set_string_member (o, "dispute_type", c->type == TB_REFUND_AND_RETURN ? "REFUND_AND_RETURN" : "REFUND");
    json_object_set_string_member (o, "good_status", c->tracking ? "BUYER_RETURNED_GOODS"
                                                    : c->type != TB_REFUND_AND_RETURN ? "BUYER_NOT_RECEIVED" : "BUYER_RECEIVED");
    json_object_set_string_member (o, "order_status", c->type == TB_REFUND ? "WAIT_SELLER_SEND_GOODS"
                                                    : c->type == TB_REFUND_SHIPPED ? "WAIT_BUYER_CONFIRM_GOODS"
                                                    : "TRADE_BUYER_SIGNED");
    json_object_set_string_member (o, "refund_phase", "aftersale");
    json_object_set_int_member (o, "refund_version", refund_version (c));
    json_object_set_int_member (o, "cs_status", 1);
    json_object_set_string_member (o, "sid", c->tracking ? c->tracking : "");
    json_object_set_boolean_member (remind, "exist_timeout", c->status == TB_WAIT_SELLER_AGREE);
    json_object_set_string_member (remind, "timeout", timeout);
    json_object_set_int_member (remind, "remind_type", 1);
    json_object_set_object_member (o, "refund_remind_timeout", remind);
  }
  return o;
}

static JsonObject *
serve_list (PlatformFake *self,
            GHashTable   *params)
{
  gint64 from = from_cst (g_hash_table_lookup (params, "start_modified"));
  gint64 to = from_cst (g_hash_table_lookup (params, "end_modified"));
  gint64 page = platform_fake_param_int (params, "page_no", 1);
  gint64 size = platform_fake_param_int (params, "page_size", 40);
  g_autoptr(GPtrArray) hits = NULL;
  JsonObject *body, *wrap;
  JsonArray *list;

  if (from < 0 || to < from)
    return error_answer (41, "Invalid Arguments", "isv.invalid-parameter:start_modified", NULL);
  if (page < 1 || size < 1 || size > 100)
    return error_answer (41, "Invalid Arguments", "isv.invalid-parameter:page_size", "最大值:100");
  hits = platform_fake_window (self, from, to);
  body = json_object_new ();
  wrap = json_object_new ();
  list = json_array_new ();
  for (gint64 i = (page - 1) * size; i < MIN ((gint64) hits->len, page * size); i++)
    json_array_add_object_element (list, refund_of (hits->pdata[i], FALSE));
  json_object_set_array_member (wrap, "refund", list);
  json_object_set_object_member (body, "refunds", wrap);
  json_object_set_boolean_member (body, "has_next", page * size < (gint64) hits->len);
  return answer ("refunds_receive_get_response", body);
}

/* One refund of a refunds.agree call: "" when agreed, else why not. */
static const char *
agree_one (PlatformFake *self,
           char        **parts,
           const char   *code)
{
  FakeCase *c = platform_fake_lookup (self, g_ascii_strtoll (parts[0], NULL, 10));

  if (c == NULL)
    return "退款不存在";
  if (g_ascii_strtoll (parts[2], NULL, 10) != refund_version (c))
    return "退款版本已变更，请刷新后重试";
  if (c->status != TB_WAIT_SELLER_AGREE && c->status != TB_WAIT_SELLER_CONFIRM_GOODS)
    return "当前退款状态不允许同意退款";
  if (g_ascii_strtoll (parts[1], NULL, 10) > 100000 && g_strcmp0 (code, TB_FAKE_SMS_CODE) != 0)
    return "退款金额较大，需要短信验证码，验证码已发送至卖家手机";
  c->status = TB_SUCCESS;
  c->updated_at = self->now;
  c->version++;
  return "";
}

/* refund_infos: refund_id|amount (fen)|version[|phase], refunds joined by
 * commas; at most 20 refunds and 600,000 fen a call (30 and 1,000,000 on
 * Tmall, whose refunds carry their phase), else error 41 for the whole
 * call. Each refund's outcome in refund_mapping_result; msg_code OP_SUCC,
 * SOME_OP_SUCC or OP_FAILURE_UE. */
static JsonObject *
serve_agree (PlatformFake *self,
             GHashTable   *params)
{
  const char *infos = g_hash_table_lookup (params, "refund_infos");
  g_auto(GStrv) refunds = infos ? g_strsplit (infos, ",", -1) : NULL;
  const char *code = g_hash_table_lookup (params, "code");
  guint n = refunds ? g_strv_length (refunds) : 0;
  gboolean tmall = FALSE;
  gint64 total = 0;
  guint agreed = 0;
  const char *first_why = NULL;
  JsonObject *body;
  JsonObject *results;
  JsonArray *list;

  for (guint i = 0; i < n; i++)
    {
      g_auto(GStrv) parts = g_strsplit (refunds[i], "|", -1);

      if (g_strv_length (parts) < 3)
        return error_answer (40, "Missing Required Arguments", "isv.missing-parameter:refund_infos", NULL);
      tmall = tmall || g_strv_length (parts) > 3;
      total += g_ascii_strtoll (parts[1], NULL, 10);
    }
  if (n == 0)
    return error_answer (40, "Missing Required Arguments", "isv.missing-parameter:refund_infos", NULL);
  if (n > (tmall ? 30u : 20u) || total > (tmall ? 1000000 : 600000))
    return error_answer (41, "Invalid Arguments", "isv.invalid-parameter:refund_infos",
                         "一次最多同意20笔、6000元的退款");
  list = json_array_new ();
  for (guint i = 0; i < n; i++)
    {
      g_auto(GStrv) parts = g_strsplit (refunds[i], "|", -1);
      const char *why = agree_one (self, parts, code);
      JsonObject *r = json_object_new ();

      json_object_set_string_member (r, "refund_id", parts[0]);
      json_object_set_boolean_member (r, "succ", *why == '\0');
      json_object_set_string_member (r, "message", *why == '\0' ? "操作成功" : why);
      json_array_add_object_element (list, r);
      if (*why == '\0')
        agreed++;
      else if (first_why == NULL)
        first_why = why;
    }
  if (agreed > 0)
    platform_fake_note_action (self, "taobao.rp.refunds.agree", infos);
  body = json_object_new ();
  results = json_object_new ();
  json_object_set_array_member (results, "refund_mapping_result", list);
  json_object_set_object_member (body, "results", results);
  json_object_set_string_member (body, "msg_code",
                                 agreed == n ? "OP_SUCC" : agreed > 0 ? "SOME_OP_SUCC" : "OP_FAILURE_UE");
  json_object_set_boolean_member (body, "succ", agreed == n);
  if (first_why != NULL)
    json_object_set_string_member (body, "message", first_why);
  return answer ("rp_refunds_agree_response", body);
}

/* The refund @params name (refund_id), and, with @versioned, only at the
 * refund_version they carry; else %NULL with TOP's answer in *@refusal. */
static FakeCase *
named_refund (PlatformFake  *self,
              GHashTable    *params,
              gboolean       versioned,
              JsonObject   **refusal)
{
  FakeCase *c = platform_fake_lookup (self, platform_fake_param_int (params, "refund_id", 0));

  if (c == NULL)
    *refusal = error_answer (15, "Remote service error", "isv.refund-not-exist", "退款不存在");
  else if (versioned && platform_fake_param_int (params, "refund_version", 0) != refund_version (c))
    *refusal = error_answer (15, "Remote service error", "isv.refund-version-changed", "退款版本已变更");
  else
    return c;
  return NULL;
}

static JsonObject *
serve_return_agree (PlatformFake *self,
                    GHashTable   *params)
{
  JsonObject *body = NULL;
  FakeCase *c = named_refund (self, params, TRUE, &body);
  const char *address = g_hash_table_lookup (params, "seller_address_id");

  if (c == NULL)
    return body;
  if (c->status != TB_WAIT_SELLER_AGREE || c->type != TB_REFUND_AND_RETURN)
    return error_answer (15, "Remote service error", "isv.refund-status-not-support", "当前状态不允许同意退货");
  if (g_strcmp0 (address, "8001") != 0 && g_strcmp0 (address, "8002") != 0)
    return error_answer (15, "Remote service error", "isv.address-not-exist", "退货地址不存在");
  platform_fake_note_action (self, "taobao.rp.returngoods.agree", address);
  c->status = TB_WAIT_BUYER_RETURN_GOODS;
  c->updated_at = self->now;
  c->version++;
  body = json_object_new ();
  json_object_set_string_member (body, "code", "0");
  json_object_set_string_member (body, "msg", "操作成功");
  return answer ("rp_returngoods_agree_response", body);
}

/* A byte[] parameter as TOP takes it: a file part (never a text field),
 * GIF/JPG/PNG, at most @max bytes. %NULL when it is fine (or absent and
 * not @required), else the error answer. @out_note: "<bytes>|<sha256>". */
static JsonObject *
check_file (GHashTable  *params,
            const char  *name,
            gsize        max,
            gboolean     required,
            char       **out_note)
{
  g_autofree char *key = g_strconcat ("@file:", name, NULL);
  g_autofree char *sub = g_strconcat ("isv.invalid-parameter:", name, NULL);
  const char *value = g_hash_table_lookup (params, key);
  g_auto(GStrv) parts = NULL;

  *out_note = NULL;
  if (g_hash_table_contains (params, name))
    return error_answer (41, "Invalid Arguments", sub, "byte[] 参数须以文件上传");
  if (value == NULL)
    return required ? error_answer (41, "Invalid Arguments", sub, "缺少文件") : NULL;
  parts = g_strsplit (value, "|", 3);
  if (g_strv_length (parts) != 3 || g_ascii_strtoull (parts[0], NULL, 10) == 0 ||
      g_ascii_strtoull (parts[0], NULL, 10) > max)
    return error_answer (41, "Invalid Arguments", sub, "文件大小超过限制");
  if (!g_str_equal (parts[1], "image/gif") && !g_str_equal (parts[1], "image/jpeg") &&
      !g_str_equal (parts[1], "image/png"))
    return error_answer (41, "Invalid Arguments", sub, "支持的图片格式：GIF, JPG, PNG");
  *out_note = g_strdup_printf ("%s|%s", parts[0], parts[2]);
  return NULL;
}

/* taobao.refund.refuse: refuse_message 2–200 characters, the refund's
 * version; TOP refuses a refusal before shipment (the method's description
 * in TaobaoRefundRefuseAPIRequest.go). The sub-codes are illustrative. */
static JsonObject *
serve_refuse (PlatformFake *self,
              GHashTable   *params)
{
  JsonObject *body = NULL, *refund;
  FakeCase *c = named_refund (self, params, TRUE, &body);
  const char *message = g_hash_table_lookup (params, "refuse_message");
  glong chars = message ? g_utf8_strlen (message, -1) : 0;
  g_autofree char *id = NULL;
  g_autofree char *proof = NULL;
  g_autofree char *note = NULL;
  JsonObject *bad_file;

  if (c == NULL)
    return body;
  if (chars < 2 || chars > 200)
    return error_answer (41, "Invalid Arguments", "isv.invalid-parameter:refuse_message", "长度2-200");
  /* refuse_proof: "最大长度130000字节，支持的图片格式：GIF, JPG, PNG" */
  if ((bad_file = check_file (params, "refuse_proof", 130000, FALSE, &proof)) != NULL)
    return bad_file;
  if (c->type == TB_REFUND)
    return error_answer (15, "Remote service error", "isv.refund-refuse-not-allowed", "卖家未发货，不能拒绝退款");
  if (c->status != TB_WAIT_SELLER_AGREE)
    return error_answer (15, "Remote service error", "isv.refund-status-not-support", "当前状态不允许拒绝");
  note = proof ? g_strdup_printf ("%s|proof=%s", message, proof) : g_strdup (message);
  platform_fake_note_action (self, "taobao.refund.refuse", note);
  c->status = TB_SELLER_REFUSE_BUYER;
  c->updated_at = self->now;
  c->version++;
  body = json_object_new ();
  refund = json_object_new ();
  id = g_strdup_printf ("%" G_GINT64_FORMAT, c->id);
  json_object_set_string_member (refund, "refund_id", id);
  json_object_set_string_member (refund, "status", statuses[c->status]);
  json_object_set_object_member (body, "refund", refund);
  json_object_set_boolean_member (body, "is_success", TRUE);
  return answer ("refund_refuse_response", body);
}

/* taobao.refund.message.add: content at most 400 bytes; the answer's
 * refund_message has id and created. */
static JsonObject *
serve_message (PlatformFake *self,
               GHashTable   *params)
{
  JsonObject *body = NULL, *message;
  FakeCase *c = named_refund (self, params, FALSE, &body);
  const char *content = g_hash_table_lookup (params, "content");
  g_autofree char *created = NULL;
  g_autofree char *image = NULL;
  g_autofree char *note = NULL;
  JsonObject *bad_file;

  if (c == NULL)
    return body;
  if (content == NULL || strlen (content) > 400)
    return error_answer (41, "Invalid Arguments", "isv.invalid-parameter:content", "最大长度: 400个字节");
  /* image: "类型: JPG,GIF,PNG;最大为: 500K" */
  if ((bad_file = check_file (params, "image", 500 * 1024, FALSE, &image)) != NULL)
    return bad_file;
  note = image ? g_strdup_printf ("%s|image=%s", content, image) : g_strdup (content);
  platform_fake_note_action (self, "taobao.refund.message.add", note);
  body = json_object_new ();
  message = json_object_new ();
  created = cst (self->now);
  json_object_set_int_member (message, "id", 9000 + c->id);
  json_object_set_string_member (message, "created", created);
  json_object_set_object_member (body, "refund_message", message);
  return answer ("refund_message_add_response", body);
}

/* taobao.rp.refund.intercept: refund_id and refund_version; the answer
 * has only request_id. Intercepting is for a parcel on its way (the
 * fake's TB_REFUND_SHIPPED); the sub-code is illustrative. */
static JsonObject *
serve_intercept (PlatformFake *self,
                 GHashTable   *params)
{
  JsonObject *refusal = NULL;
  FakeCase *c = named_refund (self, params, TRUE, &refusal);
  g_autofree char *text = NULL;

  if (c == NULL)
    return refusal;
  if (c->type != TB_REFUND_SHIPPED)
    return error_answer (15, "Remote service error", "isv.intercept-not-allowed", "包裹不在途，无法拦截");
  text = g_strdup_printf ("%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT, c->id, refund_version (c));
  platform_fake_note_action (self, "taobao.rp.refund.intercept", text);
  return answer ("rp_refund_intercept_response", json_object_new ());
}

static JsonObject *
serve_addresses (void)
{
  JsonObject *body = json_object_new ();
  JsonObject *wrap = json_object_new ();
  JsonArray *list = json_array_new ();

  for (int i = 0; i < 2; i++)
    {
      JsonObject *a = json_object_new ();

      json_object_set_int_member (a, "contact_id", 8001 + i);
      json_object_set_string_member (a, "contact_name", "售后部");
      json_object_set_string_member (a, "mobile_phone", "13900000000");
      json_object_set_string_member (a, "province", "浙江省");
      json_object_set_string_member (a, "city", "杭州市");
      json_object_set_string_member (a, "country", "余杭区");
      json_object_set_string_member (a, "addr", i == 0 ? "文一西路 969 号" : "五常大道 1 号");
      json_object_set_string_member (a, "zip_code", "311121");
      json_object_set_boolean_member (a, "cancel_def", i == 0);
      json_array_add_object_element (list, a);
    }
  json_object_set_array_member (wrap, "address_result", list);
  json_object_set_object_member (body, "addresses", wrap);
  return answer ("logistics_address_search_response", body);
}

/* token_result: a JSON text with the fields of TOP's OAuth token. */
static JsonObject *
new_token (PlatformFake *self,
           const char   *key)
{
  g_autofree char *access = NULL;
  g_autofree char *refresh = NULL;
  g_autofree char *result = NULL;
  JsonObject *body = json_object_new ();

  platform_fake_new_tokens (self, &access, &refresh);
  result = g_strdup_printf ("{\"access_token\":\"%s\",\"refresh_token\":\"%s\",\"expire_time\":%" G_GINT64_FORMAT
                            ",\"refresh_token_valid_time\":%" G_GINT64_FORMAT
                            ",\"expires_in\":86400,\"re_expires_in\":2592000,\"taobao_user_id\":\"2200000001\","
                            "\"taobao_user_nick\":\"fake-shop\",\"token_type\":\"Bearer\"}",
                            access, refresh, (self->now + 86400) * 1000, (self->now + 30 * 86400) * 1000);
  json_object_set_string_member (body, "token_result", result);
  return answer (key, body);
}

static JsonObject *
serve (PlatformFake *self,
       GHashTable   *params)
{
  const char *method = g_hash_table_lookup (params, "method");
  const char *sign = g_hash_table_lookup (params, "sign");
  const char *session = g_hash_table_lookup (params, "session");
  g_autofree char *expected = expected_sign (params, self->secret);

  if (method == NULL || g_hash_table_lookup (params, "timestamp") == NULL)
    return error_answer (21, "Missing Method", NULL, NULL);
  if (g_strcmp0 (g_hash_table_lookup (params, "app_key"), self->client_id) != 0)
    return error_answer (29, "Invalid App Key", NULL, NULL);
  if (sign == NULL || strcmp (sign, expected) != 0)
    {
      self->bad_signs++;
      return error_answer (25, "Invalid Signature", NULL, NULL);
    }
  if (platform_fake_take_flow_control (self))
    return error_answer (7, "App Call Limited", "accesscontrol.limited-by-api-access-count",
                         "This ban will last for 1 more seconds");
  if (g_str_equal (method, "taobao.top.auth.token.create"))
    {
      if (g_strcmp0 (g_hash_table_lookup (params, "code"), "good-code") != 0)
        return error_answer (15, "Remote service error", "isv.invalid-code", "code 无效");
      platform_fake_counted (self, method);
      return new_token (self, "top_auth_token_create_response");
    }
  if (g_str_equal (method, "taobao.top.auth.token.refresh"))
    {
      const char *refresh = g_hash_table_lookup (params, "refresh_token");

      if (refresh == NULL || !g_hash_table_contains (self->refresh, refresh))
        return error_answer (27, "Invalid session", "invalid-sessionkey", "refresh_token 无效");
      platform_fake_counted (self, method);
      return new_token (self, "top_auth_token_refresh_response");
    }
  if (session == NULL || !g_hash_table_contains (self->tokens, session))
    return error_answer (27, "Invalid session", "invalid-sessionkey", NULL);
  platform_fake_counted (self, method);
  if (g_str_equal (method, "taobao.refunds.receive.get"))
    return serve_list (self, params);
  if (g_str_equal (method, "taobao.refund.get"))
    {
      FakeCase *c = platform_fake_lookup (self, platform_fake_param_int (params, "refund_id", 0));
      JsonObject *body;

      if (c == NULL)
        return error_answer (15, "Remote service error", "isv.refund-not-exist", "退款不存在");
      body = json_object_new ();
      json_object_set_object_member (body, "refund", refund_of (c, TRUE));
      return answer ("refund_get_response", body);
    }
  if (g_str_equal (method, "taobao.rp.refunds.agree"))
    return serve_agree (self, params);
  if (g_str_equal (method, "taobao.rp.returngoods.agree"))
    return serve_return_agree (self, params);
  if (g_str_equal (method, "taobao.logistics.address.search"))
    return serve_addresses ();
  if (g_str_equal (method, "taobao.refund.refuse"))
    return serve_refuse (self, params);
  if (g_str_equal (method, "taobao.refund.message.add"))
    return serve_message (self, params);
  if (g_str_equal (method, "taobao.rp.refund.intercept"))
    return serve_intercept (self, params);
  return error_answer (22, "Invalid Method", NULL, NULL);
}

PlatformFake *
taobao_fake_new (const char *app_key,
                 const char *app_secret)
{
  return platform_fake_new ("/router/rest", app_key, app_secret, serve);
}
