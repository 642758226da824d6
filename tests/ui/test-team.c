/* test-team.c: a team's claims in the real main window, against the real
 * simulator (the hub with the simulated platform, in-process over HTTP on
 * 127.0.0.1) and a real SQLite cache. 李四's desktop shows a request 张三
 * handles: the detail pane and the queue row say "张三 处理中", the queue's
 * "Others'" filter finds it, and acting on it asks first, then takes the
 * claim over on the hub.
 *
 * Copyright 2026 The Shouhou authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>

#include "sim/shou-sim-server.h"
#include "store/shou-request-list.h"
#include "ui/accounts/shou-accounts.h"
#include "ui/accounts/shou-accounts-dialog.h"
#include "store/shou-store-team.h"
#include "ui/window/shou-claim-bar.h"
#include "ui/window/shou-queue-view.h"
#include "ui/window/shou-window.h"
#include "shou-ui-test-utils.h"

#define SYNC_TIMEOUT_MS 30000
#define TOKEN_ZHANG "staff-token-zhang-0001"
#define TOKEN_LI    "staff-token-li-0002"

static ShouTestSim *sim;

static void
on_sent_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GBytes **body = user_data;

  *body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, NULL);
  if (*body == NULL)
    *body = g_bytes_new (NULL, 0);
}

static gboolean
sent_cb (gpointer user_data)
{
  return *(GBytes **) user_data != NULL;
}

/* POST or DELETE /v1/aftersales/{id}/claim as @token; the status, and
 * the holder's name of a 409 in *holder. */
static guint
claim_body_as (const char  *token,
               const char  *method,
               const char  *id,
               const char  *json,
               char       **holder)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = g_strdup_printf ("%s/v1/aftersales/%s/claim", shou_test_sim_get_url (sim), id);
  g_autofree char *auth = g_strdup_printf ("Bearer %s", token);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();

  soup_message_headers_append (soup_message_get_request_headers (msg), "Authorization", auth);
  if (g_str_equal (method, "POST"))
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (json, strlen (json));

      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }
  /* The simulator answers from this thread's main loop. */
  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, on_sent_cb, &body);
  g_assert_true (shou_test_wait_until (sent_cb, &body, 10000));
  g_assert_nonnull (body);
  if (holder != NULL && soup_message_get_status (msg) == 409 &&
      json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), g_bytes_get_size (body), NULL))
    {
      JsonObject *err = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)),
                                                       "error");

      *holder = g_strdup (json_object_get_string_member (json_object_get_object_member (err, "holder"),
                                                         "name"));
    }
  return soup_message_get_status (msg);
}

static guint
claim_as (const char  *token,
          const char  *method,
          const char  *id,
          char       **holder)
{
  return claim_body_as (token, method, id, "{}", holder);
}

static gboolean
window_ready_cb (gpointer user_data)
{
  ShouWindow *window = user_data;

  return gtk_widget_get_mapped (GTK_WIDGET (window)) &&
         g_strcmp0 (shou_window_get_main_page (window), "queue") == 0;
}

static gboolean
bar_shows_cb (gpointer user_data)
{
  ShouClaimBar *bar = user_data;

  return gtk_widget_get_visible (GTK_WIDGET (bar)) &&
         g_strcmp0 (shou_claim_bar_get_holder (bar), "张三") == 0;
}

static gboolean
bar_hidden_cb (gpointer user_data)
{
  return !gtk_widget_get_visible (GTK_WIDGET (user_data));
}

typedef struct
{
  GtkWidget  *root;
  const char *text;
} FindText;

static gboolean
label_found_cb (gpointer user_data)
{
  FindText *find = user_data;

  return shou_test_find_label (find->root, find->text) != NULL;
}

static AdwMessageDialog *
find_question (const char *name)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_mapped (GTK_WIDGET (window)) &&
          strstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (window)), name) != NULL)
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

static gboolean
question_cb (gpointer user_data)
{
  return find_question (user_data) != NULL;
}

static gboolean
dialog_open_cb (gpointer user_data)
{
  return shou_detail_pane_get_dialog (user_data) != NULL;
}

