/* shou-negotiation-dialog.c: risk check, two negotiation rounds, rejection */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sync/shou-api-errors.h"
#include "ui/evidence/shou-evidence-picker.h"
#include "shou-negotiation-dialog.h"
#include "shou-negotiation-state.h"
#include "shou-script-editor.h"

struct _ShouNegotiationDialog
{
  AdwWindow               parent_instance;

  ShouStore              *store;
  char                   *request_id;
  JsonObject             *request;
  ShouProfile            *profile;
  ShouPlatform            platform;
  ShouNegoStep            step;
  ShouNegotiationNowFunc  now_func;
  gpointer                now_data;
  GDestroyNotify          now_destroy;
  guint                   tick_id;
  gulong                  changed_id;
  gboolean                risks_seen;
  gboolean                reject_chosen;
  gboolean                phone_revealed;
  gboolean                lapse_sync_requested;
  ShouReason              blocked_reason;
  /* The seller queued an action that ends the flow in this session. */
  ShouAction              final_action;
  gboolean                final_queued;
  /* Script ids inserted per round (1 and 2), for the API's "scripts". */
  GPtrArray              *script_ids[2];
  /* The seller's own script last inserted per round, so "save" can update it. */
  JsonObject             *user_script[2];
  GtkWidget              *picker2;
  GtkWidget              *picker_reject;
  GtkStringList          *proposal_model;
  GtkStringList          *reason_model;

  /* Template widgets */
  AdwWindowTitle         *window_title;
  GtkButton              *agree_button;
  GtkButton              *header_reject_button;
  GtkInfoBar             *conflict_bar;
  GtkLabel               *conflict_label;
  GtkButton              *conflict_dismiss_button;
  GtkInfoBar             *pending_bar;
  GtkLabel               *pending_label;
  AdwToastOverlay        *toast_overlay;
  GtkStack               *stack;
  GtkLabel               *summary_label;
  AdwPreferencesGroup    *risks_group;
  GtkLabel               *plan_label;
  GtkLabel               *risks_problem_label;
  GtkButton              *risks_continue_button;
  GtkLabel               *round1_intro_label;
  GtkListBox             *scripts1_list;
  ShouScriptEditor       *editor1;
  GtkButton              *save_script1_button;
  AdwActionRow           *phone1_row;
  GtkButton              *reveal1_button;
  GtkLabel               *send1_problem_label;
  GtkButton              *send1_button;
  GtkLabel               *wait_heading;
  GtkLabel               *wait_intro_label;
  GtkLabel               *wait_countdown_label;
  GtkLabel               *wait_until_label;
  GtkLabel               *wait_sent_label;
  GtkLabel               *wait_reply_label;
  AdwActionRow           *phone2_row;
  GtkButton              *reveal2_button;
  GtkLabel               *wait_reason_label;
  GtkButton              *wait_reject_button;
  GtkLabel               *round2_intro_label;
  GtkLabel               *round1_summary_label;
  AdwComboRow            *proposal_row;
  AdwEntryRow            *amount_row;
  AdwPreferencesGroup    *scripts2_group;
  GtkListBox             *scripts2_list;
  ShouScriptEditor       *editor2;
  GtkButton              *save_script2_button;
  AdwPreferencesGroup    *evidence2_group;
  GtkBox                 *evidence2_box;
  GtkLabel               *send2_problem_label;
  GtkButton              *send2_button;
  GtkLabel               *reject_intro_label;
  GtkLabel               *nego_summary_label;
  AdwComboRow            *reason_row;
  GtkLabel               *reason_hint_label;
  ShouScriptEditor       *editor_reject;
  AdwPreferencesGroup    *evidence3_group;
  GtkBox                 *evidence3_box;
  GtkLabel               *reject_problem_label;
  GtkButton              *reject_button;
  AdwStatusPage          *done_status;
  GtkButton              *done_close_button;

  GPtrArray              *risk_rows;
};

G_DEFINE_FINAL_TYPE (ShouNegotiationDialog, shou_negotiation_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_REQUEST_ID,
  PROP_STEP,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Round-2 proposals in the order the combo row lists them. */
static const ShouProposal proposals[] = {
  SHOU_PROPOSAL_PARTIAL_REFUND,
  SHOU_PROPOSAL_EXCHANGE,
  SHOU_PROPOSAL_RESEND,
  SHOU_PROPOSAL_REPAIR,
  SHOU_PROPOSAL_COMPENSATION,
};

static void shou_negotiation_dialog_update (ShouNegotiationDialog *self);

/* The window's clock when it gave one: waits are judged on server time,
 * which may differ from this machine's. */
static gint64
get_now (ShouNegotiationDialog *self)
{
  if (self->now_func != NULL)
    return self->now_func (self->now_data);
  return shou_time_now ();
}

static JsonObject *
get_object (JsonObject *object,
            const char *member)
{
  JsonNode *node;

  if (object == NULL || !json_object_has_member (object, member))
    return NULL;
  node = json_object_get_member (object, member);
  return JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static const char *
get_string (JsonObject *object,
            const char *member)
{
  if (object == NULL)
    return NULL;
  return json_object_get_string_member_with_default (object, member, NULL);
}

static void
add_toast (ShouNegotiationDialog *self,
           const char            *text)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

static void
set_problem (GtkLabel   *label,
             const char *text)
{
  gtk_label_set_label (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL && *text != '\0');
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static ShouProposal
get_selected_proposal (ShouNegotiationDialog *self)
{
  guint i = adw_combo_row_get_selected (self->proposal_row);

  return i < G_N_ELEMENTS (proposals) ? proposals[i] : SHOU_PROPOSAL_NONE;
}

static const ShouRejectReason *
get_selected_reason (ShouNegotiationDialog *self)
{
  const ShouRejectReason *reasons;
  guint n_reasons = 0;
  guint i = adw_combo_row_get_selected (self->reason_row);

  if (self->profile == NULL || i == 0 || i == GTK_INVALID_LIST_POSITION)
    return NULL;
  reasons = shou_profile_get_reject_reasons (self->profile, &n_reasons);
  return i - 1 < n_reasons ? &reasons[i - 1] : NULL;
}

/* The seller's own scripts (from the store) may be edited and saved back. */
static gboolean
script_is_users (JsonObject *script)
{
  return json_object_get_boolean_member_with_default (script, "own", FALSE) ||
         json_object_get_boolean_member_with_default (script, "user", FALSE) ||
         g_strcmp0 (get_string (script, "source"), "user") == 0;
}

/* Lists the scripts for the request's reason and @round; round 2 keeps the
 * scripts that match the chosen proposal or suit any proposal. */
static void
fill_scripts (ShouNegotiationDialog *self,
              GtkListBox            *list,
              guint                  round)
{
  g_autoptr(GPtrArray) scripts = NULL;
  const char *reason_code = get_string (self->request, "reason_code");
  const char *proposal = NULL;
  guint shown = 0;

  clear_list (list);
  if (self->store == NULL || self->request == NULL)
    return;

  if (round == 2)
    proposal = shou_proposal_to_string (get_selected_proposal (self));

  scripts = shou_store_list_scripts (self->store, self->platform, reason_code);
  for (guint i = 0; scripts != NULL && i < scripts->len; i++)
    {
      JsonObject *script = g_ptr_array_index (scripts, i);
      gint64 script_round = json_object_get_int_member_with_default (script, "round", 0);
      const char *script_proposal = get_string (script, "proposal");
      GtkWidget *row;
      GtkWidget *icon;

      if (script_round != 0 && (guint) script_round != round)
        continue;
      if (round == 2 && script_proposal != NULL && *script_proposal != '\0' &&
          g_strcmp0 (script_proposal, proposal) != 0)
        continue;

      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), get_string (script, "title"));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), get_string (script, "text"));
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      if (script_is_users (script))
        {
          GtkWidget *mine = gtk_label_new (_("Mine"));

          gtk_widget_add_css_class (mine, "caption");
          gtk_widget_add_css_class (mine, "accent");
          gtk_widget_set_valign (mine, GTK_ALIGN_CENTER);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), mine);
        }
      icon = gtk_image_new_from_icon_name ("list-add-symbolic");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon);
      g_object_set_data_full (G_OBJECT (row), "script",
                              json_object_ref (script), (GDestroyNotify) json_object_unref);
      gtk_list_box_append (list, row);
      shown++;
    }

  if (shown == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     _("No scripts for this reason yet: write your own and save it"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_list_box_append (list, row);
    }
}

