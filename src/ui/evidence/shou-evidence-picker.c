/* shou-evidence-picker.c: the evidence strip of a request.
 *
 * Every way in (chooser, drop, paste) ends in add_bytes(): prepared and
 * queued by shou-evidence-import.c, optionally after covering areas. The
 * strip itself is rebuilt from shou_store_list_evidence(), one
 * shou-evidence-tile.c per item.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "shou-cover-editor.h"
#include "shou-evidence-import.h"
#include "shou-evidence-picker.h"
#include "shou-evidence-tile.h"
#include "core/shou-core.h"

struct _ShouEvidencePicker
{
  GtkWidget         parent_instance;

  GtkDropDown      *kind_dropdown;
  GtkLabel         *count_label;
  GtkLabel         *hint_label;
  GtkRevealer      *error_revealer;
  GtkLabel         *error_label;
  GtkFlowBox       *flowbox;
  GtkLabel         *empty_label;

  ShouStore        *store;
  char             *request_id;
  GCancellable     *cancellable;
  ShouEvidenceKind  kind;
  gboolean          cover_first;
  char             *error;
  GPtrArray        *items;         /* JsonObject from the store */
  char             *signature;
  GHashTable       *textures;      /* sha256 → GdkTexture */
  gulong            changed_id;
};

G_DEFINE_FINAL_TYPE (ShouEvidencePicker, shou_evidence_picker, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_REQUEST_ID,
  PROP_KIND,
  PROP_COUNT,
  PROP_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_IMPORT_FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static ShouProfile *
get_profile (ShouEvidencePicker *self)
{
  return shou_evidence_get_profile (self->store, self->request_id);
}

static void
set_error (ShouEvidencePicker *self,
           const char         *error)
{
  if (g_strcmp0 (self->error, error) == 0)
    return;
  g_free (self->error);
  self->error = g_strdup (error);
  gtk_label_set_label (self->error_label, error != NULL ? error : "");
  gtk_revealer_set_reveal_child (self->error_revealer, error != NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

static void
fail (ShouEvidencePicker *self,
      const char         *name,
      const char         *message)
{
  g_autofree char *text = NULL;

  /* TRANSLATORS: a file name, then why it was refused */
  text = g_strdup_printf (C_("file error", "%s: %s"), name, message);
  set_error (self, text);
  g_signal_emit (self, signals[SIGNAL_IMPORT_FINISHED], 0, NULL, text);
}

static char *
import_bytes (ShouEvidencePicker *self,
              GBytes             *bytes,
              ShouEvidenceKind    kind,
              const char         *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sha = NULL;

  sha = shou_evidence_queue (self->store, self->request_id, bytes, kind, &error);
  if (sha == NULL)
    {
      fail (self, name, error->message);
      return NULL;
    }
  set_error (self, NULL);
  shou_evidence_picker_reload (self);
  g_signal_emit (self, signals[SIGNAL_IMPORT_FINISHED], 0, sha, NULL);
  return g_steal_pointer (&sha);
}

typedef struct
{
  ShouEvidencePicker *self;
  ShouEvidenceKind    kind;
  char               *name;
  char               *replaces;    /* sha256 of the original, or NULL */
  gboolean            applied;
} CoverData;

static void
cover_data_free (gpointer data)
{
  CoverData *cd = data;

  g_object_unref (cd->self);
  g_free (cd->name);
  g_free (cd->replaces);
  g_free (cd);
}

static void
on_cover_editor_applied_cb (ShouCoverEditor *editor,
                            GBytes          *png,
                            CoverData       *cd)
{
  g_autofree char *sha = NULL;

  cd->applied = TRUE;
  sha = import_bytes (cd->self, png, cd->kind, cd->name);
  if (sha != NULL && cd->replaces != NULL && g_strcmp0 (sha, cd->replaces) != 0)
    {
      g_autoptr(GError) error = NULL;

      if (!shou_store_remove_evidence (cd->self->store, cd->self->request_id,
                                       cd->replaces, &error))
        fail (cd->self, cd->name, error->message);
      shou_evidence_picker_reload (cd->self);
    }
}

static void
on_cover_editor_destroy_cb (ShouCoverEditor *editor,
                            CoverData       *cd)
{
  if (!cd->applied && cd->replaces == NULL)
    g_signal_emit (cd->self, signals[SIGNAL_IMPORT_FINISHED], 0, NULL, NULL);
}

static void
open_cover_editor (ShouEvidencePicker *self,
                   GdkTexture         *texture,
                   ShouEvidenceKind    kind,
                   const char         *name,
                   const char         *replaces)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  ShouCoverEditor *editor;
  CoverData *cd = g_new0 (CoverData, 1);

  cd->self = g_object_ref (self);
  cd->kind = kind;
  cd->name = g_strdup (name);
  cd->replaces = g_strdup (replaces);

  editor = shou_cover_editor_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, texture);
  g_signal_connect (editor, "applied", G_CALLBACK (on_cover_editor_applied_cb), cd);
  g_signal_connect_data (editor, "destroy", G_CALLBACK (on_cover_editor_destroy_cb),
                         cd, (GClosureNotify) (void (*) (void)) cover_data_free, 0);
  gtk_window_present (GTK_WINDOW (editor));
}

void
shou_evidence_picker_add_bytes (ShouEvidencePicker *self,
                                GBytes             *bytes,
                                const char         *display_name)
{
  g_autoptr(ShouProfile) profile = NULL;
  g_autoptr(GBytes) clean = NULL;
  g_autoptr(GError) error = NULL;
  const char *content_type = NULL;
  g_autofree char *sha = NULL;

  g_return_if_fail (SHOU_IS_EVIDENCE_PICKER (self));
  g_return_if_fail (bytes != NULL);

  if (display_name == NULL)
    display_name = _("Pasted image");

  profile = get_profile (self);
  clean = shou_evidence_prepare (profile, bytes, self->items->len, &content_type, &error);
  if (clean == NULL)
    {
      fail (self, display_name, error->message);
      return;
    }

  if (self->cover_first && shou_evidence_kind_wants_cover (self->kind) &&
      shou_evidence_is_image_type (content_type))
    {
      g_autoptr(GdkTexture) texture = gdk_texture_new_from_bytes (clean, &error);

      if (texture == NULL)
        {
          fail (self, display_name, error->message);
          return;
        }
      open_cover_editor (self, texture, self->kind, display_name, NULL);
      return;
    }

  sha = import_bytes (self, clean, self->kind, display_name);
}

static void
on_file_loaded_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(ShouEvidencePicker) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *name = NULL;

  bytes = shou_evidence_load_file_finish (result, &name, &error);
  if (bytes == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        fail (self, name, error->message);
      return;
    }
  shou_evidence_picker_add_bytes (self, bytes, name);
}

