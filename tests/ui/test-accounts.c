/* test-accounts.c: first run and the accounts dialog in real windows, against
 * the simulator on 127.0.0.1 (in-process) and small local servers standing
 * for a web page and an untrusted certificate. */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <locale.h>
#include <string.h>

#include "sim/shou-sim-server.h"
#include "store/shou-store.h"
#include "store/shou-store-accounts.h"
#include "sync/shou-secrets.h"
#include "sync/shou-api-client.h"
#include "sync/shou-sync-engine.h"
#include "ui/accounts/shou-account-rows.h"
#include "ui/accounts/shou-accounts.h"
#include "ui/accounts/shou-accounts-dialog.h"
#include "ui/accounts/shou-welcome-page.h"
#include "ui/accounts/shou-account-status.h"
#include "ui/window/shou-window.h"
#include "ui/shou-resources.h"

#define GOOD_TOKEN  "tok-accounts-good-0001"
#define OTHER_TOKEN "tok-accounts-other-0002"

/* A self-signed certificate for 127.0.0.1 that no system trusts. */
static const char untrusted_pem[] =
  "-----BEGIN CERTIFICATE-----\n"
  "MIIBkDCCATagAwIBAgIUZEHGhq5x+1Nma647fWMHB4jNu7gwCgYIKoZIzj0EAwIw\n"
  "FDESMBAGA1UEAwwJMTI3LjAuMC4xMCAXDTI2MTEyMjAxNDEzN1oYDzIxMjYxMDI5\n"
  "MDE0MTM3WjAUMRIwEAYDVQQDDAkxMjcuMC4wLjEwWTATBgcqhkjOPQIBBggqhkjO\n"
  "PQMBBwNCAARoHw3Xkna2XHFdO3npHWvUEPlWtLk5D1Y47KMgHyCOAfBC2AFci48j\n"
  "vqlHLFSLPmhf2I9tPF8unm8BlIYIAxaPo2QwYjAdBgNVHQ4EFgQUAfDAg1bgz5+D\n"
  "w7m7xBS1N0GAG7QwHwYDVR0jBBgwFoAUAfDAg1bgz5+Dw7m7xBS1N0GAG7QwDwYD\n"
  "VR0TAQH/BAUwAwEB/zAPBgNVHREECDAGhwR/AAABMAoGCCqGSM49BAMCA0gAMEUC\n"
  "IQCsyoUbygKHsyktJYpJ/KViWLIwh07Af4eZpLbpBrxlYQIgMDQWq0fhfR11F6Ay\n"
  "+oNSkh6mUJBImQutWqXYgB9LyCg=\n"
  "-----END CERTIFICATE-----\n"
  "-----BEGIN PRIVATE KEY-----\n"
  "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg1TKEcxc53+J+OAb5\n"
  "qVnZh/fLfrkrPP2Fis8c0k118YShRANCAARoHw3Xkna2XHFdO3npHWvUEPlWtLk5\n"
  "D1Y47KMgHyCOAfBC2AFci48jvqlHLFSLPmhf2I9tPF8unm8BlIYIAxaP\n"
  "-----END PRIVATE KEY-----\n";

/* Another self-signed certificate for 127.0.0.1: the server "changed" it. */
static const char other_pem[] =
  "-----BEGIN CERTIFICATE-----\n"
  "MIIBkTCCATagAwIBAgIUP8M1LjVnm9UZX10kFa13lMs8MrMwCgYIKoZIzj0EAwIw\n"
  "FDESMBAGA1UEAwwJMTI3LjAuMC4xMCAXDTI2MTIwNjIyMTU0MloYDzIxMjYxMTEy\n"
  "MjIxNTQyWjAUMRIwEAYDVQQDDAkxMjcuMC4wLjEwWTATBgcqhkjOPQIBBggqhkjO\n"
  "PQMBBwNCAATpqN/gbwcUxswWk/DffEiYhmo1AIOvLabwW3q4o1GApOKsONZCFquB\n"
  "mdAaJR6XhzXPKLNv3QVuPJBClVeeeaZio2QwYjAdBgNVHQ4EFgQUX4yl2JdbehWw\n"
  "6AIybaiPGKCZIpowHwYDVR0jBBgwFoAUX4yl2JdbehWw6AIybaiPGKCZIpowDwYD\n"
  "VR0TAQH/BAUwAwEB/zAPBgNVHREECDAGhwR/AAABMAoGCCqGSM49BAMCA0kAMEYC\n"
  "IQCA+CJ2RV3ppY7Qm2Dm4p+He+yvxj9J9mtpwS+U0VQ7zwIhALpLK7YI02W3Vxj7\n"
  "eMvbCbrZDGARdP03jA1wLWU4d2pJ\n"
  "-----END CERTIFICATE-----\n"
  "-----BEGIN PRIVATE KEY-----\n"
  "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg7iWirftzOcln9de2\n"
  "Wwk9IWpE9RlVpctGqPzbXEue7r+hRANCAATpqN/gbwcUxswWk/DffEiYhmo1AIOv\n"
  "LabwW3q4o1GApOKsONZCFquBmdAaJR6XhzXPKLNv3QVuPJBClVeeeaZi\n"
  "-----END PRIVATE KEY-----\n";

typedef struct
{
  char          *tmpdir;
  ShouStore     *store;
  ShouSimServer *sim;
  char          *url;
} Fixture;

static gboolean
tick_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

/* Iterates until @cond holds; fails after 10 s so no test can hang. */
#define WAIT_FOR(cond) G_STMT_START {                                    \
    gint64 _deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;   \
    guint _tick = g_timeout_add (10, tick_cb, NULL);                    \
    while (!(cond))                                                     \
      {                                                                 \
        if (g_get_monotonic_time () > _deadline)                        \
          g_error ("Timed out waiting for %s", #cond);                  \
        g_main_context_iteration (NULL, TRUE);                          \
      }                                                                 \
    g_source_remove (_tick);                                            \
  } G_STMT_END

static void
drain_events (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
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

static void
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

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_object (&fixture->store);
  g_clear_object (&fixture->sim);
  g_clear_pointer (&fixture->url, g_free);
  remove_tree (fixture->tmpdir);
  g_clear_pointer (&fixture->tmpdir, g_free);
}

static GtkWidget *
child (gpointer    widget,
       GType       type,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (object);
  return GTK_WIDGET (object);
}

static ShouAccountsDialog *
open_dialog (Fixture *fixture)
{
  GtkWindow *dialog = shou_accounts_dialog_new (NULL, fixture->store);

  gtk_window_present (dialog);
  drain_events ();
  return SHOU_ACCOUNTS_DIALOG (dialog);
}

static void
close_dialog (ShouAccountsDialog *dialog)
{
  gtk_window_destroy (GTK_WINDOW (dialog));
  drain_events ();
}

static void
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

static const char *
shown_error (ShouAccountsDialog *dialog)
{
  if (!gtk_widget_get_visible (child (dialog, SHOU_TYPE_ACCOUNTS_DIALOG, "error_box")))
    return NULL;
  return gtk_label_get_text (GTK_LABEL (child (dialog, SHOU_TYPE_ACCOUNTS_DIALOG, "error_label")));
}

