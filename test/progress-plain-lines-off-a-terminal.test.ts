import { describe, expect, it } from "vitest";
import { startProgress } from "../src/cli/progress.js";
import { ANSI, RecordingStream, manualClock } from "./helpers/progress-stream.js";

/**
 * Where the cursor cannot be moved — a pipe, a log file, CI, or a terminal with TERM=dumb —
 * progress is plain lines: the start line at once, a line at each tenth of the way, and a line
 * while nothing else is said for a while; never an escape sequence. --quiet writes nothing.
 */
describe("progress off a terminal is plain periodic lines", () => {
  const cases: [string, RecordingStream, Record<string, string>][] = [
    ["a pipe", new RecordingStream(false), { TERM: "xterm" }],
    ["TERM=dumb", new RecordingStream(true), { TERM: "dumb" }],
  ];
  for (const [name, stream, env] of cases) {
    it(`${name}: a line per tenth, no escape sequences`, () => {
      const clock = manualClock();
      const progress = startProgress({ label: "mmc", quiet: false, stream, env, now: clock.now }, "running 2 scenarios × 20 replications", 20);
      for (let done = 1; done <= 20; done++) {
        clock.advance(3_000);
        progress.update(done, 20);
      }
      progress.stop();
      const lines = stream.text.split("\n").filter((l) => l !== "");
      expect(lines[0]).toBe("mmc: running 2 scenarios × 20 replications");
      // Tenths of 20 change every second replication: 10 lines after the start line.
      expect(lines).toHaveLength(11);
      expect(lines[1]).toBe("mmc: 2/20 replications · 0:06 elapsed · about 0:54 left");
      expect(lines[10]).toBe("mmc: 20/20 replications · 1:00 elapsed");
      expect(stream.text).not.toMatch(ANSI);
    });
  }

  it("says it is still running when nothing has finished for a while", async () => {
    const stream = new RecordingStream(false);
    const progress = startProgress({ label: "ics-default", quiet: false, stream, env: {}, heartbeatMs: 40 }, "running", 10);
    await new Promise((resolve) => setTimeout(resolve, 150));
    progress.stop();
    const lines = stream.text.split("\n").filter((l) => l !== "");
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(lines[1]).toMatch(/^ics-default: 0\/10 replications · 0:00 elapsed$/);
    const count = lines.length;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(stream.text.split("\n").filter((l) => l !== "")).toHaveLength(count); // stopped means stopped
  });

  it("--quiet writes nothing at all", () => {
    const stream = new RecordingStream(false);
    const progress = startProgress({ label: "mmc", quiet: true, stream, env: {} }, "running", 10);
    progress.update(5, 10);
    progress.note("writing results");
    progress.stop();
    expect(stream.chunks).toEqual([]);
  });
});
