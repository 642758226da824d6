/* shou-domain.c: after-sales records: freeing them and reading them from
 * JSON (src/sim/API.md shapes) */
#include "config.h"

#include "shou-domain.h"

G_DEFINE_QUARK (shou-domain-error-quark, shou_domain_error)

typedef gboolean (*EnumFromString) (const char *str, int *out);

/* ---- freeing ---- */

void
shou_shop_free (ShouShop *shop)
{
  if (shop == NULL)
    return;
  g_free (shop->id);
  g_free (shop->name);
  g_free (shop->merchant_id);
  g_free (shop);
}

void
shou_order_line_free (ShouOrderLine *line)
{
  if (line == NULL)
    return;
  g_free (line->id);
  g_free (line->title);
  g_free (line->sku);
  g_free (line);
}

void
shou_order_free (ShouOrder *order)
{
  if (order == NULL)
    return;
  g_free (order->id);
  g_free (order->shop_id);
  g_free (order->order_no);
  g_free (order->buyer.nick);
  g_free (order->buyer.name);
  g_free (order->buyer.phone);
  g_free (order->buyer.address);
  g_clear_pointer (&order->lines, g_ptr_array_unref);
  g_free (order);
}

void
shou_address_free (ShouAddress *address)
{
  if (address == NULL)
    return;
  g_free (address->id);
  g_free (address->shop_id);
  g_free (address->name);
  g_free (address->phone);
  g_free (address->province);
  g_free (address->city);
  g_free (address->district);
  g_free (address->street);
  g_free (address->postcode);
  g_free (address);
}

static void
shipment_event_free (ShouShipmentEvent *event)
{
  g_free (event->text);
  g_free (event);
}

void
shou_shipment_free (ShouShipment *shipment)
{
  if (shipment == NULL)
    return;
  g_free (shipment->carrier);
  g_free (shipment->carrier_name);
  g_free (shipment->tracking_no);
  g_clear_pointer (&shipment->events, g_ptr_array_unref);
  g_free (shipment);
}

void
shou_evidence_free (ShouEvidence *evidence)
{
  if (evidence == NULL)
    return;
  g_free (evidence->id);
  g_free (evidence->content_type);
  g_free (evidence);
}

void
shou_negotiation_round_free (ShouNegotiationRound *round)
{
  if (round == NULL)
    return;
  g_free (round->text);
  g_strfreev (round->scripts);
  g_strfreev (round->evidence);
  g_free (round->reply);
  g_free (round);
}

void
shou_rejection_free (ShouRejection *rejection)
{
  if (rejection == NULL)
    return;
  g_free (rejection->reason_code);
  g_free (rejection->reason_text);
  g_free (rejection->explanation);
  g_strfreev (rejection->evidence);
  g_free (rejection);
}

void
shou_timeline_event_free (ShouTimelineEvent *event)
{
  if (event == NULL)
    return;
  g_free (event->kind);
  g_free (event->text);
  g_free (event);
}

void
shou_aftersale_free (ShouAftersale *a)
{
  if (a == NULL)
    return;
  g_free (a->id);
  g_free (a->shop_id);
  g_free (a->order_id);
  g_free (a->line_id);
  g_free (a->platform_id);
  g_free (a->platform_status);
  g_free (a->reason_code);
  g_free (a->reason_text);
  g_free (a->buyer_text);
  g_free (a->deadline_rule);
  g_free (a->buyer_phone);
  g_free (a->buyer_nick);
  g_clear_pointer (&a->rounds, g_ptr_array_unref);
  g_clear_pointer (&a->return_address, shou_address_free);
  g_clear_pointer (&a->return_shipment, shou_shipment_free);
  g_clear_pointer (&a->exchange_shipment, shou_shipment_free);
  g_clear_pointer (&a->rejection, shou_rejection_free);
  g_clear_pointer (&a->line, shou_order_line_free);
  g_clear_pointer (&a->evidence, g_ptr_array_unref);
  g_clear_pointer (&a->timeline, g_ptr_array_unref);
  g_free (a);
}

