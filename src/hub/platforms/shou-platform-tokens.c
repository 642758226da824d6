/* shou-platform-tokens.c: AES-256-GCM token store. */
#include "config.h"

#include <json-glib/json-glib.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <string.h>

#include "shou-platform-tokens.h"

#define MAGIC     "SHOUTOK1"
#define MAGIC_LEN 8
#define NONCE_LEN 12
#define TAG_LEN   16
#define KEY_LEN   32

struct _ShouPlatformTokens
{
  char       *path;
  guint8      key[KEY_LEN];
  JsonObject *shops;
};

void
shou_platform_token_free (ShouPlatformToken *token)
{
  if (token == NULL)
    return;
  g_free (token->access_token);
  g_free (token->refresh_token);
  g_free (token->owner_id);
  g_free (token);
}

ShouPlatformToken *
shou_platform_token_copy (const ShouPlatformToken *token)
{
  ShouPlatformToken *copy = g_new0 (ShouPlatformToken, 1);

  *copy = *token;
  copy->access_token = g_strdup (token->access_token);
  copy->refresh_token = g_strdup (token->refresh_token);
  copy->owner_id = g_strdup (token->owner_id);
  return copy;
}

static gboolean
read_key (const char  *key_path,
          guint8      *key,
          GError     **error)
{
  g_autofree char *data = NULL;
  gsize len;

  if (!g_file_get_contents (key_path, &data, &len, error))
    return FALSE;
  if (len == KEY_LEN)
    {
      memcpy (key, data, KEY_LEN);
      return TRUE;
    }
  g_strstrip (data);
  if (strlen (data) == 2 * KEY_LEN)
    {
      for (guint i = 0; i < KEY_LEN; i++)
        {
          int hi = g_ascii_xdigit_value (data[2 * i]);
          int lo = g_ascii_xdigit_value (data[2 * i + 1]);

          if (hi < 0 || lo < 0)
            break;
          key[i] = (guint8) (hi * 16 + lo);
          if (i == KEY_LEN - 1)
            return TRUE;
        }
    }
  g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
               "%s: a token key is 32 bytes or 64 hex digits (e.g. openssl rand -hex 32)", key_path);
  return FALSE;
}

static gboolean
crypt_fail (GError **error,
            const char *what)
{
  g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED, "Token store: %s", what);
  return FALSE;
}

/* nonce | tag | ciphertext after the magic; the magic is authenticated too. */
static gboolean
decrypt (const guint8  *key,
         const guint8  *data,
         gsize          len,
         GString       *plain,
         GError       **error)
{
  EVP_CIPHER_CTX *ctx;
  const guint8 *nonce = data + MAGIC_LEN;
  const guint8 *tag = nonce + NONCE_LEN;
  const guint8 *cipher = tag + TAG_LEN;
  gsize cipher_len;
  int out_len = 0;
  int final_len = 0;
  gboolean ok;

  if (len < MAGIC_LEN + NONCE_LEN + TAG_LEN || memcmp (data, MAGIC, MAGIC_LEN) != 0)
    return crypt_fail (error, "not a token store");
  cipher_len = len - MAGIC_LEN - NONCE_LEN - TAG_LEN;
  g_string_set_size (plain, cipher_len + 16);
  ctx = EVP_CIPHER_CTX_new ();
  ok = EVP_DecryptInit_ex (ctx, EVP_aes_256_gcm (), NULL, NULL, NULL) == 1 &&
       EVP_CIPHER_CTX_ctrl (ctx, EVP_CTRL_GCM_SET_IVLEN, NONCE_LEN, NULL) == 1 &&
       EVP_DecryptInit_ex (ctx, NULL, NULL, key, nonce) == 1 &&
       EVP_DecryptUpdate (ctx, NULL, &out_len, (const guint8 *) MAGIC, MAGIC_LEN) == 1 &&
       EVP_DecryptUpdate (ctx, (guint8 *) plain->str, &out_len, cipher, (int) cipher_len) == 1 &&
       EVP_CIPHER_CTX_ctrl (ctx, EVP_CTRL_GCM_SET_TAG, TAG_LEN, (void *) tag) == 1 &&
       EVP_DecryptFinal_ex (ctx, (guint8 *) plain->str + out_len, &final_len) == 1;
  EVP_CIPHER_CTX_free (ctx);
  if (!ok)
    return crypt_fail (error, "wrong key or damaged file");
  g_string_set_size (plain, out_len + final_len);
  return TRUE;
}

