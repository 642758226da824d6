/* Bad input: each is a 400 (or 413) with a machine-readable code and the
 * field it is about, and the database is byte-for-byte unchanged after. */
#include "config.h"

#include "sim-test-util.h"

typedef struct
{
  const char *name;
  const char *body;          /* %s = expected_version */
  guint       status;
  const char *code;
  const char *field;
  const char *detail;
} ActionCase;

static const ActionCase action_cases[] = {
  { "malformed", "{\"action\": \"message\", ", 400, "bad_json", NULL, NULL },
  { "not-object", "[1, 2, 3]", 400, "bad_json", NULL, NULL },
  { "empty", "", 400, "bad_json", NULL, NULL },
  { "version-string", "{\"action\": \"message\", \"expected_version\": \"%s\", \"params\": {\"text\": \"hi\"}}",
    400, "bad_request", "expected_version", "wrong_type" },
  { "version-missing", "{\"action\": \"message\", \"params\": {\"text\": \"hi\"}}",
    400, "bad_request", "expected_version", "missing_field" },
  { "action-number", "{\"action\": 3, \"expected_version\": %s}", 400, "bad_request", "action", "wrong_type" },
  { "action-unknown", "{\"action\": \"refund_everything\", \"expected_version\": %s}",
    400, "bad_request", "action", "unknown_action" },
  { "params-array", "{\"action\": \"message\", \"expected_version\": %s, \"params\": [1]}",
    400, "bad_request", "params", "wrong_type" },
  { "text-number", "{\"action\": \"message\", \"expected_version\": %s, \"params\": {\"text\": 42}}",
    400, "bad_request", "text", "wrong_type" },
  { "unknown-field", "{\"action\": \"message\", \"expected_version\": %s, \"force\": true, \"params\": {\"text\": \"hi\"}}",
    400, "bad_request", "force", "unknown_field" },
  { "unknown-param", "{\"action\": \"message\", \"expected_version\": %s, \"params\": {\"text\": \"hi\", \"urgent\": 1}}",
    400, "bad_request", "params.urgent", "unknown_field" },
  { "negative-amount", "{\"action\": \"agree_refund\", \"expected_version\": %s, \"params\": {\"amount_fen\": -100}}",
    400, "bad_request", "amount_fen", "negative_amount" },
  { "fraction-amount", "{\"action\": \"agree_refund\", \"expected_version\": %s, \"params\": {\"amount_fen\": 12.5}}",
    400, "bad_request", "amount_fen", "wrong_type" },
  { "string-amount", "{\"action\": \"agree_refund\", \"expected_version\": %s, \"params\": {\"amount_fen\": \"100\"}}",
    400, "bad_request", "amount_fen", "wrong_type" },
  { "huge-amount", "{\"action\": \"agree_refund\", \"expected_version\": %s, \"params\": {\"amount_fen\": 20000000000}}",
    400, "bad_request", "amount_fen", "amount_overflow" },
  { "overflow-amount", "{\"action\": \"agree_refund\", \"expected_version\": %s, \"params\": {\"amount_fen\": 1e30}}",
    400, "bad_request", "amount_fen", "amount_overflow" },
  { "int64-overflow-amount", "{\"action\": \"agree_refund\", \"expected_version\": %s, \"params\": {\"amount_fen\": 99999999999999999999999}}",
    400, "bad_request", "amount_fen", NULL },
  /* An explicit amount is 1 fen to the requested amount: zero is not "the default". */
  { "zero-amount", "{\"action\": \"agree_refund\", \"expected_version\": %s, \"params\": {\"amount_fen\": 0}}",
    400, "bad_request", "amount_fen", "amount_out_of_range" },
  { "minus-zero-amount", "{\"action\": \"agree_refund\", \"expected_version\": %s, \"params\": {\"amount_fen\": -0}}",
    400, "bad_request", "amount_fen", "amount_out_of_range" },
  { "float-zero-amount", "{\"action\": \"agree_refund\", \"expected_version\": %s, \"params\": {\"amount_fen\": -0.0}}",
    400, "bad_request", "amount_fen", "amount_out_of_range" },
  { "above-requested", "{\"action\": \"agree_refund\", \"expected_version\": %s, \"params\": {\"amount_fen\": 900000000}}",
    400, "bad_request", "amount_fen", "amount_out_of_range" },
  { "negotiate-zero", "{\"action\": \"negotiate\", \"expected_version\": %s, \"params\": {\"round\": 1, \"text\": \"您好\", \"amount_fen\": 0}}",
    400, "bad_request", "amount_fen", "amount_out_of_range" },
  { "negotiate-negative", "{\"action\": \"negotiate\", \"expected_version\": %s, \"params\": {\"round\": 1, \"text\": \"您好\", \"amount_fen\": -5}}",
    400, "bad_request", "amount_fen", "negative_amount" },
  { "negotiate-above", "{\"action\": \"negotiate\", \"expected_version\": %s, \"params\": {\"round\": 1, \"text\": \"您好\", \"proposal\": \"compensation\", \"amount_fen\": 900000000}}",
    400, "bad_request", "amount_fen", "amount_out_of_range" },
  /* Control characters: terminal escapes and NUL are refused (\u0000 is not strict JSON). */
  { "ansi-escape", "{\"action\": \"message\", \"expected_version\": %s, \"params\": {\"text\": \"\\u001b[31m红字\\u001b[0m\"}}",
    400, "bad_request", "text", "invalid_text" },
  { "c1-control", "{\"action\": \"message\", \"expected_version\": %s, \"params\": {\"text\": \"好\\u0085的\"}}",
    400, "bad_request", "text", "invalid_text" },
  { "nul", "{\"action\": \"message\", \"expected_version\": %s, \"params\": {\"text\": \"好\\u0000的\"}}",
    400, "bad_json", NULL, NULL },
  { "abuse", "{\"action\": \"message\", \"expected_version\": %s, \"params\": {\"text\": \"你是傻\\u200b逼吗\"}}",
    400, "bad_request", "text", "sensitive_word" },
  { "zero-width-wechat", "{\"action\": \"message\", \"expected_version\": %s, \"params\": {\"text\": \"加微\\u200b信\"}}",
    400, "bad_request", "text", "sensitive_word" },
  { "bad-tracking", "{\"action\": \"ship_exchange\", \"expected_version\": %s, \"params\": {\"carrier\": \"SF\", \"tracking_no\": \"12ab\"}}",
    400, "bad_request", "tracking_no", "invalid_tracking_no" },
  { "unknown-carrier", "{\"action\": \"ship_exchange\", \"expected_version\": %s, \"params\": {\"carrier\": \"PIGEON\", \"tracking_no\": \"SF1234567890123\"}}",
    400, "bad_request", "carrier", "unknown_carrier" },
  { "sensitive-word", "{\"action\": \"message\", \"expected_version\": %s, \"params\": {\"text\": \"加我微信聊，支付宝转你\"}}",
    400, "bad_request", "text", "sensitive_word" },
  { "round-3", "{\"action\": \"negotiate\", \"expected_version\": %s, \"params\": {\"round\": 3, \"text\": \"hi\"}}",
    400, "bad_request", "round", "out_of_range" },
  { "unknown-address", "{\"action\": \"agree_return\", \"expected_version\": %s, \"params\": {\"address_id\": \"addr-999\"}}",
    400, "bad_request", "address_id", "unknown_address" },
  { "unknown-evidence", "{\"action\": \"upload_refund_proof\", \"expected_version\": %s, \"params\": {\"evidence\": [\"00ff\"]}}",
    400, "bad_request", "evidence", "unknown_evidence" },
};