/* ---- reading ---- */

static gboolean G_GNUC_PRINTF (4, 5)
fail (GError    **error,
      int         code,
      const char *path,
      const char *format,
      ...)
{
  g_autofree char *msg = NULL;
  va_list args;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, SHOU_DOMAIN_ERROR, code, "%s: %s", path, msg);
  return FALSE;
}

static char *
join (const char *path,
      const char *key)
{
  return path[0] ? g_strdup_printf ("%s.%s", path, key) : g_strdup (key);
}

/* The member, or NULL when absent or null; fails only for a required one. */
static JsonNode *
member (JsonObject  *o,
        const char  *path,
        const char  *key,
        gboolean     required,
        gboolean    *ok,
        GError     **error)
{
  JsonNode *node = json_object_get_member (o, key);

  *ok = TRUE;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (required)
        {
          g_autofree char *p = join (path, key);
          *ok = fail (error, SHOU_DOMAIN_ERROR_MISSING, p, "required member is missing");
        }
      return NULL;
    }
  return node;
}

static gboolean
get_str (JsonObject  *o,
         const char  *path,
         const char  *key,
         gboolean     required,
         char       **out,
         GError     **error)
{
  gboolean ok;
  JsonNode *node = member (o, path, key, required, &ok, error);

  if (node == NULL)
    return ok;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_autofree char *p = join (path, key);
      return fail (error, SHOU_DOMAIN_ERROR_INVALID, p, "expected a string");
    }
  g_free (*out);
  *out = json_node_dup_string (node);
  return TRUE;
}

static gboolean
get_int (JsonObject  *o,
         const char  *path,
         const char  *key,
         gboolean     required,
         gint64      *out,
         GError     **error)
{
  gboolean ok;
  JsonNode *node = member (o, path, key, required, &ok, error);

  if (node == NULL)
    return ok;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    {
      g_autofree char *p = join (path, key);
      return fail (error, SHOU_DOMAIN_ERROR_INVALID, p, "expected an integer");
    }
  *out = json_node_get_int (node);
  return TRUE;
}

static gboolean
get_bool (JsonObject  *o,
          const char  *path,
          const char  *key,
          gboolean    *out,
          GError     **error)
{
  gboolean ok;
  JsonNode *node = member (o, path, key, FALSE, &ok, error);

  if (node == NULL)
    return ok;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    {
      g_autofree char *p = join (path, key);
      return fail (error, SHOU_DOMAIN_ERROR_INVALID, p, "expected true or false");
    }
  *out = json_node_get_boolean (node);
  return TRUE;
}

static gboolean
get_enum (JsonObject     *o,
          const char     *path,
          const char     *key,
          gboolean        required,
          EnumFromString  from_string,
          int            *out,
          GError        **error)
{
  g_autofree char *str = NULL;

  if (!get_str (o, path, key, required, &str, error))
    return FALSE;
  if (str != NULL && !from_string (str, out))
    {
      g_autofree char *p = join (path, key);
      return fail (error, SHOU_DOMAIN_ERROR_INVALID, p, "unknown value \"%s\"", str);
    }
  return TRUE;
}

#define GET_ENUM(o, path, key, required, prefix, out, error) \
  get_enum (o, path, key, required, (EnumFromString) prefix##_from_string, (int *) (out), error)

static gboolean
get_strv (JsonObject   *o,
          const char   *path,
          const char   *key,
          char       ***out,
          GError      **error)
{
  gboolean ok;
  JsonNode *node = member (o, path, key, FALSE, &ok, error);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *array;

  if (node == NULL)
    {
      *out = g_new0 (char *, 1);
      return ok;
    }
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_autofree char *p = join (path, key);
      return fail (error, SHOU_DOMAIN_ERROR_INVALID, p, "expected an array of strings");
    }
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *e = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (e) || json_node_get_value_type (e) != G_TYPE_STRING)
        {
          g_autofree char *p = g_strdup_printf ("%s.%s[%u]", path, key, i);
          return fail (error, SHOU_DOMAIN_ERROR_INVALID, p, "expected a string");
        }
      g_strv_builder_add (builder, json_node_get_string (e));
    }
  *out = g_strv_builder_end (builder);
  return TRUE;
}

