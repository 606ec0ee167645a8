/*
 * schema.h - `spcomm forms --json-schema FORM`: a JSON Schema (draft
 * 2020-12) of a form's case files, generated from the form model like the
 * template of `spcomm new` and the field tables of `spcomm forms
 * --markdown`, so that editors (yaml-language-server in VS Code, Neovim)
 * complete and check a case while it is typed.  Titles, descriptions and
 * the labels of enumerations come from one catalog.
 *
 * The schema may be looser than `spcomm check`, never stricter: every case
 * the validator accepts validates against it, read as editors read YAML
 * (YAML 1.2: `yes`, `no`, `NO` are strings; `true` and `false` booleans;
 * digits integers).  docs/case-format.md, "Editors", says what it leaves
 * to `spcomm check`.
 */
#ifndef SPCOMM_SCHEMA_H
#define SPCOMM_SCHEMA_H

#include <stdbool.h>
#include <stdio.h>

#include "catalog.h"
#include "countries.h"
#include "form.h"

/*
 * Write the JSON Schema of form f, with the words of cat (country names
 * from co and ICU), to out.  The output depends on nothing but its
 * arguments (no time, no path), so a build writes the same bytes twice.
 * Returns false only when writing fails.
 */
bool schema_write(const struct form *f, const struct form_set *fs, const struct catalog *cat,
    const struct countries *co, FILE *out);

#endif
