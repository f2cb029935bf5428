// Progress of long replays: a cli-progress bar on a TTY, silent otherwise (pipes, CI, tests).
// The runner calls update(n) with events done per batch; redraws are throttled by cli-progress itself.
import cliProgress from "cli-progress";

export interface Progress {
  start(total: number, label?: string): void;
  /** Events processed so far (absolute). */
  update(done: number): void;
  stop(): void;
}

export const silentProgress: Progress = { start() {}, update() {}, stop() {} };

/** A bar on `stream` (default stdout) when it is a TTY, else silent. */
export function createProgress(stream: NodeJS.WriteStream = process.stdout): Progress {
  if (!stream.isTTY) return silentProgress;
  let bar: cliProgress.SingleBar | undefined;
  let startedAt = 0;
  return {
    start(total, label = "replay") {
      bar = new cliProgress.SingleBar(
        {
          stream,
          format: `${label} [{bar}] {percentage}% | {value}/{total} events | {eta_formatted} left | {rate} ev/s`,
          hideCursor: true,
          clearOnComplete: true,
          fps: 5,
        },
        cliProgress.Presets.shades_classic,
      );
      bar.start(Math.max(1, total), 0, { rate: "0" });
      startedAt = performance.now();
    },
    update(done) {
      const s = (performance.now() - startedAt) / 1000;
      bar?.update(done, { rate: s > 0 ? Math.round(done / s).toLocaleString("en-US") : "0" });
    },
    stop() {
      bar?.stop();
      bar = undefined;
    },
  };
}
