// Seeded identifiers for the sim: order hashes of internal orders, trade uuids, fake tx hashes,
// condition/token ids. Same seed, same ids — tests and replays stay reproducible.
import { rng, type Rng } from "../../core/rng.js";

const HEX = "0123456789abcdef";

export class IdGen {
  private readonly r: Rng;
  /** Seeded prefixes + counters keep hot-path ids (orders, trades, tx hashes) cheap and unique. */
  private readonly hexPrefix: string;
  private readonly uuidPrefix: string;
  private n = 0;
  constructor(seed: number) {
    this.r = rng(seed);
    let p = "";
    for (let i = 0; i < 6; i++) p += this.word();
    this.hexPrefix = "0x" + p; // 48 hex chars, 16 left for the counter
    const u = this.word() + this.word();
    this.uuidPrefix = `${u.slice(0, 8)}-${u.slice(8, 12)}-4${u.slice(13, 16)}-a`;
  }
  /** 0x + 64 hex, unique per generator (seeded prefix, counter suffix). */
  seqHex32(): string {
    return this.hexPrefix + (++this.n).toString(16).padStart(16, "0");
  }
  /** uuid-shaped, unique per generator. */
  seqUuid(): string {
    const c = (++this.n).toString(16).padStart(15, "0");
    return `${this.uuidPrefix}${c.slice(0, 3)}-${c.slice(3)}`;
  }
  private word(): string {
    return (this.r.int(0, 0xffff) * 0x10000 + this.r.int(0, 0xffff)).toString(16).padStart(8, "0");
  }
  /** 0x + 64 hex (bytes32). */
  hex32(): string {
    let s = "0x";
    for (let i = 0; i < 8; i++) s += this.word();
    return s;
  }
  /** RFC 4122 v4-shaped uuid. */
  uuid(): string {
    const h = this.word() + this.word() + this.word() + this.word();
    const v = HEX[8 + this.r.int(0, 3)]!;
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${v}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }
  /** Decimal uint256-ish token id (76–77 digits like the venue's). */
  tokenId(): string {
    let s = String(this.r.int(1, 9));
    while (s.length < 77) s += String(this.r.int(0, 9));
    return s;
  }
}
