/* test-evidence-upload.c: adding evidence the ways a seller does (file
 * chooser, paste and drop), changing its kind, and uploading it through
 * faults and a retry. Split from test-evidence.c (same /evidence/ paths).
 * * Copyright 2026 The Shouhou authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "evidence-sim.h"

#include "ui/evidence/shou-cover-editor.h"
#include "ui/evidence/shou-evidence-picker.h"
#include "core/shou-core.h"
#include "evidence-test-util.h"


static JsonObject *
find_evidence (ShouStore  *store,
               const char *request_id,
               const char *sha)
{
  g_autoptr(GPtrArray) items = shou_store_list_evidence (store, request_id);

  for (guint i = 0; i < items->len; i++)
    if (g_strcmp0 (json_object_get_string_member (g_ptr_array_index (items, i), "sha256"), sha) == 0)
      return json_object_ref (g_ptr_array_index (items, i));
  return NULL;
}

static void
test_kind_change (EvFixture     *f,
                  gconstpointer  data)
{
  g_autoptr(GBytes) png = ev_image_bytes ("png", 40, 40, 0x123456ff);
  g_autoptr(GPtrArray) items = NULL;
  GtkWidget *tile_dropdown = NULL;
  PickerWindow pw = { 0 };

  picker_window_open (&pw, f->store);
  shou_evidence_picker_set_kind (pw.picker, SHOU_EVIDENCE_PRODUCT_PHOTO);
  shou_evidence_picker_add_bytes (pw.picker, png, "photo.png");
  g_assert_true (ev_wait (import_done, &pw.result, 2000));
  g_assert_nonnull (pw.result.sha);

  /* The tile's own drop-down relabels the queued evidence. */
  tile_dropdown = ev_find_type (ev_find_type (pw.window, GTK_TYPE_FLOW_BOX_CHILD), GTK_TYPE_DROP_DOWN);
  g_assert_nonnull (tile_dropdown);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (tile_dropdown), SHOU_EVIDENCE_PHOTO_VS_LISTING);
  ev_spin (20);
  items = shou_store_list_evidence (f->store, EV_REQUEST_ID);
  g_assert_cmpuint (items->len, ==, 1);
  g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (items, 0), "kind"), ==,
                   shou_evidence_kind_to_string (SHOU_EVIDENCE_PHOTO_VS_LISTING));
  picker_window_close (&pw);
}

static double fault_rate;
static const char * const *fault_kinds;
static guint32 fault_seed;

static void
set_faults (EvSim              *s,
            double              rate,
            const char * const *kinds)
{
  g_autoptr(GError) error = NULL;

  fault_rate = rate;
  fault_kinds = kinds;
  g_assert_true (shou_sim_server_set_faults (s->server, rate, kinds, 0, ++fault_seed, &error));
  g_assert_no_error (error);
}

/* How often @sha is on the server's copy of the request (read without
 * faults, which are then restored). */
static guint
server_evidence_count (EvSim      *s,
                       const char *request_id,
                       const char *sha,
                       guint      *out_total)
{
  g_autofree char *path = g_strdup_printf ("/v1/aftersales/%s", request_id);
  double rate = fault_rate;
  const char * const *kinds = fault_kinds;
  g_autoptr(JsonObject) reply = NULL;
  JsonArray *evidence;
  guint n = 0;

  g_assert_true (shou_sim_server_set_faults (s->server, 0, NULL, 0, 0, NULL));
  reply = ev_http (s, "GET", path, NULL);
  set_faults (s, rate, kinds);
  evidence = json_object_get_array_member (json_object_get_object_member (reply, "aftersale"),
                                           "evidence");

  for (guint i = 0; i < json_array_get_length (evidence); i++)
    if (g_strcmp0 (json_object_get_string_member (json_array_get_object_element (evidence, i), "id"),
                   sha) == 0)
      n++;
  if (out_total != NULL)
    *out_total = json_array_get_length (evidence);
  return n;
}

