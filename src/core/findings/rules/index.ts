/** Every detection rule, in the order they run. */
import type { Rule } from '../rule';
import { delegationGranted } from './delegationGranted';

export const allRules: readonly Rule[] = [
  delegationGranted,
];
