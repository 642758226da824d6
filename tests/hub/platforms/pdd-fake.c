/* pdd-fake.c: the Pinduoduo gateway fake (see pdd-fake.h). */
#include "config.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "pdd-fake.h"

typedef struct
{
  gint64 id;
  int    type;
  int    status;
  char  *refund_yuan;
  gint64 created_at;
  gint64 updated_at;
  char  *tracking;
  gboolean hidden;
} FakeCase;

struct _PddFake
{
  GMutex        lock;
  GThread      *thread;
  GMainContext *context;
  GMainLoop    *loop;
  SoupServer   *server;
  char         *url;
  char         *client_id;
  char         *secret;
  gint64        now;
  gint64        next_id;
  GHashTable   *cases;       /* id -> FakeCase */
  GHashTable   *tokens;      /* access token -> TRUE */
  GHashTable   *refresh;     /* refresh token -> TRUE */
  GHashTable   *counts;      /* type -> count */
  guint         flow_control;
  guint         bad_signs;
  guint         token_serial;
  char         *last_action;
  char         *last_type;
};

static void
case_free (gpointer data)
{
  FakeCase *c = data;

  g_free (c->refund_yuan);
  g_free (c->tracking);
  g_free (c);
}

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

static gint64
param_int (GHashTable *params,
           const char *name,
           gint64      fallback)
{
  const char *v = g_hash_table_lookup (params, name);

  return v && *v ? g_ascii_strtoll (v, NULL, 10) : fallback;
}

static int
compare_cases (gconstpointer a,
               gconstpointer b)
{
  const FakeCase *x = *(FakeCase **) a;
  const FakeCase *y = *(FakeCase **) b;

  return x->updated_at != y->updated_at ? (x->updated_at < y->updated_at ? -1 : 1)
                                        : (x->id < y->id ? -1 : x->id > y->id);
}

static JsonObject *
serve_list (PddFake    *self,
            GHashTable *params)
{
  gint64 from = param_int (params, "start_updated_at", -1);
  gint64 to = param_int (params, "end_updated_at", -1);
  gint64 page = param_int (params, "page", 1);
  gint64 size = param_int (params, "page_size", 100);
  g_autoptr(GPtrArray) hits = g_ptr_array_new ();
  JsonObject *root;
  JsonObject *body;
  JsonArray *list;
  GHashTableIter iter;
  gpointer value;

  if (from < 0 || to < from || to - from > 1800)
    return error_answer (50001, "开始时间结束时间间距不超过 30 分钟", "invalid_time_range");
  if (page < 1 || size < 1 || size > 100)
    return error_answer (50001, "page_size 最大 100", "invalid_page_size");
  root = json_object_new ();
  body = json_object_new ();
  list = json_array_new ();
  g_hash_table_iter_init (&iter, self->cases);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      FakeCase *c = value;

      if (c->updated_at >= from && c->updated_at <= to && !c->hidden)
        g_ptr_array_add (hits, c);
    }
  g_ptr_array_sort (hits, compare_cases);
  for (gint64 i = (page - 1) * size; i < MIN ((gint64) hits->len, page * size); i++)
    json_array_add_object_element (list, case_entry (hits->pdata[i], FALSE));
  json_object_set_int_member (body, "total_count", hits->len);
  json_object_set_array_member (body, "refund_list", list);
  json_object_set_object_member (root, "refund_increment_get_response", body);
  return root;
}

