/* shou-claim-filter.c: see shou-claim-filter.h. */
#include "config.h"

#include <glib/gi18n.h>

#include "store/shou-store-accounts.h"
#include "shou-claim-filter.h"

static void
on_toggled_cb (GtkToggleButton *button,
               ShouRequestList *list)
{
  if (gtk_toggle_button_get_active (button))
    shou_request_list_set_claim_filter (list, GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button),
                                                                                  "claim-filter")));
}

/* A team exists when one account is a staff member's token. */
static void
update_visible (GtkWidget *box,
                ShouStore *store)
{
  g_autoptr(GPtrArray) accounts = shou_store_list_accounts (store);
  gboolean team = FALSE;

  for (guint i = 0; i < accounts->len && !team; i++)
    {
      g_autoptr(JsonObject) account = shou_store_get_account (store, json_object_get_string_member (accounts->pdata[i],
                                                                                                  "id"));

      team = account != NULL && json_object_get_string_member_with_default (account, "staff_id", NULL) != NULL;
    }
  gtk_widget_set_visible (box, team);
}

GtkWidget *
shou_claim_filter_new (ShouRequestList *list)
{
  static const struct { const char *label; ShouClaimFilter filter; } choices[] = {
    /* Translators: the queue's team filter: every request */
    { N_("All"), SHOU_CLAIM_FILTER_ALL },
    /* Translators: the queue's team filter: requests I handle (我的) */
    { N_("Mine"), SHOU_CLAIM_FILTER_MINE },
    /* Translators: the queue's team filter: requests other staff members handle (他人的) */
    { N_("Others’"), SHOU_CLAIM_FILTER_OTHERS },
  };
  g_autoptr(ShouStore) store = NULL;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *first = NULL;

  gtk_widget_add_css_class (box, "linked");
  gtk_widget_set_halign (box, GTK_ALIGN_START);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  for (guint i = 0; i < G_N_ELEMENTS (choices); i++)
    {
      GtkWidget *button = gtk_toggle_button_new_with_label (_(choices[i].label));

      g_object_set_data (G_OBJECT (button), "claim-filter", GINT_TO_POINTER (choices[i].filter));
      if (first == NULL)
        first = button;
      else
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), GTK_TOGGLE_BUTTON (first));
      g_signal_connect_object (button, "toggled", G_CALLBACK (on_toggled_cb), list, 0);
      gtk_box_append (GTK_BOX (box), button);
    }
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (first), TRUE);

  g_object_get (list, "store", &store, NULL);
  if (store != NULL)
    {
      update_visible (box, store);
      g_signal_connect_object (store, "accounts-changed", G_CALLBACK (update_visible), box, G_CONNECT_SWAPPED);
    }
  return box;
}
