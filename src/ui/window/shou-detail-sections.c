/* shou-detail-sections.c
 *
 * Copyright 2026 The Shouhou authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "core/shou-event-text.h"
#include "core/shou-sensitive.h"
#include "sync/shou-api-errors.h"
#include "ui/evidence/shou-logistics.h"
#include "shou-countdown-label.h"
#include "shou-detail-sections.h"
#include "ui/autorules/shou-autorule-text.h"
#include "ui/negotiation/shou-negotiation-state.h"

const char *
shou_json_get_string (JsonObject *object,
                      const char *member)
{
  if (object == NULL)
    return NULL;

  return json_object_get_string_member_with_default (object, member, NULL);
}

JsonObject *
shou_json_get_object (JsonObject *object,
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

JsonArray *
shou_json_get_array (JsonObject *object,
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

void
shou_detail_set_subtitle (AdwActionRow *row,
                          const char   *text)
{
  gboolean empty = text == NULL || *text == '\0';

  adw_action_row_set_subtitle (row, empty ? "—" : text);
}

void
shou_detail_render_buyer_risk (AdwActionRow *row,
                               const char   *buyer_text,
                               ShouPlatform  platform)
{
  g_autofree char *word = NULL;
  ShouBuyerRisk risks = shou_sensitive_buyer_risks (buyer_text, platform, &word);
  const char *title = NULL;
  const char *advice = NULL;

  if ((risks & SHOU_BUYER_RISK_ACCOUNT) && (risks & SHOU_BUYER_RISK_LINK))
    {
      title = _("The buyer offers an outside account and sent a link that is not the platform’s");
      advice = _("Do not reply to the account and do not open the link. Pay any difference only through the platform; if the buyer asks about the link, say that it does not open.");
    }
  else if (risks & SHOU_BUYER_RISK_ACCOUNT)
    {
      title = _("The buyer offers an outside account");
      advice = _("Do not reply to it. Pay any difference only through the platform (a small payment from the order), never to an outside account.");
    }
  else if (risks & SHOU_BUYER_RISK_LINK)
    {
      title = _("The buyer sent a link that is not the platform’s");
      advice = _("Do not open it. If the buyer asks, say that it does not open.");
    }
  gtk_widget_set_visible (GTK_WIDGET (row), title != NULL);
  if (title == NULL)
    return;
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (row, advice);
}

char *
shou_detail_format_address (JsonObject *address)
{
  if (address == NULL)
    return NULL;

  return g_strdup_printf ("%s %s\n%s%s%s%s",
                          shou_json_get_string (address, "name") ? shou_json_get_string (address, "name") : "",
                          shou_json_get_string (address, "phone") ? shou_json_get_string (address, "phone") : "",
                          shou_json_get_string (address, "province") ? shou_json_get_string (address, "province") : "",
                          shou_json_get_string (address, "city") ? shou_json_get_string (address, "city") : "",
                          shou_json_get_string (address, "district") ? shou_json_get_string (address, "district") : "",
                          shou_json_get_string (address, "street") ? shou_json_get_string (address, "street") : "");
}

char *
shou_detail_mask_phone (const char *phone)
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

void
shou_detail_render_timeline (GtkListBox *timeline_list,
                             GtkWidget  *timeline_group,
                             JsonObject *request)
{
  JsonArray *timeline = shou_json_get_array (request, "timeline");
  guint n = timeline != NULL ? json_array_get_length (timeline) : 0;

  clear_children (GTK_WIDGET (timeline_list));
  gtk_widget_set_visible (timeline_group, n > 0);

  /* Newest first: what happened last matters most. */
  for (guint i = n; i > 0; i--)
    {
      JsonObject *event = json_array_get_object_element (timeline, i - 1);
      const char *actor = shou_json_get_string (event, "actor");
      /* Said from its kind in the UI's language; the platform's own
       * sentence only for a kind the app does not know. */
      g_autofree char *text = shou_event_text_format (event);
      g_autofree char *when = shou_time_format_local (json_object_get_int_member_with_default (event, "at", 0));
      g_autofree char *title = NULL;
      GtkWidget *row = adw_action_row_new ();

      title = g_strdup_printf ("%s · %s", actor_label (actor), when);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), text != NULL ? text : "");
      if (actor != NULL)
        {
          g_autofree char *css = g_strconcat ("actor-", actor, NULL);
          gtk_widget_add_css_class (row, css);
        }
      gtk_list_box_append (timeline_list, row);
    }
}

