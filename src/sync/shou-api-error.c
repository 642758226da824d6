#include "config.h"

#include "shou-api-error.h"

typedef struct
{
  char   *code;
  char   *reason;
  gint64  current_version;
  char   *certificate_sha256;
  char   *holder_staff_id;
  char   *holder_name;
} ShouApiErrorPrivate;

static void
shou_api_error_private_init (ShouApiErrorPrivate *priv)
{
  priv->current_version = -1;
}

static void
shou_api_error_private_copy (const ShouApiErrorPrivate *src,
                             ShouApiErrorPrivate       *dest)
{
  dest->code = g_strdup (src->code);
  dest->reason = g_strdup (src->reason);
  dest->current_version = src->current_version;
  dest->certificate_sha256 = g_strdup (src->certificate_sha256);
  dest->holder_staff_id = g_strdup (src->holder_staff_id);
  dest->holder_name = g_strdup (src->holder_name);
}

static void
shou_api_error_private_clear (ShouApiErrorPrivate *priv)
{
  g_clear_pointer (&priv->code, g_free);
  g_clear_pointer (&priv->reason, g_free);
  g_clear_pointer (&priv->certificate_sha256, g_free);
  g_clear_pointer (&priv->holder_staff_id, g_free);
  g_clear_pointer (&priv->holder_name, g_free);
}

G_DEFINE_EXTENDED_ERROR (ShouApiError, shou_api_error)

const char *
shou_api_error_get_code (const GError *error)
{
  ShouApiErrorPrivate *priv = shou_api_error_get_private (error);
  return priv ? priv->code : NULL;
}

const char *
shou_api_error_get_reason (const GError *error)
{
  ShouApiErrorPrivate *priv = shou_api_error_get_private (error);
  return priv ? priv->reason : NULL;
}

gint64
shou_api_error_get_current_version (const GError *error)
{
  ShouApiErrorPrivate *priv = shou_api_error_get_private (error);
  return priv ? priv->current_version : -1;
}

void
shou_api_error_set_code (GError     *error,
                         const char *code)
{
  ShouApiErrorPrivate *priv = shou_api_error_get_private (error);

  if (priv != NULL)
    {
      g_free (priv->code);
      priv->code = g_strdup (code);
    }
}

gboolean
shou_api_error_is_transient (const GError *error)
{
  return error != NULL && error->domain == SHOU_API_ERROR &&
         (error->code == SHOU_API_ERROR_NETWORK ||
          error->code == SHOU_API_ERROR_SERVER ||
          error->code == SHOU_API_ERROR_BAD_RESPONSE);
}

const char *
shou_api_error_get_certificate_sha256 (const GError *error)
{
  ShouApiErrorPrivate *priv = shou_api_error_get_private (error);
  return priv ? priv->certificate_sha256 : NULL;
}

void
shou_api_error_set_details (GError     *error,
                            const char *code,
                            const char *reason,
                            gint64      current_version)
{
  ShouApiErrorPrivate *priv = shou_api_error_get_private (error);

  if (priv != NULL)
    {
      g_free (priv->code);
      priv->code = g_strdup (code);
      g_free (priv->reason);
      priv->reason = g_strdup (reason);
      priv->current_version = current_version;
    }
}

void
shou_api_error_set_certificate_sha256 (GError     *error,
                                       const char *sha256)
{
  ShouApiErrorPrivate *priv = shou_api_error_get_private (error);

  if (priv != NULL)
    {
      g_free (priv->certificate_sha256);
      priv->certificate_sha256 = g_strdup (sha256);
    }
}

const char *
shou_api_error_get_holder_name (const GError *error)
{
  ShouApiErrorPrivate *priv = shou_api_error_get_private (error);
  return priv ? priv->holder_name : NULL;
}

const char *
shou_api_error_get_holder_staff_id (const GError *error)
{
  ShouApiErrorPrivate *priv = shou_api_error_get_private (error);
  return priv ? priv->holder_staff_id : NULL;
}

void
shou_api_error_set_holder (GError     *error,
                           const char *staff_id,
                           const char *name)
{
  ShouApiErrorPrivate *priv = shou_api_error_get_private (error);

  if (priv != NULL)
    {
      g_free (priv->holder_staff_id);
      priv->holder_staff_id = g_strdup (staff_id);
      g_free (priv->holder_name);
      priv->holder_name = g_strdup (name);
    }
}
