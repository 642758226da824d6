/* The contract in src/sim/API.md is what the server does: every endpoint
 * heading in the document is called here (the test reads the headings at run
 * time and fails on one it did not call), objects have the documented
 * members, the demo is complete and the standalone binary starts. */
#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>

#include <glib/gstdio.h>

#include "shou-test-fs.h"
#include "sim-test-util.h"

static const char *const shop_members[] = { "id", "platform", "name", "merchant_id", NULL };
static const char *const order_members[] = {
  "id", "shop_id", "order_no", "state", "cod", "paid_fen", "created_at", "paid_at", "shipped_at",
  "completed_at", "buyer", "lines", "shipments", "updated_at", "version", NULL
};
static const char *const shipment_members[] = {
  "carrier", "tracking_no", "state", "shipped_at", "collected_at", "first_event_at", "signed_at",
  "refused_at", "returning_at", "returned_at", "events", NULL
};
static const char *const line_members[] = { "id", "title", "sku", "quantity", "price_fen", NULL };
static const char *const buyer_members[] = { "id", "nick", "name", "phone", "address", NULL };
static const char *const aftersale_members[] = {
  "id", "shop_id", "order_id", "line_id", "platform", "platform_id", "platform_status", "type",
  "status", "reason_code", "reason_text", "buyer_text", "amount_fen", "paid_fen", "shipping_fen",
  "good_status", "order_state", "cod", "opened_at", "updated_at", "deadline_at", "on_lapse",
  "deadline_actor", "deadline_rule", "allowed_actions", "blocked_actions", "version", "negotiation",
  "return_address", "return_shipment", "exchange_shipment", "rejection", "line", "buyer_nick",
  "evidence", "timeline", NULL
};
static const char *const negotiation_members[] = { "phase", "wait_until", "buyer_phone", "rounds", NULL };
static const char *const address_members[] = {
  "id", "shop_id", "name", "phone", "province", "city", "district", "street", "postcode",
  "is_default", "version", "deleted", NULL
};
static const char *const evidence_members[] = { "id", "content_type", "size", "kind", "by", "uploaded_at", NULL };
static const char *const timeline_members[] = { "at", "actor", "kind", "text", NULL };

static void
assert_members (JsonObject         *object,
                const char * const *members)
{
  for (guint i = 0; members[i] != NULL; i++)
    if (!json_object_has_member (object, members[i]))
      g_error ("missing member \"%s\"", members[i]);
}

static void
assert_aftersale (JsonObject *as)
{
  JsonArray *timeline = json_object_get_array_member (as, "timeline");
  ShouRequestStatus status;
  ShouLapse lapse;

  assert_members (as, aftersale_members);
  assert_members (json_object_get_object_member (as, "negotiation"), negotiation_members);
  assert_members (json_object_get_object_member (as, "line"), line_members);
  g_assert_true (shou_status_from_string (json_object_get_string_member (as, "status"), &status));
  g_assert_true (shou_lapse_from_string (json_object_get_string_member (as, "on_lapse"), &lapse));
  g_assert_cmpuint (json_array_get_length (timeline), >=, 1);
  for (guint i = 0; i < json_array_get_length (timeline); i++)
    assert_members (json_array_get_object_element (timeline, i), timeline_members);
  /* Every action is either allowed or blocked with a reason. */
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (as, "allowed_actions")) +
                    json_array_get_length (json_object_get_array_member (as, "blocked_actions")),
                    ==, SHOU_N_ACTIONS);
}

/* "### GET /v1/orders/{id}" headings of API.md. */
static GPtrArray *
read_headings (void)
{
  const char *path = SIM_API_MD;
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *headings = g_ptr_array_new_with_free_func (g_free);

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], "### ") && strstr (lines[i], " /v1/") != NULL)
      g_ptr_array_add (headings, g_strstrip (g_strdup (lines[i] + 4)));
  return headings;
}

static gboolean
matches (const char *heading,
         const char *requested)
{
  g_auto(GStrv) h = g_strsplit_set (heading, " /", -1);
  g_autofree char *no_query = g_strdup (requested);
  g_auto(GStrv) r = NULL;
  char *q = strchr (no_query, '?');

  if (q != NULL)
    *q = '\0';
  r = g_strsplit_set (no_query, " /", -1);
  if (g_strv_length (h) != g_strv_length (r))
    return FALSE;
  for (guint i = 0; h[i] != NULL; i++)
    if (h[i][0] != '{' && !g_str_equal (h[i], r[i]))
      return FALSE;
  return TRUE;
}

static GBytes *
real_jpeg (void)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 8, 8);
  gchar *buffer = NULL;
  gsize size = 0;

  gdk_pixbuf_fill (pixbuf, 0xcc3333ff);
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "jpeg", NULL, NULL));
  return g_bytes_new_take (buffer, size);
}

