import { RabbitMQModule } from '@golevelup/nestjs-rabbitmq';
import { Global, Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { BROKER_TOPOLOGY, consumerChannels, topologyFromConfig } from './broker-topology.provider';
import { amqpConnectionName } from './connection-name';

@Global()
@Module({
  imports: [
    RabbitMQModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        uri: config.RABBITMQ_URL,
        connectionInitOptions: { wait: true, timeout: config.STARTUP_TIMEOUT_MS, reject: true },
        connectionManagerOptions: {
          // A frozen instance misses its heartbeats: the broker closes its connection and the
          // single-active-consumer queues it was reading pass to another instance.
          heartbeatIntervalInSeconds: config.AMQP_HEARTBEAT_S,
          reconnectTimeInSeconds: 1,
          connectionOptions: { clientProperties: { connection_name: amqpConnectionName(config.BROKER_PREFIX, 'consumers') } },
        },
        registerHandlers: true,
        enableControllerDiscovery: false,
        channels: consumerChannels(config),
      }),
    }),
  ],
  providers: [{ provide: BROKER_TOPOLOGY, inject: [APP_CONFIG], useFactory: topologyFromConfig }],
  exports: [RabbitMQModule, BROKER_TOPOLOGY],
})
export class MessagingModule {}