/* Titles of the rows in an AdwPreferencesGroup, in order. */
static GPtrArray *
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

static char *
shop_rows_text (ShouAccountsDialog *dialog)
{
  g_autoptr(GPtrArray) rows = group_rows (child (dialog, SHOU_TYPE_ACCOUNTS_DIALOG, "shops_group"));
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < rows->len; i++)
    g_string_append_printf (text, "%s|%s;",
                            adw_preferences_row_get_title (rows->pdata[i]),
                            ADW_IS_ACTION_ROW (rows->pdata[i])
                            ? adw_action_row_get_subtitle (rows->pdata[i]) : "");
  return g_string_free (text, FALSE);
}

static void
count_cb (guint *counter)
{
  (*counter)++;
}

static guint
count_accounts (ShouStore *store)
{
  g_autoptr(GPtrArray) accounts = shou_store_list_accounts (store);

  return accounts->len;
}

static void
test_welcome_page (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) accounts = shou_store_list_accounts (fixture->store);
  GtkWidget *window;
  GtkWidget *page;
  guint demo = 0, connect = 0;

  /* An empty profile has no account: the window shows this page. */
  g_assert_cmpuint (accounts->len, ==, 0);

  window = gtk_window_new ();
  page = shou_welcome_page_new ();
  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  drain_events ();

  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (child (page, SHOU_TYPE_WELCOME_PAGE, "status_page"))),
                   ==, "Welcome to Shouhou");
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (child (page, SHOU_TYPE_WELCOME_PAGE, "demo_button"))),
                   ==, "Try the Demo Shops");
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (child (page, SHOU_TYPE_WELCOME_PAGE, "connect_button"))),
                   ==, "Connect a Shop Account");

  g_signal_connect_swapped (page, "demo-requested", G_CALLBACK (count_cb), &demo);
  g_signal_connect_swapped (page, "connect-requested", G_CALLBACK (count_cb), &connect);

  /* A button's "activate" (keyboard) clicks after a short press animation. */
  gtk_widget_activate (child (page, SHOU_TYPE_WELCOME_PAGE, "demo_button"));
  WAIT_FOR (demo == 1);
  g_assert_cmpuint (connect, ==, 0);
  gtk_widget_activate (child (page, SHOU_TYPE_WELCOME_PAGE, "connect_button"));
  WAIT_FOR (connect == 1);
  g_assert_cmpuint (demo, ==, 1);

  /* While the demo starts, nothing can be pressed twice; a failure shows. */
  shou_welcome_page_set_busy (SHOU_WELCOME_PAGE (page), TRUE);
  g_assert_false (gtk_widget_get_sensitive (child (page, SHOU_TYPE_WELCOME_PAGE, "demo_button")));
  shou_welcome_page_set_busy (SHOU_WELCOME_PAGE (page), FALSE);
  shou_welcome_page_set_error (SHOU_WELCOME_PAGE (page), "The demo shops stopped before they were ready.");
  g_assert_true (gtk_widget_get_visible (child (page, SHOU_TYPE_WELCOME_PAGE, "error_label")));
  gtk_widget_activate (child (page, SHOU_TYPE_WELCOME_PAGE, "demo_button"));
  WAIT_FOR (demo == 2);
  g_assert_false (gtk_widget_get_visible (child (page, SHOU_TYPE_WELCOME_PAGE, "error_label")));

  gtk_window_destroy (GTK_WINDOW (window));
  drain_events ();
}

static void
test_add_account (Fixture       *fixture,
                  gconstpointer  data)
{
  ShouAccountsDialog *dialog = open_dialog (fixture);
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GPtrArray) shops = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *token = NULL;
  g_autofree char *url_with_slash = g_strconcat (fixture->url, "/", NULL);
  const char *account_id;

  /* No account yet: the dialog opens on the "add" page. */
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child (dialog, SHOU_TYPE_ACCOUNTS_DIALOG, "stack"))),
                   ==, "add");

  test_connection (dialog, url_with_slash, GOOD_TOKEN);
  g_assert_null (shown_error (dialog));
  g_assert_true (gtk_widget_get_visible (child (dialog, SHOU_TYPE_ACCOUNTS_DIALOG, "shops_group")));

  /* The shops of this token only, with their platform. */
  shown = shop_rows_text (dialog);
  expected = g_strdup_printf ("拼多多测试旗舰店|%s;淘宝测试小铺|%s;",
                              shou_platform_get_label (SHOU_PLATFORM_PDD),
                              shou_platform_get_label (SHOU_PLATFORM_TAOBAO));
  if (g_strcmp0 (shown, expected) != 0)
    {
      g_free (expected);
      expected = g_strdup_printf ("淘宝测试小铺|%s;拼多多测试旗舰店|%s;",
                                  shou_platform_get_label (SHOU_PLATFORM_TAOBAO),
                                  shou_platform_get_label (SHOU_PLATFORM_PDD));
    }
  g_assert_cmpstr (shown, ==, expected);
  g_assert_null (strstr (shown, "京东测试店"));

  gtk_editable_set_text (GTK_EDITABLE (child (dialog, SHOU_TYPE_ACCOUNTS_DIALOG, "label_row")), "我的店铺");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "accounts.add", NULL);
  g_assert_null (shown_error (dialog));

  accounts = shou_store_list_accounts (fixture->store);
  g_assert_cmpuint (accounts->len, ==, 1);
  account_id = json_object_get_string_member (accounts->pdata[0], "id");
  g_assert_cmpstr (json_object_get_string_member (accounts->pdata[0], "base_url"), ==, fixture->url);
  g_assert_cmpstr (json_object_get_string_member (accounts->pdata[0], "label"), ==, "我的店铺");

  /* The token is in the keyring, not in the database file. */
  token = shou_secrets_lookup_token (account_id, NULL);
  g_assert_cmpstr (token, ==, GOOD_TOKEN);
  {
    g_autofree char *db = NULL;
    gsize len;

    g_assert_true (g_file_get_contents (shou_store_get_path (fixture->store), &db, &len, NULL));
    g_assert_null (g_strstr_len (db, len, GOOD_TOKEN));
  }

  /* Its shops are known at once, for the sidebar. */
  shops = shou_store_list_shops (fixture->store);
  g_assert_cmpuint (shops->len, ==, 2);

  /* The list page shows the account; the form is cleared. */
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child (dialog, SHOU_TYPE_ACCOUNTS_DIALOG, "stack"))),
                   ==, "list");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (dialog, SHOU_TYPE_ACCOUNTS_DIALOG, "token_row"))), ==, "");
  rows = group_rows (child (dialog, SHOU_TYPE_ACCOUNTS_DIALOG, "accounts_group"));
  g_assert_cmpuint (rows->len, >=, 1);
  g_assert_cmpstr (adw_preferences_row_get_title (rows->pdata[0]), ==, "我的店铺");

  close_dialog (dialog);
}