static void
test_every_endpoint (SimFixture    *f,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) headings = read_headings ();
  g_autoptr(SimResponse) shops = sim_request (f, "GET", "/v1/shops", SIM_TOKEN_A, NULL);
  g_autoptr(SimResponse) me = sim_request (f, "GET", "/v1/me", SIM_TOKEN_A, NULL);
  g_autoptr(SimResponse) carriers = sim_request (f, "GET", "/v1/carriers", SIM_TOKEN_A, NULL);
  g_autoptr(SimResponse) reasons = sim_request (f, "GET", "/v1/reasons?platform=pdd", SIM_TOKEN_A, NULL);
  g_autofree char *order_id = sim_new_order (f, "a-taobao", "completed");
  g_autofree char *order_path = g_strdup_printf ("/v1/orders/%s", order_id);
  g_autoptr(SimResponse) order = sim_request (f, "GET", order_path, SIM_TOKEN_A, NULL);
  /* The completed order's parcel was signed: an intercept (returning) fails. */
  g_autofree char *intercept = g_strdup_printf ("{\"order_id\": \"%s\", \"state\": \"returning\"}", order_id);
  g_autoptr(SimResponse) shipment = sim_request (f, "POST", "/v1/test/shipment", NULL, intercept);
  /* No seed gives Taobao a seller cancellation; the order is no forming group. */
  g_autofree char *cancel_path = g_strdup_printf ("/v1/orders/%s/cancel", order_id);
  static const char cancel_json[] = "{\"expected_version\": 1, \"buyer_consulted\": true}";
  g_autoptr(GBytes) cancel_body = g_bytes_new_static (cancel_json, sizeof cancel_json - 1);
  g_autoptr(SimResponse) cancel = sim_request_full (f, "POST", cancel_path, SIM_TOKEN_A, "application/json",
                                                    cancel_body, "contract-cancel-0001");
  g_autofree char *form = g_strdup_printf ("{\"order_id\": \"%s\"}", order_id);
  g_autoptr(SimResponse) group = sim_request (f, "POST", "/v1/test/group", NULL, form);
  g_autofree char *id = sim_open_request (f, "a-taobao", "completed", "return_refund", NULL);
  g_autofree char *as_path = g_strdup_printf ("/v1/aftersales/%s", id);
  g_autoptr(SimResponse) as = sim_request (f, "GET", as_path, SIM_TOKEN_A, NULL);
  /* 退货包运费 is Pinduoduo's: a Taobao return refuses it. */
  g_autofree char *subsidy_body = g_strdup_printf ("{\"aftersale_id\": \"%s\", \"state\": \"computing\"}", id);
  g_autoptr(SimResponse) subsidy = sim_request (f, "POST", "/v1/test/subsidy", NULL, subsidy_body);
  g_autofree char *claim_path = g_strdup_printf ("/v1/aftersales/%s/claim", id);
  g_autoptr(SimResponse) claim = sim_request (f, "POST", claim_path, SIM_TOKEN_A, NULL);
  g_autoptr(SimResponse) unclaim = sim_request (f, "DELETE", claim_path, SIM_TOKEN_A, NULL);
  g_autoptr(SimResponse) feed = sim_request (f, "GET", "/v1/changes?limit=2", SIM_TOKEN_A, NULL);
  g_autofree char *evidence_path = g_strdup_printf ("/v1/aftersales/%s/evidence?kind=chat_screenshot", id);
  /* A real JPEG: the hub keeps only what a decoder reads. */
  g_autoptr(GBytes) jpeg_bytes = real_jpeg ();
  g_autoptr(SimResponse) evidence = sim_request_full (f, "POST", evidence_path, SIM_TOKEN_A, "image/jpeg", jpeg_bytes, NULL);
  const char *sha = NULL;
  g_autofree char *get_evidence = NULL;
  g_autoptr(SimResponse) evidence_back = NULL;
  g_autofree char *agree = g_strdup_printf ("{\"address_id\": \"%s\"}", f->address[SHOU_PLATFORM_TAOBAO]);
  g_autoptr(SimResponse) action = sim_action (f, id, "agree_return", agree);
  g_autoptr(SimResponse) audit = sim_request (f, "GET", "/v1/audit", SIM_TOKEN_A, NULL);
  g_autoptr(SimResponse) staff_add = sim_request (f, "POST", "/v1/staff", SIM_TOKEN_A,
                                                  "{\"staff_id\": \"wang\", \"name\": \"王五\", \"role\": \"agent\","
                                                  " \"caps\": {\"action_fen\": 5000, \"day_fen\": 20000}}");
  g_autoptr(SimResponse) staff_list = sim_request (f, "GET", "/v1/staff", SIM_TOKEN_A, NULL);
  g_autoptr(SimResponse) staff_del = sim_request (f, "DELETE", "/v1/staff/wang", SIM_TOKEN_A, NULL);
  g_autofree char *ship = g_strdup_printf ("{\"aftersale_id\": \"%s\", \"action\": \"ship_return\","
                                           " \"carrier\": \"ZTO\", \"tracking_no\": \"75123456789012\"}", id);
  g_autoptr(SimResponse) buyer = sim_request (f, "POST", "/v1/test/buyer", NULL, ship);
  g_autofree char *track = g_strdup_printf ("{\"aftersale_id\": \"%s\", \"text\": \"【派送中】\"}", id);
  g_autoptr(SimResponse) logistics = sim_request (f, "POST", "/v1/test/logistics", NULL, track);
  g_autoptr(SimResponse) addresses = sim_request (f, "GET", "/v1/shops/a-pdd/return-addresses", SIM_TOKEN_A, NULL);
  g_autoptr(SimResponse) created = sim_request (f, "POST", "/v1/shops/a-pdd/return-addresses", SIM_TOKEN_A,
                                                "{\"name\": \"李华\", \"phone\": \"0755-86001234\", \"province\": \"广东省\","
                                                " \"city\": \"深圳市\", \"district\": \"南山区\", \"street\": \"科技园路1号\","
                                                " \"postcode\": \"518057\", \"division_code\": \"440305\"}");
  const char *new_id = NULL;
  g_autofree char *put_path = NULL;
  g_autoptr(SimResponse) updated = NULL;
  g_autoptr(SimResponse) stale = NULL;
  g_autoptr(SimResponse) deleted = NULL;
  g_autoptr(SimResponse) clock = sim_request (f, "POST", "/v1/test/clock", NULL, "{\"advance_us\": 1000000}");
  g_autoptr(SimResponse) faults = sim_request (f, "POST", "/v1/test/faults", NULL, "{\"rate\": 0}");
  g_autoptr(SimResponse) step = sim_request (f, "POST", "/v1/test/step", NULL, "{}");
  g_autoptr(SimResponse) stats = sim_request (f, "GET", "/v1/test/stats", NULL, NULL);
  g_autoptr(GBytes) review_body = g_bytes_new_static ("{\"shop_id\": \"a-taobao\", \"buyer_nick\": \"t**y\","
                                                       " \"rating\": \"bad\"}", 62);
  g_autoptr(SimResponse) review = sim_request_full (f, "POST", "/v1/reviews", SIM_TOKEN_A, "application/json",
                                                    review_body, "contract-review-01");
  g_autofree char *review_path = g_strdup_printf ("/v1/reviews/%s",
                                                  json_object_get_string_member (sim_member (review, "review"), "id"));
  g_autoptr(SimResponse) review_back = sim_request (f, "GET", review_path, SIM_TOKEN_A, NULL);
  g_autofree char *review_action_path = g_strconcat (review_path, "/actions", NULL);
  g_autoptr(GBytes) contact_body = g_bytes_new_static ("{\"action\": \"contact\", \"expected_version\": 1}", 44);
  g_autoptr(SimResponse) review_act = sim_request_full (f, "POST", review_action_path, SIM_TOKEN_A,
                                                        "application/json", contact_body, "contract-review-02");
  /* Complaints and return visits, each endpoint once. */
  g_autoptr(GBytes) complaint_body = g_bytes_new_static ("{\"shop_id\": \"a-taobao\", \"buyer_nick\": \"c**y\"}", 45);
  g_autoptr(SimResponse) complaint = sim_request_full (f, "POST", "/v1/complaints", SIM_TOKEN_A, "application/json",
                                                       complaint_body, "contract-complaint-01");
  g_autofree char *complaint_path = g_strdup_printf ("/v1/complaints/%s",
                                                     json_object_get_string_member (sim_member (complaint, "complaint"),
                                                                                    "id"));
  g_autoptr(SimResponse) complaint_back = sim_request (f, "GET", complaint_path, SIM_TOKEN_A, NULL);
  g_autofree char *complaint_action_path = g_strconcat (complaint_path, "/actions", NULL);
  g_autoptr(GBytes) handle_body = g_bytes_new_static ("{\"action\": \"handle\", \"expected_version\": 1}", 43);
  g_autoptr(SimResponse) complaint_act = sim_request_full (f, "POST", complaint_action_path, SIM_TOKEN_A,
                                                           "application/json", handle_body, "contract-complaint-02");
  g_autofree char *card_text = g_strdup_printf ("{\"shop_id\": \"a-taobao\", \"order_id\": \"%s\"}", order_id);
  g_autoptr(GBytes) card_body = g_bytes_new (card_text, strlen (card_text));
  g_autoptr(SimResponse) visit = sim_request_full (f, "POST", "/v1/visits", SIM_TOKEN_A, "application/json",
                                                   card_body, "contract-visit-01");
  g_autofree char *visit_path = g_strdup_printf ("/v1/visits/%s",
                                                 json_object_get_string_member (sim_member (visit, "visit"), "id"));
  g_autoptr(SimResponse) visit_back = sim_request (f, "GET", visit_path, SIM_TOKEN_A, NULL);
  g_autofree char *visit_action_path = g_strconcat (visit_path, "/actions", NULL);
  g_autoptr(GBytes) record_body = g_bytes_new_static ("{\"action\": \"record\", \"expected_version\": 1,"
                                                      " \"params\": {\"outcome\": \"satisfied\"}}", 79);
  g_autoptr(SimResponse) visit_act = sim_request_full (f, "POST", visit_action_path, SIM_TOKEN_A,
                                                       "application/json", record_body, "contract-visit-02");
  /* Logistics incidents, each endpoint once. */
  g_autoptr(GBytes) incident_body = g_bytes_new_static ("{\"shop_id\": \"a-taobao\", \"buyer_nick\": \"c**y\","
                                                        " \"kind\": \"lost\"}", 61);
  g_autoptr(SimResponse) incident = sim_request_full (f, "POST", "/v1/incidents", SIM_TOKEN_A, "application/json",
                                                      incident_body, "contract-incident-01");
  g_autofree char *incident_path = g_strdup_printf ("/v1/incidents/%s",
                                                    json_object_get_string_member (sim_member (incident, "incident"),
                                                                                   "id"));
  g_autoptr(SimResponse) incident_back = sim_request (f, "GET", incident_path, SIM_TOKEN_A, NULL);
  g_autofree char *incident_action_path = g_strconcat (incident_path, "/actions", NULL);
  g_autoptr(GBytes) courier_body = g_bytes_new_static ("{\"action\": \"contact_courier\", \"expected_version\": 1}",
                                                       52);
  g_autoptr(SimResponse) incident_act = sim_request_full (f, "POST", incident_action_path, SIM_TOKEN_A,
                                                          "application/json", courier_body, "contract-incident-02");
  g_autoptr(SimResponse) rules_put = sim_request (f, "PUT", "/v1/autorules", SIM_TOKEN_A, "{\"autorules\": []}");
  g_autoptr(SimResponse) rules_get = sim_request (f, "GET", "/v1/autorules", SIM_TOKEN_A, NULL);
  g_autoptr(SimResponse) rules_dry = sim_request (f, "POST", "/v1/autorules/dry-run", SIM_TOKEN_A,
                                                  "{\"rule\": {\"id\": \"r1\", \"name\": \"标签\", \"enabled\": false,"
                                                  " \"conds\": [], \"action\": \"notify\", \"arg\": null,"
                                                  " \"exclude_tags\": [], \"cap_count\": 1, \"cap_amount_fen\": 0}}");
  g_autoptr(SimResponse) rules_log = sim_request (f, "GET", "/v1/autorules/log?limit=5", SIM_TOKEN_A, NULL);
  g_autoptr(SimResponse) rules_undo = sim_request (f, "POST", "/v1/autorules/log/undo", SIM_TOKEN_A, "{}");
  g_autofree char *annotation_path = g_strdup_printf ("/v1/aftersales/%s/annotations", id);
  g_autoptr(GBytes) tag_body = g_bytes_new_static ("{\"op\": \"add_tag\", \"tag\": \"VIP\"}", 31);
  g_autoptr(SimResponse) annotated = sim_request_full (f, "POST", annotation_path, SIM_TOKEN_A,
                                                       "application/json", tag_body, "contract-annotation-01");
  JsonArray *list;

  g_assert_cmpuint (headings->len, >=, 18);
  g_assert_cmpuint (rules_put->status, ==, 200);
  assert_members (sim_object (rules_get), (const char *const[]) { "autorules", "runner", "undo_seconds", NULL });
  assert_members (sim_member (rules_dry, "dry_run"),
                  (const char *const[]) { "count", "amount_fen", "capped", "requests", NULL });
  assert_members (sim_object (rules_log), (const char *const[]) { "log", "now", NULL });
  g_assert_cmpint (json_object_get_int_member (sim_object (rules_undo), "undone"), ==, 0);

  g_assert_cmpuint (shops->status, ==, 200);
  list = json_object_get_array_member (sim_object (shops), "shops");
  g_assert_cmpuint (json_array_get_length (list), ==, SHOU_N_PLATFORMS);
  for (guint i = 0; i < json_array_get_length (list); i++)
    assert_members (json_array_get_object_element (list, i), shop_members);
  g_assert_nonnull (soup_message_headers_get_one (shops->headers, "Date"));
  g_assert_nonnull (soup_message_headers_get_one (shops->headers, "X-Shou-Server-Time"));

  g_assert_cmpuint (carriers->status, ==, 200);
  list = json_object_get_array_member (sim_object (carriers), "carriers");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (list, 0), "code"), ==, "SF");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (list, 0), "name"), ==, "顺丰速运");

  g_assert_cmpuint (reasons->status, ==, 200);
  list = json_object_get_array_member (sim_object (reasons), "reasons");
  g_assert_cmpuint (json_array_get_length (list), >, 0);
  assert_members (json_array_get_object_element (list, 0), (const char *const[]) { "code", "text", "evidence_required", NULL });

  g_assert_cmpuint (order->status, ==, 200);
  assert_members (sim_member (order, "order"), order_members);
  assert_members (json_object_get_object_member (sim_member (order, "order"), "buyer"), buyer_members);
  assert_members (json_array_get_object_element (json_object_get_array_member (sim_member (order, "order"), "lines"), 0),
                  line_members);

  assert_members (json_array_get_object_element (json_object_get_array_member (sim_member (order, "order"),
                                                                              "shipments"), 0),
                  shipment_members);
  g_assert_cmpuint (shipment->status, ==, 422);
  g_assert_cmpstr (sim_error_field (shipment, "reason"), ==, "already_signed");

  g_assert_cmpuint (as->status, ==, 200);
  assert_aftersale (sim_member (as, "aftersale"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (sim_member (as, "aftersale"),
                                                                         "order_shipments")), ==, 1);

  g_assert_cmpuint (feed->status, ==, 200);
  assert_members (sim_object (feed), (const char *const[]) { "changes", "next_cursor", "has_more", "server_time", NULL });
  list = json_object_get_array_member (sim_object (feed), "changes");
  g_assert_cmpuint (json_array_get_length (list), ==, 2);
  assert_members (json_array_get_object_element (list, 0), (const char *const[]) { "seq", "kind", "id", "data", NULL });
  g_assert_true (json_object_get_boolean_member (sim_object (feed), "has_more"));

  g_assert_cmpuint (evidence->status, ==, 201);
  assert_members (sim_member (evidence, "evidence"), evidence_members);
  sha = json_object_get_string_member (sim_member (evidence, "evidence"), "id");
  get_evidence = g_strdup_printf ("/v1/aftersales/%s/evidence/%s", id, sha);
  evidence_back = sim_request (f, "GET", get_evidence, SIM_TOKEN_A, NULL);
  g_assert_cmpuint (evidence_back->status, ==, 200);
  g_assert_true (g_bytes_equal (evidence_back->body, jpeg_bytes));

  g_assert_cmpuint (action->status, ==, 200);
  assert_aftersale (sim_member (action, "aftersale"));
  assert_members (json_object_get_object_member (sim_member (action, "aftersale"), "return_address"), address_members);
  g_assert_cmpuint (buyer->status, ==, 200);
  g_assert_cmpuint (logistics->status, ==, 200);
  assert_members (json_object_get_object_member (sim_member (logistics, "aftersale"), "return_shipment"),
                  (const char *const[]) { "carrier", "tracking_no", "shipped_at", "events", NULL });

  g_assert_cmpuint (addresses->status, ==, 200);
  list = json_object_get_array_member (sim_object (addresses), "addresses");
  assert_members (json_array_get_object_element (list, 0), address_members);
  /* an address created without a region code lists it empty */
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (list, 0), "division_code"), ==, "");
  g_assert_cmpuint (created->status, ==, 201);
  new_id = json_object_get_string_member (sim_member (created, "address"), "id");
  /* the region code travels with the text, and an edit without one clears it */
  g_assert_cmpstr (json_object_get_string_member (sim_member (created, "address"), "division_code"), ==, "440305");
  put_path = g_strdup_printf ("/v1/shops/a-pdd/return-addresses/%s", new_id);
  updated = sim_request (f, "PUT", put_path, SIM_TOKEN_A,
                         "{\"name\": \"李华\", \"phone\": \"13900001111\", \"province\": \"广东省\","
                         " \"city\": \"深圳市\", \"street\": \"科技园路2号\", \"is_default\": true, \"expected_version\": 1}");
  g_assert_cmpuint (updated->status, ==, 200);
  g_assert_cmpint (json_object_get_int_member (sim_member (updated, "address"), "version"), ==, 2);
  g_assert_true (json_object_get_boolean_member (sim_member (updated, "address"), "is_default"));
  g_assert_cmpstr (json_object_get_string_member (sim_member (updated, "address"), "division_code"), ==, "");
  stale = sim_request (f, "PUT", put_path, SIM_TOKEN_A,
                       "{\"name\": \"李华\", \"phone\": \"13900001111\", \"province\": \"广东省\","
                       " \"city\": \"深圳市\", \"street\": \"科技园路3号\", \"expected_version\": 1}");
  g_assert_cmpuint (stale->status, ==, 409);
  g_assert_cmpint (json_object_get_int_member (sim_member (stale, "error"), "current_version"), ==, 2);
  deleted = sim_request (f, "DELETE", put_path, SIM_TOKEN_A, NULL);
  g_assert_cmpuint (deleted->status, ==, 204);

  g_assert_cmpuint (clock->status, ==, 200);
  g_assert_cmpuint (faults->status, ==, 200);
  g_assert_cmpuint (step->status, ==, 200);
  assert_members (sim_object (step), (const char *const[]) { "attempted", "moves", "events", NULL });
  g_assert_cmpint (json_object_get_int_member (sim_object (step), "attempted"), ==, 1);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (sim_object (step), "moves")), <=, 1);
  g_assert_cmpuint (stats->status, ==, 200);
  g_assert_cmpint (json_object_get_int_member (sim_object (stats), "events"), >=,
                   json_object_get_int_member (sim_object (step), "events"));
  g_assert_cmpint (json_object_get_int_member (sim_object (stats), "actions_applied"), ==, 1);

  g_assert_cmpuint (cancel->status, ==, 422);
  g_assert_cmpstr (sim_error_field (cancel, "reason"), ==, "not_for_platform");
  g_assert_cmpuint (group->status, ==, 422);
  g_assert_cmpuint (subsidy->status, ==, 422);
  g_assert_cmpstr (sim_error_field (subsidy, "reason"), ==, "not_for_platform");
  g_assert_cmpstr (sim_error_field (group, "reason"), ==, "wrong_status");
  g_assert_cmpuint (me->status, ==, 200);
  assert_members (sim_object (me), (const char *const[]) { "merchant_id", "merchant_name", "staff_id",
                                                           "staff_name", "role", "caps", "autorules", NULL });
  g_assert_cmpuint (claim->status, ==, 200);
  assert_members (sim_member (claim, "claim"), (const char *const[]) { "aftersale_id", "holder", "expires_at", NULL });
  g_assert_cmpuint (unclaim->status, ==, 204);
  g_assert_cmpuint (audit->status, ==, 200);
  assert_members (json_array_get_object_element (json_object_get_array_member (sim_object (audit), "entries"), 0),
                  (const char *const[]) { "seq", "at", "staff_id", "action", "aftersale_id", "amount_fen",
                                          "status", NULL });

  g_assert_cmpuint (staff_add->status, ==, 201);
  g_assert_nonnull (json_object_get_string_member (sim_object (staff_add), "token"));
  g_assert_cmpuint (staff_list->status, ==, 200);
  assert_members (json_array_get_object_element (json_object_get_array_member (sim_object (staff_list), "staff"), 0),
                  (const char *const[]) { "staff_id", "name", "role", "caps", NULL });
  g_assert_cmpuint (staff_del->status, ==, 204);

  g_assert_cmpuint (review->status, ==, 201);
  assert_members (sim_member (review, "review"),
                  (const char *const[]) { "id", "shop_id", "order_id", "order_no", "aftersale_id", "buyer_nick",
                                          "rating", "text", "reason_code", "source", "reviewed_at",
                                          "buyer_bad_reviews", "contacted_at", "remedy", "changed", "settled_at",
                                          "reply", "created_at", "updated_at", "version", NULL });
  g_assert_cmpuint (review_back->status, ==, 200);
  g_assert_cmpuint (review_act->status, ==, 200);
  g_assert_cmpuint (annotated->status, ==, 200);
  assert_members (sim_member (annotated, "annotation"),
                  (const char *const[]) { "aftersale_id", "shop_id", "tags", "notes", "log", "version",
                                          "updated_at", NULL });

  g_assert_cmpuint (complaint->status, ==, 201);
  assert_members (sim_member (complaint, "complaint"),
                  (const char *const[]) { "id", "shop_id", "platform", "order_id", "order_no", "aftersale_id",
                                          "buyer_nick", "channel", "text", "source", "opened_at", "handled_at",
                                          "compensated_at", "compensation_fen", "intervention_at", "evidence",
                                          "finished_at", "outcome", "note", "created_at", "updated_at", "version",
                                          NULL });
  g_assert_cmpuint (complaint_back->status, ==, 200);
  g_assert_cmpuint (complaint_act->status, ==, 200);
  g_assert_cmpuint (visit->status, ==, 201);
  assert_members (sim_member (visit, "visit"),
                  (const char *const[]) { "id", "shop_id", "buyer_nick", "order_id", "order_no", "source",
                                          "source_id", "anchor_at", "outcomes", "done", "created_at", "updated_at",
                                          "version", NULL });
  g_assert_cmpuint (visit_back->status, ==, 200);
  /* A card registered just now: its first visit is a week away. */
  g_assert_cmpuint (visit_act->status, ==, 422);
  g_assert_cmpuint (incident->status, ==, 201);
  assert_members (sim_member (incident, "incident"),
                  (const char *const[]) { "id", "shop_id", "platform", "order_id", "order_no", "aftersale_id",
                                          "buyer_nick", "kind", "carrier", "tracking_no", "text", "source",
                                          "opened_at", "courier_contacted_at", "buyer_told_at", "resend", "claim",
                                          "closed_at", "note", "created_at", "updated_at", "version", NULL });
  g_assert_cmpuint (incident_back->status, ==, 200);
  g_assert_cmpuint (incident_act->status, ==, 200);

  /* Every documented endpoint was called. */
  for (guint i = 0; i < headings->len; i++)
    {
      GPtrArray *done = sim_requested_paths ();
      gboolean found = FALSE;

      for (guint j = 0; j < done->len && !found; j++)
        found = matches (headings->pdata[i], done->pdata[j]);
      if (!found)
        g_error ("API.md documents \"%s\" but the test did not call it", (char *) headings->pdata[i]);
    }
}

