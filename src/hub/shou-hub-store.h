/* shou-hub-store.h: the hub's storage, one interface with two engines:
 * SQLite (the embedded default, one file) and PostgreSQL (a team's server;
 * several hub processes may share one database). It holds merchants,
 * tokens, shops, orders, after-sales requests, return addresses, evidence,
 * stored idempotent responses and the change feed behind GET /v1/changes.
 *
 * Writes happen between begin() and commit(). Feed positions are taken
 * from a per-merchant counter inside the writing transaction, so they
 * become visible in order: a reader never skips a change that commits late.
 * Every table's key starts with the merchant (API.md "Scale"). */
#pragma once

#include <json-glib/json-glib.h>

#include "core/shou-core.h"
#include "hub/shou-hub-aftersale.h"
#include "hub/shou-hub-rows.h"

G_BEGIN_DECLS

#define SHOU_HUB_STORE_ERROR (shou_hub_store_error_quark ())

typedef enum
{
  SHOU_HUB_STORE_ERROR_SQL,
  SHOU_HUB_STORE_ERROR_CORRUPT,
  SHOU_HUB_STORE_ERROR_UNSUPPORTED,
} ShouHubStoreError;

GQuark shou_hub_store_error_quark (void);


typedef enum
{
  SHOU_HUB_CHANGE_ORDER,
  SHOU_HUB_CHANGE_AFTERSALE,
  SHOU_HUB_CHANGE_ADDRESS,
  SHOU_HUB_CHANGE_CLAIM,
  SHOU_HUB_CHANGE_REVIEW,
  SHOU_HUB_CHANGE_COMPLAINT,  /* the care table's kinds (shou-hub-store-care.c) */
  SHOU_HUB_CHANGE_VISIT,
  SHOU_HUB_CHANGE_INCIDENT,
  SHOU_HUB_CHANGE_ANNOTATION,
  SHOU_HUB_CHANGE_AUTORULE,   /* an automatic action's log row (shou-hub-store-autorules.c) */
} ShouHubChangeKind;

/* One entry of the change feed as the database holds it: the strings are
 * the engine's own (borrowed, valid during the ShouHubChangeFunc call). */
typedef struct
{
  ShouHubChangeKind  kind;
  gint64             seq;
  const char        *id;
  const char        *text;      /* the entity's JSON when the page read it, or %NULL */
  gsize              text_len;  /* strlen (@text) */
  gint64             until;     /* aftersales: @text is valid before this time (0: always) */
  const char        *version;     /* orders: @text is the stored data, served with these two */
  const char        *updated_at;  /* (shou_hub_json_with_version()) */
} ShouHubChange;

typedef void (*ShouHubChangeFunc) (const ShouHubChange *change,
                                   gpointer             user_data);

/* A staff member of a merchant's team. A merchant's own token acts as its
 * owner with no staff id. */
typedef struct
{
  char   *merchant_id;
  char   *staff_id;        /* %NULL: the merchant's own token */
  char   *name;
  char   *role;            /* "owner" or "agent" */
  gint64  cap_action_fen;  /* agents: largest amount of one action */
  gint64  cap_day_fen;     /* agents: total per Asia/Shanghai day */
} ShouHubStaff;

void shou_hub_staff_free (ShouHubStaff *staff);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShouHubStaff, shou_hub_staff_free)

/* Constant-time token comparison (SHA-256 of both, then every byte). */
gboolean shou_hub_token_equal (const char *a,
                               const char *b);

#define SHOU_TYPE_HUB_STORE (shou_hub_store_get_type ())
G_DECLARE_DERIVABLE_TYPE (ShouHubStore, shou_hub_store, SHOU, HUB_STORE, GObject)

/* The engine's operations; see the wrappers below for what each does. */
struct _ShouHubStoreClass
{
  GObjectClass parent_class;
  const char  *engine;   /* "sqlite", "postgresql" */