static void
assert_case (SimResponse *r,
             guint        status,
             const char  *code,
             const char  *field,
             const char  *detail)
{
  g_assert_cmpuint (r->status, ==, status);
  g_assert_cmpstr (sim_error_code (r), ==, code);
  if (field != NULL)
    g_assert_cmpstr (sim_error_field (r, "field"), ==, field);
  if (detail != NULL)
    g_assert_cmpstr (sim_error_field (r, "detail"), ==, detail);
}

static void
test_actions (SimFixture    *f,
              gconstpointer  data)
{
  g_autofree char *id = sim_open_request (f, "a-taobao", "completed", "return_refund", NULL);
  g_autoptr(JsonObject) as = sim_get_aftersale (f, SIM_TOKEN_A, id);
  g_autofree char *version = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (as, "version"));
  g_autofree char *path = g_strdup_printf ("/v1/aftersales/%s/actions", id);
  g_autofree char *before = shou_sim_server_checksum (f->server);

  for (guint i = 0; i < G_N_ELEMENTS (action_cases); i++)
    {
      const ActionCase *c = &action_cases[i];
      g_autofree char *body = NULL;
      g_autofree char *key = g_strdup_printf ("bad-input-key-%u", i);
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(SimResponse) r = NULL;
      g_autoptr(SimResponse) again = NULL;
      g_autofree char *after = NULL;

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
      body = g_strdup_printf (c->body, version);
#pragma GCC diagnostic pop
      bytes = g_bytes_new (body, strlen (body));
      g_test_message ("case %s", c->name);
      r = sim_request_full (f, "POST", path, SIM_TOKEN_A, "application/json", bytes, key);
      assert_case (r, c->status, c->code, c->field, c->detail);
      after = shou_sim_server_checksum (f->server);
      g_assert_cmpstr (after, ==, before);

      /* Bad input is not remembered: the same key still answers 400. */
      again = sim_request_full (f, "POST", path, SIM_TOKEN_A, "application/json", bytes, key);
      g_assert_cmpuint (again->status, ==, c->status);
    }
}

