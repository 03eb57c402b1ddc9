import { Module, type DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { IncomingMessage } from 'node:http';
import type { DestinationStream } from 'pino';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { traceIdsOfRequest } from '../tracing/request-spans';
import { traceLogFields } from '../tracing/tracer';
import { correlationIdOf } from './correlation-id';
import { requestLogView } from './request-log';

/**
 * Structured JSON logs; every request line carries the request's correlation id as `req.id`, the
 * same id its events carry in their metadata, and with tracing on `traceId` and `spanId`. Logs go
 * to stdout unless a destination is given (tests read the lines back).
 */
@Module({})
export class LoggingModule {
  static forRoot(destination?: DestinationStream): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => {
            const options = {
              level: config.LOG_LEVEL,
              genReqId: correlationIdOf,
              autoLogging: { ignore: (request: { url?: string }) => request.url?.startsWith('/health') ?? false },
              // An allow-list, not a deny-list: a header nobody thought of never reaches the log.
              serializers: { req: requestLogView },
              // With tracing on, a line written inside a traced context names its trace and span;
              // the request's own line, written after the response, names its operation's.
              ...(config.TRACING_ENABLED
                ? {
                    mixin: traceLogFields,
                    customProps: (request: IncomingMessage) => traceIdsOfRequest(request) ?? {},
                  }
                : {}),
            };
            return { pinoHttp: destination ? [options, destination] : options };
          },
        }),
      ],
    };
  }
}