static gboolean
mine_cb (gpointer user_data)
{
  ShouWindow *window = user_data;
  ShouDetailPane *pane = shou_window_get_detail_pane (window);
  g_autoptr(ShouClaim) claim = shou_store_get_claim (shou_window_get_store (window),
                                                     shou_detail_pane_get_request_id (pane),
                                                     g_get_real_time ());

  return claim != NULL && claim->mine;
}

static void
test_claims (void)
{
  g_autofree char *dir = shou_test_make_tmpdir ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ShouStore) store = NULL;
  g_autoptr(ShouSyncEngine) engine = NULL;
  g_autoptr(GSettings) settings = g_settings_new (BASE_ID);
  g_auto(GStrv) tokens = NULL;
  g_auto(GStrv) parts = NULL;
  g_autofree char *holder = NULL;
  g_autofree char *id = NULL;
  g_autofree char *account = NULL;
  ShouWindow *window;
  ShouDetailPane *pane;
  ShouQueueView *queue;
  ShouRequestList *list;
  ShouClaimBar *bar;
  AdwMessageDialog *question;
  FindText find;
  const char *screenshot_dir = g_getenv ("SHOU_TEST_SCREENSHOT_DIR");

  g_settings_set_string (settings, "last-view", "pending");
  sim = shou_test_sim_new_demo (dir, 11);
  tokens = shou_sim_server_dup_tokens (shou_test_sim_get_server (sim));
  parts = g_strsplit (tokens[0], " ", 2);
  g_assert_true (shou_sim_server_add_staff (shou_test_sim_get_server (sim), parts[0], "zhang", "张三",
                                            TOKEN_ZHANG, "agent", 1000000, 10000000, &error));
  g_assert_true (shou_sim_server_add_staff (shou_test_sim_get_server (sim), parts[0], "li", "李四",
                                            TOKEN_LI, "agent", 1000000, 10000000, &error));
  g_assert_no_error (error);

  /* 李四's desktop. */
  store = shou_test_store_new_connected (dir, NULL);
  account = shou_accounts_connect (store, shou_test_sim_get_url (sim), TOKEN_LI, "李四", &error);
  g_assert_no_error (error);
  engine = shou_sync_engine_new (store);
  g_assert_true (shou_test_sync (engine, SYNC_TIMEOUT_MS));

  window = g_object_ref_sink (shou_window_new (NULL, store, engine));
  pane = shou_window_get_detail_pane (window);
  queue = shou_window_get_queue_view (window);
  list = shou_queue_view_get_list (queue);
  bar = SHOU_CLAIM_BAR (shou_test_find_widget (GTK_WIDGET (pane), SHOU_TYPE_CLAIM_BAR, NULL));
  g_assert_nonnull (bar);
  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (shou_test_wait_until (window_ready_cb, window, 5000));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), >, 1);

  /* 张三 works on the first pending request (on his own desktop). */
  {
    g_autoptr(ShouRequestItem) item = g_list_model_get_item (G_LIST_MODEL (list), 0);

    id = g_strdup (shou_request_item_get_id (item));
  }
  g_assert_cmpuint (claim_as (TOKEN_ZHANG, "POST", id, NULL), ==, 200);

  /* 李四 opens it: his desktop asks for the claim, and the hub's 409 names
   * 张三, which the pane and the queue row show. */
  shou_window_open_request (window, id);
  g_assert_true (shou_test_wait_until (bar_shows_cb, bar, 5000));
  find.root = GTK_WIDGET (queue);
  find.text = "张三";
  g_assert_true (shou_test_wait_until (label_found_cb, &find, 5000));
  find.root = GTK_WIDGET (bar);
  g_assert_true (label_found_cb (&find));
  if (screenshot_dir != NULL)
    {
      g_autofree char *path = g_build_filename (screenshot_dir, "team-claim.png", NULL);

      /* The paintable is empty until a frame was drawn: a few tries. */
      for (guint i = 0; i < 20; i++)
        {
          g_clear_error (&error);
          shou_test_iterate (200);
          if (shou_test_save_screenshot (GTK_WIDGET (window), path, &error))
            break;
        }
      g_assert_no_error (error);
    }

  /* The team filter: shown for a staff member's token; 张三's request is
   * among the others', not mine. */
  find.root = GTK_WIDGET (queue);
  find.text = _("Others’");
  g_assert_true (shou_test_wait_until (label_found_cb, &find, 5000));
  g_assert_true (gtk_widget_get_mapped (shou_test_find_label (GTK_WIDGET (queue), _("Others’"))));

  shou_request_list_set_claim_filter (list, SHOU_CLAIM_FILTER_OTHERS);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  shou_request_list_set_claim_filter (list, SHOU_CLAIM_FILTER_MINE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  shou_request_list_set_claim_filter (list, SHOU_CLAIM_FILTER_ALL);
  shou_window_open_request (window, id);

  /* Acting on it asks first, naming 张三; cancelling changes nothing. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pane), "request.reply", NULL));
  g_assert_true (shou_test_wait_until (question_cb, (gpointer) "张三", 5000));
  question = find_question ("张三");
  g_assert_null (shou_detail_pane_get_dialog (pane));
  /* As its button does: the answer, then the dialog closes. */
  adw_message_dialog_response (question, "cancel");
  gtk_window_destroy (GTK_WINDOW (question));
  shou_test_iterate (100);
  g_assert_null (find_question ("张三"));
  g_assert_null (shou_detail_pane_get_dialog (pane));
  g_assert_cmpuint (claim_as (TOKEN_ZHANG, "POST", id, NULL), ==, 200);

  /* Taking over: the action goes on, the claim becomes 李四's on the hub. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pane), "request.reply", NULL));
  g_assert_true (shou_test_wait_until (question_cb, (gpointer) "张三", 5000));
  question = find_question ("张三");
  adw_message_dialog_response (question, "take-over");
  gtk_window_destroy (GTK_WINDOW (question));
  g_assert_true (shou_test_wait_until (dialog_open_cb, pane, 5000));
  g_assert_true (shou_test_wait_until (mine_cb, window, 5000));
  g_assert_true (shou_test_wait_until (bar_hidden_cb, bar, 5000));
  g_assert_cmpuint (claim_as (TOKEN_ZHANG, "POST", id, &holder), ==, 409);
  g_assert_cmpstr (holder, ==, "李四");

  shou_test_close_window (shou_detail_pane_get_dialog (pane));
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
  shou_test_iterate (200);
  /* Closing the window released the claim: 张三 can take it again. */
  g_assert_cmpuint (claim_as (TOKEN_ZHANG, "POST", id, NULL), ==, 200);

  shou_sync_engine_stop (engine);
  g_clear_object (&engine);
  g_clear_object (&store);
  g_clear_pointer (&sim, shou_test_sim_free);
  shou_test_rm_rf (dir);
}