void
shou_evidence_picker_add_file (ShouEvidencePicker *self,
                               GFile              *file)
{
  g_autoptr(ShouProfile) profile = NULL;

  g_return_if_fail (SHOU_IS_EVIDENCE_PICKER (self));
  g_return_if_fail (G_IS_FILE (file));

  profile = get_profile (self);
  shou_evidence_load_file_async (file, profile, self->cancellable, on_file_loaded_cb,
                                 g_object_ref (self));
}

static JsonObject *
find_item (ShouEvidencePicker *self,
           const char         *sha)
{
  for (guint i = 0; i < self->items->len; i++)
    {
      JsonObject *item = g_ptr_array_index (self->items, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (item, "sha256", ""), sha) == 0)
        return item;
    }
  return NULL;
}

static void
on_tile_remove_clicked_cb (GtkButton          *button,
                           ShouEvidencePicker *self)
{
  const char *sha = g_object_get_data (G_OBJECT (button), "sha256");
  g_autoptr(GError) error = NULL;

  if (!shou_store_remove_evidence (self->store, self->request_id, sha, &error))
    set_error (self, error->message);
  shou_evidence_picker_reload (self);
}

static void
on_tile_retry_clicked_cb (GtkButton          *button,
                          ShouEvidencePicker *self)
{
  const char *sha = g_object_get_data (G_OBJECT (button), "sha256");
  g_autoptr(GError) error = NULL;

  if (!shou_store_retry_evidence (self->store, self->request_id, sha, &error))
    set_error (self, error->message);
  shou_evidence_picker_reload (self);
}

static void
on_tile_cover_clicked_cb (GtkButton          *button,
                          ShouEvidencePicker *self)
{
  const char *sha = g_object_get_data (G_OBJECT (button), "sha256");
  JsonObject *item = find_item (self, sha);
  GdkTexture *texture;

  if (item == NULL)
    return;
  texture = g_hash_table_lookup (self->textures, sha);
  if (texture != NULL)
    open_cover_editor (self, texture, shou_evidence_item_kind (item), _("Covered image"), sha);
}

