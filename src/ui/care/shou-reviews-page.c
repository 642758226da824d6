/* shou-reviews-page.c: the 中差评 page. */
#include "config.h"

#include <glib/gi18n.h>

#include "core/shou-core.h"
#include "shou-care-widgets.h"
#include "shou-review-dialogs.h"
#include "shou-reviews-page.h"

struct _ShouReviewsPage
{
  GtkWidget   parent_instance;

  ShouStore  *store;
  gint64      now;
  guint       reload_id;

  GtkWidget  *scroller;
  GtkLabel   *summary;
  GtkListBox *reasons;
  GtkListBox *waiting;
  GtkListBox *all;
};

G_DEFINE_FINAL_TYPE (ShouReviewsPage, shou_reviews_page, GTK_TYPE_WIDGET)

/* A row whose title and subtitle are plain text (the buyer's words). */
static GtkWidget *
text_row (const char *title,
          const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  return row;
}

static gboolean
is_null (JsonObject *review,
         const char *name)
{
  JsonNode *node = json_object_get_member (review, name);

  return node == NULL || JSON_NODE_HOLDS_NULL (node);
}

/* What the buyer wrote, or the hint to read the chat first. */
static char *
review_words (JsonObject *review)
{
  const char *text = json_object_get_string_member_with_default (review, "text", "");
  ShouReviewReason reason = SHOU_REVIEW_REASON_NONE;

  shou_review_reason_from_string (json_object_get_string_member_with_default (review, "reason_code", "none"),
                                  &reason);
  if (shou_review_needs_chat_check (reason, text))
    return g_strdup (_("The buyer wrote nothing: check the chat first"));
  return g_strdup (text);
}

static char *
review_title (JsonObject *review)
{
  gboolean bad = g_strcmp0 (json_object_get_string_member_with_default (review, "rating", "bad"), "bad") == 0;
  gint64 count = json_object_get_int_member_with_default (review, "buyer_bad_reviews", 1);
  g_autofree char *nick = g_strdup (json_object_get_string_member_with_default (review, "buyer_nick", ""));

  if (count >= SHOU_REVIEW_REPEAT_BUYER)
    /* Translators: buyer, rating, reason and how many bad reviews this buyer left */
    return g_strdup_printf (_("%s · %s · %s · %d bad reviews"), nick, bad ? _("Bad") : _("Neutral"),
                            shou_review_reason_label (json_object_get_string_member_with_default (review,
                                                                                                   "reason_code",
                                                                                                   "none")),
                            (int) count);
  /* Translators: buyer, rating (差评/中评) and reason */
  return g_strdup_printf (_("%s · %s · %s"), nick, bad ? _("Bad") : _("Neutral"),
                          shou_review_reason_label (json_object_get_string_member_with_default (review,
                                                                                                 "reason_code",
                                                                                                 "none")));
}

/* Where the follow-up stands, in words. */
static char *
review_state (JsonObject *review)
{
  GString *s = g_string_new (NULL);
  JsonNode *remedy = json_object_get_member (review, "remedy");

  if (!is_null (review, "settled_at"))
    g_string_append (s, json_object_get_boolean_member_with_default (review, "changed", FALSE)
                        ? _("Review changed") : _("Review not changed"));
  else if (!is_null (review, "contacted_at"))
    g_string_append (s, _("Buyer contacted"));
  else
    g_string_append (s, _("Not contacted yet"));
  if (remedy != NULL && JSON_NODE_HOLDS_OBJECT (remedy))
    {
      JsonObject *r = json_node_get_object (remedy);
      gint64 fen = json_object_get_int_member_with_default (r, "amount_fen", 0);
      g_autofree char *money = fen > 0 ? shou_money_format (fen) : NULL;

      g_string_append (s, " · ");
      g_string_append (s, shou_remedy_label (json_object_get_string_member_with_default (r, "kind", "")));
      if (money != NULL)
        g_string_append_printf (s, " %s", money);
    }
  if (!is_null (review, "reply"))
    {
      g_string_append (s, " · ");
      g_string_append (s, _("Replied"));
    }
  if (json_object_get_int_member_with_default (review, "pending", 0) > 0)
    {
      g_string_append (s, " · ");
      g_string_append (s, _("Waiting to sync"));
    }
  return g_string_free (s, FALSE);
}