static void
test_key_and_size (SimFixture    *f,
                   gconstpointer  data)
{
  g_autofree char *id = sim_open_request (f, "a-pdd", "completed", "return_refund", NULL);
  g_autofree char *path = g_strdup_printf ("/v1/aftersales/%s/actions", id);
  g_autofree char *before = shou_sim_server_checksum (f->server);
  g_autofree char *after = NULL;
  const char *body = "{\"action\": \"message\", \"expected_version\": 1, \"params\": {\"text\": \"hi\"}}";
  g_autoptr(GBytes) bytes = g_bytes_new_static (body, strlen (body));
  g_autoptr(SimResponse) no_key = sim_request_full (f, "POST", path, SIM_TOKEN_A, "application/json", bytes, NULL);
  g_autoptr(SimResponse) short_key = sim_request_full (f, "POST", path, SIM_TOKEN_A, "application/json", bytes, "abc");
  g_autoptr(GString) huge = g_string_new ("{\"action\": \"message\", \"expected_version\": 1, \"params\": {\"text\": \"");
  g_autoptr(GBytes) huge_bytes = NULL;
  g_autoptr(SimResponse) too_large = NULL;
  static const guint8 latin1[] = "{\"action\": \"message\xe9\xff\"}";
  g_autoptr(GBytes) bad_utf8 = g_bytes_new_static (latin1, sizeof latin1 - 1);
  g_autoptr(SimResponse) not_utf8 = NULL;

  assert_case (no_key, 400, "bad_request", "Idempotency-Key", "missing_field");
  assert_case (short_key, 400, "bad_request", "Idempotency-Key", "bad_key");

  while (huge->len < 2 * 1024 * 1024)
    g_string_append (huge, "好好好好好好好好好好好好好好好好");
  g_string_append (huge, "\"}}");
  huge_bytes = g_bytes_new (huge->str, huge->len);
  too_large = sim_request_full (f, "POST", path, SIM_TOKEN_A, "application/json", huge_bytes, "huge-body-key-1");
  assert_case (too_large, 413, "too_large", NULL, NULL);

  not_utf8 = sim_request_full (f, "POST", path, SIM_TOKEN_A, "application/json", bad_utf8, "not-utf8-key-1");
  assert_case (not_utf8, 400, "bad_json", NULL, NULL);

  after = shou_sim_server_checksum (f->server);
  g_assert_cmpstr (after, ==, before);
}

