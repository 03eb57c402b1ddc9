import { Inject, Logger, Module, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { CommandBus, type ICommand } from '@nestjs/cqrs';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { stopTracing } from './start-tracing';
import { inSpan } from './tracer';

/**
 * With tracing on: a span around every command the CommandBus executes, and the SDK flushed and
 * stopped when the application shuts down. With tracing off it does nothing: the bus is left as
 * Nest made it.
 */
@Module({})
export class TracingModule implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Tracing');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly commands: CommandBus,
  ) {}

  onModuleInit(): void {
    if (this.config.TRACING_ENABLED) traceCommands(this.commands);
  }

  /** The last spans' export may fail (the collector is gone): that must not fail the shutdown. */
  async onApplicationShutdown(): Promise<void> {
    await stopTracing().catch((error: unknown) => this.logger.warn(`the last spans were not exported: ${String(error)}`));
  }
}

/** The bus has no hook around a handler's execution, so its execute is wrapped, on this instance only. */
function traceCommands(bus: CommandBus): void {
  const execute = bus.execute.bind(bus) as (command: ICommand, context?: unknown) => Promise<unknown>;
  const traced = (command: ICommand, context?: unknown): Promise<unknown> => {
    const name = command.constructor.name;
    return inSpan(`command ${name}`, { attributes: { 'command.name': name } }, () => execute(command, context));
  };
  (bus as { execute: typeof traced }).execute = traced;
}