static void
test_several_accounts (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *again = NULL;
  g_autofree char *second = NULL;
  g_autoptr(GPtrArray) accounts = NULL;

  first = shou_accounts_connect (fixture->store, fixture->url, GOOD_TOKEN, "一号", &error);
  g_assert_no_error (error);
  /* The same URL and token (e.g. --api-url in a script, run twice) */
  again = shou_accounts_connect (fixture->store, fixture->url, GOOD_TOKEN, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (first, ==, again);
  /* Another merchant on the same API is another account. */
  second = shou_accounts_connect (fixture->store, fixture->url, OTHER_TOKEN, "二号", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (first, !=, second);

  accounts = shou_store_list_accounts (fixture->store);
  g_assert_cmpuint (accounts->len, ==, 2);

  /* Plain http to another machine never stores anything. */
  g_assert_null (shou_accounts_connect (fixture->store, "http://api.example.com", GOOD_TOKEN, NULL, &error));
  g_assert_error (error, SHOU_ACCOUNTS_ERROR, SHOU_ACCOUNTS_ERROR_INSECURE_URL);
  g_clear_pointer (&accounts, g_ptr_array_unref);
  accounts = shou_store_list_accounts (fixture->store);
  g_assert_cmpuint (accounts->len, ==, 2);
}

static guint
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

static void
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

static SoupServer *
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

/* Each error is the gettext'd message, not the server's or GIO's text. */
static void
check_errors (Fixture *fixture)
{
  ShouAccountsDialog *dialog = open_dialog (fixture);
  g_autoptr(SoupServer) web = NULL;
  g_autoptr(SoupServer) untrusted = NULL;
  g_autofree char *web_url = NULL;
  g_autofree char *untrusted_url = NULL;
  g_autofree char *closed_url = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *host = NULL;
  guint port = closed_port ();

  /* Wrong token, against the simulator */
  test_connection (dialog, fixture->url, "tok-not-issued-by-anyone");
  g_assert_cmpstr (shown_error (dialog), ==,
                   _("The API refused this token. Check that it was copied completely and has not expired or been revoked."));
  g_assert_false (gtk_widget_get_visible (child (dialog, SHOU_TYPE_ACCOUNTS_DIALOG, "shops_group")));
  g_assert_false (gtk_widget_is_sensitive (child (dialog, SHOU_TYPE_ACCOUNTS_DIALOG, "add_account_button")));

  /* Unreachable */
  closed_url = g_strdup_printf ("http://127.0.0.1:%u", port);
  test_connection (dialog, closed_url, GOOD_TOKEN);
  host = g_strdup_printf ("127.0.0.1:%u", port);
  expected = g_strdup_printf (_("Cannot connect to %s. Check the address and your network connection, and that the service is running."),
                              host);
  g_assert_cmpstr (shown_error (dialog), ==, expected);
  g_clear_pointer (&expected, g_free);
  g_clear_pointer (&host, g_free);

  /* A web page, not an API */
  web = start_local_server (FALSE, &web_url);
  test_connection (dialog, web_url, GOOD_TOKEN);
  host = g_strdup (web_url + strlen ("http://"));
  expected = g_strdup_printf (_("%s does not answer like an after-sales API. Check that this is the API address, not the address of a web page."),
                              host);
  g_assert_cmpstr (shown_error (dialog), ==, expected);
  g_clear_pointer (&expected, g_free);
  g_clear_pointer (&host, g_free);

  /* A 404 from a real API host is "not an API" too. */
  {
    g_autofree char *sub = g_strconcat (fixture->url, "/not-here", NULL);

    test_connection (dialog, sub, GOOD_TOKEN);
    host = g_strdup (fixture->url + strlen ("http://"));
    expected = g_strdup_printf (_("%s does not answer like an after-sales API. Check that this is the API address, not the address of a web page."),
                                host);
    g_assert_cmpstr (shown_error (dialog), ==, expected);
    g_clear_pointer (&expected, g_free);
    g_clear_pointer (&host, g_free);
  }

  /* A certificate nobody trusts, even though the answer would be right */
  untrusted = start_local_server (TRUE, &untrusted_url);
  test_connection (dialog, untrusted_url, GOOD_TOKEN);
  host = g_strdup (untrusted_url + strlen ("https://"));
  expected = g_strdup_printf (_("The certificate of %s is not trusted, so Shouhou cannot be sure it is talking to the right server. Ask the provider of the API for a valid certificate."),
                              host);
  g_assert_cmpstr (shown_error (dialog), ==, expected);
  g_clear_pointer (&expected, g_free);

  /* Plain http to another machine is refused before anything is sent. */
  test_connection (dialog, "http://api.example.com", GOOD_TOKEN);
  g_assert_cmpstr (shown_error (dialog), ==,
                   _("Use an https:// address: over plain http:// the token and your customers’ data could be read on the way. Plain http:// is allowed only for this computer’s own address (127.0.0.1 or ::1)."));

  /* "localhost" is a name, which may resolve elsewhere: refused the same
   * way, even though the simulator listens on this machine (issue 10). */
  {
    g_autofree char *local = g_strdup_printf ("http://localhost:%s",
                                              strrchr (fixture->url, ':') + 1);

    test_connection (dialog, local, GOOD_TOKEN);
    g_assert_cmpstr (shown_error (dialog), ==,
                     _("Use an https:// address: over plain http:// the token and your customers’ data could be read on the way. Plain http:// is allowed only for this computer’s own address (127.0.0.1 or ::1)."));
  }

  /* Editing clears the error. */
  gtk_editable_set_text (GTK_EDITABLE (child (dialog, SHOU_TYPE_ACCOUNTS_DIALOG, "url_row")), fixture->url);
  g_assert_null (shown_error (dialog));

  close_dialog (dialog);
  g_assert_cmpuint (count_accounts (fixture->store), ==, 0);
}

static void
test_errors (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) accounts = NULL;

  check_errors (fixture);

  /* Untranslated run: the English source text, exactly. */
  g_assert_cmpstr (_("The API refused this token. Check that it was copied completely and has not expired or been revoked."),
                   ==, "The API refused this token. Check that it was copied completely and has not expired or been revoked.");
  accounts = shou_store_list_accounts (fixture->store);
  g_assert_cmpuint (accounts->len, ==, 0);
}

/* The build's catalogues, so no install is needed. */
static const char *
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
static gboolean
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

static void
test_errors_translated (Fixture       *fixture,
                        gconstpointer  data)
{
  static const char refused[] =
    "The API refused this token. Check that it was copied completely and has not expired or been revoked.";

  if (!g_test_subprocess ())
    {
      run_in_language ("zh_CN");
      return;
    }

  /* Each label holds the Chinese text of its message. */
  g_assert_cmpstr (_(refused), !=, refused);
  check_errors (fixture);
}

static GPtrArray *
list_evidence_files (const char *dir)
{
  GPtrArray *files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (files, g_build_filename (dir, name, NULL));
  return files;
}

static AdwMessageDialog *
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

static void
on_sync_finished_cb (ShouSyncEngine *engine,
                     gboolean        ok,
                     gpointer        user_data)
{
  guint *n = user_data;

  if (ok)
    (*n)++;
}

static const guint8 tiny_png[] = {
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d,
  0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01,
  0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4, 0x89, 0x00, 0x00, 0x00,
  0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0xf8, 0xcf, 0xc0, 0xf0,
  0x1f, 0x00, 0x05, 0x00, 0x01, 0xff, 0x89, 0x99, 0x3d, 0x1d, 0x00, 0x00,
  0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
};

static void
test_remove_account (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShouSyncEngine) engine = NULL;
  g_autoptr(GPtrArray) requests = NULL;
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GPtrArray) shops = NULL;
  g_autoptr(GBytes) png = g_bytes_new_static (tiny_png, sizeof tiny_png);
  g_autofree char *account_id = NULL;
  g_autofree char *other_id = NULL;
  g_autofree char *evidence_dir = NULL;
  g_autofree char *sha = NULL;
  g_autofree char *token = NULL;
  g_autofree char *body = NULL;
  g_autoptr(ShouRequestList) list = NULL;
  g_autoptr(ShouRequestItem) item = NULL;
  AdwMessageDialog *confirm;
  ShouAccountsDialog *dialog;
  guint synced = 0;

  /* Real data: demo orders and requests for the merchant, pulled by sync. */
  {
    g_auto(GStrv) tokens = shou_sim_server_dup_tokens (fixture->sim);
    g_auto(GStrv) first_demo = NULL;

    for (guint i = 0; tokens[i] != NULL && first_demo == NULL; i++)
      if (!g_str_has_prefix (tokens[i], "m-acc ") && !g_str_has_prefix (tokens[i], "m-other "))
        first_demo = g_strsplit (tokens[i], " ", 2);
    g_assert_nonnull (first_demo);
    account_id = shou_accounts_connect (fixture->store, fixture->url, first_demo[1], "演示", &error);
  }
  g_assert_no_error (error);
  other_id = shou_accounts_connect (fixture->store, fixture->url, OTHER_TOKEN, "其他", &error);
  g_assert_no_error (error);

  engine = shou_sync_engine_new (fixture->store);
  g_signal_connect (engine, "sync-finished", G_CALLBACK (on_sync_finished_cb), &synced);
  shou_sync_engine_sync_now (engine);
  WAIT_FOR (synced > 0 && shou_sync_engine_get_state (engine) != SHOU_SYNC_SYNCING);
  g_assert_cmpuint (shou_store_count_view (fixture->store, SHOU_VIEW_ALL, NULL), >, 0);

  /* One evidence file for one of its requests: stays queued (not sent). */
  list = shou_request_list_new (fixture->store);
  shou_request_list_set_view (list, SHOU_VIEW_ALL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), >, 0);
  item = g_list_model_get_item (G_LIST_MODEL (list), 0);
  shou_sync_engine_stop (engine);
  sha = shou_store_import_evidence_bytes (fixture->store, shou_request_item_get_id (item), png,
                                          SHOU_EVIDENCE_PRODUCT_PHOTO, &error);
  g_assert_no_error (error);
  evidence_dir = shou_store_get_evidence_dir (fixture->store);
  files = list_evidence_files (evidence_dir);
  g_assert_cmpuint (files->len, ==, 1);
  g_assert_cmpuint (shou_store_count_account_pending (fixture->store, account_id), >=, 1);

  dialog = open_dialog (fixture);
  rows = group_rows (child (dialog, SHOU_TYPE_ACCOUNTS_DIALOG, "accounts_group"));
  g_assert_cmpuint (rows->len, ==, 2);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* Cancel keeps everything. */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "accounts.remove", "s", account_id);
  WAIT_FOR (find_message_dialog () != NULL);
  confirm = find_message_dialog ();
  g_assert_true (adw_message_dialog_has_response (confirm, "wait"));
  g_object_get (confirm, "body", &body, NULL);
  g_assert_nonnull (strstr (body, "1 action is still waiting"));
  adw_message_dialog_response (confirm, "cancel");
  gtk_window_destroy (GTK_WINDOW (confirm));
  drain_events ();
  g_assert_cmpuint (count_accounts (fixture->store), ==, 2);

  /* Remove and discard */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "accounts.remove", "s", account_id);
  WAIT_FOR (find_message_dialog () != NULL);
  confirm = find_message_dialog ();
  adw_message_dialog_response (confirm, "remove");
  gtk_window_destroy (GTK_WINDOW (confirm));
  drain_events ();

  accounts = shou_store_list_accounts (fixture->store);
  g_assert_cmpuint (accounts->len, ==, 1);
  g_assert_cmpstr (json_object_get_string_member (accounts->pdata[0], "id"), ==, other_id);
  shops = shou_store_list_shops (fixture->store);
  for (guint i = 0; i < shops->len; i++)
    g_assert_cmpstr (json_object_get_string_member (shops->pdata[i], "account_id"), ==, other_id);
  g_assert_cmpuint (shou_store_count_view (fixture->store, SHOU_VIEW_ALL, NULL), ==, 0);
  g_assert_cmpuint (shou_store_count_account_pending (fixture->store, account_id), ==, 0);
  g_clear_pointer (&files, g_ptr_array_unref);
  files = list_evidence_files (evidence_dir);
  g_assert_cmpuint (files->len, ==, 0);
  token = shou_secrets_lookup_token (account_id, &error);
  g_assert_no_error (error);
  g_assert_null (token);
  g_clear_pointer (&token, g_free);
  token = shou_secrets_lookup_token (other_id, &error);
  g_assert_cmpstr (token, ==, OTHER_TOKEN);

  /* The dialog's list shows what is left. */
  rows = group_rows (child (dialog, SHOU_TYPE_ACCOUNTS_DIALOG, "accounts_group"));
  g_assert_cmpstr (adw_preferences_row_get_title (rows->pdata[0]), ==, "其他");

  close_dialog (dialog);
}

