/* shou-screenshot.c: reproducible screenshots of the main window for people
 * to look at: LANGUAGE=zh_CN shou-screenshot OUTDIR writes
 * OUTDIR/zh_CN-queue.png, -detail.png, -overdue.png and -offline.png.
 *
 * Copyright 2026 The Shouhou authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ui/window/shou-window.h"
#include "shou-ui-test-utils.h"

static gboolean
ready_cb (gpointer user_data)
{
  ShouWindow *window = user_data;

  return gtk_widget_get_mapped (GTK_WIDGET (window)) &&
         g_strcmp0 (shou_window_get_main_page (window), "queue") == 0;
}

static gboolean
offline_cb (gpointer user_data)
{
  return shou_sync_engine_get_state (user_data) == SHOU_SYNC_OFFLINE;
}

static void
save (ShouWindow *window,
      const char *outdir,
      const char *lang,
      const char *scene)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("%s-%s.png", lang, scene);
  g_autofree char *path = g_build_filename (outdir, name, NULL);

  shou_test_iterate (400);
  if (!shou_test_save_screenshot (GTK_WIDGET (window), path, &error))
    g_error ("%s", error->message);
  g_print ("%s\n", path);
}

static gboolean
json_has_object (JsonObject *object,
                 const char *member)
{
  return json_object_has_member (object, member) &&
         JSON_NODE_HOLDS_OBJECT (json_object_get_member (object, member));
}

/* A request with return logistics (tracking events), for the detail shot. */
static char *
find_with_logistics (ShouStore *store)
{
  g_autoptr(ShouRequestList) list = shou_request_list_new (store);
  guint n;

  shou_request_list_set_view (list, SHOU_VIEW_ALL);
  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ShouRequestItem) item = g_list_model_get_item (G_LIST_MODEL (list), i);
      g_autoptr(JsonObject) request = shou_store_get_request (store, shou_request_item_get_id (item), NULL);

      if (request != NULL && json_has_object (request, "return_shipment") &&
          g_strcmp0 (json_object_get_string_member_with_default (request, "status", ""), "wait_seller_receipt") == 0)
        return g_strdup (shou_request_item_get_id (item));
    }

  return NULL;
}

static GBytes *
make_photo (guint8 tint)
{
  g_autoptr(GBytes) pixels = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  const int size = 96;
  guint8 *data = g_malloc (size * size * 4);

  for (int y = 0; y < size; y++)
    for (int x = 0; x < size; x++)
      {
        guint8 *p = data + (y * size + x) * 4;

        p[0] = (guint8) (120 + x);
        p[1] = (guint8) (tint + y / 2);
        p[2] = (guint8) (200 - y);
        p[3] = 0xff;
      }
  pixels = g_bytes_new_take (data, size * size * 4);
  texture = gdk_memory_texture_new (size, size, GDK_MEMORY_R8G8B8A8, pixels, size * 4);

  return gdk_texture_save_to_png_bytes (texture);
}

/* Brings logistics and evidence into view instead of the order summary. */
static void
scroll_to_evidence (ShouWindow *window)
{
  GtkWidget *pane = GTK_WIDGET (shou_window_get_detail_pane (window));
  GtkWidget *tiles = shou_test_find_widget (pane, GTK_TYPE_FLOW_BOX, "evidence-tiles");
  GtkWidget *scroller = gtk_widget_get_ancestor (tiles, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  graphene_point_t point;

  shou_test_iterate (300);
  if (gtk_widget_get_visible (tiles) &&
      gtk_widget_compute_point (tiles, gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scroller)),
                                &GRAPHENE_POINT_INIT (0, 0), &point))
    gtk_adjustment_set_value (adj, point.y - gtk_adjustment_get_page_size (adj) + 200);
}

int
main (int   argc,
      char *argv[])
{
  const char *lang = g_getenv ("LANGUAGE") != NULL ? g_getenv ("LANGUAGE") : "C";
  g_autofree char *dir = NULL;
  g_autofree char *detail_id = NULL;
  ShouTestSim *sim;
  ShouStore *store;
  ShouSyncEngine *engine;
  ShouWindow *window;
  ShouQueueView *queue;
  ShouClock *clock;
  gint64 now;

  if (argc < 2)
    {
      g_printerr ("Usage: LANGUAGE=zh_CN %s OUTDIR\n", argv[0]);
      return 1;
    }
  g_mkdir_with_parents (argv[1], 0755);

  shou_test_ui_init (&argc, &argv);
  dir = shou_test_make_tmpdir ();
  sim = shou_test_sim_new_demo (dir, 7);
  store = shou_test_store_new_connected (dir, sim);
  engine = shou_sync_engine_new (store);
  if (!shou_test_sync (engine, 60000))
    g_error ("The first sync failed");

  window = g_object_ref_sink (shou_window_new (NULL, store, engine));
  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 860);
  gtk_window_present (GTK_WINDOW (window));
  shou_test_wait_until (ready_cb, window, 10000);
  clock = shou_window_get_clock (window);
  queue = shou_window_get_queue_view (window);

  /* Pin the clock to the simulator's so every run shows the same times. */
  now = shou_test_sim_now (sim);
  shou_clock_set_frozen_now (clock, now);

  /* Queue: 待处理 with the first request selected. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "u", 1);
  shou_queue_view_select_position (queue, 0);
  save (window, argv[1], lang, "queue");

  /* Detail with return logistics and evidence. */
  detail_id = find_with_logistics (store);
  if (detail_id != NULL)
    {
      for (guint8 i = 0; i < 3; i++)
        {
          g_autoptr(GBytes) photo = make_photo ((guint8) (40 * i));
          g_autoptr(GError) error = NULL;
          g_autofree char *sha = shou_store_import_evidence_bytes (store, detail_id, photo,
                                                                   SHOU_EVIDENCE_PRODUCT_PHOTO, &error);

          if (sha == NULL)
            g_printerr ("evidence: %s\n", error->message);
        }
      gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "u", 4);
      shou_window_open_request (window, detail_id);
      shou_test_iterate (300);
      scroll_to_evidence (window);
      save (window, argv[1], lang, "detail");
    }
  else
    g_printerr ("No request with return logistics in the demo data\n");

  /* Overdue: 即将超时 an hour after its first deadline passed, detail from the top. */
  {
    GtkWidget *tiles = shou_test_find_widget (GTK_WIDGET (shou_window_get_detail_pane (window)),
                                              GTK_TYPE_FLOW_BOX, "evidence-tiles");
    GtkWidget *scroller = gtk_widget_get_ancestor (tiles, GTK_TYPE_SCROLLED_WINDOW);

    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller)), 0);
  }
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "u", 2);
  shou_queue_view_select_position (queue, 0);
  {
    g_autoptr(ShouRequestItem) first = g_list_model_get_item (G_LIST_MODEL (shou_queue_view_get_list (queue)), 0);

    if (first != NULL)
      shou_clock_set_frozen_now (clock, shou_request_item_get_deadline_at (first) + SHOU_USEC_PER_HOUR);
  }
  save (window, argv[1], lang, "overdue");
  shou_clock_set_frozen_now (clock, now);

  /* Offline: the server goes away. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "u", 1);
  shou_test_sim_free (sim);
  shou_sync_engine_sync_now (engine);
  shou_test_wait_until (offline_cb, engine, 30000);
  save (window, argv[1], lang, "offline");

  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (window);
  shou_sync_engine_stop (engine);
  g_object_unref (engine);
  g_object_unref (store);
  shou_test_rm_rf (dir);

  return 0;
}
