/* test-core-divisions.c: the 省/市/区 table shipped in data/divisions */
#include "config.h"

#include "core-test-util.h"
#include "core/shou-divisions.h"

static ShouDivisions *
load_shipped (void)
{
  g_autofree char *path = g_build_filename (CORE_DIVISIONS_DIR, "divisions.tsv", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gsize len = 0;
  ShouDivisions *table;

  g_assert_true (g_file_get_contents (path, &text, &len, &error));
  table = shou_divisions_new_from_bytes (g_bytes_new_take (g_steal_pointer (&text), len), &error);
  g_assert_no_error (error);
  return table;
}

typedef struct
{
  const char *code;
  const char *name;
  const char *province;
  const char *city;       /* as an address writes it */
} KnownCase;

static const KnownCase known_cases[] = {
  { "110101", "东城区", "北京市", "北京市" },
  { "440305", "南山区", "广东省", "深圳市" },
  { "330110", "余杭区", "浙江省", "杭州市" },
  { "500101", "万州区", "重庆市", "重庆市" },
  { "500229", "城口县", "重庆市", "重庆市" },      /* under the placeholder 县 */
  { "441900", "东莞市", "广东省", "东莞市" },      /* a city without districts */
  { "310115", "浦东新区", "上海市", "上海市" },
  { "650102", "天山区", "新疆维吾尔自治区", "乌鲁木齐市" },
};

static void
test_known_codes (void)
{
  g_autoptr(ShouDivisions) table = load_shipped ();

  for (guint i = 0; i < G_N_ELEMENTS (known_cases); i++)
    {
      const KnownCase *c = &known_cases[i];
      const char *province = NULL, *city = NULL, *district = NULL;

      g_assert_cmpstr (shou_divisions_lookup (table, c->code), ==, c->name);
      g_assert_true (shou_divisions_resolve (table, c->code, &province, &city, &district));
      g_assert_cmpstr (province, ==, c->province);
      g_assert_cmpstr (city, ==, c->city);
      g_assert_cmpstr (district, ==, c->name);
      /* an address saved as text only finds its code again */
      g_assert_cmpstr (shou_divisions_match (table, province, city, district), ==, c->code);
    }
  g_assert_cmpstr (shou_divisions_lookup (table, "44"), ==, "广东省");
  g_assert_cmpstr (shou_divisions_lookup (table, "4403"), ==, "深圳市");
  g_assert_cmpstr (shou_divisions_lookup (table, "1101"), ==, "市辖区");
  g_assert_null (shou_divisions_lookup (table, "440399"));
  g_assert_null (shou_divisions_lookup (table, "71"));   /* not in the source */
  g_assert_false (shou_divisions_resolve (table, "4403", NULL, NULL, NULL));
  g_assert_false (shou_divisions_resolve (table, "999999", NULL, NULL, NULL));
  g_assert_null (shou_divisions_match (table, "广东省", "深圳市", "东城区"));
  g_assert_null (shou_divisions_match (table, "广东省", "深圳市", NULL));
  g_assert_cmpstr (shou_divisions_match (table, "北京市", "市辖区", "东城区"), ==, "110101");
}

static void
test_children (void)
{
  g_autoptr(ShouDivisions) table = load_shipped ();
  GPtrArray *provinces = shou_divisions_children (table, NULL);
  GPtrArray *guangdong = shou_divisions_children (table, "44");
  GPtrArray *shenzhen = shou_divisions_children (table, "4403");
  GPtrArray *beijing = shou_divisions_children (table, "11");
  guint n_cities = 0, n_areas = 0;

  g_assert_cmpuint (provinces->len, ==, 31);
  g_assert_cmpstr (g_ptr_array_index (provinces, 0), ==, "11");
  g_assert_cmpuint (guangdong->len, ==, 21);
  g_assert_cmpstr (g_ptr_array_index (guangdong, 0), ==, "4401");
  g_assert_cmpuint (shenzhen->len, ==, 9);
  for (guint i = 0; i < shenzhen->len; i++)
    g_assert_true (g_str_has_prefix (g_ptr_array_index (shenzhen, i), "4403"));
  g_assert_cmpuint (beijing->len, ==, 1);
  g_assert_cmpstr (shou_divisions_city_text (table, "1101"), ==, "北京市");
  g_assert_cmpuint (shou_divisions_children (table, "440305")->len, ==, 0);
  g_assert_cmpuint (shou_divisions_children (table, "nope")->len, ==, 0);

  /* every city has areas to pick, and the counts add up */
  for (guint i = 0; i < provinces->len; i++)
    {
      GPtrArray *cities = shou_divisions_children (table, g_ptr_array_index (provinces, i));

      g_assert_cmpuint (cities->len, >, 0);
      for (guint j = 0; j < cities->len; j++)
        {
          guint n = shou_divisions_children (table, g_ptr_array_index (cities, j))->len;

          g_assert_cmpuint (n, >, 0);
          n_areas += n;
        }
      n_cities += cities->len;
    }
  g_assert_cmpuint (n_cities, ==, 342);
  g_assert_cmpuint (n_areas, ==, 2978);
  g_assert_cmpuint (shou_divisions_get_size (table), ==, 31 + 342 + 2978);
}

static void
test_search (void)
{
  g_autoptr(ShouDivisions) table = load_shipped ();
  g_autoptr(GPtrArray) nanshan = shou_divisions_search (table, "南山", 10);
  g_autoptr(GPtrArray) shan = shou_divisions_search (table, "山区", 5);
  g_autoptr(GPtrArray) none = shou_divisions_search (table, "火星", 10);
  g_autoptr(GPtrArray) empty = shou_divisions_search (table, "", 10);
  gboolean has_shenzhen = FALSE;

  /* 南山区 in 深圳 and in 鹤岗, code order; provinces and cities are not areas */
  g_assert_cmpuint (nanshan->len, >=, 2);
  for (guint i = 0; i < nanshan->len; i++)
    {
      const char *code = g_ptr_array_index (nanshan, i);

      g_assert_cmpint (shou_divisions_level (code), ==, SHOU_DIVISION_AREA);
      g_assert_true (g_str_has_prefix (shou_divisions_lookup (table, code), "南山"));
      has_shenzhen |= g_str_equal (code, "440305");
      if (i > 0)
        g_assert_cmpstr (g_ptr_array_index (nanshan, i - 1), <, code);
    }
  g_assert_true (has_shenzhen);
  /* "contains" matches come after "starts with" ones, and @max holds */
  g_assert_cmpuint (shan->len, ==, 5);
  for (guint i = 0; i < shan->len; i++)
    g_assert_nonnull (strstr (shou_divisions_lookup (table, g_ptr_array_index (shan, i)), "山区"));
  g_assert_cmpuint (none->len, ==, 0);
  g_assert_cmpuint (empty->len, ==, 0);
}

static void
test_levels (void)
{
  g_assert_cmpint (shou_divisions_level ("44"), ==, SHOU_DIVISION_PROVINCE);
  g_assert_cmpint (shou_divisions_level ("4403"), ==, SHOU_DIVISION_CITY);
  g_assert_cmpint (shou_divisions_level ("440305"), ==, SHOU_DIVISION_AREA);
  g_assert_cmpint (shou_divisions_level ("44030"), ==, SHOU_DIVISION_NONE);
  g_assert_cmpint (shou_divisions_level ("44a305"), ==, SHOU_DIVISION_NONE);
  g_assert_cmpint (shou_divisions_level (""), ==, SHOU_DIVISION_NONE);
  g_assert_cmpint (shou_divisions_level (NULL), ==, SHOU_DIVISION_NONE);
}

static const char *const bad_tables[] = {
  "11\n",                              /* no name */
  "11\t北京市\n1101\t\n",              /* empty name */
  "11\t北京市\n110101\t东城区\n",      /* area before its city */
  "11\t北京市\n11\t又一个\n",          /* duplicate */
  "111\t三位\n",                       /* odd length */
  "1a\t字母\n",
  "11\t\xff\xfe\n",                    /* not UTF-8 */
};

static void
test_malformed (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (bad_tables); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (bad_tables[i], strlen (bad_tables[i]));
      g_autoptr(GError) error = NULL;
      g_autoptr(ShouDivisions) table = shou_divisions_new_from_bytes (bytes, &error);

      g_assert_null (table);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
    }
}

static void
test_no_resource (void)
{
  /* core alone has no GResource: the UI registers it */
  g_assert_null (shou_divisions_get_default ());
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/divisions/known-codes", test_known_codes);
  g_test_add_func ("/divisions/children", test_children);
  g_test_add_func ("/divisions/levels", test_levels);
  g_test_add_func ("/divisions/search", test_search);
  g_test_add_func ("/divisions/malformed", test_malformed);
  g_test_add_func ("/divisions/no-resource", test_no_resource);
  return g_test_run ();
}
