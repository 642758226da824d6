/* accounts-test-util.c: what test-accounts.c and test-accounts-trust.c
 * share: the fixture, the accounts dialog, small local servers,
 * translations.
 *
 * Copyright 2026 The Shouhou authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "accounts-test-util.h"

gboolean
tick_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

void
drain_events (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *store_path = NULL;
  g_autofree char *sim_path = NULL;

  fixture->tmpdir = g_dir_make_tmp ("shou-accounts-XXXXXX", &error);
  g_assert_no_error (error);

  store_path = g_build_filename (fixture->tmpdir, "shouhou.db", NULL);
  fixture->store = shou_store_new (store_path, &error);
  g_assert_no_error (error);

  sim_path = g_build_filename (fixture->tmpdir, "sim.db", NULL);
  fixture->sim = shou_sim_server_new (sim_path, SHOU_SIM_FLAG_QUIET | SHOU_SIM_FLAG_TEST_CONTROLS, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (shou_sim_server_listen (fixture->sim, 0, &error), >, 0);
  g_assert_no_error (error);
  fixture->url = g_strdup (shou_sim_server_get_url (fixture->sim));

  /* Demo data first: it is only seeded into an empty simulator. */
  if (data != NULL)
    {
      g_assert_true (shou_sim_server_add_demo (fixture->sim, 7, &error));
      g_assert_no_error (error);
    }

  g_assert_true (shou_sim_server_add_merchant (fixture->sim, "m-acc", "Accounts test merchant", GOOD_TOKEN, &error));
  g_assert_true (shou_sim_server_add_shop (fixture->sim, "shop-acc-pdd", "m-acc", SHOU_PLATFORM_PDD,
                                           "拼多多测试旗舰店", &error));
  g_assert_true (shou_sim_server_add_shop (fixture->sim, "shop-acc-tb", "m-acc", SHOU_PLATFORM_TAOBAO,
                                           "淘宝测试小铺", &error));
  g_assert_true (shou_sim_server_add_merchant (fixture->sim, "m-other", "Second merchant", OTHER_TOKEN, &error));
  g_assert_true (shou_sim_server_add_shop (fixture->sim, "shop-other-jd", "m-other", SHOU_PLATFORM_JD,
                                           "京东测试店", &error));
  g_assert_no_error (error);
}

void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_object (&fixture->store);
  g_clear_object (&fixture->sim);
  g_clear_pointer (&fixture->url, g_free);
  remove_tree (fixture->tmpdir);
  g_clear_pointer (&fixture->tmpdir, g_free);
}

GtkWidget *
child (gpointer    widget,
       GType       type,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (object);
  return GTK_WIDGET (object);
}

ShouAccountsDialog *
open_dialog (Fixture *fixture)
{
  GtkWindow *dialog = shou_accounts_dialog_new (NULL, fixture->store);

  gtk_window_present (dialog);
  drain_events ();
  return SHOU_ACCOUNTS_DIALOG (dialog);
}

void
close_dialog (ShouAccountsDialog *dialog)
{
  gtk_window_destroy (GTK_WINDOW (dialog));
  drain_events ();
}

void
test_connection (ShouAccountsDialog *dialog,
                 const char         *url,
                 const char         *token)
{
  gtk_editable_set_text (GTK_EDITABLE (child (dialog, SHOU_TYPE_ACCOUNTS_DIALOG, "url_row")), url);
  gtk_editable_set_text (GTK_EDITABLE (child (dialog, SHOU_TYPE_ACCOUNTS_DIALOG, "token_row")), token);
  /* As the button does */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "accounts.test", NULL);
  WAIT_FOR (!shou_accounts_dialog_get_busy (dialog));
}

const char *
shown_error (ShouAccountsDialog *dialog)
{
  if (!gtk_widget_get_visible (child (dialog, SHOU_TYPE_ACCOUNTS_DIALOG, "error_box")))
    return NULL;
  return gtk_label_get_text (GTK_LABEL (child (dialog, SHOU_TYPE_ACCOUNTS_DIALOG, "error_label")));
}

