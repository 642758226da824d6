/* evidence-fixture.h: shared by test-evidence, test-addresses and
 * test-logistics: a real store in a temporary folder holding one shop and
 * one after-sales request, real image files, a real window, screenshots. */
#pragma once

#include "config.h"

#include <adwaita.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "shou-resources.h"
#include "shou-test-fs.h"
#include "store/shou-store.h"

typedef struct
{
  char      *dir;
  char      *db_path;
  ShouStore *store;
  char      *account_id;
} EvFixture;

#define EV_SHOP_ID    "shop-ev-1"
#define EV_REQUEST_ID "as-ev-1"

static inline void
ev_init (int    *argc,
         char ***argv)
{
  const char *env = g_getenv ("SHOU_TEST_LOCALEDIR");
  g_autofree char *localedir = g_strdup (env != NULL ? env : LOCALEDIR);
  g_autofree char *mo = g_build_filename (localedir, "zh_CN", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);

  /* meson's i18n.gettext () writes <build>/po/<lang>/LC_MESSAGES. */
  if (env != NULL && !g_file_test (mo, G_FILE_TEST_EXISTS))
    {
      char *parent = g_path_get_dirname (localedir);

      g_free (localedir);
      localedir = parent;
    }
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  gtk_test_init (argc, argv, NULL);
  adw_init ();
  shou_register_resource ();
}

static inline JsonObject *
ev_parse (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

/* A JD return (JD takes JPEG, PNG and PDF, 5 items of 5 MB) waiting for the
 * seller to confirm receipt, with a return shipment. */
static inline JsonObject *
ev_request_json (gint64 now)
{
  g_autofree char *json = NULL;

  json = g_strdup_printf ("{\"id\": \"" EV_REQUEST_ID "\", \"shop_id\": \"" EV_SHOP_ID "\","
                          " \"order_id\": \"o-ev-1\", \"line_id\": \"l-ev-1\","
                          " \"platform\": \"jd\", \"type\": \"return_refund\","
                          " \"status\": \"wait_seller_receipt\", \"good_status\": \"returned\","
                          " \"amount_fen\": 5900, \"reason_code\": \"quality_problem\","
                          " \"opened_at\": %" G_GINT64_FORMAT ", \"updated_at\": %" G_GINT64_FORMAT ","
                          " \"allowed_actions\": [\"confirm_receipt\", \"refuse_receipt\", \"message\"],"
                          " \"version\": 3, \"evidence\": [], \"timeline\": [],"
                          " \"return_shipment\": {\"carrier\": \"SF\", \"tracking_no\": \"SF1234567890123\","
                          "   \"shipped_at\": %" G_GINT64_FORMAT ", \"events\": []}}",
                          now - 5 * G_TIME_SPAN_DAY, now - G_TIME_SPAN_DAY, now - 4 * G_TIME_SPAN_DAY);
  return ev_parse (json);
}

static inline void
ev_open_store (EvFixture *f)
{
  g_autoptr(GError) error = NULL;

  f->store = shou_store_new (f->db_path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->store);
}

static inline void
ev_setup (EvFixture     *f,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) shops = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(JsonObject) request = NULL;

  f->dir = g_dir_make_tmp ("shou-evidence-XXXXXX", &error);
  g_assert_no_error (error);
  f->db_path = g_build_filename (f->dir, "shouhou.db", NULL);
  ev_open_store (f);

  f->account_id = shou_store_add_account (f->store, "http://127.0.0.1:9", "test", &error);
  g_assert_no_error (error);
  g_ptr_array_add (shops, ev_parse ("{\"id\": \"" EV_SHOP_ID "\", \"platform\": \"jd\","
                                    " \"name\": \"小店\", \"merchant_id\": \"m1\"}"));
  g_assert_true (shou_store_upsert_shops (f->store, f->account_id, shops, &error));
  g_assert_no_error (error);

  request = ev_request_json (g_get_real_time ());
  g_assert_true (shou_store_apply_aftersale (f->store, f->account_id, request, &error));
  g_assert_no_error (error);
}

static inline void
ev_teardown (EvFixture     *f,
             gconstpointer  data)
{
  g_clear_object (&f->store);
  shou_test_fs_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->db_path);
  g_free (f->account_id);
}

/* Bounded wait: iterate the main loop until @done or @timeout_ms passed. */
static inline gboolean
ev_wait (gboolean (*done) (gpointer), gpointer data, guint timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (!done (data) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE), g_usleep (1000);
  return done (data);
}

static inline void
ev_spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (2000);
    }
}

