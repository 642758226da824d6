/* platform-fake.c: what the platform fakes share (see platform-fake.h). */
#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "platform-fake.h"

static void
case_free (gpointer data)
{
  FakeCase *c = data;

  g_free (c->refund_yuan);
  g_free (c->tracking);
  g_free (c);
}

gint64
platform_fake_param_int (GHashTable *params,
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

GPtrArray *
platform_fake_window (PlatformFake *self,
                      gint64        from,
                      gint64        to)
{
  GPtrArray *hits = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->cases);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      FakeCase *c = value;

      if (c->updated_at >= from && c->updated_at <= to && !c->hidden)
        g_ptr_array_add (hits, c);
    }
  g_ptr_array_sort (hits, compare_cases);
  return hits;
}

FakeCase *
platform_fake_lookup (PlatformFake *self,
                      gint64        id)
{
  return g_hash_table_lookup (self->cases, &id);
}

void
platform_fake_counted (PlatformFake *self,
                       const char   *type)
{
  g_hash_table_insert (self->counts, g_strdup (type),
                       GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (self->counts, type)) + 1));
}

gboolean
platform_fake_take_flow_control (PlatformFake *self)
{
  if (self->flow_control == 0)
    return FALSE;
  self->flow_control--;
  return TRUE;
}

void
platform_fake_note_action (PlatformFake *self,
                           const char   *type,
                           const char   *text)
{
  g_free (self->last_action);
  g_free (self->last_type);
  self->last_action = g_strdup (text);
  self->last_type = g_strdup (type);
  g_ptr_array_add (self->actions, g_strconcat (type, "\t", text, NULL));
}

GStrv
platform_fake_actions (PlatformFake *self,
                       const char   *type)
{
  g_autoptr(GStrvBuilder) out = g_strv_builder_new ();
  g_autofree char *prefix = g_strconcat (type, "\t", NULL);

  g_mutex_lock (&self->lock);
  for (guint i = 0; i < self->actions->len; i++)
    if (g_str_has_prefix (self->actions->pdata[i], prefix))
      g_strv_builder_add (out, (char *) self->actions->pdata[i] + strlen (prefix));
  g_mutex_unlock (&self->lock);
  return g_strv_builder_end (out);
}

void
platform_fake_new_tokens (PlatformFake  *self,
                          char         **out_access,
                          char         **out_refresh)
{
  *out_access = g_strdup_printf ("fake-access-%u", ++self->token_serial);
  *out_refresh = g_strdup_printf ("fake-refresh-%u", self->token_serial);
  g_hash_table_add (self->tokens, g_strdup (*out_access));
  g_hash_table_add (self->refresh, g_strdup (*out_refresh));
}

static gboolean
is_multipart (SoupServerMessage *msg)
{
  const char *type = soup_message_headers_get_content_type (soup_server_message_get_request_headers (msg), NULL);

  return type != NULL && g_ascii_strcasecmp (type, "multipart/form-data") == 0;
}

/* A multipart/form-data body (what TOP's SDKs send for a byte[]
 * parameter): its text fields, and each file part as "@file:<name>" →
 * "<bytes>|<content type>|<sha256 of the bytes>". */
static GHashTable *
multipart_params (SoupServerMessage *msg,
                  GBytes            *body)
{
  GHashTable *params = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(SoupMultipart) multipart =
    soup_multipart_new_from_message (soup_server_message_get_request_headers (msg), body);

  for (int i = 0; multipart != NULL && i < soup_multipart_get_length (multipart); i++)
    {
      SoupMessageHeaders *headers = NULL;
      GBytes *part = NULL;
      g_autofree char *disposition = NULL;
      g_autoptr(GHashTable) fields = NULL;
      const char *name;

      if (!soup_multipart_get_part (multipart, i, &headers, &part) ||
          !soup_message_headers_get_content_disposition (headers, &disposition, &fields) ||
          (name = g_hash_table_lookup (fields, "name")) == NULL)
        continue;
      if (g_hash_table_contains (fields, "filename"))
        {
          g_autofree char *sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, part);
          const char *type = soup_message_headers_get_content_type (headers, NULL);

          g_hash_table_insert (params, g_strconcat ("@file:", name, NULL),
                               g_strdup_printf ("%" G_GSIZE_FORMAT "|%s|%s", g_bytes_get_size (part),
                                                type ? type : "", sha));
        }
      else
        g_hash_table_insert (params, g_strdup (name),
                             g_strndup (g_bytes_get_data (part, NULL), g_bytes_get_size (part)));
    }
  return params;
}

