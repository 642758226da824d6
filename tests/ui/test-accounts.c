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
#include "accounts-test-util.h"


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

  {
    int ret = g_test_run ();

    remove_tree (data_home);
    return ret;
  }
}
