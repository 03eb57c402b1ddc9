import { MercuriusDriver, MercuriusDriverConfig } from '@nestjs/mercurius';
import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { join } from 'node:path';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { AuthModule } from '../auth/auth.module';
import { Authenticator } from '../auth/authenticator';
import type { RequestContext } from '../auth/request-context';
import { correlationIdOf } from '../logging/correlation-id';
import { METRICS_REGISTRY } from '../metrics/metrics-registry';
import type { Registry } from 'prom-client';
import { projectRoot } from '../project-root';
import type { FastifyRequest } from 'fastify';
import { DomainErrorFilter } from './domain-error.filter';
import { formatGraphqlErrors } from './error-formatter';
import { credentialGuard, executionGuard, requireDocument } from './execution-guards';
import { parseLimits, validationLimits } from './graphql-limits';
import { GraphqlMetrics } from './graphql-metrics';
import { nameOperationSpan, recordOperationErrors } from './graphql-tracing';
import { closeRefusedConnections, subscriptionConnectionAuth, subscriptionHooks } from './subscription-guards';
import { DateTimeScalar } from './scalars/date-time.scalar';
import { DecimalScalar } from './scalars/decimal.scalar';

/** Schema-first: schema.graphql at the top level is the contract, resolvers bind to it by name. */
@Module({
  providers: [DecimalScalar, DateTimeScalar, { provide: APP_FILTER, useClass: DomainErrorFilter }],
  imports: [
    GraphQLModule.forRootAsync<MercuriusDriverConfig>({
      driver: MercuriusDriver,
      imports: [AuthModule],
      inject: [APP_CONFIG, Authenticator, METRICS_REGISTRY],
      useFactory: (config: AppConfig, authenticator: Authenticator, registry: Registry, metrics = new GraphqlMetrics(registry)) => ({
        typePaths: [join(projectRoot(), 'schema.graphql')],
        graphiql: config.GRAPHIQL,
        path: '/graphql',
        graphql: { parseOptions: parseLimits(config) },
        validationRules: validationLimits(config),
        allowBatchedQueries: false,
        hooks: {
          preParsing: credentialGuard({ publicReads: config.PUBLIC_READS }),
          preValidation: requireDocument,
          preExecution: [...(config.TRACING_ENABLED ? [nameOperationSpan] : []), metrics.rememberOperation, executionGuard],
          onResolution: config.TRACING_ENABLED ? [metrics.observe, recordOperationErrors] : metrics.observe,
          ...subscriptionHooks(config),
        },
        // graphql-transport-ws (and the legacy graphql-ws) on the same path; ADR 0010.
        subscription: {
          onConnect: subscriptionConnectionAuth(authenticator),
          context: closeRefusedConnections,
          keepAlive: config.SUBSCRIPTION_KEEPALIVE_MS,
        },
        errorFormatter: metrics.counting(formatGraphqlErrors),
        context: async (request: FastifyRequest): Promise<RequestContext> => ({
          // The raw request, as the request logger sees it: both get the same id.
          correlationId: correlationIdOf(request.raw),
          principal: await authenticator.authenticate(request.headers),
        }),
      }),
    }),
  ],
})
export class GraphqlPlatformModule {}