typedef struct
{
  const char *text;
  GtkWidget  *found;
} FindAnywhere;

static gboolean
text_anywhere_cb (gpointer user_data)
{
  FindAnywhere *find = user_data;
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (gtk_widget_get_mapped (window) && (find->found = shou_test_find_label (window, find->text)) != NULL)
        return TRUE;
    }
  return FALSE;
}

/* The team's activity from the accounts dialog: the owner sees who took
 * a request over; an agent is told only the owner sees it. */
static void
open_audit (const char *dir,
            const char *token,
            const char *expect)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, token, "shouhou.db", NULL);
  g_autoptr(ShouStore) store = shou_store_new (path, &error);
  g_autoptr(ShouSyncEngine) engine = NULL;
  g_autofree char *account = NULL;
  GtkWindow *dialog;
  FindAnywhere find = { expect, NULL };

  g_assert_no_error (error);
  account = shou_accounts_connect (store, shou_test_sim_get_url (sim), token, "团队", &error);
  g_assert_no_error (error);
  engine = shou_sync_engine_new (store);
  dialog = shou_accounts_dialog_new (NULL, store);
  shou_accounts_dialog_set_engine (SHOU_ACCOUNTS_DIALOG (dialog), engine);
  gtk_window_present (dialog);
  shou_test_iterate (100);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "accounts.audit", "s", account));
  g_assert_true (shou_test_wait_until (text_anywhere_cb, &find, 10000));
  shou_test_close_window (GTK_WINDOW (gtk_widget_get_root (find.found)));
  shou_test_close_window (dialog);
  shou_sync_engine_stop (engine);
}

