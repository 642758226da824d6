/* GET /v1/changes: cursor pages stay consistent while writes happen. Every
 * entity's final version is seen, nothing is skipped, no page repeats an
 * entity, and sequence numbers only grow. */
#include "config.h"

#include "sim-test-util.h"

#define N_REQUESTS 40

static void
write_something (SimFixture *f,
                 GPtrArray  *ids,
                 GRand      *rand,
                 guint       step)
{
  switch (g_rand_int_range (rand, 0, 4))
    {
    case 0:
      {
        const char *id = ids->pdata[g_rand_int_range (rand, 0, ids->len)];
        g_autofree char *text = g_strdup_printf ("第%u条留言", step);
        g_autofree char *params = g_strdup_printf ("{\"text\": \"%s\"}", text);
        g_autoptr(SimResponse) r = sim_action (f, id, "message", params);

        /* 422 once the buyer withdrew it. */
        g_assert_true (r->status == 200 || r->status == 422);
      }
      break;
    case 1:
      {
        g_autoptr(SimResponse) r = sim_request (f, "POST", "/v1/shops/a-pdd/return-addresses", SIM_TOKEN_A,
                                                "{\"name\": \"仓库\", \"phone\": \"021-66668888\", \"province\": \"上海市\","
                                                " \"city\": \"上海市\", \"street\": \"浦东新区张江路1号\", \"is_default\": true}");

        g_assert_cmpuint (r->status, ==, 201);
      }
      break;
    case 2:
      g_ptr_array_add (ids, sim_open_request (f, "a-jd", "completed", "return_refund", NULL));
      break;
    case 3:
    default:
      {
        const char *id = ids->pdata[g_rand_int_range (rand, 0, ids->len)];
        g_autofree char *body = g_strdup_printf ("{\"aftersale_id\": \"%s\", \"action\": \"cancel\"}", id);
        g_autoptr(SimResponse) r = sim_request (f, "POST", "/v1/test/buyer", NULL, body);

        g_assert_true (r->status == 200 || r->status == 422);
      }
      break;
    }
}

static void
test_paging_while_writing (SimFixture    *f,
                           gconstpointer  data)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  g_autofree char *cursor = g_strdup ("");
  gint64 last_seq = 0;
  guint pages = 0;
  guint writes = 0;
  gboolean more = TRUE;
  g_autoptr(SimResponse) feed = NULL;

  for (guint i = 0; i < N_REQUESTS; i++)
    g_ptr_array_add (ids, sim_open_request (f, i % 2 ? "a-taobao" : "a-pdd", "completed", "return_refund", NULL));

  /* Bounded: the feed is finite and writes stop after 60 pages. */
  while (more && pages < 500)
    {
      g_autofree char *path = g_strdup_printf ("/v1/changes?limit=7&cursor=%s", cursor);
      g_autoptr(SimResponse) page = sim_request (f, "GET", path, SIM_TOKEN_A, NULL);
      g_autoptr(GHashTable) in_page = g_hash_table_new (g_str_hash, g_str_equal);
      JsonObject *o;
      JsonArray *changes;

      g_assert_cmpuint (page->status, ==, 200);
      o = sim_object (page);
      changes = json_object_get_array_member (o, "changes");
      g_assert_cmpuint (json_array_get_length (changes), <=, 7);
      for (guint i = 0; i < json_array_get_length (changes); i++)
        {
          JsonObject *c = json_array_get_object_element (changes, i);
          JsonObject *d = json_object_get_object_member (c, "data");
          gint64 seq = json_object_get_int_member (c, "seq");
          g_autofree char *key = g_strdup_printf ("%s/%s", json_object_get_string_member (c, "kind"),
                                                  json_object_get_string_member (c, "id"));

          g_assert_cmpint (seq, >, last_seq);
          last_seq = seq;
          g_assert_false (g_hash_table_contains (in_page, key));
          g_hash_table_add (in_page, (gpointer) json_object_get_string_member (c, "id"));
          g_assert_cmpstr (json_object_get_string_member (d, "id"), ==, json_object_get_string_member (c, "id"));
          g_hash_table_insert (seen, g_steal_pointer (&key),
                               GINT_TO_POINTER ((int) json_object_get_int_member (d, "version")));
        }
      more = json_object_get_boolean_member (o, "has_more");
      g_free (cursor);
      cursor = g_strdup (json_object_get_string_member (o, "next_cursor"));
      pages++;

      if (more && pages < 60)
        for (guint w = 0; w < 2; w++, writes++)
          write_something (f, ids, rand, writes);
    }
  g_assert_false (more);
  g_assert_cmpuint (writes, >=, 20);

  /* The last version of every request was seen. */
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(JsonObject) as = sim_get_aftersale (f, SIM_TOKEN_A, ids->pdata[i]);
      g_autofree char *key = g_strdup_printf ("aftersale/%s", (char *) ids->pdata[i]);

      g_assert_true (g_hash_table_contains (seen, key));
      g_assert_cmpint (GPOINTER_TO_INT (g_hash_table_lookup (seen, key)), ==,
                       json_object_get_int_member (as, "version"));
      {
        g_autofree char *okey = g_strdup_printf ("order/%s", json_object_get_string_member (as, "order_id"));

        g_assert_true (g_hash_table_contains (seen, okey));
      }
    }

  /* The same for addresses, including the defaults that moved. */
  {
    g_autoptr(SimResponse) list = sim_request (f, "GET", "/v1/shops/a-pdd/return-addresses", SIM_TOKEN_A, NULL);
    JsonArray *addresses = json_object_get_array_member (sim_object (list), "addresses");

    for (guint i = 0; i < json_array_get_length (addresses); i++)
      {
        JsonObject *a = json_array_get_object_element (addresses, i);
        g_autofree char *key = g_strdup_printf ("address/%s", json_object_get_string_member (a, "id"));

        g_assert_cmpint (GPOINTER_TO_INT (g_hash_table_lookup (seen, key)), ==,
                         json_object_get_int_member (a, "version"));
      }
  }

  /* At the end the cursor yields nothing new. */
  {
    g_autofree char *path = g_strdup_printf ("/v1/changes?cursor=%s", cursor);

    feed = sim_request (f, "GET", path, SIM_TOKEN_A, NULL);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (sim_object (feed), "changes")), ==, 0);
    g_assert_false (json_object_get_boolean_member (sim_object (feed), "has_more"));
    g_assert_cmpstr (json_object_get_string_member (sim_object (feed), "next_cursor"), ==, cursor);
  }
}