/* Titles of the rows in an AdwPreferencesGroup, in order. */
GPtrArray *
group_rows (GtkWidget *group)
{
  GPtrArray *rows = g_ptr_array_new ();
  GtkWidget *w;

  /* group > box > listbox > rows */
  for (w = gtk_widget_get_first_child (group); w != NULL; w = gtk_widget_get_next_sibling (w))
    {
      GtkWidget *stack[64];
      guint depth = 0;

      stack[depth++] = w;
      while (depth > 0)
        {
          GtkWidget *node = stack[--depth];
          GtkWidget *c;

          if (ADW_IS_PREFERENCES_ROW (node) && gtk_widget_get_visible (node))
            {
              g_ptr_array_add (rows, node);
              continue;
            }
          for (c = gtk_widget_get_last_child (node); c != NULL && depth < G_N_ELEMENTS (stack);
               c = gtk_widget_get_prev_sibling (c))
            stack[depth++] = c;
        }
    }

  return rows;
}

guint
count_accounts (ShouStore *store)
{
  g_autoptr(GPtrArray) accounts = shou_store_list_accounts (store);

  return accounts->len;
}

guint
closed_port (void)
{
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;
  guint port;

  g_socket_listener_add_address (listener, address, G_SOCKET_TYPE_STREAM,
                                 G_SOCKET_PROTOCOL_TCP, NULL, &bound, &error);
  g_assert_no_error (error);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_socket_listener_close (listener);
  return port;
}

void
web_page_cb (SoupServer        *server,
             SoupServerMessage *msg,
             const char        *path,
             GHashTable        *query,
             gpointer           user_data)
{
  static const char html[] = "<!DOCTYPE html><html><body><h1>欢迎光临本店</h1></body></html>";
  static const char shops[] = "{\"shops\": [{\"id\": \"x\", \"platform\": \"jd\", \"name\": \"x\"}]}";

  if (GPOINTER_TO_INT (user_data))
    soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, shops, strlen (shops));
  else
    soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC, html, strlen (html));
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
}

SoupServer *
start_local_server (gboolean  tls,
                    char    **url)
{
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(GError) error = NULL;
  GSList *uris;

  if (tls)
    {
      g_autoptr(GTlsCertificate) cert = g_tls_certificate_new_from_pem (untrusted_pem, -1, &error);

      g_assert_no_error (error);
      server = soup_server_new ("tls-certificate", cert, NULL);
    }
  else
    {
      server = soup_server_new (NULL, NULL);
    }
  soup_server_add_handler (server, NULL, web_page_cb, GINT_TO_POINTER (tls), NULL);
  soup_server_listen_local (server, 0,
                            SOUP_SERVER_LISTEN_IPV4_ONLY | (tls ? SOUP_SERVER_LISTEN_HTTPS : 0),
                            &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (server);
  *url = g_strdup_printf ("%s://127.0.0.1:%d", tls ? "https" : "http", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  return g_steal_pointer (&server);
}

/* The build's catalogues, so no install is needed. */
const char *
test_localedir (void)
{
  const char *dir = g_getenv ("SHOU_TEST_LOCALEDIR");
  g_autofree char *probe = NULL;

  if (dir != NULL)
    probe = g_build_filename (dir, "zh_CN", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  if (probe != NULL && g_file_test (probe, G_FILE_TEST_EXISTS))
    return dir;

  return SHOU_BUILD_LOCALEDIR;
}

/* GLib decides once per process whether to translate, so another language
 * means another process: the test re-runs itself with LANGUAGE set. */
gboolean
run_in_language (const char *language)
{
  g_autofree char *mo = g_build_filename (test_localedir (), language, "LC_MESSAGES",
                                          GETTEXT_PACKAGE ".mo", NULL);

  if (!g_file_test (mo, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("the catalogue is not built");
      return FALSE;
    }

  g_setenv ("LANGUAGE", language, TRUE);
  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_trap_assert_passed ();
  return TRUE;
}

AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}