static void
test_audit (void)
{
  g_autofree char *dir = shou_test_make_tmpdir ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) tokens = NULL;
  g_auto(GStrv) parts = NULL;
  g_autoptr(ShouStore) store = NULL;
  g_autoptr(ShouSyncEngine) engine = NULL;
  g_autoptr(ShouRequestList) list = NULL;
  g_autoptr(ShouRequestItem) item = NULL;
  g_autofree char *line = NULL;

  sim = shou_test_sim_new_demo (dir, 11);
  tokens = shou_sim_server_dup_tokens (shou_test_sim_get_server (sim));
  parts = g_strsplit (tokens[0], " ", 2);
  g_assert_true (shou_sim_server_add_staff (shou_test_sim_get_server (sim), parts[0], "zhang", "张三",
                                            TOKEN_ZHANG, "agent", 1000000, 10000000, &error));
  g_assert_no_error (error);

  /* The owner holds a request; 张三 takes it over (the audit records it). */
  store = shou_test_store_new_connected (dir, sim);
  engine = shou_sync_engine_new (store);
  g_assert_true (shou_test_sync (engine, SYNC_TIMEOUT_MS));
  list = shou_request_list_new (store);
  item = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_nonnull (item);
  g_assert_cmpuint (claim_as (parts[1], "POST", shou_request_item_get_id (item), NULL), ==, 200);
  g_assert_cmpuint (claim_body_as (TOKEN_ZHANG, "POST", shou_request_item_get_id (item),
                                   "{\"take_over\":true}", NULL), ==, 200);
  shou_sync_engine_stop (engine);

  line = g_strdup_printf ("zhang · %s", _("Took over a request"));
  open_audit (dir, parts[1], line);
  open_audit (dir, TOKEN_ZHANG, _("Only the shop owner can see the team’s activity."));

  g_clear_object (&item);
  g_clear_object (&list);
  g_clear_object (&engine);
  g_clear_object (&store);
  g_clear_pointer (&sim, shou_test_sim_free);
  shou_test_rm_rf (dir);
}

static GtkWidget *
find_in_toplevels (GType       type,
                   const char *name)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);
      GtkWidget *found;

      if (gtk_widget_get_mapped (window) && (found = shou_test_find_widget (window, type, name)) != NULL)
        return found;
    }
  return NULL;
}

static gboolean
token_shown_cb (gpointer user_data)
{
  return find_in_toplevels (GTK_TYPE_LABEL, "token_label") != NULL;
}

/* GET /v1/me as @token: the status, and the staff name in *name. */
static guint
me_as (const char  *token,
       char       **name)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = g_strdup_printf ("%s/v1/me", shou_test_sim_get_url (sim));
  g_autofree char *auth = g_strdup_printf ("Bearer %s", token);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();

  soup_message_headers_append (soup_message_get_request_headers (msg), "Authorization", auth);
  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, on_sent_cb, &body);
  g_assert_true (shou_test_wait_until (sent_cb, &body, 10000));
  if (name != NULL && soup_message_get_status (msg) == 200 &&
      json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), g_bytes_get_size (body), NULL))
    *name = g_strdup (json_object_get_string_member (json_node_get_object (json_parser_get_root (parser)),
                                                     "staff_name"));
  return soup_message_get_status (msg);
}

typedef struct
{
  const char *token;
  guint       status;
} MeWait;

static gboolean
me_status_cb (gpointer user_data)
{
  MeWait *w = user_data;

  return me_as (w->token, NULL) == w->status;
}

/* The owner adds an agent from the accounts dialog, hands over the token
 * the hub made (it works), and revokes it (it stops working). */
