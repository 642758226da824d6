/* shou-detail-sections.h: the sections of the detail pane that show a
 * request's data (deadline card, timeline, evidence, pending and conflicting
 * actions), drawn from the request as shou_store_get_request () gives it. */
#pragma once

#include <adwaita.h>
#include <json-glib/json-glib.h>

#include "store/shou-store.h"

G_BEGIN_DECLS

/* A member of @object, or NULL when @object is NULL or the member is
 * missing or of another kind. */
const char *shou_json_get_string        (JsonObject  *object,
                                         const char  *member);
JsonObject *shou_json_get_object        (JsonObject  *object,
                                         const char  *member);
JsonArray  *shou_json_get_array         (JsonObject  *object,
                                         const char  *member);

/* "—" for an empty @text. */
void        shou_detail_set_subtitle    (AdwActionRow *row,
                                         const char   *text);
char       *shou_detail_format_address  (JsonObject  *address);
/* Shows @row (hidden otherwise) when the buyer's text offers an outside
 * account or a link that is not @platform's, with the advice of the
 * platforms' own rules. */
void        shou_detail_render_buyer_risk (AdwActionRow *row,
                                           const char   *buyer_text,
                                           ShouPlatform  platform);
/* Never a full number, even if the API sent one. */
char       *shou_detail_mask_phone      (const char  *phone);

/* @practice: the profile marks the running rule as practice, not a
 * platform's stated rule (data/profiles/README.md); the card says so. */
void        shou_detail_render_deadline (GtkLabel    *deadline_label,
                                         GtkLabel    *lapse_label,
                                         GtkWidget   *deadline_box,
                                         gint64       deadline_at,
                                         ShouLapse    on_lapse,
                                         gboolean     practice,
                                         gint64       now);
/* The bundled profile @request was opened under (its profile_version), or
 * its platform's current one; %NULL if none. */
const ShouProfile *shou_detail_request_profile (JsonObject *request);
/* Whether @request's running deadline rule (deadline_rule, under its
 * profile_version) is marked as practice in the bundled profiles. */
gboolean    shou_detail_deadline_is_practice (JsonObject *request);
/* What a deadline on the platform's side means (deadline_actor platform,
 * e.g. Taobao's intervention reply and resolution), or %NULL. */
const char *shou_detail_platform_deadline_text (JsonObject *request);
/* When the evidence period of @request's intervention ended (Pinduoduo's
 * 48 h from the ticket, 003 §四), if it has by @now; else 0 (still open, or
 * no such period). */
gint64      shou_detail_evidence_closed_at (JsonObject *request,
                                            gint64      now);
/* Newest first. */
void        shou_detail_render_timeline (GtkListBox  *timeline_list,
                                         GtkWidget   *timeline_group,
                                         JsonObject  *request);
/* What automatic rules did to the request, "规则：<name>", before the
 * timeline's newest entry. */
void        shou_detail_render_rule_actions (GtkListBox  *timeline_list,
                                             GtkWidget   *timeline_group,
                                             ShouStore   *store,
                                             const char  *request_key);
/* The platform's evidence, then the local files still to upload. */
void        shou_detail_render_evidence (GtkFlowBox  *evidence_box,
                                         GtkWidget   *evidence_group,
                                         ShouStore   *store,
                                         const char  *request_id,
                                         JsonObject  *request);
/* The logistics sections: the return (address and tracking) and the goods
 * the seller sent (exchange, resend). The tracking views are made when first
 * needed, into *tracking_view and *exchange_view. */
typedef struct
{
  GtkWidget  *logistics_group;
  GtkWidget  *return_address_row;
  GtkBox     *tracking_box;
  GtkWidget **tracking_view;
  GtkWidget  *exchange_group;
  GtkBox     *exchange_box;
  GtkWidget **exchange_view;
} ShouDetailLogistics;

void        shou_detail_render_logistics (const ShouDetailLogistics *logistics,
                                          JsonObject                *request,
                                          ShouPlatform               platform,
                                          gint64                     now);
/* The conflict bar, else the first action waiting to sync. TRUE when the
 * request has a conflict. */
gboolean    shou_detail_render_pending  (GtkInfoBar  *conflict_bar,
                                         GtkLabel    *conflict_label,
                                         GtkRevealer *pending_revealer,
                                         GtkLabel    *pending_label,
                                         JsonObject  *request);

/* Who pays the return postage and how much (the order's postage, as the
 * platform reports it in shipping_fen), and Pinduoduo's 退货包运费 subsidy
 * state when the request carries "return_postage_subsidy"; hidden when no
 * goods go back. */
void        shou_detail_render_postage   (AdwActionRow              *row,
                                          JsonObject                *request,
                                          ShouPlatform               platform);

G_END_DECLS