static void
test_remove_waits (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShouSyncEngine) engine = NULL;
  g_autoptr(ShouRequestList) list = NULL;
  g_autoptr(ShouRequestItem) item = NULL;
  g_autoptr(GBytes) png = g_bytes_new_static (tiny_png, sizeof tiny_png);
  g_autofree char *account_id = NULL;
  g_autofree char *sha = NULL;
  g_auto(GStrv) tokens = NULL;
  g_auto(GStrv) demo = NULL;
  AdwMessageDialog *confirm;
  ShouAccountsDialog *dialog;
  guint synced = 0;

  tokens = shou_sim_server_dup_tokens (fixture->sim);
  for (guint i = 0; tokens[i] != NULL && demo == NULL; i++)
    if (!g_str_has_prefix (tokens[i], "m-acc ") && !g_str_has_prefix (tokens[i], "m-other "))
      demo = g_strsplit (tokens[i], " ", 2);
  account_id = shou_accounts_connect (fixture->store, fixture->url, demo[1], "演示", &error);
  g_assert_no_error (error);

  engine = shou_sync_engine_new (fixture->store);
  g_signal_connect (engine, "sync-finished", G_CALLBACK (on_sync_finished_cb), &synced);
  shou_sync_engine_sync_now (engine);
  WAIT_FOR (synced > 0 && shou_sync_engine_get_state (engine) != SHOU_SYNC_SYNCING);

  list = shou_request_list_new (fixture->store);
  shou_request_list_set_view (list, SHOU_VIEW_ALL);
  item = g_list_model_get_item (G_LIST_MODEL (list), 0);
  sha = shou_store_import_evidence_bytes (fixture->store, shou_request_item_get_id (item), png,
                                          SHOU_EVIDENCE_PRODUCT_PHOTO, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (shou_store_count_account_pending (fixture->store, account_id), >=, 1);

  dialog = open_dialog (fixture);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "accounts.remove", "s", account_id);
  WAIT_FOR (find_message_dialog () != NULL);
  confirm = find_message_dialog ();
  adw_message_dialog_response (confirm, "wait");
  gtk_window_destroy (GTK_WINDOW (confirm));
  drain_events ();

  /* Still there while its upload waits */
  g_assert_cmpuint (count_accounts (fixture->store), ==, 1);

  /* Once sync sends it, the account goes. */
  shou_sync_engine_sync_now (engine);
  WAIT_FOR (count_accounts (fixture->store) == 0);
  g_assert_cmpuint (shou_store_count_view (fixture->store, SHOU_VIEW_ALL, NULL), ==, 0);

  close_dialog (dialog);
}