static gboolean
all_uploaded (ShouStore  *store,
              const char *request_id)
{
  g_autoptr(GPtrArray) items = shou_store_list_evidence (store, request_id);

  for (guint i = 0; i < items->len; i++)
    if (g_strcmp0 (json_object_get_string_member (g_ptr_array_index (items, i), "state"), "uploaded") != 0)
      return FALSE;
  return items->len > 0;
}

/* The most attempts of a queued upload of @request_id so far. */
static guint
upload_attempts (ShouStore  *store,
                 const char *request_id)
{
  g_autoptr(JsonObject) request = shou_store_get_request (store, request_id, NULL);
  JsonArray *pending = json_object_get_array_member (request, "pending_actions");
  guint most = 0;

  for (guint i = 0; pending != NULL && i < json_array_get_length (pending); i++)
    {
      JsonObject *entry = json_array_get_object_element (pending, i);

      if (g_strcmp0 (json_object_get_string_member (entry, "action"), "upload_evidence") == 0)
        most = MAX (most, (guint) json_object_get_int_member_with_default (entry, "attempts", 0));
    }
  return most;
}

static void
test_upload_faults (EvSim         *s,
                    gconstpointer  data)
{
  const char * const kinds[] = { "5xx", "drop", "truncate", NULL };
  const char * const kinds_lost[] = { "5xx", "drop", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *request_id = NULL;
  g_autofree char *sha1 = NULL;
  g_autofree char *sha2 = NULL;
  g_autoptr(GBytes) png1 = ev_image_bytes ("png", 64, 64, 0x336699ff);
  g_autoptr(GBytes) png2 = ev_image_bytes ("png", 65, 64, 0x996633ff);
  PickerWindow pw = { 0 };
  guint before = 0, after = 0, rounds, max_attempts = 0;

  g_assert_true (ev_sync (s));
  request_id = ev_sim_find_request (s, SHOU_PLATFORM_JD, -1);
  g_assert_nonnull (request_id);
  server_evidence_count (s, request_id, "", &before);

  picker_window_open_for (&pw, s->store, request_id);
  shou_evidence_picker_set_kind (pw.picker, SHOU_EVIDENCE_PRODUCT_PHOTO);
  shou_evidence_picker_add_bytes (pw.picker, png1, "a.png");
  sha1 = g_strdup (pw.result.sha);
  import_result_clear (&pw.result);
  shou_evidence_picker_add_bytes (pw.picker, png2, "b.png");
  sha2 = g_strdup (pw.result.sha);
  g_assert_nonnull (sha1);
  g_assert_nonnull (sha2);

  /* Outages and dropped connections: nothing arrives, nothing is lost. */
  set_faults (s, 1.0, kinds_lost);
  g_assert_false (ev_sync (s));
  g_assert_false (all_uploaded (s->store, request_id));
  g_assert_cmpuint (server_evidence_count (s, request_id, sha1, NULL), ==, 0);

  /* Then outages, drops and responses cut off after the server stored the
   * file (the client cannot tell), at random. */
  set_faults (s, 0.5, kinds);
  for (rounds = 0; rounds < 40 && !all_uploaded (s->store, request_id); rounds++)
    {
      ev_sync (s);
      max_attempts = MAX (max_attempts, upload_attempts (s->store, request_id));
    }
  g_test_message ("uploaded after %u sync rounds under random faults, up to %u attempts",
                  rounds, max_attempts);
  /* An upload failed at least once and was sent again. */
  g_assert_cmpuint (max_attempts, >=, 1);
  set_faults (s, 0, NULL);
  ev_sync (s);
  g_assert_true (all_uploaded (s->store, request_id));

  /* Each arrived exactly once. */
  g_assert_cmpuint (server_evidence_count (s, request_id, sha1, &after), ==, 1);
  g_assert_cmpuint (server_evidence_count (s, request_id, sha2, NULL), ==, 1);
  g_assert_cmpuint (after, ==, before + 2);
  ev_spin (50);
  g_assert_nonnull (ev_find_label (pw.window, _("Uploaded")));
  g_assert_null (ev_find_label (pw.window, _("Waiting to upload")));
  picker_window_close (&pw);
}

static void
test_upload_failed_retry (EvSim         *s,
                          gconstpointer  data)
{
  g_autofree char *request_id = NULL;
  g_autofree char *sha = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GBytes) png = ev_image_bytes ("png", 50, 40, 0x445566ff);
  g_autoptr(JsonObject) item = NULL;
  PickerWindow pw = { 0 };
  GtkWidget *retry;

  g_assert_true (ev_sync (s));
  request_id = ev_sim_find_request (s, SHOU_PLATFORM_JD, -1);
  picker_window_open_for (&pw, s->store, request_id);
  shou_evidence_picker_set_kind (pw.picker, SHOU_EVIDENCE_PRODUCT_PHOTO);
  shou_evidence_picker_add_bytes (pw.picker, png, "lost.png");
  sha = g_strdup (pw.result.sha);
  g_assert_nonnull (sha);

  /* The copy in the data folder vanishes before the upload. */
  item = find_evidence (s->store, request_id, sha);
  path = g_strdup (json_object_get_string_member (item, "path"));
  g_assert_cmpint (g_unlink (path), ==, 0);
  ev_sync (s);
  g_clear_pointer (&item, json_object_unref);
  item = find_evidence (s->store, request_id, sha);
  g_assert_cmpstr (json_object_get_string_member (item, "state"), ==, "failed");
  g_test_message ("failed: %s", json_object_get_string_member_with_default (item, "error", ""));
  ev_spin (50);
  /* The tile says why and offers Retry. */
  g_assert_nonnull (ev_find_label (pw.window, json_object_get_string_member (item, "error")));
  ev_screenshot (pw.window, "zh_CN-evidence-failed.png");
  retry = find_tile_button (pw.window, _("_Retry"));
  g_assert_nonnull (retry);

  /* Put the file back, retry: it arrives once. */
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (png, NULL), g_bytes_get_size (png), NULL));
  g_signal_emit_by_name (retry, "clicked");
  g_clear_pointer (&item, json_object_unref);
  item = find_evidence (s->store, request_id, sha);
  g_assert_cmpstr (json_object_get_string_member (item, "state"), !=, "failed");
  g_assert_true (ev_sync (s));
  g_assert_true (all_uploaded (s->store, request_id));
  g_assert_cmpuint (server_evidence_count (s, request_id, sha, NULL), ==, 1);
  picker_window_close (&pw);
}