static void
test_demo (void)
{
  g_autofree char *dir = g_dir_make_tmp ("shou-sim-demo-XXXXXX", NULL);
  g_autofree char *db = sim_test_database (dir, "demo.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(ShouSimServer) server = shou_sim_server_new (db, SHOU_SIM_FLAG_QUIET, &error);
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(GHashTable) statuses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) platforms = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto(GStrv) tokens = NULL;
  g_autofree char *token = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  SimFixture f = { 0 };
  guint overdue = 0, within_day = 0, later = 0, requests = 0, moves = 0;
  gint64 now;

  g_assert_no_error (error);
  shou_sim_server_set_lapse_grace (server, 3 * SHOU_USEC_PER_HOUR);
  g_assert_true (shou_sim_server_add_demo (server, 20261111, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (shou_sim_server_listen (server, 0, &error), >, 0);
  tokens = shou_sim_server_dup_tokens (server);
  g_assert_cmpuint (g_strv_length (tokens), ==, 2);
  g_assert_true (g_str_has_prefix (tokens[0], "demo "));
  g_assert_true (g_str_has_prefix (tokens[1], "other "));
  token = shou_sim_server_dup_token (server, "demo");

  session = soup_session_new ();
  f.server = server;
  f.session = session;
  f.url = (char *) shou_sim_server_get_url (server);
  {
    g_autoptr(SimResponse) r = sim_request (&f, "GET", "/v1/changes?limit=1000", token, NULL);
    JsonArray *changes = json_object_get_array_member (sim_object (r), "changes");

    now = json_object_get_int_member (sim_object (r), "server_time");
    for (guint i = 0; i < json_array_get_length (changes); i++)
      {
        JsonObject *c = json_array_get_object_element (changes, i);
        JsonObject *d = json_object_get_object_member (c, "data");

        if (!g_str_equal (json_object_get_string_member (c, "kind"), "aftersale"))
          continue;
        requests++;
        assert_aftersale (d);
        g_hash_table_add (statuses, g_strdup (json_object_get_string_member (d, "status")));
        g_hash_table_add (platforms, g_strdup (json_object_get_string_member (d, "platform")));
        if (!json_object_get_null_member (d, "deadline_at"))
          {
            gint64 left = json_object_get_int_member (d, "deadline_at") - now;

            if (left < 0)
              overdue++;
            else if (left < SHOU_USEC_PER_DAY)
              within_day++;
            else
              later++;
          }
      }
  }
  g_test_message ("demo: %u requests, %u overdue, %u within a day, %u later", requests, overdue, within_day, later);
  g_assert_cmpuint (requests, >=, 200);
  g_assert_cmpuint (g_hash_table_size (platforms), ==, SHOU_N_PLATFORMS);
  for (ShouRequestStatus s = 0; s < SHOU_N_STATUSES; s++)
    if (!g_hash_table_contains (statuses, shou_status_to_string (s)))
      g_error ("demo has no request in status %s", shou_status_to_string (s));
  g_assert_cmpuint (overdue, >, 0);
  g_assert_cmpuint (within_day, >, 0);
  g_assert_cmpuint (later, >, 0);

  /* Buyers move: the data changes as time passes. */
  before = shou_sim_server_checksum (server);
  for (guint i = 0; i < 30; i++)
    {
      g_autofree char *what = shou_sim_server_step_buyers (server);

      if (what != NULL)
        moves++;
    }
  after = shou_sim_server_checksum (server);
  g_assert_cmpuint (moves, >=, 20);
  g_assert_cmpstr (before, !=, after);

  /* Demo data is reproducible and not regenerated into a used database. */
  g_assert_true (shou_sim_server_add_demo (server, 1, &error));
  {
    g_autofree char *again = shou_sim_server_checksum (server);

    g_assert_cmpstr (again, ==, after);
  }

  soup_session_abort (session);
  g_clear_object (&session);
  g_assert_finalize_object (g_steal_pointer (&server));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  shou_test_fs_rm_rf (dir);
}

static gint64
stats_events (SimFixture *f)
{
  g_autoptr(SimResponse) r = sim_request (f, "GET", "/v1/test/stats", NULL, NULL);

  g_assert_cmpuint (r->status, ==, 200);
  return json_object_get_int_member (sim_object (r), "events");
}

/* The feed's cursor after everything there is now (bounded paging). */
static char *
feed_end (SimFixture *f,
          const char *token,
          const char *from,
          guint      *out_aftersales)
{
  g_autofree char *cursor = g_strdup (from);
  guint aftersales = 0;

  for (guint page = 0; page < 50; page++)
    {
      g_autofree char *escaped = g_uri_escape_string (cursor, NULL, FALSE);
      g_autofree char *path = g_strdup_printf ("/v1/changes?limit=1000&cursor=%s", escaped);
      g_autoptr(SimResponse) r = sim_request (f, "GET", path, token, NULL);
      JsonArray *changes;

      g_assert_cmpuint (r->status, ==, 200);
      changes = json_object_get_array_member (sim_object (r), "changes");
      for (guint i = 0; i < json_array_get_length (changes); i++)
        if (g_str_equal (json_object_get_string_member (json_array_get_object_element (changes, i), "kind"),
                         "aftersale"))
          aftersales++;
      g_free (cursor);
      cursor = g_strdup (json_object_get_string_member (sim_object (r), "next_cursor"));
      if (!json_object_get_boolean_member (sim_object (r), "has_more"))
        break;
    }
  if (out_aftersales != NULL)
    *out_aftersales = aftersales;
  return g_steal_pointer (&cursor);
}

/* POST /v1/test/step: buyers move when a test in another process asks,
 * and the moves are real (events, versions, the change feed). */
static void
test_step (void)
{
  g_autofree char *dir = g_dir_make_tmp ("shou-sim-step-XXXXXX", NULL);
  g_autofree char *db = sim_test_database (dir, "step.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(ShouSimServer) server = shou_sim_server_new (db, SHOU_SIM_FLAG_TEST_CONTROLS | SHOU_SIM_FLAG_QUIET,
                                                         &error);
  g_autoptr(SoupSession) session = soup_session_new_with_options ("timeout", 10, NULL);
  g_autofree char *token = NULL;
  g_autofree char *cursor = NULL;
  g_autofree char *cursor_after = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  SimFixture f = { 0 };
  gint64 events_before;
  guint changed = 0;

  g_assert_no_error (error);
  shou_sim_server_set_lapse_grace (server, 3 * SHOU_USEC_PER_HOUR);
  g_assert_true (shou_sim_server_add_demo (server, 20261111, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (shou_sim_server_listen (server, 0, &error), >, 0);
  token = shou_sim_server_dup_token (server, "demo");
  f.server = server;
  f.session = session;
  f.url = (char *) shou_sim_server_get_url (server);

  cursor = feed_end (&f, token, "", NULL);
  events_before = stats_events (&f);
  before = shou_sim_server_checksum (server);
  {
    g_autoptr(SimResponse) r = sim_request (&f, "POST", "/v1/test/step", NULL, "{\"moves\": 40}");
    JsonArray *moves;

    g_assert_cmpuint (r->status, ==, 200);
    g_assert_cmpint (json_object_get_int_member (sim_object (r), "attempted"), ==, 40);
    moves = json_object_get_array_member (sim_object (r), "moves");
    g_test_message ("40 rounds: %u moves, first: %s", json_array_get_length (moves),
                    json_array_get_length (moves) ? json_array_get_string_element (moves, 0) : "-");
    /* The demo has requests in every status: most rounds find a move. */
    g_assert_cmpuint (json_array_get_length (moves), >=, 20);
    g_assert_cmpuint (json_array_get_length (moves), <=, 40);
    for (guint i = 0; i < json_array_get_length (moves); i++)
      g_assert_cmpuint (strlen (json_array_get_string_element (moves, i)), >, 0);
    /* Each move is an applied event (a lapse may add more). */
    g_assert_cmpint (json_object_get_int_member (sim_object (r), "events"), >=,
                     events_before + json_array_get_length (moves));
    g_assert_cmpint (stats_events (&f), >=, json_object_get_int_member (sim_object (r), "events"));
  }
  after = shou_sim_server_checksum (server);
  g_assert_cmpstr (before, !=, after);
  /* A client sees the moves in its change feed. */
  cursor_after = feed_end (&f, token, cursor, &changed);
  g_assert_cmpuint (changed, >=, 1);

  /* Test controls are never faulted. */
  {
    g_autoptr(SimResponse) on = sim_request (&f, "POST", "/v1/test/faults", NULL,
                                             "{\"rate\": 1.0, \"kinds\": [\"5xx\"]}");
    g_autoptr(SimResponse) r = sim_request (&f, "POST", "/v1/test/step", NULL, "{\"moves\": 1}");
    g_autoptr(SimResponse) off = sim_request (&f, "POST", "/v1/test/faults", NULL, "{\"rate\": 0}");

    g_assert_cmpuint (on->status, ==, 200);
    g_assert_cmpuint (r->status, ==, 200);
    g_assert_cmpuint (off->status, ==, 200);
  }

  /* Bad input changes nothing. */
  {
    static const struct { const char *body; const char *detail; } bad[] = {
      { "{\"moves\": 0}", "out_of_range" },
      { "{\"moves\": 1001}", "out_of_range" },
      { "{\"moves\": -5}", "out_of_range" },
      { "{\"moves\": \"3\"}", "wrong_type" },
      { "{\"moves\": 2.5}", "wrong_type" },
      { "{\"steps\": 3}", "unknown_field" },
    };
    g_autofree char *unchanged = shou_sim_server_checksum (server);

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autoptr(SimResponse) r = sim_request (&f, "POST", "/v1/test/step", NULL, bad[i].body);

        g_assert_cmpuint (r->status, ==, 400);
        g_assert_cmpstr (sim_error_code (r), ==, "bad_request");
        g_assert_cmpstr (sim_error_field (r, "detail"), ==, bad[i].detail);
      }
    {
      g_autoptr(SimResponse) not_json = sim_request (&f, "POST", "/v1/test/step", NULL, "moves=3");
      g_autoptr(SimResponse) get = sim_request (&f, "GET", "/v1/test/step", NULL, NULL);
      g_autofree char *still = shou_sim_server_checksum (server);

      g_assert_cmpuint (not_json->status, ==, 400);
      g_assert_cmpstr (sim_error_code (not_json), ==, "bad_json");
      g_assert_cmpuint (get->status, ==, 405);
      g_assert_cmpstr (still, ==, unchanged);
    }
  }

  soup_session_abort (session);
  g_clear_object (&session);
  g_assert_finalize_object (g_steal_pointer (&server));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *p = g_build_filename (dir, name, NULL);

        g_unlink (p);
      }
  }
  g_rmdir (dir);
}

/* The server lets go of every connection: after many requests (libsoup
 * 3.2's own accepting kept a little of each), and when clients hang up on
 * idle connections (3.2 left those in CLOSE_WAIT). The count is real: the
 * idle connections show in it while they are open. */
static void
test_connections (SimFixture    *f,
                  gconstpointer  data)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GPtrArray) idle = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GUri) uri = g_uri_parse (f->url, G_URI_FLAGS_NONE, NULL);
  gint64 pooled = sim_pooled_connections ();
  gint64 open = -1;

  for (guint i = 0; i < 300; i++)
    {
      g_autoptr(SimResponse) r = sim_request (f, "GET", "/v1/shops", SIM_TOKEN_A, NULL);

      g_assert_cmpuint (r->status, ==, 200);
    }
  for (guint i = 0; i < 50 && open != 1; i++)
    open = sim_open_connections (f);
  g_assert_cmpint (open, >=, 1);
  g_assert_cmpint (open, <=, 1 + pooled);

  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(GError) error = NULL;
      GSocketConnection *c = g_socket_client_connect_to_host (client, "127.0.0.1", g_uri_get_port (uri), NULL, &error);

      g_assert_no_error (error);
      g_ptr_array_add (idle, c);
    }
  for (guint i = 0; i < 50 && open < 6; i++)
    open = sim_open_connections (f);
  g_assert_cmpint (open, >=, 6);

  /* The clients hang up without a word. */
  for (guint i = 0; i < idle->len; i++)
    g_assert_true (g_io_stream_close (idle->pdata[i], NULL, NULL));
  for (guint i = 0; i < 50 && open > 1 + pooled; i++)
    open = sim_open_connections (f);
  g_assert_cmpint (open, <=, 1 + pooled);
}