/* Calls @parse on every object in the array member @key. */
typedef gpointer (*ParseFunc) (JsonObject *o, const char *path, GError **error);

static gboolean
get_array (JsonObject      *o,
           const char      *path,
           const char      *key,
           ParseFunc        parse,
           GDestroyNotify   free_func,
           GPtrArray      **out,
           GError         **error)
{
  gboolean ok;
  JsonNode *node = member (o, path, key, FALSE, &ok, error);
  JsonArray *array;

  *out = g_ptr_array_new_with_free_func (free_func);
  if (node == NULL)
    return ok;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_autofree char *p = join (path, key);
      return fail (error, SHOU_DOMAIN_ERROR_INVALID, p, "expected an array");
    }
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *e = json_array_get_element (array, i);
      g_autofree char *p = g_strdup_printf (path[0] ? "%s.%s[%u]" : "%s%s[%u]", path, key, i);
      gpointer item;

      if (!JSON_NODE_HOLDS_OBJECT (e))
        return fail (error, SHOU_DOMAIN_ERROR_INVALID, p, "expected an object");
      item = parse (json_node_get_object (e), p, error);
      if (item == NULL)
        return FALSE;
      g_ptr_array_add (*out, item);
    }
  return TRUE;
}

/* An optional nested object; *out stays NULL when absent or null. */
static gboolean
get_object (JsonObject  *o,
            const char  *path,
            const char  *key,
            ParseFunc    parse,
            gpointer    *out,
            GError     **error)
{
  gboolean ok;
  JsonNode *node = member (o, path, key, FALSE, &ok, error);
  g_autofree char *p = join (path, key);

  if (node == NULL)
    return ok;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return fail (error, SHOU_DOMAIN_ERROR_INVALID, p, "expected an object");
  *out = parse (json_node_get_object (node), p, error);
  return *out != NULL;
}

