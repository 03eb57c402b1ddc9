import { RabbitMQModule } from '@golevelup/nestjs-rabbitmq';
import { Global, Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { BROKER_TOPOLOGY, consumerChannels, topologyFromConfig } from './broker-topology.provider';

@Global()
@Module({
  imports: [
    RabbitMQModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        uri: config.RABBITMQ_URL,
        connectionInitOptions: { wait: true, timeout: config.STARTUP_TIMEOUT_MS, reject: true },
        connectionManagerOptions: { heartbeatIntervalInSeconds: 5, reconnectTimeInSeconds: 1 },
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
