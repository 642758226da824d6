/* evidence-sim.h: the simulator in this process on 127.0.0.1:0, a store
 * connected to it, sync runs and plain HTTP reads of what the server holds. */
#pragma once

#include "evidence-fixture.h"

#include <libsoup/soup.h>

#include "sim/shou-sim-server.h"
#include "store/shou-request-list.h"
#include "store/shou-request-item.h"
#include "sync/shou-sync-engine.h"
#include "ui/accounts/shou-accounts.h"

typedef struct
{
  char           *dir;
  ShouSimServer  *server;
  char           *token;
  ShouStore      *store;
  ShouSyncEngine *engine;
  SoupSession    *session;
} EvSim;

static inline void
ev_sim_setup (EvSim         *s,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sim_db = NULL;
  g_autofree char *db = NULL;
  g_autofree char *account = NULL;
  g_auto(GStrv) tokens = NULL;
  g_auto(GStrv) parts = NULL;

  g_setenv ("SHOUHOU_SECRET_BACKEND", "memory", TRUE);
  s->dir = g_dir_make_tmp ("shou-evidence-sim-XXXXXX", &error);
  g_assert_no_error (error);
  sim_db = g_build_filename (s->dir, "sim.db", NULL);
  s->server = shou_sim_server_new (sim_db, SHOU_SIM_FLAG_TEST_CONTROLS | SHOU_SIM_FLAG_QUIET, &error);
  g_assert_no_error (error);
  g_assert_true (shou_sim_server_add_demo (s->server, 8, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (shou_sim_server_listen (s->server, 0, &error), >, 0);
  g_assert_no_error (error);
  tokens = shou_sim_server_dup_tokens (s->server);
  parts = g_strsplit (tokens[0], " ", 2);
  s->token = g_strdup (parts[1]);

  db = g_build_filename (s->dir, "client", "shouhou.db", NULL);
  s->store = shou_store_new (db, &error);
  g_assert_no_error (error);
  account = shou_accounts_connect (s->store, shou_sim_server_get_url (s->server), s->token,
                                   "Test", &error);
  g_assert_no_error (error);
  s->engine = shou_sync_engine_new (s->store);
  s->session = soup_session_new ();
}

static inline void
ev_sim_teardown (EvSim         *s,
                 gconstpointer  data)
{
  g_clear_object (&s->session);
  g_clear_object (&s->engine);
  g_clear_object (&s->store);
  g_clear_object (&s->server);
  ev_spin (20);
  shou_test_fs_rm_rf (s->dir);
  g_free (s->dir);
  g_free (s->token);
}

typedef struct
{
  gboolean done;
  gboolean ok;
} EvSyncWait;

static void
ev_sync_finished_cb (ShouSyncEngine *engine,
                     gboolean        ok,
                     EvSyncWait     *wait)
{
  wait->done = TRUE;
  wait->ok = ok;
}

static gboolean
ev_sync_done (gpointer data)
{
  return ((EvSyncWait *) data)->done;
}

/* One pull + push; TRUE when it succeeded. */
static inline gboolean
ev_sync (EvSim *s)
{
  EvSyncWait wait = { FALSE, FALSE };
  gulong id = g_signal_connect (s->engine, "sync-finished", G_CALLBACK (ev_sync_finished_cb), &wait);

  shou_sync_engine_sync_now (s->engine);
  ev_wait (ev_sync_done, &wait, 20000);
  g_signal_handler_disconnect (s->engine, id);
  return wait.done && wait.ok;
}

typedef struct
{
  GBytes *body;
  guint   status;
  gboolean done;
} EvHttp;

static void
ev_http_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  EvHttp *h = data;
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (source), result);

  h->body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, NULL);
  h->status = soup_message_get_status (msg);
  h->done = TRUE;
}

static gboolean
ev_http_done (gpointer data)
{
  return ((EvHttp *) data)->done;
}

/* What the server holds: GET or POST @path as the merchant. */
static inline JsonObject *
ev_http (EvSim      *s,
         const char *method,
         const char *path,
         const char *json_body)
{
  g_autofree char *url = g_strconcat (shou_sim_server_get_url (s->server), path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autofree char *auth = g_strconcat ("Bearer ", s->token, NULL);
  EvHttp h = { NULL, 0, FALSE };
  JsonObject *ret;

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
  if (json_body != NULL)
    {
      g_autoptr(GBytes) body = g_bytes_new (json_body, strlen (json_body));

      soup_message_set_request_body_from_bytes (msg, "application/json", body);
    }
  soup_session_send_and_read_async (s->session, msg, G_PRIORITY_DEFAULT, NULL, ev_http_cb, &h);
  g_assert_true (ev_wait (ev_http_done, &h, 10000));
  g_assert_nonnull (h.body);
  g_assert_cmpuint (h.status, <, 300);
  ret = h.status == 204 ? json_object_new ()
                        : ev_parse (g_bytes_get_size (h.body) > 0 ? g_bytes_get_data (h.body, NULL) : "{}");
  g_bytes_unref (h.body);
  return ret;
}

/* The first open request of @platform whose status is @status (any when -1). */
static inline char *
ev_sim_find_request (EvSim        *s,
                     ShouPlatform  platform,
                     int           status)
{
  g_autoptr(ShouRequestList) list = shou_request_list_new (s->store);

  shou_request_list_set_view (list, SHOU_VIEW_ALL);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      g_autoptr(ShouRequestItem) item = g_list_model_get_item (G_LIST_MODEL (list), i);

      if (shou_request_item_get_platform (item) == platform &&
          !shou_status_is_finished (shou_request_item_get_status (item)) &&
          (status < 0 || (int) shou_request_item_get_status (item) == status))
        return g_strdup (shou_request_item_get_id (item));
    }
  return NULL;
}

static inline char *
ev_sim_find_shop (EvSim        *s,
                  ShouPlatform  platform)
{
  g_autoptr(GPtrArray) shops = shou_store_list_shops (s->store);

  for (guint i = 0; i < shops->len; i++)
    {
      JsonObject *shop = g_ptr_array_index (shops, i);

      if (g_strcmp0 (json_object_get_string_member (shop, "platform"), shou_platform_to_string (platform)) == 0)
        return g_strdup (json_object_get_string_member (shop, "id"));
    }
  return NULL;
}
