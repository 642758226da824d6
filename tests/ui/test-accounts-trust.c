/* test-accounts-trust.c: certificates and tokens in the accounts dialog and
 * the window: an untrusted or pinned certificate, a missing, renewed or
 * refused token, the demo account reused; screenshots. Split from
 * test-accounts.c (same /accounts/ paths).
 * * Copyright 2026 The Shouhou authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
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