/* Scripts are appended, not replacing the text, so several can be combined
 * and the seller's own edits survive; their ids go to the API's "scripts". */
static void
on_scripts_list_row_activated_cb (GtkListBox            *list,
                                  GtkListBoxRow         *row,
                                  ShouNegotiationDialog *self)
{
  JsonObject *script = g_object_get_data (G_OBJECT (row), "script");
  guint index = list == self->scripts1_list ? 0 : 1;
  ShouScriptEditor *editor = index == 0 ? self->editor1 : self->editor2;
  const char *id;

  if (script == NULL)
    return;

  shou_script_editor_append (editor, get_string (script, "text"));
  id = get_string (script, "id");
  if (id != NULL && !g_ptr_array_find_with_equal_func (self->script_ids[index], id, g_str_equal, NULL))
    g_ptr_array_add (self->script_ids[index], g_strdup (id));

  g_clear_pointer (&self->user_script[index], json_object_unref);
  if (script_is_users (script))
    self->user_script[index] = json_object_ref (script);
}

/* @update: overwrite the seller's script last inserted instead of adding one. */
static void
save_script (ShouNegotiationDialog *self,
             guint                  index,
             const char            *title,
             gboolean               update)
{
  ShouScriptEditor *editor = index == 0 ? self->editor1 : self->editor2;
  g_autoptr(JsonObject) script = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = shou_script_editor_get_text (editor);
  g_autofree char *id = NULL;
  JsonArray *codes = json_array_new ();
  const char *reason_code = get_string (self->request, "reason_code");

  if (update && self->user_script[index] != NULL)
    json_object_set_string_member (script, "id", get_string (self->user_script[index], "id"));
  json_object_set_string_member (script, "platform", shou_platform_to_string (self->platform));
  if (reason_code != NULL)
    json_array_add_string_element (codes, reason_code);
  json_object_set_array_member (script, "reason_codes", codes);
  json_object_set_int_member (script, "round", index + 1);
  if (index == 1)
    json_object_set_string_member (script, "proposal",
                                   shou_proposal_to_string (get_selected_proposal (self)));
  json_object_set_string_member (script, "title", title);
  json_object_set_string_member (script, "text", text);
  json_object_set_boolean_member (script, "user", TRUE);

  id = shou_store_save_script (self->store, script, &error);
  if (id == NULL)
    {
      add_toast (self, error->message);
      return;
    }

  g_clear_pointer (&self->user_script[index], json_object_unref);
  json_object_set_string_member (script, "id", id);
  self->user_script[index] = json_object_ref (script);
  fill_scripts (self, index == 0 ? self->scripts1_list : self->scripts2_list, index + 1);
  add_toast (self, _("Script saved"));
}

static void
on_save_dialog_response_cb (AdwMessageDialog      *dialog,
                            const char            *response,
                            ShouNegotiationDialog *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "entry");
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dialog), "index"));
  g_autofree char *title = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  if (g_strcmp0 (response, "cancel") == 0 || g_strcmp0 (response, "close") == 0)
    return;
  if (*title == '\0')
    {
      g_free (title);
      title = g_strdup (_("My script"));
    }
  save_script (self, index, title, g_strcmp0 (response, "update") == 0);
}

static void
on_save_script_button_clicked_cb (GtkButton             *button,
                                  ShouNegotiationDialog *self)
{
  guint index = button == self->save_script1_button ? 0 : 1;
  ShouScriptEditor *editor = index == 0 ? self->editor1 : self->editor2;
  GtkWidget *dialog;
  GtkWidget *entry;

  if (!shou_script_editor_get_clean (editor))
    {
      add_toast (self, shou_script_editor_get_problem (editor));
      return;
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Save as Your Script?"),
                                   _("Your scripts are kept on this computer and offered for requests with the same reason."));
  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Title"));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  if (self->user_script[index] != NULL)
    gtk_editable_set_text (GTK_EDITABLE (entry), get_string (self->user_script[index], "title"));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"));
  if (self->user_script[index] != NULL)
    adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "update", _("_Update"));
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "save", _("_Save as New"));
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "entry", entry);
  g_object_set_data (G_OBJECT (dialog), "index", GUINT_TO_POINTER (index));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_save_dialog_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Platforms hand out masked numbers only; the order's copy is the fallback. */
static const char *
get_buyer_phone (ShouNegotiationDialog *self)
{
  const char *phone = get_string (get_object (self->request, "negotiation"), "buyer_phone");

  if (phone == NULL)
    phone = get_string (get_object (get_object (self->request, "order"), "buyer"), "phone");
  return phone;
}

static void
update_phone (ShouNegotiationDialog *self)
{
  const char *phone = get_buyer_phone (self);
  AdwActionRow *rows[] = { self->phone1_row, self->phone2_row };
  GtkButton *buttons[] = { self->reveal1_button, self->reveal2_button };
  g_autofree char *shown = NULL;

  if (phone == NULL)
    shown = g_strdup (_("No phone number given"));
  else if (self->phone_revealed && strchr (phone, '*') != NULL)
    /* Translators: %s is a masked phone number such as 138****5678 */
    shown = g_strdup_printf (_("%s — the platform gives only the masked number; call through the platform’s call button, which connects you without showing it"), phone);
  else
    shown = g_strdup (phone);

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      adw_action_row_set_subtitle (rows[i], shown);
      gtk_widget_set_visible (GTK_WIDGET (buttons[i]), phone != NULL && !self->phone_revealed);
    }
}

static void
on_reveal_button_clicked_cb (ShouNegotiationDialog *self,
                             GtkButton             *button)
{
  self->phone_revealed = TRUE;
  update_phone (self);
}

/* A profile duration as words ("2 days"): the countdown format would read
 * "… left", which is wrong for a rule. */
static char *
format_duration (gint64 usec)
{
  gint64 hours = usec / SHOU_USEC_PER_HOUR;

  if (hours >= 24 && hours % 24 == 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u day", "%u days", (gulong) (hours / 24)),
                            (guint) (hours / 24));
  if (hours >= 1)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u hour", "%u hours", (gulong) hours),
                            (guint) hours);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u minute", "%u minutes",
                                       (gulong) (usec / SHOU_USEC_PER_MINUTE)),
                          (guint) (usec / SHOU_USEC_PER_MINUTE));
}

static GtkWidget *
make_risk_row (const char *icon_name,
               const char *title,
               const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (icon_name);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  return row;
}

/* Step 1: each risk with what it means, or a plain "no risk" row so the
 * seller sees that the check ran. */
