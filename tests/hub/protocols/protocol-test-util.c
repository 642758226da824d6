/* Helpers shared by the platform protocol tests. */
#include "config.h"

#include "protocol-test-util.h"

/* @read must refuse @body, with an error and no payload. */
static void
refuse (EnvelopeReader      read,
        const char         *body,
        ShouProtocolFault **fault,
        GError            **error)
{
  JsonNode *payload = NULL;

  g_assert_false (read (body, &payload, fault, error));
  g_assert_null (payload);
  g_assert_nonnull (*error);
}

void
check_fault_samples (const FaultSample *samples,
                     guint              n,
                     EnvelopeReader     read)
{
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ShouProtocolFault) fault = NULL;

      refuse (read, samples[i].body, &fault, &error);
      g_assert_error (error, SHOU_PROTOCOL_ERROR, (int) samples[i].kind);
      g_assert_nonnull (fault);
      g_assert_cmpint (fault->kind, ==, samples[i].kind);
      g_assert_cmpstr (fault->code, ==, samples[i].code);
      g_assert_cmpstr (fault->sub_code, ==, samples[i].sub_code);
    }
}

void
check_malformed (const char * const *bodies,
                 guint               n,
                 EnvelopeReader      read)
{
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ShouProtocolFault) fault = NULL;

      refuse (read, bodies[i], &fault, &error);
      g_assert_error (error, SHOU_PROTOCOL_ERROR, SHOU_PROTOCOL_ERROR_MALFORMED);
      g_assert_null (fault);
    }
}

void
put (GHashTable *table,
     const char *key,
     const char *value)
{
  g_hash_table_insert (table, g_strdup (key), g_strdup (value));
}

JsonNode *
parse_json (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  return json_node_copy (json_parser_get_root (parser));
}