static void
test_binary (void)
{
  const char *sim = g_getenv ("SHOUHOU_SIM");
  g_autofree char *dir = g_dir_make_tmp ("shou-sim-bin-XXXXXX", NULL);
  g_autofree char *db = sim_test_database (dir, "sim.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *url = NULL;
  g_autofree char *token = NULL;
  g_autoptr(SoupSession) session = soup_session_new ();
  SimFixture f = { 0 };

  if (sim == NULL || !g_file_test (sim, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("SHOUHOU_SIM is not set");
      return;
    }
  proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, sim, "--port", "0", "--db", db,
                           "--demo", "--no-buyers", "--quiet", NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (proc));
  /* Bounded: the header is two or three lines. */
  for (guint i = 0; i < 4 && (url == NULL || token == NULL); i++)
    {
      g_autofree char *line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);

      g_assert_no_error (error);
      g_assert_nonnull (line);
      if (g_str_has_prefix (line, "listening on http://127.0.0.1:"))
        url = g_strdup (line + strlen ("listening on "));
      else if (g_str_has_prefix (line, "token demo "))
        token = g_strdup (line + strlen ("token demo "));
    }
  g_assert_nonnull (url);
  g_assert_nonnull (token);

  f.session = session;
  f.url = url;
  {
    g_autoptr(SimResponse) r = sim_request (&f, "GET", "/v1/shops", token, NULL);

    g_assert_cmpuint (r->status, ==, 200);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (sim_object (r), "shops")), ==, 5);
  }
  g_subprocess_send_signal (proc, SIGTERM);
  g_assert_true (g_subprocess_wait (proc, NULL, &error));
  g_assert_true (g_subprocess_get_if_exited (proc));
  g_assert_cmpint (g_subprocess_get_exit_status (proc), ==, 0);
  soup_session_abort (session);
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *p = g_build_filename (dir, name, NULL);

        g_unlink (p);
      }
  }
  g_rmdir (dir);
}