static void
test_deleted_address (SimFixture    *f,
                      gconstpointer  data)
{
  g_autoptr(SimResponse) first = sim_request (f, "GET", "/v1/changes?limit=1000", SIM_TOKEN_A, NULL);
  const char *cursor = json_object_get_string_member (sim_object (first), "next_cursor");
  g_autofree char *del = g_strdup_printf ("/v1/shops/a-jd/return-addresses/%s", f->address[SHOU_PLATFORM_JD]);
  g_autoptr(SimResponse) gone = sim_request (f, "DELETE", del, SIM_TOKEN_A, NULL);
  g_autofree char *path = g_strdup_printf ("/v1/changes?cursor=%s", cursor);
  g_autoptr(SimResponse) next = sim_request (f, "GET", path, SIM_TOKEN_A, NULL);
  g_autoptr(SimResponse) again = sim_request (f, "DELETE", del, SIM_TOKEN_A, NULL);
  g_autoptr(SimResponse) list = sim_request (f, "GET", "/v1/shops/a-jd/return-addresses", SIM_TOKEN_A, NULL);
  JsonArray *changes = json_object_get_array_member (sim_object (next), "changes");
  JsonObject *d;

  g_assert_cmpuint (gone->status, ==, 204);
  g_assert_cmpuint (json_array_get_length (changes), ==, 1);
  d = json_object_get_object_member (json_array_get_object_element (changes, 0), "data");
  g_assert_cmpstr (json_object_get_string_member (d, "id"), ==, f->address[SHOU_PLATFORM_JD]);
  g_assert_true (json_object_get_boolean_member (d, "deleted"));
  g_assert_cmpint (json_object_get_int_member (d, "version"), ==, 2);
  g_assert_cmpuint (again->status, ==, 404);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (sim_object (list), "addresses")), ==, 0);
}


/* Every request in the feed equals a fresh GET of it, also after the clock
 * passed deadlines (the feed serves the JSON rendered at the last write
 * while core's evaluation of it cannot have changed). */
