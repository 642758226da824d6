/* shou-annotation-group.c: see shou-annotation-group.h. */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "core/shou-time.h"
#include "store/shou-store-annotations.h"
#include "shou-annotation-group.h"

struct _ShouAnnotationGroup
{
  GtkBox      parent_instance;

  ShouStore  *store;
  char       *request_key;
  GtkFlowBox *tags;
  GtkEntry   *tag_entry;
  GtkListBox *notes;
  GtkEntry   *note_entry;
  GtkLabel   *status;     /* waiting to sync, or a refused step */
  GtkLabel   *history;    /* who changed what, and when */
  GtkExpander *history_expander;
  guint       reload_id;
};

G_DEFINE_FINAL_TYPE (ShouAnnotationGroup, shou_annotation_group, GTK_TYPE_BOX)

static void
clear_children (GtkWidget *widget)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (widget)) != NULL)
    {
      if (GTK_IS_FLOW_BOX (widget))
        gtk_flow_box_remove (GTK_FLOW_BOX (widget), child);
      else
        gtk_list_box_remove (GTK_LIST_BOX (widget), child);
    }
}

static const char *
by_name (JsonObject *entry)
{
  JsonObject *by = json_object_get_object_member (entry, "by");
  const char *name = by ? json_object_get_string_member_with_default (by, "name", "") : "";

  /* Translators: who wrote a note or changed a tag when the hub has no
   * name for them (the merchant's own token, or a step not yet sent) */
  return name != NULL && *name != '\0' ? name : _("Me");
}

static void
on_remove_tag_clicked_cb (GtkButton           *button,
                          ShouAnnotationGroup *self)
{
  g_autoptr(GError) error = NULL;
  const char *tag = g_object_get_data (G_OBJECT (button), "shou-tag");

  if (self->store != NULL && self->request_key != NULL &&
      !shou_store_annotate (self->store, self->request_key, SHOU_ANNOTATION_REMOVE_TAG, tag, &error))
    gtk_label_set_text (self->status, error->message);
}

static char *
log_line (JsonObject *entry)
{
  const char *op = json_object_get_string_member_with_default (entry, "op", "");
  const char *tag = json_object_get_string_member_with_default (entry, "tag", "");
  g_autofree char *when = shou_time_format_local (json_object_get_int_member_with_default (entry, "at", 0));

  if (g_str_equal (op, "add_tag"))
    /* Translators: an audit line: "张三 added the tag “加急” · 12月7日 21:30" */
    return g_strdup_printf (_("%s added the tag “%s” · %s"), by_name (entry), tag, when);
  if (g_str_equal (op, "remove_tag"))
    /* Translators: an audit line */
    return g_strdup_printf (_("%s removed the tag “%s” · %s"), by_name (entry), tag, when);
  /* Translators: an audit line */
  return g_strdup_printf (_("%s added a note · %s"), by_name (entry), when);
}

static char *
conflict_text (JsonObject *conflict)
{
  const char *reason = json_object_get_string_member_with_default (conflict, "reason", "");
  const char *value = json_object_get_string_member_with_default (conflict, "value", "");

  if (g_str_equal (reason, "too_many_tags"))
    /* Translators: a tag step the server refused */
    return g_strdup_printf (_("The tag “%s” was not added: a request has at most 20 tags"), value);
  if (g_str_equal (reason, "too_many_notes"))
    return g_strdup (_("The note was not added: a request has at most 100 notes"));
  /* Translators: a tag or note step the server refused for another reason */
  return g_strdup (_("The server refused a change to the tags or notes"));
}