static JsonObject *
agree (PddFake    *self,
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
  c = g_hash_table_lookup (self->cases, &id);
  if (c == NULL)
    return error_answer (50002, "售后单不存在", "after_sales_not_found");
  if (returngoods ? c->status != 3
                  : !(c->status == 2 || (c->status == 7 && c->tracking != NULL) || c->status == 3))
    return error_answer (50003, "当前售后状态不允许该操作", "status_not_allow");
  if (returngoods && g_strcmp0 (json_object_get_string_member_with_default (request, "return_address_id", ""), "9001") != 0 &&
      g_strcmp0 (json_object_get_string_member_with_default (request, "return_address_id", ""), "9002") != 0)
    return error_answer (50004, "退货地址不存在", "address_not_found");
  g_free (self->last_action);
  g_free (self->last_type);
  self->last_action = g_strdup (text);
  self->last_type = g_strdup (type);
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
new_token (PddFake    *self,
           const char *response_key)
{
  JsonObject *root = json_object_new ();
  JsonObject *body = json_object_new ();
  g_autofree char *access = g_strdup_printf ("fake-access-%u", ++self->token_serial);
  g_autofree char *refresh = g_strdup_printf ("fake-refresh-%u", self->token_serial);

  g_hash_table_add (self->tokens, g_strdup (access));
  g_hash_table_add (self->refresh, g_strdup (refresh));
  json_object_set_string_member (body, "access_token", access);
  json_object_set_string_member (body, "refresh_token", refresh);
  json_object_set_int_member (body, "expires_in", 86400);
  json_object_set_int_member (body, "refresh_token_expires_in", 30 * 86400);
  json_object_set_string_member (body, "owner_id", "7001");
  json_object_set_object_member (root, response_key, body);
  return root;
}

static JsonObject *
serve (PddFake    *self,
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
  if (self->flow_control > 0)
    {
      self->flow_control--;
      return error_answer (52101, "当前接口被限流，请稍后重试", NULL);
    }
  if (g_str_equal (type, "pdd.pop.auth.token.create"))
    {
      if (g_strcmp0 (g_hash_table_lookup (params, "code"), "good-code") != 0)
        return error_answer (50005, "code 无效", "invalid_code");
      g_hash_table_insert (self->counts, g_strdup (type), GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (self->counts, type)) + 1));
      return new_token (self, "pop_auth_token_create_response");
    }
  if (g_str_equal (type, "pdd.pop.auth.token.refresh"))
    {
      if (!g_hash_table_contains (self->refresh, g_hash_table_lookup (params, "refresh_token") ? (char *) g_hash_table_lookup (params, "refresh_token") : ""))
        return error_answer (10019, "access_token已过期", NULL);
      g_hash_table_insert (self->counts, g_strdup (type), GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (self->counts, type)) + 1));
      return new_token (self, "pop_auth_token_refresh_response");
    }
  if (token == NULL || !g_hash_table_contains (self->tokens, token))
    return error_answer (10019, "access_token已过期", NULL);
  g_hash_table_insert (self->counts, g_strdup (type), GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (self->counts, type)) + 1));
  if (g_str_equal (type, "pdd.refund.list.increment.get"))
    return serve_list (self, params);
  if (g_str_equal (type, "pdd.refund.information.get"))
    {
      JsonObject *root;

      id = param_int (params, "after_sales_id", 0);
      c = g_hash_table_lookup (self->cases, &id);
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

static void
on_router_cb (SoupServer        *server,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  PddFake *self = user_data;
  SoupMessageBody *request = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (request);
  g_autofree char *form = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_autoptr(GHashTable) params = soup_form_decode (form);
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  char *text;

  g_mutex_lock (&self->lock);
  answer = serve (self, params);
  g_mutex_unlock (&self->lock);
  json_node_set_object (node, answer);
  text = json_to_string (node, FALSE);
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, text, strlen (text));
}

static gpointer
run (gpointer data)
{
  PddFake *self = data;

  g_main_context_push_thread_default (self->context);
  g_main_loop_run (self->loop);
  g_main_context_pop_thread_default (self->context);
  return NULL;
}

PddFake *
pdd_fake_new (const char *client_id,
              const char *client_secret)
{
  PddFake *self = g_new0 (PddFake, 1);
  g_autoptr(GError) error = NULL;
  GSList *uris;

  g_mutex_init (&self->lock);
  self->client_id = g_strdup (client_id);
  self->secret = g_strdup (client_secret);
  self->next_id = 100000;
  self->cases = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, case_free);
  self->tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->refresh = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);
  g_main_context_push_thread_default (self->context);
  self->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (self->server, "/api/router", on_router_cb, self, NULL);
  if (!soup_server_listen_local (self->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error))
    g_error ("pdd fake: %s", error->message);
  uris = soup_server_get_uris (self->server);
  self->url = g_strdup_printf ("http://127.0.0.1:%d/api/router", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  g_main_context_pop_thread_default (self->context);
  self->thread = g_thread_new ("pdd-fake", run, self);
  return self;
}

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

void
pdd_fake_free (PddFake *self)
{
  if (self == NULL)
    return;
  g_main_context_invoke (self->context, quit_cb, self->loop);
  g_thread_join (self->thread);
  g_main_context_push_thread_default (self->context);
  soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  g_main_context_pop_thread_default (self->context);
  g_main_loop_unref (self->loop);
  g_main_context_unref (self->context);
  g_hash_table_unref (self->cases);
  g_hash_table_unref (self->tokens);
  g_hash_table_unref (self->refresh);
  g_hash_table_unref (self->counts);
  g_free (self->url);
  g_free (self->client_id);
  g_free (self->secret);
  g_free (self->last_action);
  g_free (self->last_type);
  g_mutex_clear (&self->lock);
  g_free (self);
}

