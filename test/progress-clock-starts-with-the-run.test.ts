import { describe, expect, it } from "vitest";
import { startProgress } from "../src/cli/progress.js";
import { RecordingStream, SGR, manualClock } from "./helpers/progress-stream.js";

/**
 * On a terminal, progress shows from second 0: the start line at once, then a bar whose clock is
 * the run's — started when the run starts, not when the first replication finishes — so a first
 * replication that takes 20 seconds shows as 20 seconds elapsed, and the time left is estimated
 * from the whole run so far.
 */
describe("the progress bar's clock starts with the run", () => {
  it("shows the start line and a bar at 0 before any replication finishes, and counts from the start", () => {
    const stream = new RecordingStream(true);
    const clock = manualClock();
    const progress = startProgress({ label: "ics-default", quiet: false, stream, env: { TERM: "xterm-256color" }, now: clock.now }, "running 5 scenarios × 10 replications", 10);
    try {
      // Nothing has finished yet: the start line and a bar at 0/10 are already there.
      expect(stream.chunks[0]).toBe("ics-default: running 5 scenarios × 10 replications\n");
      expect(stream.text).toContain("0/10 replications · 0:00 elapsed");
      expect(stream.text).not.toContain("left");

      // The first replication finishes 20 seconds into the run: 20 s elapsed, 9 more at 20 s each to go.
      clock.advance(20_000);
      progress.update(1, 10);
      const drawn = stream.text;
      expect(drawn).toContain("1/10 replications · 0:20 elapsed · about 3:00 left");
      expect(drawn.replace(new RegExp(SGR.source, "g"), "")).toMatch(/█+░+ 1\/10/);

      clock.advance(40_000);
      progress.update(4, 10);
      expect(stream.text.slice(drawn.length)).toContain("4/10 replications · 1:00 elapsed · about 1:30 left");
    } finally {
      progress.stop();
    }
    expect(stream.text.endsWith("\n")).toBe(true); // the bar leaves its line when it stops
  });

  it("keeps the line within the terminal's width", () => {
    const stream = new RecordingStream(true, 50);
    const clock = manualClock();
    const progress = startProgress({ label: "ics-default", quiet: false, stream, env: { TERM: "xterm", NO_COLOR: "1" }, now: clock.now }, "starting", 10);
    clock.advance(65_000);
    progress.update(3, 10);
    progress.stop();
    const lines = stream.text.split(/\r|\n|\u001b\[[0-9;]*[A-Za-z]/).filter((l) => l !== "");
    for (const line of lines.slice(1)) expect(line.length, line).toBeLessThan(50);
    expect(stream.text).toContain("3/10 replications · 1:05 elapsed");
  });
});
