/** Arrays and property bags: array_length, bag_keys, pack, bag_pack, pack_array, set_has_element. */
import { isBag, isNull, looseEquals, newBag } from '../exec/values';
import { fn, returnsType, type ScalarFunction } from './types';

function packCompile(args: readonly ((r: number) => unknown)[]) {
  return (r: number): unknown => {
    const bag = newBag();
    for (let i = 0; i + 1 < args.length; i += 2) {
      const k = args[i]!(r);
      if (typeof k === 'string') bag[k] = args[i + 1]!(r);
    }
    return bag;
  };
}

export const dynamicFunctions: readonly ScalarFunction[] = [
  fn({
    name: 'array_length', signature: 'array_length(array: dynamic): long', description: 'The number of elements; null when the value is not an array.',
    minArgs: 1, maxArgs: 1, params: ['dynamic'], returns: returnsType('long'),
    compile: ([a]) => (r) => {
      const v = a!(r);
      return Array.isArray(v) ? v.length : null;
    },
  }),
  fn({
    name: 'bag_keys', signature: 'bag_keys(bag: dynamic): dynamic', description: 'The keys of a property bag, as an array.',
    minArgs: 1, maxArgs: 1, params: ['dynamic'], returns: returnsType('dynamic'),
    compile: ([a]) => (r) => {
      const v = a!(r);
      return isBag(v) ? Object.keys(v) : null;
    },
  }),
  ...(['pack', 'bag_pack'] as const).map((name) => fn({
    name, signature: `${name}(key1: string, value1, key2: string, value2, ...): dynamic`, description: 'A property bag of the key/value pairs.',
    minArgs: 2, maxArgs: 128, params: ['string', 'any'], returns: returnsType('dynamic'),
    compile: (args) => packCompile(args),
  })),
  fn({
    name: 'pack_array', signature: 'pack_array(value1, value2, ...): dynamic', description: 'An array of the values.',
    minArgs: 1, maxArgs: 128, params: ['any'], returns: returnsType('dynamic'),
    compile: (args) => (r) => args.map((a) => { const v = a(r); return isNull(v) ? null : v; }),
  }),
  fn({
    name: 'set_has_element', signature: 'set_has_element(set: dynamic, value): bool', description: 'true when the array holds the value.',
    minArgs: 2, maxArgs: 2, params: ['dynamic', 'any'], returns: returnsType('bool'),
    compile: ([s, v]) => (r) => {
      const set = s!(r);
      const x = v!(r);
      return Array.isArray(set) ? set.some((e) => looseEquals(e, x) === true) : null;
    },
  }),
];