static void
update_risks (ShouNegotiationDialog *self)
{
  guint risks = shou_nego_check_risks (self->request, self->profile, get_now (self));
  g_autofree char *amount = shou_money_format (json_object_get_int_member_with_default (self->request, "amount_fen", 0));
  JsonObject *order = get_object (self->request, "order");
  const char *reason_text = shou_buyer_reason_text (get_string (self->request, "reason_code"),
                                                   get_string (self->request, "reason_text"));
  const char *buyer_text = get_string (self->request, "buyer_text");
  ShouRequestType type = SHOU_REQUEST_REFUND_ONLY;
  g_autofree char *summary = NULL;
  g_autofree char *plan = NULL;

  for (guint i = 0; i < self->risk_rows->len; i++)
    adw_preferences_group_remove (self->risks_group, g_ptr_array_index (self->risk_rows, i));
  g_ptr_array_set_size (self->risk_rows, 0);

  for (guint r = 0; r < SHOU_N_RISKS; r++)
    {
      GtkWidget *row;

      if ((risks & (1u << r)) == 0)
        continue;
      row = make_risk_row ("dialog-warning-symbolic",
                           shou_risk_get_title ((ShouRisk) r),
                           shou_risk_get_explanation ((ShouRisk) r));
      gtk_widget_add_css_class (row, "warning");
      gtk_widget_set_name (row, shou_risk_to_string ((ShouRisk) r));
      adw_preferences_group_add (self->risks_group, row);
      g_ptr_array_add (self->risk_rows, row);
    }
  if (risks == 0)
    {
      GtkWidget *row = make_risk_row ("emblem-ok-symbolic", _("No risk found"),
                                      _("The goods were not sent back, the logistics are moving and no deadline is about to lapse."));
      adw_preferences_group_add (self->risks_group, row);
      g_ptr_array_add (self->risk_rows, row);
    }

  shou_request_type_from_string (get_string (self->request, "type"), &type);
  /* Translators: request type, amount, order number, buyer's reason */
  summary = g_strdup_printf (_("%s of %s · order %s · reason: %s"),
                             shou_request_type_get_label (type), amount,
                             order != NULL ? json_object_get_string_member_with_default (order, "order_no", "—") : "—",
                             reason_text != NULL ? reason_text : "—");
  if (buyer_text != NULL && *buyer_text != '\0')
    {
      char *with_text = g_strdup_printf ("%s\n“%s”", summary, buyer_text);

      g_free (summary);
      summary = with_text;
    }
  gtk_label_set_label (self->summary_label, summary);

  if (shou_profile_get_negotiation_required (self->profile))
    {
      g_autofree char *wait = format_duration (shou_profile_get_negotiation_wait (self->profile));

      /* Translators: %s is the platform, then the waiting time, e.g. "2 days" */
      plan = g_strdup_printf (_("%s requires negotiation before a rejection: send round 1, wait for the buyer’s reply (%s), propose a resolution with evidence in round 2, wait again, and only then reject with a reason, an explanation and evidence. The buyer may accept at any point, and you may agree to the refund at any point."),
                              shou_platform_get_label (self->platform), wait);
    }
  else
    plan = g_strdup_printf (_("%s does not require negotiation, but a short talk with the buyer settles most requests without a dispute. You may reject at any time with “Reject…”."),
                            shou_platform_get_label (self->platform));
  gtk_label_set_label (self->plan_label, plan);
}

/* A round as the seller sent it plus how the buyer answered. */
static char *
describe_round (JsonObject *round)
{
  GString *s = g_string_new (NULL);
  const char *text = get_string (round, "text");
  const char *proposal = get_string (round, "proposal");
  const char *reply = get_string (round, "reply");
  ShouProposal p = SHOU_PROPOSAL_NONE;

  if (proposal != NULL && shou_proposal_from_string (proposal, &p) && p != SHOU_PROPOSAL_NONE)
    {
      gint64 amount = json_object_get_int_member_with_default (round, "amount_fen", 0);

      g_string_append (s, shou_proposal_get_label (p));
      if (amount > 0)
        {
          g_autofree char *money = shou_money_format (amount);

          g_string_append_printf (s, " %s", money);
        }
      g_string_append (s, "\n");
    }
  g_string_append (s, text != NULL ? text : "");
  if (reply != NULL && *reply != '\0')
    /* Translators: the buyer's reply to a negotiation round */
    g_string_append_printf (s, "\n\n%s “%s”", _("Buyer replied:"), reply);
  else if (json_object_get_boolean_member_with_default (round, "accepted", FALSE))
    g_string_append_printf (s, "\n\n%s", _("The buyer accepted."));
  else
    g_string_append_printf (s, "\n\n%s", _("No reply from the buyer."));
  return g_string_free (s, FALSE);
}

/* Asks the window to sync now (its "win.sync"); without a window the
 * periodic sync brings the server's state. */
static void
request_sync (ShouNegotiationDialog *self)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  if (parent != NULL)
    gtk_widget_activate_action (GTK_WIDGET (parent), "win.sync", NULL);
}

/* Called every second while a wait page shows. */
static void
update_countdown (ShouNegotiationDialog *self)
{
  JsonObject *nego = get_object (self->request, "negotiation");
  gint64 wait_until = shou_nego_json_get_time (nego, "wait_until");
  gint64 now = get_now (self);

  if (wait_until > 0 && now >= wait_until && !shou_nego_has_pending (self->request))
    {
      gtk_label_set_label (self->wait_countdown_label, _("The wait is over"));
      gtk_label_set_label (self->wait_until_label, _("Fetching the platform’s state…"));
      if (!self->lapse_sync_requested)
        {
          self->lapse_sync_requested = TRUE;
          request_sync (self);
        }
    }
  else if (wait_until > 0 && !shou_nego_has_pending (self->request))
    {
      g_autofree char *left = shou_countdown_format (wait_until, now);
      g_autofree char *when = shou_time_format_local (wait_until);
      /* Translators: %s is a local date and time */
      g_autofree char *until = g_strdup_printf (_("The wait ends at %s"), when);
      const char *css = shou_urgency_get_css_class (shou_urgency_for (wait_until, now));

      gtk_label_set_label (self->wait_countdown_label, left);
      gtk_label_set_label (self->wait_until_label, until);
      gtk_widget_remove_css_class (GTK_WIDGET (self->wait_countdown_label), "warning");
      gtk_widget_remove_css_class (GTK_WIDGET (self->wait_countdown_label), "error");
      if (g_strcmp0 (css, "danger") == 0 || g_strcmp0 (css, "overdue") == 0)
        gtk_widget_add_css_class (GTK_WIDGET (self->wait_countdown_label), "error");
      else if (g_strcmp0 (css, "warning") == 0)
        gtk_widget_add_css_class (GTK_WIDGET (self->wait_countdown_label), "warning");
    }
  else
    {
      gtk_label_set_label (self->wait_countdown_label, _("Waiting to sync"));
      gtk_label_set_label (self->wait_until_label,
                           _("The waiting time starts when the platform receives your message."));
    }
}

static void
update_wait (ShouNegotiationDialog *self)
{
  guint round = self->step == SHOU_NEGO_STEP_WAIT1 ? 1 : 2;
  JsonObject *r = shou_nego_get_round (self->request, round);
  g_autofree char *heading = NULL;
  const char *reply = r != NULL ? get_string (r, "reply") : NULL;

  /* Translators: %u is the negotiation round, 1 or 2 */
  heading = g_strdup_printf (_("Round %u Sent: Waiting for the Buyer"), round);
  gtk_label_set_label (self->wait_heading, heading);
  gtk_label_set_label (self->wait_intro_label,
                       round == 1
                       ? _("The buyer has until the end of the wait to reply. Round 2 opens when they reply or the wait lapses.")
                       : _("The buyer has until the end of the wait to reply. Rejection opens when they reply or the wait lapses."));
  gtk_label_set_label (self->wait_sent_label, r != NULL ? get_string (r, "text") : "");
  gtk_label_set_label (self->wait_reply_label,
                       reply != NULL && *reply != '\0' ? reply : _("No reply yet."));
  update_countdown (self);
}

static void
update_round2 (ShouNegotiationDialog *self)
{
  JsonObject *r1 = shou_nego_get_round (self->request, 1);
  g_autofree char *summary = r1 != NULL ? describe_round (r1) : g_strdup (_("Round 1 was not sent."));
  gboolean evidence = shou_profile_get_round2_evidence_required (self->profile);

  gtk_label_set_label (self->round1_summary_label, summary);
  gtk_label_set_label (self->round2_intro_label,
                       _("Based on round 1, propose how to settle the request. The buyer sees your proposal and may accept it, which ends the request."));
  adw_preferences_group_set_description (self->evidence2_group,
                                         evidence
                                         ? _("Required: attach valid evidence such as photos or chat screenshots.")
                                         : _("Optional, but evidence makes the proposal convincing."));
}

