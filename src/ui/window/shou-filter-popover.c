/* shou-filter-popover.c: see shou-filter-popover.h. */
#include "config.h"

#include <glib/gi18n.h>

#include "core/shou-money.h"
#include "core/shou-reason-text.h"
#include "core/shou-types.h"
#include "shou-filter-popover.h"

/* The deadline choices: hours, "" for none, "0" for overdue. */
static const struct { const char *hours; const char *label; } due_choices[] = {
  /* Translators: the queue's deadline filter: no condition */
  { "",   N_("Any") },
  /* Translators: the queue's deadline filter */
  { "0",  N_("Overdue") },
  /* Translators: the queue's deadline filter: the seller's deadline is within 2 hours */
  { "2",  N_("Within 2 hours") },
  /* Translators: the queue's deadline filter */
  { "24", N_("Within 24 hours") },
};

typedef struct
{
  ShouStore           *store;
  ShouFilterApplyFunc  apply;
  gpointer             user_data;
  GtkDropDown         *drops[SHOU_N_FILTERS];   /* platform, shop, type, status, reason, due */
  GPtrArray           *codes[SHOU_N_FILTERS];   /* of char *, per choice; "" = any */
  GtkEntry            *sku;
  GtkEntry            *tag;
  GtkEntry            *min;
  GtkEntry            *max;
  char                *buyer;   /* the buyer filter (from a row's menu), kept */
} Form;

static void
form_free (gpointer data)
{
  Form *form = data;

  for (guint i = 0; i < SHOU_N_FILTERS; i++)
    g_clear_pointer (&form->codes[i], g_ptr_array_unref);
  g_clear_object (&form->store);
  g_free (form->buyer);
  g_free (form);
}

char *
shou_filter_term_label (ShouStore      *store,
                        ShouFilterKind  kind,
                        const char     *value)
{
  ShouPlatform platform;
  ShouRequestType type;
  ShouRequestStatus status;
  gint64 fen;

  switch (kind)
    {
    case SHOU_FILTER_PLATFORM:
      /* Translators: a filter chip: the platform ("平台：淘宝") */
      return g_strdup_printf (_("Platform: %s"), shou_platform_from_string (value, &platform)
                                                   ? shou_platform_get_label (platform) : value);
    case SHOU_FILTER_SHOP:
      {
        g_autoptr(GPtrArray) shops = shou_store_list_shops (store);
        const char *name = NULL;

        for (guint i = 0; i < shops->len && name == NULL; i++)
          if (g_strcmp0 (json_object_get_string_member_with_default (shops->pdata[i], "key", NULL), value) == 0)
            name = json_object_get_string_member_with_default (shops->pdata[i], "name", NULL);
        /* Translators: a filter chip: the shop */
        return g_strdup_printf (_("Shop: %s"), name ? name : _("Unknown shop"));
      }
    case SHOU_FILTER_TYPE:
      /* Translators: a filter chip: the request type ("类型：仅退款") */
      return g_strdup_printf (_("Type: %s"), shou_request_type_from_string (value, &type)
                                               ? shou_request_type_get_label (type) : value);
    case SHOU_FILTER_STATUS:
      /* Translators: a filter chip: the request's status ("状态：待商家处理") */
      return g_strdup_printf (_("Status: %s"), shou_status_from_string (value, &status)
                                                 ? shou_status_get_label (status) : value);
    case SHOU_FILTER_REASON:
      /* Translators: a filter chip: the buyer's reason */
      return g_strdup_printf (_("Reason: %s"), shou_buyer_reason_get_label (value)
                                                 ? shou_buyer_reason_get_label (value) : _("Other reason"));
    case SHOU_FILTER_SKU:
      /* Translators: a filter chip: the goods' SKU */
      return g_strdup_printf (_("SKU: %s"), value);
    case SHOU_FILTER_TAG:
      /* Translators: a filter chip: the merchant's tag ("标签：加急") */
      return g_strdup_printf (_("Tag: %s"), value);
    case SHOU_FILTER_BUYER:
      {
        g_autofree char *nick = shou_store_get_buyer_nick (store, value);

        /* Translators: a filter chip: the buyer's nick ("买家：小明") */
        return g_strdup_printf (_("Buyer: %s"), nick);
      }
    case SHOU_FILTER_MIN_FEN:
    case SHOU_FILTER_MAX_FEN:
      {
        g_autofree char *money = NULL;

        fen = g_ascii_strtoll (value, NULL, 10);
        money = shou_money_format (fen);
        /* Translators: a filter chip: amount at least / at most */
        return g_strdup_printf (kind == SHOU_FILTER_MIN_FEN ? _("Amount ≥ %s") : _("Amount ≤ %s"), money);
      }
    case SHOU_FILTER_DUE:
      for (guint i = 1; i < G_N_ELEMENTS (due_choices); i++)
        if (g_str_equal (due_choices[i].hours, value))
          /* Translators: a filter chip: the seller's deadline ("截止：2 小时内") */
          return g_strdup_printf (_("Deadline: %s"), _(due_choices[i].label));
      {
        int hours = (int) MIN (g_ascii_strtoll (value, NULL, 10), G_MAXINT);

        /* Translators: a filter chip: the seller's deadline within N hours */
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Deadline: within %d hour",
                                             "Deadline: within %d hours", (gulong) hours), hours);
      }
    case SHOU_N_FILTERS:
    default:
      return g_strdup (value);
    }
}

