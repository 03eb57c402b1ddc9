import { assertNever } from '../../../kernel/domain-event';
import { UnitTransitionRefusedError } from '../customs-import.errors';

/**
 * Where one unit is. pending -> fetched -> applying -> done is the happy path; refused (its rows do
 * not add up to the grand total, or the statistics refused a chunk for good), dead_lettered (it kept failing), split (replaced by its parts) and
 * cancelled end it otherwise. An operator's replay sends a dead-lettered or refused unit back to
 * pending.
 */
export type UnitState = 'pending' | 'fetched' | 'applying' | 'done' | 'refused' | 'dead_lettered' | 'split' | 'cancelled';

export const TERMINAL_UNIT_STATES: readonly UnitState[] = ['done', 'refused', 'dead_lettered', 'split', 'cancelled'];
export const UNIT_STATES: readonly UnitState[] = ['pending', 'fetched', 'applying', ...TERMINAL_UNIT_STATES];

/** The source's grand total and the sum of the rows, as exact decimal strings. */
export interface UnitChecksum {
  readonly sourceValueUsd: string;
  readonly sourceWeightKg: string;
  readonly rowsValueUsd: string;
  readonly rowsWeightKg: string;
}

/** Rows not applied because their partner is unknown or its Korean name names another country. */
export interface UnknownPartner {
  readonly code: string;
  readonly name: string;
  readonly reason: 'unknown-code' | 'unknown-name' | 'name-contradicts-code';
  readonly rows: number;
}

/** What reconciling a unit's scope decided; the counts are fixed when it starts applying. */
export interface ReconcileCounts {
  readonly recorded: number;
  readonly revised: number;
  readonly retracted: number;
  readonly unchanged: number;
}

export interface UnitProgress extends ReconcileCounts {
  readonly state: UnitState;
  readonly version: number;
  readonly attempts: number;
  readonly lastErrorCode: string | null;
  readonly lastError: string | null;
  readonly fetched: number;
  readonly checksum: UnitChecksum | null;
  readonly unknownPartners: readonly UnknownPartner[];
}

export type UnitCommand =
  | { readonly type: 'record-fetch'; readonly rows: number }
  | { readonly type: 'record-failure'; readonly code: string; readonly message: string; readonly maxAttempts: number }
  | { readonly type: 'split'; readonly code: string; readonly message: string }
  | { readonly type: 'refuse'; readonly code: string; readonly message: string; readonly checksum: UnitChecksum | null }
  | { readonly type: 'start-applying'; readonly counts: ReconcileCounts; readonly unknownPartners: readonly UnknownPartner[]; readonly checksum: UnitChecksum }
  | { readonly type: 'finish' }
  | { readonly type: 'replay' }
  | { readonly type: 'cancel' };

const NO_COUNTS: ReconcileCounts = { recorded: 0, revised: 0, retracted: 0, unchanged: 0 };

export function newUnitProgress(): UnitProgress {
  return { state: 'pending', version: 1, attempts: 0, lastErrorCode: null, lastError: null, fetched: 0, checksum: null, unknownPartners: [], ...NO_COUNTS };
}

export function isTerminal(state: UnitState): boolean {
  return TERMINAL_UNIT_STATES.includes(state);
}

/**
 * The next progress of a unit, or a refusal when the command does not apply in its state. Pure: the
 * repository saves the result only if the version it read is still current (compare-and-set).
 */
export function decideUnit(unit: UnitProgress, command: UnitCommand): UnitProgress {
  const next = (changes: Partial<UnitProgress>): UnitProgress => ({ ...unit, ...changes, version: unit.version + 1 });
  const expectState = (...states: UnitState[]): void => {
    if (!states.includes(unit.state)) throw new UnitTransitionRefusedError(command.type, unit.state);
  };
  switch (command.type) {
    case 'record-fetch':
      expectState('pending');
      return next({ state: 'fetched', attempts: unit.attempts + 1, fetched: command.rows });
    case 'record-failure': {
      expectState('pending');
      const attempts = unit.attempts + 1;
      return next({ state: attempts >= command.maxAttempts ? 'dead_lettered' : 'pending', attempts, lastErrorCode: command.code, lastError: command.message });
    }
    case 'split':
      expectState('pending');
      return next({ state: 'split', attempts: unit.attempts + 1, lastErrorCode: command.code, lastError: command.message });
    case 'refuse':
      expectState('fetched', 'applying');
      return next({ state: 'refused', lastErrorCode: command.code, lastError: command.message, checksum: command.checksum });
    case 'start-applying':
      expectState('fetched');
      return next({ state: 'applying', ...command.counts, unknownPartners: command.unknownPartners, checksum: command.checksum });
    case 'finish':
      expectState('applying');
      return next({ state: 'done' });
    case 'replay':
      expectState('dead_lettered', 'refused');
      return next({ ...NO_COUNTS, state: 'pending', attempts: 0, fetched: 0, checksum: null, unknownPartners: [] });
    case 'cancel':
      expectState('pending', 'fetched', 'dead_lettered', 'refused');
      return next({ state: 'cancelled' });
    default:
      return assertNever(command, 'unit command');
  }
}