static gpointer
parse_line (JsonObject  *o,
            const char  *path,
            GError     **error)
{
  g_autoptr(GError) local = NULL;
  ShouOrderLine *line = g_new0 (ShouOrderLine, 1);
  gint64 quantity = 1;

  if (!get_str (o, path, "id", TRUE, &line->id, &local) ||
      !get_str (o, path, "title", FALSE, &line->title, &local) ||
      !get_str (o, path, "sku", FALSE, &line->sku, &local) ||
      !get_int (o, path, "quantity", FALSE, &quantity, &local) ||
      !get_int (o, path, "price_fen", FALSE, &line->price_fen, &local))
    {
      shou_order_line_free (line);
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  line->quantity = (guint) CLAMP (quantity, 0, G_MAXUINT);
  return line;
}

static gpointer
parse_address (JsonObject  *o,
               const char  *path,
               GError     **error)
{
  g_autoptr(GError) local = NULL;
  ShouAddress *a = g_new0 (ShouAddress, 1);

  if (!get_str (o, path, "id", TRUE, &a->id, &local) ||
      !get_str (o, path, "shop_id", FALSE, &a->shop_id, &local) ||
      !get_str (o, path, "name", FALSE, &a->name, &local) ||
      !get_str (o, path, "phone", FALSE, &a->phone, &local) ||
      !get_str (o, path, "province", FALSE, &a->province, &local) ||
      !get_str (o, path, "city", FALSE, &a->city, &local) ||
      !get_str (o, path, "district", FALSE, &a->district, &local) ||
      !get_str (o, path, "street", FALSE, &a->street, &local) ||
      !get_str (o, path, "postcode", FALSE, &a->postcode, &local) ||
      !get_bool (o, path, "is_default", &a->is_default, &local) ||
      !get_int (o, path, "version", FALSE, &a->version, &local) ||
      !get_bool (o, path, "deleted", &a->deleted, &local))
    {
      shou_address_free (a);
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  return a;
}

static gpointer
parse_shipment_event (JsonObject  *o,
                      const char  *path,
                      GError     **error)
{
  g_autoptr(GError) local = NULL;
  ShouShipmentEvent *e = g_new0 (ShouShipmentEvent, 1);

  if (!get_int (o, path, "at", TRUE, &e->at, &local) ||
      !get_str (o, path, "text", FALSE, &e->text, &local))
    {
      shipment_event_free (e);
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  return e;
}

static gpointer
parse_shipment (JsonObject  *o,
                const char  *path,
                GError     **error)
{
  g_autoptr(GError) local = NULL;
  ShouShipment *s = g_new0 (ShouShipment, 1);

  if (!get_str (o, path, "carrier", TRUE, &s->carrier, &local) ||
      !get_str (o, path, "carrier_name", FALSE, &s->carrier_name, &local) ||
      !get_str (o, path, "tracking_no", TRUE, &s->tracking_no, &local) ||
      !get_int (o, path, "shipped_at", FALSE, &s->shipped_at, &local) ||
      !get_array (o, path, "events", parse_shipment_event, (GDestroyNotify) shipment_event_free,
                  &s->events, &local))
    {
      shou_shipment_free (s);
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  return s;
}

static gpointer
parse_evidence (JsonObject  *o,
                const char  *path,
                GError     **error)
{
  g_autoptr(GError) local = NULL;
  ShouEvidence *e = g_new0 (ShouEvidence, 1);

  e->kind = SHOU_EVIDENCE_OTHER;
  e->by = SHOU_ACTOR_SELLER;
  if (!get_str (o, path, "id", TRUE, &e->id, &local) ||
      !get_str (o, path, "content_type", FALSE, &e->content_type, &local) ||
      !get_int (o, path, "size", FALSE, &e->size, &local) ||
      !GET_ENUM (o, path, "kind", FALSE, shou_evidence_kind, &e->kind, &local) ||
      !GET_ENUM (o, path, "by", FALSE, shou_actor, &e->by, &local) ||
      !get_int (o, path, "uploaded_at", FALSE, &e->uploaded_at, &local))
    {
      shou_evidence_free (e);
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  return e;
}

static gpointer
parse_round (JsonObject  *o,
             const char  *path,
             GError     **error)
{
  g_autoptr(GError) local = NULL;
  ShouNegotiationRound *r = g_new0 (ShouNegotiationRound, 1);
  gint64 round = 0;

  if (!get_int (o, path, "round", TRUE, &round, &local) ||
      !get_str (o, path, "text", FALSE, &r->text, &local) ||
      !get_strv (o, path, "scripts", &r->scripts, &local) ||
      !GET_ENUM (o, path, "proposal", FALSE, shou_proposal, &r->proposal, &local) ||
      !get_int (o, path, "amount_fen", FALSE, &r->amount_fen, &local) ||
      !get_strv (o, path, "evidence", &r->evidence, &local) ||
      !get_int (o, path, "sent_at", FALSE, &r->sent_at, &local) ||
      !get_str (o, path, "reply", FALSE, &r->reply, &local) ||
      !get_int (o, path, "replied_at", FALSE, &r->replied_at, &local) ||
      !get_bool (o, path, "accepted", &r->accepted, &local))
    {
      shou_negotiation_round_free (r);
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  if (round < 1 || round > 2)
    {
      g_autofree char *p = join (path, "round");
      shou_negotiation_round_free (r);
      fail (error, SHOU_DOMAIN_ERROR_INVALID, p, "must be 1 or 2");
      return NULL;
    }
  r->round = (guint) round;
  return r;
}

static gpointer
parse_rejection (JsonObject  *o,
                 const char  *path,
                 GError     **error)
{
  g_autoptr(GError) local = NULL;
  ShouRejection *r = g_new0 (ShouRejection, 1);

  if (!get_str (o, path, "reason_code", TRUE, &r->reason_code, &local) ||
      !get_str (o, path, "reason_text", FALSE, &r->reason_text, &local) ||
      !get_str (o, path, "explanation", FALSE, &r->explanation, &local) ||
      !get_strv (o, path, "evidence", &r->evidence, &local) ||
      !get_int (o, path, "at", FALSE, &r->at, &local))
    {
      shou_rejection_free (r);
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  return r;
}

static gpointer
parse_timeline_event (JsonObject  *o,
                      const char  *path,
                      GError     **error)
{
  g_autoptr(GError) local = NULL;
  ShouTimelineEvent *e = g_new0 (ShouTimelineEvent, 1);

  e->actor = SHOU_ACTOR_SYSTEM;
  if (!get_int (o, path, "at", TRUE, &e->at, &local) ||
      !GET_ENUM (o, path, "actor", FALSE, shou_actor, &e->actor, &local) ||
      !get_str (o, path, "kind", FALSE, &e->kind, &local) ||
      !get_str (o, path, "text", FALSE, &e->text, &local))
    {
      shou_timeline_event_free (e);
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  return e;
}

ShouShop *
shou_shop_from_json (JsonObject  *object,
                     GError     **error)
{
  g_autoptr(ShouShop) shop = g_new0 (ShouShop, 1);

  g_return_val_if_fail (object != NULL, NULL);

  if (!get_str (object, "", "id", TRUE, &shop->id, error) ||
      !GET_ENUM (object, "", "platform", TRUE, shou_platform, &shop->platform, error) ||
      !get_str (object, "", "name", FALSE, &shop->name, error) ||
      !get_str (object, "", "merchant_id", FALSE, &shop->merchant_id, error))
    return NULL;
  return g_steal_pointer (&shop);
}

ShouOrder *
shou_order_from_json (JsonObject  *object,
                      GError     **error)
{
  g_autoptr(ShouOrder) order = g_new0 (ShouOrder, 1);
  gboolean ok;
  JsonNode *buyer;

  g_return_val_if_fail (object != NULL, NULL);

  if (!get_str (object, "", "id", TRUE, &order->id, error) ||
      !get_str (object, "", "shop_id", FALSE, &order->shop_id, error) ||
      !get_str (object, "", "order_no", FALSE, &order->order_no, error) ||
      !GET_ENUM (object, "", "state", TRUE, shou_order_state, &order->state, error) ||
      !get_bool (object, "", "cod", &order->cod, error) ||
      !get_int (object, "", "paid_fen", FALSE, &order->paid_fen, error) ||
      !get_int (object, "", "created_at", FALSE, &order->created_at, error) ||
      !get_int (object, "", "paid_at", FALSE, &order->paid_at, error) ||
      !get_int (object, "", "shipped_at", FALSE, &order->shipped_at, error) ||
      !get_int (object, "", "completed_at", FALSE, &order->completed_at, error) ||
      !get_array (object, "", "lines", parse_line, (GDestroyNotify) shou_order_line_free,
                  &order->lines, error) ||
      !get_int (object, "", "updated_at", FALSE, &order->updated_at, error) ||
      !get_int (object, "", "version", FALSE, &order->version, error))
    return NULL;

  buyer = member (object, "", "buyer", FALSE, &ok, error);
  if (buyer != NULL)
    {
      JsonObject *b;

      if (!JSON_NODE_HOLDS_OBJECT (buyer))
        {
          fail (error, SHOU_DOMAIN_ERROR_INVALID, "buyer", "expected an object");
          return NULL;
        }
      b = json_node_get_object (buyer);
      if (!get_str (b, "buyer", "nick", FALSE, &order->buyer.nick, error) ||
          !get_str (b, "buyer", "name", FALSE, &order->buyer.name, error) ||
          !get_str (b, "buyer", "phone", FALSE, &order->buyer.phone, error) ||
          !get_str (b, "buyer", "address", FALSE, &order->buyer.address, error))
        return NULL;
    }

  return g_steal_pointer (&order);
}

ShouAddress *
shou_address_from_json (JsonObject  *object,
                        GError     **error)
{
  g_return_val_if_fail (object != NULL, NULL);
  return parse_address (object, "", error);
}

static gboolean
parse_actions (JsonObject     *object,
               ShouAftersale  *a,
               GError        **error)
{
  gboolean ok;
  JsonNode *node;
  g_auto(GStrv) allowed = NULL;

  if (!get_strv (object, "", "allowed_actions", &allowed, error))
    return FALSE;
  for (guint i = 0; allowed[i] != NULL; i++)
    {
      ShouAction action;

      if (!shou_action_from_string (allowed[i], &action))
        {
          g_autofree char *p = g_strdup_printf ("allowed_actions[%u]", i);
          return fail (error, SHOU_DOMAIN_ERROR_INVALID, p, "unknown action \"%s\"", allowed[i]);
        }
      a->allowed |= SHOU_ACTION_BIT (action);
    }

  node = member (object, "", "blocked_actions", FALSE, &ok, error);
  if (node == NULL)
    return ok;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return fail (error, SHOU_DOMAIN_ERROR_INVALID, "blocked_actions", "expected an array");
  for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
    {
      JsonNode *e = json_array_get_element (json_node_get_array (node), i);
      g_autofree char *p = g_strdup_printf ("blocked_actions[%u]", i);
      ShouAction action = SHOU_ACTION_MESSAGE;
      ShouReason reason = SHOU_REASON_WRONG_STATUS;
      g_autofree char *reason_str = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (e))
        return fail (error, SHOU_DOMAIN_ERROR_INVALID, p, "expected an object");
      if (!GET_ENUM (json_node_get_object (e), p, "action", TRUE, shou_action, &action, error) ||
          !get_str (json_node_get_object (e), p, "reason", FALSE, &reason_str, error))
        return FALSE;
      /* Reasons the client does not know (a newer server) still block. */
      if (reason_str != NULL && !shou_reason_from_string (reason_str, &reason))
        reason = SHOU_REASON_WRONG_STATUS;
      a->why_not[action] = reason == SHOU_REASON_NONE ? SHOU_REASON_WRONG_STATUS : reason;
    }
  return TRUE;
}

ShouAftersale *
shou_aftersale_from_json (JsonObject  *object,
                          GError     **error)
{
  g_autoptr(ShouAftersale) a = g_new0 (ShouAftersale, 1);
  gboolean ok;
  JsonNode *nego;

  g_return_val_if_fail (object != NULL, NULL);

  a->on_lapse = SHOU_LAPSE_NONE;
  a->deadline_actor = SHOU_ACTOR_SYSTEM;
  a->good_status = SHOU_GOOD_NOT_RECEIVED;
  a->order_state = SHOU_ORDER_SHIPPED;
  if (!get_str (object, "", "id", TRUE, &a->id, error) ||
      !get_str (object, "", "shop_id", FALSE, &a->shop_id, error) ||
      !get_str (object, "", "order_id", FALSE, &a->order_id, error) ||
      !get_str (object, "", "line_id", FALSE, &a->line_id, error) ||
      !GET_ENUM (object, "", "platform", TRUE, shou_platform, &a->platform, error) ||
      !get_str (object, "", "platform_id", FALSE, &a->platform_id, error) ||
      !get_str (object, "", "platform_status", FALSE, &a->platform_status, error) ||
      !GET_ENUM (object, "", "type", TRUE, shou_request_type, &a->type, error) ||
      !GET_ENUM (object, "", "status", TRUE, shou_status, &a->status, error) ||
      !get_str (object, "", "reason_code", FALSE, &a->reason_code, error) ||
      !get_str (object, "", "reason_text", FALSE, &a->reason_text, error) ||
      !get_str (object, "", "buyer_text", FALSE, &a->buyer_text, error) ||
      !get_int (object, "", "amount_fen", FALSE, &a->amount_fen, error) ||
      !get_int (object, "", "paid_fen", FALSE, &a->paid_fen, error) ||
      !get_int (object, "", "shipping_fen", FALSE, &a->shipping_fen, error) ||
      !GET_ENUM (object, "", "good_status", FALSE, shou_good_status, &a->good_status, error) ||
      !GET_ENUM (object, "", "order_state", FALSE, shou_order_state, &a->order_state, error) ||
      !get_bool (object, "", "cod", &a->cod, error) ||
      !get_int (object, "", "opened_at", FALSE, &a->opened_at, error) ||
      !get_int (object, "", "updated_at", FALSE, &a->updated_at, error) ||
      !get_int (object, "", "deadline_at", FALSE, &a->deadline_at, error) ||
      !GET_ENUM (object, "", "on_lapse", FALSE, shou_lapse, &a->on_lapse, error) ||
      !GET_ENUM (object, "", "deadline_actor", FALSE, shou_actor, &a->deadline_actor, error) ||
      !get_str (object, "", "deadline_rule", FALSE, &a->deadline_rule, error) ||
      !parse_actions (object, a, error) ||
      !get_int (object, "", "version", FALSE, &a->version, error) ||
      !get_object (object, "", "return_address", parse_address, (gpointer *) &a->return_address, error) ||
      !get_object (object, "", "return_shipment", parse_shipment, (gpointer *) &a->return_shipment, error) ||
      !get_object (object, "", "exchange_shipment", parse_shipment, (gpointer *) &a->exchange_shipment, error) ||
      !get_object (object, "", "rejection", parse_rejection, (gpointer *) &a->rejection, error) ||
      !get_object (object, "", "line", parse_line, (gpointer *) &a->line, error) ||
      !get_str (object, "", "buyer_nick", FALSE, &a->buyer_nick, error) ||
      !get_array (object, "", "evidence", parse_evidence, (GDestroyNotify) shou_evidence_free,
                  &a->evidence, error) ||
      !get_array (object, "", "timeline", parse_timeline_event,
                  (GDestroyNotify) shou_timeline_event_free, &a->timeline, error))
    return NULL;

  /* Actions neither allowed nor listed as blocked are blocked all the same. */
  for (guint i = 0; i < SHOU_N_ACTIONS; i++)
    if ((a->allowed & SHOU_ACTION_BIT (i)) == 0 && a->why_not[i] == SHOU_REASON_NONE)
      a->why_not[i] = shou_status_is_finished (a->status) ? SHOU_REASON_FINISHED
                                                          : SHOU_REASON_WRONG_STATUS;

  nego = member (object, "", "negotiation", FALSE, &ok, error);
  if (!ok)
    return NULL;
  if (nego != NULL)
    {
      JsonObject *n;

      if (!JSON_NODE_HOLDS_OBJECT (nego))
        {
          fail (error, SHOU_DOMAIN_ERROR_INVALID, "negotiation", "expected an object");
          return NULL;
        }
      n = json_node_get_object (nego);
      if (!GET_ENUM (n, "negotiation", "phase", FALSE, shou_nego_phase, &a->nego_phase, error) ||
          !get_int (n, "negotiation", "wait_until", FALSE, &a->nego_wait_until, error) ||
          !get_str (n, "negotiation", "buyer_phone", FALSE, &a->buyer_phone, error))
        return NULL;
      g_clear_pointer (&a->rounds, g_ptr_array_unref);
      if (!get_array (n, "negotiation", "rounds", parse_round,
                      (GDestroyNotify) shou_negotiation_round_free, &a->rounds, error))
        return NULL;
    }
  else
    a->rounds = g_ptr_array_new_with_free_func ((GDestroyNotify) shou_negotiation_round_free);

  return g_steal_pointer (&a);
}
