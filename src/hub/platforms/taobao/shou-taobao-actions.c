/* shou-taobao-actions.c: TOP seller action parameters. */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "core/shou-validate.h"

#include "shou-taobao-actions.h"

#define TAOBAO_AGREE_MAX   20
#define TAOBAO_AGREE_FEN   G_GINT64_CONSTANT (600000)
#define TMALL_AGREE_MAX    30
#define TMALL_AGREE_FEN    G_GINT64_CONSTANT (1000000)
#define REFUSE_MIN_CHARS   2
#define REFUSE_MAX_CHARS   200
#define REFUSE_PROOF_BYTES SHOU_TAOBAO_PROOF_MAX_BYTES

static const char * const phases[] = { "onsale", "aftersale" };

static gboolean
bad (GError    **error,
     const char *message)
{
  g_set_error_literal (error, SHOU_PROTOCOL_ERROR, SHOU_PROTOCOL_ERROR_BAD_REQUEST, message);
  return FALSE;
}

static char *
bad_infos (GError    **error,
           const char *message)
{
  bad (error, message);
  return NULL;
}

char *
shou_taobao_refund_infos (const ShouTaobaoAgree *agrees,
                          guint                  n,
                          gboolean               tmall,
                          GError               **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  gint64 total = 0;

  g_return_val_if_fail (agrees != NULL || n == 0, NULL);

  if (n == 0 || n > (tmall ? TMALL_AGREE_MAX : TAOBAO_AGREE_MAX))
    return bad_infos (error, "taobao.rp.refunds.agree takes 1 to 20 refunds (30 on Tmall)");
  for (guint i = 0; i < n; i++)
    {
      const ShouTaobaoAgree *a = &agrees[i];

      if (a->refund_id == NULL || *a->refund_id == '\0' || strpbrk (a->refund_id, "|,") != NULL)
        return bad_infos (error, "a refund id is empty or holds | or ,");
      if (a->amount_fen <= 0 || a->refund_version <= 0)
        return bad_infos (error, "a refund's amount and version must be positive");
      if (tmall && !shou_protocol_name_index (phases, G_N_ELEMENTS (phases), a->phase, NULL))
        return bad_infos (error, "a Tmall refund needs its phase (onsale or aftersale)");
      total += a->amount_fen;
      if (total > (tmall ? TMALL_AGREE_FEN : TAOBAO_AGREE_FEN))
        return bad_infos (error, "one call agrees at most 6,000 yuan (10,000 on Tmall)");
      g_string_append_printf (out, "%s%s|%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT,
                              i > 0 ? "," : "", a->refund_id, a->amount_fen, a->refund_version);
      if (tmall)
        g_string_append_printf (out, "|%s", a->phase);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

gboolean
shou_taobao_agree_result (JsonNode  *payload,
                          GError   **error)
{
  JsonObject *object;
  JsonNode *results;
  const char *msg_code;
  const char *why = NULL;

  g_return_val_if_fail (payload != NULL, FALSE);

  if (!JSON_NODE_HOLDS_OBJECT (payload))
    {
      g_set_error_literal (error, SHOU_PROTOCOL_ERROR, SHOU_PROTOCOL_ERROR_MALFORMED,
                           "rp_refunds_agree_response is not an object");
      return FALSE;
    }
  object = json_node_get_object (payload);
  msg_code = shou_protocol_json_string (object, "msg_code");
  if (g_strcmp0 (msg_code, "OP_SUCC") == 0)
    return TRUE;
  /* results: {"refund_mapping_result": [{refund_id, succ, message}]} */
  results = json_object_get_member (object, "results");
  if (results != NULL && JSON_NODE_HOLDS_OBJECT (results))
    {
      JsonNode *list = json_object_get_member (json_node_get_object (results), "refund_mapping_result");

      for (guint i = 0; list != NULL && JSON_NODE_HOLDS_ARRAY (list) &&
                        i < json_array_get_length (json_node_get_array (list)) && why == NULL; i++)
        {
          JsonNode *item = json_array_get_element (json_node_get_array (list), i);

          if (JSON_NODE_HOLDS_OBJECT (item) &&
              !json_object_get_boolean_member_with_default (json_node_get_object (item), "succ", FALSE))
            why = shou_protocol_json_string (json_node_get_object (item), "message");
        }
    }
  if (why == NULL)
    why = shou_protocol_json_string (object, "message");
  {
    g_autoptr(ShouProtocolFault) fault =
      shou_protocol_fault_new (SHOU_PROTOCOL_ERROR_BUSINESS, msg_code ? msg_code : "?",
                               why, NULL, NULL, NULL);
    shou_protocol_fault_set_error (fault, "TOP", error);
  }
  return FALSE;
}

gboolean
shou_taobao_agree_outcomes (JsonNode    *payload,
                            GHashTable  *outcomes,
                            gboolean    *all_ok,
                            char       **out_message,
                            GError     **error)
{
  JsonObject *object;
  JsonNode *results;
  JsonNode *list = NULL;
  const char *msg_code;
  const char *message;

  g_return_val_if_fail (payload != NULL && outcomes != NULL && all_ok != NULL, FALSE);

  *all_ok = FALSE;
  if (!JSON_NODE_HOLDS_OBJECT (payload))
    {
      g_set_error_literal (error, SHOU_PROTOCOL_ERROR, SHOU_PROTOCOL_ERROR_MALFORMED,
                           "rp_refunds_agree_response is not an object");
      return FALSE;
    }
  object = json_node_get_object (payload);
  msg_code = shou_protocol_json_string (object, "msg_code");
  message = shou_protocol_json_string (object, "message");
  *all_ok = g_strcmp0 (msg_code, "OP_SUCC") == 0;
  if (out_message != NULL)
    *out_message = g_strdup (message ? message : msg_code ? msg_code : "?");
  results = json_object_get_member (object, "results");
  if (results != NULL && JSON_NODE_HOLDS_OBJECT (results))
    list = json_object_get_member (json_node_get_object (results), "refund_mapping_result");
  for (guint i = 0; list != NULL && JSON_NODE_HOLDS_ARRAY (list) &&
                    i < json_array_get_length (json_node_get_array (list)); i++)
    {
      JsonNode *item = json_array_get_element (json_node_get_array (list), i);
      JsonObject *o = JSON_NODE_HOLDS_OBJECT (item) ? json_node_get_object (item) : NULL;
      g_autofree char *id = o ? shou_protocol_json_code (o, "refund_id") : NULL;
      const char *why;

      if (id == NULL)
        continue;
      why = shou_protocol_json_string (o, "message");
      g_hash_table_replace (outcomes, g_steal_pointer (&id),
                            g_strdup (json_object_get_boolean_member_with_default (o, "succ", FALSE)
                                        ? "" : why && *why ? why : msg_code ? msg_code : "?"));
    }
  return TRUE;
}

gboolean
shou_taobao_check_refuse (const char  *refuse_message,
                          gsize        proof_bytes,
                          gboolean     tmall,
                          const char  *refund_phase,
                          gint64       refund_version,
                          GError     **error)
{
  glong chars;

  if (refuse_message == NULL || !g_utf8_validate (refuse_message, -1, NULL))
    return bad (error, "the refusal message is missing or not UTF-8");
  chars = g_utf8_strlen (refuse_message, -1);
  if (chars < REFUSE_MIN_CHARS || chars > REFUSE_MAX_CHARS)
    return bad (error, "the refusal message must be 2 to 200 characters");
  if (proof_bytes > REFUSE_PROOF_BYTES)
    return bad (error, "the refusal proof must be at most 130,000 bytes");
  if (tmall && (proof_bytes == 0 || refund_version <= 0 ||
                !shou_protocol_name_index (phases, G_N_ELEMENTS (phases), refund_phase, NULL)))
    return bad (error, "a Tmall refusal needs proof, refund_phase and refund_version");
  return TRUE;
}

/* taobao.refund.message.add: content, at most 400 bytes
 * (TaobaoRefundMessageAddAPIRequest.go). */
#define MESSAGE_MAX_BYTES 400

gboolean
shou_taobao_check_message (const char  *content,
                           GError     **error)
{
  if (content == NULL || *content == '\0' || !g_utf8_validate (content, -1, NULL))
    return bad (error, "the message is missing or not UTF-8");
  if (strlen (content) > MESSAGE_MAX_BYTES)
    return bad (error, "the message must be at most 400 bytes");
  return TRUE;
}

gboolean
shou_taobao_refuse_result (JsonObject  *payload,
                           GError     **error)
{
  g_autoptr(ShouProtocolFault) fault = NULL;

  if (json_object_get_boolean_member_with_default (payload, "is_success", FALSE))
    return TRUE;
  fault = shou_protocol_fault_new (SHOU_PROTOCOL_ERROR_BUSINESS, "is_success=false",
                                   "TOP did not take the refusal", NULL, NULL, NULL);
  shou_protocol_fault_set_error (fault, "TOP", error);
  return FALSE;
}

/* TOP's byte[] image parameters take GIF, JPG and PNG
 * (TaobaoRefundRefuseAPIRequest.go, TaobaoRefundMessageAddAPIRequest.go). */
static const char * const proof_types[] = { "image/gif", "image/jpeg", "image/png" };

gboolean
shou_taobao_check_proof (const char  *content_type,
                         gsize        bytes,
                         GError     **error)
{
  if (!shou_protocol_name_index (proof_types, G_N_ELEMENTS (proof_types), content_type, NULL))
    {
      g_set_error_literal (error, SHOU_VALIDATE_ERROR, SHOU_VALIDATE_ERROR_TYPE,
                           /* Translators: TOP (Taobao/Tmall) takes evidence only as pictures */
                           _("Taobao takes evidence only as a GIF, JPG or PNG picture"));
      return FALSE;
    }
  if (bytes == 0 || bytes > SHOU_TAOBAO_PROOF_MAX_BYTES)
    {
      g_set_error (error, SHOU_VALIDATE_ERROR, SHOU_VALIDATE_ERROR_TOO_BIG,
                   /* Translators: %u is Taobao's limit in bytes (130,000) for a refusal's proof picture */
                   _("Taobao takes a proof picture of at most %u bytes: make it smaller"),
                   (guint) SHOU_TAOBAO_PROOF_MAX_BYTES);
      return FALSE;
    }
  return TRUE;
}