static GtkWidget *
add_row (GtkGrid    *grid,
         int         row,
         const char *mnemonic,
         GtkWidget  *widget,
         int         width)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (mnemonic);

  gtk_label_set_xalign (GTK_LABEL (label), 1.0f);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), widget);
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  gtk_label_get_text (GTK_LABEL (label)), -1);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_grid_attach (grid, label, 0, row, 1, 1);
  gtk_grid_attach (grid, widget, 1, row, width, 1);
  return widget;
}

/* A drop-down of @labels whose first choice (any) has the code "". */
static void
add_choices (Form           *form,
             GtkGrid        *grid,
             int             row,
             const char     *mnemonic,
             ShouFilterKind  kind,
             GPtrArray      *codes,
             GPtrArray      *labels)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  for (guint i = 0; i < labels->len; i++)
    gtk_string_list_append (list, labels->pdata[i]);
  form->codes[kind] = g_ptr_array_ref (codes);
  form->drops[kind] = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (list), NULL));
  add_row (grid, row, mnemonic, GTK_WIDGET (form->drops[kind]), 3);
}

static void
fill_shops (Form *form)
{
  g_autoptr(GPtrArray) shops = shou_store_list_shops (form->store);
  GtkStringList *labels = gtk_string_list_new (NULL);

  g_ptr_array_set_size (form->codes[SHOU_FILTER_SHOP], 0);
  g_ptr_array_add (form->codes[SHOU_FILTER_SHOP], g_strdup (""));
  /* Translators: the queue's shop filter: no condition */
  gtk_string_list_append (labels, _("Any"));
  for (guint i = 0; i < shops->len; i++)
    {
      const char *key = json_object_get_string_member_with_default (shops->pdata[i], "key", NULL);
      const char *name = json_object_get_string_member_with_default (shops->pdata[i], "name", NULL);

      if (key == NULL)
        continue;
      g_ptr_array_add (form->codes[SHOU_FILTER_SHOP], g_strdup (key));
      gtk_string_list_append (labels, name ? name : key);
    }
  gtk_drop_down_set_model (form->drops[SHOU_FILTER_SHOP], G_LIST_MODEL (labels));
  g_object_unref (labels);
}

static void
select_code (Form                    *form,
             const ShouRequestFilter *filter,
             ShouFilterKind           kind)
{
  const char *value = filter ? shou_request_filter_get (filter, kind) : NULL;
  guint pos = 0;

  for (guint i = 0; value != NULL && i < form->codes[kind]->len; i++)
    if (g_str_equal (form->codes[kind]->pdata[i], value))
      pos = i;
  gtk_drop_down_set_selected (form->drops[kind], pos);
}

static void
set_money (GtkEntry   *entry,
           const char *fen)
{
  g_autofree char *text = fen ? shou_money_format_plain (g_ascii_strtoll (fen, NULL, 10)) : NULL;

  gtk_editable_set_text (GTK_EDITABLE (entry), text ? text : "");
  gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
}

void
shou_filter_popover_load (GtkWidget               *popover,
                          const ShouRequestFilter *filter)
{
  Form *form = g_object_get_data (G_OBJECT (popover), "shou-filter-form");
  const char *sku = filter ? shou_request_filter_get (filter, SHOU_FILTER_SKU) : NULL;

  g_return_if_fail (form != NULL);

  fill_shops (form);
  select_code (form, filter, SHOU_FILTER_PLATFORM);
  select_code (form, filter, SHOU_FILTER_SHOP);
  select_code (form, filter, SHOU_FILTER_TYPE);
  select_code (form, filter, SHOU_FILTER_STATUS);
  select_code (form, filter, SHOU_FILTER_REASON);
  select_code (form, filter, SHOU_FILTER_DUE);
  gtk_editable_set_text (GTK_EDITABLE (form->sku), sku ? sku : "");
  gtk_editable_set_text (GTK_EDITABLE (form->tag),
                         filter && shou_request_filter_get (filter, SHOU_FILTER_TAG)
                         ? shou_request_filter_get (filter, SHOU_FILTER_TAG) : "");
  set_money (form->min, filter ? shou_request_filter_get (filter, SHOU_FILTER_MIN_FEN) : NULL);
  set_money (form->max, filter ? shou_request_filter_get (filter, SHOU_FILTER_MAX_FEN) : NULL);
  /* The form has no field for it: applying the form keeps it. */
  g_free (form->buyer);
  form->buyer = g_strdup (filter ? shou_request_filter_get (filter, SHOU_FILTER_BUYER) : NULL);
}

