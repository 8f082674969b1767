/**
 * Dynamic columns (Folders, Parameters, ModifiedProperties, ...) keep each value as its JSON text
 * and parse it when it is read. A million MailItemsAccessed records carry several million small
 * objects in their Folders; held as objects they made every garbage collection of a loaded dataset
 * walk them, and the loader parse them a second time after a worker thread had already done so.
 *
 * The column is an array wrapped in a Proxy, so every reader (arquero, the query executor, the
 * findings, the timeline) keeps indexing it like an array: `column[row]` gives the parsed value,
 * a fresh copy on every read. In the array behind it a JS string is always JSON text (a value that
 * is itself a string is stored as its JSON text); anything else is the value itself.
 */

/** Marks the text of a name -> value bag: an object without a prototype, which JSON cannot say. */
const BAG_MARK = '\u0000';

/** The stored form of a value: its JSON text for a string, the value itself otherwise (serial loads). */
export function storedDynamic(v: unknown): unknown {
  return typeof v === 'string' ? JSON.stringify(v) : v;
}

/**
 * The JSON text to store for a value that JSON gives back exactly (the caller checks that).
 * Objects without a prototype keep that fact in a mark before the text.
 */
export function dynamicText(v: unknown): string {
  const text = JSON.stringify(v);
  return v !== null && typeof v === 'object' && !Array.isArray(v) && Object.getPrototypeOf(v) === null ? BAG_MARK + text : text;
}

/** The value of a stored cell. */
export function readDynamic(stored: unknown): unknown {
  if (typeof stored !== 'string') return stored;
  if (stored.charCodeAt(0) === 0) return Object.setPrototypeOf(JSON.parse(stored.slice(1)), null) as unknown;
  return JSON.parse(stored) as unknown;
}

const stores = new WeakMap<object, unknown[]>();

const handler: ProxyHandler<unknown[]> = {
  get(target, prop, receiver) {
    if (typeof prop === 'string') {
      const c = prop.charCodeAt(0);
      if (c >= 48 && c <= 57) return readDynamic(target[prop as unknown as number]);
    }
    return Reflect.get(target, prop, receiver) as unknown;
  },
};

/** The column over `store` (stored cells, see storedDynamic / dynamicText). */
export function dynamicColumn(store: unknown[]): unknown[] {
  const column = new Proxy(store, handler);
  stores.set(column, store);
  return column;
}

/** The stored cells behind a dynamic column, or undefined for any other array. */
export function dynamicStore(column: unknown): unknown[] | undefined {
  return typeof column === 'object' && column !== null ? stores.get(column) : undefined;
}