static void
render (ShouAnnotationGroup *self)
{
  g_autoptr(JsonObject) annotation = NULL;
  g_autoptr(GString) history = g_string_new (NULL);
  JsonArray *tags, *notes, *log;
  JsonObject *conflict;
  gint64 pending;

  clear_children (GTK_WIDGET (self->tags));
  clear_children (GTK_WIDGET (self->notes));
  if (self->store != NULL && self->request_key != NULL)
    annotation = shou_store_get_annotation (self->store, self->request_key);
  gtk_widget_set_visible (GTK_WIDGET (self), annotation != NULL);
  if (annotation == NULL)
    return;

  tags = json_object_get_array_member (annotation, "tags");
  for (guint i = 0; tags != NULL && i < json_array_get_length (tags); i++)
    {
      const char *tag = json_array_get_string_element (tags, i);
      GtkWidget *chip = gtk_button_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
      g_autofree char *name = NULL;

      /* A tag is the team's text: a plain label, never markup. */
      gtk_box_append (GTK_BOX (box), gtk_label_new (tag));
      gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name ("window-close-symbolic"));
      gtk_button_set_child (GTK_BUTTON (chip), box);
      gtk_widget_add_css_class (chip, "pill");
      gtk_widget_add_css_class (chip, "small");
      /* Translators: the accessible name of a tag's remove button */
      name = g_strdup_printf (_("Remove tag: %s"), tag);
      gtk_accessible_update_property (GTK_ACCESSIBLE (chip), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      gtk_widget_set_tooltip_text (chip, name);
      g_object_set_data_full (G_OBJECT (chip), "shou-tag", g_strdup (tag), g_free);
      g_signal_connect (chip, "clicked", G_CALLBACK (on_remove_tag_clicked_cb), self);
      gtk_flow_box_append (self->tags, chip);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->tags), tags != NULL && json_array_get_length (tags) > 0);

  notes = json_object_get_array_member (annotation, "notes");
  for (guint i = 0; notes != NULL && i < json_array_get_length (notes); i++)
    {
      JsonObject *note = json_array_get_object_element (notes, i);
      g_autofree char *when = shou_time_format_local (json_object_get_int_member_with_default (note, "at", 0));
      g_autofree char *caption = g_strdup_printf ("%s · %s", by_name (note), when);
      GtkWidget *row = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      GtkWidget *text = gtk_label_new (json_object_get_string_member_with_default (note, "text", ""));
      GtkWidget *by = gtk_label_new (caption);

      gtk_label_set_wrap (GTK_LABEL (text), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (text), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_xalign (GTK_LABEL (text), 0.0f);
      gtk_label_set_selectable (GTK_LABEL (text), TRUE);
      gtk_label_set_xalign (GTK_LABEL (by), 0.0f);
      gtk_widget_add_css_class (by, "dim-label");
      gtk_widget_add_css_class (by, "caption");
      gtk_box_append (GTK_BOX (row), text);
      gtk_box_append (GTK_BOX (row), by);
      gtk_widget_set_margin_start (row, 12);
      gtk_widget_set_margin_end (row, 12);
      gtk_widget_set_margin_top (row, 8);
      gtk_widget_set_margin_bottom (row, 8);
      gtk_list_box_append (self->notes, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->notes), notes != NULL && json_array_get_length (notes) > 0);

  log = json_object_get_array_member (annotation, "log");
  for (guint i = log ? json_array_get_length (log) : 0; i > 0; i--)
    {
      g_autofree char *line = log_line (json_array_get_object_element (log, i - 1));

      g_string_append_printf (history, "%s%s", history->len ? "\n" : "", line);
    }
  gtk_label_set_text (self->history, history->str);
  gtk_widget_set_visible (GTK_WIDGET (self->history_expander), history->len > 0);

  conflict = json_object_has_member (annotation, "conflict")
             ? json_object_get_object_member (annotation, "conflict") : NULL;
  pending = json_object_get_int_member_with_default (annotation, "pending", 0);
  if (conflict != NULL)
    {
      g_autofree char *text = conflict_text (conflict);

      gtk_label_set_text (self->status, text);
    }
  else if (pending > 0)
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            /* Translators: tag and note changes not yet sent */
                                                            "%d change waiting to sync",
                                                            "%d changes waiting to sync", (gulong) pending),
                                               (int) pending);

      gtk_label_set_text (self->status, text);
    }
  else
    gtk_label_set_text (self->status, "");
  gtk_widget_set_visible (GTK_WIDGET (self->status), conflict != NULL || pending > 0);
}

static gboolean
on_reload_cb (gpointer user_data)
{
  ShouAnnotationGroup *self = user_data;

  self->reload_id = 0;
  render (self);
  return G_SOURCE_REMOVE;
}

static void
on_store_changed_cb (ShouAnnotationGroup *self,
                     const char          *key)
{
  if (self->request_key == NULL || (key != NULL && !g_str_equal (key, self->request_key)))
    return;
  if (self->reload_id == 0)
    self->reload_id = g_timeout_add (50, on_reload_cb, self);
}

static void
add_step (ShouAnnotationGroup *self,
          GtkEntry            *entry,
          ShouAnnotationOp     op)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *value = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));

  if (self->store == NULL || self->request_key == NULL)
    return;
  if (!shou_store_annotate (self->store, self->request_key, op, value, &error))
    {
      gtk_label_set_text (self->status, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->status), TRUE);
      gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  render (self);
}