static void
test_normalize_url (void)
{
  static const struct {
    const char *in;
    const char *out;
    int         code;
  } cases[] = {
    { "api.example.com", "https://api.example.com", -1 },
    { "  https://API.Example.com/base/ ", "https://api.example.com/base", -1 },
    { "https://api.example.com:8443", "https://api.example.com:8443", -1 },
    { "http://127.0.0.1:8080/", "http://127.0.0.1:8080", -1 },
    /* A name may resolve to another machine: only the addresses pass. */
    { "http://localhost:1", NULL, SHOU_ACCOUNTS_ERROR_INSECURE_URL },
    { "http://LOCALHOST", NULL, SHOU_ACCOUNTS_ERROR_INSECURE_URL },
    { "http://127.0.0.2:8080", NULL, SHOU_ACCOUNTS_ERROR_INSECURE_URL },
    { "https://localhost:8443", "https://localhost:8443", -1 },
    { "http://[::1]:9000", "http://[::1]:9000", -1 },
    { "http://example.com", NULL, SHOU_ACCOUNTS_ERROR_INSECURE_URL },
    { "http://10.0.0.5:8080", NULL, SHOU_ACCOUNTS_ERROR_INSECURE_URL },
    { "ftp://example.com", NULL, SHOU_ACCOUNTS_ERROR_INVALID_URL },
    { "", NULL, SHOU_ACCOUNTS_ERROR_INVALID_URL },
    { "https://user:pass@example.com", NULL, SHOU_ACCOUNTS_ERROR_INVALID_URL },
    { "https://example.com/?token=x", NULL, SHOU_ACCOUNTS_ERROR_INVALID_URL },
    { "https://", NULL, SHOU_ACCOUNTS_ERROR_INVALID_URL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *out = shou_accounts_normalize_url (cases[i].in, &error);

      g_test_message ("%s", cases[i].in);
      g_assert_cmpstr (out, ==, cases[i].out);
      if (cases[i].code >= 0)
        g_assert_error (error, SHOU_ACCOUNTS_ERROR, cases[i].code);
      else
        g_assert_no_error (error);
    }
}

/* An account whose server's certificate nobody trusts: the sync engine
 * stops with its own error (not "offline"), and the window says so in the
 * header and the banner, with the API client's message. */
static ShouWindow *
open_certificate_window (Fixture         *fixture,
                         SoupServer     **server,
                         ShouSyncEngine **engine)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *account = NULL;
  ShouWindow *window;
  int code = -1;

  *server = start_local_server (TRUE, &url);
  account = shou_accounts_connect (fixture->store, url, GOOD_TOKEN, "证书测试", &error);
  g_assert_no_error (error);

  *engine = shou_sync_engine_new (fixture->store);
  window = shou_window_new (NULL, fixture->store, *engine);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 700);
  gtk_window_present (GTK_WINDOW (window));
  shou_sync_engine_sync_now (*engine);
  WAIT_FOR (!shou_sync_engine_is_running (*engine));
  drain_events ();

  g_assert_cmpint (shou_sync_engine_get_state (*engine), ==, SHOU_SYNC_ERROR);
  g_object_get (*engine, "error-code", &code, NULL);
  g_assert_cmpint (code, ==, SHOU_API_ERROR_CERTIFICATE);
  return window;
}

static void
test_certificate_in_window (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(ShouSyncEngine) engine = NULL;
  g_autofree char *banner = NULL;
  ShouWindow *window = open_certificate_window (fixture, &server, &engine);
  const char *message = shou_sync_engine_get_error_message (engine);
  GtkWidget *bar = child (window, SHOU_TYPE_WINDOW, "offline_bar");

  /* The API client's own words (this test runs untranslated). */
  g_assert_true (g_str_has_prefix (message, "The server’s certificate is not trusted: "));
  g_assert_cmpstr (shou_window_get_status_text (window), ==, _("Server certificate not trusted"));
  g_assert_true (gtk_info_bar_get_revealed (GTK_INFO_BAR (bar)));
  g_assert_cmpint (gtk_info_bar_get_message_type (GTK_INFO_BAR (bar)), ==, GTK_MESSAGE_ERROR);
  banner = g_strdup_printf (_("The certificate of “%s” is not trusted, so nothing is sent to it. Review the certificate; your saved actions are kept."),
                            "证书测试");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (child (window, SHOU_TYPE_WINDOW, "offline_label"))), ==, banner);
  g_assert_null (strstr (banner, _("Offline")));
  /* The button is what fixes it: a look at the certificate. */
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (child (window, SHOU_TYPE_WINDOW, "banner_button"))),
                   ==, _("Review _Certificate…"));

  shou_sync_engine_stop (engine);
  gtk_window_destroy (GTK_WINDOW (window));
  drain_events ();
}


/* ---- identity, honest states, trusted certificates (issue 17) -------- */

static void save_screenshot (GtkWidget  *widget,
                             const char *name);

/* For people to look at, when SHOU_SCREENSHOT_DIR is set. */
static void
maybe_screenshot (gpointer    widget,
                  const char *name)
{
  if (g_getenv ("SHOU_SCREENSHOT_DIR") != NULL)
    save_screenshot (GTK_WIDGET (widget), name);
}

static ShouAccountsDialog *
find_accounts_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (SHOU_IS_ACCOUNTS_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return SHOU_ACCOUNTS_DIALOG (window);
    }
  return NULL;
}

static ShouAccountState
account_state (ShouSyncEngine *engine,
               const char     *account_id)
{
  g_autoptr(ShouAccountStatus) status = shou_sync_engine_get_account_status (engine, account_id);

  return status->state;
}

static void
sync_once (ShouSyncEngine *engine)
{
  shou_sync_engine_sync_now (engine);
  WAIT_FOR (!shou_sync_engine_is_running (engine));
  drain_events ();
}

