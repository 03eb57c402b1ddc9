import type { DeliveredEvent, MessageHandler } from '../delivery/message-handler';
import type { ProcessRunner } from './process-runner';
import type { ProcessEvent } from './process.types';

/**
 * The processes' consumer of their own queue. Events are taken one at a time in queue order: a
 * batch that fails is retried message by message, and a process that already took a message in
 * (its id is recorded) ignores it the second time.
 */
export class ProcessEventHandler implements MessageHandler {
  readonly name = 'processes';

  constructor(private readonly runner: ProcessRunner) {}

  handles(type: string): boolean {
    return this.runner.listensTo(type);
  }

  async handleBatch(messages: readonly DeliveredEvent[]): Promise<void> {
    for (const message of messages) await this.runner.onEvent(processEvent(message));
  }
}

export function processEvent(message: DeliveredEvent): ProcessEvent {
  return {
    kind: 'event',
    messageId: message.eventId,
    type: message.type,
    streamId: message.streamId,
    position: message.position,
    correlationId: message.correlationId,
    causationId: message.causationId,
    data: message.data,
  };
}
