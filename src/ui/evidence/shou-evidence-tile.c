/* shou-evidence-tile.c: the tile of one evidence item in the picker's strip */
#include "config.h"

#include <glib/gi18n.h>

#include "shou-evidence-import.h"
#include "shou-evidence-tile.h"

GtkStringList *
shou_evidence_kind_model_new (void)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  for (guint k = 0; k < SHOU_N_EVIDENCE_KINDS; k++)
    gtk_string_list_append (list, shou_evidence_kind_get_label (k));
  return list;
}

static GtkWidget *
tile_button (const char *label,
             const char *sha,
             GCallback   callback,
             gpointer    user_data)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "caption");
  g_object_set_data_full (G_OBJECT (button), "sha256", g_strdup (sha), g_free);
  g_signal_connect (button, "clicked", callback, user_data);
  return button;
}

/* The thumbnail, or an icon when there is no local image. */
static GtkWidget *
thumbnail_new (GdkTexture *texture,
               const char *content_type)
{
  GtkWidget *overlay = gtk_overlay_new ();
  GtkWidget *thumb;

  if (texture != NULL)
    {
      /* An overlay is not measured: the picture fills the fixed-size slot
       * instead of asking for the image's own size. */
      GtkWidget *slot = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

      gtk_widget_set_size_request (slot, 160, 112);
      gtk_overlay_set_child (GTK_OVERLAY (overlay), slot);
      thumb = gtk_picture_new_for_paintable (GDK_PAINTABLE (texture));
      gtk_picture_set_can_shrink (GTK_PICTURE (thumb), TRUE);
      gtk_picture_set_content_fit (GTK_PICTURE (thumb), GTK_CONTENT_FIT_COVER);
      gtk_overlay_add_overlay (GTK_OVERLAY (overlay), thumb);
      gtk_overlay_set_clip_overlay (GTK_OVERLAY (overlay), thumb, TRUE);
    }
  else
    {
      thumb = gtk_image_new_from_icon_name (g_str_equal (content_type, "application/pdf")
                                            ? "x-office-document-symbolic"
                                            : "image-x-generic-symbolic");
      gtk_image_set_pixel_size (GTK_IMAGE (thumb), 48);
      gtk_widget_add_css_class (thumb, "dim-label");
      gtk_widget_set_size_request (thumb, 160, 112);
      gtk_overlay_set_child (GTK_OVERLAY (overlay), thumb);
    }
  return overlay;
}

/* The upload state, then the file type and size. */
static GtkWidget *
state_row_new (const char *content_type,
               gint64      size,
               gboolean    uploaded,
               gboolean    uploading,
               gboolean    failed)
{
  g_autofree char *size_text = g_format_size (size);
  g_autofree char *meta = NULL;
  GtkWidget *row, *label;

  row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  gtk_widget_set_margin_start (row, 6);
  gtk_widget_set_margin_end (row, 6);
  if (uploading)
    {
      GtkWidget *spinner = gtk_spinner_new ();

      gtk_spinner_start (GTK_SPINNER (spinner));
      gtk_box_append (GTK_BOX (row), spinner);
    }
  label = gtk_label_new (uploaded ? _("Uploaded")
                         : uploading ? _("Uploading…")
                         : failed ? _("Upload failed")
                         : _("Waiting to upload"));
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "evidence-state");
  gtk_widget_add_css_class (label, uploaded ? "success" : failed ? "error" : "dim-label");
  gtk_box_append (GTK_BOX (row), label);
  /* TRANSLATORS: file type and size, "PNG · 12.3 kB" */
  meta = g_strdup_printf (C_("evidence size", "%s · %s"),
                          g_str_equal (content_type, "application/pdf") ? "PDF"
                          : g_str_equal (content_type, "image/png") ? "PNG"
                          : g_str_equal (content_type, "image/jpeg") ? "JPEG" : content_type,
                          size_text);
  label = gtk_label_new (meta);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (row), label);
  return row;
}

