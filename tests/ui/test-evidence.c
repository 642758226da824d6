/* test-evidence.c: evidence checks, location stripping, covering areas, the
 * picker against a real store, and survival of the original's deletion and
 * of a restart. */
#include "evidence-sim.h"

#include "ui/evidence/shou-cover-editor.h"
#include "ui/evidence/shou-evidence-picker.h"
#include "core/shou-core.h"
#include "evidence-test-util.h"


static gboolean
bytes_contain (GBytes       *bytes,
               const guint8 *needle,
               gsize         needle_len)
{
  gsize length;
  const guint8 *data = g_bytes_get_data (bytes, &length);

  for (gsize i = 0; i + needle_len <= length; i++)
    if (memcmp (data + i, needle, needle_len) == 0)
      return TRUE;
  return FALSE;
}

static void
test_strip_gps (void)
{
  g_autoptr(GBytes) jpeg = gps_jpeg ();
  g_autoptr(GBytes) clean = NULL;
  g_autoptr(GBytes) again = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  static const guint8 orientation[] = { 0x01, 0x12, 0x00, 0x03, 0, 0, 0, 1, 0x00, 0x06 };
  static const guint8 gps_pointer[] = { 0x88, 0x25, 0x00, 0x04 };

  g_assert_true (shou_evidence_has_location (jpeg));
  g_assert_true (bytes_contain (jpeg, lat_bytes, sizeof lat_bytes));

  clean = shou_evidence_strip_gps (jpeg);
  g_assert_false (shou_evidence_has_location (clean));
  g_assert_false (bytes_contain (clean, lat_bytes, sizeof lat_bytes));
  g_assert_false (bytes_contain (clean, gps_pointer, sizeof gps_pointer));
  g_assert_false (bytes_contain (clean, (const guint8 *) "GPSLatitude", 11));
  /* The orientation survives: a rotated photo must stay rotated. */
  g_assert_true (bytes_contain (clean, orientation, sizeof orientation));
  g_assert_true (bytes_contain (clean, (const guint8 *) "Exif", 4));
  g_assert_cmpuint (g_bytes_get_size (clean), <, g_bytes_get_size (jpeg));

  texture = gdk_texture_new_from_bytes (clean, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, 64);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, 48);
  g_assert_cmpstr (shou_sniff_content_type (g_bytes_get_data (clean, NULL),
                                            g_bytes_get_size (clean)), ==, "image/jpeg");

  /* Stripping is idempotent. */
  again = shou_evidence_strip_gps (clean);
  g_assert_true (g_bytes_equal (again, clean));
}

static void
test_strip_gps_other (void)
{
  g_autoptr(GBytes) png = ev_image_bytes ("png", 16, 16, 0xff0000ff);
  g_autoptr(GBytes) png_out = shou_evidence_strip_gps (png);
  g_autoptr(GBytes) plain = ev_image_bytes ("jpeg", 32, 32, 0x00ff00ff);
  g_autoptr(GBytes) broken = splice_segment (plain, app1_segment ("Exif\0\0XXgarbage", 16));
  g_autoptr(GBytes) broken_out = shou_evidence_strip_gps (broken);
  g_autoptr(GBytes) plain_out = shou_evidence_strip_gps (plain);
  g_autoptr(GBytes) empty = g_bytes_new (NULL, 0);
  g_autoptr(GBytes) empty_out = shou_evidence_strip_gps (empty);
  g_autoptr(GdkTexture) texture = NULL;

  g_assert_true (g_bytes_equal (png, png_out));
  g_assert_true (g_bytes_equal (plain, plain_out));
  g_assert_cmpuint (g_bytes_get_size (empty_out), ==, 0);
  /* An Exif segment that cannot be parsed is dropped whole. */
  g_assert_false (bytes_contain (broken_out, (const guint8 *) "Exif", 4));
  g_assert_cmpuint (g_bytes_get_size (broken_out), ==, g_bytes_get_size (plain));
  texture = gdk_texture_new_from_bytes (broken_out, NULL);
  g_assert_nonnull (texture);
}

static void
pixel_at (GdkTexture *texture,
          int         x,
          int         y,
          guint8      out[4])
{
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  g_autofree guint8 *data = g_malloc (width * height * 4);

  gdk_texture_download (texture, data, width * 4);
  memcpy (out, data + (y * width + x) * 4, 4);
}