/* An amount in yuan to fen as text ("" when empty); FALSE, marking the
 * entry, when it is not an amount. */
static gboolean
read_money (GtkEntry  *entry,
            char     **fen)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
  gint64 value;

  gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  *fen = NULL;
  if (*text == '\0')
    return TRUE;
  if (!shou_money_parse (text, &value, NULL))
    {
      gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
      return FALSE;
    }
  *fen = g_strdup_printf ("%" G_GINT64_FORMAT, value);
  return TRUE;
}

static void
on_apply_clicked_cb (GtkWidget *popover)
{
  Form *form = g_object_get_data (G_OBJECT (popover), "shou-filter-form");
  g_autoptr(ShouRequestFilter) filter = shou_request_filter_new ();
  static const ShouFilterKind drops[] = {
    SHOU_FILTER_PLATFORM, SHOU_FILTER_SHOP, SHOU_FILTER_TYPE, SHOU_FILTER_STATUS, SHOU_FILTER_REASON,
    SHOU_FILTER_DUE,
  };
  g_autofree char *min = NULL;
  g_autofree char *max = NULL;
  g_autofree char *sku = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (form->sku))));
  g_autofree char *tag = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (form->tag))));
  gboolean ok_min = read_money (form->min, &min);
  gboolean ok_max = read_money (form->max, &max);

  if (!ok_min || !ok_max)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (drops); i++)
    {
      guint pos = gtk_drop_down_get_selected (form->drops[drops[i]]);

      if (pos < form->codes[drops[i]]->len)
        shou_request_filter_set (filter, drops[i], form->codes[drops[i]]->pdata[pos]);
    }
  shou_request_filter_set (filter, SHOU_FILTER_SKU, sku);
  shou_request_filter_set (filter, SHOU_FILTER_TAG, tag);
  shou_request_filter_set (filter, SHOU_FILTER_BUYER, form->buyer);
  shou_request_filter_set (filter, SHOU_FILTER_MIN_FEN, min);
  shou_request_filter_set (filter, SHOU_FILTER_MAX_FEN, max);
  gtk_popover_popdown (GTK_POPOVER (popover));
  form->apply (filter, form->user_data);
}

static GtkEntry *
money_entry (const char *placeholder)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
  gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_NUMBER);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), 8);
  return GTK_ENTRY (entry);
}