void
shou_detail_render_rule_actions (GtkListBox *timeline_list,
                                 GtkWidget  *timeline_group,
                                 ShouStore  *store,
                                 const char *request_key)
{
  g_autoptr(GPtrArray) log = NULL;
  gint64 now = g_get_real_time ();

  if (store == NULL || request_key == NULL)
    return;
  log = shou_store_list_autorule_log (store, NULL, request_key, 20, now);
  /* Oldest first at the top, so that the newest ends up first. */
  for (guint i = log->len; i > 0; i--)
    {
      ShouAutoruleLogEntry *e = log->pdata[i - 1];
      g_autofree char *rule = g_strdup_printf (_("Rule: %s"), e->rule_name);
      g_autofree char *when = shou_time_format_local (e->at);
      g_autofree char *title = g_strdup_printf ("%s · %s", rule, when);
      g_autofree char *subtitle = g_strdup_printf ("%s · %s", shou_autorule_action_get_label (e->action),
                                                   shou_autorule_log_state_get_label (e->state));
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_add_css_class (row, "actor-seller");
      gtk_list_box_prepend (timeline_list, row);
    }
  if (log->len > 0)
    gtk_widget_set_visible (timeline_group, TRUE);
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

void
shou_detail_render_evidence (GtkFlowBox *evidence_box,
                             GtkWidget  *evidence_group,
                             ShouStore  *store,
                             const char *request_id,
                             JsonObject *request)
{
  JsonArray *remote = shou_json_get_array (request, "evidence");
  g_autoptr(GPtrArray) local = shou_store_list_evidence (store, request_id);
  g_autoptr(GHashTable) shown = g_hash_table_new (g_str_hash, g_str_equal);
  guint n_remote = remote != NULL ? json_array_get_length (remote) : 0;
  guint n_tiles = 0;

  clear_children (GTK_WIDGET (evidence_box));

  for (guint i = 0; i < n_remote; i++)
    {
      JsonObject *item = json_array_get_object_element (remote, i);
      const char *id = shou_json_get_string (item, "id");
      const char *by = shou_json_get_string (item, "by");
      const char *path = NULL;
      ShouEvidenceKind kind = SHOU_EVIDENCE_OTHER;
      g_autofree char *caption = NULL;

      if (id == NULL)
        continue;
      for (guint j = 0; local != NULL && j < local->len; j++)
        if (g_strcmp0 (shou_json_get_string (g_ptr_array_index (local, j), "sha256"), id) == 0)
          path = shou_json_get_string (g_ptr_array_index (local, j), "path");

      shou_evidence_kind_from_string (shou_json_get_string (item, "kind"), &kind);
      caption = g_strdup_printf ("%s · %s", actor_label (by), shou_evidence_kind_get_label (kind));
      gtk_flow_box_append (evidence_box,
                           make_evidence_tile (path, shou_json_get_string (item, "content_type"), caption));
      g_hash_table_add (shown, (gpointer) id);
      n_tiles++;
    }

  for (guint j = 0; local != NULL && j < local->len; j++)
    {
      JsonObject *item = g_ptr_array_index (local, j);
      const char *sha = shou_json_get_string (item, "sha256");
      const char *state = shou_json_get_string (item, "state");
      ShouEvidenceKind kind = SHOU_EVIDENCE_OTHER;
      g_autofree char *caption = NULL;

      if (sha == NULL || g_hash_table_contains (shown, sha))
        continue;

      shou_evidence_kind_from_string (shou_json_get_string (item, "kind"), &kind);
      if (g_strcmp0 (state, "failed") == 0)
        caption = g_strdup_printf (_("%s · upload failed"), shou_evidence_kind_get_label (kind));
      else
        caption = g_strdup_printf (_("%s · waiting to upload"), shou_evidence_kind_get_label (kind));
      gtk_flow_box_append (evidence_box,
                           make_evidence_tile (shou_json_get_string (item, "path"),
                                               shou_json_get_string (item, "content_type"), caption));
      n_tiles++;
    }

  gtk_widget_set_visible (evidence_group, n_tiles > 0);
}

/* The bundled profile @request was opened under (its profile_version), or
 * the platform's current one. */
const ShouProfile *
shou_detail_request_profile (JsonObject *request)
{
  const char *version = json_object_get_string_member_with_default (request, "profile_version", NULL);
  ShouProfiles *profiles = shou_profiles_get_default ();
  ShouPlatform platform;
  const ShouProfile *profile = NULL;

  if (profiles == NULL ||
      !shou_platform_from_string (json_object_get_string_member_with_default (request, "platform", ""),
                                  &platform))
    return NULL;
  if (version != NULL)
    profile = shou_profiles_get_version (profiles, platform, version);
  if (profile == NULL)
    profile = shou_profiles_get (profiles, platform);
  if (profile == NULL && platform == SHOU_PLATFORM_TMALL)
    profile = shou_profiles_get (profiles, SHOU_PLATFORM_TAOBAO);
  return profile;
}

gboolean
shou_detail_deadline_is_practice (JsonObject *request)
{
  const char *rule_id = json_object_get_string_member_with_default (request, "deadline_rule", NULL);
  const ShouProfile *profile;
  const ShouDeadlineRule *rule;

  if (rule_id == NULL || (profile = shou_detail_request_profile (request)) == NULL)
    return FALSE;
  rule = shou_profile_get_deadline_by_id (profile, rule_id);
  return rule != NULL && rule->practice;
}

const char *
shou_detail_platform_deadline_text (JsonObject *request)
{
  const char *rule_id = json_object_get_string_member_with_default (request, "deadline_rule", NULL);

  if (g_strcmp0 (json_object_get_string_member_with_default (request, "deadline_actor", NULL), "platform") != 0)
    return NULL;
  /* 001 篇五: 淘宝小二会在接到响应的2个工作日内介入 … 在7个工作日内处理完毕. */
  if (g_strcmp0 (rule_id, "platform-reply") == 0)
    return _("The platform's deadline: it replies to both sides by then (working days)");
  if (g_strcmp0 (rule_id, "platform-resolve") == 0)
    return _("The platform's deadline: it resolves the case by then (working days)");
  return _("The platform's deadline: it acts by then");
}

gint64
shou_detail_evidence_closed_at (JsonObject *request,
                                gint64      now)
{
  const ShouProfile *profile = shou_detail_request_profile (request);
  const char *escalate = shou_event_kind_to_string (SHOU_EVENT_BUYER_ESCALATE);
  JsonArray *timeline = shou_json_get_array (request, "timeline");
  ShouRequestState state;
  gint64 closes_at = 0;

  if (profile == NULL || !shou_nego_state_from_json (request, &state) || state.status != SHOU_STATUS_INTERVENTION)
    return 0;
  /* The evidence period runs from the ticket (the buyer's escalation), not
   * from whatever happened last on the request. */
  for (guint i = 0; timeline != NULL && i < json_array_get_length (timeline); i++)
    {
      JsonNode *node = json_array_get_element (timeline, i);

      if (JSON_NODE_HOLDS_OBJECT (node) &&
          g_strcmp0 (shou_json_get_string (json_node_get_object (node), "kind"), escalate) == 0)
        state.status_since = json_object_get_int_member_with_default (json_node_get_object (node), "at",
                                                                      state.status_since);
    }
  if (shou_rules_can_add_evidence (profile, &state, now, &closes_at, NULL))
    return 0;
  return closes_at;
}

/* Before the deadline the card says what will happen; once it passed, that
 * the platform has yet to act, and since when. The clock keeps it true. */
void
shou_detail_render_deadline (GtkLabel  *deadline_label,
                             GtkLabel  *lapse_label,
                             GtkWidget *deadline_box,
                             gint64     deadline_at,
                             ShouLapse  on_lapse,
                             gboolean   practice,
                             gint64     now)
{
  gboolean lapsed = shou_deadline_is_lapsed (deadline_at, now) && on_lapse != SHOU_LAPSE_NONE;
  g_autofree char *when = NULL;
  g_autofree char *text = NULL;

  if (deadline_at == 0)
    return;

  when = shou_time_format_local (deadline_at);
  if (lapsed)
    {
      g_autofree char *ago = shou_countdown_format (deadline_at, now);

      /* Translators: first %s is "2 h overdue", second a date and time */
      text = g_strdup_printf (_("%s (deadline %s). The platform applies it at its next check; sync then shows what it did."),
                              ago, when);
      gtk_label_set_text (lapse_label, "");
      gtk_widget_set_visible (GTK_WIDGET (lapse_label), FALSE);
    }
  else
    {
      g_autofree char *lapse = NULL;

      /* Translators: %s is a date and time */
      text = g_strdup_printf (_("Deadline %s"), when);

      if (practice)
        /* Translators: %s says what happens when the deadline passes */
        lapse = g_strdup_printf (_("%s (shop practice: the platform's published rules do not state this time limit)"),
                                 shou_deadline_describe (deadline_at, on_lapse, now));
      else
        lapse = g_strdup (shou_deadline_describe (deadline_at, on_lapse, now));
      if (g_strcmp0 (gtk_label_get_text (lapse_label), lapse) != 0)
        gtk_label_set_text (lapse_label, lapse);
      gtk_widget_set_visible (GTK_WIDGET (lapse_label), on_lapse != SHOU_LAPSE_NONE);
    }
  if (g_strcmp0 (gtk_label_get_text (deadline_label), text) != 0)
    gtk_label_set_text (deadline_label, text);

  if (lapsed)
    gtk_widget_add_css_class (deadline_box, "lapsed");
  else
    gtk_widget_remove_css_class (deadline_box, "lapsed");
}

gboolean
shou_detail_render_pending (GtkInfoBar  *conflict_bar,
                            GtkLabel    *conflict_label,
                            GtkRevealer *pending_revealer,
                            GtkLabel    *pending_label,
                            JsonObject  *request)
{
  JsonArray *pending = shou_json_get_array (request, "pending_actions");
  JsonObject *conflict = shou_json_get_object (request, "conflict");
  guint n = pending != NULL ? json_array_get_length (pending) : 0;

  gtk_info_bar_set_revealed (conflict_bar, conflict != NULL);
  if (conflict != NULL)
    {
      const char *action = shou_json_get_string (conflict, "action");
      ShouAction action_value;
      g_autofree char *text = NULL;
      /* From the stored code, in the UI's language: never the server's text. */
      g_autofree char *message = shou_api_error_describe (shou_json_get_string (conflict, "code"),
                                                          shou_json_get_string (conflict, "reason"));

      if (action != NULL && shou_action_from_string (action, &action_value))
        /* Translators: "Agree refund: the request changed on the platform…" */
        text = g_strdup_printf (_("%s: %s"), shou_action_get_label (action_value),
                                message != NULL ? message : "");
      else
        text = g_strdup (message != NULL ? message : "");
      gtk_label_set_text (conflict_label, text);
    }

  gtk_revealer_set_reveal_child (pending_revealer, n > 0 && conflict == NULL);
  if (n > 0)
    {
      JsonObject *first = json_array_get_object_element (pending, 0);
      const char *action = shou_json_get_string (first, "action");
      const char *error = shou_json_get_string (first, "last_error");
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
      gtk_label_set_text (pending_label, text);
    }

  return conflict != NULL;
}

static gint64
logistics_stall_for (ShouPlatform platform)
{
  ShouProfiles *profiles = shou_profiles_get_default ();
  ShouProfile *profile = profiles != NULL ? shou_profiles_get (profiles, platform) : NULL;

  return profile != NULL ? shou_profile_get_logistics_stall (profile) : 0;
}

void
shou_detail_render_logistics (const ShouDetailLogistics *w,
                              JsonObject                *request,
                              ShouPlatform               platform,
                              gint64                     now)
{
  JsonObject *shipment = shou_json_get_object (request, "return_shipment");
  JsonObject *address = shou_json_get_object (request, "return_address");
  JsonObject *exchange = shou_json_get_object (request, "exchange_shipment");
  g_autofree char *address_text = shou_detail_format_address (address);

  /* The goods the seller sent back (exchange, resend) have their own
   * tracking, apart from the buyer's return. */
  gtk_widget_set_visible (w->exchange_group, exchange != NULL);
  if (exchange != NULL)
    {
      if (*w->exchange_view == NULL)
        {
          *w->exchange_view = shou_tracking_view_new ();
          gtk_widget_set_name (*w->exchange_view, "exchange-tracking");
          gtk_box_append (w->exchange_box, *w->exchange_view);
        }
      shou_tracking_view_set_shipment (SHOU_TRACKING_VIEW (*w->exchange_view), exchange,
                                       logistics_stall_for (platform),
                                       now);
    }

  gtk_widget_set_visible (w->logistics_group, shipment != NULL || address != NULL);
  gtk_widget_set_visible (w->return_address_row, address != NULL);
  shou_detail_set_subtitle (ADW_ACTION_ROW (w->return_address_row), address_text);

  if (shipment == NULL)
    {
      if (*w->tracking_view != NULL)
        gtk_widget_set_visible (*w->tracking_view, FALSE);
      return;
    }

  if (*w->tracking_view == NULL)
    {
      *w->tracking_view = shou_tracking_view_new ();
      gtk_box_append (w->tracking_box, *w->tracking_view);
    }
  gtk_widget_set_visible (*w->tracking_view, TRUE);
  shou_tracking_view_set_shipment (SHOU_TRACKING_VIEW (*w->tracking_view), shipment,
                                   logistics_stall_for (platform),
                                   now);
}

/* Pinduoduo's 退货包运费 (003: computed within 24 h after the seller agrees
 * and gives the return address), from API.md "return_postage_subsidy";
 * %NULL when the request does not carry it or the state is unknown. */
static char *
postage_subsidy_text (JsonObject *request)
{
  JsonObject *subsidy = shou_json_get_object (request, "return_postage_subsidy");
  const char *state = subsidy != NULL ? shou_json_get_string (subsidy, "state") : NULL;
  gint64 fen = subsidy != NULL ? json_object_get_int_member_with_default (subsidy, "amount_fen", 0) : 0;

  if (g_strcmp0 (state, "computing") == 0)
    return g_strdup (_("Return postage subsidy: being computed"));
  if (g_strcmp0 (state, "granted") == 0 && fen > 0)
    {
      g_autofree char *money = shou_money_format (fen);

      /* Translators: %s is an amount (¥8.00) */
      return g_strdup_printf (_("Return postage subsidy granted · %s"), money);
    }
  if (g_strcmp0 (state, "granted") == 0)
    return g_strdup (_("Return postage subsidy granted"));
  if (g_strcmp0 (state, "not_granted") == 0)
    return g_strdup (_("No return postage subsidy"));
  return NULL;
}

void
shou_detail_render_postage (AdwActionRow *row,
                            JsonObject   *request,
                            ShouPlatform  platform)
{
  ShouRequestType type = SHOU_REQUEST_REFUND_ONLY;
  gint64 fen = json_object_get_int_member_with_default (request, "shipping_fen", 0);
  g_autofree char *money = shou_money_format (fen);
  g_autofree char *text = NULL;
  ShouActor payer;

  shou_request_type_from_string (shou_json_get_string (request, "type"), &type);
  payer = shou_return_postage_payer (type, shou_json_get_string (request, "reason_code"));
  gtk_widget_set_visible (GTK_WIDGET (row), payer != SHOU_ACTOR_SYSTEM);
  if (payer == SHOU_ACTOR_SYSTEM)
    return;
  if (payer == SHOU_ACTOR_SELLER)
    text = fen > 0 ? g_strdup_printf (_("The seller pays both ways · %s"), money)
                   : g_strdup (_("The seller pays both ways"));
  else
    text = fen > 0 ? g_strdup_printf (_("The buyer pays the return · %s"), money)
                   : g_strdup (_("The buyer pays the return"));
  {
    g_autofree char *subsidy = postage_subsidy_text (request);

    if (subsidy != NULL)
      {
        g_autofree char *both = g_strdup_printf ("%s · %s", text, subsidy);

        g_free (text);
        text = g_steal_pointer (&both);
      }
  }
  shou_detail_set_subtitle (row, text);
}
