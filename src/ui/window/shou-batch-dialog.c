/* shou-batch-dialog.c
 *
 * Copyright 2026 The Shouhou authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ui/evidence/shou-address-picker.h"
#include "ui/shou-ui-util.h"
#include "shou-batch-dialog.h"

/* How often the progress dialog reads its entries' states. */
#define POLL_INTERVAL_MS 200

typedef struct
{
  ShouStore        *store;
  GPtrArray        *items;      /* of ShouBatchItem */
  ShouAction        action;
  JsonObject       *params;
  char             *shop_id;    /* agree return: the address's shop */
  GtkWidget        *picker;
  GtkWidget        *message;
  GtkWidget        *progress;
  GtkWidget        *status;
  GtkWidget        *report;
  guint             poll_id;
  GWeakRef          owner;
  void            (*queued) (gpointer owner);
} Batch;

static AdwMessageDialog *current;

static void
batch_free (Batch *batch)
{
  g_clear_handle_id (&batch->poll_id, g_source_remove);
  g_clear_object (&batch->store);
  g_clear_pointer (&batch->items, g_ptr_array_unref);
  g_clear_pointer (&batch->params, json_object_unref);
  g_free (batch->shop_id);
  g_weak_ref_clear (&batch->owner);
  g_free (batch);
}

static Batch *
batch_new (ShouStore  *store,
           ShouAction  action)
{
  Batch *batch = g_new0 (Batch, 1);

  batch->store = g_object_ref (store);
  batch->action = action;
  g_weak_ref_init (&batch->owner, NULL);
  return batch;
}

static void
on_dialog_destroy_cb (AdwMessageDialog *dialog)
{
  if (current == dialog)
    current = NULL;
}

static void
set_current (AdwMessageDialog *dialog,
             Batch            *batch)
{
  g_object_set_data_full (G_OBJECT (dialog), "shou-batch", batch, (GDestroyNotify) batch_free);
  g_signal_connect (dialog, "destroy", G_CALLBACK (on_dialog_destroy_cb), NULL);
  current = dialog;
}

/* "2026120512345 · ¥12.30 — reason": order numbers are the seller's
 * handle on a request; the text is never markup. */
static GtkWidget *
item_row (const ShouBatchItem *item,
          const char          *outcome)
{
  g_autofree char *amount = shou_money_format (item->amount_fen);
  g_autofree char *text = g_strdup_printf ("%s · %s — %s", item->order_no ? item->order_no : item->request_id,
                                           amount, outcome);
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_margin_top (label, 4);
  gtk_widget_set_margin_bottom (label, 4);
  gtk_widget_set_margin_start (label, 8);
  gtk_widget_set_margin_end (label, 8);
  return label;
}

static GtkWidget *
list_new (const char *accessible_name,
          GtkWidget **list_out)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_name, -1);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 240);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), list);
  *list_out = list;
  return scroller;
}

/* ---- progress and report ---------------------------------------------- */

static void start_batch (GtkWindow *parent, Batch *batch);

static void
fill_report (Batch *batch)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (batch->report)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (batch->report), child);
  /* The failures first: they are what the seller acts on. */
  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < batch->items->len; i++)
      {
        ShouBatchItem *item = batch->items->pdata[i];

        if (pass == 0 && item->state == SHOU_BATCH_FAILED)
          gtk_list_box_append (GTK_LIST_BOX (batch->report), item_row (item, item->reason));
        else if (pass == 1 && item->state == SHOU_BATCH_DONE)
          /* Translators: in the batch report, an action the server took (not
           * the request's status: a reply or a negotiation round too) */
          gtk_list_box_append (GTK_LIST_BOX (batch->report), item_row (item, C_("batch report", "Done")));
      }
  gtk_widget_set_visible (gtk_widget_get_parent (gtk_widget_get_parent (batch->report)), TRUE);
}

