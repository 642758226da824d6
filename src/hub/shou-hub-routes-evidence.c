/* shou-hub-routes-evidence.c: evidence uploads and downloads. */
#include "config.h"

#include "hub/shou-hub-decode.h"
#include "hub/shou-hub-doc.h"
#include "hub/shou-hub-input.h"
#include "shou-hub-routes.h"

/* Answers with the evidence entry @sha of @as. */
static void
send_attached (ShouHubContext    *ctx,
               SoupServerMessage *msg,
               ShouHubAftersale  *as,
               const char        *sha,
               guint              status)
{
  JsonArray *list = json_object_get_array_member (as->doc, "evidence");

  for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
    {
      JsonObject *e = json_array_get_object_element (list, i);

      if (g_str_equal (json_object_get_string_member (e, "id"), sha))
        {
          shou_hub_http_send_one (ctx, msg, status, "evidence", json_object_ref (e));
          return;
        }
    }
  shou_hub_http_send_error (ctx, msg, 500, "internal", "The evidence was not attached");
}

void
shou_hub_route_post_evidence (ShouHubContext    *ctx,
                              SoupServerMessage *msg,
                              const char        *merchant,
                              const char        *id,
                              GHashTable        *query)
{
  g_autoptr(ShouHubAftersale) as = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GChecksum) sum = NULL;
  g_autoptr(ShouHubFailure) failure = NULL;
  const char *kind_name = query ? g_hash_table_lookup (query, "kind") : NULL;
  const char *declared;
  const char *content_type = NULL;
  const ShouProfile *profile;
  ShouEvidenceKind kind;
  const guint8 *data;
  const char *sha;
  gsize length;

  as = shou_hub_http_load_aftersale (ctx, msg, merchant, id);
  if (as == NULL)
    return;
  profile = shou_hub_platform_get_request_profile (ctx->platform, as);

  if (kind_name == NULL)
    kind_name = "other";
  if (!shou_evidence_kind_from_string (kind_name, &kind))
    {
      failure = shou_hub_failure_bad ("kind", "unknown_kind", "Unknown evidence kind \"%s\"", kind_name);
      shou_hub_http_send_failure (ctx, msg, failure);
      return;
    }

  bytes = shou_hub_http_request_body (msg);
  data = g_bytes_get_data (bytes, &length);
  if (length == 0)
    {
      failure = shou_hub_failure_bad ("body", "empty", "The upload is empty");
      shou_hub_http_send_failure (ctx, msg, failure);
      return;
    }

  sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_checksum_update (sum, data, length);
  sha = g_checksum_get_string (sum);

  declared = soup_message_headers_get_content_type (soup_server_message_get_request_headers (msg), NULL);
  content_type = shou_sniff_content_type (data, length);
  if (declared != NULL && !g_str_equal (declared, "application/octet-stream") &&
      g_strcmp0 (declared, content_type) != 0)
    {
      failure = shou_hub_failure_new (415, "unsupported_type",
                                      "The file is declared as %s but its content is %s",
                                      declared, content_type ? content_type : "not a known type");
      shou_hub_http_send_failure (ctx, msg, failure);
      return;
    }

  if (shou_hub_doc_has_evidence (as, sha))
    {
      send_attached (ctx, msg, as, sha, 200);
      return;
    }
  /* Pinduoduo's ticket: no evidence once its 48 h passed (003 §四). */
  if (!shou_rules_can_add_evidence (profile, &as->state, shou_hub_platform_now (ctx->platform),
                                    NULL, &error))
    {
      failure = shou_hub_failure_from_rules (error);
      shou_hub_http_send_failure (ctx, msg, failure);
      return;
    }

  if (!shou_validate_evidence (profile, data, length,
                               shou_hub_doc_count_evidence (as, SHOU_ACTOR_SELLER),
                               &content_type, &error))
    {
      if (g_error_matches (error, SHOU_VALIDATE_ERROR, SHOU_VALIDATE_ERROR_TOO_BIG))
        failure = shou_hub_failure_new (413, "too_large", "%s", error->message);
      else if (g_error_matches (error, SHOU_VALIDATE_ERROR, SHOU_VALIDATE_ERROR_TOO_MANY))
        failure = shou_hub_failure_new (422, "too_many", "%s", error->message);
      else if (g_error_matches (error, SHOU_VALIDATE_ERROR, SHOU_VALIDATE_ERROR_EMPTY))
        failure = shou_hub_failure_bad ("body", "empty", "%s", error->message);
      else
        failure = shou_hub_failure_new (415, "unsupported_type", "%s", error->message);
      shou_hub_http_send_failure (ctx, msg, failure);
      return;
    }
  /* The signature is not enough: HTML after JPEG magic is not a photo. */
  if (!shou_hub_evidence_decodes (content_type, data, length, &error))
    {
      failure = shou_hub_failure_new (415, "unsupported_type", "%s", error->message);
      shou_hub_http_send_failure (ctx, msg, failure);
      return;
    }

  /* Attached in one transaction with the request's row locked, so that
   * two uploads at once (from two hub processes) both stay. */
  if (!shou_hub_store_begin (ctx->store, &error))
    {
      shou_hub_http_send_error (ctx, msg, 500, "internal", error->message);
      return;
    }
  shou_hub_aftersale_free (as);
  as = shou_hub_http_load_aftersale (ctx, msg, merchant, id);
  if (as == NULL)
    {
      shou_hub_store_rollback (ctx->store);
      return;
    }
  if (shou_hub_doc_has_evidence (as, sha))
    {
      shou_hub_store_rollback (ctx->store);
      send_attached (ctx, msg, as, sha, 200);
      return;
    }
  if (!shou_hub_platform_upload_evidence (ctx->platform, as, sha, content_type, bytes,
                                          shou_evidence_kind_to_string (kind),
                                          shou_hub_platform_now (ctx->platform), &error) ||
      !shou_hub_store_commit (ctx->store, &error))
    {
      shou_hub_store_rollback (ctx->store);
      /* The platform's own limits (a Taobao proof picture: 130,000 bytes,
       * GIF/JPG/PNG), said in the seller's words. */
      if (g_error_matches (error, SHOU_VALIDATE_ERROR, SHOU_VALIDATE_ERROR_TOO_BIG))
        shou_hub_http_send_error (ctx, msg, 413, "too_large", error->message);
      else if (g_error_matches (error, SHOU_VALIDATE_ERROR, SHOU_VALIDATE_ERROR_TYPE))
        shou_hub_http_send_error (ctx, msg, 415, "unsupported_type", error->message);
      else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED))
        {
          /* The platform's API takes no evidence from the hub: where instead. */
          failure = shou_hub_failure_new (422, "not_allowed", "%s", error->message);
          failure->reason = g_strdup ("platform_backend");
          shou_hub_http_send_failure (ctx, msg, failure);
        }
      else
        shou_hub_http_send_error (ctx, msg, 500, "internal", error->message);
      return;
    }
  send_attached (ctx, msg, as, sha, 201);
}
void
shou_hub_route_get_evidence (ShouHubContext    *ctx,
                             SoupServerMessage *msg,
                             const char        *merchant,
                             const char        *id,
                             const char        *sha)
{
  g_autoptr(ShouHubAftersale) as = shou_hub_http_load_aftersale (ctx, msg, merchant, id);
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *content_type = NULL;
  g_autofree char *disposition = NULL;
  SoupMessageHeaders *headers;

  if (as == NULL)
    return;
  if (!shou_hub_doc_has_evidence (as, sha) ||
      (bytes = shou_hub_store_get_evidence (ctx->store, merchant, sha, &content_type)) == NULL)
    {
      shou_hub_http_send_error (ctx, msg, 404, "not_found", "No such evidence on this request");
      return;
    }
  shou_hub_http_common_headers (ctx, msg);
  /* Never rendered by a browser as something else (HTML, script). */
  headers = soup_server_message_get_response_headers (msg);
  soup_message_headers_replace (headers, "X-Content-Type-Options", "nosniff");
  disposition = g_strdup_printf ("attachment; filename=\"%.64s.%s\"", sha,
                                 g_str_equal (content_type, "application/pdf") ? "pdf" :
                                 g_str_equal (content_type, "image/png") ? "png" : "jpg");
  soup_message_headers_replace (headers, "Content-Disposition", disposition);
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, content_type, SOUP_MEMORY_COPY,
                                    g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