static const char *
conflict_words (JsonObject *conflict)
{
  const char *reason = json_object_get_string_member_with_default (conflict, "reason", NULL);
  const char *code = json_object_get_string_member_with_default (conflict, "code", NULL);

  if (g_strcmp0 (reason, "review_settled") == 0)
    return _("The server refused: this review was settled already");
  if (g_strcmp0 (reason, "not_contacted") == 0)
    return _("The server refused: contact the buyer first");
  if (g_strcmp0 (reason, "already_replied") == 0)
    return _("The server refused: the reply was posted already");
  if (g_strcmp0 (reason, "over_remedy_cap") == 0)
    return _("The server refused: the remedy is above the cap");
  if (g_strcmp0 (code, "version_conflict") == 0)
    return _("Someone else changed this review: check it and try again");
  return _("The server refused this step");
}

static void
on_step_clicked_cb (GtkButton       *button,
                    ShouReviewsPage *self)
{
  const char *key = g_object_get_data (G_OBJECT (button), "shou-key");
  const char *step = g_object_get_data (G_OBJECT (button), "shou-step");
  g_autoptr(JsonObject) params = json_object_new ();
  g_autoptr(GError) error = NULL;
  ShouReviewAction action = SHOU_REVIEW_ACTION_CONTACT;

  if (g_str_equal (step, "remedy"))
    {
      shou_review_dialog_remedy (GTK_WIDGET (self), self->store, key);
      return;
    }
  if (g_str_equal (step, "reply"))
    {
      shou_review_dialog_reply (GTK_WIDGET (self), self->store, key);
      return;
    }
  if (g_str_equal (step, "changed") || g_str_equal (step, "unchanged"))
    {
      action = SHOU_REVIEW_ACTION_MARK_CHANGED;
      json_object_set_boolean_member (params, "changed", g_str_equal (step, "changed"));
    }
  if (!shou_store_enqueue_review_action (self->store, key, action, params, &error))
    g_warning ("%s", error->message);
}

static void
add_step (ShouReviewsPage *self,
          GtkWidget       *row,
          const char      *key,
          const char      *step,
          const char      *label,
          char            *name)
{
  GtkWidget *button = gtk_button_new_with_label (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_object_set_data_full (G_OBJECT (button), "shou-key", g_strdup (key), g_free);
  g_object_set_data (G_OBJECT (button), "shou-step", (gpointer) step);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  g_free (name);
  g_signal_connect (button, "clicked", G_CALLBACK (on_step_clicked_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
}

static GtkWidget *
register_row (ShouReviewsPage *self,
              JsonObject      *review)
{
  g_autofree char *title = review_title (review);
  g_autofree char *words = review_words (review);
  g_autofree char *state = review_state (review);
  const char *key = json_object_get_string_member (review, "key");
  const char *nick = json_object_get_string_member_with_default (review, "buyer_nick", "");
  gboolean contacted = !is_null (review, "contacted_at");
  gboolean settled = !is_null (review, "settled_at");
  GtkWidget *row = text_row (title, words);
  GtkWidget *state_label = gtk_label_new (state);
  JsonNode *conflict = json_object_get_member (review, "conflict");

  gtk_widget_add_css_class (state_label, "dim-label");
  gtk_widget_set_valign (state_label, GTK_ALIGN_CENTER);
  if (conflict != NULL && JSON_NODE_HOLDS_OBJECT (conflict))
    {
      gtk_label_set_text (GTK_LABEL (state_label), conflict_words (json_node_get_object (conflict)));
      gtk_widget_remove_css_class (state_label, "dim-label");
      gtk_widget_add_css_class (state_label, "error");
    }
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), state_label);
  /* Translators: %s is the buyer's nickname; the buttons' names for a screen reader */
  if (!settled)
    add_step (self, row, key, "contact", contacted ? _("Contacted Again") : _("Contacted"),
              g_strdup_printf (_("Mark %s contacted"), nick));
  if (contacted && !settled)
    {
      add_step (self, row, key, "remedy", _("Remedy…"),
              g_strdup_printf (_("Offer %s a remedy"), nick));
      add_step (self, row, key, "changed", _("Changed"),
              g_strdup_printf (_("Mark %s's review changed"), nick));
      add_step (self, row, key, "unchanged", _("Not Changed"),
              g_strdup_printf (_("Mark %s's review not changed"), nick));
    }
  if (is_null (review, "reply"))
    add_step (self, row, key, "reply", _("Reply…"),
              g_strdup_printf (_("Reply to %s in public"), nick));
  return row;
}

static void
reload_reasons (ShouReviewsPage *self)
{
  guint counts[SHOU_N_REVIEW_REASONS];
  gint64 now = self->now ? self->now : shou_care_now (self->store);
  guint total = shou_store_count_review_reasons (self->store, now - 7 * SHOU_USEC_PER_DAY, counts);

  shou_care_clear_list (self->reasons);
  for (guint i = 0; total > 0 && i < SHOU_N_REVIEW_REASONS; i++)
    {
      g_autofree char *n = NULL;
      GtkWidget *row, *value;

      if (counts[i] == 0)
        continue;
      row = text_row (shou_review_reason_label (shou_review_reason_to_string (i)), NULL);
      n = g_strdup_printf ("%u", counts[i]);
      value = gtk_label_new (n);
      gtk_widget_add_css_class (value, "numeric");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), value);
      gtk_list_box_append (self->reasons, row);
    }
}