typedef struct
{
  const char *name;
  const char *body;
  const char *field;
  const char *detail;
} AddressCase;

static const AddressCase address_cases[] = {
  { "bad-phone", "{\"name\": \"周敏\", \"phone\": \"12345\", \"province\": \"浙江省\", \"city\": \"杭州市\", \"street\": \"文一西路1号\"}",
    "phone", "invalid_phone" },
  { "bad-postcode", "{\"name\": \"周敏\", \"phone\": \"13857196624\", \"province\": \"浙江省\", \"city\": \"杭州市\", \"street\": \"文一西路1号\", \"postcode\": \"31112\"}",
    "postcode", "invalid_postcode" },
  { "missing-name", "{\"phone\": \"13857196624\", \"province\": \"浙江省\", \"city\": \"杭州市\", \"street\": \"文一西路1号\"}",
    "name", "missing_field" },
  { "empty-street", "{\"name\": \"周敏\", \"phone\": \"13857196624\", \"province\": \"浙江省\", \"city\": \"杭州市\", \"street\": \"\"}",
    "street", "empty" },
  { "unknown-field", "{\"name\": \"周敏\", \"phone\": \"13857196624\", \"province\": \"浙江省\", \"city\": \"杭州市\", \"street\": \"文一西路1号\", \"lat\": 30.2}",
    "lat", "unknown_field" },
  { "default-string", "{\"name\": \"周敏\", \"phone\": \"13857196624\", \"province\": \"浙江省\", \"city\": \"杭州市\", \"street\": \"文一西路1号\", \"is_default\": \"yes\"}",
    "is_default", "wrong_type" },
  { "version-on-create", "{\"name\": \"周敏\", \"phone\": \"13857196624\", \"province\": \"浙江省\", \"city\": \"杭州市\", \"street\": \"文一西路1号\", \"expected_version\": 1}",
    "expected_version", "unknown_field" },
  { "bad-division-code", "{\"name\": \"周敏\", \"phone\": \"13857196624\", \"province\": \"浙江省\", \"city\": \"杭州市\", \"street\": \"文一西路1号\", \"division_code\": \"3301\"}",
    "division_code", "invalid_division_code" },
};

static void
test_addresses (SimFixture    *f,
                gconstpointer  data)
{
  g_autofree char *before = shou_sim_server_checksum (f->server);
  g_autofree char *put_path = g_strdup_printf ("/v1/shops/a-jd/return-addresses/%s", f->address[SHOU_PLATFORM_JD]);
  g_autoptr(SimResponse) no_version = NULL;
  g_autofree char *after = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (address_cases); i++)
    {
      g_autoptr(SimResponse) r = sim_request (f, "POST", "/v1/shops/a-jd/return-addresses", SIM_TOKEN_A,
                                              address_cases[i].body);

      g_test_message ("case %s", address_cases[i].name);
      assert_case (r, 400, "bad_request", address_cases[i].field, address_cases[i].detail);
    }
  no_version = sim_request (f, "PUT", put_path, SIM_TOKEN_A, address_cases[0].body);
  assert_case (no_version, 400, "bad_request", "expected_version", "missing_field");
  after = shou_sim_server_checksum (f->server);
  g_assert_cmpstr (after, ==, before);
}