static char *
add_through_dialog (ShouAccountsDialog *dialog,
                    ShouStore          *store,
                    const char         *url,
                    const char         *token)
{
  g_autoptr(GPtrArray) accounts = NULL;

  gtk_widget_activate_action (GTK_WIDGET (dialog), "accounts.show-add", NULL);
  test_connection (dialog, url, token);
  g_assert_null (shown_error (dialog));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "accounts.add", NULL);
  g_assert_null (shown_error (dialog));
  accounts = shou_store_list_accounts (store);
  return g_strdup (json_object_get_string_member (accounts->pdata[accounts->len - 1], "id"));
}

static const char *
banner_text (ShouWindow *window)
{
  if (!gtk_info_bar_get_revealed (GTK_INFO_BAR (child (window, SHOU_TYPE_WINDOW, "offline_bar"))))
    return NULL;
  return gtk_label_get_text (GTK_LABEL (child (window, SHOU_TYPE_WINDOW, "offline_label")));
}

/* Item 2: a restart without a keyring loses the token. That is "token
 * missing" (nothing was sent, nothing refused); entering it again through
 * the banner renews the same account; another merchant on the same server
 * is a second account. */
static void
test_token_missing_then_renewed (Fixture       *fixture,
                                 gconstpointer  data)
{
  ShouAccountsDialog *dialog = open_dialog (fixture);
  g_autoptr(ShouSyncEngine) engine = NULL;
  g_autoptr(JsonObject) account = NULL;
  g_autoptr(JsonObject) other = NULL;
  g_autofree char *account_id = NULL;
  g_autofree char *again_id = NULL;
  g_autofree char *other_id = NULL;
  g_autofree char *token = NULL;
  ShouAccountsDialog *fix_dialog;
  ShouWindow *window;
  GtkWidget *button;

  account_id = add_through_dialog (dialog, fixture->store, fixture->url, GOOD_TOKEN);
  close_dialog (dialog);
  account = shou_store_get_account (fixture->store, account_id);
  /* Who the server says the token belongs to (GET /v1/me). */
  g_assert_cmpstr (json_object_get_string_member (account, "merchant_id"), ==, "m-acc");
  g_assert_true (json_object_get_null_member (account, "staff_id"));

  /* The next start, without a keyring: the token was kept for one session. */
  g_assert_true (shou_secrets_clear_token (account_id, NULL));
  engine = shou_sync_engine_new (fixture->store);
  window = shou_window_new (NULL, fixture->store, engine);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 700);
  gtk_window_present (GTK_WINDOW (window));
  sync_once (engine);

  g_assert_cmpint (account_state (engine, account_id), ==, SHOU_ACCOUNT_TOKEN_MISSING);
  g_assert_cmpint (shou_sync_engine_get_state (engine), !=, SHOU_SYNC_AUTH_FAILED);
  g_assert_nonnull (banner_text (window));
  g_assert_null (strstr (banner_text (window), "refused"));
  g_assert_nonnull (strstr (banner_text (window), "No access token is saved"));
  g_assert_cmpstr (shou_window_get_status_text (window), !=, _("Token refused: check the account"));
  button = child (window, SHOU_TYPE_WINDOW, "banner_button");
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, _("_Enter Token…"));

  /* The banner's button opens the token form of this very account. */
  gtk_widget_activate (button);
  WAIT_FOR (find_accounts_dialog () != NULL);
  fix_dialog = find_accounts_dialog ();
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child (fix_dialog, SHOU_TYPE_ACCOUNTS_DIALOG, "stack"))),
                   ==, "add");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (fix_dialog, SHOU_TYPE_ACCOUNTS_DIALOG, "url_row"))),
                   ==, fixture->url);
  gtk_editable_set_text (GTK_EDITABLE (child (fix_dialog, SHOU_TYPE_ACCOUNTS_DIALOG, "token_row")), GOOD_TOKEN);
  gtk_widget_activate_action (GTK_WIDGET (fix_dialog), "accounts.test", NULL);
  WAIT_FOR (!shou_accounts_dialog_get_busy (fix_dialog));
  gtk_widget_activate_action (GTK_WIDGET (fix_dialog), "accounts.add", NULL);
  g_assert_null (shown_error (fix_dialog));

  /* Updated, not duplicated. */
  g_assert_cmpuint (count_accounts (fixture->store), ==, 1);
  token = shou_secrets_lookup_token (account_id, NULL);
  g_assert_cmpstr (token, ==, GOOD_TOKEN);
  WAIT_FOR (!shou_sync_engine_is_running (engine));
  sync_once (engine);
  g_assert_cmpint (account_state (engine, account_id), ==, SHOU_ACCOUNT_SYNCED);
  g_assert_null (banner_text (window));

  /* The same server, another merchant: a second account. */
  other_id = add_through_dialog (fix_dialog, fixture->store, fixture->url, OTHER_TOKEN);
  g_assert_cmpuint (count_accounts (fixture->store), ==, 2);
  g_assert_cmpstr (other_id, !=, account_id);
  other = shou_store_get_account (fixture->store, other_id);
  g_assert_cmpstr (json_object_get_string_member (other, "merchant_id"), ==, "m-other");
  /* And the first merchant's token once more: still two. */
  again_id = add_through_dialog (fix_dialog, fixture->store, fixture->url, GOOD_TOKEN);
  g_assert_cmpuint (count_accounts (fixture->store), ==, 2);

  gtk_window_destroy (GTK_WINDOW (fix_dialog));
  shou_sync_engine_stop (engine);
  gtk_window_destroy (GTK_WINDOW (window));
  drain_events ();
}

/* A 401 is "token refused", with "enter a new token" as its action. */
static void
test_token_refused (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShouSyncEngine) engine = NULL;
  g_autofree char *account_id = NULL;
  ShouAccountsDialog *dialog;
  ShouWindow *window;
  GtkWidget *fix_button = NULL;
  g_autoptr(GPtrArray) rows = NULL;

  account_id = shou_accounts_connect (fixture->store, fixture->url, "tok-revoked-0000", "被拒", &error);
  g_assert_no_error (error);
  engine = shou_sync_engine_new (fixture->store);
  window = shou_window_new (NULL, fixture->store, engine);
  gtk_window_present (GTK_WINDOW (window));
  sync_once (engine);

  g_assert_cmpint (account_state (engine, account_id), ==, SHOU_ACCOUNT_TOKEN_REFUSED);
  g_assert_nonnull (strstr (banner_text (window), "refused the access token of “被拒”"));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (child (window, SHOU_TYPE_WINDOW, "banner_button"))),
                   ==, _("_Enter Token…"));

  /* Inline in the dialog too: the state and its button on the account's row. */
  dialog = open_dialog (fixture);
  shou_accounts_dialog_set_engine (dialog, engine);
  rows = group_rows (child (dialog, SHOU_TYPE_ACCOUNTS_DIALOG, "accounts_group"));
  g_assert_cmpuint (rows->len, >=, 1);
  g_assert_cmpstr (g_object_get_data (rows->pdata[0], "state-text"), ==, _("Token refused by the platform"));
  fix_button = g_object_get_data (rows->pdata[0], "fix-button");
  g_assert_nonnull (fix_button);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (fix_button)), ==, _("_Enter Token…"));
  adw_expander_row_set_expanded (rows->pdata[0], TRUE);
  maybe_screenshot (dialog, "accounts-token-refused.png");
  maybe_screenshot (window, "window-token-refused.png");
  close_dialog (dialog);

  shou_sync_engine_stop (engine);
  gtk_window_destroy (GTK_WINDOW (window));
  drain_events ();
}

