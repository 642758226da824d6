/* shou-detail-pane.c
 *
 * Copyright 2026 The Shouhou authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sync/shou-api-errors.h"
#include "ui/evidence/shou-logistics.h"
#include "ui/negotiation/shou-negotiation-dialog.h"
#include "shou-action-dialogs.h"
#include "shou-countdown-label.h"
#include "shou-detail-pane.h"

typedef struct
{
  const char *name;       /* "request.<name>" */
  ShouAction  action;     /* the core action that enables it */
  ShouAction  alt_action; /* also enables it; = action when none */
  guint       key;
} ActionInfo;

static const ActionInfo action_infos[] = {
  { "agree-refund", SHOU_ACTION_AGREE_REFUND, SHOU_ACTION_AGREE_REFUND, GDK_KEY_a },
  { "agree-return", SHOU_ACTION_AGREE_RETURN, SHOU_ACTION_AGREE_RETURN, GDK_KEY_t },
  { "confirm-receipt", SHOU_ACTION_CONFIRM_RECEIPT, SHOU_ACTION_CONFIRM_RECEIPT, GDK_KEY_c },
  { "refuse-receipt", SHOU_ACTION_REFUSE_RECEIPT, SHOU_ACTION_REFUSE_RECEIPT, GDK_KEY_x },
  { "reply", SHOU_ACTION_MESSAGE, SHOU_ACTION_MESSAGE, GDK_KEY_m },
  { "reject", SHOU_ACTION_REJECT, SHOU_ACTION_NEGOTIATE, GDK_KEY_j },
  { "ship-exchange", SHOU_ACTION_SHIP_EXCHANGE, SHOU_ACTION_SHIP_EXCHANGE, GDK_KEY_s },
};

struct _ShouDetailPane
{
  GtkWidget           parent_instance;

  ShouStore          *store;
  ShouClock          *clock;
  char               *request_id;
  JsonObject         *request;
  gint64              version;
  guint               allowed;
  ShouReason          reasons[SHOU_N_ACTIONS];
  char               *messages[SHOU_N_ACTIONS];
  gboolean            has_conflict;
  GtkWindow          *dialog;
  GtkWidget          *tracking_view;
  guint               reload_id;

  /* Template widgets */
  GtkStack           *stack;
  GtkInfoBar         *conflict_bar;
  GtkLabel           *conflict_label;
  GtkRevealer        *pending_revealer;
  GtkLabel           *pending_label;
  GtkScrolledWindow  *scroller;
  ShouCountdownLabel *countdown;
  GtkLabel           *lapse_label;
  GtkLabel           *deadline_label;
  GtkWidget          *deadline_box;
  AdwActionRow       *type_row;
  AdwActionRow       *reason_row;
  AdwActionRow       *description_row;
  AdwActionRow       *amount_row;
  AdwActionRow       *goods_row;
  AdwActionRow       *order_row;
  AdwActionRow       *paid_row;
  AdwActionRow       *buyer_row;
  AdwActionRow       *address_row;
  GtkWidget          *logistics_group;
  AdwActionRow       *return_address_row;
  GtkBox             *tracking_box;
  GtkWidget          *evidence_group;
  GtkFlowBox         *evidence_box;
  GtkWidget          *timeline_group;
  GtkListBox         *timeline_list;
  GtkFlowBox         *action_bar;
  GtkWidget          *agree_refund_button;
  GtkWidget          *agree_return_button;
  GtkWidget          *confirm_receipt_button;
  GtkWidget          *refuse_receipt_button;
  GtkWidget          *reply_button;
  GtkWidget          *reject_button;
  GtkWidget          *ship_exchange_button;
};

G_DEFINE_FINAL_TYPE (ShouDetailPane, shou_detail_pane, GTK_TYPE_WIDGET)

enum {
  TOAST,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
get_string (JsonObject *object,
            const char *member)
{
  if (object == NULL)
    return NULL;

  return json_object_get_string_member_with_default (object, member, NULL);
}

static JsonObject *
get_object (JsonObject *object,
            const char *member)
{
  JsonNode *node;

  if (object == NULL || !json_object_has_member (object, member))
    return NULL;

  node = json_object_get_member (object, member);
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return NULL;

  return json_node_get_object (node);
}

static JsonArray *
get_array (JsonObject *object,
           const char *member)
{
  JsonNode *node;

  if (object == NULL || !json_object_has_member (object, member))
    return NULL;

  node = json_object_get_member (object, member);
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return NULL;

  return json_node_get_array (node);
}

static void
set_subtitle (AdwActionRow *row,
              const char   *text)
{
  gboolean empty = text == NULL || *text == '\0';

  adw_action_row_set_subtitle (row, empty ? "—" : text);
}

static const ActionInfo *
find_action_info (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (action_infos); i++)
    if (g_str_equal (action_infos[i].name, name))
      return &action_infos[i];