static void
test_scale (SimFixture    *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *cursor = g_strdup ("");
  guint orders = 0, requests = 0, addresses = 0, pages = 0;
  gboolean more = TRUE;

  g_assert_true (shou_sim_server_add_scale (f->server, 1500, 7, &error));
  g_assert_no_error (error);
  token = shou_sim_server_dup_token (f->server, "scale");
  g_assert_nonnull (token);

  while (more && pages++ < 20)
    {
      g_autofree char *path = g_strdup_printf ("/v1/changes?limit=1000&cursor=%s", cursor);
      g_autoptr(SimResponse) r = sim_request (f, "GET", path, token, NULL);
      JsonArray *changes = json_object_get_array_member (sim_object (r), "changes");

      for (guint i = 0; i < json_array_get_length (changes); i++)
        {
          const char *kind = json_object_get_string_member (json_array_get_object_element (changes, i), "kind");

          if (g_str_equal (kind, "order"))
            orders++;
          else if (g_str_equal (kind, "aftersale"))
            requests++;
          else
            addresses++;
        }
      more = json_object_get_boolean_member (sim_object (r), "has_more");
      g_free (cursor);
      cursor = g_strdup (json_object_get_string_member (sim_object (r), "next_cursor"));
    }
  g_assert_false (more);
  g_assert_cmpuint (orders, ==, 1500);
  g_assert_cmpuint (requests, ==, 1500);
  g_assert_cmpuint (addresses, ==, 10);
}

