// Sums the counters of every .trx file under a folder and prints the closing line CI reads:
// "N passed, N failed". Tests that errored, timed out or were aborted count as failed; skipped
// tests are reported apart and never as passed. A run that failed outside any test (a fixture's cleanup,
// a crashed test host) counts as one failure. No results at all is a failure.
// Failed tests are listed (name and the first lines of their message) just above the closing line, so
// a log that keeps only its tail still says what failed.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const folder = process.argv[2] ?? "TestResults";
const files = readdirSync(folder, { recursive: true }).filter((f) => String(f).endsWith(".trx"));
const totals = { passed: 0, failed: 0, skipped: 0 };
const failures = [];

const decode = (text) =>
  text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");

for (const file of files) {
  const xml = readFileSync(join(folder, String(file)), "utf8");
  const counters = xml.match(/<Counters\s[^>]*>/)?.[0] ?? "";
  const count = (name) => Number(counters.match(new RegExp(`\\b${name}="(\\d+)"`))?.[1] ?? 0);
  const failed = count("failed") + count("error") + count("timeout") + count("aborted");
  const outcome = xml.match(/<ResultSummary\s+outcome="(\w+)"/)?.[1] ?? "Failed";
  totals.passed += count("passed");
  totals.failed += failed;
  if (failed === 0 && outcome !== "Completed" && outcome !== "Passed") {
    console.log(`${file}: the run failed outside any test (outcome ${outcome}; see the log above)`);
    totals.failed += 1;
  }
  totals.skipped += count("notExecuted") + count("inconclusive");

  for (const result of xml.matchAll(/<UnitTestResult\s([^>]*)>([\s\S]*?)<\/UnitTestResult>/g)) {
    const outcomeOf = result[1].match(/\boutcome="(\w+)"/)?.[1];
    if (outcomeOf === "Passed" || outcomeOf === "NotExecuted") continue;
    const name = decode(result[1].match(/\btestName="([^"]*)"/)?.[1] ?? "(unnamed)");
    const message = decode(result[2].match(/<Message>([\s\S]*?)<\/Message>/)?.[1] ?? "");
    failures.push(`FAILED ${name}\n${message.split("\n").slice(0, 6).map((line) => `    ${line}`).join("\n")}`);
  }
}
for (const failure of failures) console.log(failure);
if (totals.skipped > 0) console.log(`${totals.skipped} skipped (not counted as passed)`);
console.log(`${totals.passed} passed, ${totals.failed} failed`);
process.exit(files.length === 0 || totals.failed > 0 ? 1 : 0);
