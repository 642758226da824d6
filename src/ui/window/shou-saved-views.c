/* shou-saved-views.c: see shou-saved-views.h. */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "store/shou-request-list.h"
#include "shou-saved-views.h"

#define MAX_SAVED_VIEWS 30

struct _ShouSavedViews
{
  GtkWidget    parent_instance;

  ShouStore   *store;
  ShouSidebar *sidebar;   /* unowned: a sibling in the window */
  GSettings   *settings;
  GtkWidget   *box;
  GtkWidget   *list_box;
  GPtrArray   *lists;     /* of ShouRequestList, one per row: the live counts */
};

G_DEFINE_FINAL_TYPE (ShouSavedViews, shou_saved_views, GTK_TYPE_WIDGET)

enum {
  ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static ShouView
view_from_name (const char *name)
{
  for (ShouView v = 0; v < SHOU_N_VIEWS; v++)
    if (g_strcmp0 (shou_view_to_string (v), name) == 0)
      return v;
  return SHOU_VIEW_ALL;
}

static void
update_count (ShouRequestList *list,
              GParamSpec      *pspec,
              GtkLabel        *label)
{
  g_autofree char *text = g_strdup_printf ("%u", g_list_model_get_n_items (G_LIST_MODEL (list)));

  gtk_label_set_text (label, text);
}

/* Starts @builder with the saved views but the one named @name. */
static void
views_except (ShouSavedViews  *self,
              const char      *name,
              GVariantBuilder *builder)
{
  g_autoptr(GVariant) old = g_settings_get_value (self->settings, "saved-views");
  GVariantIter iter;
  const char *n, *v, *t;

  g_variant_builder_init (builder, G_VARIANT_TYPE ("a(sss)"));
  g_variant_iter_init (&iter, old);
  while (g_variant_iter_next (&iter, "(&s&s&s)", &n, &v, &t))
    if (g_strcmp0 (n, name) != 0)
      g_variant_builder_add (builder, "(sss)", n, v, t);
}

static void
on_remove_clicked_cb (GtkButton      *button,
                      ShouSavedViews *self)
{
  GVariantBuilder builder;

  views_except (self, g_object_get_data (G_OBJECT (button), "name"), &builder);
  g_settings_set_value (self->settings, "saved-views", g_variant_builder_end (&builder));
}

static GtkWidget *
new_row (ShouSavedViews *self,
         const char     *name,
         const char     *view_name,
         const char     *terms)
{
  g_autoptr(ShouRequestFilter) filter = shou_request_filter_from_string (terms);
  ShouRequestList *list = shou_request_list_new (self->store);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (name);
  GtkWidget *count = gtk_label_new (NULL);
  GtkWidget *remove = gtk_button_new_from_icon_name ("edit-delete-symbolic");
  g_autofree char *remove_name = NULL;

  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (count, "dim-label");
  gtk_widget_add_css_class (count, "numeric");
  gtk_widget_add_css_class (remove, "flat");
  /* Translators: the button beside a saved view; %s is its name */
  remove_name = g_strdup_printf (_("Delete View “%s”"), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, remove_name, -1);
  g_object_set_data_full (G_OBJECT (remove), "name", g_strdup (name), g_free);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_clicked_cb), self);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), count);
  gtk_box_append (GTK_BOX (box), remove);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data_full (G_OBJECT (row), "name", g_strdup (name), g_free);
  g_object_set_data_full (G_OBJECT (row), "view", g_strdup (view_name), g_free);
  g_object_set_data_full (G_OBJECT (row), "terms", g_strdup (terms), g_free);
  g_object_set_data (G_OBJECT (row), "count", count);

  /* The count is the list's own: it follows the cache as the list does. */
  shou_request_list_set_view (list, view_from_name (view_name));
  shou_request_list_set_shop_id (list, shou_sidebar_get_shop_id (self->sidebar));
  shou_request_list_set_filter (list, filter);
  g_signal_connect_object (list, "notify::n-items", G_CALLBACK (update_count), count, 0);
  update_count (list, NULL, GTK_LABEL (count));
  g_ptr_array_add (self->lists, list);
  return row;
}

static void
reload (ShouSavedViews *self)
{
  g_autoptr(GVariant) views = g_settings_get_value (self->settings, "saved-views");
  GtkWidget *child;
  GVariantIter iter;
  const char *name, *view_name, *terms;
  guint n = 0;

  while ((child = gtk_widget_get_first_child (self->list_box)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->list_box), child);
  g_ptr_array_set_size (self->lists, 0);
  g_variant_iter_init (&iter, views);
  while (n < MAX_SAVED_VIEWS && g_variant_iter_next (&iter, "(&s&s&s)", &name, &view_name, &terms))
    {
      gtk_list_box_append (GTK_LIST_BOX (self->list_box), new_row (self, name, view_name, terms));
      n++;
    }
  gtk_widget_set_visible (GTK_WIDGET (self), n > 0);
}

static void
on_shop_changed_cb (ShouSavedViews *self)
{
  const char *shop = shou_sidebar_get_shop_id (self->sidebar);

  for (guint i = 0; i < self->lists->len; i++)
    shou_request_list_set_shop_id (self->lists->pdata[i], shop);
}