typedef struct
{
  ShouEvidencePicker *self;
  char               *sha;
  ShouEvidenceKind    kind;
} Rekind;

static void
rekind_free (gpointer data)
{
  Rekind *rk = data;

  g_object_unref (rk->self);
  g_free (rk->sha);
  g_free (rk);
}

/* The store keeps the kind with the queued upload: re-queue with the new
 * one. Runs from idle because it rebuilds the tile whose drop-down asked. */
static gboolean
rekind_cb (gpointer data)
{
  Rekind *rk = data;
  ShouEvidencePicker *self = rk->self;
  JsonObject *item = find_item (self, rk->sha);
  g_autoptr(GError) error = NULL;

  if (item == NULL || rk->kind == shou_evidence_item_kind (item) || self->store == NULL)
    return G_SOURCE_REMOVE;

  if (!shou_evidence_requeue (self->store, self->request_id, item, rk->kind, &error))
    set_error (self, error->message);
  shou_evidence_picker_reload (self);
  return G_SOURCE_REMOVE;
}

static void
on_tile_kind_selected_cb (GtkDropDown        *dropdown,
                          GParamSpec         *pspec,
                          ShouEvidencePicker *self)
{
  Rekind *rk;
  guint kind = gtk_drop_down_get_selected (dropdown);

  if (kind >= SHOU_N_EVIDENCE_KINDS)
    return;
  rk = g_new0 (Rekind, 1);
  rk->self = g_object_ref (self);
  rk->sha = g_strdup (g_object_get_data (G_OBJECT (dropdown), "sha256"));
  rk->kind = kind;
  g_idle_add_full (G_PRIORITY_DEFAULT, rekind_cb, rk, rekind_free);
}

static GdkTexture *
get_thumbnail (ShouEvidencePicker *self,
               JsonObject         *item)
{
  const char *sha = json_object_get_string_member_with_default (item, "sha256", "");
  const char *path = shou_evidence_item_path (item);
  GdkTexture *texture = g_hash_table_lookup (self->textures, sha);

  /* Evidence that only the platform holds (the buyer's, or uploaded from
   * another computer) has no local copy to show. */
  if (texture == NULL && *path != '\0')
    {
      g_autoptr(GFile) file = g_file_new_for_path (path);

      texture = gdk_texture_new_from_file (file, NULL);
      if (texture == NULL)
        return NULL;
      g_hash_table_insert (self->textures, g_strdup (sha), texture);
    }
  return texture;
}

static GtkWidget *
build_tile (ShouEvidencePicker *self,
            JsonObject         *item)
{
  static const ShouEvidenceTileHandlers handlers = {
    G_CALLBACK (on_tile_remove_clicked_cb),
    G_CALLBACK (on_tile_retry_clicked_cb),
    G_CALLBACK (on_tile_cover_clicked_cb),
    G_CALLBACK (on_tile_kind_selected_cb),
  };
  const char *content_type = json_object_get_string_member_with_default (item, "content_type", "");
  GdkTexture *texture = NULL;

  if (shou_evidence_is_image_type (content_type))
    texture = get_thumbnail (self, item);
  return shou_evidence_tile_new (item, texture, &handlers, self);
}

static void
update_labels (ShouEvidencePicker *self,
               ShouProfile        *profile)
{
  g_autofree char *count = NULL;
  guint uploaded = 0;

  for (guint i = 0; i < self->items->len; i++)
    if (g_strcmp0 (json_object_get_string_member_with_default (g_ptr_array_index (self->items, i),
                                                               "state", ""), "uploaded") == 0)
      uploaded++;

  if (profile != NULL)
    /* TRANSLATORS: evidence attached / allowed, then how many are uploaded */
    count = g_strdup_printf (_("%u of %u · %u uploaded"), self->items->len,
                             shou_profile_get_evidence_max_count (profile), uploaded);
  else
    count = g_strdup_printf (_("%u · %u uploaded"), self->items->len, uploaded);
  gtk_label_set_label (self->count_label, count);

  if (profile != NULL)
    {
      const char * const *types = shou_profile_get_evidence_types (profile);
      g_autoptr(GString) names = g_string_new (NULL);
      g_autofree char *limit = g_format_size (shou_profile_get_evidence_max_bytes (profile));
      g_autofree char *hint = NULL;

      for (guint i = 0; types != NULL && types[i] != NULL; i++)
        {
          const char *slash = strchr (types[i], '/');

          if (names->len > 0)
            g_string_append (names, C_("list separator", ", "));
          g_string_append (names, slash != NULL ? slash + 1 : types[i]);
        }
      g_string_ascii_up (names);
      hint = g_strdup_printf (_("%s, up to %s each. Drop files here or paste an image (Ctrl+V)."),
                              names->str, limit);
      gtk_label_set_label (self->hint_label, hint);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->empty_label), self->items->len == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->flowbox), self->items->len > 0);
}