static void
test_queries (SimFixture    *f,
              gconstpointer  data)
{
  static const struct {
    const char *path;
    const char *field;
  } cases[] = {
    { "/v1/changes?cursor=abc", "cursor" },
    { "/v1/changes?cursor=-1", "cursor" },
    { "/v1/changes?limit=0", "limit" },
    { "/v1/changes?limit=5000", "limit" },
    { "/v1/changes?limit=ten", "limit" },
    { "/v1/reasons", "platform" },
    { "/v1/reasons?platform=amazon", "platform" },
  };
  g_autofree char *id = sim_open_request (f, "a-douyin", "completed", "return_refund", NULL);
  g_autofree char *evidence = g_strdup_printf ("/v1/aftersales/%s/evidence?kind=selfie", id);
  g_autofree char *before = shou_sim_server_checksum (f->server);
  g_autofree char *after = NULL;
  g_autoptr(GBytes) png = g_bytes_new_static ("\x89PNG\r\n\x1a\n", 8);
  g_autoptr(SimResponse) bad_kind = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(SimResponse) r = sim_request (f, "GET", cases[i].path, SIM_TOKEN_A, NULL);

      assert_case (r, 400, "bad_request", cases[i].field, NULL);
    }
  bad_kind = sim_request_full (f, "POST", evidence, SIM_TOKEN_A, "image/png", png, NULL);
  assert_case (bad_kind, 400, "bad_request", "kind", "unknown_kind");
  after = shou_sim_server_checksum (f->server);
  g_assert_cmpstr (after, ==, before);
}

static void
test_buyer_controls (SimFixture    *f,
                     gconstpointer  data)
{
  g_autofree char *id = sim_open_request (f, "a-tmall", "completed", "return_refund", NULL);
  g_autofree char *params = g_strdup_printf ("{\"address_id\": \"%s\"}", f->address[SHOU_PLATFORM_TMALL]);
  g_autoptr(SimResponse) agree = sim_action (f, id, "agree_return", params);
  g_autofree char *ship = g_strdup_printf ("{\"aftersale_id\": \"%s\", \"action\": \"ship_return\","
                                           " \"carrier\": \"YTO\", \"tracking_no\": \"not a number!\"}", id);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(SimResponse) bad_tracking = NULL;
  g_autoptr(SimResponse) bad_clock = NULL;
  g_autoptr(SimResponse) bad_faults = NULL;
  g_autoptr(SimResponse) bad_open = NULL;

  g_assert_cmpuint (agree->status, ==, 200);
  before = shou_sim_server_checksum (f->server);
  bad_tracking = sim_request (f, "POST", "/v1/test/buyer", NULL, ship);
  assert_case (bad_tracking, 400, "bad_request", "tracking_no", "invalid_tracking_no");
  bad_clock = sim_request (f, "POST", "/v1/test/clock", NULL, "{\"advance_us\": -5}");
  assert_case (bad_clock, 400, "bad_request", "advance_us", "out_of_range");
  bad_faults = sim_request (f, "POST", "/v1/test/faults", NULL, "{\"rate\": 0.5, \"kinds\": [\"meteor\"]}");
  assert_case (bad_faults, 400, "bad_request", "kinds", NULL);
  bad_open = sim_request (f, "POST", "/v1/test/buyer", NULL,
                          "{\"action\": \"open\", \"order_id\": \"o-1\", \"line_id\": \"o-1-1\","
                          " \"type\": \"return_refund\", \"amount_fen\": -1, \"reason_code\": \"quality_problem\"}");
  assert_case (bad_open, 400, "bad_request", "amount_fen", "negative_amount");
  after = shou_sim_server_checksum (f->server);
  g_assert_cmpstr (after, ==, before);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/sim/badinput/actions", SimFixture, NULL, sim_fixture_setup, test_actions, sim_fixture_teardown);
  g_test_add ("/sim/badinput/key-and-size", SimFixture, NULL, sim_fixture_setup, test_key_and_size, sim_fixture_teardown);
  g_test_add ("/sim/badinput/addresses", SimFixture, NULL, sim_fixture_setup, test_addresses, sim_fixture_teardown);
  g_test_add ("/sim/badinput/queries", SimFixture, NULL, sim_fixture_setup, test_queries, sim_fixture_teardown);
  g_test_add ("/sim/badinput/buyer-controls", SimFixture, NULL, sim_fixture_setup, test_buyer_controls, sim_fixture_teardown);

  return g_test_run ();
}
