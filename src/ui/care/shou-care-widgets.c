/* shou-care-widgets.c: the care tabs' shared pieces (shou-care-widgets.h). */
#include "config.h"

#include "shou-care-widgets.h"

GtkBox *
shou_care_scaffold (GtkWidget   *page,
                    const char  *title,
                    GtkWidget   *button,
                    GtkWidget  **scroller,
                    GtkLabel   **summary)
{
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *titles = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *heading = gtk_label_new (title);

  gtk_accessible_update_property (GTK_ACCESSIBLE (page), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  *scroller = gtk_scrolled_window_new ();
  gtk_widget_set_parent (*scroller, page);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (*scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 1000);
  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 18);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  gtk_label_set_xalign (GTK_LABEL (heading), 0.0f);
  gtk_widget_add_css_class (heading, "title-2");
  gtk_box_append (GTK_BOX (titles), heading);
  *summary = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (*summary, 0.0f);
  gtk_widget_add_css_class (GTK_WIDGET (*summary), "dim-label");
  gtk_box_append (GTK_BOX (titles), GTK_WIDGET (*summary));
  gtk_widget_set_hexpand (titles, TRUE);
  gtk_box_append (GTK_BOX (header), titles);
  if (button != NULL)
    {
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "suggested-action");
      gtk_box_append (GTK_BOX (header), button);
    }
  gtk_box_append (GTK_BOX (box), header);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (*scroller), clamp);
  return GTK_BOX (box);
}

GtkListBox *
shou_care_section (GtkBox     *box,
                   const char *title,
                   const char *empty)
{
  GtkWidget *label = gtk_label_new (title);
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *placeholder = gtk_label_new (empty);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_set_margin_top (label, 12);
  gtk_box_append (box, label);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 12);
  gtk_widget_set_margin_bottom (placeholder, 12);
  gtk_list_box_set_placeholder (GTK_LIST_BOX (list), placeholder);
  gtk_box_append (box, list);
  return GTK_LIST_BOX (list);
}

void
shou_care_clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

GtkWidget *
shou_care_plain_label (const char *text,
                       const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_use_markup (GTK_LABEL (label), FALSE);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

GtkWidget *
shou_care_record_row (const char  *title,
                      const char  *text,
                      const char  *state,
                      const char  *conflict,
                      const char  *css_class,
                      GtkWidget  **buttons)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *state_label = shou_care_plain_label (conflict ? conflict : state, "caption");

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_margin_top (box, 10);
  gtk_widget_set_margin_bottom (box, 10);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_box_append (GTK_BOX (box), shou_care_plain_label (title, "heading"));
  gtk_box_append (GTK_BOX (box), shou_care_plain_label (text, NULL));
  gtk_widget_add_css_class (state_label, conflict ? "error" : css_class ? css_class : "dim-label");
  gtk_box_append (GTK_BOX (box), state_label);
  *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_box_append (GTK_BOX (box), *buttons);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  return row;
}

void
shou_care_step_button (GtkWidget  *buttons,
                       const char *key,
                       const char *step,
                       const char *label,
                       char       *name,
                       GCallback   clicked,
                       gpointer    data)
{
  GtkWidget *button = gtk_button_new_with_label (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_object_set_data_full (G_OBJECT (button), "shou-key", g_strdup (key), g_free);
  g_object_set_data (G_OBJECT (button), "shou-step", (gpointer) step);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  g_free (name);
  g_signal_connect (button, "clicked", clicked, data);
  gtk_box_append (GTK_BOX (buttons), button);
}

typedef struct
{
  GtkWidget      *page;
  ShouCareReload  reload;
  guint           reload_id;
  guint           tick_id;
} Watch;

static void
watch_free (gpointer data)
{
  Watch *w = data;

  g_clear_handle_id (&w->reload_id, g_source_remove);
  g_clear_handle_id (&w->tick_id, g_source_remove);
  g_free (w);
}

static gboolean
watch_idle_cb (gpointer data)
{
  Watch *w = data;

  w->reload_id = 0;
  w->reload (w->page);
  return G_SOURCE_REMOVE;
}

static void
watch_changed_cb (Watch *w)
{
  if (w->reload_id == 0 && gtk_widget_get_mapped (w->page))
    w->reload_id = g_idle_add (watch_idle_cb, w);
}

static void
watch_store_changed_cb (GtkWidget *page)
{
  Watch *w = g_object_get_data (G_OBJECT (page), "shou-care-watch");

  if (w != NULL)
    watch_changed_cb (w);
}

static gboolean
watch_tick_cb (gpointer data)
{
  watch_changed_cb (data);
  return G_SOURCE_CONTINUE;
}

static void
watch_map_cb (GtkWidget *page,
              Watch     *w)
{
  g_clear_handle_id (&w->reload_id, g_source_remove);
  w->reload (page);
  if (w->tick_id == 0)
    w->tick_id = g_timeout_add_seconds (60, watch_tick_cb, w);
}

static void
watch_unmap_cb (GtkWidget *page,
                Watch     *w)
{
  g_clear_handle_id (&w->tick_id, g_source_remove);
}

void
shou_care_watch (GtkWidget      *page,
                 ShouStore      *store,
                 ShouCareReload  reload)
{
  Watch *w = g_new0 (Watch, 1);

  w->page = page;
  w->reload = reload;
  /* Freed with the page: its sources go first. */
  g_object_set_data_full (G_OBJECT (page), "shou-care-watch", w, watch_free);
  g_signal_connect (page, "map", G_CALLBACK (watch_map_cb), w);
  g_signal_connect (page, "unmap", G_CALLBACK (watch_unmap_cb), w);
  g_signal_connect_object (store, "changed", G_CALLBACK (watch_store_changed_cb), page, G_CONNECT_SWAPPED);
}

gint64
shou_care_now (ShouStore *store)
{
  g_autoptr(GPtrArray) accounts = shou_store_list_accounts (store);
  gint64 offset = 0;

  if (accounts != NULL && accounts->len > 0)
    offset = shou_store_get_clock_offset (store, json_object_get_string_member_with_default (accounts->pdata[0],
                                                                                            "id", NULL));
  return g_get_real_time () + offset;
}