  return NULL;
}

static GtkWidget *
button_for (ShouDetailPane *self,
            const char     *name)
{
  const char *names[] = { "agree-refund", "agree-return", "confirm-receipt", "refuse-receipt",
                          "reply", "reject", "ship-exchange" };
  GtkWidget *buttons[] = { self->agree_refund_button, self->agree_return_button,
                           self->confirm_receipt_button, self->refuse_receipt_button,
                           self->reply_button, self->reject_button, self->ship_exchange_button };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (names[i], name))
      return buttons[i];

  return NULL;
}

static char *
format_address (JsonObject *address)
{
  if (address == NULL)
    return NULL;

  return g_strdup_printf ("%s %s\n%s%s%s%s",
                          get_string (address, "name") ? get_string (address, "name") : "",
                          get_string (address, "phone") ? get_string (address, "phone") : "",
                          get_string (address, "province") ? get_string (address, "province") : "",
                          get_string (address, "city") ? get_string (address, "city") : "",
                          get_string (address, "district") ? get_string (address, "district") : "",
                          get_string (address, "street") ? get_string (address, "street") : "");
}

static char *
mask_phone (const char *phone)
{
  if (phone == NULL || *phone == '\0')
    return NULL;

  /* The API masks already; never show a full number if one slips through. */
  if (strchr (phone, '*') != NULL)
    return g_strdup (phone);

  return shou_phone_mask (phone);
}

static const char *
actor_label (const char *actor)
{
  ShouActor value;

  if (actor == NULL || !shou_actor_from_string (actor, &value))
    return "";

  switch (value)
    {
    case SHOU_ACTOR_BUYER:
      return _("Buyer");
    case SHOU_ACTOR_SELLER:
      return _("Seller");
    case SHOU_ACTOR_PLATFORM:
      return _("Platform");
    case SHOU_ACTOR_SYSTEM:
      return _("System");
    case SHOU_N_ACTORS:
    default:
      return "";
    }
}

static void
update_actions (ShouDetailPane *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (action_infos); i++)
    {
      const ActionInfo *info = &action_infos[i];
      GtkWidget *button = button_for (self, info->name);
      g_autofree char *action_name = g_strconcat ("request.", info->name, NULL);
      gboolean enabled = self->request != NULL &&
                         (self->allowed & (SHOU_ACTION_BIT (info->action) |
                                           SHOU_ACTION_BIT (info->alt_action))) != 0;
      ShouReason reason = self->reasons[info->action];
      const char *why = NULL;

      gtk_widget_action_set_enabled (GTK_WIDGET (self), action_name, enabled);

      if (!enabled && self->request != NULL)
        {
          why = self->messages[info->action];
          if (why == NULL && reason != SHOU_REASON_NONE)
            why = shou_reason_get_message (reason);
          if (why == NULL)
            why = _("Not possible for this request now");
        }

      /* Actions that can never apply to this type of request only add noise. */
      gtk_widget_set_visible (button, enabled || reason != SHOU_REASON_NOT_FOR_TYPE);
      gtk_widget_set_visible (gtk_widget_get_parent (button), gtk_widget_get_visible (button));
      gtk_widget_set_tooltip_text (button, why);
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "request.review-again", self->has_conflict);
}

static void
clear_children (GtkWidget *parent)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (parent)) != NULL)
    {
      if (GTK_IS_LIST_BOX (parent))
        gtk_list_box_remove (GTK_LIST_BOX (parent), child);
      else if (GTK_IS_FLOW_BOX (parent))
        gtk_flow_box_remove (GTK_FLOW_BOX (parent), child);
      else
        gtk_box_remove (GTK_BOX (parent), child);
    }
}

static void
render_timeline (ShouDetailPane *self)
{
  JsonArray *timeline = get_array (self->request, "timeline");
  guint n = timeline != NULL ? json_array_get_length (timeline) : 0;

  clear_children (GTK_WIDGET (self->timeline_list));
  gtk_widget_set_visible (self->timeline_group, n > 0);

  /* Newest first: what happened last matters most. */
  for (guint i = n; i > 0; i--)
    {
      JsonObject *event = json_array_get_object_element (timeline, i - 1);
      const char *actor = get_string (event, "actor");
      const char *text = get_string (event, "text");
      const char *kind = get_string (event, "kind");
      g_autofree char *when = shou_time_format_local (json_object_get_int_member_with_default (event, "at", 0));
      g_autofree char *title = NULL;
      GtkWidget *row = adw_action_row_new ();
      ShouEventKind kind_value;

      if ((text == NULL || *text == '\0') && kind != NULL &&
          shou_event_kind_from_string (kind, &kind_value))
        text = shou_event_kind_get_label (kind_value);

      title = g_strdup_printf ("%s · %s", actor_label (actor), when);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), text != NULL ? text : "");
      if (actor != NULL)
        {
          g_autofree char *css = g_strconcat ("actor-", actor, NULL);
          gtk_widget_add_css_class (row, css);
        }
      gtk_list_box_append (self->timeline_list, row);
    }
}