  gboolean          (*begin)              (ShouHubStore *self, GError **error);
  gboolean          (*commit)             (ShouHubStore *self, GError **error);
  void              (*rollback)           (ShouHubStore *self);
  void              (*set_bulk)           (ShouHubStore *self, gboolean bulk);
  gboolean          (*lock_key)           (ShouHubStore *self, const char *merchant_id,
                                           const char *key, GError **error);
  gboolean          (*is_empty)           (ShouHubStore *self);
  gint64            (*next_id)            (ShouHubStore *self, const char *kind);
  char *            (*checksum)           (ShouHubStore *self);



  gboolean          (*put_aftersale)      (ShouHubStore *self, ShouHubAftersale *as, gint64 lapse_at,
                                           GError **error);


  gboolean          (*put_evidence)       (ShouHubStore *self, const char *merchant_id, const char *sha256,
                                           const char *content_type,
                                           GBytes *bytes, GError **error);
  GBytes *          (*get_evidence)       (ShouHubStore *self, const char *merchant_id, const char *sha256,
                                           char **out_content_type);


  /* Shared code's access (shou-hub-store-private.h). */
  gpointer          (*query)              (ShouHubStore *self, const char *sql, const char *types,
                                           const char * const *params, GError **error);
  gint64            (*next_seq)           (ShouHubStore *self, const char *merchant_id, GError **error);
  gboolean          (*in_transaction)     (ShouHubStore *self);
  gint64            (*each_row)           (ShouHubStore *self, const ShouHubRowQuery *query,
                                           GError **error);
};

/**
 * shou_hub_store_open:
 * @location: a file path (SQLite, created if missing; ":memory:" for a
 *   private one) or a `postgresql://` URL
 *
 * Opens the engine @location names and brings its schema up to date.
 *
 * Returns: (transfer full): the store, or %NULL
 */
ShouHubStore *shou_hub_store_open            (const char     *location,
                                              GError        **error);
/* "sqlite" or "postgresql" */
const char *shou_hub_store_get_engine        (ShouHubStore   *self);

gboolean    shou_hub_store_begin             (ShouHubStore   *self,
                                              GError        **error);
gboolean    shou_hub_store_commit            (ShouHubStore   *self,
                                              GError        **error);
void        shou_hub_store_rollback          (ShouHubStore   *self);
/* A large page cache while generating bulk data. */
void        shou_hub_store_set_bulk          (ShouHubStore   *self,
                                              gboolean        bulk);
/* Inside a transaction: waits until no other transaction (in any hub
 * process) holds @key of @merchant_id, and keeps it until commit. The
 * idempotent lookup and write of an action happen under it. */
gboolean    shou_hub_store_lock_key          (ShouHubStore   *self,
                                              const char     *merchant_id,
                                              const char     *key,
                                              GError        **error);
gboolean    shou_hub_store_is_empty          (ShouHubStore   *self);
/* Next id number for @kind ("order", "aftersale", "address"). */
gint64      shou_hub_store_next_id           (ShouHubStore   *self,
                                              const char     *kind);
/* SHA-256 over every table's rows; equal before and after means unchanged. */
char       *shou_hub_store_checksum          (ShouHubStore   *self);

/* Merchants, tokens, shops. */
gboolean    shou_hub_store_add_merchant      (ShouHubStore   *self,
                                              const char     *merchant_id,
                                              const char     *name,
                                              const char     *token,
                                              GError        **error);
/* The one lookup across merchants: which merchant a token belongs to. */
char       *shou_hub_store_lookup_token      (ShouHubStore   *self,
                                              const char     *token);
/* (transfer full): the token of @merchant_id, or %NULL */
char       *shou_hub_store_get_token         (ShouHubStore   *self,
                                              const char     *merchant_id);
/* (transfer full): the display name of @merchant_id, or %NULL */
char       *shou_hub_store_get_merchant_name (ShouHubStore   *self,
                                              const char     *merchant_id);
/* (transfer full): "merchant token" pairs, merchant order */
GStrv       shou_hub_store_list_tokens       (ShouHubStore   *self);
gboolean    shou_hub_store_add_shop          (ShouHubStore   *self,
                                              const char     *shop_id,
                                              const char     *merchant_id,
                                              ShouPlatform    platform,
                                              const char     *name,
                                              GError        **error);
