// route: sends each CopyIntent to every executor mode (paper, shadow, live) that is on for its leader.
// Pure; switches are read per intent so a flipped kill switch or leader state applies to the very next intent.
import { type OperatorFunction, Observable } from "rxjs";
import { EXEC_MODES, modeEnabled, type Config, type CopyIntent, type Decision, type ExecMode } from "../core/index.js";
import { relay } from "./relay.js";

export interface Routed {
  mode: ExecMode;
  intent: CopyIntent;
}

export type Switches = Pick<Config, "killSwitch" | "modes" | "leaders" | "defaults">;

/** Modes an intent goes to under the given switches (none when the kill switch is engaged). */
export function modesFor(sw: Switches, leader: string): ExecMode[] {
  if (sw.killSwitch) return [];
  const cfg = sw as Config;
  return EXEC_MODES.filter((m) => modeEnabled(cfg, leader, m));
}

/** Decision$ → Routed$: one item per (intent, enabled mode); skips and mirrors pass to `onOther`. */
export function route(switches: () => Switches, onOther?: (d: Decision) => void): OperatorFunction<Decision, Routed> {
  return (source) =>
    new Observable<Routed>((out) =>
      relay(source, out, (d) => {
        if (d.kind !== "intent") return void onOther?.(d);
        for (const mode of modesFor(switches(), d.intent.leader)) out.next({ mode, intent: d.intent });
      }),
    );
}
