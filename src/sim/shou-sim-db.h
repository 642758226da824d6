/* shou-sim-db.h: the simulator's own SQLite database: merchants, tokens,
 * shops, orders, after-sales requests, return addresses, evidence, stored
 * idempotent responses and the change sequence behind GET /v1/changes. */
#pragma once

#include <json-glib/json-glib.h>

#include "core/shou-core.h"

G_BEGIN_DECLS

#define SHOU_SIM_DB_ERROR (shou_sim_db_error_quark ())

typedef enum
{
  SHOU_SIM_DB_ERROR_SQL,
  SHOU_SIM_DB_ERROR_CORRUPT,
} ShouSimDbError;

GQuark shou_sim_db_error_quark (void);

/* One after-sales request as stored: core's state in columns, the rest
 * (negotiation rounds, addresses, shipments, evidence, timeline) in @doc. */
typedef struct
{
  char             *id;
  char             *shop_id;
  char             *merchant_id;
  char             *order_id;
  char             *line_id;
  char             *platform_id;
  char             *reason_code;
  char             *reason_text;
  char             *buyer_text;
  char             *return_address_id;
  gint64            shipping_fen;
  gint64            updated_at;
  gint64            change_seq;
  ShouRequestState  state;
  JsonObject       *doc;
} ShouSimAftersale;

ShouSimAftersale *shou_sim_aftersale_new  (void);
void              shou_sim_aftersale_free (ShouSimAftersale *as);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShouSimAftersale, shou_sim_aftersale_free)

typedef enum
{
  SHOU_SIM_CHANGE_ORDER,
  SHOU_SIM_CHANGE_AFTERSALE,
  SHOU_SIM_CHANGE_ADDRESS,
} ShouSimChangeKind;

typedef struct
{
  ShouSimChangeKind  kind;
  gint64             seq;
  char              *id;
} ShouSimChange;

#define SHOU_TYPE_SIM_DB (shou_sim_db_get_type ())
G_DECLARE_FINAL_TYPE (ShouSimDb, shou_sim_db, SHOU, SIM_DB, GObject)

ShouSimDb  *shou_sim_db_new                 (const char     *path,
                                             GError        **error);
gboolean    shou_sim_db_begin               (ShouSimDb      *self,
                                             GError        **error);
gboolean    shou_sim_db_commit              (ShouSimDb      *self,
                                             GError        **error);
void        shou_sim_db_rollback            (ShouSimDb      *self);
/* A large page cache while generating bulk data. */
void        shou_sim_db_set_bulk            (ShouSimDb      *self,
                                             gboolean        bulk);
gboolean    shou_sim_db_is_empty            (ShouSimDb      *self);
/* Next value of the single change counter; call inside a transaction. */
gint64      shou_sim_db_next_seq            (ShouSimDb      *self);
/* Next id number for @kind ("order", "aftersale", "address", …). */
gint64      shou_sim_db_next_id             (ShouSimDb      *self,
                                             const char     *kind);
/* SHA-256 over every table's rows; equal before and after means unchanged. */
char       *shou_sim_db_checksum            (ShouSimDb      *self);

/* Merchants, tokens, shops. */
gboolean    shou_sim_db_add_merchant        (ShouSimDb      *self,
                                             const char     *merchant_id,
                                             const char     *name,
                                             const char     *token,
                                             GError        **error);
char       *shou_sim_db_lookup_token        (ShouSimDb      *self,
                                             const char     *token);
/* Constant-time token comparison (SHA-256 of both, then every byte). */
gboolean    shou_sim_token_equal            (const char     *a,
                                             const char     *b);
/* (transfer full): the token of @merchant_id, or %NULL */
char       *shou_sim_db_get_token           (ShouSimDb      *self,
                                             const char     *merchant_id);
/* (transfer full): the display name of @merchant_id, or %NULL */
char       *shou_sim_db_get_merchant_name   (ShouSimDb      *self,
                                             const char     *merchant_id);
/* (transfer full): "merchant token" pairs, merchant order */
GStrv       shou_sim_db_list_tokens         (ShouSimDb      *self);
gboolean    shou_sim_db_add_shop            (ShouSimDb      *self,
                                             const char     *shop_id,
                                             const char     *merchant_id,
                                             ShouPlatform    platform,
                                             const char     *name,
                                             GError        **error);
/* (transfer full): owner of @shop_id, or %NULL when the shop does not exist */
char       *shou_sim_db_get_shop            (ShouSimDb      *self,
                                             const char     *shop_id,
                                             ShouPlatform   *out_platform);
JsonArray  *shou_sim_db_list_shops          (ShouSimDb      *self,
                                             const char     *merchant_id);
