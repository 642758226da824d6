/* shou-hub-platform.h: the hub's upstream, one interface for every
 * platform (src/hub/platforms/<name>/, the simulated one in src/sim/).
 *
 * The hub serves its desktops from its own store; a platform keeps that
 * store in step with the shop's truth and carries the seller's actions to
 * the shop. Every method that writes runs inside the caller's store
 * transaction and writes the result to the store in it, so that the
 * idempotent answer, the version check and the feed entry commit together. */
#pragma once

#include "hub/shou-hub-failure.h"
#include "hub/shou-hub-store.h"

G_BEGIN_DECLS

#define SHOU_TYPE_HUB_PLATFORM (shou_hub_platform_get_type ())
G_DECLARE_INTERFACE (ShouHubPlatform, shou_hub_platform, SHOU, HUB_PLATFORM, GObject)

/* One pending action of a batch (shou_hub_platform_perform_batch). */
typedef struct
{
  ShouHubAftersale *as;        /* fetched in the caller's transaction */
  const ShouEvent  *event;
  JsonObject       *params;    /* may be %NULL */
  ShouHubFailure   *failure;   /* out: %NULL when the action went through */
} ShouHubBatchItem;

struct _ShouHubPlatformInterface
{
  GTypeInterface parent_iface;

  gint64             (*now)             (ShouHubPlatform   *self);
  const ShouProfile *(*get_profile)     (ShouHubPlatform   *self,
                                         ShouPlatform       platform);
  gint64             (*pull_changes)    (ShouHubPlatform   *self,
                                         gint64             checkpoint,
                                         GError           **error);
  ShouHubAftersale  *(*fetch_request)   (ShouHubPlatform   *self,
                                         const char        *merchant_id,
                                         const char        *id);
  JsonObject        *(*render_request)  (ShouHubPlatform   *self,
                                         ShouHubAftersale  *as);
  gboolean           (*perform_action)  (ShouHubPlatform   *self,
                                         ShouHubAftersale  *as,
                                         const ShouEvent   *event,
                                         JsonObject        *params,
                                         gint64             at,
                                         ShouHubFailure   **failure);
  gboolean           (*upload_evidence) (ShouHubPlatform   *self,
                                         ShouHubAftersale  *as,
                                         const char        *sha256,
                                         const char        *content_type,
                                         GBytes            *bytes,
                                         const char        *kind,
                                         gint64             at,
                                         GError           **error);
  JsonArray         *(*list_addresses)  (ShouHubPlatform   *self,
                                         const char        *merchant_id,
                                         const char        *shop_id);
  gboolean           (*change_address)  (ShouHubPlatform   *self,
                                         const char        *merchant_id,
                                         const char        *shop_id,
                                         const char        *address_id,
                                         JsonObject        *address,
                                         gint64             version,
                                         GError           **error);
  const char        *(*carrier_name)    (ShouHubPlatform   *self,
                                         const char        *code);
  /* Optional (%NULL for a platform without authorisations). */
  const char        *(*shop_state)      (ShouHubPlatform   *self,
                                         const char        *shop_id);
  /* Optional: the platform's authorisation page for @redirect_uri, the
   * exchange of what the seller pasted (code or redirect URL), and a token
   * obtained elsewhere (lifetime @expires_at, unix seconds). */
  char              *(*auth_url)        (ShouHubPlatform   *self,
                                         const char        *redirect_uri,
                                         const char        *state);
  gboolean           (*authorise)       (ShouHubPlatform   *self,
                                         const char        *shop_id,
                                         const char        *pasted,
                                         GError           **error);
  gboolean           (*set_token)       (ShouHubPlatform   *self,
                                         const char        *shop_id,
                                         const char        *access_token,
                                         gint64             expires_at,
                                         GError           **error);
  /* Optional (%NULL: the platform offers no merchant cancellation). */
  JsonObject        *(*cancel_order)    (ShouHubPlatform   *self,
                                         const char        *merchant_id,
                                         const char        *order_id,
                                         gboolean           buyer_consulted,
                                         gint64             at,
                                         ShouHubFailure   **failure);
  /* Optional: carries pending actions together, grouped into the
   * platform's batch calls within its profile's limits (%NULL: one by one
   * through perform_action). */
  void               (*perform_batch)   (ShouHubPlatform   *self,
                                         ShouHubBatchItem  *items,
                                         guint              n,
                                         gint64             at);
};

/* The platform's clock (UTC microseconds): real time for a real platform,
 * the simulator's virtual clock for the simulated one. */
gint64             shou_hub_platform_now             (ShouHubPlatform   *self);
/* The rule profile the platform applies. (transfer none) */
const ShouProfile *shou_hub_platform_get_profile     (ShouHubPlatform   *self,
                                                      ShouPlatform       platform);
/* The profile that runs @as: the version it was opened under
 * (shou_hub_aftersale_resolve_profile), else the platform's. (transfer none) */