GtkWidget *
shou_evidence_tile_new (JsonObject                     *item,
                        GdkTexture                     *texture,
                        const ShouEvidenceTileHandlers *handlers,
                        gpointer                        user_data)
{
  const char *sha = json_object_get_string_member_with_default (item, "sha256", "");
  const char *content_type = json_object_get_string_member_with_default (item, "content_type", "");
  const char *state = json_object_get_string_member_with_default (item, "state", "queued");
  const char *error = json_object_get_string_member_with_default (item, "error", NULL);
  gint64 size = json_object_get_int_member_with_default (item, "size", 0);
  gboolean uploaded = g_str_equal (state, "uploaded");
  gboolean uploading = g_str_equal (state, "uploading");
  gboolean failed = g_str_equal (state, "failed");
  g_autoptr(GtkStringList) kinds = shou_evidence_kind_model_new ();
  GtkWidget *tile, *overlay, *remove, *dropdown, *row, *label, *actions;

  tile = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_widget_add_css_class (tile, "card");
  gtk_widget_add_css_class (tile, "evidence-tile");
  gtk_widget_set_size_request (tile, 168, -1);
  g_object_set_data_full (G_OBJECT (tile), "sha256", g_strdup (sha), g_free);

  overlay = thumbnail_new (texture, content_type);

  /* What the platform has cannot be taken back from here. */
  if (!uploading && !uploaded)
    {
      remove = gtk_button_new_from_icon_name ("window-close-symbolic");
      gtk_widget_set_tooltip_text (remove, _("Remove"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Remove"), -1);
      gtk_widget_add_css_class (remove, "circular");
      gtk_widget_add_css_class (remove, "osd");
      gtk_widget_set_halign (remove, GTK_ALIGN_END);
      gtk_widget_set_valign (remove, GTK_ALIGN_START);
      gtk_widget_set_margin_top (remove, 4);
      gtk_widget_set_margin_end (remove, 4);
      g_object_set_data_full (G_OBJECT (remove), "sha256", g_strdup (sha), g_free);
      g_signal_connect (remove, "clicked", handlers->remove_clicked, user_data);
      gtk_overlay_add_overlay (GTK_OVERLAY (overlay), remove);
    }
  gtk_box_append (GTK_BOX (tile), overlay);

  dropdown = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&kinds)), NULL);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), shou_evidence_item_kind (item));
  gtk_widget_set_sensitive (dropdown, !uploaded && !uploading);
  gtk_widget_set_tooltip_text (dropdown, _("Kind of evidence"));
  gtk_widget_set_margin_start (dropdown, 4);
  gtk_widget_set_margin_end (dropdown, 4);
  g_object_set_data_full (G_OBJECT (dropdown), "sha256", g_strdup (sha), g_free);
  g_signal_connect (dropdown, "notify::selected", handlers->kind_selected, user_data);
  gtk_box_append (GTK_BOX (tile), dropdown);

  row = state_row_new (content_type, size, uploaded, uploading, failed);
  gtk_box_append (GTK_BOX (tile), row);

  if (failed && error != NULL)
    {
      label = gtk_label_new (error);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 20);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_set_margin_start (label, 6);
      gtk_widget_set_margin_end (label, 6);
      gtk_widget_add_css_class (label, "caption");
      gtk_widget_add_css_class (label, "error");
      gtk_widget_add_css_class (label, "evidence-error");
      gtk_box_append (GTK_BOX (tile), label);
    }

  actions = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_set_halign (actions, GTK_ALIGN_CENTER);
  if (failed)
    gtk_box_append (GTK_BOX (actions),
                    tile_button (_("_Retry"), sha, handlers->retry_clicked, user_data));
  if (texture != NULL && !uploaded && !uploading)
    gtk_box_append (GTK_BOX (actions),
                    tile_button (_("_Cover Areas…"), sha, handlers->cover_clicked,
                                 user_data));
  gtk_box_append (GTK_BOX (tile), actions);

  return tile;
}

