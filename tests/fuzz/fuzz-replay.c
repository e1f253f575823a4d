/* fuzz-replay.c
 *
 * SPDX-FileCopyrightText: 2026 The Brandpunt Authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib.h>

int LLVMFuzzerTestOneInput (const guint8 *data,
                            size_t        size);

/* Runs a fuzz target over every file of its corpus folders without libFuzzer,
 * so the corpus is a normal test in every build. */
int
main (int    argc,
      char **argv)
{
  guint n_files = 0;

  if (argc < 2)
    {
      g_printerr ("usage: %s CORPUS_DIR…\n", argv[0]);
      return 2;
    }

  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GDir) dir = g_dir_open (argv[i], 0, &error);
      const char *name;

      if (dir == NULL)
        g_error ("%s", error->message);

      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *path = g_build_filename (argv[i], name, NULL);
          g_autofree char *contents = NULL;
          gsize size;

          if (!g_file_get_contents (path, &contents, &size, &error))
            g_error ("%s", error->message);

          g_print ("%s\n", path);
          LLVMFuzzerTestOneInput ((const guint8 *)contents, size);
          n_files++;
        }
    }

  g_print ("%u inputs\n", n_files);
  return n_files > 0 ? 0 : 1;
}