static GtkWidget *
make_evidence_tile (const char *path,
                    const char *content_type,
                    const char *caption)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkWidget *label = gtk_label_new (caption);
  GtkWidget *picture;

  if (path != NULL && content_type != NULL && g_str_has_prefix (content_type, "image/") &&
      g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      picture = gtk_picture_new_for_filename (path);
      gtk_picture_set_content_fit (GTK_PICTURE (picture), GTK_CONTENT_FIT_COVER);
      gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
    }
  else
    {
      gboolean pdf = g_strcmp0 (content_type, "application/pdf") == 0;

      picture = gtk_image_new_from_icon_name (pdf ? "x-office-document-symbolic"
                                                  : "image-x-generic-symbolic");
      gtk_image_set_pixel_size (GTK_IMAGE (picture), 32);
      gtk_widget_add_css_class (picture, "dim-label");
    }

  gtk_widget_set_size_request (picture, 96, 96);
  gtk_frame_set_child (GTK_FRAME (frame), picture);
  gtk_widget_add_css_class (frame, "evidence-thumbnail");
  gtk_box_append (GTK_BOX (box), frame);

  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 12);
  gtk_widget_add_css_class (label, "caption");
  gtk_box_append (GTK_BOX (box), label);
  gtk_widget_set_tooltip_text (box, caption);

  return box;
}

static void
render_evidence (ShouDetailPane *self)
{
  JsonArray *remote = get_array (self->request, "evidence");
  g_autoptr(GPtrArray) local = shou_store_list_evidence (self->store, self->request_id);
  g_autoptr(GHashTable) shown = g_hash_table_new (g_str_hash, g_str_equal);
  guint n_remote = remote != NULL ? json_array_get_length (remote) : 0;
  guint n_tiles = 0;

  clear_children (GTK_WIDGET (self->evidence_box));

  for (guint i = 0; i < n_remote; i++)
    {
      JsonObject *item = json_array_get_object_element (remote, i);
      const char *id = get_string (item, "id");
      const char *by = get_string (item, "by");
      const char *path = NULL;
      ShouEvidenceKind kind = SHOU_EVIDENCE_OTHER;
      g_autofree char *caption = NULL;

      if (id == NULL)
        continue;
      for (guint j = 0; local != NULL && j < local->len; j++)
        if (g_strcmp0 (get_string (g_ptr_array_index (local, j), "sha256"), id) == 0)
          path = get_string (g_ptr_array_index (local, j), "path");

      shou_evidence_kind_from_string (get_string (item, "kind"), &kind);
      caption = g_strdup_printf ("%s · %s", actor_label (by), shou_evidence_kind_get_label (kind));
      gtk_flow_box_append (self->evidence_box,
                           make_evidence_tile (path, get_string (item, "content_type"), caption));
      g_hash_table_add (shown, (gpointer) id);
      n_tiles++;
    }

  for (guint j = 0; local != NULL && j < local->len; j++)
    {
      JsonObject *item = g_ptr_array_index (local, j);
      const char *sha = get_string (item, "sha256");
      const char *state = get_string (item, "state");
      ShouEvidenceKind kind = SHOU_EVIDENCE_OTHER;
      g_autofree char *caption = NULL;

      if (sha == NULL || g_hash_table_contains (shown, sha))
        continue;

      shou_evidence_kind_from_string (get_string (item, "kind"), &kind);
      if (g_strcmp0 (state, "failed") == 0)
        caption = g_strdup_printf (_("%s · upload failed"), shou_evidence_kind_get_label (kind));
      else
        caption = g_strdup_printf (_("%s · waiting to upload"), shou_evidence_kind_get_label (kind));
      gtk_flow_box_append (self->evidence_box,
                           make_evidence_tile (get_string (item, "path"),
                                               get_string (item, "content_type"), caption));
      n_tiles++;
    }

  gtk_widget_set_visible (self->evidence_group, n_tiles > 0);
}

