// The real `spy exchange --scenario recorded` process: bad rows are warned about (file, row, field, value), counted
// and skipped while the good rows play; an empty file or folder ends the process non-zero, naming it, before any
// server starts (before the fix the open server kept the process alive); --fund credits a rehearsal wallet.
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { activityRow } from "../helpers/activity-row.js";
import { ethersSigner } from "../helpers/ethers-signer.js";

const SPY = new URL("../../bin/spy.mjs", import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), "spy-exchange-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A guard, not a synchronisation: a process still running after this long is killed and the test fails. */
const GUARD_MS = 30_000;

interface Ended {
  code: number | null;
  killedByGuard: boolean;
  stdout: string;
  stderr: string;
}

/**
 * Run `spy exchange` on a free port. `until`: stop it (SIGTERM) once stdout has a line matching it; otherwise wait for
 * it to exit by itself.
 */
function exchange(args: string[], until?: RegExp): Promise<Ended> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [SPY, "exchange", "--port", "0", "--speed", "max", "--log-level", "error", ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let killedByGuard = false;
    const guard = setTimeout(() => {
      killedByGuard = true;
      child.kill("SIGKILL");
    }, GUARD_MS);
    child.stdout.on("data", (b: Buffer) => {
      stdout += b.toString("utf8");
      if (until?.test(stdout)) child.kill("SIGTERM");
    });
    child.stderr.on("data", (b: Buffer) => (stderr += b.toString("utf8")));
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(guard);
      resolve({ code, killedByGuard, stdout, stderr });
    });
  });
}

const row = activityRow;

describe("spy exchange --scenario recorded", () => {
  it("exits non-zero at once, naming the file, when the file is an empty JSON array", async () => {
    const f = join(dir, "empty.json");
    writeFileSync(f, "[]");
    const r = await exchange(["--scenario", "recorded", "--file", f]);
    expect(r.killedByGuard).toBe(false);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${f}: this file has no activity rows: it holds an empty JSON array`);
    expect(r.stdout).not.toContain("exchange listening");
  });

  it("exits non-zero at once, naming the folder, when the folder holds no .json file", async () => {
    const d = join(dir, "empty-folder");
    mkdirSync(d);
    const r = await exchange(["--scenario", "recorded", "--file", d]);
    expect(r.killedByGuard).toBe(false);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${d}: no .json files in this folder or below it`);
    expect(r.stderr).not.toContain("activity file has no rows");
  });

  it("warns about a bad row and a bad file below the folder, counts them, and plays the good rows of every sub-folder", async () => {
    const d = join(dir, "leaders");
    mkdirSync(join(d, "b"), { recursive: true });
    writeFileSync(join(d, "a.json"), JSON.stringify([row(0), row(1, { size: "ten" })]));
    writeFileSync(join(d, "b", "b.json"), JSON.stringify([row(2)]));
    writeFileSync(join(d, "b", "secret.json"), '{"privateKey": 0xdeadbeef-secret}');
    const r = await exchange(["--scenario", "recorded", "--file", d], /scenario recorded finished/);
    expect(r.killedByGuard).toBe(false);
    expect(r.stdout).toContain('warning: a.json row 1: size = "ten": ');
    expect(r.stdout).toMatch(/warning: b[\\/]secret\.json: \(file\) = null: not JSON: unexpected character at line 1 column 17/);
    expect(r.stdout + r.stderr).not.toContain("deadbeef");
    expect(r.stdout).toContain(`activity ${d}: files 3 · rows 3 · loaded 2 · bad 2`);
    expect(r.stdout).toContain("exchange listening");
    expect(r.stdout).toMatch(/scenario recorded finished \(\d+ actions\)/);
  });
});

describe("spy exchange --fund", () => {
  it("credits a rehearsal wallet the official client then sees, and refuses a malformed value by name", async () => {
    const { Chain, ClobClient, AssetType } = await import("@polymarket/clob-client-v2");
    const signer = ethersSigner("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");
    const w = signer;
    const child = spawn(process.execPath, [SPY, "exchange", "--scenario", "none", "--port", "0", "--log-level", "error", "--fund", `${w.address}=250`], { stdio: ["ignore", "pipe", "pipe"] });
    const guard = setTimeout(() => child.kill("SIGKILL"), GUARD_MS);
    let out = "";
    const url = await new Promise<string>((res, rej) => {
      child.stdout.on("data", (b: Buffer) => {
        out += b.toString("utf8");
        const m = /exchange listening: (\S+)/.exec(out);
        if (m && out.includes("funded")) res(m[1]!);
      });
      child.on("close", (code) => rej(new Error(`exchange exited ${code}: ${out}`)));
    });
    expect(out).toContain(`funded ${w.address.toLowerCase()} with 250 pUSD`);
    const creds = await new ClobClient({ host: url, chain: Chain.POLYGON, signer }).createOrDeriveApiKey();
    const client = new ClobClient({ host: url, chain: Chain.POLYGON, signer, creds });
    const bal = await client.getBalanceAllowance({ asset_type: AssetType.COLLATERAL });
    expect(Number(bal.balance)).toBe(250_000_000);
    child.kill("SIGTERM");
    await new Promise((r) => child.once("close", r));
    clearTimeout(guard);
    const bad = await exchange(["--scenario", "none", "--fund", "0xabc=10"]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--fund: "0xabc=10" is not WALLET=USD');
  }, 60_000);
});