static void
assert_covered (GBytes *png,
                int     x,
                int     y,
                gboolean black)
{
  g_autoptr(GdkTexture) texture = gdk_texture_new_from_bytes (png, NULL);
  guint8 p[4];

  g_assert_nonnull (texture);
  pixel_at (texture, x, y, p);
  /* Downloaded as B G R A (native-endian ARGB32). */
  if (black)
    {
      g_assert_cmpuint (p[0] | p[1] | p[2], ==, 0);
      g_assert_cmpuint (p[3], ==, 255);
    }
  else
    g_assert_cmpuint (p[2], ==, 0xff);
}

static void
test_cover_render (void)
{
  g_autoptr(GBytes) red = ev_image_bytes ("png", 200, 100, 0xff0000ff);
  g_autoptr(GdkTexture) texture = gdk_texture_new_from_bytes (red, NULL);
  graphene_rect_t areas[] = { GRAPHENE_RECT_INIT (10, 10, 50, 30) };
  g_autoptr(GBytes) png = shou_cover_render_png (texture, areas, 1);
  g_autoptr(GBytes) rendered = NULL;
  ShouCoverEditor *editor;

  g_assert_cmpstr (shou_sniff_content_type (g_bytes_get_data (png, NULL), g_bytes_get_size (png)),
                   ==, "image/png");
  assert_covered (png, 20, 20, TRUE);
  assert_covered (png, 59, 39, TRUE);
  assert_covered (png, 61, 41, FALSE);
  assert_covered (png, 150, 50, FALSE);

  editor = shou_cover_editor_new (NULL, texture);
  gtk_window_present (GTK_WINDOW (editor));
  shou_cover_editor_add_area (editor, 180, 80, 40, 40);  /* clipped to the image */
  shou_cover_editor_add_area (editor, 500, 500, 10, 10); /* outside: ignored */
  shou_cover_editor_add_area (editor, 0, 0, 1, 1);       /* too small: ignored */
  shou_cover_editor_add_area (editor, 100, 0, 20, 20);
  g_assert_cmpuint (shou_cover_editor_get_n_areas (editor), ==, 2);
  shou_cover_editor_undo (editor);
  g_assert_cmpuint (shou_cover_editor_get_n_areas (editor), ==, 1);
  rendered = shou_cover_editor_render (editor);
  assert_covered (rendered, 199, 99, TRUE);
  assert_covered (rendered, 110, 10, FALSE);

  /* Drawing with the pointer: a drag across the whole canvas covers the
   * whole image (clipped to it); a click without a drag covers nothing. */
  {
    g_autoptr(GListModel) controllers = NULL;
    g_autoptr(GBytes) dragged = NULL;
    GtkWidget *canvas = NULL;
    GObject *drag = NULL;
    int w, h;

    ev_spin (100);
    canvas = ev_find_type (GTK_WIDGET (editor), GTK_TYPE_DRAWING_AREA);
    w = gtk_widget_get_width (canvas);
    h = gtk_widget_get_height (canvas);
    g_assert_cmpint (w, >, 0);
    controllers = gtk_widget_observe_controllers (canvas);
    for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
      {
        g_autoptr(GObject) c = g_list_model_get_item (controllers, i);

        if (GTK_IS_GESTURE_DRAG (c))
          drag = c;
      }
    g_assert_nonnull (drag);
    g_signal_emit_by_name (drag, "drag-begin", 5.0, 5.0);
    g_signal_emit_by_name (drag, "drag-end", 0.0, 0.0);
    g_assert_cmpuint (shou_cover_editor_get_n_areas (editor), ==, 1);
    g_signal_emit_by_name (drag, "drag-begin", 0.0, 0.0);
    g_signal_emit_by_name (drag, "drag-update", w / 2.0, h / 2.0);
    g_signal_emit_by_name (drag, "drag-end", (double) w, (double) h);
    g_assert_cmpuint (shou_cover_editor_get_n_areas (editor), ==, 2);
    dragged = shou_cover_editor_render (editor);
    assert_covered (dragged, 0, 0, TRUE);
    assert_covered (dragged, 110, 10, TRUE);
    assert_covered (dragged, 199, 99, TRUE);
  }
  gtk_window_destroy (GTK_WINDOW (editor));
}

static void
add_file_and_wait (PickerWindow *pw,
                   GFile        *file)
{
  import_result_clear (&pw->result);
  shou_evidence_picker_add_file (pw->picker, file);
  g_assert_true (ev_wait (import_done, &pw->result, 5000));
}