static gint64
logistics_stall_for (ShouPlatform platform)
{
  ShouProfiles *profiles = shou_profiles_get_default ();
  ShouProfile *profile = profiles != NULL ? shou_profiles_get (profiles, platform) : NULL;

  return profile != NULL ? shou_profile_get_logistics_stall (profile) : 0;
}

static void
render_logistics (ShouDetailPane *self,
                  ShouPlatform    platform)
{
  JsonObject *shipment = get_object (self->request, "return_shipment");
  JsonObject *address = get_object (self->request, "return_address");
  JsonObject *exchange = get_object (self->request, "exchange_shipment");
  g_autofree char *address_text = format_address (address);

  if (shipment == NULL)
    shipment = exchange;

  gtk_widget_set_visible (self->logistics_group, shipment != NULL || address != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->return_address_row), address != NULL);
  set_subtitle (self->return_address_row, address_text);

  if (shipment == NULL)
    {
      if (self->tracking_view != NULL)
        gtk_widget_set_visible (self->tracking_view, FALSE);
      return;
    }

  if (self->tracking_view == NULL)
    {
      self->tracking_view = shou_tracking_view_new ();
      gtk_box_append (self->tracking_box, self->tracking_view);
    }
  gtk_widget_set_visible (self->tracking_view, TRUE);
  shou_tracking_view_set_shipment (SHOU_TRACKING_VIEW (self->tracking_view), shipment,
                                   logistics_stall_for (platform),
                                   shou_clock_get_now (self->clock));
}

static void
render_pending (ShouDetailPane *self)
{
  JsonArray *pending = get_array (self->request, "pending_actions");
  JsonObject *conflict = get_object (self->request, "conflict");
  guint n = pending != NULL ? json_array_get_length (pending) : 0;

  self->has_conflict = conflict != NULL;
  gtk_info_bar_set_revealed (self->conflict_bar, conflict != NULL);
  if (conflict != NULL)
    {
      const char *action = get_string (conflict, "action");
      ShouAction action_value;
      g_autofree char *text = NULL;
      /* From the stored code, in the UI's language: never the server's text. */
      g_autofree char *message = shou_api_error_describe (get_string (conflict, "code"),
                                                          get_string (conflict, "reason"));

      if (action != NULL && shou_action_from_string (action, &action_value))
        /* Translators: "Agree refund: the request changed on the platform…" */
        text = g_strdup_printf (_("%s: %s"), shou_action_get_label (action_value),
                                message != NULL ? message : "");
      else
        text = g_strdup (message != NULL ? message : "");
      gtk_label_set_text (self->conflict_label, text);
    }

  gtk_revealer_set_reveal_child (self->pending_revealer, n > 0 && conflict == NULL);
  if (n > 0)
    {
      JsonObject *first = json_array_get_object_element (pending, 0);
      const char *action = get_string (first, "action");
      const char *error = get_string (first, "last_error");
      ShouAction action_value;
      const char *label;
      g_autofree char *text = NULL;

      if (action != NULL && shou_action_from_string (action, &action_value))
        label = shou_action_get_label (action_value);
      else
        label = _("Evidence upload");
      if (error != NULL && *error != '\0')
        {
          /* The stored code, said in the UI's language. */
          g_autofree char *said = shou_api_error_describe_attempt (error);

          /* Translators: first %s is an action ("Agree refund"), second the last error */
          text = g_strdup_printf (_("%s is saved and waiting to sync. Last attempt: %s"), label, said);
        }
      else
        text = g_strdup_printf (_("%s is saved and waiting to sync."), label);
      gtk_label_set_text (self->pending_label, text);
    }
}