/* (transfer full): owner of @shop_id, or %NULL when the shop does not exist */
char       *shou_hub_store_get_shop          (ShouHubStore   *self,
                                              const char     *shop_id,
                                              ShouPlatform   *out_platform);
JsonArray  *shou_hub_store_list_shops        (ShouHubStore   *self,
                                              const char     *merchant_id);
/* (transfer full) (element-type utf8): every shop id, for generators */
GPtrArray  *shou_hub_store_list_shop_ids     (ShouHubStore   *self);

/* Orders: @data is the order object without version and updated_at. */
gboolean    shou_hub_store_put_order         (ShouHubStore   *self,
                                              const char     *order_id,
                                              const char     *shop_id,
                                              const char     *merchant_id,
                                              JsonObject     *data,
                                              gint64          version,
                                              gint64          updated_at,
                                              GError        **error);
/* (transfer full): the order object with version and updated_at added */
JsonObject *shou_hub_store_get_order         (ShouHubStore   *self,
                                              const char     *merchant_id,
                                              const char     *order_id);
/* (transfer full): the same as JSON text, or NULL (the change feed's
 * copy: no parsing and serialising again) */
char       *shou_hub_store_get_order_text    (ShouHubStore   *self,
                                              const char     *merchant_id,
                                              const char     *order_id);
/* When the platform next acts on the order by itself (0: never); the
 * order's other writes keep it. */
gboolean    shou_hub_store_set_order_lapse   (ShouHubStore   *self,
                                              const char     *merchant_id,
                                              const char     *order_id,
                                              gint64          lapse_at,
                                              GError        **error);
/* (transfer full) (element-type utf8): merchant id, order id, merchant
 * id, … of orders with lapse_at <= @cutoff, earliest first */
GPtrArray  *shou_hub_store_list_due_orders   (ShouHubStore   *self,
                                              gint64          cutoff,
                                              guint           limit);
/* (transfer full) (element-type utf8): ids of orders of shops of @merchant */
GPtrArray  *shou_hub_store_list_order_ids    (ShouHubStore   *self,
                                              const char     *merchant_id,
                                              guint           limit);

/* After-sales. put() assigns a new change_seq; @lapse_at 0 = nothing due.
 * Inside a transaction, get() also locks the row until commit. */
gboolean    shou_hub_store_put_aftersale     (ShouHubStore      *self,
                                              ShouHubAftersale  *as,
                                              gint64             lapse_at,
                                              GError           **error);
ShouHubAftersale *
            shou_hub_store_get_aftersale     (ShouHubStore   *self,
                                              const char     *merchant_id,
                                              const char     *aftersale_id);
/* (transfer full): id of the newest request on @line_id, or %NULL */
char       *shou_hub_store_find_line_request (ShouHubStore   *self,
                                              const char     *merchant_id,
                                              const char     *line_id);
/* (transfer full) (element-type utf8): ids with lapse_at <= @cutoff */
GPtrArray  *shou_hub_store_list_due          (ShouHubStore   *self,
                                              gint64          cutoff,
                                              guint           limit);
/* (transfer full) (element-type utf8): ids in @status (or any when -1),
 * random order, for simulated buyers */
GPtrArray  *shou_hub_store_sample_aftersales (ShouHubStore   *self,
                                              int             status,
                                              guint           limit);
/* Open (unfinished) requests using the address. */
gboolean    shou_hub_store_address_in_use    (ShouHubStore   *self,
                                              const char     *merchant_id,
                                              const char     *address_id);

/* Return addresses: @data holds the address fields. */
gboolean    shou_hub_store_put_address       (ShouHubStore   *self,
                                              const char     *address_id,
                                              const char     *shop_id,
                                              const char     *merchant_id,
                                              JsonObject     *data,
                                              gint64          version,
                                              gboolean        deleted,
                                              GError        **error);
/* (transfer full): the address object (id, shop_id, version, deleted…) */
JsonObject *shou_hub_store_get_address       (ShouHubStore   *self,
                                              const char     *merchant_id,
                                              const char     *address_id);
JsonArray  *shou_hub_store_list_addresses    (ShouHubStore   *self,
                                              const char     *merchant_id,
                                              const char     *shop_id);