static void
on_add_tag_cb (ShouAnnotationGroup *self)
{
  add_step (self, self->tag_entry, SHOU_ANNOTATION_ADD_TAG);
}

static void
on_add_note_cb (ShouAnnotationGroup *self)
{
  add_step (self, self->note_entry, SHOU_ANNOTATION_ADD_NOTE);
}

static GtkEntry *
field (ShouAnnotationGroup *self,
       const char          *placeholder,
       const char          *button_label,
       GCallback            callback)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *entry = gtk_entry_new ();
  GtkWidget *button = gtk_button_new_with_label (button_label);

  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, placeholder, -1);
  gtk_widget_set_hexpand (entry, TRUE);
  g_signal_connect_swapped (entry, "activate", callback, self);
  g_signal_connect_swapped (button, "clicked", callback, self);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), button);
  gtk_box_append (GTK_BOX (self), box);
  return GTK_ENTRY (entry);
}

static void
shou_annotation_group_dispose (GObject *object)
{
  ShouAnnotationGroup *self = SHOU_ANNOTATION_GROUP (object);

  g_clear_handle_id (&self->reload_id, g_source_remove);
  g_clear_object (&self->store);
  g_clear_pointer (&self->request_key, g_free);
  G_OBJECT_CLASS (shou_annotation_group_parent_class)->dispose (object);
}

static void
shou_annotation_group_class_init (ShouAnnotationGroupClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = shou_annotation_group_dispose;
}

static void
shou_annotation_group_init (ShouAnnotationGroup *self)
{
  GtkWidget *title = gtk_label_new (_("Tags and Notes"));
  GtkWidget *hint = gtk_label_new (_("Only your team sees these; the buyer never does."));

  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 6);
  gtk_widget_set_name (GTK_WIDGET (self), "annotations");
  gtk_label_set_xalign (GTK_LABEL (title), 0.0f);
  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (hint), 0.0f);
  gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
  gtk_widget_add_css_class (hint, "dim-label");
  gtk_widget_add_css_class (hint, "caption");
  gtk_box_append (GTK_BOX (self), title);
  gtk_box_append (GTK_BOX (self), hint);

  self->tags = GTK_FLOW_BOX (gtk_flow_box_new ());
  gtk_flow_box_set_selection_mode (self->tags, GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (self->tags, 8);
  gtk_widget_set_name (GTK_WIDGET (self->tags), "tags");
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->tags));
  /* Translators: the detail pane's field for a new tag */
  self->tag_entry = field (self, _("New tag"), _("Add Tag"), G_CALLBACK (on_add_tag_cb));

  self->notes = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->notes, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->notes), "boxed-list");
  gtk_widget_set_name (GTK_WIDGET (self->notes), "notes");
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->notes));
  /* Translators: the detail pane's field for a new internal note */
  self->note_entry = field (self, _("New internal note"), _("Add Note"), G_CALLBACK (on_add_note_cb));

  self->status = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->status, 0.0f);
  gtk_label_set_wrap (self->status, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->status), "caption");
  gtk_widget_set_visible (GTK_WIDGET (self->status), FALSE);
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->status));

  self->history = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->history, 0.0f);
  gtk_label_set_wrap (self->history, TRUE);
  gtk_label_set_selectable (self->history, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->history), "caption");
  /* Translators: an expander over the tag and note audit lines */
  self->history_expander = GTK_EXPANDER (gtk_expander_new (_("Who Changed What")));
  gtk_expander_set_child (self->history_expander, GTK_WIDGET (self->history));
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->history_expander));
}

void
shou_annotation_group_setup (ShouAnnotationGroup *self,
                             ShouStore           *store)
{
  g_return_if_fail (SHOU_IS_ANNOTATION_GROUP (self));
  g_return_if_fail (SHOU_IS_STORE (store));
  g_return_if_fail (self->store == NULL);

  self->store = g_object_ref (store);
  g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed_cb), self, G_CONNECT_SWAPPED);
}

void
shou_annotation_group_set_request (ShouAnnotationGroup *self,
                                   const char          *request_key)
{
  g_return_if_fail (SHOU_IS_ANNOTATION_GROUP (self));

  if (g_strcmp0 (self->request_key, request_key) != 0)
    {
      g_free (self->request_key);
      self->request_key = g_strdup (request_key);
      gtk_editable_set_text (GTK_EDITABLE (self->tag_entry), "");
      gtk_editable_set_text (GTK_EDITABLE (self->note_entry), "");
    }
  render (self);
}