static void
render (ShouDetailPane *self)
{
  JsonObject *order = get_object (self->request, "order");
  JsonObject *buyer = get_object (order, "buyer");
  JsonArray *lines = get_array (order, "lines");
  JsonObject *line = NULL;
  JsonArray *allowed = get_array (self->request, "allowed_actions");
  JsonArray *blocked = get_array (self->request, "blocked_actions");
  const char *line_id = get_string (self->request, "line_id");
  ShouPlatform platform = SHOU_PLATFORM_TAOBAO;
  ShouRequestType type = SHOU_REQUEST_REFUND_ONLY;
  ShouRequestStatus status = SHOU_STATUS_WAIT_SELLER;
  ShouLapse lapse = SHOU_LAPSE_NONE;
  gint64 deadline_at;
  g_autofree char *text = NULL;
  g_autofree char *amount = NULL;
  g_autofree char *paid = NULL;
  g_autofree char *phone = NULL;

  shou_platform_from_string (get_string (self->request, "platform"), &platform);
  shou_request_type_from_string (get_string (self->request, "type"), &type);
  shou_status_from_string (get_string (self->request, "status"), &status);
  shou_lapse_from_string (get_string (self->request, "on_lapse"), &lapse);
  self->version = json_object_get_int_member_with_default (self->request, "version", 0);

  for (guint i = 0; lines != NULL && i < json_array_get_length (lines); i++)
    {
      JsonObject *candidate = json_array_get_object_element (lines, i);

      if (line == NULL || g_strcmp0 (get_string (candidate, "id"), line_id) == 0)
        line = candidate;
    }

  /* Deadline */
  deadline_at = json_object_get_int_member_with_default (self->request, "deadline_at", 0);
  gtk_widget_set_visible (self->deadline_box, deadline_at != 0);
  shou_countdown_label_set_deadline (self->countdown, deadline_at, lapse);
  gtk_label_set_text (self->lapse_label,
                      lapse != SHOU_LAPSE_NONE ? shou_lapse_get_description (lapse) : "");
  if (deadline_at != 0)
    {
      g_autofree char *when = shou_time_format_local (deadline_at);
      g_free (text);
      /* Translators: %s is a date and time */
      text = g_strdup_printf (_("Deadline %s"), when);
      gtk_label_set_text (self->deadline_label, text);
    }

  /* Request */
  g_free (text);
  text = g_strdup_printf ("%s · %s · %s", shou_platform_get_label (platform),
                          shou_request_type_get_label (type), shou_status_get_label (status));
  set_subtitle (self->type_row, text);
  /* From the code, in the UI's language; the server's text only for unknown codes. */
  set_subtitle (self->reason_row, shou_buyer_reason_text (get_string (self->request, "reason_code"),
                                                         get_string (self->request, "reason_text")));
  set_subtitle (self->description_row, get_string (self->request, "buyer_text"));
  amount = shou_money_format (json_object_get_int_member_with_default (self->request, "amount_fen", 0));
  set_subtitle (self->amount_row, amount);

  /* Order */
  g_free (text);
  text = g_strdup_printf ("%s\n%s", get_string (line, "title") ? get_string (line, "title") : "",
                          get_string (line, "sku") ? get_string (line, "sku") : "");
  set_subtitle (self->goods_row, text);
  set_subtitle (self->order_row, get_string (order, "order_no"));
  paid = shou_money_format (json_object_get_int_member_with_default (order, "paid_fen", 0));
  g_free (text);
  /* Translators: "× 2 · paid ¥59.00" */
  text = g_strdup_printf (_("× %d · paid %s"),
                          (int) json_object_get_int_member_with_default (line, "quantity", 1), paid);
  set_subtitle (self->paid_row, text);
  phone = mask_phone (get_string (buyer, "phone"));
  g_free (text);
  text = g_strdup_printf ("%s  %s  %s",
                          get_string (buyer, "nick") ? get_string (buyer, "nick") : "",
                          get_string (buyer, "name") ? get_string (buyer, "name") : "",
                          phone != NULL ? phone : "");
  set_subtitle (self->buyer_row, g_strstrip (text));
  set_subtitle (self->address_row, get_string (buyer, "address"));

  render_logistics (self, platform);
  render_evidence (self);
  render_timeline (self);
  render_pending (self);

  /* Actions */
  self->allowed = 0;
  for (guint i = 0; i < SHOU_N_ACTIONS; i++)
    {
      self->reasons[i] = SHOU_REASON_NONE;
      g_clear_pointer (&self->messages[i], g_free);
    }
  for (guint i = 0; allowed != NULL && i < json_array_get_length (allowed); i++)
    {
      ShouAction action;

      if (shou_action_from_string (json_array_get_string_element (allowed, i), &action))
        self->allowed |= SHOU_ACTION_BIT (action);
    }
  for (guint i = 0; blocked != NULL && i < json_array_get_length (blocked); i++)
    {
      JsonObject *entry = json_array_get_object_element (blocked, i);
      ShouAction action;
      ShouReason reason = SHOU_REASON_NONE;

      if (!shou_action_from_string (get_string (entry, "action"), &action))
        continue;
      shou_reason_from_string (get_string (entry, "reason"), &reason);
      self->reasons[action] = reason;
      /* Core's translated sentence first: the server's text is in its own language. */
      if (reason == SHOU_REASON_NONE)
        self->messages[action] = g_strdup (get_string (entry, "message"));
    }
  update_actions (self);
}

