/* Fuzz the sync engine's decoders of API responses (src/sync/shou-api-decode.h):
 * every decoder sees the bytes as they are and wrapped in each response's
 * envelope, so one object reaches every validator. A decoder either returns
 * a value and no error, or nothing and a BAD_RESPONSE error; what it accepts
 * has the members the rest of the app reads without checking. */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "core/shou-core.h"
#include "sync/shou-api-decode.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
check_failure (gpointer  result,
               GError   *error)
{
  if (result == NULL)
    g_assert_error (error, SHOU_API_ERROR, SHOU_API_ERROR_BAD_RESPONSE);
  else
    g_assert_no_error (error);
}

static void
check_string_member (JsonObject *obj,
                     const char *name)
{
  JsonNode *node = json_object_get_member (obj, name);

  g_assert_nonnull (node);
  g_assert_true (json_node_get_value_type (node) == G_TYPE_STRING);
}

static void
decode_all (GBytes *bytes)
{
  g_autoptr(GError) e1 = NULL, e2 = NULL, e3 = NULL, e4 = NULL, e5 = NULL, e6 = NULL;
  g_autoptr(ShouChangesPage) page = shou_api_decode_changes_page (bytes, &e1);
  g_autoptr(GPtrArray) shops = shou_api_decode_shops (bytes, &e2);
  g_autoptr(JsonObject) aftersale = shou_api_decode_aftersale (bytes, &e3);
  g_autoptr(JsonObject) evidence = shou_api_decode_evidence (bytes, &e4);
  g_autoptr(JsonObject) address = shou_api_decode_address (bytes, &e5);
  g_autoptr(JsonObject) object = shou_api_decode_object (bytes, &e6);
  g_autofree char *code = NULL, *message = NULL, *reason = NULL;
  gint64 current_version = 0;

  check_failure (page, e1);
  check_failure (shops, e2);
  check_failure (aftersale, e3);
  check_failure (evidence, e4);
  check_failure (address, e5);
  check_failure (object, e6);

  if (page != NULL)
    {
      g_assert_nonnull (page->changes);
      g_assert_nonnull (page->next_cursor);
      for (guint i = 0; i < page->changes->len; i++)
        {
          JsonObject *change = page->changes->pdata[i];
          JsonObject *d;

          check_string_member (change, "kind");
          check_string_member (change, "id");
          d = json_object_get_object_member (change, "data");
          g_assert_nonnull (d);
          g_assert_cmpstr (json_object_get_string_member (d, "id"), ==,
                           json_object_get_string_member (change, "id"));
          /* The cache keeps this text of the data (often the bytes as
           * received): it must read back as the data that was checked. */
          {
            g_autoptr(JsonNode) text = json_from_string (page->data_texts->pdata[i], NULL);

            g_assert_nonnull (text);
            g_assert_true (json_node_equal (text, json_object_get_member (change, "data")));
          }
        }
    }
  if (shops != NULL)
    for (guint i = 0; i < shops->len; i++)
      {
        ShouPlatform platform;

        check_string_member (shops->pdata[i], "id");
        g_assert_true (shou_platform_from_string (json_object_get_string_member (shops->pdata[i], "platform"),
                                                  &platform));
      }
  if (aftersale != NULL)
    {
      g_autoptr(GError) error = NULL;

      check_string_member (aftersale, "id");
      g_assert_true (shou_api_validate_aftersale (aftersale, &error));
      g_assert_no_error (error);
    }
  if (evidence != NULL)
    check_string_member (evidence, "id");
  if (address != NULL)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (shou_api_validate_address (address, &error));
      g_assert_no_error (error);
    }
  if (object != NULL)
    {
      g_autoptr(GError) error = NULL;

      /* The validators on any object: a verdict, never a crash. */
      if (!shou_api_validate_aftersale (object, &error))
        g_assert_error (error, SHOU_API_ERROR, SHOU_API_ERROR_BAD_RESPONSE);
      g_clear_error (&error);
      if (!shou_api_validate_order (object, &error))
        g_assert_error (error, SHOU_API_ERROR, SHOU_API_ERROR_BAD_RESPONSE);
      g_clear_error (&error);
      if (!shou_api_validate_address (object, &error))
        g_assert_error (error, SHOU_API_ERROR, SHOU_API_ERROR_BAD_RESPONSE);
    }

  if (shou_api_decode_error (bytes, &code, &message, &reason, &current_version))
    g_assert_nonnull (code);
  else
    g_assert_null (code);
}

static void
decode_wrapped (const char    *prefix,
                const uint8_t *data,
                size_t         size,
                const char    *suffix)
{
  GByteArray *buf = g_byte_array_sized_new (strlen (prefix) + size + strlen (suffix));
  g_autoptr(GBytes) bytes = NULL;

  g_byte_array_append (buf, (const guint8 *) prefix, strlen (prefix));
  g_byte_array_append (buf, data, size);
  g_byte_array_append (buf, (const guint8 *) suffix, strlen (suffix));
  bytes = g_byte_array_free_to_bytes (buf);
  decode_all (bytes);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);

  decode_all (bytes);
  /* The same bytes as the payload of each response type. */
  if (size > 0 && data[0] == '{')
    {
      decode_wrapped ("{\"aftersale\":", data, size, "}");
      decode_wrapped ("{\"address\":", data, size, "}");
      decode_wrapped ("{\"shops\":[", data, size, "]}");
      decode_wrapped ("{\"error\":", data, size, "}");
      decode_wrapped ("{\"next_cursor\":\"c\",\"has_more\":false,\"changes\":[{\"kind\":\"order\",\"id\":\"o-1\",\"data\":",
                      data, size, "}]}");
      decode_wrapped ("{\"next_cursor\":\"c\",\"has_more\":false,\"changes\":[{\"kind\":\"address\",\"id\":\"addr-1\",\"data\":",
                      data, size, "}]}");
    }
  return 0;
}