static GBytes *
stored_bytes (ShouStore  *store,
              const char *sha)
{
  g_autoptr(GPtrArray) items = shou_store_list_evidence (store, EV_REQUEST_ID);

  for (guint i = 0; i < items->len; i++)
    {
      JsonObject *item = g_ptr_array_index (items, i);

      if (g_strcmp0 (json_object_get_string_member (item, "sha256"), sha) == 0)
        {
          g_autoptr(GMappedFile) mapped = g_mapped_file_new (json_object_get_string_member (item, "path"),
                                                             FALSE, NULL);

          return mapped != NULL ? g_mapped_file_get_bytes (mapped) : NULL;
        }
    }
  return NULL;
}

static void
test_picker_files (EvFixture     *f,
                   gconstpointer  data)
{
  g_autofree char *src = g_build_filename (f->dir, "originals", NULL);
  const ShouProfile *profile = shou_profiles_get (shou_profiles_get_default (), SHOU_PLATFORM_JD);
  gsize limit = shou_profile_get_evidence_max_bytes (profile);
  gsize big_size = limit + 300 * 1024;
  g_autoptr(GBytes) jpeg = gps_jpeg ();
  g_autoptr(GBytes) png = ev_chat_png ();
  g_autoptr(GBytes) pdf = ev_pdf_bytes ();
  g_autoptr(GBytes) text = g_bytes_new_static ("not an image at all\n", 20);
  g_autoptr(GBytes) truncated = g_bytes_new_from_bytes (png, 0, g_bytes_get_size (png) / 2);
  g_autoptr(GBytes) empty = g_bytes_new (NULL, 0);
  g_autofree guint8 *big_data = g_malloc0 (big_size);
  g_autoptr(GBytes) big = NULL;
  g_autoptr(GFile) jpeg_file = NULL;
  g_autoptr(GFile) png_file = NULL;
  g_autoptr(GFile) pdf_file = NULL;
  g_autoptr(GFile) fake_file = NULL;
  g_autoptr(GFile) truncated_file = NULL;
  g_autoptr(GFile) empty_file = NULL;
  g_autoptr(GFile) big_file = NULL;
  g_autoptr(GBytes) kept = NULL;
  g_autofree char *limit_text = g_format_size (limit);
  g_autofree char *big_text = g_format_size (big_size);
  PickerWindow pw = { 0 };
  g_auto(GStrv) selected = NULL;

  g_assert_cmpint (g_mkdir (src, 0700), ==, 0);
  memcpy (big_data, "\xff\xd8\xff\xe0", 4);
  big = g_bytes_new_take (g_steal_pointer (&big_data), big_size);
  jpeg_file = ev_write_file (src, "photo.jpg", jpeg);
  png_file = ev_write_file (src, "chat.png", png);
  pdf_file = ev_write_file (src, "slip.pdf", pdf);
  fake_file = ev_write_file (src, "fake.jpg", text);
  truncated_file = ev_write_file (src, "cut.png", truncated);
  empty_file = ev_write_file (src, "empty.png", empty);
  big_file = ev_write_file (src, "huge.jpg", big);

  picker_window_open (&pw, f->store);
  shou_evidence_picker_set_kind (pw.picker, SHOU_EVIDENCE_PRODUCT_PHOTO);

  add_file_and_wait (&pw, jpeg_file);
  g_assert_null (pw.result.error);
  g_assert_nonnull (pw.result.sha);
  /* The copy holds no location even though the original did. */
  kept = stored_bytes (f->store, pw.result.sha);
  g_assert_nonnull (kept);
  g_assert_false (shou_evidence_has_location (kept));

  add_file_and_wait (&pw, png_file);
  g_assert_null (pw.result.error);
  shou_evidence_picker_set_kind (pw.picker, SHOU_EVIDENCE_SIGNED_SLIP);
  add_file_and_wait (&pw, pdf_file);
  g_assert_null (pw.result.error);
  g_assert_cmpuint (shou_evidence_picker_get_count (pw.picker), ==, 3);

  /* Impostors: each refused with its own message, nothing queued. */
  add_file_and_wait (&pw, fake_file);
  g_assert_null (pw.result.sha);
  g_assert_nonnull (strstr (pw.result.error, "fake.jpg"));
  add_file_and_wait (&pw, truncated_file);
  g_assert_null (pw.result.sha);
  g_assert_nonnull (strstr (pw.result.error, "cut.png"));
  add_file_and_wait (&pw, empty_file);
  g_assert_null (pw.result.sha);
  g_assert_nonnull (strstr (pw.result.error, "empty.png"));
  add_file_and_wait (&pw, big_file);
  g_assert_null (pw.result.sha);
  g_test_message ("too big: %s", pw.result.error);
  g_assert_nonnull (strstr (pw.result.error, big_text));
  g_assert_nonnull (strstr (pw.result.error, limit_text));
  /* The refusal is shown inline. */
  g_assert_cmpstr (shou_evidence_picker_get_error (pw.picker), ==, pw.result.error);
  g_assert_nonnull (ev_find_label (pw.window, limit_text));
  g_assert_cmpuint (shou_evidence_picker_get_count (pw.picker), ==, 3);

  selected = shou_evidence_picker_get_selected (pw.picker);
  g_assert_cmpuint (g_strv_length (selected), ==, 3);
  /* Two thumbnails for the images; the PDF shows an icon. */
  g_assert_cmpuint (ev_count_type (pw.window, GTK_TYPE_PICTURE), ==, 2);
  g_assert_nonnull (ev_find_label (pw.window, "PDF"));

  ev_screenshot (pw.window, "zh_CN-evidence.png");
  picker_window_close (&pw);
}

