import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';

/** Structured JSON logs; every request line carries the correlation id it was handled under. */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        pinoHttp: {
          level: config.LOG_LEVEL,
          genReqId: (request) => headerValue(request.headers['x-correlation-id']) ?? randomUUID(),
          autoLogging: { ignore: (request) => request.url?.startsWith('/health') ?? false },
          redact: ['req.headers.authorization', 'req.headers["x-api-key"]'],
        },
      }),
    }),
  ],
})
export class LoggingModule {}

function headerValue(value: string | string[] | undefined): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return first && /^[\w.:-]{1,128}$/.test(first) ? first : undefined;
}