static gboolean
on_poll_cb (gpointer user_data)
{
  AdwMessageDialog *dialog = user_data;
  Batch *batch = g_object_get_data (G_OBJECT (dialog), "shou-batch");
  gboolean finished = shou_store_batch_refresh (batch->store, batch->items);
  guint done = shou_batch_count (batch->items, SHOU_BATCH_DONE);
  guint failed = shou_batch_count (batch->items, SHOU_BATCH_FAILED);
  guint total = batch->items->len;
  g_autofree char *status = NULL;
  g_autofree char *heading = NULL;

  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (batch->progress),
                                 total > 0 ? (double) (done + failed) / total : 1.0);
  /* Translators: progress of a batch: done, failed and all of them */
  status = g_strdup_printf (_("%u done, %u failed, of %u"), done, failed, total);
  gtk_label_set_text (GTK_LABEL (batch->status), status);
  gtk_accessible_update_property (GTK_ACCESSIBLE (batch->progress), GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, status, -1);
  if (!finished)
    return G_SOURCE_CONTINUE;

  batch->poll_id = 0;
  gtk_widget_set_visible (batch->progress, FALSE);
  heading = failed > 0 ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Request Failed",
                                                       "%u Requests Failed", failed), failed)
                       : g_strdup (_("Batch Done"));
  adw_message_dialog_set_heading (dialog, heading);
  adw_message_dialog_set_body (dialog, "");
  adw_message_dialog_set_response_enabled (dialog, SHOU_BATCH_RESPONSE_RETRY, failed > 0);
  if (failed > 0)
    adw_message_dialog_set_default_response (dialog, SHOU_BATCH_RESPONSE_RETRY);
  fill_report (batch);
  return G_SOURCE_REMOVE;
}

static void
on_progress_response_cb (AdwMessageDialog *dialog,
                         const char       *response)
{
  Batch *batch = g_object_get_data (G_OBJECT (dialog), "shou-batch");
  g_autoptr(GPtrArray) failed = NULL;
  Batch *retry;

  if (!g_str_equal (response, SHOU_BATCH_RESPONSE_RETRY))
    return;
  /* Checked again: a request the server refused may be allowed now. */
  failed = shou_batch_request_ids (batch->items, SHOU_BATCH_FAILED);
  retry = batch_new (batch->store, batch->action);
  retry->params = json_object_ref (batch->params);
  retry->shop_id = g_strdup (batch->shop_id);
  retry->items = shou_store_batch_prepare (batch->store, failed, batch->action, batch->shop_id);
  start_batch (gtk_window_get_transient_for (GTK_WINDOW (dialog)), retry);
}

