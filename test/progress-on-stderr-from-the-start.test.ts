import { describe, expect, it } from "vitest";
import { pathflow } from "./helpers/cli.js";
import { tempDirEachTest } from "./helpers/temp-dir.js";

/**
 * `pathflow run` off a terminal (here a pipe) says what it is doing before any replication has
 * finished — its first line on stderr is the start line, its second the estimated work — then plain progress lines, and when
 * the replications are done that it is writing the results. All of it on stderr: stdout carries
 * the summary only. (dist/ is built by test/global-setup.ts.)
 */
const dir = tempDirEachTest("pathflow-progress-");

describe("progress goes to stderr from the start", () => {
  it("a start line first, the estimate, plain lines, nothing on stdout", async () => {
    const run = await pathflow(["run", "models/mmc.json", "--reps", "4", "--days", "20", "--warmup-days", "2", "--workers", "2", "--out", dir()]);
    expect(run.code, run.stderr).toBe(0);
    const lines = run.stderr.split("\n").filter((l) => l !== "");
    expect(lines[0]).toBe("mmc: running 2 scenarios × 4 replications, 20 days after 2 days' warm-up");
    // 2 scenarios × 216 arrivals a day × 22 days (warm-up included) × 4 replications, 3 events each.
    expect(lines[1]).toMatch(/^mmc: estimated work: about 38 thousand arrivals and 114 thousand events on 2 workers, peak memory about \d+ MB$/);
    expect(lines.slice(2, -1)).toEqual([
      expect.stringMatching(/^mmc: 1\/4 replications · \d+:\d\d elapsed · about \d+:\d\d left$/),
      expect.stringMatching(/^mmc: 2\/4 replications · /),
      expect.stringMatching(/^mmc: 3\/4 replications · /),
      expect.stringMatching(/^mmc: 4\/4 replications · \d+:\d\d elapsed$/),
    ]);
    expect(lines.at(-1)).toBe(`mmc: writing results to ${dir()}`);
    expect(run.stderr).not.toMatch(/\u001b\[/);
    expect(run.stdout).not.toMatch(/replications ·|elapsed|running 2 scenarios/);
    expect(run.stdout).toMatch(/^mmc: 4 replications × 2 scenarios/);
  });
});