void
shou_detail_pane_reload (ShouDetailPane *self)
{
  g_autoptr(GError) error = NULL;
  JsonObject *request = NULL;

  g_return_if_fail (SHOU_IS_DETAIL_PANE (self));

  g_clear_handle_id (&self->reload_id, g_source_remove);

  if (self->request_id != NULL && self->store != NULL)
    request = shou_store_get_request (self->store, self->request_id, &error);

  g_clear_pointer (&self->request, json_object_unref);
  self->request = request;

  if (request == NULL)
    {
      if (error != NULL && !g_error_matches (error, SHOU_STORE_ERROR, SHOU_STORE_ERROR_NOT_FOUND))
        g_debug ("Could not load request %s: %s", self->request_id, error->message);
      shou_countdown_label_set_deadline (self->countdown, 0, SHOU_LAPSE_NONE);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      self->allowed = 0;
      self->has_conflict = FALSE;
      update_actions (self);
      return;
    }

  render (self);
  gtk_stack_set_visible_child_name (self->stack, "request");
}

static gboolean
on_reload_timeout_cb (gpointer user_data)
{
  ShouDetailPane *self = user_data;

  self->reload_id = 0;
  shou_detail_pane_reload (self);

  return G_SOURCE_REMOVE;
}

static void
on_store_changed_cb (ShouDetailPane *self,
                     const char     *request_id)
{
  if (self->request_id == NULL)
    return;
  if (request_id != NULL && !g_str_equal (request_id, self->request_id))
    return;

  if (self->reload_id == 0)
    self->reload_id = g_timeout_add_full (G_PRIORITY_DEFAULT, 50, on_reload_timeout_cb, self, NULL);
}

static void
on_dialog_destroy_cb (ShouDetailPane *self,
                      GtkWindow      *dialog)
{
  if (self->dialog == dialog)
    self->dialog = NULL;
}

void
shou_detail_pane_set_dialog (ShouDetailPane *self,
                             GtkWindow      *dialog)
{
  g_return_if_fail (SHOU_IS_DETAIL_PANE (self));
  g_return_if_fail (dialog == NULL || GTK_IS_WINDOW (dialog));

  if (self->dialog != NULL)
    g_signal_handlers_disconnect_by_func (self->dialog, on_dialog_destroy_cb, self);
  self->dialog = dialog;
  if (dialog != NULL)
    {
      g_signal_connect_object (dialog, "destroy", G_CALLBACK (on_dialog_destroy_cb),
                               self, G_CONNECT_SWAPPED);
      gtk_window_present (dialog);
    }
}

static GtkWindow *
get_parent_window (ShouDetailPane *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
on_action_activated_cb (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  ShouDetailPane *self = SHOU_DETAIL_PANE (widget);
  const char *name = action_name + strlen ("request.");
  GtkWindow *dialog = NULL;

  if (self->request == NULL)
    return;

  if (g_str_equal (name, "agree-refund"))
    dialog = GTK_WINDOW (shou_agree_refund_dialog_new (self));
  else if (g_str_equal (name, "agree-return"))
    dialog = GTK_WINDOW (shou_agree_return_dialog_new (self));
  else if (g_str_equal (name, "confirm-receipt"))
    dialog = GTK_WINDOW (shou_confirm_receipt_dialog_new (self));
  else if (g_str_equal (name, "refuse-receipt"))
    dialog = GTK_WINDOW (shou_refuse_receipt_dialog_new (self));
  else if (g_str_equal (name, "reply"))
    dialog = GTK_WINDOW (shou_reply_dialog_new (self));
  else if (g_str_equal (name, "reject"))
    dialog = GTK_WINDOW (shou_negotiation_dialog_new (get_parent_window (self), self->store,
                                                      self->request_id));
  else if (g_str_equal (name, "ship-exchange"))
    dialog = shou_logistics_dialog_new (get_parent_window (self), self->store, self->request_id);
  else
    g_assert_not_reached ();

  shou_detail_pane_set_dialog (self, dialog);
}

static void
on_review_again_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  ShouDetailPane *self = SHOU_DETAIL_PANE (widget);
  g_autoptr(GError) error = NULL;

  if (self->request_id == NULL)
    return;

  if (!shou_store_resolve_conflict (self->store, self->request_id, &error))
    g_signal_emit (self, signals[TOAST], 0, error->message);

  shou_detail_pane_reload (self);
}

static void
shou_detail_pane_dispose (GObject *object)
{
  ShouDetailPane *self = SHOU_DETAIL_PANE (object);

  g_clear_handle_id (&self->reload_id, g_source_remove);
  if (self->dialog != NULL)
    {
      GtkWindow *dialog = self->dialog;

      shou_detail_pane_set_dialog (self, NULL);
      gtk_window_destroy (dialog);
    }
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), SHOU_TYPE_DETAIL_PANE);

  G_OBJECT_CLASS (shou_detail_pane_parent_class)->dispose (object);
}