void
shou_evidence_picker_reload (ShouEvidencePicker *self)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GString) signature = g_string_new (NULL);
  g_autoptr(ShouProfile) profile = NULL;
  GtkWidget *child;
  guint old_count;

  g_return_if_fail (SHOU_IS_EVIDENCE_PICKER (self));

  items = shou_store_list_evidence (self->store, self->request_id);
  if (items == NULL)
    items = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  for (guint i = 0; i < items->len; i++)
    {
      JsonObject *item = g_ptr_array_index (items, i);

      g_string_append_printf (signature, "%s:%s:%s:%s;",
                              json_object_get_string_member_with_default (item, "sha256", ""),
                              json_object_get_string_member_with_default (item, "state", ""),
                              json_object_get_string_member_with_default (item, "kind", ""),
                              json_object_get_string_member_with_default (item, "error", ""));
    }
  if (self->signature != NULL && g_str_equal (self->signature, signature->str))
    return;

  g_free (self->signature);
  self->signature = g_string_free (g_steal_pointer (&signature), FALSE);
  old_count = self->items->len;
  g_ptr_array_unref (self->items);
  self->items = g_steal_pointer (&items);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->flowbox))) != NULL)
    gtk_flow_box_remove (self->flowbox, child);
  for (guint i = 0; i < self->items->len; i++)
    gtk_flow_box_append (self->flowbox, build_tile (self, g_ptr_array_index (self->items, i)));

  profile = get_profile (self);
  update_labels (self, profile);
  if (old_count != self->items->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNT]);
}

static void
on_store_changed_cb (ShouStore          *store,
                     const char         *request_id,
                     ShouEvidencePicker *self)
{
  if (request_id == NULL || g_strcmp0 (request_id, self->request_id) == 0)
    shou_evidence_picker_reload (self);
}

static void
on_kind_dropdown_selected_cb (GtkDropDown        *dropdown,
                              GParamSpec         *pspec,
                              ShouEvidencePicker *self)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (selected < SHOU_N_EVIDENCE_KINDS)
    shou_evidence_picker_set_kind (self, selected);
}

static void
on_error_close_clicked_cb (GtkButton          *button,
                           ShouEvidencePicker *self)
{
  set_error (self, NULL);
}

static void
on_chooser_response_cb (GtkNativeDialog    *dialog,
                        int                 response,
                        ShouEvidencePicker *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (dialog));

      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        {
          g_autoptr(GFile) file = g_list_model_get_item (files, i);

          shou_evidence_picker_add_file (self, file);
        }
    }
  g_object_unref (dialog);
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  ShouEvidencePicker *self = SHOU_EVIDENCE_PICKER (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(ShouProfile) profile = get_profile (self);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;
  const char * const *types = NULL;

  chooser = gtk_file_chooser_native_new (_("Add Evidence"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Add"), _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  gtk_file_filter_set_name (filter, _("Images and PDF"));
  if (profile != NULL)
    types = shou_profile_get_evidence_types (profile);
  if (types != NULL)
    for (guint i = 0; types[i] != NULL; i++)
      gtk_file_filter_add_mime_type (filter, types[i]);
  else
    {
      gtk_file_filter_add_mime_type (filter, "image/jpeg");
      gtk_file_filter_add_mime_type (filter, "image/png");
      gtk_file_filter_add_mime_type (filter, "application/pdf");
    }
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
add_texture (ShouEvidencePicker *self,
             GdkTexture         *texture)
{
  g_autoptr(GBytes) png = gdk_texture_save_to_png_bytes (texture);

  shou_evidence_picker_add_bytes (self, png, _("Pasted image"));
}

static void
add_file_list (ShouEvidencePicker *self,
               GSList             *files)
{
  for (GSList *l = files; l != NULL; l = l->next)
    shou_evidence_picker_add_file (self, l->data);
}

static void
on_clipboard_texture_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(ShouEvidencePicker) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = NULL;

  texture = gdk_clipboard_read_texture_finish (GDK_CLIPBOARD (source), result, &error);
  if (texture == NULL)
    fail (self, _("Pasted image"), error->message);
  else
    add_texture (self, texture);
}

static void
on_clipboard_files_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(ShouEvidencePicker) self = user_data;
  g_autoptr(GError) error = NULL;
  const GValue *value;

  value = gdk_clipboard_read_value_finish (GDK_CLIPBOARD (source), result, &error);
  if (value == NULL)
    fail (self, _("Pasted files"), error->message);
  else
    add_file_list (self, g_value_get_boxed (value));
}

static void
paste_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  ShouEvidencePicker *self = SHOU_EVIDENCE_PICKER (widget);
  GdkClipboard *clipboard = gtk_widget_get_clipboard (widget);
  GdkContentFormats *formats = gdk_clipboard_get_formats (clipboard);

  if (gdk_content_formats_contain_gtype (formats, GDK_TYPE_FILE_LIST))
    gdk_clipboard_read_value_async (clipboard, GDK_TYPE_FILE_LIST, G_PRIORITY_DEFAULT,
                                    self->cancellable, on_clipboard_files_cb,
                                    g_object_ref (self));
  else if (gdk_content_formats_contain_gtype (formats, GDK_TYPE_TEXTURE))
    gdk_clipboard_read_texture_async (clipboard, self->cancellable,
                                      on_clipboard_texture_cb, g_object_ref (self));
  else
    set_error (self, _("The clipboard holds no image or file to add."));
}