const ShouProfile *shou_hub_platform_get_request_profile (ShouHubPlatform  *self,
                                                          ShouHubAftersale *as);
/* Brings what changed on the platform since @checkpoint into the store
 * (new and changed requests, orders, addresses, timeouts the platform
 * applied) and returns the new checkpoint, or -1 with @error. */
gint64             shou_hub_platform_pull_changes    (ShouHubPlatform   *self,
                                                      gint64             checkpoint,
                                                      GError           **error);
/* One request of @merchant_id, fresh from the platform (and stored), or
 * %NULL when there is none. Inside a transaction the row stays locked
 * until commit. (transfer full) */
ShouHubAftersale  *shou_hub_platform_fetch_request   (ShouHubPlatform   *self,
                                                      const char        *merchant_id,
                                                      const char        *id);
/* The request in the contract's shape (API.md "aftersale"). (transfer full) */
JsonObject        *shou_hub_platform_render_request  (ShouHubPlatform   *self,
                                                      ShouHubAftersale  *as);
/* Performs the seller's @event on the platform at @at. On success @as is
 * the new state, saved in the store; else @failure says why (422 with
 * core's reason, or what the platform answered). */
gboolean           shou_hub_platform_perform_action  (ShouHubPlatform   *self,
                                                      ShouHubAftersale  *as,
                                                      const ShouEvent   *event,
                                                      JsonObject        *params,
                                                      gint64             at,
                                                      ShouHubFailure   **failure);
/* Performs @n pending actions at @at, each as perform_action would, but
 * grouped into the platform's batch calls where it has them (Taobao: 20
 * refunds / 6,000 yuan an agree call, from the rule profile). Each item's
 * outcome is its own: a failure of one leaves the others done. Every item
 * that went through is saved in the caller's transaction. Returns how many
 * went through. */
guint              shou_hub_platform_perform_batch   (ShouHubPlatform   *self,
                                                      ShouHubBatchItem  *items,
                                                      guint              n,
                                                      gint64             at);
/* Whether the platform has batch calls (perform_batch): the hub then
 * gathers agree_refund actions that arrive close together. */
gboolean           shou_hub_platform_has_batch       (ShouHubPlatform   *self);
/* Uploads checked evidence and attaches it to @as (saved). */
gboolean           shou_hub_platform_upload_evidence (ShouHubPlatform   *self,
                                                      ShouHubAftersale  *as,
                                                      const char        *sha256,
                                                      const char        *content_type,
                                                      GBytes            *bytes,
                                                      const char        *kind,
                                                      gint64             at,
                                                      GError           **error);
/* The shop's return addresses (API.md shapes). (transfer full) */
JsonArray         *shou_hub_platform_list_addresses  (ShouHubPlatform   *self,
                                                      const char        *merchant_id,
                                                      const char        *shop_id);
/* Creates (@address_id new), changes or, with @address %NULL, deletes a
 * return address at @version, and stores it. */
gboolean           shou_hub_platform_change_address  (ShouHubPlatform   *self,
                                                      const char        *merchant_id,
                                                      const char        *shop_id,
                                                      const char        *address_id,
                                                      JsonObject        *address,
                                                      gint64             version,
                                                      GError           **error);
/* A carrier's name as the platform shows it. (transfer none) */
const char        *shou_hub_platform_carrier_name    (ShouHubPlatform   *self,
                                                      const char        *code);

/* The shop's authorisation with its platform: "authorised", "lapsed" (the
 * seller must authorise again), "none", or %NULL when the platform needs
 * none (the simulated one). (transfer none) */
/* %NULL (and %FALSE with G_IO_ERROR_NOT_SUPPORTED) for a platform without
 * authorisations. (transfer full) */
char              *shou_hub_platform_auth_url        (ShouHubPlatform   *self,
                                                      const char        *redirect_uri,
                                                      const char        *state);
gboolean           shou_hub_platform_authorise       (ShouHubPlatform   *self,
                                                      const char        *shop_id,
                                                      const char        *pasted,
                                                      GError           **error);
gboolean           shou_hub_platform_set_token       (ShouHubPlatform   *self,
                                                      const char        *shop_id,
                                                      const char        *access_token,
                                                      gint64             expires_at,
                                                      GError           **error);
const char        *shou_hub_platform_shop_state      (ShouHubPlatform   *self,
                                                      const char        *shop_id);
/* The merchant cancels an order (Douyin's cash-on-delivery orders, seed 004
 * §1), stored in the caller's transaction. (transfer full) the order, or
 * %NULL with @failure (422 with core's reason; not_for_platform when the
 * platform has no such call). */
JsonObject        *shou_hub_platform_cancel_order    (ShouHubPlatform   *self,
                                                      const char        *merchant_id,
                                                      const char        *order_id,
                                                      gboolean           buyer_consulted,
                                                      gint64             at,
                                                      ShouHubFailure   **failure);

G_END_DECLS
