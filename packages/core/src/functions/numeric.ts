import { type FunctionDef } from '../expression/evaluate.js';
import { armTypeOf } from '../value.js';
import { fn, fail, int, value } from './util.js';

const INT64_MAX = 9223372036854775807;

function checkedInt(name: string, n: number): number {
  if (!Number.isFinite(n) || Math.abs(n) > INT64_MAX) fail(name, 'the result overflows a 64-bit integer');
  return n;
}

export const numericFunctions: FunctionDef[] = [
  fn('add', 2, 2, (a) => checkedInt('add', int('add', a, 0) + int('add', a, 1))),
  fn('sub', 2, 2, (a) => checkedInt('sub', int('sub', a, 0) - int('sub', a, 1))),
  fn('mul', 2, 2, (a) => checkedInt('mul', int('mul', a, 0) * int('mul', a, 1))),
  fn('div', 2, 2, (a) => {
    const d = int('div', a, 1);
    if (d === 0) fail('div', 'division by zero');
    return Math.trunc(int('div', a, 0) / d);
  }),
  fn('mod', 2, 2, (a) => {
    const d = int('mod', a, 1);
    if (d === 0) fail('mod', 'division by zero');
    return int('mod', a, 0) % d; // JS % keeps the dividend's sign, as C# does
  }),
  fn('int', 1, 1, (a) => {
    const v = value('int', a, 0);
    if (typeof v === 'number') return Math.trunc(v);
    if (typeof v === 'string' && /^\s*[+-]?\d+\s*$/.test(v)) {
      const n = Number(v.trim());
      if (Math.abs(n) > INT64_MAX) fail('int', `"${v}" is too large for a 64-bit integer`);
      return n;
    }
    fail('int', `cannot convert ${typeof v === 'string' ? JSON.stringify(v) : armTypeOf(v)} to an integer`);
  }),
  fn('float', 1, 1, (a) => {
    const v = value('float', a, 0);
    if (typeof v === 'number') return v;
    if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
    fail('float', `cannot convert ${typeof v === 'string' ? JSON.stringify(v) : armTypeOf(v)} to a number`);
  }),
];

