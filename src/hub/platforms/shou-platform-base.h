/* shou-platform-base.h: what every platform adapter holds and does alike:
 * its options, the store, the shops' authorisations, the checkpoints and
 * window policy, its clocks, and the pull over the platform's shops in
 * turn, each within a window budget so that one shop's backlog never
 * starves the others. Each adapter embeds one. */
#pragma once

#include "hub/shou-hub-failure.h"
#include "hub/shou-hub-platform.h"
#include "hub/shou-hub-store.h"
#include "hub/platforms/shou-platform-checkpoint.h"
#include "hub/platforms/shou-platform-client.h"
#include "hub/platforms/shou-platform-pace.h"
#include "hub/platforms/shou-platform-pull.h"
#include "hub/platforms/shou-platform-session.h"
#include "hub/platforms/shou-platform-window.h"

G_BEGIN_DECLS

typedef struct
{
  const char              *client_id;        /* the app's key / client id */
  const char              *client_secret;
  const char              *endpoint;         /* %NULL: the real gateway */
  const char              *token_store;      /* encrypted file */
  const char              *token_key_file;
  const char              *checkpoint_file;
  const ShouPlatformClock *pace_clock;       /* %NULL: real; tests pass a virtual one */
  gint64                 (*now) (gpointer user_data);  /* UTC µs; %NULL: real time */
  gpointer                 user_data;
  guint                    windows_per_pull; /* per shop per pull (0: 48) */
  gint64                   first_from;       /* unix s where a new shop's pull starts (0: now - 1 day) */
  gint64                   pull_budget;      /* µs of the pace clock after which a pull starts no
                                              * new window (0: none): the hub pulls in its main loop */
  const char              *service_id;       /* 抖店: the app's id in the service market (its
                                              * authorisation page); %NULL elsewhere */
} ShouPlatformOptions;

typedef struct
{
  ShouHubStore             *store;
  ShouPlatformTokens       *tokens;
  ShouPlatformSession       session;
  ShouPlatformCheckpoints  *checkpoints;
  ShouPlatformWindowPolicy  policy;
  char                     *client_id;
  gint64                  (*now) (gpointer user_data);
  gpointer                  user_data;
  guint                     windows_per_pull;
  gint64                    windows_read;
  const ShouPlatformClock  *pace_clock;
  gint64                    pull_budget;
  gint64                    pull_deadline;  /* pace clock; 0: no budget */
  /* Set by shou_platform_base_attach(): */
  ShouPlatformClient       *client;         /* the adapter's (not owned) */
  ShouPlatformExchangeFunc  exchange;       /* the platform's code exchange */
  gpointer                  exchange_data;
} ShouPlatformBase;

/* Windows of at most @max_window seconds; the session's refresh is the
 * platform's (set base->session.refresh and user_data after). */
gboolean    shou_platform_base_init  (ShouPlatformBase          *base,
                                      ShouHubStore              *store,
                                      const ShouPlatformOptions *options,
                                      gint64                     max_window,
                                      GError                   **error);
void        shou_platform_base_clear (ShouPlatformBase          *base);
/* UTC microseconds. */
gint64      shou_platform_base_now   (ShouPlatformBase          *base);

/* Makes @base what the shared interface methods of
 * shou_platform_base_iface_init() (now, fetch_request, shop_state,
 * authorise, set_token) use for the adapter @platform, with its @client and
 * its code @exchange. */
void        shou_platform_base_attach (ShouPlatformBase         *base,
                                       gpointer                  platform,
                                       ShouPlatformClient       *client,
                                       ShouPlatformExchangeFunc  exchange,
                                       gpointer                  exchange_data);
/* The base attached to @platform (tests read its session and client). */
ShouPlatformBase *shou_platform_base_of (gpointer                platform);
/* The shop's usable access token, refreshed when due; %NULL when it has
 * none or it lapsed. (transfer full) */
char       *shou_platform_base_token (ShouPlatformBase          *base,
                                      const char                *shop_id);

/* Pulls every shop of @which in turn (@pull_shop reads one within the
 * budget and returns its windows read); the total windows read so far. */
gint64      shou_platform_base_pull  (ShouPlatformBase          *base,
                                      ShouPlatform               which,
                                      guint                    (*pull_shop) (gpointer     data,
                                                                             const char  *shop_id,
                                                                             const char  *merchant_id,
                                                                             GError     **error),
                                      gpointer                   data);

/* One shop's pull with the platform's @calls (max_pages, read_page, entry_id,
 * is_unchanged, fill, data, id_prefix; the rest comes from @base): the
 * shop's session, its windows within the budget; a lapsed session marks
 * the shop. The number of windows read. */
guint       shou_platform_base_pull_shop (ShouPlatformBase       *base,
                                          const ShouPlatformPull *calls,
                                          const char             *shop_id,
                                          const char             *merchant_id,
                                          GError                **error);

/* What an action must pass before it goes to the platform: an action the
 * platform's API carries (@supported; else 422 not_allowed with reason
 * platform_backend and @lacking's translated message) that core's rules
 * allow under @profile. */
gboolean    shou_platform_base_check_action (const ShouProfile  *profile,
                                             guint               supported,
                                             const char       *(*lacking) (ShouAction action),
                                             ShouHubAftersale   *as,
                                             const ShouEvent    *event,
                                             gint64              at,
                                             ShouHubFailure    **failure);
/* A parcel's carrier as the platform takes it (issue 25): @platform_code is
 * what the adapter's own carrier table gave for @event's carrier (the
 * platform's own code, or its free company-name field for the "other"
 * carrier), %NULL when the platform publishes no code for it. An event
 * without a carrier passes; "other" without a platform code is 422
 * not_allowed with reason "other_carrier_not_offered" (the desktop words
 * it) and @platform's name in the message. */
gboolean    shou_platform_base_check_carrier (const ShouEvent    *event,
                                              const char         *platform_code,
                                              const char         *platform,
                                              ShouHubFailure    **failure);
/* Stores @as after the platform took an action; 500 internal otherwise. */
gboolean    shou_platform_base_store        (ShouPlatformBase   *base,
                                             ShouHubAftersale   *as,
                                             ShouHubFailure    **failure);

/* Stores the shop's return addresses as the platform listed them (@list
 * may be %NULL after a failed call), each turned into the contract's
 * fields by @to_contract (name, phone, province, city, district, street,
 * postcode, is_default; %NULL id to skip it); then the shop's stored
 * addresses. (transfer full) */
JsonArray  *shou_platform_base_addresses    (ShouPlatformBase   *base,
                                             const char         *merchant_id,
                                             const char         *shop_id,
                                             JsonArray          *list,
                                             char            *(*to_contract) (JsonObject *address,
                                                                              JsonObject *data));

/* The members of the contract's request a platform adapter renders alike:
 * negotiation (none: the platforms' negotiation tools are backend
 * features), return_address, return_shipment, exchange_shipment,
 * rejection, line, evidence and timeline from the stored document. */
void        shou_platform_base_render_documents (JsonObject       *o,
                                                 ShouHubAftersale *as);

/* What the real adapters do alike in the interface: no evidence upload
 * and no return-address writes yet (G_IO_ERROR_NOT_SUPPORTED: done in the
 * platform's seller backend), carrier codes shown as given; and, for an
 * adapter that attached its base, the clock, the stored request, the
 * shop's state, the pasted code's exchange and a token set at setup. */
void        shou_platform_base_iface_init   (ShouHubPlatformInterface *iface);

G_END_DECLS