static void
on_row_activated_cb (GtkListBox     *box,
                     GtkListBoxRow  *row,
                     ShouSavedViews *self)
{
  g_signal_emit (self, signals[ACTIVATED], 0,
                 g_object_get_data (G_OBJECT (row), "view"),
                 g_object_get_data (G_OBJECT (row), "terms"));
}

void
shou_saved_views_save (ShouSavedViews *self,
                       const char     *name,
                       const char     *view_name,
                       const char     *terms)
{
  GVariantBuilder builder;

  g_return_if_fail (SHOU_IS_SAVED_VIEWS (self));
  g_return_if_fail (name != NULL && *name != '\0');

  views_except (self, name, &builder);
  g_variant_builder_add (&builder, "(sss)", name, view_name ? view_name : "", terms ? terms : "");
  g_settings_set_value (self->settings, "saved-views", g_variant_builder_end (&builder));
}

typedef struct
{
  ShouSavedViews *self;
  GtkWidget      *entry;
  char           *view_name;
  char           *terms;
} SaveAsk;

static void
save_ask_free (gpointer data)
{
  SaveAsk *ask = data;

  g_object_unref (ask->self);
  g_free (ask->view_name);
  g_free (ask->terms);
  g_free (ask);
}

static void
on_save_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     SaveAsk          *ask)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (ask->entry))));

  if (g_str_equal (response, "save") && *name != '\0')
    shou_saved_views_save (ask->self, name, ask->view_name, ask->terms);
}

static void
on_name_changed_cb (GtkEditable      *entry,
                    AdwMessageDialog *dialog)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "save", *name != '\0');
}

void
shou_saved_views_ask_save (ShouSavedViews *self,
                           const char     *terms)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;
  SaveAsk *ask = g_new0 (SaveAsk, 1);

  g_return_if_fail (SHOU_IS_SAVED_VIEWS (self));

  /* Translators: the heading of the dialog that names a saved view */
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, _("Save as View"),
                                   _("The view appears in the sidebar with its count. It keeps the filters, not the search."));
  ask->self = g_object_ref (self);
  ask->view_name = g_strdup (shou_sidebar_get_view_name (self->sidebar));
  ask->terms = g_strdup (terms);
  ask->entry = gtk_entry_new ();
  /* Translators: placeholder of a saved view's name */
  gtk_entry_set_placeholder_text (GTK_ENTRY (ask->entry), _("Name"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (ask->entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Name"), -1);
  gtk_entry_set_activates_default (GTK_ENTRY (ask->entry), TRUE);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), ask->entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    /* Translators: saves a view */
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "save", FALSE);
  g_signal_connect (ask->entry, "changed", G_CALLBACK (on_name_changed_cb), dialog);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_save_response_cb), ask,
                         (GClosureNotify) (void (*) (void)) save_ask_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (ask->entry);
}

int
shou_saved_views_get_count (ShouSavedViews *self,
                            const char     *name)
{
  g_return_val_if_fail (SHOU_IS_SAVED_VIEWS (self), -1);

  for (GtkWidget *row = gtk_widget_get_first_child (self->list_box); row; row = gtk_widget_get_next_sibling (row))
    if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "name"), name) == 0)
      return (int) g_ascii_strtoll (gtk_label_get_text (g_object_get_data (G_OBJECT (row), "count")), NULL, 10);
  return -1;
}

static void
shou_saved_views_dispose (GObject *object)
{
  ShouSavedViews *self = SHOU_SAVED_VIEWS (object);

  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_pointer (&self->lists, g_ptr_array_unref);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (shou_saved_views_parent_class)->dispose (object);
}

static void
shou_saved_views_class_init (ShouSavedViewsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = shou_saved_views_dispose;
  signals[ACTIVATED] =
    g_signal_new ("activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
shou_saved_views_init (ShouSavedViews *self)
{
  GtkWidget *heading;

  self->lists = g_ptr_array_new_with_free_func (g_object_unref);
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
  /* Translators: the sidebar's heading over the seller's saved views */
  heading = gtk_label_new (_("Saved Views"));
  gtk_label_set_xalign (GTK_LABEL (heading), 0.0f);
  gtk_widget_add_css_class (heading, "heading");
  gtk_widget_add_css_class (heading, "dim-label");
  gtk_widget_set_margin_start (heading, 12);
  gtk_widget_set_margin_top (heading, 6);
  gtk_box_append (GTK_BOX (self->box), heading);
  self->list_box = gtk_list_box_new ();
  gtk_widget_add_css_class (self->list_box, "navigation-sidebar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list_box), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Saved Views"), -1);
  g_signal_connect (self->list_box, "row-activated", G_CALLBACK (on_row_activated_cb), self);
  gtk_box_append (GTK_BOX (self->box), self->list_box);
}

GtkWidget *
shou_saved_views_new (ShouStore   *store,
                      ShouSidebar *sidebar,
                      GSettings   *settings)
{
  ShouSavedViews *self;

  g_return_val_if_fail (SHOU_IS_STORE (store), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (SHOU_TYPE_SAVED_VIEWS, NULL);
  self->store = g_object_ref (store);
  self->sidebar = sidebar;
  self->settings = g_object_ref (settings);
  g_signal_connect_swapped (settings, "changed::saved-views", G_CALLBACK (reload), self);
  g_signal_connect_object (sidebar, "notify::shop-id", G_CALLBACK (on_shop_changed_cb), self, G_CONNECT_SWAPPED);
  reload (self);
  return GTK_WIDGET (self);
}
