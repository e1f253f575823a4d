/* test-report.c
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/wait.h>

static char *work_dir;
static char *demo_store;

static char *
work_path (const char *name)
{
  return g_build_filename (work_dir, name, NULL);
}

static int
run_tool (const char * const *args,
          char              **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status = -1;

  g_ptr_array_add (argv, (gpointer)TEST_TOOL);
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (gpointer)args[i]);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **)argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, err, &status, &error);
  g_assert_no_error (error);

  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

static char *
pdf_text (const char *pdf)
{
  const char *argv[] = { "pdftotext", "-layout", "-enc", "UTF-8", pdf, "-", NULL };
  g_autoptr(GError) error = NULL;
  char *text = NULL;
  int status = -1;

  g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &text, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
  return text;
}

static guint
pdf_n_pages (const char *pdf)
{
  const char *argv[] = { "pdfinfo", pdf, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  const char *pages;

  g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &text, NULL, NULL, &error);
  g_assert_no_error (error);
  pages = strstr (text, "Pages:");
  g_assert_nonnull (pages);
  return (guint)g_ascii_strtoull (pages + strlen ("Pages:"), NULL, 10);
}

/* One number by plain SQL over the stored rows of @store. */
static double
sql_number (const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  double value;

  g_assert_cmpint (sqlite3_open_v2 (demo_store, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  /* another connection may be writing meanwhile (the sector map cache) */
  sqlite3_busy_timeout (db, 10000);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_double (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

/* The cases of the sectors of municipality @code in (@day - @window, @day]. */
static gint64
municipality_source_cases (const char *code,
                           int         day,
                           int         window,
                           const char *sources)
{
  g_autofree char *sql = g_strdup_printf ("SELECT total (c.n_cases) FROM case_count c JOIN area s ON s.id = c.sector_id"
                                          " JOIN area m ON m.id = s.parent_id"
                                          " WHERE m.level = 3 AND m.code = '%s' AND c.day > %d AND c.day <= %d"
                                          " AND c.source IN (%s)",
                                          code, day - window, day, sources);

  return (gint64)sql_number (sql);
}

static gint64
municipality_cases (const char *code,
                    int         day,
                    int         window)
{
  return municipality_source_cases (code, day, window, "0, 1, 2");
}

/* The sector of municipality @code with the highest 14-day incidence. */
static char *
top_sector (const char *code,
            int         day)
{
  g_autofree char *sql = g_strdup_printf ("SELECT s.code FROM area s JOIN area m ON m.id = s.parent_id"
                                          " LEFT JOIN case_count c ON c.sector_id = s.id AND c.day > %d AND c.day <= %d"
                                          " WHERE m.level = 3 AND m.code = '%s' AND s.population > 0"
                                          " GROUP BY s.id ORDER BY total (c.n_cases) * 1e5 / s.population DESC, s.code"
                                          " LIMIT 1",
                                          day - 14, day, code);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *result;

  g_assert_cmpint (sqlite3_open_v2 (demo_store, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  /* another connection may be writing meanwhile (the sector map cache) */
  sqlite3_busy_timeout (db, 10000);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  result = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return result;
}

static gboolean
has_word (const char *text,
          const char *word)
{
  g_autofree char *pattern = g_strdup_printf ("(^|\\s)%s(\\s|$)", word);

  return g_regex_match_simple (pattern, text, G_REGEX_MULTILINE, 0);
}

static void
test_report_leuven (void)
{
  g_autofree char *pdf = work_path ("leuven.pdf");
  g_autofree char *err = NULL;
  g_autofree char *text = NULL;
  g_autofree char *cases_7 = NULL;
  g_autofree char *cases_14 = NULL;
  g_autofree char *top = NULL;
  const char *args[] = { "report", "--store", demo_store, "--kind", "situation", "--area", "24062",
                         "--date", "2026-11-08", "--out", pdf, NULL };
  int day = (int)sql_number ("SELECT julianday ('2026-11-08') - julianday ('1970-01-01')");

  g_assert_cmpint (run_tool (args, &err), ==, 0);
  /* Under the sanitizers stderr also carries their summary. */
  g_assert_null (strstr (err, "brandpunt-tool"));
  g_assert_cmpuint (pdf_n_pages (pdf), ==, 4);

  text = pdf_text (pdf);
  g_assert_nonnull (strstr (text, "Situation Report"));
  g_assert_nonnull (strstr (text, "Leuven"));
  g_assert_nonnull (strstr (text, "8 November 2026"));
  g_assert_nonnull (strstr (text, "Map of the Statistical Sectors"));
  g_assert_nonnull (strstr (text, "Epidemic Curve and Ages"));
  g_assert_nonnull (strstr (text, "Open Clusters"));

  /* The key figures are those of the rows. */
  cases_7 = g_strdup_printf ("%" G_GINT64_FORMAT, municipality_cases ("24062", day, 7));
  cases_14 = g_strdup_printf ("%" G_GINT64_FORMAT, municipality_cases ("24062", day, 14));
  g_assert_true (has_word (text, cases_7));
  g_assert_true (has_word (text, cases_14));

  /* The sector with the highest incidence heads the table. */
  top = top_sector ("24062", day);
  g_assert_nonnull (strstr (text, top));
  g_assert_true (strstr (text, top) < strstr (text, "Open Clusters"));

  /* It says which cases it counts, with the split of the last 14 days. */
  {
    g_autofree char *split = g_strdup_printf ("%" G_GINT64_FORMAT " confirmed and %" G_GINT64_FORMAT " clinical",
                                              municipality_source_cases ("24062", day, 14, "0"),
                                              municipality_source_cases ("24062", day, 14, "1"));
    g_auto(GStrv) words = g_strsplit_set (text, " \n", -1);
    g_autofree char *flat = g_strjoinv (" ", words);

    g_assert_nonnull (strstr (text, "Cases counted: laboratory-confirmed and clinical"));
    g_assert_nonnull (strstr (text, "Laboratory-confirmed"));
    g_assert_nonnull (strstr (flat, split));
  }
}

/* With clinical cases only, the report counts those alone and says so. */
static void
test_report_clinical (void)
{
  g_autofree char *pdf = work_path ("leuven-clinical.pdf");
  g_autofree char *err = NULL;
  g_autofree char *text = NULL;
  g_autofree char *cases_7 = NULL;
  g_autofree char *cases_14 = NULL;
  const char *args[] = { "report", "--store", demo_store, "--kind", "situation", "--area", "24062",
                         "--date", "2026-11-08", "--source", "clinical", "--out", pdf, NULL };
  int day = (int)sql_number ("SELECT julianday ('2026-11-08') - julianday ('1970-01-01')");

  g_assert_cmpint (run_tool (args, &err), ==, 0);
  text = pdf_text (pdf);
  g_assert_nonnull (strstr (text, "Cases counted: Clinical only."));
  cases_7 = g_strdup_printf ("%" G_GINT64_FORMAT, municipality_source_cases ("24062", day, 7, "1"));
  cases_14 = g_strdup_printf ("%" G_GINT64_FORMAT, municipality_source_cases ("24062", day, 14, "1"));
  g_assert_true (has_word (text, cases_7));
  g_assert_true (has_word (text, cases_14));
  g_assert_cmpint (municipality_source_cases ("24062", day, 14, "1"), <, municipality_cases ("24062", day, 14));
  g_assert_null (strstr (text, "Laboratory-confirmed"));
}

static void
test_report_suppressed (void)
{
  g_autofree char *pdf = work_path ("suppressed.pdf");
  g_autofree char *err = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  gboolean in_table = FALSE;
  guint n_hidden = 0;
  const char *args[] = { "report", "--store", demo_store, "--area", "24062", "--date", "2026-11-08",
                         "--suppress-small", "--out", pdf, NULL };

  g_assert_cmpint (run_tool (args, &err), ==, 0);
  text = pdf_text (pdf);
  g_assert_nonnull (strstr (text, "Counts of 1 to 4 cases"));

  /* In the table of sectors, the case column never shows 1 to 4. */
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      g_auto(GStrv) words = NULL;
      guint n_words;

      if (strstr (lines[i], "Cases 14 days"))
        {
          in_table = TRUE;
          continue;
        }
      if (strstr (lines[i], "Open Clusters"))
        break;
      if (!in_table || !g_regex_match_simple ("^\\s*24062", lines[i], 0, 0))
        continue;

      words = g_regex_split_simple ("\\s{2,}", g_strstrip (lines[i]), 0, 0);
      n_words = g_strv_length (words);
      g_assert_cmpuint (n_words, >=, 5);
      g_assert_false (g_regex_match_simple ("^[1-4]$", words[n_words - 3], 0, 0));
      if (g_str_equal (words[n_words - 3], "<5"))
        n_hidden++;
    }
  g_assert_true (in_table);
  g_test_message ("%u sectors hidden", n_hidden);
}

static void
test_report_bad_arguments (void)
{
  g_autofree char *pdf = work_path ("bad.pdf");
  g_autofree char *png = work_path ("report.png");
  g_autofree char *missing_dir = work_path ("no/such/dir/report.pdf");
  const char *unknown_kind[] = { "report", "--store", demo_store, "--kind", "weekly", "--out", pdf, NULL };
  const char *unknown_area[] = { "report", "--store", demo_store, "--area", "99999", "--out", pdf, NULL };
  const char *bad_date[] = { "report", "--store", demo_store, "--date", "2026-02-30", "--out", pdf, NULL };
  const char *no_out[] = { "report", "--store", demo_store, NULL };
  const char *not_pdf[] = { "report", "--store", demo_store, "--out", png, NULL };
  const char *unwritable[] = { "report", "--store", demo_store, "--area", "24062", "--out", missing_dir, NULL };
  const char *bad_source[] = { "report", "--store", demo_store, "--source", "lab", "--out", pdf, NULL };
  struct {
    const char * const *args;
    int                 status;
    const char         *message;
  } cases[] = {
    { unknown_kind, 1, "weekly" },
    { unknown_area, 1, "99999" },
    { bad_date, 1, "2026-02-30" },
    { no_out, 2, "--out" },
    { not_pdf, 1, ".pdf" },
    { unwritable, 1, "report.pdf" },
    { bad_source, 1, "lab" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *err = NULL;

      g_assert_cmpint (run_tool (cases[i].args, &err), ==, cases[i].status);
      g_assert_nonnull (strstr (err, cases[i].message));
    }

  /* Nothing half-written is left behind. */
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (png, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int result;

  g_test_init (&argc, &argv, NULL);

  work_dir = g_dir_make_tmp ("test-report-XXXXXX", &error);
  g_assert_no_error (error);
  demo_store = work_path ("demo.db");
  {
    const char *args[] = { "demo", "--store", demo_store, "--days", "60", NULL };

    g_assert_cmpint (run_tool (args, &err), ==, 0);
  }

  g_test_add_func ("/report/leuven", test_report_leuven);
  g_test_add_func ("/report/clinical", test_report_clinical);
  g_test_add_func ("/report/suppressed", test_report_suppressed);
  g_test_add_func ("/report/bad-arguments", test_report_bad_arguments);

  result = g_test_run ();

  {
    g_autoptr(GDir) dir = g_dir_open (work_dir, 0, NULL);
    const char *name;

    while (dir && (name = g_dir_read_name (dir)))
      {
        g_autofree char *path = work_path (name);

        g_unlink (path);
      }
    g_rmdir (work_dir);
  }
  g_free (demo_store);
  g_free (work_dir);
  return result;
}