static gboolean
count_is (gpointer data)
{
  PickerWindow *pw = data;

  return shou_evidence_picker_get_count (pw->picker) >= GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (pw->picker), "want"));
}

static void
test_paste_and_drop (EvFixture     *f,
                     gconstpointer  data)
{
  g_autoptr(GBytes) png = ev_image_bytes ("png", 90, 70, 0x55aa55ff);
  g_autoptr(GdkTexture) texture = gdk_texture_new_from_bytes (png, NULL);
  g_autoptr(GBytes) jpeg = gps_jpeg ();
  g_autoptr(GFile) file1 = ev_write_file (f->dir, "dropped.jpg", jpeg);
  g_autoptr(GBytes) pdf = ev_pdf_bytes ();
  g_autoptr(GFile) file2 = ev_write_file (f->dir, "dropped.pdf", pdf);
  g_autoptr(GListModel) controllers = NULL;
  GtkDropTarget *target = NULL;
  GValue value = G_VALUE_INIT;
  GSList *files = NULL;
  gboolean accepted = FALSE;
  PickerWindow pw = { 0 };

  picker_window_open (&pw, f->store);
  shou_evidence_picker_set_kind (pw.picker, SHOU_EVIDENCE_PRODUCT_PHOTO);

  /* Ctrl+V with an image on the clipboard. */
  gdk_clipboard_set_texture (gtk_widget_get_clipboard (GTK_WIDGET (pw.picker)), texture);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pw.picker), "evidence.paste", NULL));
  g_assert_true (ev_wait (import_done, &pw.result, 3000));
  g_assert_nonnull (pw.result.sha);
  g_assert_cmpuint (shou_evidence_picker_get_count (pw.picker), ==, 1);

  /* Two files dropped from a file manager. */
  controllers = gtk_widget_observe_controllers (GTK_WIDGET (pw.picker));
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        target = GTK_DROP_TARGET (controller);
    }
  g_assert_nonnull (target);
  files = g_slist_append (files, file1);
  files = g_slist_append (files, file2);
  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_set_boxed (&value, files);
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &accepted);
  g_value_unset (&value);
  g_slist_free (files);
  g_assert_true (accepted);
  g_object_set_data (G_OBJECT (pw.picker), "want", GUINT_TO_POINTER (3));
  g_assert_true (ev_wait (count_is, &pw, 5000));
  g_assert_cmpuint (shou_evidence_picker_get_count (pw.picker), ==, 3);

  /* An empty clipboard says so. */
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (pw.picker)), "just text");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pw.picker), "evidence.paste", NULL));
  g_assert_nonnull (shou_evidence_picker_get_error (pw.picker));
  picker_window_close (&pw);
}