/* Clears is_default on the shop's other addresses (new change_seq each). */
gboolean    shou_hub_store_clear_default     (ShouHubStore   *self,
                                              const char     *merchant_id,
                                              const char     *shop_id,
                                              const char     *except_id,
                                              GError        **error);

/* Bad reviews (shou-hub-store-reviews.c): @review is the object as the
 * contract renders it (id, shop_id, buyer_nick, rating, version…); put()
 * gives it a new feed position. Inside a transaction, get() also locks the
 * row until commit (PostgreSQL). */
gboolean    shou_hub_store_put_review        (ShouHubStore   *self,
                                              const char     *merchant_id,
                                              JsonObject     *review,
                                              GError        **error);
/* (transfer full): the review object, or %NULL */
JsonObject *shou_hub_store_get_review        (ShouHubStore   *self,
                                              const char     *merchant_id,
                                              const char     *review_id);
/* The bad reviews (rating "bad") @buyer_nick left in @merchant_id's shops. */
guint       shou_hub_store_count_bad_reviews (ShouHubStore   *self,
                                              const char     *merchant_id,
                                              const char     *buyer_nick);

/* Complaints, return visits and logistics incidents
 * (shou-hub-store-care.c): one table, @kind "complaint", "visit" or
 * "incident", the object as the contract renders it (id, shop_id,
 * version…). As for reviews, put() gives it a new feed position and get()
 * inside a transaction locks the row (PostgreSQL). */
gboolean    shou_hub_store_put_care          (ShouHubStore   *self,
                                              const char     *merchant_id,
                                              const char     *kind,
                                              JsonObject     *object,
                                              GError        **error);
/* (transfer full): the object of @kind, or %NULL */
JsonObject *shou_hub_store_get_care          (ShouHubStore   *self,
                                              const char     *merchant_id,
                                              const char     *kind,
                                              const char     *id);
/* Tags and notes on a request (shou-hub-store-annotations.c): @annotation
 * is the object as the contract renders it (aftersale_id, version…); put()
 * gives it a new feed position. Inside a transaction, get() also locks the
 * row until commit (PostgreSQL). */
gboolean    shou_hub_store_put_annotation    (ShouHubStore   *self,
                                              const char     *merchant_id,
                                              JsonObject     *annotation,
                                              GError        **error);
/* (transfer full): the annotation object, or %NULL when the request has none */
JsonObject *shou_hub_store_get_annotation    (ShouHubStore   *self,
                                              const char     *merchant_id,
                                              const char     *aftersale_id);

/* Evidence bytes by merchant and SHA-256. */
gboolean    shou_hub_store_put_evidence      (ShouHubStore   *self,
                                              const char     *merchant_id,
                                              const char     *sha256,
                                              const char     *content_type,
                                              GBytes         *bytes,
                                              GError        **error);
GBytes     *shou_hub_store_get_evidence      (ShouHubStore   *self,
                                              const char     *merchant_id,
                                              const char     *sha256,
                                              char          **out_content_type);

/* Idempotency, scoped per merchant. */
gboolean    shou_hub_store_get_idempotent    (ShouHubStore   *self,
                                              const char     *merchant_id,
                                              const char     *key,
                                              char          **out_body_hash,
                                              guint          *out_status,
                                              char          **out_response);
gboolean    shou_hub_store_put_idempotent    (ShouHubStore   *self,
                                              const char     *merchant_id,
                                              const char     *key,
                                              const char     *body_hash,
                                              guint           status,
                                              const char     *response,
                                              gint64          now,
                                              GError        **error);

/* The change feed: entities of @merchant_id with change_seq > @after,
 * oldest first, at most @limit, read in one snapshot and handed to @func
 * one by one as the engine reads them (nothing copied). @func may read
 * the store, never write it. Returns the number of entries, or -1 with
 * @error. */
gint64      shou_hub_store_each_change       (ShouHubStore      *self,
                                              const char        *merchant_id,
                                              gint64             after,
                                              guint              limit,
                                              ShouHubChangeFunc  func,
                                              gpointer           user_data,
                                              GError           **error);