static gboolean
on_drop_cb (GtkDropTarget      *target,
            const GValue       *value,
            double              x,
            double              y,
            ShouEvidencePicker *self)
{
  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    add_file_list (self, g_value_get_boxed (value));
  else if (G_VALUE_HOLDS (value, G_TYPE_FILE))
    shou_evidence_picker_add_file (self, g_value_get_object (value));
  else if (G_VALUE_HOLDS (value, GDK_TYPE_TEXTURE))
    add_texture (self, g_value_get_object (value));
  else
    return FALSE;
  return TRUE;
}

void
shou_evidence_picker_set_kind (ShouEvidencePicker *self,
                               ShouEvidenceKind    kind)
{
  g_return_if_fail (SHOU_IS_EVIDENCE_PICKER (self));
  g_return_if_fail (kind < SHOU_N_EVIDENCE_KINDS);

  if (self->kind == kind)
    return;
  self->kind = kind;
  gtk_drop_down_set_selected (self->kind_dropdown, kind);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
}

ShouEvidenceKind
shou_evidence_picker_get_kind (ShouEvidencePicker *self)
{
  g_return_val_if_fail (SHOU_IS_EVIDENCE_PICKER (self), SHOU_EVIDENCE_OTHER);

  return self->kind;
}

const char *
shou_evidence_picker_get_error (ShouEvidencePicker *self)
{
  g_return_val_if_fail (SHOU_IS_EVIDENCE_PICKER (self), NULL);

  return self->error;
}

void
shou_evidence_picker_set_cover_first (ShouEvidencePicker *self,
                                      gboolean            cover_first)
{
  g_return_if_fail (SHOU_IS_EVIDENCE_PICKER (self));

  self->cover_first = !!cover_first;
}

char **
shou_evidence_picker_get_selected (ShouEvidencePicker *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (SHOU_IS_EVIDENCE_PICKER (self), NULL);

  for (guint i = 0; i < self->items->len; i++)
    g_strv_builder_add (builder,
                        json_object_get_string_member_with_default (g_ptr_array_index (self->items, i),
                                                                    "sha256", ""));
  return g_strv_builder_end (builder);
}

guint
shou_evidence_picker_get_count (ShouEvidencePicker *self)
{
  g_return_val_if_fail (SHOU_IS_EVIDENCE_PICKER (self), 0);

  return self->items->len;
}

static void
shou_evidence_picker_constructed (GObject *object)
{
  ShouEvidencePicker *self = SHOU_EVIDENCE_PICKER (object);

  G_OBJECT_CLASS (shou_evidence_picker_parent_class)->constructed (object);

  g_assert (SHOU_IS_STORE (self->store));
  g_assert (self->request_id != NULL);
  self->changed_id = g_signal_connect (self->store, "changed",
                                       G_CALLBACK (on_store_changed_cb), self);
  shou_evidence_picker_reload (self);
  if (self->signature == NULL)
    update_labels (self, NULL);
}