/* Queues the batch's ready items and shows their progress. */
static void
start_batch (GtkWindow *parent,
             Batch     *batch)
{
  AdwMessageDialog *dialog;
  g_autofree char *heading = NULL;
  GtkWidget *box;
  guint queued;

  queued = shou_store_batch_enqueue (batch->store, batch->items, batch->action, batch->params);
  /* Those that could not take part at a retry are failures of this run. */
  for (guint i = 0; i < batch->items->len; i++)
    if (((ShouBatchItem *) batch->items->pdata[i])->state == SHOU_BATCH_EXCLUDED)
      ((ShouBatchItem *) batch->items->pdata[i])->state = SHOU_BATCH_FAILED;

  heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Sending %u Action", "Sending %u Actions", queued),
                             queued);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, heading,
                                                       _("Each request is its own action: they are saved and go one "
                                                         "after another, also after a restart. You may close this.")));
  gtk_widget_set_name (GTK_WIDGET (dialog), "batch-progress");
  adw_message_dialog_add_responses (dialog,
                                    SHOU_BATCH_RESPONSE_CLOSE, _("_Close"),
                                    SHOU_BATCH_RESPONSE_RETRY, _("_Retry Failed"),
                                    NULL);
  adw_message_dialog_set_response_enabled (dialog, SHOU_BATCH_RESPONSE_RETRY, FALSE);
  adw_message_dialog_set_response_appearance (dialog, SHOU_BATCH_RESPONSE_RETRY, ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_close_response (dialog, SHOU_BATCH_RESPONSE_CLOSE);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  batch->progress = gtk_progress_bar_new ();
  gtk_accessible_update_property (GTK_ACCESSIBLE (batch->progress), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Progress"), -1);
  gtk_box_append (GTK_BOX (box), batch->progress);
  batch->status = gtk_label_new (NULL);
  gtk_widget_set_name (batch->status, "batch-status");
  gtk_box_append (GTK_BOX (box), batch->status);
  gtk_box_append (GTK_BOX (box), list_new (_("Report"), &batch->report));
  gtk_widget_set_visible (gtk_widget_get_last_child (box), FALSE);
  adw_message_dialog_set_extra_child (dialog, box);

  set_current (dialog, batch);
  g_signal_connect (dialog, "response", G_CALLBACK (on_progress_response_cb), NULL);
  batch->poll_id = g_timeout_add (POLL_INTERVAL_MS, on_poll_cb, dialog);
  on_poll_cb (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- confirmation ------------------------------------------------------ */

static void
on_confirm_response_cb (AdwMessageDialog *dialog,
                        const char       *response)
{
  Batch *batch = g_object_get_data (G_OBJECT (dialog), "shou-batch");
  Batch *run;
  g_autoptr(GObject) owner = NULL;

  if (!g_str_equal (response, SHOU_BATCH_RESPONSE_OK))
    return;

  /* The confirmation's data goes on with the progress dialog. */
  run = batch_new (batch->store, batch->action);
  run->items = g_steal_pointer (&batch->items);
  run->shop_id = g_strdup (batch->shop_id);
  run->params = json_object_new ();
  if (batch->action == SHOU_ACTION_AGREE_RETURN)
    {
      const char *address_id = shou_address_picker_get_selected_id (SHOU_ADDRESS_PICKER (batch->picker));
      const char *message = gtk_editable_get_text (GTK_EDITABLE (batch->message));

      json_object_set_string_member (run->params, "address_id", address_id ? address_id : "");
      if (message != NULL && *message != '\0')
        json_object_set_string_member (run->params, "message", message);
    }
  start_batch (gtk_window_get_transient_for (GTK_WINDOW (dialog)), run);
  owner = g_weak_ref_get (&batch->owner);
  if (owner != NULL && batch->queued != NULL)
    batch->queued (owner);
}

static const char *
first_ready_shop (GPtrArray *items)
{
  for (guint i = 0; i < items->len; i++)
    if (((ShouBatchItem *) items->pdata[i])->state == SHOU_BATCH_READY)
      return ((ShouBatchItem *) items->pdata[i])->shop_id;
  return NULL;
}

void
shou_batch_confirm (GtkWindow  *parent,
                    ShouStore  *store,
                    GPtrArray  *keys,
                    ShouAction  action,
                    void      (*queued) (gpointer owner),
                    gpointer    owner)
{
  Batch *batch;
  AdwMessageDialog *dialog;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  g_autofree char *total = NULL;
  GtkWidget *box;
  GtkWidget *excluded_list = NULL;
  guint ready, excluded;
  gint64 sum = 0;

  g_return_if_fail (SHOU_IS_STORE (store));
  g_return_if_fail (keys != NULL);
  g_return_if_fail (action == SHOU_ACTION_AGREE_REFUND || action == SHOU_ACTION_AGREE_RETURN);

  batch = batch_new (store, action);
  batch->queued = queued;
  g_weak_ref_set (&batch->owner, owner);
  batch->items = shou_store_batch_prepare (store, keys, action, NULL);
  /* One address is one shop's: the others' requests stay out. */
  if (action == SHOU_ACTION_AGREE_RETURN && first_ready_shop (batch->items) != NULL)
    {
      batch->shop_id = g_strdup (first_ready_shop (batch->items));
      g_ptr_array_unref (batch->items);
      batch->items = shou_store_batch_prepare (store, keys, action, batch->shop_id);
    }
  ready = shou_batch_count (batch->items, SHOU_BATCH_READY);
  excluded = shou_batch_count (batch->items, SHOU_BATCH_EXCLUDED);
  for (guint i = 0; i < batch->items->len; i++)
    if (((ShouBatchItem *) batch->items->pdata[i])->state == SHOU_BATCH_READY)
      sum += ((ShouBatchItem *) batch->items->pdata[i])->amount_fen;
  total = shou_money_format (sum);

  if (action == SHOU_ACTION_AGREE_REFUND)
    heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Agree to Refund %u Request?",
                                            "Agree to Refund %u Requests?", ready), ready);
  else
    heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Agree to the Return of %u Request?",
                                            "Agree to the Return of %u Requests?", ready), ready);
  if (excluded > 0)
    /* Translators: %s is the total amount; the list of those left out follows */
    body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Together %s. %u chosen request cannot take part and is left out:",
                                         "Together %s. %u chosen requests cannot take part and are left out:",
                                         excluded), total, excluded);
  else
    /* Translators: %s is the total amount */
    body = g_strdup_printf (_("Together %s. Every chosen request takes part."), total);

  dialog = shou_ui_confirm_dialog_new (parent, heading, body, SHOU_BATCH_RESPONSE_OK,
                                       action == SHOU_ACTION_AGREE_REFUND ? _("_Agree Refund") : _("_Agree Return"),
                                       SHOU_CONFIRM_SAFE);
  gtk_widget_set_name (GTK_WIDGET (dialog), "batch-confirm");
  adw_message_dialog_set_response_enabled (dialog, SHOU_BATCH_RESPONSE_OK, ready > 0);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  if (excluded > 0)
    {
      gtk_box_append (GTK_BOX (box), list_new (_("Left out"), &excluded_list));
      for (guint i = 0; i < batch->items->len; i++)
        {
          ShouBatchItem *item = batch->items->pdata[i];

          if (item->state == SHOU_BATCH_EXCLUDED)
            gtk_list_box_append (GTK_LIST_BOX (excluded_list), item_row (item, item->reason));
        }
    }
  if (action == SHOU_ACTION_AGREE_RETURN && batch->shop_id != NULL)
    {
      batch->picker = shou_address_picker_new (store, batch->shop_id);
      gtk_box_append (GTK_BOX (box), batch->picker);
      batch->message = gtk_entry_new ();
      gtk_entry_set_placeholder_text (GTK_ENTRY (batch->message), _("Message to the buyer (optional)"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (batch->message),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Message to the buyer"), -1);
      gtk_box_append (GTK_BOX (box), batch->message);
    }
  adw_message_dialog_set_extra_child (dialog, box);

  set_current (dialog, batch);
  g_signal_connect (dialog, "response", G_CALLBACK (on_confirm_response_cb), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
shou_batch_run (GtkWindow  *parent,
                ShouStore  *store,
                GPtrArray  *items,
                ShouAction  action,
                JsonObject *params)
{
  Batch *batch;

  g_return_if_fail (SHOU_IS_STORE (store));
  g_return_if_fail (items != NULL);

  batch = batch_new (store, action);
  batch->items = items;
  batch->params = params ? params : json_object_new ();
  start_batch (parent, batch);
}

GtkWidget *
shou_batch_excluded_list_new (GPtrArray *items)
{
  GtkWidget *scroller;
  GtkWidget *list;

  g_return_val_if_fail (items != NULL, NULL);

  if (shou_batch_count (items, SHOU_BATCH_EXCLUDED) == 0)
    return NULL;
  scroller = list_new (_("Left out"), &list);
  for (guint i = 0; i < items->len; i++)
    {
      ShouBatchItem *item = items->pdata[i];

      if (item->state == SHOU_BATCH_EXCLUDED)
        gtk_list_box_append (GTK_LIST_BOX (list), item_row (item, item->reason));
    }
  return scroller;
}

static void
on_other_destroy_cb (AdwMessageDialog *dialog)
{
  if (current == dialog)
    current = NULL;
}

void
shou_batch_dialog_set_current (AdwMessageDialog *dialog)
{
  g_return_if_fail (ADW_IS_MESSAGE_DIALOG (dialog));

  g_signal_connect (dialog, "destroy", G_CALLBACK (on_other_destroy_cb), NULL);
  current = dialog;
}

AdwMessageDialog *
shou_batch_dialog_get_current (void)
{
  return current;
}

GPtrArray *
shou_batch_dialog_get_items (AdwMessageDialog *dialog)
{
  Batch *batch;

  g_return_val_if_fail (ADW_IS_MESSAGE_DIALOG (dialog), NULL);

  batch = g_object_get_data (G_OBJECT (dialog), "shou-batch");
  return batch ? batch->items : NULL;
}
