/**
 * The built-ins pdf.js's legacy build replaces for the whole process when it loads (its
 * core-js polyfills), as they were before: Node's own JSON.parse, JSON.stringify and
 * Array.prototype.push, among others. The polyfills are several times slower, and every
 * message to and from the browser goes through JSON: a build that loaded pdf.js spent
 * a tenth of its time in them. Imported before pdf.js (see ./index.ts).
 */
const OWNERS: Record<string, object> = {
  Array,
  "Array.prototype": Array.prototype,
  JSON,
  Object,
  "Object.prototype": Object.prototype,
  Promise,
  Map,
  "Map.prototype": Map.prototype,
  Set,
  "Set.prototype": Set.prototype,
  String,
  "String.prototype": String.prototype,
  Uint8Array,
  "Uint8Array.prototype": Uint8Array.prototype,
  TypedArray: Object.getPrototypeOf(Uint8Array) as object,
  "TypedArray.prototype": Object.getPrototypeOf(Uint8Array.prototype) as object,
  ArrayBuffer,
  "ArrayBuffer.prototype": ArrayBuffer.prototype,
  Math,
};

type Snapshot = { owner: object; key: PropertyKey; descriptor: PropertyDescriptor }[];

function snapshot(): Snapshot {
  return Object.values(OWNERS).flatMap((owner) =>
    Reflect.ownKeys(owner).map((key) => ({ owner, key, descriptor: Object.getOwnPropertyDescriptor(owner, key) as PropertyDescriptor })),
  );
}

const before = snapshot();

/**
 * Puts back every built-in that existed before pdf.js loaded and was replaced since. What
 * Node lacks and pdf.js added (Promise.withResolvers, Uint8Array.fromBase64…) stays.
 */
export function restoreNatives(): void {
  for (const { owner, key, descriptor } of before) {
    const now = Object.getOwnPropertyDescriptor(owner, key);
    if (now && (now.value !== descriptor.value || now.get !== descriptor.get)) Object.defineProperty(owner, key, descriptor);
  }
}