static void
shou_evidence_picker_dispose (GObject *object)
{
  GtkWidget *child;
  ShouEvidencePicker *self = SHOU_EVIDENCE_PICKER (object);

  g_cancellable_cancel (self->cancellable);
  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_id, self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), SHOU_TYPE_EVIDENCE_PICKER);
  /* The template's top box has no id, so dispose_template leaves it. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);
  g_hash_table_remove_all (self->textures);

  G_OBJECT_CLASS (shou_evidence_picker_parent_class)->dispose (object);
}

static void
shou_evidence_picker_finalize (GObject *object)
{
  ShouEvidencePicker *self = SHOU_EVIDENCE_PICKER (object);

  g_free (self->request_id);
  g_free (self->error);
  g_free (self->signature);
  g_ptr_array_unref (self->items);
  g_hash_table_unref (self->textures);

  G_OBJECT_CLASS (shou_evidence_picker_parent_class)->finalize (object);
}

static void
shou_evidence_picker_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  ShouEvidencePicker *self = SHOU_EVIDENCE_PICKER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_REQUEST_ID:
      g_value_set_string (value, self->request_id);
      break;
    case PROP_KIND:
      g_value_set_int (value, self->kind);
      break;
    case PROP_COUNT:
      g_value_set_uint (value, self->items->len);
      break;
    case PROP_ERROR:
      g_value_set_string (value, self->error);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shou_evidence_picker_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  ShouEvidencePicker *self = SHOU_EVIDENCE_PICKER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_REQUEST_ID:
      self->request_id = g_value_dup_string (value);
      break;
    case PROP_KIND:
      shou_evidence_picker_set_kind (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shou_evidence_picker_class_init (ShouEvidencePickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = shou_evidence_picker_constructed;
  object_class->dispose = shou_evidence_picker_dispose;
  object_class->finalize = shou_evidence_picker_finalize;
  object_class->get_property = shou_evidence_picker_get_property;
  object_class->set_property = shou_evidence_picker_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, SHOU_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REQUEST_ID] =
    g_param_spec_string ("request-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND] =
    g_param_spec_int ("kind", NULL, NULL, 0, SHOU_N_EVIDENCE_KINDS - 1,
                      SHOU_EVIDENCE_CHAT_SCREENSHOT,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COUNT] =
    g_param_spec_uint ("count", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ERROR] =
    g_param_spec_string ("error", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_IMPORT_FINISHED] =
    g_signal_new ("import-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/shouhou/Shouhou/evidence/shou-evidence-picker.ui");
  gtk_widget_class_bind_template_child (widget_class, ShouEvidencePicker, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ShouEvidencePicker, count_label);
  gtk_widget_class_bind_template_child (widget_class, ShouEvidencePicker, hint_label);
  gtk_widget_class_bind_template_child (widget_class, ShouEvidencePicker, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, ShouEvidencePicker, error_label);
  gtk_widget_class_bind_template_child (widget_class, ShouEvidencePicker, flowbox);
  gtk_widget_class_bind_template_child (widget_class, ShouEvidencePicker, empty_label);
  gtk_widget_class_bind_template_callback (widget_class, on_kind_dropdown_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_error_close_clicked_cb);

  gtk_widget_class_install_action (widget_class, "evidence.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "evidence.paste", NULL, paste_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_v, GDK_CONTROL_MASK,
                                       "evidence.paste", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "evidencepicker");
}

static void
shou_evidence_picker_init (ShouEvidencePicker *self)
{
  g_autoptr(GtkStringList) kinds = shou_evidence_kind_model_new ();
  GtkDropTarget *target;
  GType types[] = { GDK_TYPE_FILE_LIST, G_TYPE_FILE, GDK_TYPE_TEXTURE };

  self->cancellable = g_cancellable_new ();
  self->kind = SHOU_EVIDENCE_CHAT_SCREENSHOT;
  self->cover_first = TRUE;
  self->items = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  self->textures = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_drop_down_set_model (self->kind_dropdown, G_LIST_MODEL (kinds));
  gtk_drop_down_set_selected (self->kind_dropdown, self->kind);

  target = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);
  gtk_drop_target_set_gtypes (target, types, G_N_ELEMENTS (types));
  g_signal_connect (target, "drop", G_CALLBACK (on_drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
}

GtkWidget *
shou_evidence_picker_new (ShouStore  *store,
                          const char *request_id)
{
  g_return_val_if_fail (SHOU_IS_STORE (store), NULL);
  g_return_val_if_fail (request_id != NULL, NULL);

  return g_object_new (SHOU_TYPE_EVIDENCE_PICKER,
                       "store", store,
                       "request-id", request_id,
                       NULL);
}