GtkWidget *
shou_filter_popover_new (ShouStore           *store,
                         ShouFilterApplyFunc  apply,
                         gpointer             user_data)
{
  GtkWidget *popover = gtk_popover_new ();
  GtkGrid *grid = GTK_GRID (gtk_grid_new ());
  Form *form = g_new0 (Form, 1);
  g_autoptr(GPtrArray) codes = NULL;
  g_autoptr(GPtrArray) labels = NULL;
  const char * const *reasons = shou_buyer_reason_codes ();
  GtkWidget *button, *dash, *yuan;

  form->store = g_object_ref (store);
  form->apply = apply;
  form->user_data = user_data;
  g_object_set_data_full (G_OBJECT (popover), "shou-filter-form", form, form_free);
  gtk_grid_set_row_spacing (grid, 6);
  gtk_grid_set_column_spacing (grid, 6);
  gtk_widget_set_margin_start (GTK_WIDGET (grid), 6);
  gtk_widget_set_margin_end (GTK_WIDGET (grid), 6);
  gtk_widget_set_margin_top (GTK_WIDGET (grid), 6);
  gtk_widget_set_margin_bottom (GTK_WIDGET (grid), 6);
  gtk_popover_set_child (GTK_POPOVER (popover), GTK_WIDGET (grid));

#define START_CHOICES() G_STMT_START { \
  g_clear_pointer (&codes, g_ptr_array_unref); \
  g_clear_pointer (&labels, g_ptr_array_unref); \
  codes = g_ptr_array_new_with_free_func (g_free); \
  labels = g_ptr_array_new (); \
  g_ptr_array_add (codes, g_strdup ("")); \
  g_ptr_array_add (labels, (gpointer) _("Any")); \
} G_STMT_END

  START_CHOICES ();
  for (ShouPlatform p = 0; p < SHOU_N_PLATFORMS; p++)
    {
      g_ptr_array_add (codes, g_strdup (shou_platform_to_string (p)));
      g_ptr_array_add (labels, (gpointer) shou_platform_get_label (p));
    }
  /* Translators: a field of the queue's filter form */
  add_choices (form, grid, 0, _("_Platform"), SHOU_FILTER_PLATFORM, codes, labels);
  START_CHOICES ();
  /* Translators: a field of the queue's filter form */
  add_choices (form, grid, 1, _("S_hop"), SHOU_FILTER_SHOP, codes, labels);
  START_CHOICES ();
  for (ShouRequestType t = 0; t < SHOU_N_REQUEST_TYPES; t++)
    {
      g_ptr_array_add (codes, g_strdup (shou_request_type_to_string (t)));
      g_ptr_array_add (labels, (gpointer) shou_request_type_get_label (t));
    }
  /* Translators: a field of the queue's filter form: the request type */
  add_choices (form, grid, 2, _("_Type"), SHOU_FILTER_TYPE, codes, labels);
  START_CHOICES ();
  for (ShouRequestStatus st = 0; st < SHOU_N_STATUSES; st++)
    {
      g_ptr_array_add (codes, g_strdup (shou_status_to_string (st)));
      g_ptr_array_add (labels, (gpointer) shou_status_get_label (st));
    }
  /* Translators: a field of the queue's filter form: the request's status */
  add_choices (form, grid, 3, _("Stat_us"), SHOU_FILTER_STATUS, codes, labels);
  START_CHOICES ();
  for (guint i = 0; reasons[i] != NULL; i++)
    {
      g_ptr_array_add (codes, g_strdup (reasons[i]));
      g_ptr_array_add (labels, (gpointer) shou_buyer_reason_get_label (reasons[i]));
    }
  /* Translators: a field of the queue's filter form: the buyer's reason */
  add_choices (form, grid, 4, _("_Reason"), SHOU_FILTER_REASON, codes, labels);
  START_CHOICES ();
  for (guint i = 1; i < G_N_ELEMENTS (due_choices); i++)
    {
      g_ptr_array_add (codes, g_strdup (due_choices[i].hours));
      g_ptr_array_add (labels, (gpointer) _(due_choices[i].label));
    }
  /* Translators: a field of the queue's filter form: the seller's deadline */
  add_choices (form, grid, 5, _("_Deadline"), SHOU_FILTER_DUE, codes, labels);
#undef START_CHOICES

  form->sku = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_activates_default (form->sku, TRUE);
  /* Translators: a field of the queue's filter form */
  add_row (grid, 6, _("_SKU"), GTK_WIDGET (form->sku), 3);
  form->tag = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_activates_default (form->tag, TRUE);
  /* Translators: a field of the queue's filter form: the merchant's own tag */
  add_row (grid, 7, _("Ta_g"), GTK_WIDGET (form->tag), 3);

  /* Translators: placeholder of the filter form's lowest amount, in yuan */
  form->min = money_entry (_("From"));
  /* Translators: placeholder of the filter form's highest amount, in yuan */
  form->max = money_entry (_("To"));
  /* Translators: a field of the queue's filter form: the amount range */
  add_row (grid, 8, _("A_mount"), GTK_WIDGET (form->min), 1);
  dash = gtk_label_new ("–");
  gtk_grid_attach (grid, dash, 2, 8, 1, 1);
  gtk_grid_attach (grid, GTK_WIDGET (form->max), 3, 8, 1, 1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (form->max), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  /* Translators: the accessible name of the highest amount */
                                  _("Amount at most"), -1);
  /* Translators: under the amount range: the unit */
  yuan = gtk_label_new (_("In yuan, for example 12.50"));
  gtk_widget_add_css_class (yuan, "dim-label");
  gtk_widget_add_css_class (yuan, "caption");
  gtk_label_set_xalign (GTK_LABEL (yuan), 0.0f);
  gtk_grid_attach (grid, yuan, 1, 9, 3, 1);

  /* Translators: the filter form's button */
  button = gtk_button_new_with_mnemonic (_("_Apply Filters"));
  gtk_widget_add_css_class (button, "suggested-action");
  gtk_widget_set_halign (button, GTK_ALIGN_END);
  gtk_grid_attach (grid, button, 0, 10, 4, 1);
  gtk_popover_set_default_widget (GTK_POPOVER (popover), button);
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_apply_clicked_cb), popover);

  return popover;
}