static void
update_reject (ShouNegotiationDialog *self)
{
  GString *s = g_string_new (NULL);
  g_autofree char *summary = NULL;

  for (guint round = 1; round <= 2; round++)
    {
      JsonObject *r = shou_nego_get_round (self->request, round);
      g_autofree char *text = NULL;

      if (r == NULL)
        continue;
      text = describe_round (r);
      if (s->len > 0)
        g_string_append (s, "\n\n");
      /* Translators: %u is the negotiation round */
      g_string_append_printf (s, _("Round %u: "), round);
      g_string_append (s, text);
    }
  if (s->len == 0)
    g_string_append (s, _("No negotiation was sent."));
  summary = g_string_free (s, FALSE);
  gtk_label_set_label (self->nego_summary_label, summary);
  gtk_label_set_label (self->reject_intro_label,
                       _("Choose the reason the platform will show, explain in detail and attach real evidence. False evidence ends in a forced refund."));
}

/* The end page says how the request ended, or that the seller's final
 * action is saved and still waits to be sent. */
static void
update_done (ShouNegotiationDialog *self)
{
  ShouRequestStatus status = SHOU_STATUS_CLOSED;
  g_autofree char *description = NULL;
  const char *title;
  const char *icon = "emblem-ok-symbolic";
  gboolean queued = self->final_queued && shou_nego_has_pending (self->request);

  shou_status_from_string (get_string (self->request, "status"), &status);

  if (queued && self->final_action == SHOU_ACTION_REJECT)
    {
      title = _("Rejection Queued");
      description = g_strdup (_("It is sent to the platform with the next sync. The buyer may then modify the request or ask the platform to step in."));
    }
  else if (queued && self->final_action == SHOU_ACTION_AGREE_REFUND)
    {
      title = _("Refund Agreed");
      description = g_strdup (_("It is sent to the platform with the next sync."));
    }
  else
    {
      switch (status)
        {
        case SHOU_STATUS_SUCCESS:
          title = _("Request Resolved");
          for (guint round = 1; round <= 2 && description == NULL; round++)
            {
              JsonObject *r = shou_nego_get_round (self->request, round);

              if (r != NULL && json_object_get_boolean_member_with_default (r, "accepted", FALSE))
                /* Translators: %u is the negotiation round */
                description = g_strdup_printf (_("The buyer accepted your proposal in round %u."), round);
            }
          if (description == NULL)
            description = g_strdup (shou_status_get_label (status));
          break;
        case SHOU_STATUS_REFUSED:
          icon = "action-unavailable-symbolic";
          title = _("Request Rejected");
          description = g_strdup (_("The buyer may modify the request or ask the platform to step in."));
          break;
        case SHOU_STATUS_CLOSED:
          icon = "window-close-symbolic";
          title = _("Request Closed");
          description = g_strdup (_("The buyer withdrew the request, or the platform closed it."));
          break;
        case SHOU_STATUS_INTERVENTION:
          icon = "dialog-warning-symbolic";
          title = _("The Platform Is Handling This Request");
          description = g_strdup (_("Upload your evidence to the intervention ticket instead."));
          break;
        case SHOU_STATUS_WAIT_SELLER:
        case SHOU_STATUS_NEGOTIATING:
        case SHOU_STATUS_WAIT_BUYER_RETURN:
        case SHOU_STATUS_WAIT_SELLER_RECEIPT:
        case SHOU_STATUS_WAIT_SELLER_SHIP:
        case SHOU_STATUS_WAIT_REFUND_PROOF:
        case SHOU_N_STATUSES:
        default:
          icon = "dialog-information-symbolic";
          title = shou_status_get_label (status);
          description = g_strdup (self->blocked_reason != SHOU_REASON_NONE
                                  ? shou_reason_get_message (self->blocked_reason)
                                  : _("There is nothing to reject at this step."));
          break;
        }
    }

  adw_status_page_set_icon_name (self->done_status, icon);
  adw_status_page_set_title (self->done_status, title);
  adw_status_page_set_description (self->done_status, description);
}

/* Send buttons stay disabled, with the reason as tooltip, until the message
 * is clean; evidence is checked on click because the picker imports
 * asynchronously and the message must then name what is missing. */
static void
update_send_buttons (ShouNegotiationDialog *self)
{
  const char *problem;
  ShouProposal proposal;
  gboolean ok;

  problem = shou_script_editor_get_problem (self->editor1);
  gtk_widget_set_sensitive (GTK_WIDGET (self->send1_button), shou_script_editor_get_clean (self->editor1));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->send1_button), problem);

  proposal = get_selected_proposal (self);
  ok = shou_script_editor_get_clean (self->editor2) && proposal != SHOU_PROPOSAL_NONE;
  problem = shou_script_editor_get_problem (self->editor2);
  if (proposal == SHOU_PROPOSAL_PARTIAL_REFUND || proposal == SHOU_PROPOSAL_COMPENSATION)
    {
      const char *text = gtk_editable_get_text (GTK_EDITABLE (self->amount_row));
      gint64 fen = 0;

      if (!shou_money_parse (text, &fen, NULL) || fen <= 0)
        {
          ok = FALSE;
          if (problem == NULL)
            problem = _("Enter the amount in yuan, e.g. 12.50");
        }
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->send2_button), ok);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->send2_button), problem);

  ok = shou_script_editor_get_clean (self->editor_reject) && get_selected_reason (self) != NULL;
  problem = get_selected_reason (self) == NULL
            ? shou_reason_get_message (SHOU_REASON_REASON_REQUIRED)
            : shou_script_editor_get_problem (self->editor_reject);
  gtk_widget_set_sensitive (GTK_WIDGET (self->reject_button), ok);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->reject_button), problem);
}

static void
on_editor_notify_problem_cb (ShouNegotiationDialog *self)
{
  update_send_buttons (self);
}

static void
on_amount_row_changed_cb (ShouNegotiationDialog *self)
{
  set_problem (self->send2_problem_label, NULL);
  update_send_buttons (self);
}

static void
on_proposal_row_notify_selected_cb (ShouNegotiationDialog *self)
{
  ShouProposal proposal = get_selected_proposal (self);

  gtk_widget_set_visible (GTK_WIDGET (self->amount_row),
                          proposal == SHOU_PROPOSAL_PARTIAL_REFUND ||
                          proposal == SHOU_PROPOSAL_COMPENSATION);
  if (self->request != NULL && self->step == SHOU_NEGO_STEP_ROUND2)
    fill_scripts (self, self->scripts2_list, 2);
  update_send_buttons (self);
}

static void
on_reason_row_notify_selected_cb (ShouNegotiationDialog *self)
{
  const ShouRejectReason *reason = get_selected_reason (self);

  if (reason == NULL)
    gtk_label_set_label (self->reason_hint_label, shou_reason_get_message (SHOU_REASON_REASON_REQUIRED));
  else if (reason->evidence_required || shou_profile_get_reject_evidence_required (self->profile))
    gtk_label_set_label (self->reason_hint_label, _("This reason needs evidence."));
  else
    gtk_label_set_label (self->reason_hint_label, _("Evidence is optional for this reason, but it helps if the buyer asks the platform to step in."));
  set_problem (self->reject_problem_label, NULL);
  update_send_buttons (self);
}

