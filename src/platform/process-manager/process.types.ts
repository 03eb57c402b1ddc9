import type { ICommand } from '@nestjs/cqrs';
import type { EventMetadata } from '../event-log/event-log.types';

/** Where a process stands, as the platform stores, counts and lists it. */
export type ProcessStatus = 'running' | 'compensating' | 'completed' | 'compensated' | 'cancelled' | 'failed';

export const LIVE_STATUSES: readonly ProcessStatus[] = ['running', 'compensating'];

export function isLive(status: ProcessStatus): boolean {
  return LIVE_STATUSES.includes(status);
}

/** An event from the log, as a process sees it. */
export interface ProcessEvent {
  readonly kind: 'event';
  readonly messageId: string;
  readonly type: string;
  readonly streamId: string;
  readonly position: string;
  readonly correlationId: string;
  readonly causationId: string | null;
  readonly data: Readonly<Record<string, unknown>>;
}

/** A deadline the process asked for has passed. */
export interface DeadlineReached {
  readonly kind: 'deadline';
  readonly name: string;
  readonly dueAt: string;
}

/** A command the process issued was executed; `result` is what the handler returned. */
export interface CommandSucceeded {
  readonly kind: 'command-succeeded';
  readonly name: string;
  readonly seq: number;
  readonly result: unknown;
}

/** A command the process issued was refused (a domain error) or failed too often to try again. */
export interface CommandFailed {
  readonly kind: 'command-failed';
  readonly name: string;
  readonly seq: number;
  readonly error: string;
}

/** Anything else sent to a live process by key (an acknowledgement, an operator's request). */
export interface ProcessSignal {
  readonly kind: 'signal';
  readonly type: string;
  readonly data: Readonly<Record<string, unknown>>;
}

/**
 * An operator asks that the failed command `name` (its `seq`) be sent again. A decision that takes it
 * up returns a state that awaits that command's answer again; the manager then queues the command
 * again as it was, attempts and error cleared. A decision that changes nothing refuses the retry.
 */
export interface RetryRequested {
  readonly kind: 'retry-requested';
  readonly name: string;
  readonly seq: number;
  readonly by: string;
}

export type ProcessInput = ProcessEvent | DeadlineReached | CommandSucceeded | CommandFailed | ProcessSignal | RetryRequested;

/** A command as a decision names it: plain data, stored until it is sent. */
export interface ProcessCommand {
  readonly name: string;
  /** Stored as JSON: plain fields only. */
  readonly payload: object;
}

export interface DeadlineRequest {
  readonly name: string;
  readonly dueAt: Date;
}

/** What a process decides on one input: its next state and what must happen because of it. */
export interface ProcessDecision<S> {
  readonly state: S;
  readonly commands: readonly ProcessCommand[];
  /** Set (or moved) by name; a deadline of the same name that has not fired is replaced. */
  readonly deadlines: readonly DeadlineRequest[];
  /** Removed without firing. Every deadline goes when the process ends. */
  readonly cancelDeadlines: readonly string[];
  /** Shown to operators; null keeps what was there. */
  readonly lastError?: string | null;
}

/**
 * One kind of process, as a context defines it for the process manager. `route` and `decide` are
 * pure; `toBusCommand` builds the Nest command (with the metadata the manager gives: the process as
 * causation, its correlation id) that the CommandBus executes.
 */
export interface ProcessDefinition<S = unknown> {
  readonly type: string;
  /** The event types it reacts to; others never reach `route`. */
  readonly eventTypes: readonly string[];
  /** The process an event belongs to (its key), and whether it may start one; null: not this process's. */
  route(event: ProcessEvent): ProcessRoute | null;
  decide(state: S | null, input: ProcessInput, context: DecideContext): ProcessDecision<S>;
  statusOf(state: S): ProcessStatus;
  toBusCommand(command: ProcessCommand, metadata: EventMetadata): ICommand;
  /** Whether a failed command is worth trying again (an outage) or is refused for good. */
  isPermanent(error: unknown): boolean;
  /** The steps as operators see them (GraphQL `process(id)`), read from a stored state. */
  stepsOf?(state: S): readonly ProcessStepView[];
}

export interface ProcessStepView {
  readonly name: string;
  readonly startedAt: string;
  readonly endedAt: string | null;
  readonly error: string | null;
}

export interface ProcessRoute {
  readonly key: string;
  /** Whether the event starts a process when none of this type is live for the key. */
  readonly starts: boolean;
  /**
   * It starts one only if the latest process of another type for the same key is in one of these
   * statuses ('none': there never was one): a reactivation reverses a completed deactivation only.
   */
  readonly startsAfter?: { readonly type: string; readonly statusIn: readonly (ProcessStatus | 'none')[] };
}

/** What a decision may know besides state and input: the time, and which process it is deciding for. */
export interface DecideContext {
  readonly now: Date;
  readonly processId: string;
}

const PROCESS_ACTOR = 'process:';

/** The metadata of a command a process sends: its correlation id, the process as causation and actor. */
export function processCommandMetadata(processId: string, processType: string, correlationId: string): EventMetadata {
  return { correlationId, causationId: processId, actor: `${PROCESS_ACTOR}${processType}` };
}

/**
 * Which process sent a command, from its metadata; null when no process did. A handler that
 * answers later by signal (ProcessManagerHost.signal) needs the type; the id names its answer.
 */
export function issuingProcess(metadata: EventMetadata): { readonly type: string; readonly id: string } | null {
  if (!metadata.actor.startsWith(PROCESS_ACTOR) || !metadata.causationId) return null;
  return { type: metadata.actor.slice(PROCESS_ACTOR.length), id: metadata.causationId };
}

/** Ignoring an input is a decision too: the same state, nothing to do. */
export function unchanged<S>(state: S): ProcessDecision<S> {
  return { state, commands: [], deadlines: [], cancelDeadlines: [] };
}