static gboolean
on_accept_certificate_cb (SoupMessage          *msg,
                          GTlsCertificate      *certificate,
                          GTlsCertificateFlags  errors,
                          gpointer              user_data)
{
  /* Self-signed for the test: accept, but only this one. */
  return g_tls_certificate_is_same (certificate, user_data);
}

static void
on_tls_sent_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GBytes **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  g_assert_no_error (error);
}

static void
test_tls (void)
{
  g_autofree char *openssl = g_find_program_in_path ("openssl");
  g_autofree char *dir = g_dir_make_tmp ("shou-sim-tls-XXXXXX", NULL);
  g_autofree char *cert = g_build_filename (dir, "cert.pem", NULL);
  g_autofree char *key = g_build_filename (dir, "key.pem", NULL);
  g_autofree char *db = sim_test_database (dir, "sim.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(ShouSimServer) server = NULL;
  g_autoptr(GTlsCertificate) expected = NULL;
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *uri = NULL;
  int status = -1;
  const char *argv[] = {
    openssl, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
    "-keyout", key, "-out", cert, "-days", "1", "-subj", "/CN=127.0.0.1", NULL
  };

  if (openssl == NULL)
    {
      g_test_skip ("openssl is not installed");
      return;
    }
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);

  server = shou_sim_server_new (db, SHOU_SIM_FLAG_QUIET, &error);
  g_assert_no_error (error);
  g_assert_true (shou_sim_server_add_merchant (server, "a", "A", SIM_TOKEN_A, &error));
  g_assert_true (shou_sim_server_set_tls_files (server, cert, key, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (shou_sim_server_listen (server, 0, &error), >, 0);
  g_assert_true (g_str_has_prefix (shou_sim_server_get_url (server), "https://127.0.0.1:"));

  expected = g_tls_certificate_new_from_file (cert, &error);
  g_assert_no_error (error);
  session = soup_session_new ();
  uri = g_strconcat (shou_sim_server_get_url (server), "/v1/shops", NULL);
  msg = soup_message_new ("GET", uri);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", "Bearer " SIM_TOKEN_A);
  g_signal_connect (msg, "accept-certificate", G_CALLBACK (on_accept_certificate_cb), expected);
  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, on_tls_sent_cb, &body);
  /* Bounded by the session's own timeouts. */
  while (body == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (body, NULL), g_bytes_get_size (body), "\"shops\""));

  soup_session_abort (session);
  g_clear_object (&session);
  g_assert_finalize_object (g_steal_pointer (&server));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_unlink (cert);
  g_unlink (key);
  g_unlink (db);
  {
    g_autofree char *wal = g_strconcat (db, "-wal", NULL);
    g_autofree char *shm = g_strconcat (db, "-shm", NULL);

    g_unlink (wal);
    g_unlink (shm);
  }
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/sim/contract/every-endpoint", SimFixture, NULL, sim_fixture_setup, test_every_endpoint, sim_fixture_teardown);
  g_test_add_func ("/sim/contract/demo", test_demo);
  g_test_add_func ("/sim/contract/step", test_step);
  g_test_add ("/sim/contract/connections", SimFixture, NULL, sim_fixture_setup, test_connections, sim_fixture_teardown);
  g_test_add ("/sim/contract/scale", SimFixture, NULL, sim_fixture_setup, test_scale, sim_fixture_teardown);
  g_test_add_func ("/sim/contract/binary", test_binary);
  g_test_add_func ("/sim/contract/tls", test_tls);

  return g_test_run ();
}
