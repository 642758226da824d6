/* shou-stats-care.c: the 统计 page's 售后关怀 group (shou-stats-care.h). */
#include "config.h"

#include <glib/gi18n.h>

#include "core/shou-money.h"
#include "ui/care/shou-complaint-dialogs.h"
#include "ui/care/shou-review-dialogs.h"
#include "shou-stats-care.h"

enum { ROW_REVIEWS, ROW_REASONS, ROW_COMPLAINTS, ROW_OUTCOMES, ROW_INCIDENTS, ROW_CLAIMS, N_ROWS };

static GtkLabel **
values_of (GtkWidget *group)
{
  return g_object_get_data (G_OBJECT (group), "shou-care-values");
}

GtkWidget *
shou_stats_care_new (void)
{
  const char *titles[N_ROWS] = {
    _("Bad reviews"), _("Bad review reasons"), _("Complaints"), _("Complaint outcomes"),
    _("Logistics incidents"), _("Courier claims"),
  };
  GtkWidget *group = adw_preferences_group_new ();
  GtkLabel **values = g_new0 (GtkLabel *, N_ROWS);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("After-Sales Care"));
  for (guint i = 0; i < N_ROWS; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *value = gtk_label_new (NULL);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), titles[i]);
      gtk_label_set_wrap (GTK_LABEL (value), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (value), 48);
      gtk_widget_set_hexpand (value, TRUE);
      gtk_label_set_xalign (GTK_LABEL (value), 1.0f);
      gtk_label_set_justify (GTK_LABEL (value), GTK_JUSTIFY_RIGHT);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), value);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
      values[i] = GTK_LABEL (value);
    }
  g_object_set_data_full (G_OBJECT (group), "shou-care-values", values, g_free);
  return group;
}

/* "质量 3 · 物流 2 · …", the largest first; @empty when none. */
static char *
ranked (const guint  *counts,
        guint         n,
        const char *(*label) (guint i),
        const char   *empty)
{
  GString *s = g_string_new (NULL);
  gboolean *used = g_new0 (gboolean, n);

  for (;;)
    {
      guint best = n;

      for (guint i = 0; i < n; i++)
        if (!used[i] && counts[i] > 0 && (best == n || counts[i] > counts[best]))
          best = i;
      if (best == n)
        break;
      used[best] = TRUE;
      if (s->len > 0)
        g_string_append (s, " · ");
      g_string_append_printf (s, "%s %u", label (best), counts[best]);
    }
  g_free (used);
  if (s->len == 0)
    g_string_append (s, empty);
  return g_string_free (s, FALSE);
}

static const char *
reason_label (guint i)
{
  return shou_review_reason_label (shou_review_reason_to_string (i));
}

static const char *
outcome_label (guint i)
{
  return shou_complaint_outcome_label (shou_complaint_outcome_to_string (i));
}

void
shou_stats_care_update (GtkWidget  *group,
                        ShouStore  *store,
                        const char *shop_id,
                        gint64      from,
                        gint64     to)
{
  GtkLabel **values = values_of (group);
  ShouCareCounts c;
  g_autofree char *reviews = NULL;
  g_autofree char *reasons = NULL;
  g_autofree char *complaints = NULL;
  g_autofree char *outcomes = NULL;
  g_autofree char *money = NULL;
  g_autofree char *incidents = NULL;
  g_autofree char *claimed = NULL;
  g_autofree char *recovered = NULL;
  g_autofree char *claims = NULL;

  g_return_if_fail (values != NULL);
  shou_store_count_care (store, shop_id, from, to, &c);
  /* Translators: bad reviews in the period, and how many the buyers changed */
  reviews = g_strdup_printf (_("%u, %u changed"), c.reviews, c.reviews_changed);
  reasons = ranked (c.review_reasons, SHOU_N_REVIEW_REASONS, reason_label, "—");
  money = shou_money_format (c.compensated_fen);
  /* Translators: complaints in the period, how many are open, compensation paid */
  complaints = g_strdup_printf (_("%u, %u open, %s compensated"), c.complaints, c.complaints_open, money);
  outcomes = ranked (c.complaint_outcomes, SHOU_N_COMPLAINT_OUTCOMES, outcome_label, "—");
  gtk_label_set_text (values[ROW_REVIEWS], reviews);
  gtk_label_set_text (values[ROW_REASONS], reasons);
  gtk_label_set_text (values[ROW_COMPLAINTS], complaints);
  gtk_label_set_text (values[ROW_OUTCOMES], outcomes);
  /* Translators: logistics incidents in the period, and how many are open */
  incidents = g_strdup_printf (_("%u, %u open"), c.incidents, c.incidents_open);
  claimed = shou_money_format (c.claimed_fen);
  recovered = shou_money_format (c.recovered_fen);
  /* Translators: claims on couriers, the amount claimed, the amount the couriers paid */
  claims = g_strdup_printf (_("%u, %s claimed, %s recovered"), c.claims, claimed, recovered);
  gtk_label_set_text (values[ROW_INCIDENTS], incidents);
  gtk_label_set_text (values[ROW_CLAIMS], claims);
}