static void
shou_detail_pane_finalize (GObject *object)
{
  ShouDetailPane *self = SHOU_DETAIL_PANE (object);

  g_clear_object (&self->store);
  g_clear_object (&self->clock);
  g_clear_pointer (&self->request, json_object_unref);
  g_free (self->request_id);
  for (guint i = 0; i < SHOU_N_ACTIONS; i++)
    g_free (self->messages[i]);

  G_OBJECT_CLASS (shou_detail_pane_parent_class)->finalize (object);
}

static void
shou_detail_pane_class_init (ShouDetailPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = shou_detail_pane_dispose;
  object_class->finalize = shou_detail_pane_finalize;

  signals[TOAST] =
    g_signal_new ("toast",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (SHOU_TYPE_COUNTDOWN_LABEL);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/shouhou/Shouhou/window/shou-detail-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, ShouDetailPane, stack);
  gtk_widget_class_bind_template_child (widget_class, ShouDetailPane, conflict_bar);
  gtk_widget_class_bind_template_child (widget_class, ShouDetailPane, conflict_label);
  gtk_widget_class_bind_template_child (widget_class, ShouDetailPane, pending_revealer);
  gtk_widget_class_bind_template_child (widget_class, ShouDetailPane, pending_label);
  gtk_widget_class_bind_template_child (widget_class, ShouDetailPane, scroller);
  gtk_widget_class_bind_template_child (widget_class, ShouDetailPane, countdown);
  gtk_widget_class_bind_template_child (widget_class, ShouDetailPane, lapse_label);
  gtk_widget_class_bind_template_child (widget_class, ShouDetailPane, deadline_label);
  gtk_widget_class_bind_template_child (widget_class, ShouDetailPane, deadline_box);
  gtk_widget_class_bind_template_child (widget_class, ShouDetailPane, type_row);
  gtk_widget_class_bind_template_child (widget_class, ShouDetailPane, reason_row);
  gtk_widget_class_bind_template_child (widget_class, ShouDetailPane, description_row);
  gtk_widget_class_bind_template_child (widget_class, ShouDetailPane, amount_row);
  gtk_widget_class_bind_template_child (widget_class, ShouDetailPane, goods_row);
  gtk_widget_class_bind_template_child (widget_class, ShouDetailPane, order_row);
  gtk_widget_class_bind_template_child (widget_class, ShouDetailPane, paid_row);
  gtk_widget_class_bind_template_child (widget_class, ShouDetailPane, buyer_row);
  gtk_widget_class_bind_template_child (widget_class, ShouDetailPane, address_row);
  gtk_widget_class_bind_template_child (widget_class, ShouDetailPane, logistics_group);
  gtk_widget_class_bind_template_child (widget_class, ShouDetailPane, return_address_row);
  gtk_widget_class_bind_template_child (widget_class, ShouDetailPane, tracking_box);
  gtk_widget_class_bind_template_child (widget_class, ShouDetailPane, evidence_group);
  gtk_widget_class_bind_template_child (widget_class, ShouDetailPane, evidence_box);
  gtk_widget_class_bind_template_child (widget_class, ShouDetailPane, timeline_group);
  gtk_widget_class_bind_template_child (widget_class, ShouDetailPane, timeline_list);
  gtk_widget_class_bind_template_child (widget_class, ShouDetailPane, action_bar);
  gtk_widget_class_bind_template_child (widget_class, ShouDetailPane, agree_refund_button);
  gtk_widget_class_bind_template_child (widget_class, ShouDetailPane, agree_return_button);
  gtk_widget_class_bind_template_child (widget_class, ShouDetailPane, confirm_receipt_button);
  gtk_widget_class_bind_template_child (widget_class, ShouDetailPane, refuse_receipt_button);
  gtk_widget_class_bind_template_child (widget_class, ShouDetailPane, reply_button);
  gtk_widget_class_bind_template_child (widget_class, ShouDetailPane, reject_button);
  gtk_widget_class_bind_template_child (widget_class, ShouDetailPane, ship_exchange_button);

  for (guint i = 0; i < G_N_ELEMENTS (action_infos); i++)
    {
      g_autofree char *name = g_strconcat ("request.", action_infos[i].name, NULL);

      gtk_widget_class_install_action (widget_class, name, NULL, on_action_activated_cb);
    }
  gtk_widget_class_install_action (widget_class, "request.review-again", NULL, on_review_again_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "detail-pane");
}