void
shou_reviews_page_reload (ShouReviewsPage *self)
{
  g_autoptr(GPtrArray) waiting = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autofree char *summary = NULL;

  g_return_if_fail (SHOU_IS_REVIEWS_PAGE (self));
  g_clear_handle_id (&self->reload_id, g_source_remove);
  waiting = shou_store_list_reviews (self->store, SHOU_REVIEW_LIST_WAITING_REPLY, 200);
  all = shou_store_list_reviews (self->store, SHOU_REVIEW_LIST_ALL, 200);

  summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u review waiting for a reply",
                                          "%u reviews waiting for a reply", waiting->len), waiting->len);
  gtk_label_set_text (self->summary, summary);
  reload_reasons (self);

  shou_care_clear_list (self->waiting);
  for (guint i = 0; i < waiting->len; i++)
    {
      JsonObject *review = waiting->pdata[i];
      g_autofree char *title = review_title (review);
      g_autofree char *words = review_words (review);
      GtkWidget *row = text_row (title, words);

      add_step (self, row, json_object_get_string_member (review, "key"), "reply", _("Reply…"),
                g_strdup_printf (_("Reply to %s in public"),
                                 json_object_get_string_member_with_default (review, "buyer_nick", "")));
      gtk_list_box_append (self->waiting, row);
    }
  shou_care_clear_list (self->all);
  for (guint i = 0; i < all->len; i++)
    gtk_list_box_append (self->all, register_row (self, all->pdata[i]));
}

static gboolean
reload_idle_cb (gpointer data)
{
  ShouReviewsPage *self = data;

  self->reload_id = 0;
  shou_reviews_page_reload (self);
  return G_SOURCE_REMOVE;
}

static void
on_store_changed_cb (ShouReviewsPage *self)
{
  if (self->reload_id == 0 && gtk_widget_get_mapped (GTK_WIDGET (self)))
    self->reload_id = g_idle_add (reload_idle_cb, self);
}

void
shou_reviews_page_set_now (ShouReviewsPage *self,
                           gint64           now)
{
  g_return_if_fail (SHOU_IS_REVIEWS_PAGE (self));
  self->now = now;
  shou_reviews_page_reload (self);
}

static void
on_register_clicked_cb (ShouReviewsPage *self)
{
  shou_review_dialog_register (GTK_WIDGET (self), self->store);
}

static void
shou_reviews_page_dispose (GObject *object)
{
  ShouReviewsPage *self = SHOU_REVIEWS_PAGE (object);

  g_clear_handle_id (&self->reload_id, g_source_remove);
  g_clear_pointer (&self->scroller, gtk_widget_unparent);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (shou_reviews_page_parent_class)->dispose (object);
}

static void
shou_reviews_page_class_init (ShouReviewsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = shou_reviews_page_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
shou_reviews_page_init (ShouReviewsPage *self)
{
  GtkWidget *add = gtk_button_new_with_label (_("Register a Review…"));
  GtkBox *box = shou_care_scaffold (GTK_WIDGET (self), _("Bad Reviews"), add, &self->scroller, &self->summary);

  g_signal_connect_swapped (add, "clicked", G_CALLBACK (on_register_clicked_cb), self);
  /* The register first (the newest on top, where a registered review
   * shows), then the morning list and the week's reasons. */
  self->all = shou_care_section (box, _("Register"), _("No bad reviews yet"));
  self->waiting = shou_care_section (box, _("Waiting for a Reply"), _("Every review has its reply"));
  self->reasons = shou_care_section (box, _("Reasons This Week"), _("No bad reviews this week"));
  g_signal_connect_swapped (self, "map", G_CALLBACK (shou_reviews_page_reload), self);
}

GtkWidget *
shou_reviews_page_new (ShouStore *store)
{
  ShouReviewsPage *self = g_object_new (SHOU_TYPE_REVIEWS_PAGE, NULL);

  self->store = g_object_ref (store);
  g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed_cb), self, G_CONNECT_SWAPPED);
  return GTK_WIDGET (self);
}