/* Taobao takes images only, at most 3: the profile decides, not the code. */
static void
test_profile_limits (EvFixture     *f,
                     gconstpointer  data)
{
  g_autoptr(JsonObject) request = ev_request_json (g_get_real_time ());
  g_autoptr(GBytes) pdf = ev_pdf_bytes ();
  g_autoptr(GError) error = NULL;
  PickerWindow pw = { 0 };

  json_object_set_string_member (request, "platform", "taobao");
  g_assert_true (shou_store_apply_aftersale (f->store, f->account_id, request, &error));
  g_assert_no_error (error);

  picker_window_open (&pw, f->store);
  shou_evidence_picker_set_kind (pw.picker, SHOU_EVIDENCE_PRODUCT_PHOTO);
  shou_evidence_picker_add_bytes (pw.picker, pdf, "slip.pdf");
  g_assert_true (pw.result.done);
  g_assert_null (pw.result.sha);
  g_assert_nonnull (strstr (pw.result.error, "image/png"));

  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(GBytes) png = ev_image_bytes ("png", 20 + i, 20, 0x102030ff);
      g_autofree char *name = g_strdup_printf ("photo-%u.png", i);

      import_result_clear (&pw.result);
      shou_evidence_picker_add_bytes (pw.picker, png, name);
      g_assert_true (pw.result.done);
      if (i < 3)
        g_assert_nonnull (pw.result.sha);
      else
        {
          g_test_message ("4th: %s", pw.result.error);
          g_assert_null (pw.result.sha);
          g_assert_nonnull (strstr (pw.result.error, "3"));
        }
    }
  g_assert_cmpuint (shou_evidence_picker_get_count (pw.picker), ==, 3);
  picker_window_close (&pw);
}

static void
test_survives_restart (EvFixture     *f,
                       gconstpointer  data)
{
  g_autoptr(GBytes) png = ev_image_bytes ("png", 80, 60, 0x8844ccff);
  g_autoptr(GFile) file = ev_write_file (f->dir, "to-delete.png", png);
  g_autoptr(GBytes) kept = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *sha = NULL;
  PickerWindow pw = { 0 };

  picker_window_open (&pw, f->store);
  shou_evidence_picker_set_kind (pw.picker, SHOU_EVIDENCE_PRODUCT_PHOTO);
  add_file_and_wait (&pw, file);
  g_assert_nonnull (pw.result.sha);
  sha = g_strdup (pw.result.sha);
  picker_window_close (&pw);

  /* The original goes away and the app restarts before any upload. */
  g_assert_true (g_file_delete (file, NULL, NULL));
  g_clear_object (&f->store);
  ev_open_store (f);

  items = shou_store_list_evidence (f->store, EV_REQUEST_ID);
  g_assert_cmpuint (items->len, ==, 1);
  g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (items, 0), "sha256"), ==, sha);
  g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (items, 0), "state"), ==, "queued");
  kept = stored_bytes (f->store, sha);
  g_assert_nonnull (kept);
  g_assert_true (g_bytes_equal (kept, png));

  picker_window_open (&pw, f->store);
  g_assert_cmpuint (shou_evidence_picker_get_count (pw.picker), ==, 1);
  g_assert_cmpuint (ev_count_type (pw.window, GTK_TYPE_PICTURE), ==, 1);
  picker_window_close (&pw);
}

static gboolean
find_cover_editor (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (SHOU_IS_COVER_EDITOR (window))
        {
          *(ShouCoverEditor **) data = SHOU_COVER_EDITOR (window);
          return TRUE;
        }
    }
  return FALSE;
}