static void
setup_profile_widgets (ShouNegotiationDialog *self)
{
  const ShouRejectReason *reasons;
  guint n_reasons = 0;
  guint max = shou_profile_get_message_max (self->profile);
  gboolean in_bytes = shou_profile_get_message_in_bytes (self->profile);

  shou_script_editor_set_limits (self->editor1, 0, max, in_bytes);
  shou_script_editor_set_limits (self->editor2, 0, max, in_bytes);
  shou_script_editor_set_limits (self->editor_reject,
                                 shou_profile_get_explanation_min (self->profile),
                                 shou_profile_get_explanation_max (self->profile),
                                 FALSE);

  reasons = shou_profile_get_reject_reasons (self->profile, &n_reasons);
  self->reason_model = gtk_string_list_new (NULL);
  gtk_string_list_append (self->reason_model, _("Choose a reason"));
  for (guint i = 0; i < n_reasons; i++)
    gtk_string_list_append (self->reason_model, shou_reject_reason_text (reasons[i].code, reasons[i].text));
  adw_combo_row_set_model (self->reason_row, G_LIST_MODEL (self->reason_model));
  adw_combo_row_set_selected (self->reason_row, 0);
  on_reason_row_notify_selected_cb (self);
}

/* The step follows the stored request; the seller's own choices in this
 * session (risk check seen, "Reject…" chosen, final action queued) only move
 * it within what the request allows. */
static ShouNegoStep
compute_step (ShouNegotiationDialog *self)
{
  ShouNegoStep step;
  ShouReason why = SHOU_REASON_NONE;

  self->blocked_reason = SHOU_REASON_NONE;

  if (self->request == NULL || self->profile == NULL)
    return SHOU_NEGO_STEP_DONE;
  if (self->final_queued)
    return SHOU_NEGO_STEP_DONE;

  step = shou_nego_step_for (self->request, self->profile, self->risks_seen);
  if (step == SHOU_NEGO_STEP_DONE)
    return step;

  if (shou_nego_can_reject (self->request, self->profile, &why))
    return self->reject_chosen ? SHOU_NEGO_STEP_REJECT : step;

  /* No negotiation lifts this one (e.g. Pinduoduo before shipment). */
  if (why != SHOU_REASON_NEGOTIATION_REQUIRED && why != SHOU_REASON_NEGOTIATION_WAITING)
    {
      self->blocked_reason = why;
      return SHOU_NEGO_STEP_DONE;
    }
  return step;
}

static void
shou_negotiation_dialog_update (ShouNegotiationDialog *self)
{
  ShouNegoStep step = compute_step (self);
  gboolean step_changed = step != self->step;
  ShouReason why = SHOU_REASON_NONE;
  gboolean can_reject = FALSE;
  JsonObject *conflict = get_object (self->request, "conflict");
  guint pending = self->request != NULL ? shou_nego_count_pending (self->request) : 0;
  g_autofree char *subtitle = NULL;
  static const char * const step_titles[SHOU_N_NEGO_STEPS] = {
    N_("Risk check"), N_("Round 1"), N_("Waiting for round 1"), N_("Round 2"),
    N_("Waiting for round 2"), N_("Rejection"), N_("Done"),
  };

  self->step = step;
  if (step_changed)
    self->lapse_sync_requested = FALSE;

  /* The server refused what was queued: the seller chooses again. */
  if (conflict != NULL && self->final_queued)
    {
      self->final_queued = FALSE;
      self->step = step = compute_step (self);
      step_changed = TRUE;
    }

  if (self->request != NULL && self->profile != NULL)
    can_reject = shou_nego_can_reject (self->request, self->profile, &why);

  if (step == SHOU_NEGO_STEP_DONE)
    subtitle = g_strdup (_(step_titles[step]));
  else
    /* Translators: step number, number of steps, step name */
    subtitle = g_strdup_printf (_("Step %u of %u: %s"), (guint) step + 1, (guint) SHOU_NEGO_STEP_DONE,
                                _(step_titles[step]));
  adw_window_title_set_subtitle (self->window_title, subtitle);

  gtk_widget_set_visible (GTK_WIDGET (self->agree_button), step != SHOU_NEGO_STEP_DONE);
  gtk_widget_set_visible (GTK_WIDGET (self->header_reject_button),
                          step != SHOU_NEGO_STEP_DONE && step != SHOU_NEGO_STEP_REJECT);
  gtk_widget_set_sensitive (GTK_WIDGET (self->header_reject_button), can_reject);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->header_reject_button),
                               can_reject ? _("Go to the rejection form") : shou_reason_get_message (why));
  gtk_widget_set_sensitive (GTK_WIDGET (self->wait_reject_button), can_reject);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->wait_reject_button),
                               can_reject ? NULL : shou_reason_get_message (why));
  gtk_label_set_label (self->wait_reason_label, can_reject ? "" : shou_reason_get_message (why));

  if (conflict != NULL)
    {
      const char *action = get_string (conflict, "action");
      ShouAction a = SHOU_ACTION_AGREE_REFUND;
      g_autofree char *text = NULL;
      /* From the stored codes, in the seller's language: never the server's text. */
      g_autofree char *message = shou_api_error_describe (get_string (conflict, "code"),
                                                          get_string (conflict, "reason"));
      /* Translators: an action name, then the server's reason */
      text = g_strdup_printf (_("The platform refused “%s”: %s"),
                              shou_action_from_string (action, &a) ? shou_action_get_label (a) : (action != NULL ? action : "—"),
                              message != NULL ? message : _("no reason given"));
      gtk_label_set_label (self->conflict_label, text);
    }
  gtk_info_bar_set_revealed (self->conflict_bar, conflict != NULL);

  if (pending > 0)
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%u action is saved and waits to be sent to the platform.",
                                                            "%u actions are saved and wait to be sent to the platform.",
                                                            pending),
                                               pending);
      gtk_label_set_label (self->pending_label, text);
    }
  gtk_info_bar_set_revealed (self->pending_bar, pending > 0);

  if (self->request != NULL)
    update_phone (self);

  switch (step)
    {
    case SHOU_NEGO_STEP_RISKS:
      update_risks (self);
      gtk_stack_set_visible_child_name (self->stack, "risks");
      break;
    case SHOU_NEGO_STEP_ROUND1:
      if (step_changed)
        {
          fill_scripts (self, self->scripts1_list, 1);
          gtk_label_set_label (self->round1_intro_label, _("Understand why the buyer asks before rejecting anything. The message is sent to the buyer through the platform. The buyer then has time to reply."));
        }
      gtk_stack_set_visible_child_name (self->stack, "round1");
      break;
    case SHOU_NEGO_STEP_WAIT1:
    case SHOU_NEGO_STEP_WAIT2:
      update_wait (self);
      gtk_stack_set_visible_child_name (self->stack, "wait");
      break;
    case SHOU_NEGO_STEP_ROUND2:
      update_round2 (self);
      if (step_changed)
        fill_scripts (self, self->scripts2_list, 2);
      gtk_stack_set_visible_child_name (self->stack, "round2");
      break;
    case SHOU_NEGO_STEP_REJECT:
      update_reject (self);
      gtk_stack_set_visible_child_name (self->stack, "reject");
      break;
    case SHOU_NEGO_STEP_DONE:
    case SHOU_N_NEGO_STEPS:
    default:
      if (self->request != NULL)
        update_done (self);
      gtk_stack_set_visible_child_name (self->stack, "done");
      break;
    }

  update_send_buttons (self);
  if (step_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STEP]);
}