static void
on_router_cb (SoupServer        *server,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  PlatformFake *self = user_data;
  SoupMessageBody *request = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (request);
  g_autofree char *form = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_autoptr(GHashTable) params = NULL;
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  char *text;

  /* A platform that signs its query (抖店) sends the business parameters
   * as the body: the fake gets the query, "@path" and "@body". */
  if (query != NULL)
    {
      GHashTableIter iter;
      gpointer key, value;

      params = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_hash_table_iter_init (&iter, query);
      while (g_hash_table_iter_next (&iter, &key, &value))
        g_hash_table_insert (params, g_strdup (key), g_strdup (value));
      g_hash_table_insert (params, g_strdup ("@path"), g_strdup (path));
      g_hash_table_insert (params, g_strdup ("@body"), g_strdup (form));
    }
  else if (is_multipart (msg))
    params = multipart_params (msg, bytes);
  else
    params = soup_form_decode (form);
  g_mutex_lock (&self->lock);
  answer = self->serve (self, params);
  g_mutex_unlock (&self->lock);
  json_node_set_object (node, answer);
  text = json_to_string (node, FALSE);
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, text, strlen (text));
}

static gpointer
run (gpointer data)
{
  PlatformFake *self = data;

  g_main_context_push_thread_default (self->context);
  g_main_loop_run (self->loop);
  g_main_context_pop_thread_default (self->context);
  return NULL;
}

PlatformFake *
platform_fake_new (const char        *path,
                   const char        *client_id,
                   const char        *client_secret,
                   PlatformFakeServe  serve)
{
  PlatformFake *self = g_new0 (PlatformFake, 1);
  g_autoptr(GError) error = NULL;
  GSList *uris;

  g_mutex_init (&self->lock);
  self->serve = serve;
  self->client_id = g_strdup (client_id);
  self->secret = g_strdup (client_secret);
  self->next_id = 100000;
  self->cases = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, case_free);
  self->tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->refresh = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->actions = g_ptr_array_new_with_free_func (g_free);
  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);
  g_main_context_push_thread_default (self->context);
  self->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (self->server, path, on_router_cb, self, NULL);
  if (!soup_server_listen_local (self->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error))
    g_error ("platform fake: %s", error->message);
  uris = soup_server_get_uris (self->server);
  self->url = g_strdup_printf ("http://127.0.0.1:%d%s", g_uri_get_port (uris->data), path);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  g_main_context_pop_thread_default (self->context);
  self->thread = g_thread_new ("platform-fake", run, self);
  return self;
}

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

void
platform_fake_free (PlatformFake *self)
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
  g_ptr_array_unref (self->actions);
  g_mutex_clear (&self->lock);
  g_free (self);
}

const char *
platform_fake_get_url (PlatformFake *self)
{
  return self->url;
}

void
platform_fake_set_now (PlatformFake *self,
                  gint64   unix_seconds)
{
  g_mutex_lock (&self->lock);
  self->now = unix_seconds;
  g_mutex_unlock (&self->lock);
}

void
platform_fake_add_token (PlatformFake    *self,
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
platform_fake_expire_tokens (PlatformFake *self)
{
  g_mutex_lock (&self->lock);
  g_hash_table_remove_all (self->tokens);
  g_hash_table_remove_all (self->refresh);
  g_mutex_unlock (&self->lock);
}

gint64
platform_fake_add_case (PlatformFake    *self,
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
  c->version = 1;
  g_hash_table_insert (self->cases, &c->id, c);
  g_mutex_unlock (&self->lock);
  return c->id;
}

void
platform_fake_set_status (PlatformFake *self,
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
  c->version++;
  g_mutex_unlock (&self->lock);
}

void
platform_fake_set_tracking (PlatformFake    *self,
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
  c->version++;
  g_mutex_unlock (&self->lock);
}

int
platform_fake_get_status (PlatformFake *self,
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
platform_fake_set_hidden (PlatformFake  *self,
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
platform_fake_inject_flow_control (PlatformFake *self,
                              guint    n)
{
  g_mutex_lock (&self->lock);
  self->flow_control = n;
  g_mutex_unlock (&self->lock);
}

guint
platform_fake_count (PlatformFake    *self,
                const char *type)
{
  guint n;

  g_mutex_lock (&self->lock);
  n = GPOINTER_TO_UINT (g_hash_table_lookup (self->counts, type));
  g_mutex_unlock (&self->lock);
  return n;
}

guint
platform_fake_count_all (PlatformFake *self)
{
  GHashTableIter iter;
  gpointer value;
  guint n = 0;

  g_mutex_lock (&self->lock);
  g_hash_table_iter_init (&iter, self->counts);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    n += GPOINTER_TO_UINT (value);
  g_mutex_unlock (&self->lock);
  return n;
}

guint
platform_fake_bad_signs (PlatformFake *self)
{
  guint n;

  g_mutex_lock (&self->lock);
  n = self->bad_signs;
  g_mutex_unlock (&self->lock);
  return n;
}

char *
platform_fake_last_action (PlatformFake  *self,
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
