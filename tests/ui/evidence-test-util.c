/* evidence-test-util.c: what test-evidence.c and test-evidence-upload.c
 * share: JPEGs with a location, importing, the picker in a window.
 *
 * Copyright 2026 The Shouhou authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "evidence-test-util.h"

void
put_be16 (GByteArray *a,
          guint       v)
{
  guint8 b[2] = { v >> 8, v & 0xff };

  g_byte_array_append (a, b, 2);
}

void
put_be32 (GByteArray *a,
          guint32     v)
{
  guint8 b[4] = { v >> 24, (v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff };

  g_byte_array_append (a, b, 4);
}

/* A big-endian Exif APP1: IFD0 = {Orientation, GPS pointer}, GPS IFD =
 * {LatitudeRef "N", Latitude 3 rationals stored out of line}. */
GByteArray *
exif_segment (void)
{
  GByteArray *tiff = g_byte_array_new ();
  GByteArray *seg = g_byte_array_new ();

  g_byte_array_append (tiff, (const guint8 *) "MM\0*", 4);
  put_be32 (tiff, 8);
  put_be16 (tiff, 2);
  put_be16 (tiff, 0x0112); put_be16 (tiff, 3); put_be32 (tiff, 1); put_be16 (tiff, 6); put_be16 (tiff, 0);
  put_be16 (tiff, 0x8825); put_be16 (tiff, 4); put_be32 (tiff, 1); put_be32 (tiff, 38);
  put_be32 (tiff, 0);
  g_assert_cmpuint (tiff->len, ==, 38);
  put_be16 (tiff, 2);
  put_be16 (tiff, 0x0001); put_be16 (tiff, 2); put_be32 (tiff, 2);
  g_byte_array_append (tiff, (const guint8 *) "N\0\0\0", 4);
  put_be16 (tiff, 0x0002); put_be16 (tiff, 5); put_be32 (tiff, 3); put_be32 (tiff, 68);
  put_be32 (tiff, 0);
  g_assert_cmpuint (tiff->len, ==, 68);
  g_byte_array_append (tiff, lat_bytes, 4); put_be32 (tiff, 1);
  put_be32 (tiff, 0x27182818); put_be32 (tiff, 1);
  put_be32 (tiff, 0x16180339); put_be32 (tiff, 100);

  put_be16 (seg, 0xffe1);
  put_be16 (seg, 2 + 6 + tiff->len);
  g_byte_array_append (seg, (const guint8 *) "Exif\0\0", 6);
  g_byte_array_append (seg, tiff->data, tiff->len);
  g_byte_array_unref (tiff);
  return seg;
}

GByteArray *
app1_segment (const char *payload,
              gsize       length)
{
  GByteArray *seg = g_byte_array_new ();

  put_be16 (seg, 0xffe1);
  put_be16 (seg, 2 + length);
  g_byte_array_append (seg, (const guint8 *) payload, length);
  return seg;
}

/* @jpeg with @segment inserted right after SOI. */
GBytes *
splice_segment (GBytes     *jpeg,
                GByteArray *segment)
{
  gsize length;
  const guint8 *data = g_bytes_get_data (jpeg, &length);
  GByteArray *out = g_byte_array_new ();

  g_byte_array_append (out, data, 2);
  g_byte_array_append (out, segment->data, segment->len);
  g_byte_array_append (out, data + 2, length - 2);
  g_byte_array_unref (segment);
  return g_byte_array_free_to_bytes (out);
}

GBytes *
gps_jpeg (void)
{
  g_autoptr(GBytes) plain = ev_image_bytes ("jpeg", 64, 48, 0x3366ccff);
  static const char xmp[] = "http://ns.adobe.com/xap/1.0/\0<x:xmpmeta><rdf:Description "
                            "exif:GPSLatitude=\"31,14.5N\"/></x:xmpmeta>";
  g_autoptr(GBytes) with_exif = splice_segment (plain, exif_segment ());

  return splice_segment (with_exif, app1_segment (xmp, sizeof xmp - 1));
}

void
on_import_finished (ShouEvidencePicker *picker,
                    const char         *sha,
                    const char         *error,
                    ImportResult       *r)
{
  r->done = TRUE;
  g_free (r->sha);
  g_free (r->error);
  r->sha = g_strdup (sha);
  r->error = g_strdup (error);
}

gboolean
import_done (gpointer data)
{
  return ((ImportResult *) data)->done;
}

void
import_result_clear (ImportResult *r)
{
  g_clear_pointer (&r->sha, g_free);
  g_clear_pointer (&r->error, g_free);
  r->done = FALSE;
}

void
picker_window_open_for (PickerWindow *pw,
                        ShouStore    *store,
                        const char   *request_id)
{
  pw->window = adw_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (pw->window), 820, 520);
  pw->picker = SHOU_EVIDENCE_PICKER (shou_evidence_picker_new (store, request_id));
  gtk_widget_set_margin_start (GTK_WIDGET (pw->picker), 18);
  gtk_widget_set_margin_end (GTK_WIDGET (pw->picker), 18);
  gtk_widget_set_margin_top (GTK_WIDGET (pw->picker), 18);
  gtk_widget_set_margin_bottom (GTK_WIDGET (pw->picker), 18);
  adw_window_set_content (ADW_WINDOW (pw->window), GTK_WIDGET (pw->picker));
  g_signal_connect (pw->picker, "import-finished", G_CALLBACK (on_import_finished), &pw->result);
  gtk_window_present (GTK_WINDOW (pw->window));
}

void
picker_window_open (PickerWindow *pw,
                    ShouStore    *store)
{
  picker_window_open_for (pw, store, EV_REQUEST_ID);
}

void
picker_window_close (PickerWindow *pw)
{
  g_signal_handlers_disconnect_by_data (pw->picker, &pw->result);
  gtk_window_destroy (GTK_WINDOW (pw->window));
  import_result_clear (&pw->result);
  ev_spin (20);
}

GtkWidget *
find_tile_button (GtkWidget  *root,
                  const char *label)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0)
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_tile_button (c, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}