static void
shou_detail_pane_init (ShouDetailPane *self)
{
  GtkEventController *shortcuts;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Action shortcuts work wherever the focus is in the window (usually the
   * queue), so the seller can clear a request without leaving the list. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts), GTK_SHORTCUT_SCOPE_GLOBAL);
  for (guint i = 0; i < G_N_ELEMENTS (action_infos); i++)
    {
      g_autofree char *name = g_strconcat ("request.", action_infos[i].name, NULL);

      gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                            gtk_shortcut_new (gtk_keyval_trigger_new (action_infos[i].key,
                                                                                      GDK_CONTROL_MASK | GDK_SHIFT_MASK),
                                                              gtk_named_action_new (name)));
    }
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  update_actions (self);
}

void
shou_detail_pane_setup (ShouDetailPane *self,
                        ShouStore      *store,
                        ShouClock      *clock)
{
  g_return_if_fail (SHOU_IS_DETAIL_PANE (self));
  g_return_if_fail (SHOU_IS_STORE (store));
  g_return_if_fail (SHOU_IS_CLOCK (clock));
  g_return_if_fail (self->store == NULL);

  self->store = g_object_ref (store);
  self->clock = g_object_ref (clock);
  shou_countdown_label_set_clock (self->countdown, clock);
  g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed_cb), self, G_CONNECT_SWAPPED);
}

ShouStore *
shou_detail_pane_get_store (ShouDetailPane *self)
{
  g_return_val_if_fail (SHOU_IS_DETAIL_PANE (self), NULL);

  return self->store;
}

ShouClock *
shou_detail_pane_get_clock (ShouDetailPane *self)
{
  g_return_val_if_fail (SHOU_IS_DETAIL_PANE (self), NULL);

  return self->clock;
}

void
shou_detail_pane_set_request_id (ShouDetailPane *self,
                                 const char     *request_id)
{
  g_return_if_fail (SHOU_IS_DETAIL_PANE (self));

  if (g_strcmp0 (self->request_id, request_id) != 0)
    {
      g_free (self->request_id);
      self->request_id = g_strdup (request_id);
      gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
    }

  shou_detail_pane_reload (self);
}

const char *
shou_detail_pane_get_request_id (ShouDetailPane *self)
{
  g_return_val_if_fail (SHOU_IS_DETAIL_PANE (self), NULL);

  return self->request_id;
}

JsonObject *
shou_detail_pane_get_request (ShouDetailPane *self)
{
  g_return_val_if_fail (SHOU_IS_DETAIL_PANE (self), NULL);

  return self->request;
}

gboolean
shou_detail_pane_enqueue (ShouDetailPane *self,
                          ShouAction      action,
                          JsonObject     *params,
                          GError        **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *message = NULL;

  g_return_val_if_fail (SHOU_IS_DETAIL_PANE (self), FALSE);
  g_return_val_if_fail (params != NULL, FALSE);

  if (self->request_id == NULL)
    return FALSE;

  if (!shou_store_enqueue_action (self->store, self->request_id, action, params,
                                  self->version, &local_error))
    {
      g_signal_emit (self, signals[TOAST], 0, local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  /* Translators: %s is an action such as "Agree refund" */
  message = g_strdup_printf (_("%s: saved, waiting to sync"), shou_action_get_label (action));
  g_signal_emit (self, signals[TOAST], 0, message);
  shou_detail_pane_reload (self);

  return TRUE;
}

GtkWidget *
shou_detail_pane_get_action_button (ShouDetailPane *self,
                                    const char     *action_name)
{
  g_return_val_if_fail (SHOU_IS_DETAIL_PANE (self), NULL);
  g_return_val_if_fail (action_name != NULL, NULL);

  return button_for (self, action_name);
}

GtkWindow *
shou_detail_pane_get_dialog (ShouDetailPane *self)
{
  g_return_val_if_fail (SHOU_IS_DETAIL_PANE (self), NULL);

  return self->dialog;
}

void
shou_detail_pane_focus_actions (ShouDetailPane *self)
{
  g_return_if_fail (SHOU_IS_DETAIL_PANE (self));

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->action_bar));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_child_focus (child, GTK_DIR_TAB_FORWARD))
      return;
}

gboolean
shou_detail_pane_is_action_enabled (ShouDetailPane *self,
                                    const char     *action_name)
{
  const ActionInfo *info;

  g_return_val_if_fail (SHOU_IS_DETAIL_PANE (self), FALSE);

  info = find_action_info (action_name);
  if (info == NULL || self->request == NULL)
    return FALSE;

  return (self->allowed & (SHOU_ACTION_BIT (info->action) | SHOU_ACTION_BIT (info->alt_action))) != 0;
}