static inline GBytes *
ev_image_bytes (const char *type,
                int         width,
                int         height,
                guint32     rgba)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  g_autoptr(GError) error = NULL;
  char *buffer = NULL;
  gsize size = 0;

  gdk_pixbuf_fill (pixbuf, rgba);
  /* A gradient so JPEGs are not all one block. */
  for (int y = 0; y < height; y++)
    {
      guchar *row = gdk_pixbuf_get_pixels (pixbuf) + y * gdk_pixbuf_get_rowstride (pixbuf);

      for (int x = 0; x < width; x += 7)
        row[x * 3 + 1] = (guchar) ((x + y) & 0xff);
    }
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, type, &error, NULL));
  g_assert_no_error (error);
  return g_bytes_new_take (buffer, size);
}

static cairo_status_t
ev_write_pdf_cb (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static inline GBytes *
ev_pdf_bytes (void)
{
  GByteArray *array = g_byte_array_new ();
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (ev_write_pdf_cb, array, 200, 200);
  cairo_t *cr = cairo_create (surface);

  cairo_move_to (cr, 20, 100);
  cairo_show_text (cr, "signed slip");
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (array);
}

static cairo_status_t
ev_write_png_cb (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static inline void
ev_bubble (cairo_t    *cr,
           double      x,
           double      y,
           double      w,
           double      h,
           double      r,
           double      g,
           double      b,
           const char *text)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string ("Noto Sans CJK SC 15");

  cairo_set_source_rgb (cr, r, g, b);
  cairo_rectangle (cr, x, y, w, h);
  cairo_fill (cr);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int) ((w - 24) * PANGO_SCALE));
  pango_layout_set_text (layout, text, -1);
  cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
  cairo_move_to (cr, x + 12, y + 10);
  pango_cairo_show_layout (cr, layout);
  pango_font_description_free (font);
  g_object_unref (layout);
}

/* A chat screenshot (旺旺-style) with a buyer's phone number, WeChat id and
 * address in it: what the cover editor is for. 600 × 420. */
static inline GBytes *
ev_chat_png (void)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 600, 420);
  cairo_t *cr = cairo_create (surface);
  GByteArray *png = g_byte_array_new ();

  cairo_set_source_rgb (cr, 0.93, 0.94, 0.95);
  cairo_paint (cr);
  ev_bubble (cr, 0, 0, 600, 44, 1.0, 0.45, 0.0, "买家 小王同学 · 订单 2026111800123");
  ev_bubble (cr, 20, 64, 420, 70, 1, 1, 1, "收到的杯子有裂缝，不想要了，能退吗？我电话 138 0013 8000");
  ev_bubble (cr, 160, 150, 420, 44, 0.62, 0.92, 0.44, "亲，麻烦拍一下裂缝的照片哦");
  ev_bubble (cr, 20, 210, 420, 70, 1, 1, 1, "加我 V信 xiaowang_88 发你视频，地址：浙江省杭州市西湖区文三路 100 号");
  ev_bubble (cr, 160, 296, 420, 70, 0.62, 0.92, 0.44, "平台内沟通就好，请在售后单里上传照片，我们马上处理");
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  cairo_surface_write_to_png_stream (surface, ev_write_png_cb, png);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (png);
}

static inline GFile *
ev_write_file (const char *dir,
               const char *name,
               GBytes     *bytes)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, g_bytes_get_data (bytes, NULL),
                                      g_bytes_get_size (bytes), &error));
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

/* Saves what @widget shows to $SHOU_SCREENSHOT_DIR/@name, when set. */
static inline void
ev_screenshot (GtkWidget  *widget,
               const char *name)
{
  const char *dir = g_getenv ("SHOU_SCREENSHOT_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  GskRenderer *renderer;

  if (dir == NULL)
    return;
  /* A window shown a moment ago may not have drawn its first frame yet. */
  for (guint attempt = 0; attempt < 20 && node == NULL; attempt++)
    {
      ev_spin (150);
      g_clear_object (&paintable);
      paintable = gtk_widget_paintable_new (widget);
      snapshot = gtk_snapshot_new ();
      gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot),
                              gtk_widget_get_width (widget), gtk_widget_get_height (widget));
      node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
    }
  if (node == NULL)
    {
      g_test_message ("screenshot %s: nothing rendered", name);
      return;
    }
  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (renderer, node, NULL);
  path = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

/* Depth-first search for a label whose text contains @needle. */
static inline GtkWidget *
ev_find_label (GtkWidget  *root,
               const char *needle)
{
  if (GTK_IS_LABEL (root) && strstr (gtk_label_get_label (GTK_LABEL (root)), needle) != NULL)
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = ev_find_label (c, needle);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static inline GtkWidget *
ev_find_type (GtkWidget *root,
              GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = ev_find_type (c, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static inline guint
ev_count_type (GtkWidget *root,
               GType      type)
{
  guint n = G_TYPE_CHECK_INSTANCE_TYPE (root, type) ? 1 : 0;

  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    n += ev_count_type (c, type);
  return n;
}