/* (transfer full) (element-type utf8): every shop id, for generators */
GPtrArray  *shou_sim_db_list_shop_ids       (ShouSimDb      *self);

/* Orders: @data is the order object without version and updated_at. */
gboolean    shou_sim_db_put_order           (ShouSimDb      *self,
                                             const char     *order_id,
                                             const char     *shop_id,
                                             const char     *merchant_id,
                                             JsonObject     *data,
                                             gint64          version,
                                             gint64          updated_at,
                                             GError        **error);
/* (transfer full): the order object with version and updated_at added */
JsonObject *shou_sim_db_get_order           (ShouSimDb      *self,
                                             const char     *order_id,
                                             char          **out_merchant_id);
/* (transfer full): the same as JSON text, or NULL (the change feed's
 * copy: no parsing and serialising again) */
char       *shou_sim_db_get_order_text      (ShouSimDb      *self,
                                             const char     *order_id);
/* (transfer full) (element-type utf8): ids of orders of shops of @merchant */
GPtrArray  *shou_sim_db_list_order_ids      (ShouSimDb      *self,
                                             const char     *merchant_id,
                                             guint           limit);

/* After-sales. put() assigns a new change_seq; @lapse_at 0 = nothing due. */
gboolean    shou_sim_db_put_aftersale       (ShouSimDb         *self,
                                             ShouSimAftersale  *as,
                                             gint64             lapse_at,
                                             GError           **error);
ShouSimAftersale *
            shou_sim_db_get_aftersale       (ShouSimDb      *self,
                                             const char     *aftersale_id);
/* (transfer full): id of the newest request on @line_id, or %NULL */
char       *shou_sim_db_find_line_request   (ShouSimDb      *self,
                                             const char     *line_id);
/* (transfer full) (element-type utf8): ids with lapse_at <= @cutoff */
GPtrArray  *shou_sim_db_list_due            (ShouSimDb      *self,
                                             gint64          cutoff,
                                             guint           limit);
/* (transfer full) (element-type utf8): ids in @status (or any when -1),
 * random order, for simulated buyers */
GPtrArray  *shou_sim_db_sample_aftersales   (ShouSimDb      *self,
                                             int             status,
                                             guint           limit);
/* Open (unfinished) requests using the address. */
gboolean    shou_sim_db_address_in_use      (ShouSimDb      *self,
                                             const char     *address_id);

/* Return addresses: @data holds the address fields. */
gboolean    shou_sim_db_put_address         (ShouSimDb      *self,
                                             const char     *address_id,
                                             const char     *shop_id,
                                             const char     *merchant_id,
                                             JsonObject     *data,
                                             gint64          version,
                                             gboolean        deleted,
                                             GError        **error);
/* (transfer full): the address object (id, shop_id, version, deleted…) */
JsonObject *shou_sim_db_get_address         (ShouSimDb      *self,
                                             const char     *address_id);
JsonArray  *shou_sim_db_list_addresses      (ShouSimDb      *self,
                                             const char     *shop_id);
/* Clears is_default on the shop's other addresses (new change_seq each). */
gboolean    shou_sim_db_clear_default       (ShouSimDb      *self,
                                             const char     *shop_id,
                                             const char     *except_id,
                                             GError        **error);

/* Evidence bytes by SHA-256. */
gboolean    shou_sim_db_put_evidence        (ShouSimDb      *self,
                                             const char     *sha256,
                                             const char     *content_type,
                                             GBytes         *bytes,
                                             GError        **error);
GBytes     *shou_sim_db_get_evidence        (ShouSimDb      *self,
                                             const char     *sha256,
                                             char          **out_content_type);

/* Idempotency, scoped per merchant. */
gboolean    shou_sim_db_get_idempotent      (ShouSimDb      *self,
                                             const char     *merchant_id,
                                             const char     *key,
                                             char          **out_body_hash,
                                             guint          *out_status,
                                             char          **out_response);
gboolean    shou_sim_db_put_idempotent      (ShouSimDb      *self,
                                             const char     *merchant_id,
                                             const char     *key,
                                             const char     *body_hash,
                                             guint           status,
                                             const char     *response,
                                             gint64          now,
                                             GError        **error);

/* The change feed: entities of @merchant_id with change_seq > @after,
 * oldest first. Returns (transfer full) (element-type ShouSimChange). */
GPtrArray  *shou_sim_db_list_changes        (ShouSimDb      *self,
                                             const char     *merchant_id,
                                             gint64          after,
                                             guint           limit);
void        shou_sim_change_free            (ShouSimChange  *change);

/* Prepared statements for bulk generators; valid until the db is finalized. */
gpointer    shou_sim_db_get_handle          (ShouSimDb      *self);

G_END_DECLS
