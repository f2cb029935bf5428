// OpenMap: a Map of open items by id whose newest entry sits in a slot outside the Map, so an item opened and
// closed before the next one opens (FAK/FOK intents: accepted, fills and done arrive together) never touches it.

/** Map-like, insertion-ordered; get/delete of the newest id cost one string compare. */
export class OpenMap<V> {
  private readonly map = new Map<string, V>();
  private curId: string | undefined = undefined;
  private cur: V | undefined = undefined;

  get size(): number {
    return this.map.size + (this.curId === undefined ? 0 : 1);
  }

  get(id: string): V | undefined {
    return id === this.curId ? this.cur : this.map.size > 0 ? this.map.get(id) : undefined;
  }

  has(id: string): boolean {
    return id === this.curId || (this.map.size > 0 && this.map.has(id));
  }

  /** Add (or replace) `id`; an id already open keeps its place, a new one becomes the newest. */
  set(id: string, v: V): void {
    if (id === this.curId) {
      this.cur = v;
      return;
    }
    if (this.map.size > 0 && this.map.has(id)) {
      this.map.set(id, v);
      return;
    }
    if (this.curId !== undefined) this.map.set(this.curId, this.cur as V);
    this.curId = id;
    this.cur = v;
  }

  delete(id: string): boolean {
    if (id === this.curId) {
      this.curId = undefined;
      this.cur = undefined;
      return true;
    }
    return this.map.size > 0 && this.map.delete(id);
  }

  clear(): void {
    this.map.clear();
    this.curId = undefined;
    this.cur = undefined;
  }

  /** Values in insertion order (the slot holds the newest). */
  *values(): IterableIterator<V> {
    yield* this.map.values();
    if (this.curId !== undefined) yield this.cur as V;
  }
}