static GBytes *
encrypt (const guint8  *key,
         const char    *plain,
         GError       **error)
{
  gsize plain_len = strlen (plain);
  guint8 *out = g_malloc (MAGIC_LEN + NONCE_LEN + TAG_LEN + plain_len + 16);
  guint8 *nonce = out + MAGIC_LEN;
  guint8 *tag = nonce + NONCE_LEN;
  guint8 *cipher = tag + TAG_LEN;
  EVP_CIPHER_CTX *ctx;
  int len = 0;
  int final_len = 0;
  gboolean ok;

  memcpy (out, MAGIC, MAGIC_LEN);
  ctx = EVP_CIPHER_CTX_new ();
  ok = RAND_bytes (nonce, NONCE_LEN) == 1 &&
       EVP_EncryptInit_ex (ctx, EVP_aes_256_gcm (), NULL, NULL, NULL) == 1 &&
       EVP_CIPHER_CTX_ctrl (ctx, EVP_CTRL_GCM_SET_IVLEN, NONCE_LEN, NULL) == 1 &&
       EVP_EncryptInit_ex (ctx, NULL, NULL, key, nonce) == 1 &&
       EVP_EncryptUpdate (ctx, NULL, &len, (const guint8 *) MAGIC, MAGIC_LEN) == 1 &&
       EVP_EncryptUpdate (ctx, cipher, &len, (const guint8 *) plain, (int) plain_len) == 1 &&
       EVP_EncryptFinal_ex (ctx, cipher + len, &final_len) == 1 &&
       EVP_CIPHER_CTX_ctrl (ctx, EVP_CTRL_GCM_GET_TAG, TAG_LEN, tag) == 1;
  EVP_CIPHER_CTX_free (ctx);
  if (!ok)
    {
      g_free (out);
      crypt_fail (error, "encryption failed");
      return NULL;
    }
  return g_bytes_new_take (out, MAGIC_LEN + NONCE_LEN + TAG_LEN + len + final_len);
}

ShouPlatformTokens *
shou_platform_tokens_open (const char  *path,
                           const char  *key_path,
                           GError     **error)
{
  g_autoptr(ShouPlatformTokens) self = g_new0 (ShouPlatformTokens, 1);
  g_autoptr(GError) local = NULL;
  g_autofree char *data = NULL;
  gsize len;

  self->path = g_strdup (path);
  if (!read_key (key_path, self->key, error))
    return NULL;
  if (!g_file_get_contents (path, &data, &len, &local))
    {
      if (!g_error_matches (local, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return NULL;
        }
      self->shops = json_object_new ();
    }
  else
    {
      g_autoptr(GString) plain = g_string_new (NULL);
      g_autoptr(JsonNode) node = NULL;

      if (!decrypt (self->key, (const guint8 *) data, len, plain, error))
        return NULL;
      node = json_from_string (plain->str, error);
      explicit_bzero (plain->str, plain->len);
      if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
        {
          if (error != NULL && *error == NULL)
            crypt_fail (error, "not an object");
          return NULL;
        }
      self->shops = json_object_ref (json_node_get_object (node));
    }
  return g_steal_pointer (&self);
}

void
shou_platform_tokens_free (ShouPlatformTokens *self)
{
  if (self == NULL)
    return;
  explicit_bzero (self->key, sizeof self->key);
  g_clear_pointer (&self->shops, json_object_unref);
  g_free (self->path);
  g_free (self);
}

ShouPlatformToken *
shou_platform_tokens_get (ShouPlatformTokens *self,
                          const char         *shop_id)
{
  JsonObject *o;
  ShouPlatformToken *token;

  if (!json_object_has_member (self->shops, shop_id))
    return NULL;
  o = json_object_get_object_member (self->shops, shop_id);
  token = g_new0 (ShouPlatformToken, 1);
  token->access_token = g_strdup (json_object_get_string_member_with_default (o, "access_token", NULL));
  token->refresh_token = g_strdup (json_object_get_string_member_with_default (o, "refresh_token", NULL));
  token->owner_id = g_strdup (json_object_get_string_member_with_default (o, "owner_id", NULL));
  token->expires_at = json_object_get_int_member_with_default (o, "expires_at", 0);
  token->refresh_expires_at = json_object_get_int_member_with_default (o, "refresh_expires_at", 0);
  token->lapsed = json_object_get_boolean_member_with_default (o, "lapsed", FALSE);
  return token;
}

static gboolean
save (ShouPlatformTokens  *self,
      GError             **error)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *text = NULL;
  gboolean ok;

  json_node_set_object (node, self->shops);
  text = json_to_string (node, FALSE);
  bytes = encrypt (self->key, text, error);
  explicit_bzero (text, strlen (text));
  if (bytes == NULL)
    return FALSE;
  ok = g_file_set_contents_full (self->path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
  return ok;
}

gboolean
shou_platform_tokens_put (ShouPlatformTokens       *self,
                          const char               *shop_id,
                          const ShouPlatformToken  *token,
                          GError                  **error)
{
  JsonObject *o = json_object_new ();

  if (token->access_token)
    json_object_set_string_member (o, "access_token", token->access_token);
  if (token->refresh_token)
    json_object_set_string_member (o, "refresh_token", token->refresh_token);
  if (token->owner_id)
    json_object_set_string_member (o, "owner_id", token->owner_id);
  json_object_set_int_member (o, "expires_at", token->expires_at);
  json_object_set_int_member (o, "refresh_expires_at", token->refresh_expires_at);
  json_object_set_boolean_member (o, "lapsed", token->lapsed);
  json_object_set_object_member (self->shops, shop_id, o);
  return save (self, error);
}

gboolean
shou_platform_tokens_set_lapsed (ShouPlatformTokens  *self,
                                 const char          *shop_id,
                                 GError             **error)
{
  g_autoptr(ShouPlatformToken) token = shou_platform_tokens_get (self, shop_id);

  if (token == NULL)
    token = g_new0 (ShouPlatformToken, 1);
  if (token->lapsed)
    return TRUE;
  token->lapsed = TRUE;
  return shou_platform_tokens_put (self, shop_id, token, error);
}