/* --demo: one account whatever port the simulator got, label stored
 * untranslated and shown translated. */
static void
test_demo_account_reused (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) account = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  first = shou_accounts_save (fixture->store, fixture->url, GOOD_TOKEN, SHOU_STORE_DEMO_LABEL,
                              NULL, SHOU_ACCOUNTS_SAVE_DEMO, &error);
  g_assert_no_error (error);
  /* The next run: another port, a token fresh from the simulator. */
  second = shou_accounts_save (fixture->store, "http://127.0.0.1:1", OTHER_TOKEN, SHOU_STORE_DEMO_LABEL,
                               NULL, SHOU_ACCOUNTS_SAVE_DEMO, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (first, ==, second);
  g_assert_cmpuint (count_accounts (fixture->store), ==, 1);

  account = shou_store_get_account (fixture->store, first);
  g_assert_cmpstr (json_object_get_string_member (account, "base_url"), ==, "http://127.0.0.1:1");
  g_assert_cmpstr (json_object_get_string_member (account, "label"), ==, "Demo shops");
  g_assert_true (json_object_get_boolean_member (account, "is_demo"));
  g_assert_cmpstr (shou_accounts_get_display_label (account), ==, _("Demo shops"));
}

static ShouSimServer *
start_tls_sim (Fixture    *fixture,
               const char *pem,
               guint       port)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *pem_path = g_build_filename (fixture->tmpdir, "server.pem", NULL);
  g_autofree char *sim_path = g_build_filename (fixture->tmpdir, "sim.db", NULL);
  ShouSimServer *sim;

  g_assert_true (g_file_set_contents (pem_path, pem, -1, NULL));
  sim = shou_sim_server_new (sim_path, SHOU_SIM_FLAG_QUIET, &error);
  g_assert_no_error (error);
  g_assert_true (shou_sim_server_set_tls_files (sim, pem_path, pem_path, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (shou_sim_server_listen (sim, port, &error), >, 0);
  g_assert_no_error (error);
  return sim;
}

static char *
pem_sha256 (const char *pem)
{
  g_autoptr(GTlsCertificate) cert = g_tls_certificate_new_from_pem (pem, -1, NULL);

  return shou_api_certificate_sha256 (cert);
}

/* A shop's own server with a self-signed certificate: trusted by its
 * fingerprint after a look; another certificate later stops sync. */
static void
test_pinned_certificate (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(ShouSimServer) sim = NULL;
  g_autoptr(ShouSyncEngine) engine = NULL;
  g_autoptr(JsonObject) account = NULL;
  g_autoptr(ShouAccountStatus) status = NULL;
  g_autofree char *url = NULL;
  g_autofree char *sha1 = pem_sha256 (untrusted_pem);
  g_autofree char *sha2 = pem_sha256 (other_pem);
  g_autofree char *fingerprint = shou_api_format_fingerprint (sha1);
  g_autofree char *body = NULL;
  g_autofree char *account_id = NULL;
  ShouAccountsDialog *dialog;
  AdwMessageDialog *confirm;
  ShouWindow *window;
  guint port;

  /* The fixture's plain simulator is not used: this one speaks TLS with
   * the same data file. */
  g_clear_object (&fixture->sim);
  sim = start_tls_sim (fixture, untrusted_pem, 0);
  port = (guint) g_ascii_strtoull (strrchr (shou_sim_server_get_url (sim), ':') + 1, NULL, 10);
  url = g_strdup_printf ("https://127.0.0.1:%u", port);

  dialog = open_dialog (fixture);
  test_connection (dialog, url, GOOD_TOKEN);
  g_assert_nonnull (shown_error (dialog));
  g_assert_true (gtk_widget_get_visible (child (dialog, SHOU_TYPE_ACCOUNTS_DIALOG, "trust_button")));
  g_assert_false (gtk_widget_is_sensitive (child (dialog, SHOU_TYPE_ACCOUNTS_DIALOG, "add_account_button")));

  /* The fingerprint is shown in full; Cancel is the default. */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "accounts.review-new-certificate", NULL);
  WAIT_FOR (find_message_dialog () != NULL);
  confirm = find_message_dialog ();
  g_object_get (confirm, "body", &body, NULL);
  /* In four lines of 8 bytes each. */
  g_assert_cmpuint (strlen (fingerprint), ==, 95);
  fingerprint[23] = fingerprint[47] = fingerprint[71] = '\n';
  g_assert_nonnull (strstr (body, fingerprint));
  g_assert_cmpstr (adw_message_dialog_get_default_response (confirm), ==, "cancel");
  maybe_screenshot (confirm, "accounts-trust-certificate.png");
  adw_message_dialog_response (confirm, "trust");
  gtk_window_destroy (GTK_WINDOW (confirm));
  WAIT_FOR (!shou_accounts_dialog_get_busy (dialog));
  g_assert_null (shown_error (dialog));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "accounts.add", NULL);
  g_assert_null (shown_error (dialog));
  close_dialog (dialog);

  {
    g_autoptr(GPtrArray) accounts = shou_store_list_accounts (fixture->store);

    g_assert_cmpuint (accounts->len, ==, 1);
    account_id = g_strdup (json_object_get_string_member (accounts->pdata[0], "id"));
  }
  account = shou_store_get_account (fixture->store, account_id);
  g_assert_cmpstr (json_object_get_string_member (account, "cert_sha256"), ==, sha1);

  engine = shou_sync_engine_new (fixture->store);
  window = shou_window_new (NULL, fixture->store, engine);
  gtk_window_present (GTK_WINDOW (window));
  sync_once (engine);
  g_assert_cmpint (account_state (engine, account_id), ==, SHOU_ACCOUNT_SYNCED);
  g_assert_null (banner_text (window));

  /* The server now shows another certificate on the same address. */
  g_clear_object (&sim);
  drain_events ();
  sim = start_tls_sim (fixture, other_pem, port);
  sync_once (engine);
  status = shou_sync_engine_get_account_status (engine, account_id);
  g_assert_cmpint (status->state, ==, SHOU_ACCOUNT_CERTIFICATE_CHANGED);
  g_assert_cmpstr (status->certificate_sha256, ==, sha2);
  g_assert_nonnull (strstr (banner_text (window), "has changed since you trusted it"));
  g_assert_cmpint (gtk_info_bar_get_message_type (GTK_INFO_BAR (child (window, SHOU_TYPE_WINDOW, "offline_bar"))),
                   ==, GTK_MESSAGE_ERROR);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (child (window, SHOU_TYPE_WINDOW, "banner_button"))),
                   ==, _("Review _Certificate…"));
  maybe_screenshot (window, "window-certificate-changed.png");

  shou_sync_engine_stop (engine);
  gtk_window_destroy (GTK_WINDOW (window));
  drain_events ();
}