/* The simulated platform's own lookup: the merchant owning @id in @table
 * ("aftersales", "orders", "shops"). Its buyers and test controls name a
 * record by id alone, as a platform's own database does; the hub's routes
 * never use it. (transfer full) */
char       *shou_hub_store_find_owner        (ShouHubStore   *self,
                                              const char     *table,
                                              const char     *id);

/* The team (schema 3). */
gboolean      shou_hub_store_add_staff      (ShouHubStore        *self,
                                             const ShouHubStaff  *staff,
                                             const char          *token,
                                             GError             **error);
/* Who a token is: a staff member, or the merchant's own token as its owner
 * (staff_id %NULL). The one lookup across merchants. (transfer full) */
ShouHubStaff *shou_hub_store_lookup_staff   (ShouHubStore        *self,
                                             const char          *token);
ShouHubStaff *shou_hub_store_get_staff      (ShouHubStore        *self,
                                             const char          *merchant_id,
                                             const char          *staff_id);
/* Staff management (GET|POST /v1/staff, DELETE /v1/staff/{id}): the
 * merchant's staff by id (transfer full) (element-type ShouHubStaff). */
GPtrArray    *shou_hub_store_list_staff     (ShouHubStore        *self,
                                             const char          *merchant_id);
/* Inside a transaction: releases the member's held claims (feed entries,
 * as a DELETE claim does) and removes the member; %FALSE without @error
 * when there is no such member. */
gboolean      shou_hub_store_remove_staff   (ShouHubStore        *self,
                                             const char          *merchant_id,
                                             const char          *staff_id,
                                             gint64               now,
                                             GError             **error);
/* (transfer full): who holds the request's claim now ("" = the merchant's
 * own token; the lease may have ended), or %NULL when nobody does */
char         *shou_hub_store_get_claim      (ShouHubStore        *self,
                                             const char          *merchant_id,
                                             const char          *aftersale_id,
                                             gint64              *out_expires_at);
/* Inside a transaction: @staff_id takes or renews the claim until
 * @expires_at ("" = the merchant's own token); %NULL releases a held claim.
 * Either gives the claim a new feed position. */
gboolean      shou_hub_store_put_claim      (ShouHubStore        *self,
                                             const char          *merchant_id,
                                             const char          *aftersale_id,
                                             const char          *staff_id,
                                             gint64               expires_at,
                                             gint64               now,
                                             GError             **error);
/* Marks the merchant's claims whose lease ended by @now as expired, each
 * with a new feed position (its own transaction; nothing to do costs one
 * read). */
gboolean      shou_hub_store_expire_claims  (ShouHubStore        *self,
                                             const char          *merchant_id,
                                             gint64               now,
                                             GError             **error);
/* (transfer full): the claim as the change feed shows it (API.md), JSON
 * text, or %NULL */
char         *shou_hub_store_get_claim_text (ShouHubStore        *self,
                                             const char          *merchant_id,
                                             const char          *aftersale_id);
gboolean      shou_hub_store_add_audit      (ShouHubStore        *self,
                                             const char          *merchant_id,
                                             const char          *staff_id,
                                             const char          *action,
                                             const char          *aftersale_id,
                                             gint64               amount_fen,
                                             const char          *day,
                                             guint                status,
                                             gint64               at,
                                             GError             **error);
/* Newest first: {"seq", "at", "staff_id", "action", "aftersale_id",
 * "amount_fen", "status"}. (transfer full) */
JsonArray    *shou_hub_store_list_audit     (ShouHubStore        *self,
                                             const char          *merchant_id,
                                             guint                limit);
/* Amounts of @staff_id's successful actions on Asia/Shanghai @day. */
gint64        shou_hub_store_day_total      (ShouHubStore        *self,
                                             const char          *merchant_id,
                                             const char          *staff_id,
                                             const char          *day);

/* Engines: shou-hub-store-sqlite.c, shou-hub-store-pg.c */
ShouHubStore *shou_hub_store_sqlite_new      (const char     *path,
                                              GError        **error);
ShouHubStore *shou_hub_store_pg_new          (const char     *url,
                                              GError        **error);

G_END_DECLS