const char *
pdd_fake_get_url (PddFake *self)
{
  return self->url;
}

void
pdd_fake_set_now (PddFake *self,
                  gint64   unix_seconds)
{
  g_mutex_lock (&self->lock);
  self->now = unix_seconds;
  g_mutex_unlock (&self->lock);
}

void
pdd_fake_add_token (PddFake    *self,
                    const char *access_token,
                    const char *refresh_token)
{
  g_mutex_lock (&self->lock);
  g_hash_table_add (self->tokens, g_strdup (access_token));
  if (refresh_token != NULL)
    g_hash_table_add (self->refresh, g_strdup (refresh_token));
  g_mutex_unlock (&self->lock);
}

void
pdd_fake_expire_tokens (PddFake *self)
{
  g_mutex_lock (&self->lock);
  g_hash_table_remove_all (self->tokens);
  g_hash_table_remove_all (self->refresh);
  g_mutex_unlock (&self->lock);
}

gint64
pdd_fake_add_case (PddFake    *self,
                   int         type,
                   int         status,
                   const char *refund_yuan,
                   gint64      updated_at)
{
  FakeCase *c = g_new0 (FakeCase, 1);

  g_mutex_lock (&self->lock);
  c->id = self->next_id++;
  c->type = type;
  c->status = status;
  c->refund_yuan = g_strdup (refund_yuan);
  c->created_at = updated_at - 60;
  c->updated_at = updated_at;
  g_hash_table_insert (self->cases, &c->id, c);
  g_mutex_unlock (&self->lock);
  return c->id;
}

void
pdd_fake_set_status (PddFake *self,
                     gint64   id,
                     int      status,
                     gint64   updated_at)
{
  FakeCase *c;

  g_mutex_lock (&self->lock);
  c = g_hash_table_lookup (self->cases, &id);
  g_assert (c != NULL);
  c->status = status;
  c->updated_at = updated_at;
  g_mutex_unlock (&self->lock);
}

void
pdd_fake_set_tracking (PddFake    *self,
                       gint64      id,
                       const char *tracking_number,
                       gint64      updated_at)
{
  FakeCase *c;

  g_mutex_lock (&self->lock);
  c = g_hash_table_lookup (self->cases, &id);
  g_assert (c != NULL);
  g_free (c->tracking);
  c->tracking = g_strdup (tracking_number);
  c->updated_at = updated_at;
  g_mutex_unlock (&self->lock);
}

int
pdd_fake_get_status (PddFake *self,
                     gint64   id)
{
  FakeCase *c;
  int status;

  g_mutex_lock (&self->lock);
  c = g_hash_table_lookup (self->cases, &id);
  status = c ? c->status : -1;
  g_mutex_unlock (&self->lock);
  return status;
}

void
pdd_fake_set_hidden (PddFake  *self,
                     gint64    id,
                     gboolean  hidden)
{
  FakeCase *c;

  g_mutex_lock (&self->lock);
  c = g_hash_table_lookup (self->cases, &id);
  g_assert (c != NULL);
  c->hidden = hidden;
  g_mutex_unlock (&self->lock);
}

void
pdd_fake_inject_flow_control (PddFake *self,
                              guint    n)
{
  g_mutex_lock (&self->lock);
  self->flow_control = n;
  g_mutex_unlock (&self->lock);
}

guint
pdd_fake_count (PddFake    *self,
                const char *type)
{
  guint n;

  g_mutex_lock (&self->lock);
  n = GPOINTER_TO_UINT (g_hash_table_lookup (self->counts, type));
  g_mutex_unlock (&self->lock);
  return n;
}

guint
pdd_fake_bad_signs (PddFake *self)
{
  guint n;

  g_mutex_lock (&self->lock);
  n = self->bad_signs;
  g_mutex_unlock (&self->lock);
  return n;
}

char *
pdd_fake_last_action (PddFake  *self,
                      char    **out_type)
{
  char *text;

  g_mutex_lock (&self->lock);
  text = g_strdup (self->last_action);
  if (out_type != NULL)
    *out_type = g_strdup (self->last_type);
  g_mutex_unlock (&self->lock);
  return text;
}