static void
assert_feed_is_fresh (SimFixture *f)
{
  g_autofree char *cursor = NULL;
  gboolean more = TRUE;
  guint compared = 0;

  for (guint page = 0; more && page < 100; page++)
    {
      g_autofree char *path = g_strdup_printf ("/v1/changes?limit=100&cursor=%s", cursor ? cursor : "");
      g_autoptr(SimResponse) r = sim_request (f, "GET", path, SIM_TOKEN_A, NULL);
      JsonArray *changes = json_object_get_array_member (sim_object (r), "changes");

      for (guint i = 0; i < json_array_get_length (changes); i++)
        {
          JsonObject *c = json_array_get_object_element (changes, i);
          g_autofree char *one = NULL;
          g_autoptr(SimResponse) fresh = NULL;

          if (!g_str_equal (json_object_get_string_member (c, "kind"), "aftersale"))
            continue;
          one = g_strdup_printf ("/v1/aftersales/%s", json_object_get_string_member (c, "id"));
          fresh = sim_request (f, "GET", one, SIM_TOKEN_A, NULL);
          g_assert_cmpuint (fresh->status, ==, 200);
          /* GET adds the order's parcels; the feed has them in the order. */
          g_assert_true (json_object_has_member (sim_member (fresh, "aftersale"), "order_shipments"));
          json_object_remove_member (sim_member (fresh, "aftersale"), "order_shipments");
          g_assert_true (json_node_equal (json_object_get_member (c, "data"),
                                          json_object_get_member (sim_object (fresh), "aftersale")));
          compared++;
        }
      g_free (cursor);
      cursor = g_strdup (json_object_get_string_member (sim_object (r), "next_cursor"));
      more = json_object_get_boolean_member (sim_object (r), "has_more");
    }
  g_assert_cmpuint (compared, >=, 3);
}

static void
test_rendered_is_fresh (SimFixture    *f,
                        gconstpointer  data)
{
  g_autofree char *a = sim_open_request (f, "a-taobao", "shipped", "refund_only", "not_received");
  g_autofree char *b = sim_open_request (f, "a-pdd", "completed", "return_refund", "quality_problem");
  g_autofree char *c = sim_open_request (f, "a-jd", "pending_shipment", "refund_only", "not_wanted");
  g_autoptr(SimResponse) nego = sim_action (f, b, "negotiate",
                                            "{\"round\": 1, \"text\": \"您好，请问商品有什么问题？\"}");
  g_autoptr(SimResponse) reasons = sim_request (f, "GET", "/v1/reasons?platform=taobao", SIM_TOKEN_A, NULL);
  JsonArray *list = json_object_get_array_member (sim_object (reasons), "reasons");
  const char *code = NULL;
  g_autofree char *params = NULL;
  g_autofree char *escalate = g_strdup_printf ("{\"aftersale_id\": \"%s\", \"action\": \"escalate\","
                                               " \"text\": \"不同意\"}", a);
  g_autoptr(SimResponse) rejected = NULL;
  g_autoptr(SimResponse) escalated = NULL;

  /* In the platform's intervention, its reply deadline gives way to its
   * resolve deadline when it passes, without a write (the platform's jobs
   * run late: lapse grace): the stored JSON must not be served past it. */
  shou_sim_server_set_lapse_grace (f->server, (gint64) 20 * 3600 * G_USEC_PER_SEC);
  for (guint i = 0; i < json_array_get_length (list) && code == NULL; i++)
    if (!json_object_get_boolean_member (json_array_get_object_element (list, i), "evidence_required"))
      code = json_object_get_string_member (json_array_get_object_element (list, i), "code");
  g_assert_nonnull (code);
  params = g_strdup_printf ("{\"reason_code\": \"%s\", \"explanation\": \"买家未提供问题说明\"}", code);
  rejected = sim_action (f, a, "reject", params);
  g_assert_cmpuint (rejected->status, ==, 200);
  escalated = sim_request (f, "POST", "/v1/test/buyer", NULL, escalate);
  g_assert_cmpuint (escalated->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (sim_member (escalated, "aftersale"), "status"), ==, "intervention");

  assert_feed_is_fresh (f);
  for (guint step = 0; step < 4; step++)
    {
      sim_advance (f, (gint64) (step + 1) * 11 * 3600 * G_USEC_PER_SEC);
      assert_feed_is_fresh (f);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/sim/feed/paging-while-writing", SimFixture, NULL, sim_fixture_setup,
              test_paging_while_writing, sim_fixture_teardown);
  g_test_add ("/sim/feed/deleted-address", SimFixture, NULL, sim_fixture_setup,
              test_deleted_address, sim_fixture_teardown);

  g_test_add ("/sim/feed/rendered-is-fresh", SimFixture, NULL, sim_fixture_setup,
              test_rendered_is_fresh, sim_fixture_teardown);

  return g_test_run ();
}