/* The profile is looked up once: a request never changes platform. */
void
shou_negotiation_dialog_reload (ShouNegotiationDialog *self)
{
  g_autoptr(GError) error = NULL;
  JsonObject *request;
  ShouPlatform platform;
  gboolean first;

  g_return_if_fail (SHOU_IS_NEGOTIATION_DIALOG (self));

  if (self->store == NULL || self->request_id == NULL)
    return;

  request = shou_store_get_request (self->store, self->request_id, &error);
  if (request == NULL)
    {
      adw_status_page_set_icon_name (self->done_status, "dialog-error-symbolic");
      adw_status_page_set_title (self->done_status, _("Request Not Available"));
      adw_status_page_set_description (self->done_status, error != NULL ? error->message : NULL);
      gtk_stack_set_visible_child_name (self->stack, "done");
      return;
    }

  g_clear_pointer (&self->request, json_object_unref);
  self->request = request;

  first = self->profile == NULL;
  if (first && shou_platform_from_string (get_string (request, "platform"), &platform))
    {
      ShouProfile *profile = shou_profiles_get (shou_profiles_get_default (), platform);

      self->platform = platform;
      if (profile != NULL)
        self->profile = shou_profile_ref (profile);
      if (self->profile != NULL)
        setup_profile_widgets (self);
    }

  shou_negotiation_dialog_update (self);
}

/* Every send goes through the store's outbox: it works offline and the
 * store checks the rules before anything is queued. */
static gboolean
enqueue (ShouNegotiationDialog *self,
         ShouAction             action,
         JsonObject            *params,
         GtkLabel              *problem_label)
{
  g_autoptr(GError) error = NULL;
  gint64 version = json_object_get_int_member_with_default (self->request, "version", 0);

  if (!shou_store_enqueue_action (self->store, self->request_id, action, params, version, &error))
    {
      if (problem_label != NULL)
        set_problem (problem_label, error->message);
      add_toast (self, error->message);
      return FALSE;
    }
  add_toast (self, _("Saved: it is sent to the platform with the next sync"));
  request_sync (self);
  return TRUE;
}

static JsonArray *
strv_to_json (char **strv)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    json_array_add_string_element (array, strv[i]);
  return array;
}

static JsonArray *
ids_to_json (GPtrArray *ids)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < ids->len; i++)
    json_array_add_string_element (array, g_ptr_array_index (ids, i));
  return array;
}

static void
on_send1_button_clicked_cb (ShouNegotiationDialog *self)
{
  g_autoptr(JsonObject) params = json_object_new ();
  g_autofree char *text = shou_script_editor_get_text (self->editor1);

  if (!shou_script_editor_get_clean (self->editor1))
    {
      set_problem (self->send1_problem_label, shou_script_editor_get_problem (self->editor1));
      return;
    }
  set_problem (self->send1_problem_label, NULL);

  json_object_set_int_member (params, "round", 1);
  json_object_set_string_member (params, "text", g_strstrip (text));
  json_object_set_array_member (params, "scripts", ids_to_json (self->script_ids[0]));
  if (enqueue (self, SHOU_ACTION_NEGOTIATE, params, self->send1_problem_label))
    shou_negotiation_dialog_reload (self);
}

/* Round 2 needs a proposal, an amount for partial refunds and small
 * compensations (below what the buyer asked), and evidence when the profile
 * says so; nothing is queued until all of it holds. */
static void
on_send2_button_clicked_cb (ShouNegotiationDialog *self)
{
  g_autoptr(JsonObject) params = json_object_new ();
  g_autofree char *text = shou_script_editor_get_text (self->editor2);
  g_auto(GStrv) evidence = NULL;
  ShouProposal proposal = get_selected_proposal (self);
  gint64 amount = json_object_get_int_member_with_default (self->request, "amount_fen", 0);
  gint64 fen = 0;

  if (!shou_script_editor_get_clean (self->editor2))
    {
      set_problem (self->send2_problem_label, shou_script_editor_get_problem (self->editor2));
      return;
    }
  if (proposal == SHOU_PROPOSAL_PARTIAL_REFUND || proposal == SHOU_PROPOSAL_COMPENSATION)
    {
      g_autoptr(GError) error = NULL;

      if (!shou_money_parse (gtk_editable_get_text (GTK_EDITABLE (self->amount_row)), &fen, &error))
        {
          set_problem (self->send2_problem_label, error->message);
          return;
        }
      if (fen <= 0 || fen > amount ||
          (proposal == SHOU_PROPOSAL_PARTIAL_REFUND && fen == amount))
        {
          g_autofree char *max = shou_money_format (amount);
          g_autofree char *message = NULL;

          /* Translators: %s is the requested amount, e.g. ¥25.00 */
          message = g_strdup_printf (_("The amount must be more than zero and less than the requested %s"), max);
          set_problem (self->send2_problem_label, message);
          return;
        }
    }

  evidence = self->picker2 != NULL
             ? shou_evidence_picker_get_selected (SHOU_EVIDENCE_PICKER (self->picker2))
             : NULL;
  if (shou_profile_get_round2_evidence_required (self->profile) &&
      (evidence == NULL || evidence[0] == NULL))
    {
      set_problem (self->send2_problem_label,
                   _("Attach evidence first: the platform requires it for the round-2 proposal."));
      return;
    }
  set_problem (self->send2_problem_label, NULL);

  json_object_set_int_member (params, "round", 2);
  json_object_set_string_member (params, "text", g_strstrip (text));
  json_object_set_array_member (params, "scripts", ids_to_json (self->script_ids[1]));
  json_object_set_string_member (params, "proposal", shou_proposal_to_string (proposal));
  if (fen > 0)
    json_object_set_int_member (params, "amount_fen", fen);
  json_object_set_array_member (params, "evidence", strv_to_json (evidence));
  if (enqueue (self, SHOU_ACTION_NEGOTIATE, params, self->send2_problem_label))
    shou_negotiation_dialog_reload (self);
}

/* The rejection gate: the negotiation state, a coded reason, the
 * explanation's length and the reason's evidence rule, in that order. */
static void
on_reject_button_clicked_cb (ShouNegotiationDialog *self)
{
  g_autoptr(JsonObject) params = json_object_new ();
  g_autofree char *text = shou_script_editor_get_text (self->editor_reject);
  g_auto(GStrv) evidence = NULL;
  const ShouRejectReason *reason = get_selected_reason (self);
  ShouReason why = SHOU_REASON_NONE;

  if (!shou_nego_can_reject (self->request, self->profile, &why))
    {
      set_problem (self->reject_problem_label, shou_reason_get_message (why));
      return;
    }
  if (reason == NULL)
    {
      set_problem (self->reject_problem_label, shou_reason_get_message (SHOU_REASON_REASON_REQUIRED));
      return;
    }
  if (!shou_script_editor_get_clean (self->editor_reject))
    {
      set_problem (self->reject_problem_label, shou_script_editor_get_problem (self->editor_reject));
      return;
    }
  evidence = self->picker_reject != NULL
             ? shou_evidence_picker_get_selected (SHOU_EVIDENCE_PICKER (self->picker_reject))
             : NULL;
  if ((reason->evidence_required || shou_profile_get_reject_evidence_required (self->profile)) &&
      (evidence == NULL || evidence[0] == NULL))
    {
      g_autofree char *message = NULL;

      /* Translators: %s is the rejection reason as the platform shows it */
      message = g_strdup_printf (_("Attach evidence first: “%s” needs real evidence before the rejection can be sent."),
                                 reason->text);
      set_problem (self->reject_problem_label, message);
      return;
    }
  set_problem (self->reject_problem_label, NULL);

  json_object_set_string_member (params, "reason_code", reason->code);
  json_object_set_string_member (params, "explanation", g_strstrip (text));
  json_object_set_array_member (params, "evidence", strv_to_json (evidence));
  if (enqueue (self, SHOU_ACTION_REJECT, params, self->reject_problem_label))
    {
      self->final_queued = TRUE;
      self->final_action = SHOU_ACTION_REJECT;
      shou_negotiation_dialog_reload (self);
    }
}