static void
save_screenshot (GtkWidget  *widget,
                 const char *name)
{
  const char *dir = g_getenv ("SHOU_SCREENSHOT_DIR");
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int width, height;

  /* Let it lay out and draw a few frames first. */
  for (guint i = 0; i < 30; i++)
    {
      drain_events ();
      g_usleep (10 * 1000);
    }
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Saved %s", path);
}

static void
test_screenshots (Fixture       *fixture,
                  gconstpointer  data)
{
  ShouAccountsDialog *dialog;
  GtkWidget *window;
  g_autofree char *closed_url = NULL;

  if (g_getenv ("SHOU_SCREENSHOT_DIR") == NULL)
    {
      g_test_skip ("set SHOU_SCREENSHOT_DIR to write screenshots");
      return;
    }

  if (!g_test_subprocess ())
    {
      run_in_language ("zh_CN");
      return;
    }

  window = adw_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 640);
  adw_window_set_content (ADW_WINDOW (window), shou_welcome_page_new ());
  gtk_window_present (GTK_WINDOW (window));
  save_screenshot (window, "zh_CN-welcome.png");

  dialog = open_dialog (fixture);
  closed_url = g_strdup_printf ("http://127.0.0.1:%u", closed_port ());
  test_connection (dialog, closed_url, "tok-example-1234");
  g_assert_nonnull (shown_error (dialog));
  save_screenshot (GTK_WIDGET (dialog), "zh_CN-account-error.png");

  /* A certificate nobody trusts, in the dialog and in the main window. */
  {
    g_autoptr(SoupServer) untrusted = NULL;
    g_autoptr(SoupServer) server = NULL;
    g_autoptr(ShouSyncEngine) engine = NULL;
    g_autofree char *untrusted_url = NULL;
    ShouWindow *main_window;

    untrusted = start_local_server (TRUE, &untrusted_url);
    test_connection (dialog, untrusted_url, "tok-example-1234");
    g_assert_nonnull (shown_error (dialog));
    save_screenshot (GTK_WIDGET (dialog), "zh_CN-account-certificate.png");

    main_window = open_certificate_window (fixture, &server, &engine);
    save_screenshot (GTK_WIDGET (main_window), "zh_CN-window-certificate.png");
    shou_sync_engine_stop (engine);
    gtk_window_destroy (GTK_WINDOW (main_window));
    drain_events ();
  }

  close_dialog (dialog);
  gtk_window_destroy (GTK_WINDOW (window));
  drain_events ();
}

/* A shop of a real platform that needs authorising: the owner's row has
 * 授权店铺, an agent's (the hub says so in GET /v1/me; the sync test
 * /sync/team/agent-role) has none, though the row still says the shop's
 * state. */
static GtkWidget *
find_named (GtkWidget  *root,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_named (c, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_agent_no_authorise (void)
{
  g_autoptr(JsonObject) shop = json_object_new ();
  GtkWidget *owner_row, *agent_row;

  json_object_set_string_member (shop, "id", "pdd-1");
  json_object_set_string_member (shop, "name", "拼多多测试店");
  json_object_set_string_member (shop, "platform", "pdd");
  json_object_set_string_member (shop, "account_id", "acc-1");
  json_object_set_string_member (shop, "authorisation", "none");
  owner_row = g_object_ref_sink (shou_account_shop_row_new (shop, TRUE));
  agent_row = g_object_ref_sink (shou_account_shop_row_new (shop, FALSE));
  g_assert_nonnull (find_named (owner_row, "authorise_shop_button"));
  g_assert_null (find_named (agent_row, "authorise_shop_button"));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (agent_row)), ==,
                   adw_action_row_get_subtitle (ADW_ACTION_ROW (owner_row)));
  g_object_unref (owner_row);
  g_object_unref (agent_row);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = NULL;
  gboolean subprocess = FALSE;

  for (int i = 1; i < argc; i++)
    subprocess |= g_strcmp0 (argv[i], "--GTestSubprocess") == 0;

  /* Before anything reads them; a re-run in another language keeps it. */
  g_setenv ("SHOUHOU_SECRET_BACKEND", "memory", TRUE);
  g_setenv ("ADW_DISABLE_PORTAL", "1", TRUE);
  /* Nothing here reads the accessibility tree; the shared AT-SPI bus of
   * parallel sessions on one machine comes and goes. */
  g_setenv ("GTK_A11Y", "none", TRUE);
  g_setenv ("LANG", "C.UTF-8", TRUE);
  if (!subprocess)
    g_setenv ("LANGUAGE", "C", TRUE);
  g_unsetenv ("LC_ALL");
  g_unsetenv ("LC_MESSAGES");
  data_home = g_dir_make_tmp ("shou-accounts-home-XXXXXX", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);

  /* As src/main.c does */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, test_localedir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  shou_register_resource ();
  gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                    "/io/github/shouhou/Shouhou/icons");

  g_test_add_func ("/accounts/normalize-url", test_normalize_url);
  g_test_add_func ("/accounts/agent-no-authorise", test_agent_no_authorise);
  g_test_add ("/accounts/welcome-page", Fixture, NULL, fixture_setup, test_welcome_page, fixture_teardown);
  g_test_add ("/accounts/add-account", Fixture, NULL, fixture_setup, test_add_account, fixture_teardown);
  g_test_add ("/accounts/several-accounts", Fixture, NULL, fixture_setup, test_several_accounts, fixture_teardown);
  g_test_add ("/accounts/errors", Fixture, NULL, fixture_setup, test_errors, fixture_teardown);
  g_test_add ("/accounts/errors-translated", Fixture, NULL, fixture_setup, test_errors_translated, fixture_teardown);
  g_test_add ("/accounts/remove-account", Fixture, "demo", fixture_setup, test_remove_account, fixture_teardown);
  g_test_add ("/accounts/remove-waits", Fixture, "demo", fixture_setup, test_remove_waits, fixture_teardown);
  g_test_add ("/accounts/certificate-in-window", Fixture, NULL, fixture_setup, test_certificate_in_window, fixture_teardown);
  g_test_add ("/accounts/token-missing-then-renewed", Fixture, NULL, fixture_setup, test_token_missing_then_renewed, fixture_teardown);
  g_test_add ("/accounts/token-refused", Fixture, NULL, fixture_setup, test_token_refused, fixture_teardown);
  g_test_add ("/accounts/demo-account-reused", Fixture, NULL, fixture_setup, test_demo_account_reused, fixture_teardown);
  g_test_add ("/accounts/pinned-certificate", Fixture, NULL, fixture_setup, test_pinned_certificate, fixture_teardown);
  g_test_add ("/accounts/screenshots", Fixture, NULL, fixture_setup, test_screenshots, fixture_teardown);

  {
    int ret = g_test_run ();

    remove_tree (data_home);
    return ret;
  }
}