static void
test_staff (void)
{
  g_autofree char *dir = shou_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "owner", "shouhou.db", NULL);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) tokens = NULL;
  g_auto(GStrv) parts = NULL;
  g_autoptr(ShouStore) store = NULL;
  g_autoptr(ShouSyncEngine) engine = NULL;
  g_autofree char *account = NULL;
  g_autofree char *token = NULL;
  g_autofree char *name = NULL;
  GtkWindow *dialog;
  GtkWidget *list;
  GtkWidget *revoke = NULL;
  FindAnywhere find = { "张三", NULL };
  MeWait gone = { NULL, 401 };

  sim = shou_test_sim_new_demo (dir, 11);
  tokens = shou_sim_server_dup_tokens (shou_test_sim_get_server (sim));
  parts = g_strsplit (tokens[0], " ", 2);
  g_assert_true (shou_sim_server_add_staff (shou_test_sim_get_server (sim), parts[0], "zhang", "张三",
                                            TOKEN_ZHANG, "agent", 1000000, 10000000, &error));
  g_assert_no_error (error);

  store = shou_store_new (path, &error);
  g_assert_no_error (error);
  account = shou_accounts_connect (store, shou_test_sim_get_url (sim), parts[1], "店铺", &error);
  g_assert_no_error (error);
  engine = shou_sync_engine_new (store);
  dialog = shou_accounts_dialog_new (NULL, store);
  shou_accounts_dialog_set_engine (SHOU_ACCOUNTS_DIALOG (dialog), engine);
  gtk_window_present (dialog);
  shou_test_iterate (100);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "accounts.staff", "s", account));
  g_assert_true (shou_test_wait_until (text_anywhere_cb, &find, 10000));

  /* Add 王五, an agent with limits in yuan. */
  gtk_editable_set_text (GTK_EDITABLE (find_in_toplevels (ADW_TYPE_ENTRY_ROW, "name_row")), "王五");
  gtk_editable_set_text (GTK_EDITABLE (find_in_toplevels (ADW_TYPE_ENTRY_ROW, "id_row")), "wang");
  gtk_editable_set_text (GTK_EDITABLE (find_in_toplevels (ADW_TYPE_ENTRY_ROW, "action_cap_row")), "50");
  gtk_editable_set_text (GTK_EDITABLE (find_in_toplevels (ADW_TYPE_ENTRY_ROW, "day_cap_row")), "200.50");
  g_signal_emit_by_name (find_in_toplevels (GTK_TYPE_BUTTON, "add_button"), "clicked");
  g_assert_true (shou_test_wait_until (token_shown_cb, NULL, 10000));
  token = g_strdup (gtk_label_get_text (GTK_LABEL (find_in_toplevels (GTK_TYPE_LABEL, "token_label"))));
  g_assert_cmpuint (me_as (token, &name), ==, 200);
  g_assert_cmpstr (name, ==, "王五");
  shou_test_close_window (GTK_WINDOW (gtk_widget_get_root (find_in_toplevels (GTK_TYPE_LABEL, "token_label"))));
  find.text = "¥200.50";
  g_assert_true (shou_test_wait_until (text_anywhere_cb, &find, 10000));

  /* Revoke 王五: asked first, then the token stops working. */
  list = find_in_toplevels (GTK_TYPE_LIST_BOX, "staff_list");
  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
    if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), "王五") == 0)
      revoke = shou_test_find_widget (row, GTK_TYPE_BUTTON, NULL);
  g_assert_nonnull (revoke);
  g_signal_emit_by_name (revoke, "clicked");
  g_assert_true (shou_test_wait_until (question_cb, (gpointer) "王五", 5000));
  {
    AdwMessageDialog *question = find_question ("王五");

    adw_message_dialog_response (question, "revoke");
    gtk_window_destroy (GTK_WINDOW (question));
  }
  gone.token = token;
  g_assert_true (shou_test_wait_until (me_status_cb, &gone, 10000));
  g_assert_cmpuint (me_as (TOKEN_ZHANG, NULL), ==, 200);

  shou_test_close_window (GTK_WINDOW (gtk_widget_get_root (list)));
  shou_test_close_window (dialog);
  shou_sync_engine_stop (engine);
  g_clear_object (&engine);
  g_clear_object (&store);
  g_clear_pointer (&sim, shou_test_sim_free);
  shou_test_rm_rf (dir);
}

int
main (int argc, char *argv[])
{
  shou_test_ui_init (&argc, &argv);
  g_test_add_func ("/ui/team/claims", test_claims);
  g_test_add_func ("/ui/team/audit", test_audit);
  g_test_add_func ("/ui/team/staff", test_staff);
  return g_test_run ();
}
