/* test-remedy-cap.c: the cap of a price difference refund offered for a
 * bad review is the setting review-price-difference-cap (issue 28): its
 * row in the preferences window writes it, and the remedy dialog refuses
 * an amount above it and accepts it once the cap is raised. A real store,
 * real windows, GSettings' memory backend. */
#include "evidence-fixture.h"

#include "store/shou-store-reviews.h"
#include "ui/care/shou-review-dialogs.h"
#include "ui/window/shou-preferences-window.h"

#define SETTINGS_ID "io.github.shouhou.Shouhou"
#define CAP_KEY     "review-price-difference-cap"

typedef struct
{
  EvFixture  ev;
  GSettings *settings;
  GtkWindow *window;
  GtkWidget *parent;
  char      *review;
} Fixture;

static GtkWidget *
find_type (GtkWidget *root,
           GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_type (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The visible label whose text contains @needle, or NULL. */
static GtkWidget *
find_visible_label (GtkWidget  *root,
                    const char *needle)
{
  if (!gtk_widget_get_visible (root))
    return NULL;
  if (GTK_IS_LABEL (root) && strstr (gtk_label_get_text (GTK_LABEL (root)), needle) != NULL)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_visible_label (child, needle);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
window_closed (gpointer data)
{
  return *(GtkWindow **) data == NULL;
}

/* The visible label in the error style whose text contains @needle. */
static GtkWidget *
find_error_label (GtkWidget  *root,
                  const char *needle)
{
  if (!gtk_widget_get_visible (root))
    return NULL;
  if (GTK_IS_LABEL (root) && gtk_widget_has_css_class (root, "error") &&
      strstr (gtk_label_get_text (GTK_LABEL (root)), needle) != NULL)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_error_label (child, needle);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  g_autoptr(GPtrArray) shops = NULL;
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(GError) error = NULL;

  ev_setup (&f->ev, data);
  f->settings = g_settings_new (SETTINGS_ID);
  g_settings_reset (f->settings, CAP_KEY);

  shops = shou_store_list_shops (f->ev.store);
  g_assert_cmpuint (shops->len, ==, 1);
  json_object_set_string_member (fields, "buyer_nick", "小王同学");
  json_object_set_string_member (fields, "rating", "bad");
  json_object_set_string_member (fields, "reason_code", "quality");
  json_object_set_string_member (fields, "text", "杯子有裂缝");
  f->review = shou_store_register_review (f->ev.store,
                                          json_object_get_string_member (shops->pdata[0], "key"), fields, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->review);
  g_assert_true (shou_store_enqueue_review_action (f->ev.store, f->review, SHOU_REVIEW_ACTION_CONTACT, NULL, &error));
  g_assert_no_error (error);

  f->window = GTK_WINDOW (gtk_window_new ());
  f->parent = gtk_label_new ("");
  gtk_window_set_child (f->window, f->parent);
  gtk_window_present (f->window);
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  g_settings_reset (f->settings, CAP_KEY);
  g_clear_object (&f->settings);
  gtk_window_destroy (f->window);
  ev_spin (50);
  g_free (f->review);
  ev_teardown (&f->ev, data);
}

static JsonObject *
remedy_of (Fixture *f)
{
  g_autoptr(JsonObject) review = shou_store_get_review (f->ev.store, f->review);
  JsonNode *remedy;

  g_assert_nonnull (review);
  remedy = json_object_get_member (review, "remedy");
  if (remedy == NULL || !JSON_NODE_HOLDS_OBJECT (remedy))
    return NULL;
  return json_object_ref (json_node_get_object (remedy));
}

/* Offers a price difference refund of @yuan in a new remedy dialog.
 * Returns whether the dialog accepted it (closed). */
static gboolean
offer (Fixture *f,
       double   yuan,
       gint64   cap_fen)
{
  GtkWindow *dialog = shou_review_dialog_remedy (f->parent, f->ev.store, f->review);
  g_autofree char *cap = shou_money_format (cap_fen);
  AdwComboRow *remedy = ADW_COMBO_ROW (find_type (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW));
  GtkSpinButton *amount = GTK_SPIN_BUTTON (find_type (GTK_WIDGET (dialog), GTK_TYPE_SPIN_BUTTON));

  g_assert_nonnull (dialog);
  /* The dialog says the shop's cap. */
  g_assert_nonnull (find_visible_label (GTK_WIDGET (dialog), cap));
  /* The first remedy is the price difference refund. */
  g_assert_cmpuint (adw_combo_row_get_selected (remedy), ==, 0);
  g_assert_cmpstr (gtk_string_object_get_string (GTK_STRING_OBJECT (adw_combo_row_get_selected_item (remedy))), ==,
                   shou_remedy_label ("price_difference"));
  gtk_spin_button_set_value (amount, yuan);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_widget_activate (find_button (GTK_WIDGET (dialog), _("_Offer")));
  if (ev_wait (window_closed, &dialog, 2000))
    return TRUE;
  /* Refused in the window, with the cap in words, above the hint. */
  g_assert_nonnull (find_error_label (GTK_WIDGET (dialog), cap));
  ev_screenshot (GTK_WIDGET (dialog), "zh_CN-remedy-over-cap.png");
  gtk_window_destroy (dialog);
  g_assert_true (ev_wait (window_closed, &dialog, 5000));
  return FALSE;
}

/* ¥4 is over a ¥3 cap: refused, nothing queued. Raised to ¥5, the same
 * ¥4 goes to the outbox. */
static void
test_dialog_follows_setting (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(JsonObject) remedy = NULL;

  g_assert_cmpuint (g_settings_get_uint (f->settings, CAP_KEY), ==, 500);
  g_assert_cmpint (shou_review_price_difference_cap_fen (), ==, 500);

  g_settings_set_uint (f->settings, CAP_KEY, 300);
  g_assert_cmpint (shou_review_price_difference_cap_fen (), ==, 300);
  g_assert_false (offer (f, 4.0, 300));
  g_assert_null (remedy_of (f));

  g_settings_set_uint (f->settings, CAP_KEY, 500);
  g_assert_true (offer (f, 4.0, 500));
  remedy = remedy_of (f);
  g_assert_nonnull (remedy);
  g_assert_cmpstr (json_object_get_string_member (remedy, "kind"), ==, "price_difference");
  g_assert_cmpint (json_object_get_int_member (remedy, "amount_fen"), ==, 400);
}

/* The same cap at ¥3 lets ¥3 through. */
static void
test_at_cap (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(JsonObject) remedy = NULL;

  g_settings_set_uint (f->settings, CAP_KEY, 300);
  g_assert_true (offer (f, 3.0, 300));
  remedy = remedy_of (f);
  g_assert_nonnull (remedy);
  g_assert_cmpint (json_object_get_int_member (remedy, "amount_fen"), ==, 300);
}

/* The preferences window's row is the setting, in yuan, at most ¥5. */
static void
test_preferences_row (Fixture       *f,
                      gconstpointer  data)
{
  GtkWindow *prefs = shou_preferences_window_new (f->window);
  GtkWidget *spin;

  gtk_window_present (prefs);
  ev_spin (100);
  spin = find_type (GTK_WIDGET (prefs), GTK_TYPE_SPIN_BUTTON);
  g_assert_nonnull (spin);
  g_assert_cmpstr (gtk_widget_get_name (spin), ==, CAP_KEY);
  g_assert_true (gtk_widget_is_sensitive (spin));
  g_assert_cmpfloat_with_epsilon (gtk_spin_button_get_value (GTK_SPIN_BUTTON (spin)), 5.0, 0.001);

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 3.5);
  g_assert_cmpuint (g_settings_get_uint (f->settings, CAP_KEY), ==, 350);
  ev_screenshot (GTK_WIDGET (prefs), "zh_CN-preferences.png");
  g_assert_cmpint (shou_review_price_difference_cap_fen (), ==, 350);

  g_settings_set_uint (f->settings, CAP_KEY, 450);
  g_assert_cmpfloat_with_epsilon (gtk_spin_button_get_value (GTK_SPIN_BUTTON (spin)), 4.5, 0.001);
  /* Not above the contract's ¥5. */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 8.0);
  g_assert_cmpuint (g_settings_get_uint (f->settings, CAP_KEY), ==, 500);

  g_object_add_weak_pointer (G_OBJECT (prefs), (gpointer *) &prefs);
  gtk_window_destroy (prefs);
  g_assert_true (ev_wait (window_closed, &prefs, 5000));
}

int
main (int   argc,
      char *argv[])
{
  ev_init (&argc, &argv);

  g_test_add ("/remedy-cap/dialog-follows-setting", Fixture, NULL, setup, test_dialog_follows_setting, teardown);
  g_test_add ("/remedy-cap/at-cap", Fixture, NULL, setup, test_at_cap, teardown);
  g_test_add ("/remedy-cap/preferences-row", Fixture, NULL, setup, test_preferences_row, teardown);

  return g_test_run ();
}