static void
on_agree_dialog_response_cb (AdwMessageDialog      *dialog,
                             const char            *response,
                             ShouNegotiationDialog *self)
{
  g_autoptr(JsonObject) params = NULL;

  if (g_strcmp0 (response, "refund") != 0 || self->request == NULL)
    return;

  params = json_object_new ();
  json_object_set_int_member (params, "amount_fen",
                              json_object_get_int_member_with_default (self->request, "amount_fen", 0));
  if (enqueue (self, SHOU_ACTION_AGREE_REFUND, params, NULL))
    {
      self->final_queued = TRUE;
      self->final_action = SHOU_ACTION_AGREE_REFUND;
      shou_negotiation_dialog_reload (self);
    }
}

static void
on_agree_button_clicked_cb (ShouNegotiationDialog *self)
{
  GtkWidget *dialog;
  g_autofree char *amount = NULL;
  g_autofree char *body = NULL;

  if (self->request == NULL)
    return;

  amount = shou_money_format (json_object_get_int_member_with_default (self->request, "amount_fen", 0));
  /* Translators: %s is an amount such as ¥25.00 */
  body = g_strdup_printf (_("%s is refunded to the buyer and the request ends. The negotiation stops here."), amount);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Agree to the Refund?"), body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"));
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "refund", _("_Agree Refund"));
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "refund",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_agree_dialog_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Where negotiation is optional the seller may go straight to the form. */
static void
on_header_reject_button_clicked_cb (ShouNegotiationDialog *self)
{
  ShouReason why = SHOU_REASON_NONE;

  if (self->request == NULL ||
      !shou_nego_can_reject (self->request, self->profile, &why))
    {
      add_toast (self, shou_reason_get_message (why));
      return;
    }
  self->reject_chosen = TRUE;
  shou_negotiation_dialog_update (self);
}

static void
on_risks_continue_button_clicked_cb (ShouNegotiationDialog *self)
{
  self->risks_seen = TRUE;
  shou_negotiation_dialog_update (self);
}

/* Drops the refused entry; the page then follows the server's state. */
static void
on_conflict_dismiss_button_clicked_cb (ShouNegotiationDialog *self)
{
  g_autoptr(GError) error = NULL;

  self->final_queued = FALSE;
  if (!shou_store_resolve_conflict (self->store, self->request_id, &error))
    add_toast (self, error->message);
  shou_negotiation_dialog_reload (self);
}