static gboolean
find_file_chooser (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (GTK_IS_FILE_CHOOSER_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        {
          *(GtkWindow **) data = window;
          return TRUE;
        }
    }
  return FALSE;
}

/* Without a portal, GtkFileChooserNative shows GTK's own dialog: pick a
 * file there as the seller would. */
static void
test_file_chooser (EvFixture     *f,
                   gconstpointer  data)
{
  g_autoptr(GBytes) jpeg = ev_image_bytes ("jpeg", 100, 80, 0x884422ff);
  g_autoptr(GFile) file = ev_write_file (f->dir, "from-chooser.jpg", jpeg);
  g_autoptr(GListModel) filters = NULL;
  GtkWindow *chooser = NULL;
  PickerWindow pw = { 0 };

  picker_window_open (&pw, f->store);
  shou_evidence_picker_set_kind (pw.picker, SHOU_EVIDENCE_PRODUCT_PHOTO);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pw.picker), "evidence.add", NULL));
  g_assert_true (ev_wait (find_file_chooser, &chooser, 3000));
  g_assert_true (gtk_file_chooser_get_select_multiple (GTK_FILE_CHOOSER (chooser)));
  filters = gtk_file_chooser_get_filters (GTK_FILE_CHOOSER (chooser));
  g_assert_cmpuint (g_list_model_get_n_items (filters), ==, 1);
  g_assert_true (gtk_file_chooser_set_file (GTK_FILE_CHOOSER (chooser), file, NULL));
  ev_spin (100);
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  g_assert_true (ev_wait (import_done, &pw.result, 5000));
  g_assert_nonnull (pw.result.sha);
  g_assert_cmpuint (shou_evidence_picker_get_count (pw.picker), ==, 1);
  picker_window_close (&pw);
}

int
main (int   argc,
      char *argv[])
{
  ev_init (&argc, &argv);
  g_test_add ("/evidence/file-chooser", EvFixture, NULL, ev_setup, test_file_chooser, ev_teardown);
  g_test_add ("/evidence/paste-and-drop", EvFixture, NULL, ev_setup, test_paste_and_drop, ev_teardown);
  g_test_add ("/evidence/kind-change", EvFixture, NULL, ev_setup, test_kind_change, ev_teardown);

  g_test_add ("/evidence/upload-faults", EvSim, NULL, ev_sim_setup, test_upload_faults, ev_sim_teardown);
  g_test_add ("/evidence/upload-failed-retry", EvSim, NULL, ev_sim_setup, test_upload_failed_retry, ev_sim_teardown);

  return g_test_run ();
}
