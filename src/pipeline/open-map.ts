// OpenMap: a Map of open items by id whose newest entries sit in a small ring outside the Map, so items that end in
// about the order they opened (a replay's intents in flight, a few at a time) never touch the Map.

/** Entries kept in the ring; older open ones (long-resting orders) spill into the Map. */
const RING = 16;

/** Map-like, insertion-ordered; get/delete of one of the newest RING ids cost a few string compares. */
export class OpenMap<V> {
  private readonly map = new Map<string, V>();
  /** Ring slots, oldest at `head`; an id of undefined is a hole (deleted out of order). */
  private readonly ids: (string | undefined)[] = new Array<string | undefined>(RING).fill(undefined);
  private readonly vals: (V | undefined)[] = new Array<V | undefined>(RING).fill(undefined);
  private head = 0;
  /** Slots in use from head on, holes included. */
  private used = 0;
  /** Live entries in the ring. */
  private live = 0;

  get size(): number {
    return this.map.size + this.live;
  }

  /** Ring slot of `id`, or -1. */
  private slot(id: string): number {
    const ids = this.ids;
    for (let k = 0, i = this.head; k < this.used; k++, i = (i + 1) % RING) if (ids[i] === id) return i;
    return -1;
  }

  get(id: string): V | undefined {
    if (this.live > 0) {
      const i = this.slot(id);
      if (i >= 0) return this.vals[i];
    }
    return this.map.size > 0 ? this.map.get(id) : undefined;
  }

  has(id: string): boolean {
    return (this.live > 0 && this.slot(id) >= 0) || (this.map.size > 0 && this.map.has(id));
  }

  /** Add (or replace) `id`; an id already open keeps its place, a new one becomes the newest. */
  set(id: string, v: V): void {
    const i = this.live > 0 ? this.slot(id) : -1;
    if (i >= 0) {
      this.vals[i] = v;
      return;
    }
    if (this.map.size > 0 && this.map.has(id)) {
      this.map.set(id, v);
      return;
    }
    if (this.used === RING) this.spillOldest();
    const t = (this.head + this.used) % RING;
    this.ids[t] = id;
    this.vals[t] = v;
    this.used++;
    this.live++;
  }

  delete(id: string): boolean {
    const i = this.live > 0 ? this.slot(id) : -1;
    if (i < 0) return this.map.size > 0 && this.map.delete(id);
    this.ids[i] = undefined;
    this.vals[i] = undefined;
    this.live--;
    this.trim();
    return true;
  }

  clear(): void {
    this.map.clear();
    this.ids.fill(undefined);
    this.vals.fill(undefined);
    this.head = this.used = this.live = 0;
  }

  /** Values in insertion order (the Map holds the older ones). */
  *values(): IterableIterator<V> {
    yield* this.map.values();
    for (let k = 0, i = this.head; k < this.used; k++, i = (i + 1) % RING) if (this.ids[i] !== undefined) yield this.vals[i] as V;
  }

  /** Move the live entries together from the head on, in order (no holes left). */
  private compact(): void {
    const ids = this.ids;
    const vals = this.vals;
    let w = this.head;
    for (let k = 0, r = this.head; k < this.used; k++, r = (r + 1) % RING) {
      if (ids[r] === undefined) continue;
      if (r !== w) {
        ids[w] = ids[r];
        vals[w] = vals[r];
        ids[r] = undefined;
        vals[r] = undefined;
      }
      w = (w + 1) % RING;
    }
    this.used = this.live;
  }

  /** Drop holes at the head. */
  private trim(): void {
    while (this.used > 0 && this.ids[this.head] === undefined) {
      this.head = (this.head + 1) % RING;
      this.used--;
    }
    if (this.used === 0) this.head = 0;
  }

  /** The ring is full: holes are closed up, or else its oldest entry moves to the Map (older than all left). */
  private spillOldest(): void {
    if (this.live < this.used) return this.compact();
    const h = this.head;
    this.map.set(this.ids[h] as string, this.vals[h] as V);
    this.ids[h] = undefined;
    this.vals[h] = undefined;
    this.live--;
    this.trim();
  }
}