static void
on_done_close_button_clicked_cb (ShouNegotiationDialog *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static void
on_store_changed_cb (ShouStore             *store,
                     const char            *request_id,
                     ShouNegotiationDialog *self)
{
  if (request_id == NULL || g_strcmp0 (request_id, self->request_id) == 0)
    shou_negotiation_dialog_reload (self);
}

static void
on_picker_count_notify_cb (ShouNegotiationDialog *self)
{
  set_problem (self->send2_problem_label, NULL);
  set_problem (self->reject_problem_label, NULL);
}

static gboolean
on_tick_cb (gpointer user_data)
{
  ShouNegotiationDialog *self = user_data;

  if (self->request != NULL &&
      (self->step == SHOU_NEGO_STEP_WAIT1 || self->step == SHOU_NEGO_STEP_WAIT2))
    update_countdown (self);
  return G_SOURCE_CONTINUE;
}

static void
shou_negotiation_dialog_constructed (GObject *object)
{
  ShouNegotiationDialog *self = SHOU_NEGOTIATION_DIALOG (object);

  G_OBJECT_CLASS (shou_negotiation_dialog_parent_class)->constructed (object);

  if (self->store == NULL)
    return;

  self->changed_id = g_signal_connect_object (self->store, "changed",
                                              G_CALLBACK (on_store_changed_cb), self, 0);

  self->picker2 = shou_evidence_picker_new (self->store, self->request_id);
  shou_evidence_picker_set_kind (SHOU_EVIDENCE_PICKER (self->picker2), SHOU_EVIDENCE_PRODUCT_PHOTO);
  gtk_box_append (self->evidence2_box, self->picker2);
  g_signal_connect_object (self->picker2, "notify::count",
                           G_CALLBACK (on_picker_count_notify_cb), self, G_CONNECT_SWAPPED);

  self->picker_reject = shou_evidence_picker_new (self->store, self->request_id);
  shou_evidence_picker_set_kind (SHOU_EVIDENCE_PICKER (self->picker_reject), SHOU_EVIDENCE_CHAT_SCREENSHOT);
  gtk_box_append (self->evidence3_box, self->picker_reject);
  g_signal_connect_object (self->picker_reject, "notify::count",
                           G_CALLBACK (on_picker_count_notify_cb), self, G_CONNECT_SWAPPED);

  shou_negotiation_dialog_reload (self);
}

static void
shou_negotiation_dialog_dispose (GObject *object)
{
  ShouNegotiationDialog *self = SHOU_NEGOTIATION_DIALOG (object);

  g_clear_handle_id (&self->tick_id, g_source_remove);
  if (self->store != NULL && self->changed_id != 0)
    g_clear_signal_handler (&self->changed_id, self->store);
  if (self->now_destroy != NULL)
    g_clear_pointer (&self->now_data, self->now_destroy);
  self->now_func = NULL;

  gtk_widget_dispose_template (GTK_WIDGET (self), SHOU_TYPE_NEGOTIATION_DIALOG);
  self->picker2 = NULL;
  self->picker_reject = NULL;

  g_clear_object (&self->store);
  g_clear_object (&self->proposal_model);
  g_clear_object (&self->reason_model);

  G_OBJECT_CLASS (shou_negotiation_dialog_parent_class)->dispose (object);
}

static void
shou_negotiation_dialog_finalize (GObject *object)
{
  ShouNegotiationDialog *self = SHOU_NEGOTIATION_DIALOG (object);

  g_free (self->request_id);
  g_clear_pointer (&self->request, json_object_unref);
  g_clear_pointer (&self->profile, shou_profile_unref);
  g_clear_pointer (&self->script_ids[0], g_ptr_array_unref);
  g_clear_pointer (&self->script_ids[1], g_ptr_array_unref);
  g_clear_pointer (&self->user_script[0], json_object_unref);
  g_clear_pointer (&self->user_script[1], json_object_unref);
  g_clear_pointer (&self->risk_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (shou_negotiation_dialog_parent_class)->finalize (object);
}

static void
shou_negotiation_dialog_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  ShouNegotiationDialog *self = SHOU_NEGOTIATION_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_REQUEST_ID:
      g_value_set_string (value, self->request_id);
      break;
    case PROP_STEP:
      g_value_set_string (value, shou_negotiation_dialog_get_step (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shou_negotiation_dialog_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  ShouNegotiationDialog *self = SHOU_NEGOTIATION_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_REQUEST_ID:
      self->request_id = g_value_dup_string (value);
      break;
    case PROP_STEP:
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shou_negotiation_dialog_class_init (ShouNegotiationDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = shou_negotiation_dialog_constructed;
  object_class->dispose = shou_negotiation_dialog_dispose;
  object_class->finalize = shou_negotiation_dialog_finalize;
  object_class->get_property = shou_negotiation_dialog_get_property;
  object_class->set_property = shou_negotiation_dialog_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, SHOU_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REQUEST_ID] =
    g_param_spec_string ("request-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STEP] =
    g_param_spec_string ("step", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (SHOU_TYPE_SCRIPT_EDITOR);

  /* Closing loses nothing: what was sent is in the store and on the server. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/shouhou/Shouhou/negotiation/shou-negotiation-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ShouNegotiationDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, ShouNegotiationDialog, agree_button);
  gtk_widget_class_bind_template_child (widget_class, ShouNegotiationDialog, header_reject_button);
  gtk_widget_class_bind_template_child (widget_class, ShouNegotiationDialog, conflict_bar);
  gtk_widget_class_bind_template_child (widget_class, ShouNegotiationDialog, conflict_label);
  gtk_widget_class_bind_template_child (widget_class, ShouNegotiationDialog, conflict_dismiss_button);
  gtk_widget_class_bind_template_child (widget_class, ShouNegotiationDialog, pending_bar);
  gtk_widget_class_bind_template_child (widget_class, ShouNegotiationDialog, pending_label);
  gtk_widget_class_bind_template_child (widget_class, ShouNegotiationDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ShouNegotiationDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, ShouNegotiationDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, ShouNegotiationDialog, risks_group);
  gtk_widget_class_bind_template_child (widget_class, ShouNegotiationDialog, plan_label);
  gtk_widget_class_bind_template_child (widget_class, ShouNegotiationDialog, risks_problem_label);
  gtk_widget_class_bind_template_child (widget_class, ShouNegotiationDialog, risks_continue_button);
  gtk_widget_class_bind_template_child (widget_class, ShouNegotiationDialog, round1_intro_label);
  gtk_widget_class_bind_template_child (widget_class, ShouNegotiationDialog, scripts1_list);
  gtk_widget_class_bind_template_child (widget_class, ShouNegotiationDialog, editor1);
  gtk_widget_class_bind_template_child (widget_class, ShouNegotiationDialog, save_script1_button);
  gtk_widget_class_bind_template_child (widget_class, ShouNegotiationDialog, phone1_row);
  gtk_widget_class_bind_template_child (widget_class, ShouNegotiationDialog, reveal1_button);
  gtk_widget_class_bind_template_child (widget_class, ShouNegotiationDialog, send1_problem_label);
  gtk_widget_class_bind_template_child (widget_class, ShouNegotiationDialog, send1_button);
  gtk_widget_class_bind_template_child (widget_class, ShouNegotiationDialog, wait_heading);
  gtk_widget_class_bind_template_child (widget_class, ShouNegotiationDialog, wait_intro_label);
  gtk_widget_class_bind_template_child (widget_class, ShouNegotiationDialog, wait_countdown_label);
  gtk_widget_class_bind_template_child (widget_class, ShouNegotiationDialog, wait_until_label);
  gtk_widget_class_bind_template_child (widget_class, ShouNegotiationDialog, wait_sent_label);
  gtk_widget_class_bind_template_child (widget_class, ShouNegotiationDialog, wait_reply_label);
  gtk_widget_class_bind_template_child (widget_class, ShouNegotiationDialog, phone2_row);
  gtk_widget_class_bind_template_child (widget_class, ShouNegotiationDialog, reveal2_button);
  gtk_widget_class_bind_template_child (widget_class, ShouNegotiationDialog, wait_reason_label);
  gtk_widget_class_bind_template_child (widget_class, ShouNegotiationDialog, wait_reject_button);
  gtk_widget_class_bind_template_child (widget_class, ShouNegotiationDialog, round2_intro_label);
  gtk_widget_class_bind_template_child (widget_class, ShouNegotiationDialog, round1_summary_label);
  gtk_widget_class_bind_template_child (widget_class, ShouNegotiationDialog, proposal_row);
  gtk_widget_class_bind_template_child (widget_class, ShouNegotiationDialog, amount_row);
  gtk_widget_class_bind_template_child (widget_class, ShouNegotiationDialog, scripts2_group);
  gtk_widget_class_bind_template_child (widget_class, ShouNegotiationDialog, scripts2_list);
  gtk_widget_class_bind_template_child (widget_class, ShouNegotiationDialog, editor2);
  gtk_widget_class_bind_template_child (widget_class, ShouNegotiationDialog, save_script2_button);
  gtk_widget_class_bind_template_child (widget_class, ShouNegotiationDialog, evidence2_group);
  gtk_widget_class_bind_template_child (widget_class, ShouNegotiationDialog, evidence2_box);
  gtk_widget_class_bind_template_child (widget_class, ShouNegotiationDialog, send2_problem_label);
  gtk_widget_class_bind_template_child (widget_class, ShouNegotiationDialog, send2_button);
  gtk_widget_class_bind_template_child (widget_class, ShouNegotiationDialog, reject_intro_label);
  gtk_widget_class_bind_template_child (widget_class, ShouNegotiationDialog, nego_summary_label);
  gtk_widget_class_bind_template_child (widget_class, ShouNegotiationDialog, reason_row);
  gtk_widget_class_bind_template_child (widget_class, ShouNegotiationDialog, reason_hint_label);
  gtk_widget_class_bind_template_child (widget_class, ShouNegotiationDialog, editor_reject);
  gtk_widget_class_bind_template_child (widget_class, ShouNegotiationDialog, evidence3_group);
  gtk_widget_class_bind_template_child (widget_class, ShouNegotiationDialog, evidence3_box);
  gtk_widget_class_bind_template_child (widget_class, ShouNegotiationDialog, reject_problem_label);
  gtk_widget_class_bind_template_child (widget_class, ShouNegotiationDialog, reject_button);
  gtk_widget_class_bind_template_child (widget_class, ShouNegotiationDialog, done_status);
  gtk_widget_class_bind_template_child (widget_class, ShouNegotiationDialog, done_close_button);
  gtk_widget_class_bind_template_callback (widget_class, on_scripts_list_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_save_script_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_editor_notify_problem_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_reveal_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_risks_continue_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_send1_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_header_reject_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_proposal_row_notify_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_amount_row_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_send2_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_reason_row_notify_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_reject_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_agree_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_conflict_dismiss_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_done_close_button_clicked_cb);
}

static void
shou_negotiation_dialog_init (ShouNegotiationDialog *self)
{
  self->step = SHOU_N_NEGO_STEPS;
  self->script_ids[0] = g_ptr_array_new_with_free_func (g_free);
  self->script_ids[1] = g_ptr_array_new_with_free_func (g_free);
  self->risk_rows = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->proposal_model = gtk_string_list_new (NULL);
  for (guint i = 0; i < G_N_ELEMENTS (proposals); i++)
    gtk_string_list_append (self->proposal_model, shou_proposal_get_label (proposals[i]));
  adw_combo_row_set_model (self->proposal_row, G_LIST_MODEL (self->proposal_model));
  adw_combo_row_set_selected (self->proposal_row, 0);

  set_problem (self->risks_problem_label, NULL);
  set_problem (self->send1_problem_label, NULL);
  set_problem (self->send2_problem_label, NULL);
  set_problem (self->reject_problem_label, NULL);

  self->tick_id = g_timeout_add_seconds (1, on_tick_cb, self);
}

ShouNegotiationDialog *
shou_negotiation_dialog_new (GtkWindow  *parent,
                             ShouStore  *store,
                             const char *request_id)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (SHOU_IS_STORE (store), NULL);
  g_return_val_if_fail (request_id != NULL, NULL);

  return g_object_new (SHOU_TYPE_NEGOTIATION_DIALOG,
                       "transient-for", parent,
                       "store", store,
                       "request-id", request_id,
                       NULL);
}

void
shou_negotiation_dialog_set_now_func (ShouNegotiationDialog  *self,
                                      ShouNegotiationNowFunc  now_func,
                                      gpointer                user_data,
                                      GDestroyNotify          destroy)
{
  g_return_if_fail (SHOU_IS_NEGOTIATION_DIALOG (self));

  if (self->now_destroy != NULL && self->now_data != NULL)
    self->now_destroy (self->now_data);
  self->now_func = now_func;
  self->now_data = user_data;
  self->now_destroy = destroy;
  shou_negotiation_dialog_update (self);
}

const char *
shou_negotiation_dialog_get_step (ShouNegotiationDialog *self)
{
  g_return_val_if_fail (SHOU_IS_NEGOTIATION_DIALOG (self), NULL);

  if (self->step >= SHOU_N_NEGO_STEPS)
    return NULL;
  return shou_nego_step_to_string (self->step);
}

const char *
shou_negotiation_dialog_get_request_id (ShouNegotiationDialog *self)
{
  g_return_val_if_fail (SHOU_IS_NEGOTIATION_DIALOG (self), NULL);
  return self->request_id;
}
