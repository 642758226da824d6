#include "config.h"

#include "shou-request-item-private.h"

struct _ShouRequestItem
{
  GObject  parent_instance;

  ShouRequestItemData d;
};

enum {
  PROP_0,
  PROP_ID,
  PROP_SHOP_ID,
  PROP_SHOP_NAME,
  PROP_PLATFORM,
  PROP_REQUEST_TYPE,
  PROP_STATUS,
  PROP_ORDER_NO,
  PROP_GOODS_TITLE,
  PROP_SKU,
  PROP_BUYER,
  PROP_AMOUNT_FEN,
  PROP_REASON_TEXT,
  PROP_DEADLINE_AT,
  PROP_ON_LAPSE,
  PROP_PENDING_ACTIONS,
  PROP_CONFLICT,
  PROP_LOGISTICS_STALLED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_TYPE (ShouRequestItem, shou_request_item, G_TYPE_OBJECT)

static void
shou_request_item_finalize (GObject *object)
{
  ShouRequestItem *self = (ShouRequestItem *)object;

  g_free (self->d.id);
  g_free (self->d.shop_id);
  g_free (self->d.shop_name);
  g_free (self->d.order_no);
  g_free (self->d.goods_title);
  g_free (self->d.sku);
  g_free (self->d.buyer);
  g_free (self->d.reason_text);
  g_free (self->d.conflict);
  g_free (self->d.claim_holder);
  g_strfreev (self->d.tags);

  G_OBJECT_CLASS (shou_request_item_parent_class)->finalize (object);
}

static void
shou_request_item_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  ShouRequestItem *self = SHOU_REQUEST_ITEM (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_string (value, self->d.id); break;
    case PROP_SHOP_ID: g_value_set_string (value, self->d.shop_id); break;
    case PROP_SHOP_NAME: g_value_set_string (value, self->d.shop_name); break;
    case PROP_PLATFORM: g_value_set_int (value, self->d.platform); break;
    case PROP_REQUEST_TYPE: g_value_set_int (value, self->d.type); break;
    case PROP_STATUS: g_value_set_int (value, self->d.status); break;
    case PROP_ORDER_NO: g_value_set_string (value, self->d.order_no); break;
    case PROP_GOODS_TITLE: g_value_set_string (value, self->d.goods_title); break;
    case PROP_SKU: g_value_set_string (value, self->d.sku); break;
    case PROP_BUYER: g_value_set_string (value, self->d.buyer); break;
    case PROP_AMOUNT_FEN: g_value_set_int64 (value, self->d.amount_fen); break;
    case PROP_REASON_TEXT: g_value_set_string (value, self->d.reason_text); break;
    case PROP_DEADLINE_AT: g_value_set_int64 (value, self->d.deadline_at); break;
    case PROP_ON_LAPSE: g_value_set_int (value, self->d.on_lapse); break;
    case PROP_PENDING_ACTIONS: g_value_set_uint (value, self->d.pending); break;
    case PROP_CONFLICT: g_value_set_string (value, self->d.conflict); break;
    case PROP_LOGISTICS_STALLED: g_value_set_boolean (value, self->d.logistics_stalled); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shou_request_item_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  ShouRequestItem *self = SHOU_REQUEST_ITEM (object);

  switch (prop_id)
    {
    case PROP_ID: self->d.id = g_value_dup_string (value); break;
    case PROP_SHOP_ID: self->d.shop_id = g_value_dup_string (value); break;
    case PROP_SHOP_NAME: self->d.shop_name = g_value_dup_string (value); break;
    case PROP_PLATFORM: self->d.platform = g_value_get_int (value); break;
    case PROP_REQUEST_TYPE: self->d.type = g_value_get_int (value); break;
    case PROP_STATUS: self->d.status = g_value_get_int (value); break;
    case PROP_ORDER_NO: self->d.order_no = g_value_dup_string (value); break;
    case PROP_GOODS_TITLE: self->d.goods_title = g_value_dup_string (value); break;
    case PROP_SKU: self->d.sku = g_value_dup_string (value); break;
    case PROP_BUYER: self->d.buyer = g_value_dup_string (value); break;
    case PROP_AMOUNT_FEN: self->d.amount_fen = g_value_get_int64 (value); break;
    case PROP_REASON_TEXT: self->d.reason_text = g_value_dup_string (value); break;
    case PROP_DEADLINE_AT: self->d.deadline_at = g_value_get_int64 (value); break;
    case PROP_ON_LAPSE: self->d.on_lapse = g_value_get_int (value); break;
    case PROP_PENDING_ACTIONS: self->d.pending = g_value_get_uint (value); break;
    case PROP_CONFLICT: self->d.conflict = g_value_dup_string (value); break;
    case PROP_LOGISTICS_STALLED: self->d.logistics_stalled = g_value_get_boolean (value); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

#define STR_PROP(id, name) \
  properties[id] = g_param_spec_string (name, NULL, NULL, NULL, \
                                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS)
#define INT_PROP(id, name, max) \
  properties[id] = g_param_spec_int (name, NULL, NULL, 0, max, 0, \
                                     G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS)
#define INT64_PROP(id, name) \
  properties[id] = g_param_spec_int64 (name, NULL, NULL, G_MININT64, G_MAXINT64, 0, \
                                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS)

static void
shou_request_item_class_init (ShouRequestItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = shou_request_item_finalize;
  object_class->get_property = shou_request_item_get_property;
  object_class->set_property = shou_request_item_set_property;

  STR_PROP (PROP_ID, "id");
  STR_PROP (PROP_SHOP_ID, "shop-id");
  STR_PROP (PROP_SHOP_NAME, "shop-name");
  INT_PROP (PROP_PLATFORM, "platform", SHOU_N_PLATFORMS);
  INT_PROP (PROP_REQUEST_TYPE, "request-type", SHOU_N_REQUEST_TYPES);
  INT_PROP (PROP_STATUS, "status", SHOU_N_STATUSES);
  STR_PROP (PROP_ORDER_NO, "order-no");
  STR_PROP (PROP_GOODS_TITLE, "goods-title");
  STR_PROP (PROP_SKU, "sku");
  STR_PROP (PROP_BUYER, "buyer");
  INT64_PROP (PROP_AMOUNT_FEN, "amount-fen");
  STR_PROP (PROP_REASON_TEXT, "reason-text");
  INT64_PROP (PROP_DEADLINE_AT, "deadline-at");
  INT_PROP (PROP_ON_LAPSE, "on-lapse", SHOU_N_LAPSES);
  properties[PROP_PENDING_ACTIONS] =
    g_param_spec_uint ("pending-actions", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  STR_PROP (PROP_CONFLICT, "conflict");
  properties[PROP_LOGISTICS_STALLED] =
    g_param_spec_boolean ("logistics-stalled", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
shou_request_item_init (ShouRequestItem *self)
{
}

ShouRequestItem *
shou_request_item_new_take (ShouRequestItemData *data)
{
  ShouRequestItem *self = g_object_new (SHOU_TYPE_REQUEST_ITEM, NULL);

  /* The construct-only string properties default to NULL, so the struct
   * can take the data directly without going through GValues. */
  self->d = *data;
  memset (data, 0, sizeof *data);
  return self;
}

gboolean
shou_request_item_same_content (ShouRequestItem *a,
                                ShouRequestItem *b)
{
  const ShouRequestItemData *x, *y;

  g_return_val_if_fail (SHOU_IS_REQUEST_ITEM (a), FALSE);
  g_return_val_if_fail (SHOU_IS_REQUEST_ITEM (b), FALSE);

  x = &a->d;
  y = &b->d;
  /* A field added to ShouRequestItemData belongs here too. */
  return g_strcmp0 (x->id, y->id) == 0 &&
         g_strcmp0 (x->shop_id, y->shop_id) == 0 &&
         g_strcmp0 (x->shop_name, y->shop_name) == 0 &&
         g_strcmp0 (x->order_no, y->order_no) == 0 &&
         g_strcmp0 (x->goods_title, y->goods_title) == 0 &&
         g_strcmp0 (x->sku, y->sku) == 0 &&
         g_strcmp0 (x->buyer, y->buyer) == 0 &&
         g_strcmp0 (x->reason_text, y->reason_text) == 0 &&
         g_strcmp0 (x->conflict, y->conflict) == 0 &&
         g_strcmp0 (x->claim_holder, y->claim_holder) == 0 &&
         (x->tags == y->tags || (x->tags != NULL && y->tags != NULL &&
                                 g_strv_equal ((const char * const *) x->tags, (const char * const *) y->tags))) &&
         x->platform == y->platform &&
         x->type == y->type &&
         x->status == y->status &&
         x->on_lapse == y->on_lapse &&
         x->amount_fen == y->amount_fen &&
         x->deadline_at == y->deadline_at &&
         x->pending == y->pending &&
         !x->logistics_stalled == !y->logistics_stalled &&
         !x->exchange_shipped == !y->exchange_shipped &&
         !x->deadline_approximate == !y->deadline_approximate &&
         x->home_view == y->home_view;
}

const char *
shou_request_item_get_id (ShouRequestItem *self)
{
  g_return_val_if_fail (SHOU_IS_REQUEST_ITEM (self), NULL);
  return self->d.id;
}

const char *
shou_request_item_get_shop_id (ShouRequestItem *self)
{
  g_return_val_if_fail (SHOU_IS_REQUEST_ITEM (self), NULL);
  return self->d.shop_id;
}

const char *
shou_request_item_get_shop_name (ShouRequestItem *self)
{
  g_return_val_if_fail (SHOU_IS_REQUEST_ITEM (self), NULL);
  return self->d.shop_name;
}

ShouPlatform
shou_request_item_get_platform (ShouRequestItem *self)
{
  g_return_val_if_fail (SHOU_IS_REQUEST_ITEM (self), 0);
  return self->d.platform;
}

ShouRequestType
shou_request_item_get_request_type (ShouRequestItem *self)
{
  g_return_val_if_fail (SHOU_IS_REQUEST_ITEM (self), 0);
  return self->d.type;
}

ShouRequestStatus
shou_request_item_get_status (ShouRequestItem *self)
{
  g_return_val_if_fail (SHOU_IS_REQUEST_ITEM (self), 0);
  return self->d.status;
}

const char *
shou_request_item_get_order_no (ShouRequestItem *self)
{
  g_return_val_if_fail (SHOU_IS_REQUEST_ITEM (self), NULL);
  return self->d.order_no;
}

const char *
shou_request_item_get_goods_title (ShouRequestItem *self)
{
  g_return_val_if_fail (SHOU_IS_REQUEST_ITEM (self), NULL);
  return self->d.goods_title;
}

const char *
shou_request_item_get_sku (ShouRequestItem *self)
{
  g_return_val_if_fail (SHOU_IS_REQUEST_ITEM (self), NULL);
  return self->d.sku;
}

const char *
shou_request_item_get_buyer (ShouRequestItem *self)
{
  g_return_val_if_fail (SHOU_IS_REQUEST_ITEM (self), NULL);
  return self->d.buyer;
}

gint64
shou_request_item_get_amount_fen (ShouRequestItem *self)
{
  g_return_val_if_fail (SHOU_IS_REQUEST_ITEM (self), 0);
  return self->d.amount_fen;
}

const char *
shou_request_item_get_reason_text (ShouRequestItem *self)
{
  g_return_val_if_fail (SHOU_IS_REQUEST_ITEM (self), NULL);
  return self->d.reason_text;
}

gint64
shou_request_item_get_deadline_at (ShouRequestItem *self)
{
  g_return_val_if_fail (SHOU_IS_REQUEST_ITEM (self), 0);
  return self->d.deadline_at;
}

ShouLapse
shou_request_item_get_on_lapse (ShouRequestItem *self)
{
  g_return_val_if_fail (SHOU_IS_REQUEST_ITEM (self), 0);
  return self->d.on_lapse;
}

guint
shou_request_item_get_pending_actions (ShouRequestItem *self)
{
  g_return_val_if_fail (SHOU_IS_REQUEST_ITEM (self), 0);
  return self->d.pending;
}

const char *
shou_request_item_get_conflict (ShouRequestItem *self)
{
  g_return_val_if_fail (SHOU_IS_REQUEST_ITEM (self), NULL);
  return self->d.conflict;
}

gboolean
shou_request_item_get_logistics_stalled (ShouRequestItem *self)
{
  g_return_val_if_fail (SHOU_IS_REQUEST_ITEM (self), FALSE);
  return self->d.logistics_stalled;
}


/* TRUE for a wait_seller_ship request whose exchange or resend has left. */
gboolean
shou_request_item_get_exchange_shipped (ShouRequestItem *self)
{
  g_return_val_if_fail (SHOU_IS_REQUEST_ITEM (self), FALSE);

  return self->d.exchange_shipped;
}

const char *
shou_request_item_get_claim_holder (ShouRequestItem *self)
{
  g_return_val_if_fail (SHOU_IS_REQUEST_ITEM (self), NULL);
  return self->d.claim_holder;
}

const char * const *
shou_request_item_get_tags (ShouRequestItem *self)
{
  g_return_val_if_fail (SHOU_IS_REQUEST_ITEM (self), NULL);
  return (const char * const *) self->d.tags;
}

gboolean
shou_request_item_get_deadline_approximate (ShouRequestItem *self)
{
  g_return_val_if_fail (SHOU_IS_REQUEST_ITEM (self), FALSE);
  return self->d.deadline_approximate;
}

ShouView
shou_request_item_get_home_view (ShouRequestItem *self)
{
  g_return_val_if_fail (SHOU_IS_REQUEST_ITEM (self), SHOU_VIEW_ALL);

  return self->d.home_view;
}