static void
assert_same_pixel (GBytes *a,
                   GBytes *b,
                   int     x,
                   int     y)
{
  g_autoptr(GdkTexture) ta = gdk_texture_new_from_bytes (a, NULL);
  g_autoptr(GdkTexture) tb = gdk_texture_new_from_bytes (b, NULL);
  guint8 pa[4], pb[4];

  pixel_at (ta, x, y, pa);
  pixel_at (tb, x, y, pb);
  g_assert_cmpmem (pa, 4, pb, 4);
}

static void
test_cover_before_adding (EvFixture     *f,
                          gconstpointer  data)
{
  g_autoptr(GBytes) screenshot = ev_chat_png ();
  g_autoptr(GBytes) kept = NULL;
  ShouCoverEditor *editor = NULL;
  PickerWindow pw = { 0 };

  picker_window_open (&pw, f->store);
  g_assert_cmpint (shou_evidence_picker_get_kind (pw.picker), ==, SHOU_EVIDENCE_CHAT_SCREENSHOT);
  shou_evidence_picker_add_bytes (pw.picker, screenshot, "wangwang.png");

  /* A chat screenshot opens the editor first; nothing is queued yet. */
  g_assert_true (ev_wait (find_cover_editor, &editor, 2000));
  g_assert_false (pw.result.done);
  g_assert_cmpuint (shou_evidence_picker_get_count (pw.picker), ==, 0);
  /* The buyer's nickname and order, the phone number, the WeChat id and address. */
  shou_cover_editor_add_area (editor, 60, 8, 300, 30);
  shou_cover_editor_add_area (editor, 30, 96, 400, 34);
  shou_cover_editor_add_area (editor, 30, 216, 400, 60);
  ev_screenshot (GTK_WIDGET (editor), "zh_CN-cover-editor.png");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "cover.apply", NULL));

  g_assert_true (ev_wait (import_done, &pw.result, 2000));
  g_assert_nonnull (pw.result.sha);
  g_assert_cmpuint (shou_evidence_picker_get_count (pw.picker), ==, 1);
  /* What is queued is the covered image, not the original. */
  kept = stored_bytes (f->store, pw.result.sha);
  g_assert_false (g_bytes_equal (kept, screenshot));
  assert_covered (kept, 100, 110, TRUE);
  assert_covered (kept, 200, 250, TRUE);
  assert_same_pixel (kept, screenshot, 300, 170);
  assert_same_pixel (kept, screenshot, 590, 410);
  ev_screenshot (pw.window, "zh_CN-evidence-covered.png");

  /* Covering more later replaces the queued image in place. */
  {
    g_autofree char *old_sha = g_strdup (pw.result.sha);
    g_autoptr(GBytes) again = NULL;
    GtkWidget *cover = find_tile_button (pw.window, _("_Cover Areas…"));

    editor = NULL;
    g_assert_nonnull (cover);
    g_signal_emit_by_name (cover, "clicked");
    g_assert_true (ev_wait (find_cover_editor, &editor, 2000));
    shou_cover_editor_add_area (editor, 160, 296, 420, 70);
    import_result_clear (&pw.result);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "cover.apply", NULL));
    g_assert_true (ev_wait (import_done, &pw.result, 2000));
    g_assert_nonnull (pw.result.sha);
    g_assert_cmpstr (pw.result.sha, !=, old_sha);
    g_assert_cmpuint (shou_evidence_picker_get_count (pw.picker), ==, 1);
    again = stored_bytes (f->store, pw.result.sha);
    assert_covered (again, 100, 110, TRUE);
    assert_covered (again, 300, 330, TRUE);
  }
  picker_window_close (&pw);
}

int
main (int   argc,
      char *argv[])
{
  ev_init (&argc, &argv);

  g_test_add_func ("/evidence/strip-gps", test_strip_gps);
  g_test_add_func ("/evidence/strip-gps-other", test_strip_gps_other);
  g_test_add_func ("/evidence/cover-render", test_cover_render);
  g_test_add ("/evidence/picker-files", EvFixture, NULL, ev_setup, test_picker_files, ev_teardown);
  g_test_add ("/evidence/profile-limits", EvFixture, NULL, ev_setup, test_profile_limits, ev_teardown);
  g_test_add ("/evidence/survives-restart", EvFixture, NULL, ev_setup, test_survives_restart, ev_teardown);
  g_test_add ("/evidence/cover-before-adding", EvFixture, NULL, ev_setup, test_cover_before_adding, ev_teardown);

  return g_test_run ();
}
