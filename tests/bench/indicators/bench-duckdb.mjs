// bench-duckdb.mjs
//
// SPDX-FileCopyrightText: 2026 The Brandpunt Authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The DuckDB side of bench-indicators.sh: loads the counts that
// `brandpunt-tool export-counts` wrote and the sectors of an
// `brandpunt-tool indicators` file into in-memory tables, then times the
// indicators of every sector as one GROUP BY, as Brandpunt computes them.
//
//   node bench-duckdb.mjs COUNTS.csv SECTORS.csv YYYY-MM-DD WINDOW RUNS
//     prints name<TAB>value lines: the load time, the median and 95th
//     percentile of RUNS queries with the result fetched in DuckDB's own
//     chunks (engine), on all cores and on one, and with it turned into
//     JavaScript rows; then checks every row against SECTORS.csv,
//     Brandpunt's own result.
//   node bench-duckdb.mjs COUNTS.csv SECTORS.csv YYYY-MM-DD WINDOW --once
//     loads, queries once and writes the rows as CSV, a whole command as
//     `brandpunt-tool indicators` is one.

import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { DuckDBInstance } from '@duckdb/node-api';

const [countsPath, sectorsPath, date, windowText, runsText] = process.argv.slice(2);
const once = runsText === '--once';
const windowDays = Number.parseInt(windowText, 10);
const runs = once ? 1 : Number.parseInt(runsText, 10);

if (!countsPath || !sectorsPath || !/^\d{4}-\d{2}-\d{2}$/.test(date ?? '') ||
    !(windowDays > 0) || !(runs > 0)) {
  console.error('usage: node bench-duckdb.mjs COUNTS.csv SECTORS.csv YYYY-MM-DD WINDOW RUNS|--once');
  process.exit(2);
}

const quote = (text) => `'${text.replaceAll("'", "''")}'`;

const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();

const loadStart = performance.now();
await connection.run(`
  CREATE TABLE counts AS
  SELECT * FROM read_csv(${quote(countsPath)}, header = true,
    columns = {'date': 'DATE', 'sector': 'VARCHAR', 'age_band': 'INTEGER',
               'source': 'VARCHAR', 'count': 'INTEGER', 'suppressed': 'INTEGER'})`);
await connection.run(`
  CREATE TABLE sectors AS
  SELECT code, name, population FROM read_csv(${quote(sectorsPath)}, header = true,
    columns = {'code': 'VARCHAR', 'name': 'VARCHAR', 'population': 'BIGINT',
               'cases': 'VARCHAR', 'incidence_per_100k': 'DOUBLE',
               'previous_cases': 'VARCHAR', 'trend_percent': 'DOUBLE'})`);
const loadMs = performance.now() - loadStart;

// The window is (D - N, D], the one before (D - 2N, D - N]; sectors
// without counts get 0, as in Brandpunt.
const day = `DATE ${quote(date)}`;
const sql = `
  SELECT s.code, s.name, s.population,
         coalesce(w.cur, 0) AS cases,
         coalesce(w.cur, 0) * 100000.0 / nullif(s.population, 0) AS incidence_per_100k,
         coalesce(w.prev, 0) AS previous_cases,
         (coalesce(w.cur, 0) - w.prev) * 100.0 / nullif(w.prev, 0) AS trend_percent
  FROM sectors s LEFT JOIN (
    SELECT sector,
           sum(count) FILTER (WHERE date > ${day} - ${windowDays}) AS cur,
           sum(count) FILTER (WHERE date <= ${day} - ${windowDays}) AS prev
    FROM counts
    WHERE date > ${day} - ${2 * windowDays} AND date <= ${day}
    GROUP BY sector) w ON w.sector = s.code
  ORDER BY s.code`;

if (once) {
  const reader = await connection.runAndReadAll(sql);
  const lines = ['code,name,population,cases,incidence_per_100k,previous_cases,trend_percent'];
  const field = (value) => {
    if (value === null) return '';
    if (typeof value === 'number') return value.toFixed(2);
    const text = String(value);
    return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  for (const row of reader.getRows())
    lines.push(row.map((value, i) => (i === 2 || i === 3 || i === 5 ? String(value) : field(value))).join(','));
  process.stdout.write(lines.join('\n') + '\n');
  process.exit(0);
}

async function runEngine() {
  const result = await connection.run(sql);
  let rows = 0;
  for (;;) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) break;
    rows += chunk.rowCount;
  }
  return rows;
}

async function runRows() {
  const reader = await connection.runAndReadAll(sql);
  return reader.getRows().length;
}

async function time(func) {
  const times = [];
  // Warm up, as Brandpunt's cube is warm too.
  for (let i = 0; i < 3; i++) await func();
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await func();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const median = runs % 2 ? times[(runs - 1) / 2] : (times[runs / 2 - 1] + times[runs / 2]) / 2;
  const p95 = times[Math.min(runs - 1, Math.ceil(runs * 0.95) - 1)];
  return { median, p95 };
}

// DuckDB runs a query on every core by default. On a small machine one
// thread can be faster, so both are timed and the faster one counts.
const threads = (await connection.runAndReadAll("SELECT current_setting('threads')")).getRows()[0][0];
const engineDefault = await time(runEngine);
const jsRows = await time(runRows);
await connection.run('SET threads = 1');
const engineOne = await time(runEngine);
const engine = engineOne.median < engineDefault.median ? engineOne : engineDefault;

// Both must give the same table before the times mean anything.
const expected = readFileSync(sectorsPath, 'utf8').trimEnd().split('\n').slice(1);
const actual = (await connection.runAndReadAll(sql)).getRows();
if (actual.length !== expected.length) {
  console.error(`bench-duckdb: ${actual.length} rows, Brandpunt has ${expected.length}`);
  process.exit(1);
}
let totalCases = 0;
for (let i = 0; i < actual.length; i++) {
  // code and population lead, cases, incidence, previous and trend end
  // every line; the name between them may hold commas.
  const head = expected[i].split(',');
  const tail = head.slice(-4);
  const [code, , population, cases, , previous] = actual[i];
  if (code !== head[0] || String(population) !== head.slice(-5)[0] ||
      String(cases) !== tail[0] || String(previous) !== tail[2]) {
    console.error(`bench-duckdb: row ${i + 1} differs: ${actual[i].join(',')} | ${expected[i]}`);
    process.exit(1);
  }
  totalCases += Number(cases);
}

console.log(`duckdb-version\t${(await connection.runAndReadAll('SELECT version()')).getRows()[0][0]}`);
console.log(`duckdb-threads\t${threads}`);
console.log(`duckdb-load-ms\t${loadMs.toFixed(1)}`);
console.log(`duckdb-sectors-${threads}-threads-median-ms\t${engineDefault.median.toFixed(3)}`);
console.log(`duckdb-sectors-1-thread-median-ms\t${engineOne.median.toFixed(3)}`);
console.log(`duckdb-sectors-median-ms\t${engine.median.toFixed(3)}`);
console.log(`duckdb-sectors-p95-ms\t${engine.p95.toFixed(3)}`);
console.log(`duckdb-js-rows-${threads}-threads-median-ms\t${jsRows.median.toFixed(3)}`);
console.log(`duckdb-sectors-cases\t${totalCases}`);
console.log('duckdb-check\tsame rows as brandpunt');
